#!/usr/bin/env python3
# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The scale-out path, run on this machine: two Odoo servers behind nginx, one
PostgreSQL primary and a streaming replica; members vote across both servers,
one server is killed mid-load.

What it starts (ports ``--port-base`` + offset, default 18700-18799), all under
``.odoo-data/scale/`` (removed at the end unless ``--keep``):

- a PostgreSQL primary of its own (``initdb``, port +0, ``wal_level=replica``)
  and a hot-standby replica made with ``pg_basebackup -R`` (port +1), both with
  Debian's PostgreSQL binaries (``--pg-bindir``, default the newest of
  ``/usr/lib/postgresql/*/bin``), trust authentication on 127.0.0.1 only; the
  replica logs its statements, to show which requests read it;
- two Odoo servers (``--workers`` each, HTTP on +10/+20, websocket (gevent) on
  +11/+21) on the same database and the same data directory (filestore and
  sessions, as shared storage would be), the replica in ``db_replica_host`` /
  ``db_replica_port``, the cron on the first server only;
- Debian's nginx (port +80, not a daemon, its own configuration and logs): one
  upstream of both HTTP ports, one of both websocket ports for ``/websocket``
  (with the Upgrade headers); no stickiness, the bus works across servers
  through PostgreSQL's NOTIFY.

Then it checks, printing PASS/FAIL with figures:

1. ``--members`` members sign in and vote through nginx, on both servers;
2. bus messages reach screens attached to either server: a websocket on each
   server (and one through nginx) subscribed to the session's channel as the
   console and the tablet do, a change made through the other server;
3. the session state route (what the console, the tablet and the projector read
   after each bus message) reads the primary: the replica sees none of its
   queries, while Odoo's read-only ``/my/counters`` is served by the replica;
4. the second server is killed (SIGKILL, with its workers) when a third of the
   votes are acknowledged: every vote acknowledged (HTTP 200, ``ok``) is in the
   database, every member's vote is counted exactly once (a client retries what
   failed; a vote again replaces the member's answer);
5. the replication lag (bytes and time, sampled during the votes).

``python3 tools/scale_demo.py [--members 150] [--workers 2] [--keep]`` (or
``make scale-demo``); exits 1 when a check fails. Everything it started is
stopped, also on failure or Ctrl+C.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(0, str(REPO / "bench"))

import odoo_env  # noqa: E402

MODULES = "ecabinet_console"  # the live screens, the votes, the sessions
PASSWORD = "scale-demo-vote"  # noqa: S105 - throwaway accounts of a scratch cluster
DBNAME = "ecabinet_scale"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
LOG_ENTRY_RE = re.compile(r"\n(?=\d{4}-\d\d-\d\d )")  # log_line_prefix '%m ...'


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=150)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port-base", type=int, default=18700)
    parser.add_argument("--pg-bindir", help="PostgreSQL binaries (initdb, pg_ctl)")
    parser.add_argument("--keep", action="store_true", help="keep .odoo-data/scale")
    return parser.parse_args()


def pg_bindir(wanted):
    if wanted:
        return Path(wanted)
    found = sorted(
        (int(p.parent.parent.name), p.parent)
        for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")
        if p.parent.parent.name.isdigit()
    )
    if not found:
        odoo_env.die("no PostgreSQL under /usr/lib/postgresql (apt install postgresql)")
    return found[-1][1]


def log(message):
    print(f"[scale] {message}", flush=True)


# Processes --------------------------------------------------------------------------


class Stack:
    """What the run started, stopped in reverse order by :meth:`stop_all`."""

    def __init__(self, root, bindir):
        self.root = root
        self.bindir = bindir
        self.run_as = "postgres" if os.geteuid() == 0 else None
        self.clusters = []
        self.processes = []  # (name, Popen) in their own process group

    def _demote(self):
        if not self.run_as:
            return None
        import pwd  # noqa: PLC0415

        entry = pwd.getpwnam(self.run_as)

        def preexec():
            os.setgid(entry.pw_gid)
            os.initgroups(self.run_as, entry.pw_gid)
            os.setuid(entry.pw_uid)

        return preexec

    def pg(self, tool, *args, **kwargs):
        """Run a PostgreSQL program as the cluster's owner."""
        command = [str(self.bindir / tool), *map(str, args)]
        out = subprocess.run(  # noqa: S603 - PostgreSQL's programs
            command,
            preexec_fn=self._demote(),  # noqa: PLW1509 - single-threaded here
            cwd="/",
            capture_output=True,
            text=True,
            check=False,
            **kwargs,
        )
        if out.returncode:
            raise RuntimeError(f"{' '.join(command)}: {out.stderr.strip()}")
        return out.stdout

    def owned_dir(self, path):
        path.mkdir(parents=True, exist_ok=True)
        if self.run_as:
            shutil.chown(path, self.run_as, self.run_as)
        return path

    def start_cluster(self, datadir):
        self.pg("pg_ctl", "start", "-w", "-t", "120", "-D", datadir, "-l",
                datadir / "server.log", start_new_session=True)  # fmt: skip
        self.clusters.append(datadir)

    def spawn(self, name, command, logfile, env=None):
        with open(logfile, "ab") as out:
            process = subprocess.Popen(  # noqa: S603 - Odoo, nginx
                command,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=env,
                cwd=REPO,
            )
        self.processes.append((name, process))
        return process

    def kill(self, process, sig=signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)

    def stop_all(self):
        for name, process in reversed(self.processes):
            if process.poll() is None:
                self.kill(process, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    self.kill(process)
                    process.wait()
                log(f"stopped {name}")
            # The workers of a killed master may outlive it in its group.
            self.kill(process)
        for datadir in reversed(self.clusters):
            try:
                self.pg("pg_ctl", "stop", "-w", "-m", "fast", "-D", datadir)
                log(f"stopped PostgreSQL {datadir.name}")
            except RuntimeError as error:
                log(f"PostgreSQL {datadir.name}: {error}")
        self.processes, self.clusters = [], []


# PostgreSQL: a primary and its replica -----------------------------------------------


def make_clusters(stack, ports):
    primary = stack.owned_dir(stack.root / "pg-primary")
    replica = stack.root / "pg-replica"
    stack.pg("initdb", "-D", primary, "-U", "root", "--auth=trust", "-E", "UTF8",
             "--locale=C.UTF-8")  # fmt: skip
    with open(primary / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write(
            f"\n# tools/scale_demo.py\nport = {ports['pg_primary']}\n"
            "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\n"
            "max_connections = 200\nwal_level = replica\nmax_wal_senders = 4\n"
            "hot_standby = on\nhot_standby_feedback = on\n"
        )
    stack.start_cluster(primary)
    stack.owned_dir(replica)
    replica.chmod(0o700)
    stack.pg("pg_basebackup", "-h", "127.0.0.1", "-p", ports["pg_primary"], "-U",
             "root", "-D", replica, "-R", "-X", "stream", "-c", "fast")  # fmt: skip
    with open(replica / "postgresql.conf", "a", encoding="utf-8") as conf:
        # what the replica runs, logged: which requests Odoo sends to it
        conf.write(
            f"port = {ports['pg_replica']}\nlog_statement = 'all'\n"
            "log_line_prefix = '%m [%p] %d '\n"
        )
    stack.start_cluster(replica)
    return primary, replica


def sql(port, query, params=None, dbname="postgres"):
    import psycopg2  # noqa: PLC0415

    conn = psycopg2.connect(host="127.0.0.1", port=port, user="root", dbname=dbname)
    try:
        with conn.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall()
    finally:
        conn.close()


# Odoo and nginx ---------------------------------------------------------------------


def odoo_args(stack, ports):
    found = odoo_env.project_addons()
    pg = odoo_env.PgSettings("127.0.0.1", ports["pg_primary"], "root")
    return odoo_env.odoo_cli_args(
        found.dirs, odoo_env.find_odoo(), str(stack.root / "data"), pg
    )


def install(stack, cli_args, members):
    log(f"installing {MODULES} in {DBNAME} (primary) ...")
    subprocess.run(  # noqa: S603 - Odoo itself
        [sys.executable, "-m", "odoo", *cli_args, "-d", DBNAME, "-i", MODULES,
         "--without-demo=all", "--stop-after-init", "--log-level=warn"],
        check=True,
    )  # fmt: skip
    log(f"creating {members} members and an open vote ...")
    from _data import open_vote_with_members  # noqa: PLC0415

    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config([*cli_args, "-d", DBNAME, "--log-level=warn"])
    with Registry(DBNAME).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        meeting, ballot, logins = open_vote_with_members(env, members, PASSWORD)
        ids = {"meeting": meeting.id, "ballot": ballot.id}
        cr.commit()
    odoo.sql_db.close_all()
    return ids, logins


def start_odoo(stack, cli_args, ports, workers, index):
    http_port, gevent_port = ports["odoo"][index]
    command = [
        sys.executable,
        str(REPO / "bench" / "_odoo_launcher.py"),
        *cli_args,
        "--db_replica_host=127.0.0.1",
        f"--db_replica_port={ports['pg_replica']}",
        "--db_maxconn=16",
        f"--db-filter=^{DBNAME}$",
        f"--workers={workers}",
        # the cron runs on one server only
        f"--max-cron-threads={1 if index == 0 else 0}",
        f"--http-port={http_port}",
        f"--gevent-port={gevent_port}",
        "--http-interface=127.0.0.1",
        "--proxy-mode",
        "--log-level=warn",
        "--limit-time-real=300",
    ]
    env = {**os.environ, "ECABINET_LOAD_GEVENT": "1"}
    name = f"Odoo server {'AB'[index]} (:{http_port}, websocket :{gevent_port})"
    return stack.spawn(name, command, stack.root / f"odoo-{'ab'[index]}.log", env)


NGINX_CONF = """\
# Generated by tools/scale_demo.py
{user}
worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log warn;
events {{ worker_connections 2048; }}
http {{
    client_body_temp_path {root}/nginx-tmp/body;
    proxy_temp_path {root}/nginx-tmp/proxy;
    fastcgi_temp_path {root}/nginx-tmp/fastcgi;
    uwsgi_temp_path {root}/nginx-tmp/uwsgi;
    scgi_temp_path {root}/nginx-tmp/scgi;
    log_format upstream '$remote_addr "$request" $status $upstream_addr '
                        '$upstream_status $request_time';
    access_log {root}/nginx-access.log upstream;
    client_max_body_size 64m;

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      close;
    }}
    # No stickiness: sessions live in the shared data directory and the bus
    # reaches every server through PostgreSQL's NOTIFY.
    upstream odoo {{
        server 127.0.0.1:{http_a} max_fails=1 fail_timeout=10s;
        server 127.0.0.1:{http_b} max_fails=1 fail_timeout=10s;
    }}
    upstream odoo_websocket {{
        server 127.0.0.1:{ws_a} max_fails=1 fail_timeout=10s;
        server 127.0.0.1:{ws_b} max_fails=1 fail_timeout=10s;
    }}
    server {{
        listen 127.0.0.1:{port};
        proxy_connect_timeout 5s;
        proxy_read_timeout 720s;
        proxy_send_timeout 720s;
        # A request not sent yet goes to the other server; a POST that reached
        # a server that died is not replayed (the client retries, the vote is
        # idempotent per member).
        proxy_next_upstream error timeout;
        add_header X-Upstream $upstream_addr always;

        location /websocket {{
            proxy_pass http://odoo_websocket;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Real-IP $remote_addr;
        }}
        location / {{
            proxy_pass http://odoo;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Real-IP $remote_addr;
        }}
    }}
}}
"""


def start_nginx(stack, ports):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        odoo_env.die("nginx is not installed (apt install nginx; make scale-demo does)")
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (stack.root / "nginx-tmp" / sub).mkdir(parents=True, exist_ok=True)
    conf = stack.root / "nginx.conf"
    (http_a, ws_a), (http_b, ws_b) = ports["odoo"]
    conf.write_text(
        NGINX_CONF.format(
            user="user root root;" if os.geteuid() == 0 else "",
            root=stack.root,
            port=ports["nginx"],
            http_a=http_a,
            http_b=http_b,
            ws_a=ws_a,
            ws_b=ws_b,
        ),
        encoding="utf-8",
    )
    command = [nginx, "-p", str(stack.root), "-c", str(conf)]
    subprocess.run([*command, "-t", "-q"], check=True)  # noqa: S603
    return stack.spawn(f"nginx (:{ports['nginx']})", command, stack.root / "nginx.out")


def wait_for(url, process, what):
    deadline = time.time() + 180
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited ({process.returncode}), see its log")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=5).status_code == 200:
                return
        time.sleep(1)
    raise RuntimeError(f"{what} did not answer {url} within 3 minutes")


# Clients ----------------------------------------------------------------------------


class Timings:
    def __init__(self):
        self.latencies = []
        self.upstreams = {}
        self.lock = threading.Lock()

    def add(self, seconds, upstream):
        with self.lock:
            self.latencies.append(seconds)
            server = (upstream or "?").split(",")[-1].strip()
            self.upstreams[server] = self.upstreams.get(server, 0) + 1

    def p95(self):
        if len(self.latencies) < 2:
            return sum(self.latencies)
        return statistics.quantiles(self.latencies, n=20)[18]


def sign_in(base, login, timings, attempts=5):
    session = requests.Session()
    for attempt in range(attempts):
        try:
            page = session.get(f"{base}/web/login", timeout=120)
            csrf = CSRF_RE.search(page.text).group(1)
            started = time.perf_counter()
            response = session.post(
                f"{base}/web/login",
                data={"login": login, "password": PASSWORD, "csrf_token": csrf},
                allow_redirects=False,
                timeout=120,
            )
            if response.status_code == 303:
                timings.add(
                    time.perf_counter() - started, response.headers.get("X-Upstream")
                )
                return session
        except (requests.RequestException, AttributeError):
            pass
        time.sleep(0.5 * (attempt + 1))
    raise RuntimeError(f"{login} could not sign in")


def jsonrpc(session, url, params, timeout=120):
    response = session.post(
        url,
        json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1},
        timeout=timeout,
    )
    body = response.json() if response.status_code == 200 else {}
    return response, body


def run_threads(count, target):
    barrier = threading.Barrier(count)

    def body(n):
        barrier.wait()
        target(n)

    threads = [threading.Thread(target=body, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# The checks -------------------------------------------------------------------------


class Report:
    def __init__(self):
        self.lines = []
        self.failed = False

    def check(self, ok, what):
        self.failed |= not ok
        self.lines.append(f"  {'PASS' if ok else 'FAIL'}  {what}")
        log(self.lines[-1].strip())

    def figure(self, what):
        self.lines.append(f"        {what}")
        log(f"  {what}")


def check_bus(report, ports, session, ids, trigger_sessions):
    """Websockets on each server and through nginx, subscribed to the session's
    channel; a change made through one server, then through the other."""
    import websocket  # noqa: PLC0415 - websocket-client, from Odoo's requirements

    (http_a, ws_a), (http_b, ws_b) = ports["odoo"]
    cookie = f"session_id={session.cookies.get('session_id')}"
    last = sql(ports["pg_primary"], "SELECT coalesce(max(id), 0) FROM bus_bus",
               dbname=DBNAME)[0][0]  # fmt: skip
    screens = {}
    for name, port in (("A", ws_a), ("B", ws_b), ("nginx", ports["nginx"])):
        host = f"127.0.0.1:{port}"
        ws = websocket.create_connection(
            f"ws://{host}/websocket", cookie=cookie, origin=f"http://{host}", timeout=15
        )
        ws.send(
            json.dumps(
                {
                    "event_name": "subscribe",
                    "data": {"channels": [f"ecabinet_live_{ids['meeting']}"],
                             "last": last},
                }
            )
        )  # fmt: skip
        screens[name] = ws
    time.sleep(1)  # the subscriptions are registered by the websocket workers
    meeting_url = f"/my/ecabinet/sessions/{ids['meeting']}/live"
    try:
        for via, port, action in (("B", http_b, "speak"), ("A", http_a, "speak")):
            member = trigger_sessions[via]
            started = time.perf_counter()
            response, body = jsonrpc(
                member, f"http://127.0.0.1:{port}{meeting_url}/{action}", {}
            )
            ok = response.status_code == 200 and body.get("result") == {"ok": True}
            arrivals = {}
            for name, ws in screens.items():
                arrivals[name] = wait_for_live_message(ws, ids["meeting"], started)
            seen = {name: t for name, t in arrivals.items() if t is not None}
            report.check(
                ok and len(seen) == len(screens),
                f"bus: a change through server {via} reached the screens on "
                + ", ".join(
                    f"{name} ({t * 1000:.0f} ms)" if t is not None else f"{name} (NOT)"
                    for name, t in arrivals.items()
                ),
            )
    finally:
        for ws in screens.values():
            ws.close()


def wait_for_live_message(ws, meeting_id, started, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        ws.settimeout(max(deadline - time.time(), 0.1))
        try:
            frame = ws.recv()
        except Exception:  # noqa: BLE001 - websocket timeout
            return None
        with contextlib.suppress(ValueError, TypeError):
            for notification in json.loads(frame):
                message = notification.get("message", {})
                payload = message.get("payload") or {}
                if (
                    message.get("type") == "ecabinet.live/changed"
                    and payload.get("meeting_id") == meeting_id
                ):
                    return time.perf_counter() - started
    return None


def replica_reads(replica_log, offset):
    """Lines the replica logged since ``offset`` that read e-Cabinet tables."""
    with open(replica_log, encoding="utf-8", errors="replace") as log_file:
        log_file.seek(offset)
        entries = LOG_ENTRY_RE.split(log_file.read())
    return sum(1 for entry in entries if "statement:" in entry and "ecabinet_" in entry)


def check_fresh_reads(report, ports, base, sessions, ids, replica_log):
    """The state route reads the primary; Odoo's readonly route the replica."""
    session = sessions[0]
    state_url = f"{base}/ecabinet/live/{ids['meeting']}/state"
    answered = 0
    offset = replica_log.stat().st_size
    for _n in range(20):
        answered += "result" in jsonrpc(session, state_url, {"screen": "member"})[1]
    time.sleep(0.5)
    state_reads = replica_reads(replica_log, offset)
    offset = replica_log.stat().st_size
    for _n in range(20):
        counters = {"counters": ["ecabinet_document_count"]}
        answered += "result" in jsonrpc(session, f"{base}/my/counters", counters)[1]
    time.sleep(0.5)
    counter_reads = replica_reads(replica_log, offset)
    report.check(
        answered == 40 and state_reads == 0 and counter_reads > 0,
        "fresh reads: 20 session-state requests ran "
        f"{state_reads} queries of e-Cabinet tables on the replica; 20 Odoo "
        f"/my/counters (readonly route) ran {counter_reads} there",
    )


def state_burst(report, base, sessions, ids):
    """Every screen reloads the session state at once, as after a bus message."""
    url = f"{base}/ecabinet/live/{ids['meeting']}/state"
    timings, errors = Timings(), []

    def reload(n):
        started = time.perf_counter()
        try:
            response, body = jsonrpc(sessions[n], url, {"screen": "member"})
        except (requests.RequestException, ValueError) as error:
            errors.append(str(error))
            return
        if "result" not in body:
            errors.append(response.status_code)
            return
        timings.add(time.perf_counter() - started, response.headers.get("X-Upstream"))

    started = time.perf_counter()
    run_threads(len(sessions), reload)
    window = time.perf_counter() - started
    report.check(
        not errors,
        f"state reload burst: {len(sessions)} screens in {window:.1f} s "
        f"({len(timings.latencies) / window:.1f} req/s), p95 "
        f"{timings.p95() * 1000:.0f} ms, {len(errors)} errors; served by "
        f"{timings.upstreams}",
    )


def vote_with_kill(report, ports, base, sessions, ids, victim, stack):
    """Every member votes through nginx; ``victim`` is killed (SIGKILL) once a
    third of the votes are acknowledged. Returns the acknowledged logins."""
    url = f"{base}/my/ecabinet/sessions/{ids['meeting']}/live/vote"
    count = len(sessions)
    acked, failures, attempts, acked_at = {}, [], [], []
    timings = Timings()
    lock = threading.Lock()
    killed = threading.Event()
    kill_at = {}
    lag = []
    done = threading.Event()

    def sample_lag():
        while not done.is_set():
            with contextlib.suppress(Exception):
                lag.append(
                    sql(
                        ports["pg_primary"],
                        "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn),"
                        " extract(epoch FROM replay_lag),"
                        " (SELECT count(*) FROM pg_stat_activity WHERE datname = %s)"
                        " FROM pg_stat_replication",
                        [DBNAME],
                    )[0]
                )
            time.sleep(0.2)

    def vote(n):
        choice = ("agree", "disagree", "other")[n % 3]
        for attempt in range(8):
            started = time.perf_counter()
            try:
                response, body = jsonrpc(
                    sessions[n][1],
                    url,
                    {"ballot_id": ids["ballot"], "choice": choice},
                )
            except (requests.RequestException, ValueError) as error:
                response, body = None, {"error": str(error)}
            with lock:
                attempts.append(response.status_code if response is not None else 0)
            if response is not None and body.get("result") == {"ok": True}:
                timings.add(
                    time.perf_counter() - started, response.headers.get("X-Upstream")
                )
                with lock:
                    acked[sessions[n][0]] = choice
                    acked_at.append(time.perf_counter())
                    if len(acked) >= count // 3 and not killed.is_set():
                        killed.set()
                        kill_at["time"] = time.perf_counter()
                        kill_at["acked"] = len(acked)
                        stack.kill(victim)
                return
            time.sleep(0.3 * (attempt + 1))
        with lock:
            failures.append(sessions[n][0])

    sampler = threading.Thread(target=sample_lag)
    sampler.start()
    started = time.perf_counter()
    try:
        run_threads(count, vote)
    finally:
        done.set()
        sampler.join()
    window = time.perf_counter() - started
    retried = sum(1 for status in attempts if status != 200)
    kill_time = kill_at.get("time", started + window)
    before = sum(1 for t in acked_at if t <= kill_time)
    rates = (
        f"{before / max(kill_time - started, 1e-3):.1f} votes/s on 2 servers, "
        f"{(len(acked_at) - before) / max(started + window - kill_time, 1e-3):.1f} "
        "on the one left"
    )
    report.figure(
        f"votes: {len(acked)}/{count} acknowledged in {window:.1f} s "
        f"({rates}), p95 {timings.p95() * 1000:.0f} ms, "
        f"{len(attempts)} requests of which {retried} failed and were retried; "
        f"served by {timings.upstreams}"
    )
    report.check(
        killed.is_set(),
        f"server B killed (SIGKILL) after {kill_at.get('acked', 0)} acknowledged votes",
    )
    report.check(
        not failures, f"{len(failures)} members could not vote: {failures[:5]}"
    )
    return acked, lag


def check_votes(report, ports, ids, acked):
    rows = sql(
        ports["pg_primary"],
        """SELECT u.login, r.choice
             FROM ecabinet_ballot_response r
             JOIN ecabinet_ballot_voter v ON v.id = r.voter_id
             JOIN res_users u ON u.partner_id = v.partner_id
            WHERE r.ballot_id = %s""",
        [ids["ballot"]],
        dbname=DBNAME,
    )
    counted = {}
    for login, choice in rows:
        counted.setdefault(login, []).append(choice)
    twice = [login for login, choices in counted.items() if len(choices) > 1]
    lost = [login for login in acked if login not in counted]
    wrong = [login for login, choice in acked.items() if counted.get(login) != [choice]]
    report.check(
        not lost and not twice and not wrong,
        f"every acknowledged vote is in the database: {len(rows)} answers, "
        f"{len(counted)} members, {len(lost)} lost, {len(twice)} counted twice, "
        f"{len(wrong)} with another choice",
    )


def check_lag(report, ports, lag):
    # After the load: the replica catches up.
    deadline = time.time() + 30
    behind = None
    while time.time() < deadline:
        behind = sql(
            ports["pg_primary"],
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)"
            " FROM pg_stat_replication",
        )[0][0]
        if behind == 0:
            break
        time.sleep(0.2)
    byte_lags = [float(b or 0) for b, _t, _c in lag]
    time_lags = [float(t) for _b, t, _c in lag if t is not None]
    report.figure(
        "connections to the database on the primary during the votes: at most "
        f"{max((c for _b, _t, c in lag), default=0)} (both servers, cron, bus)"
    )
    report.check(
        behind == 0,
        f"replication: {len(lag)} samples during the votes, lag max "
        f"{max(byte_lags, default=0) / 1024:.0f} KiB / "
        f"{max(time_lags, default=0) * 1000:.0f} ms, median "
        f"{statistics.median(time_lags or [0]) * 1000:.0f} ms; caught up after the "
        f"load: {'yes' if behind == 0 else f'no ({behind} bytes behind)'}",
    )


# Main -------------------------------------------------------------------------------


def main():
    args = parse_args()
    base_port = args.port_base
    ports = {
        "pg_primary": base_port,
        "pg_replica": base_port + 1,
        "odoo": [(base_port + 10, base_port + 11), (base_port + 20, base_port + 21)],
        "nginx": base_port + 80,
    }
    busy = [
        port
        for port in (ports["pg_primary"], ports["pg_replica"], ports["nginx"],
                     *(p for pair in ports["odoo"] for p in pair))
        if not odoo_env.port_is_free(port, "127.0.0.1")
    ]  # fmt: skip
    if busy:
        odoo_env.die(f"ports in use: {busy} (another scale-demo running?)")
    root = REPO / ".odoo-data" / "scale"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    stack = Stack(root, pg_bindir(args.pg_bindir))

    def interrupted(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)
    report = Report()
    try:
        run(args, stack, ports, report)
    except Exception as error:  # noqa: BLE001 - report, then stop everything
        report.check(False, f"the run stopped: {type(error).__name__}: {error}")
    finally:
        log("stopping everything ...")
        stack.stop_all()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(
        f"\nScale-out run ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores,"
        f" {args.members} members, 2 Odoo servers x {args.workers} workers):"
    )
    print("\n".join(report.lines))
    print("FAILED" if report.failed else "PASSED")
    sys.exit(1 if report.failed else 0)


def run(args, stack, ports, report):
    log(f"PostgreSQL primary :{ports['pg_primary']}, replica :{ports['pg_replica']}")
    _primary, replica = make_clusters(stack, ports)
    cli_args = odoo_args(stack, ports)
    ids, logins = install(stack, cli_args, args.members)
    servers = [start_odoo(stack, cli_args, ports, args.workers, i) for i in (0, 1)]
    nginx = start_nginx(stack, ports)
    base = f"http://127.0.0.1:{ports['nginx']}"
    for server, (http_port, gevent_port) in zip(servers, ports["odoo"], strict=True):
        wait_for(f"http://127.0.0.1:{http_port}/web/login", server, "Odoo")
        wait_for(f"http://127.0.0.1:{gevent_port}/web/login", server, "Odoo (gevent)")
    wait_for(f"{base}/web/login", nginx, "nginx")
    log(f"nginx :{ports['nginx']} -> Odoo {ports['odoo']}; signing in ...")

    timings = Timings()
    sessions = [None] * len(logins)
    started = time.perf_counter()

    def sign_in_member(n):
        sessions[n] = (logins[n], sign_in(base, logins[n], timings))

    run_threads(len(logins), sign_in_member)
    window = time.perf_counter() - started
    report.figure(
        f"sign-in: {len(logins)} members in {window:.1f} s through nginx, p95 "
        f"{timings.p95() * 1000:.0f} ms, served by {timings.upstreams}"
    )
    report.check(
        len(timings.upstreams) == 2, "both servers served requests through nginx"
    )
    check_bus(
        report,
        ports,
        sessions[0][1],
        ids,
        {"A": sessions[1][1], "B": sessions[2][1]},
    )
    replica_log = replica / "server.log"
    check_fresh_reads(report, ports, base, [s for _l, s in sessions], ids, replica_log)
    state_burst(report, base, [s for _l, s in sessions], ids)
    log("voting; server B will be killed mid-load ...")
    acked, lag = vote_with_kill(report, ports, base, sessions, ids, servers[1], stack)
    check_votes(report, ports, ids, acked)
    check_lag(report, ports, lag)


if __name__ == "__main__":
    main()
