#!/usr/bin/env python3
"""The project's run command (``make run``): Odoo with our addons and demo data.

- database ECABINET_DB (default ``ecabinet_demo``): created with every project
  addon of ``addons/`` installed with demo data if it does not exist; otherwise
  the installed ones are updated (``-u``) and new ones installed (``-i``), unless
  no file of the addons changed since the last install or update made here (a
  hash kept in ``<data dir>/<db>.addons-hash``; ``--update`` forces it), so that a
  second ``make run`` serves in seconds;
  Odoo's log of that step goes to ``<data dir>/logs/install.log`` (its errors
  are shown);
- then Odoo serves only that database (``--db-filter ^<db>$``, no database
  manager) on http://localhost:ECABINET_PORT (default 8069), with its log in
  ``<data dir>/logs/odoo.log`` and its pid in ``<data dir>/odoo.pid`` (for
  ``make stop``); once it answers, the URL and the demo logins are printed last,
  followed only by the errors Odoo logs. The test addons of ``tests/`` are not
  on its addons path (``--with-test-addons`` puts them there and installs them).

Run it through ``make run`` (tools/bootstrap.py sets up Python, Odoo and
PostgreSQL first).

Other environment variables: ECABINET_HTTP_INTERFACE (default 127.0.0.1; set
0.0.0.0 to be reachable from other machines), ECABINET_BASE_URL (the address
people reach the server at, written in the links of letters and emails;
default http://localhost:ECABINET_PORT, unless an administrator froze another
with the system parameter web.base.url.freeze), ECABINET_DATA_DIR (filestore and
sessions; default ``.odoo-data/`` in the repository), ECABINET_EXTRA_ADDONS_DIRS
(more folders to discover addons in, separated by ``os.pathsep``), PGHOST /
PGPORT / PGUSER / PGPASSWORD.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import odoo_env  # noqa: E402
from odoo_env import REPO_ROOT, die  # noqa: E402

DEMO_LOGINS = REPO_ROOT / "config" / "demo_logins.txt"
# "2026-11-29 12:00:00,123 4242 ERROR dbname odoo.modules.loading: ..."
LOG_LINE_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ ")
LOG_PROBLEM_RE = re.compile(LOG_LINE_RE.pattern + r"(?:ERROR|CRITICAL) ")


def say(message: str = "") -> None:
    print(message, flush=True)


def demo_logins() -> list[str]:
    if not DEMO_LOGINS.is_file():
        return []
    lines = DEMO_LOGINS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Install/update the project's addons in the demo database and "
        "serve it with Odoo.",
    )
    parser.add_argument(
        "--addons",
        metavar="A,B",
        help="only these addons (comma-separated); default: every addon of addons/",
    )
    parser.add_argument(
        "--addons-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="also discover addons in DIR (repeatable)",
    )
    parser.add_argument(
        "--with-test-addons",
        action="store_true",
        help="also install the test addons of tests/ (left out by default)",
    )
    parser.add_argument(
        "--no-update",
        action="store_true",
        help="do not install/update addons of an existing database, just serve it",
    )
    parser.add_argument(
        "--update",
        action="store_true",
        help="update the addons of an existing database even if no file changed",
    )
    return parser.parse_args(argv)


def addons_hash(paths) -> str:
    """A hash of every file of the addons at ``paths`` (names and contents): an
    update is needed only when it changes."""
    digest = hashlib.sha256()
    for root in sorted(str(p) for p in paths):
        for path in sorted(Path(root).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def odoo_log_problems(log_path: str, limit: int = 40) -> list[str]:
    """ERROR/CRITICAL lines of an Odoo log, with the traceback lines after them."""
    try:
        with open(log_path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return []
    shown, keep = [], False
    for line in lines:
        if LOG_LINE_RE.match(line):
            keep = LOG_PROBLEM_RE.match(line) is not None
        if keep:
            shown.append(line)
    return shown[-limit:] or lines[-limit:]


def install_or_update(cmd: list[str], log_path: str, what: str, dbname: str) -> None:
    """Run Odoo's install/update with its log in a file; one progress line."""
    started = time.monotonic()
    say(f"[run] {what} (Odoo's log: {log_path}) ...")
    with open(log_path, "a", encoding="utf-8") as fh:
        fh.write("$ " + " ".join(cmd) + "\n")
    rc = subprocess.call(
        [*cmd, f"--logfile={log_path}"], cwd=str(REPO_ROOT), stdin=subprocess.DEVNULL
    )
    problems = odoo_log_problems(log_path)
    if rc != 0:
        for line in problems:
            print("  " + line, file=sys.stderr)
        die(
            f"Installing/updating the addons in {dbname} failed (Odoo exit status "
            f"{rc}); Odoo's log above and in {log_path}. The server was not started."
        )
    errors = [line for line in problems if LOG_PROBLEM_RE.match(line)]
    for line in errors:
        say("  " + line)
    say(
        f"[run] done in {time.monotonic() - started:.1f} s"
        + (f" ({len(errors)} error line(s) in Odoo's log)" if errors else "")
    )


def wait_until_serving(proc, url: str, log_path: str, timeout: int = 300) -> None:
    """Wait until ``url`` answers 200; die with Odoo's errors if Odoo exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            for line in odoo_log_problems(log_path):
                print("  " + line, file=sys.stderr)
            die(f"Odoo exited with status {proc.returncode}; its log: {log_path}.")
        try:
            with urllib.request.urlopen(url, timeout=30) as resp:  # noqa: S310
                if resp.status == 200:
                    return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(1)
    say(f"WARNING: {url} did not answer 200 within {timeout} s; see {log_path}")


def follow_errors(proc, log_path: str) -> int:
    """Print the ERROR/CRITICAL lines Odoo logs from now on; Odoo's exit status."""
    try:
        fh = open(log_path, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError:
        return proc.wait()
    with fh:
        fh.seek(0, os.SEEK_END)
        showing = False
        while True:
            line = fh.readline()
            if line:
                if LOG_LINE_RE.match(line):
                    showing = LOG_PROBLEM_RE.match(line) is not None
                if showing:
                    sys.stdout.write(line)
                    sys.stdout.flush()
                continue
            if proc.poll() is not None:
                return proc.returncode
            time.sleep(0.5)


def main(argv=None) -> int:
    args = parse_args(argv)
    dbname = os.environ.get("ECABINET_DB") or "ecabinet_demo"
    try:
        port = int(os.environ.get("ECABINET_PORT") or 8069)
    except ValueError:
        die(f"ECABINET_PORT={os.environ['ECABINET_PORT']!r} is not a port number.")
    interface = os.environ.get("ECABINET_HTTP_INTERFACE", "127.0.0.1")
    data_dir = os.environ.get("ECABINET_DATA_DIR") or str(REPO_ROOT / ".odoo-data")
    extra_dirs = list(args.addons_dir)
    extra_dirs += [
        d
        for d in os.environ.get("ECABINET_EXTRA_ADDONS_DIRS", "").split(os.pathsep)
        if d
    ]

    odoo_dirs = odoo_env.find_odoo()
    pg = odoo_env.check_postgres()
    # The test addons of tests/ are on the addons path only when asked for, so
    # that Apps does not offer them.
    found = odoo_env.project_addons(extra_dirs, include_tests=args.with_test_addons)
    if args.addons:
        names = odoo_env.select_addons(found, args.addons)
    else:
        names = list(found.names)
    if not odoo_env.port_is_free(port, interface):
        die(
            f"Port {port} on {interface or 'all interfaces'} is in use (another "
            "Odoo? `make stop` stops the one `make run` started). Stop it or choose "
            "another port with ECABINET_PORT."
        )
    os.makedirs(data_dir, exist_ok=True)
    log_dir = os.path.join(data_dir, "logs")
    os.makedirs(log_dir, exist_ok=True)
    common = odoo_env.odoo_cli_args(found.dirs, odoo_dirs, data_dir, pg)

    # ---- install / update
    exists = odoo_env.database_exists(pg, dbname)
    states = odoo_env.module_states(pg, dbname) if exists else None
    if exists and states is None:
        die(
            f"Database {dbname} exists but is not an Odoo database. Drop it "
            f"(`dropdb {dbname}`) or choose another name with ECABINET_DB."
        )
    if not names:
        say(
            "WARNING: no project addon found under addons/: serving Odoo with "
            "`base` only."
        )
    stamp = Path(data_dir) / f"{dbname}.addons-hash"
    current = addons_hash(found.paths[n] for n in names)
    unchanged = (
        exists
        and not args.update
        and all(states.get(n) == "installed" for n in names)
        and stamp.is_file()
        and stamp.read_text().strip() == current
    )
    step = []
    if not exists:
        step = ["-i", ",".join(names or ["base"])]
        what = f"creating database {dbname} with demo data, installing"
    elif unchanged:
        say(
            f"database {dbname}: the addons did not change since its last update "
            "(`make run RUN_ARGS=--update` updates it all the same)"
        )
    elif not args.no_update and names:
        to_install = [n for n in names if states.get(n) != "installed"]
        to_update = [n for n in names if states.get(n) == "installed"]
        if to_install:
            step += ["-i", ",".join(to_install)]
        if to_update:
            step += ["-u", ",".join(to_update)]
        what = f"updating database {dbname}:"
    if step:
        cmd = [
            sys.executable,
            "-m",
            "odoo",
            *common,
            f"--database={dbname}",
            *step,
            # The demo committee works in Vietnamese: load Odoo's and our
            # translations (Settings → Languages adds English back).
            "--load-language=vi_VN",
            "--stop-after-init",
            "--max-cron-threads=0",
            "--workers=0",
        ]
        install_or_update(
            cmd,
            os.path.join(log_dir, "install.log"),
            f"{what} {' '.join(step[1::2])}",
            dbname,
        )
        stamp.write_text(current + "\n")

    # Links in letters and emails (and the projector's) carry the address the
    # server is reached at, not the one Odoo guessed at install time.
    explicit_url = os.environ.get("ECABINET_BASE_URL", "").rstrip("/")
    base_url = odoo_env.set_base_url(
        pg,
        dbname,
        explicit_url or f"http://localhost:{port}",
        freeze=bool(explicit_url),
    )
    say(f"[run] links in letters and emails: {base_url}")

    return serve(common, dbname, port, interface, data_dir, log_dir)


def serve(common, dbname, port, interface, data_dir, log_dir) -> int:
    """Serve only ``dbname`` (no database manager); print the URL and logins last."""
    log_path = os.path.join(log_dir, "odoo.log")
    pidfile = os.path.join(data_dir, "odoo.pid")
    server_cmd = [
        sys.executable,
        "-m",
        "odoo",
        *common,
        f"--database={dbname}",
        f"--db-filter=^{dbname}$",
        "--no-database-list",
        f"--http-port={port}",
        f"--logfile={log_path}",
        f"--pidfile={pidfile}",
    ]
    if interface:
        server_cmd.append(f"--http-interface={interface}")
    say(f"[run] starting Odoo (its log: {log_path}) ...")
    started = time.monotonic()
    proc = subprocess.Popen(server_cmd, cwd=str(REPO_ROOT), stdin=subprocess.DEVNULL)
    local = "127.0.0.1" if interface in ("", "0.0.0.0") else interface  # noqa: S104
    try:
        wait_until_serving(proc, f"http://{local}:{port}/web/login", log_path)
        say(f"[run] serving after {time.monotonic() - started:.1f} s")
        say(f"[run] Odoo's log: {log_path} (its errors are shown here)")
        say("[run] stop with Ctrl+C, or `make stop` from another terminal")
        say("")
        say("=" * 72)
        say(f"e-Cabinet: http://localhost:{port}   (database {dbname})")
        logins = demo_logins()
        if logins:
            say("Demo logins (login / password):")
            for line in logins:
                say(f"  {line}")
        say("=" * 72)
        return follow_errors(proc, log_path)
    except KeyboardInterrupt:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        return 0


if __name__ == "__main__":
    sys.exit(main())
