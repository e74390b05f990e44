#!/usr/bin/env python3
# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load test: 200 members open a session page and vote at once, over HTTP, on
Odoo in multi-worker mode; Odoo's own portal home page under the same load in
the same run is the reference.

1. installs our addons with their demo data in a fresh database;
2. adds a session in progress with an open vote on its current item and 200
   portal members present (through the ORM, committed);
3. starts Odoo with ``--workers=4 --max-cron-threads=0`` on a free port of
   8090-8099;
4. 200 clients (threads, one ``requests`` session each) sign in, then all at once
   open the session page and vote through the portal form (``/my/ecabinet/ballots/
   <vote>/answer``); then all at once open ``/my/home``;
5. checks that every vote is counted exactly once in the database and that no
   request got a 5xx, and prints p95 latency and throughput of each phase and the
   ratio to ``/my/home``.

``python3 bench/load_vote.py [--members 200] [--workers 4] [--keep-db]``; exits 1
if a vote is missing or counted twice, on any 5xx, or if the votes took more than
``--window`` seconds (10). Not part of ``make test``.
"""

import argparse
import contextlib
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import odoo_env  # noqa: E402

MODULES = "ecabinet_tasks_opinion"  # every addon of the product, with their demo
PASSWORD = "load-test-vote"  # noqa: S105 - throwaway accounts of a scratch database


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--window", type=float, default=10.0)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--server-log-level", default="warn", help="log level of the Odoo server"
    )
    return parser.parse_args()


def odoo_command():
    """Odoo's command line through a script (the multi-worker server starts its
    websocket worker with ``sys.argv[0]``, which ``-m odoo`` cannot be)."""
    return [sys.executable, str(Path(__file__).with_name("_odoo_launcher.py"))]


def pick_port():
    for port in range(8090, 8100):
        if odoo_env.port_is_free(port, "127.0.0.1"):
            return port
    odoo_env.die("no free port in 8090-8099 for the multi-worker server")


# Set-up through the ORM ------------------------------------------------------------


def setup(args, cli_args, dbname):
    import odoo  # noqa: PLC0415
    from odoo import Command, fields  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config([*cli_args, "-d", dbname, "--log-level=warn"])
    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = odoo.api.Environment(
            cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "no_reset_password": True}
        )
        groups = [
            env.ref("base.group_portal").id,
            env.ref("ecabinet_base.group_member").id,
        ]
        users = env["res.users"].create(
            [
                {
                    "name": f"Ủy viên tải {n:03d}",
                    "login": f"load.member{n:03d}",
                    "email": f"load.member{n:03d}@binhminh.example",
                    "groups_id": [Command.set(groups)],
                }
                for n in range(args.members)
            ]
        )
        # One password hash for all (hashing 200 passwords would take minutes).
        users[0].password = PASSWORD
        env.flush_all()
        cr.execute("SELECT password FROM res_users WHERE id = %s", [users[0].id])
        cr.execute(
            "UPDATE res_users SET password = %s WHERE id IN %s",
            [cr.fetchone()[0], tuple(users.ids)],
        )
        chair = env.ref("base.user_admin")
        committee = env["ecabinet.committee"].create(
            {
                "name": "Ủy ban kiểm thử tải",
                "code": "LOAD",
                "calendar_id": env.ref("ecabinet_base.resource_calendar_ecabinet").id,
                "member_ids": [
                    Command.create(
                        {
                            "partner_id": chair.partner_id.id,
                            "position": "chair",
                            "date_start": "2026-01-01",
                        }
                    )
                ]
                + [
                    Command.create(
                        {
                            "partner_id": user.partner_id.id,
                            "position": "member",
                            "date_start": "2026-01-01",
                        }
                    )
                    for user in users
                ],
            }
        )
        meeting = env["ecabinet.meeting"].create(
            {
                "name": "Phiên họp kiểm thử tải",
                "committee_id": committee.id,
                "date_start": fields.Datetime.now(),
                "location": "Phòng họp số 1",
            }
        )
        item = env["ecabinet.meeting.agenda.item"].create(
            {"meeting_id": meeting.id, "name": "Kế hoạch đầu tư công 2027"}
        )
        Attendee = env["ecabinet.meeting.attendee"]
        with Attendee._ecabinet_unlocked():  # checked in without a session day
            Attendee.create(
                [
                    {
                        "meeting_id": meeting.id,
                        "partner_id": partner.id,
                        "role": "chair" if partner == chair.partner_id else "member",
                        "answer": "attend",
                        "attendance": "present",
                    }
                    for partner in chair.partner_id | users.partner_id
                ]
            )
        meeting._ecabinet_transition(
            {
                "state": "in_progress",
                "pack_sent_date": fields.Datetime.now(),
                "actual_start": fields.Datetime.now(),
            }
        )
        item._ecabinet_transition(
            {"state": "in_progress", "actual_start": fields.Datetime.now()}
        )
        ballot = item.action_open_vote()
        cr.commit()
        ids = {"meeting": meeting.id, "ballot": ballot.id}
        logins = users.mapped("login")
    odoo.sql_db.close_all()
    return ids, logins


# Clients ----------------------------------------------------------------------------


class Phase:
    """Latencies and statuses of one kind of request across the clients."""

    def __init__(self, name):
        self.name = name
        self.latencies = []
        self.statuses = []
        self.errors = []
        self.start = self.end = None
        self._lock = threading.Lock()

    def record(self, started, response=None, error=None):
        elapsed = time.perf_counter() - started
        with self._lock:
            self.start = min(self.start or started, started)
            self.end = max(self.end or 0, started + elapsed)
            self.latencies.append(elapsed)
            self.statuses.append(response.status_code if response is not None else 0)
            if error:
                self.errors.append(error)

    def p95(self):
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=20)[18]

    def throughput(self):
        return len(self.latencies) / (self.end - self.start) if self.latencies else 0

    def server_errors(self):
        return sum(1 for status in self.statuses if status == 0 or status >= 500)

    def line(self):
        return (
            f"  {self.name:<28} {len(self.latencies):4d} requests  "
            f"p50 {statistics.median(self.latencies) * 1000:7.0f} ms  "
            f"p95 {self.p95() * 1000:7.0f} ms  "
            f"{self.throughput():6.1f} req/s  5xx/errors {self.server_errors()}"
        )


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def run_clients(count, target):
    """Run ``target(n)`` in ``count`` threads started together."""
    barrier = threading.Barrier(count)

    def body(n):
        barrier.wait()
        target(n)

    threads = [threading.Thread(target=body, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def main():
    args = parse_args()
    odoo_dirs = odoo_env.find_odoo()
    pg = odoo_env.check_postgres()
    found = odoo_env.project_addons()
    port = pick_port()
    dbname = f"ecabinet_load_{int(time.time())}"
    base = f"http://127.0.0.1:{port}"
    server = None
    with tempfile.TemporaryDirectory(prefix="ecabinet-load-") as data_dir:
        cli_args = odoo_env.odoo_cli_args(found.dirs, odoo_dirs, data_dir, pg)
        try:
            print(f"installing {MODULES} with demo data in {dbname} ...", flush=True)
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "odoo",
                    *cli_args,
                    "-d",
                    dbname,
                    "-i",
                    MODULES,
                    "--stop-after-init",
                    "--log-level=warn",
                ],
                check=True,
            )
            print(f"creating {args.members} members and an open vote ...", flush=True)
            ids, logins = setup(args, cli_args, dbname)
            print(f"starting Odoo --workers={args.workers} on :{port} ...", flush=True)
            server = subprocess.Popen(  # noqa: S603 - Odoo itself
                [
                    *odoo_command(),
                    *cli_args,
                    "-d",
                    dbname,
                    f"--db-filter=^{dbname}$",
                    f"--workers={args.workers}",
                    "--max-cron-threads=0",
                    f"--http-port={port}",
                    "--http-interface=127.0.0.1",
                    f"--log-level={args.server_log_level}",
                    "--limit-time-real=300",
                ],
                start_new_session=True,
                # The clients run on the same cores as the server: a request can
                # reach a worker seconds after its connection was accepted. In
                # production a buffering reverse proxy does this waiting; here
                # Odoo's own setting lets the workers wait (default 2 s).
                env={**os.environ, "ODOO_HTTP_SOCKET_TIMEOUT": "60"},
            )
            wait_for(base)
            ok = load(args, base, ids, logins, pg, dbname)
        finally:
            if server:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=60)
            if not args.keep_db:
                odoo_env.drop_database(pg, dbname)
    sys.exit(0 if ok else 1)


def wait_for(base):
    deadline = time.time() + 120
    while time.time() < deadline:
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{base}/web/login", timeout=5).status_code == 200:
                return
        time.sleep(1)
    odoo_env.die("the multi-worker server did not answer within 2 minutes")


def verdict(args, phases, home_phase, votes, expected_votes, window):
    """Print what went wrong, if anything; True when the run passed."""
    problems = []
    errors = sum(phase.server_errors() for phase in (*phases, home_phase))
    if errors:
        problems.append(f"{errors} requests failed or got a 5xx")
    for phase in phases:
        if phase.errors:
            problems.append(f"{phase.name}: {phase.errors[:5]}")
    if votes != expected_votes:
        problems.append("votes missing or counted twice")
    if window > args.window:
        problems.append(f"the votes took {window:.1f} s, more than {args.window} s")
    for problem in problems:
        print(f"  FAILED: {problem}")
    if not problems:
        print("  OK: every vote counted exactly once, no 5xx")
    return not problems


def count_votes(pg, dbname, ballot_id):
    """(answers, distinct members, {choice: answers}) of the vote, read in SQL."""
    conn = pg.connect(dbname)
    try:
        with conn.cursor() as cr:
            cr.execute(
                "SELECT count(*), count(DISTINCT voter_id)"
                "  FROM ecabinet_ballot_response WHERE ballot_id = %s",
                [ballot_id],
            )
            responses, voters = cr.fetchone()
            cr.execute(
                "SELECT choice, count(*) FROM ecabinet_ballot_response"
                " WHERE ballot_id = %s GROUP BY choice ORDER BY choice",
                [ballot_id],
            )
            counts = dict(cr.fetchall())
    finally:
        conn.close()
    return responses, voters, counts


def load(args, base, ids, logins, pg, dbname):
    sessions = [requests.Session() for _login in logins]
    session_url = f"{base}/my/ecabinet/sessions/{ids['meeting']}"
    login_phase = Phase("sign in (POST /web/login)")
    page_phase = Phase("session page (GET)")
    vote_phase = Phase("vote (POST answer)")
    home_phase = Phase("Odoo /my/home (GET)")

    def sign_in(n):
        session = sessions[n]
        started = time.perf_counter()
        try:
            page = session.get(f"{base}/web/login", timeout=300)
            csrf = CSRF_RE.search(page.text).group(1)
            started = time.perf_counter()
            response = session.post(
                f"{base}/web/login",
                data={
                    "login": logins[n],
                    "password": PASSWORD,
                    "csrf_token": csrf,
                    "redirect": "/my",
                },
                allow_redirects=False,
                timeout=300,
            )
        except (requests.RequestException, AttributeError) as error:
            login_phase.record(started, error=f"{logins[n]}: {error}")
            return
        error = None if response.status_code == 303 else f"login {response.status_code}"
        login_phase.record(started, response, error)

    def open_and_vote(n):
        session = sessions[n]
        started = time.perf_counter()
        try:
            page = session.get(session_url, timeout=300)
        except requests.RequestException as error:
            page_phase.record(started, error=str(error))
            return
        page_phase.record(started, page)
        form = re.search(
            r'action="/my/ecabinet/ballots/(\d+)/answer".*?name="question_id" '
            r'value="(\d+)"',
            page.text,
            re.S,
        )
        if page.status_code != 200 or not form:
            page_phase.errors.append(f"no vote form for {logins[n]}")
            return
        started = time.perf_counter()
        try:
            response = session.post(
                f"{base}/my/ecabinet/ballots/{form.group(1)}/answer",
                data={
                    "csrf_token": CSRF_RE.search(page.text).group(1),
                    "meeting_id": str(ids["meeting"]),
                    "question_id": form.group(2),
                    "choice": ("agree", "disagree", "other")[n % 3],
                },
                allow_redirects=False,
                timeout=300,
            )
        except requests.RequestException as error:
            vote_phase.record(started, error=str(error))
            return
        voted = response.status_code == 303 and "message=voted" in response.headers.get(
            "Location", ""
        )
        vote_phase.record(started, response, None if voted else f"vote {logins[n]}")

    def home(n):
        started = time.perf_counter()
        try:
            response = sessions[n].get(f"{base}/my/home", timeout=300)
        except requests.RequestException as error:
            home_phase.record(started, error=str(error))
            return
        home_phase.record(started, response)

    members = len(logins)
    print(f"{members} clients sign in ...", flush=True)
    run_clients(members, sign_in)
    print(f"{members} clients open the session page and vote at once ...", flush=True)
    run_clients(members, open_and_vote)
    window = max(page_phase.end, vote_phase.end or 0) - page_phase.start
    print(f"{members} clients open /my/home at once ...", flush=True)
    run_clients(members, home)
    home_window = home_phase.end - home_phase.start
    vote_rate = (len(page_phase.latencies) + len(vote_phase.latencies)) / window

    responses, voters, counts = count_votes(pg, dbname, ids["ballot"])
    expected = {
        choice: len(range(index, members, 3))
        for index, choice in enumerate(("agree", "disagree", "other"))
    }

    print(f"\nLoad: {members} members, Odoo --workers={args.workers}")
    for phase in (login_phase, page_phase, vote_phase, home_phase):
        print(phase.line())
    print(
        f"  open + vote of {members} members: {window:.1f} s "
        f"(limit {args.window:.0f} s), {vote_rate:.1f} requests/s; "
        f"Odoo /my/home for {members} members: {home_window:.1f} s, "
        f"{home_phase.throughput():.1f} requests/s"
    )
    print(
        f"  ratio ours / Odoo /my/home: p95 session page "
        f"{page_phase.p95() / home_phase.p95():.2f}x, p95 vote "
        f"{vote_phase.p95() / home_phase.p95():.2f}x, throughput (requests/s) "
        f"{vote_rate / home_phase.throughput():.2f}x"
    )
    print(
        f"  votes in the database: {responses} answers from {voters} members "
        f"{counts} (expected {members}, {expected})"
    )
    return verdict(
        args,
        (login_phase, page_phase, vote_phase),
        home_phase,
        (responses, voters, counts),
        (members, members, expected),
        window,
    )


if __name__ == "__main__":
    main()
