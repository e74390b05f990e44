#!/usr/bin/env python3
"""The project's run command (``make run``): Odoo with our addons and demo data.

- database ECABINET_DB (default ``ecabinet_demo``): created with every project
  addon of ``addons/`` installed with demo data if it does not exist; otherwise
  the installed ones are updated (``-u``) and new ones installed (``-i``);
- then Odoo serves only that database (``--db-filter ^<db>$``) on
  http://localhost:ECABINET_PORT (default 8069).

Other environment variables: ECABINET_HTTP_INTERFACE (default 127.0.0.1; set
0.0.0.0 to be reachable from other machines), ECABINET_DATA_DIR (filestore and
sessions; default ``.odoo-data/`` in the repository), ECABINET_EXTRA_ADDONS_DIRS
(more folders to discover addons in, separated by ``os.pathsep``), PGHOST /
PGPORT / PGUSER / PGPASSWORD.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import odoo_env  # noqa: E402
from odoo_env import REPO_ROOT, die  # noqa: E402

DEMO_LOGINS = REPO_ROOT / "config" / "demo_logins.txt"


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
    return parser.parse_args(argv)


def main(argv=None) -> None:
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
    found = odoo_env.project_addons(extra_dirs)
    if args.addons:
        names = odoo_env.select_addons(found, args.addons)
    else:
        tests_root = str(REPO_ROOT / "tests") + os.sep
        names = [
            n
            for n in found.names
            if args.with_test_addons or not found.paths[n].startswith(tests_root)
        ]
    if not odoo_env.port_is_free(port, interface):
        die(
            f"Port {port} on {interface or 'all interfaces'} is in use (another "
            "Odoo?). Stop it or choose another port with ECABINET_PORT."
        )
    os.makedirs(data_dir, exist_ok=True)
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
    step = []
    if not exists:
        step = ["-i", ",".join(names or ["base"])]
        what = f"creating database {dbname} with demo data, installing"
    elif not args.no_update and names:
        to_install = [n for n in names if states.get(n) != "installed"]
        to_update = [n for n in names if states.get(n) == "installed"]
        if to_install:
            step += ["-i", ",".join(to_install)]
        if to_update:
            step += ["-u", ",".join(to_update)]
        what = f"updating database {dbname}:"
    if step:
        say(f"{what} {' '.join(step[1::2])}")
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
        say("$ " + " ".join(cmd))
        rc = subprocess.call(cmd, cwd=str(REPO_ROOT), stdin=subprocess.DEVNULL)
        if rc != 0:
            die(
                f"Installing/updating the addons in {dbname} failed (Odoo exit "
                f"status {rc}); see Odoo's log above. The server was not started."
            )

    # ---- serve
    server_args = [
        *common,
        f"--database={dbname}",
        f"--db-filter=^{dbname}$",
        f"--http-port={port}",
    ]
    if interface:
        server_args.append(f"--http-interface={interface}")
    say("")
    say("=" * 72)
    say(f"Odoo is starting: http://localhost:{port}   (database {dbname})")
    logins = demo_logins()
    if logins:
        say("Demo logins (login / password):")
        for line in logins:
            say(f"  {line}")
    say("Stop with Ctrl+C.")
    say("=" * 72)
    say("")
    argv = [sys.executable, "-m", "odoo", *server_args]
    os.chdir(REPO_ROOT)
    os.execvp(argv[0], argv)


if __name__ == "__main__":
    main()
