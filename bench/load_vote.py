#!/usr/bin/env python3
# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load test: 200 members open a session page and vote at once, over HTTP, on
Odoo in multi-worker mode; Odoo's own survey answer submission under the same
load in the same run is the reference. The client is Locust
(``bench/locustfile_vote.py``), run from its own virtual environment
``.venv-load`` (``bench/requirements-load.txt``: Locust's gevent, greenlet and
Werkzeug clash with Odoo's pins).

1. installs our addons with their demo data and Odoo's ``survey`` in a fresh
   database;
2. adds a session in progress with an open vote on its current item and 200
   portal members present, and a survey of one question (through the ORM,
   committed);
3. starts Odoo with ``--workers=4 --max-cron-threads=0`` on a free port of
   18500-18599;
4. runs Locust headless, one user per member: all sign in; 8 per worker open the
   session page and the survey page once, untimed (every worker compiles both
   features' templates before either is measured); then all at once open
   the session page, and, once every member has it, all at once vote through its
   form (``/my/ecabinet/ballots/<vote>/answer``); then all at once open the
   survey as the browser does (``/survey/start/<survey>`` and its page,
   ``/survey/begin`` in JSON), and, once every member has its question, all at
   once answer it (``/survey/submit`` in JSON). With ``--overlap``, each member
   writes as soon as its own page arrived (the earlier scenario: a write then
   waits mostly for the other members' pages still ahead of it). Locust's CSV
   and HTML reports go to ``.odoo-data/load/<date>/``;
5. checks that every vote is counted exactly once and every survey answered in
   the database, and that no request got a 5xx; prints p50/p95 of each request,
   the windows, and the ratios: p95 of the session page / the survey page, p95
   of the vote / the survey submission, throughput (members per second).

``python3 bench/load_vote.py [--members 200] [--workers 4] [--keep-db]``; exits 1
if a vote is missing or counted twice, on any 5xx, if the votes took more than
``--window`` seconds (10) or a p95 ratio is above ``--ratio`` (1.2). Not part of
``make test``.
"""

import argparse
import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import odoo_env  # noqa: E402

# Every addon of the product, with their demo data, and Odoo's survey (reference).
MODULES = "ecabinet_tasks_opinion,survey"
PASSWORD = "load-test-vote"  # noqa: S105 - throwaway accounts of a scratch database


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--window", type=float, default=10.0)
    parser.add_argument(
        "--ratio", type=float, default=1.2, help="goal of the p95 ratios"
    )
    parser.add_argument(
        "--run-time", type=int, default=600, help="Locust's limit, in seconds"
    )
    parser.add_argument("--port", type=int, help="default: a free one of 18500-18599")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--overlap",
        action="store_true",
        help="each member votes (submits) as soon as its page arrived, not once "
        "every member has it",
    )
    parser.add_argument(
        "--template",
        help="copy this database, where the addons are installed, instead of "
        "installing them (quicker runs while working on the code; its filestore "
        "is not copied)",
    )
    parser.add_argument(
        "--server-log-level", default="warn", help="log level of the Odoo server"
    )
    return parser.parse_args()


def odoo_command():
    """Odoo's command line through a script (the multi-worker server starts its
    websocket worker with ``sys.argv[0]``, which ``-m odoo`` cannot be)."""
    return [sys.executable, str(Path(__file__).with_name("_odoo_launcher.py"))]


def pick_port(args):
    if args.port:
        return args.port
    for port in range(18500, 18600):
        if odoo_env.port_is_free(port, "127.0.0.1"):
            return port
    odoo_env.die("no free port in 18500-18599 for the multi-worker server")


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
        survey = make_survey(env)
        cr.commit()
        # Planner statistics of the rows just created, as autovacuum keeps them
        # in a live database (without them, PostgreSQL plans the rules' joins on
        # 200 attendees as if the tables were empty).
        cr.execute("ANALYZE")
        cr.commit()
        ids = {"meeting": meeting.id, "ballot": ballot.id, "survey": survey}
        logins = users.mapped("login")
    odoo.sql_db.close_all()
    return ids, logins


def make_survey(env):
    """Odoo's reference: a survey of one question on one page, for signed-in
    users, answered once by each member (the same question as the vote)."""
    from odoo import Command  # noqa: PLC0415

    survey = env["survey.survey"].create(
        {
            "title": "Khảo sát kiểm thử tải",
            "access_mode": "public",
            "users_login_required": True,
            "questions_layout": "one_page",
            "is_attempts_limited": True,
            "attempts_limit": 1,
            "question_and_page_ids": [
                Command.create(
                    {
                        "title": "Kế hoạch đầu tư công 2027",
                        "question_type": "simple_choice",
                        "constr_mandatory": True,
                        "suggested_answer_ids": [
                            Command.create({"value": label})
                            for label in ("Đồng ý", "Không đồng ý", "Ý kiến khác")
                        ],
                    }
                )
            ],
        }
    )
    question = survey.question_ids
    return {
        "id": survey.id,
        "token": survey.access_token,
        "question": question.id,
        "answers": question.suggested_answer_ids.ids,
    }


# Locust run -----------------------------------------------------------------------

LOCUST = ROOT / ".venv-load" / "bin" / "locust"
REPORT_DIR = ROOT / ".odoo-data" / "load"
PHASES = (
    ("sign in (POST)", "sign in"),
    ("session page (GET)", "vote"),
    ("vote (POST)", "vote"),
    ("survey page (GET start)", "survey"),
    ("survey begin (JSON)", "survey"),
    ("survey submit (JSON)", "survey"),
)


class Phase:
    """Latencies and statuses of one kind of request across the members."""

    def __init__(self, name, samples):
        self.name = name
        self.latencies = [s["seconds"] for s in samples]
        self.statuses = [s["status"] for s in samples]
        self.start = min((s["end"] - s["seconds"] for s in samples), default=0)
        self.end = max((s["end"] for s in samples), default=0)

    def p95(self):
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=20)[18]

    def server_errors(self):
        return sum(1 for status in self.statuses if status == 0 or status >= 500)

    def line(self):
        median = statistics.median(self.latencies) if self.latencies else 0
        return (
            f"  {self.name:<26} {len(self.latencies):4d} requests  "
            f"p50 {median * 1000:7.0f} ms  p95 {self.p95() * 1000:7.0f} ms  "
            f"5xx/errors {self.server_errors()}"
        )


def run_locust(args, base, ids, logins, run_dir):
    """Run the Locust scenario headless; its samples, by request name."""
    config = run_dir / "config.json"
    samples = run_dir / "samples.json"
    config.write_text(
        json.dumps(
            {
                "base": base,
                "logins": logins,
                "password": PASSWORD,
                "meeting": ids["meeting"],
                "survey": ids["survey"],
                "samples": str(samples),
                # Enough members at once to reach every worker (see the
                # locustfile's warm-up).
                "warm_up": 8 * args.workers,
                "overlap": args.overlap,
            }
        ),
        encoding="utf-8",
    )
    members = len(logins)
    command = [
        str(LOCUST),
        "-f",
        str(Path(__file__).with_name("locustfile_vote.py")),
        "--headless",
        "--users",
        str(members),
        "--spawn-rate",
        str(members),
        "--run-time",
        f"{args.run_time}s",
        "--stop-timeout",
        "30",
        "--csv",
        str(run_dir / "locust"),
        "--html",
        str(run_dir / "locust.html"),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    print(f"Locust: {members} members ({' '.join(command[3:])})", flush=True)
    subprocess.run(  # noqa: S603 - Locust of .venv-load
        command,
        check=True,
        env={**os.environ, "ECABINET_LOAD_CONFIG": str(config)},
    )
    data = json.loads(samples.read_text(encoding="utf-8"))
    by_name = {}
    for sample in data["samples"]:
        by_name.setdefault(sample["name"], []).append(sample)
    return by_name, data["errors"]


def main():
    args = parse_args()
    if not LOCUST.exists():
        odoo_env.die(
            f"{LOCUST} is missing: run `make load` (tools/bootstrap.py load sets up "
            ".venv-load from bench/requirements-load.txt)"
        )
    odoo_dirs = odoo_env.find_odoo()
    pg = odoo_env.check_postgres()
    found = odoo_env.project_addons()
    port = pick_port(args)
    dbname = f"ecabinet_load_{int(time.time())}"
    base = f"http://127.0.0.1:{port}"
    server = None
    with tempfile.TemporaryDirectory(prefix="ecabinet-load-") as data_dir:
        cli_args = odoo_env.odoo_cli_args(found.dirs, odoo_dirs, data_dir, pg)
        try:
            if args.template:
                print(f"copying {args.template} to {dbname} ...", flush=True)
                copy_database(pg, args.template, dbname)
            else:
                print(f"installing {MODULES} in {dbname} ...", flush=True)
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


def copy_database(pg, template, dbname):
    conn = pg.connect()
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(f'CREATE DATABASE "{dbname}" TEMPLATE "{template}"')
    finally:
        conn.close()


def wait_for(base):
    deadline = time.time() + 120
    while time.time() < deadline:
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{base}/web/login", timeout=5).status_code == 200:
                return
        time.sleep(1)
    odoo_env.die("the multi-worker server did not answer within 2 minutes")


def verdict(args, phases, errors, counted, expected, window, ratios):
    """Print what went wrong, if anything; True when the run passed."""
    problems = []
    failed = sum(phase.server_errors() for phase in phases.values())
    if failed:
        problems.append(f"{failed} requests failed or got a 5xx")
    if errors:
        problems.append(f"{len(errors)} members failed: {errors[:5]}")
    for name, _kind in PHASES:
        if len(phases[name].latencies) != args.members:
            problems.append(f"{name}: {len(phases[name].latencies)} requests")
    if counted["votes"] != expected["votes"]:
        problems.append("votes missing or counted twice")
    if counted["surveys"] != expected["surveys"]:
        problems.append("survey answers missing or counted twice")
    if window > args.window:
        problems.append(f"the votes took {window:.1f} s, more than {args.window} s")
    if max(ratios[:2]) > args.ratio:
        problems.append(f"a p95 ratio is above {args.ratio}x")
    for problem in problems:
        print(f"  FAILED: {problem}")
    if not problems:
        print("  OK: every vote counted exactly once, every survey answered, no 5xx")
    return not problems


def count_answers(pg, dbname, ids):
    """What the database holds: the votes (answers, distinct members, {choice:
    answers}) and the survey's finished answers (answers, distinct members)."""
    conn = pg.connect(dbname)
    try:
        with conn.cursor() as cr:
            cr.execute(
                "SELECT count(*), count(DISTINCT voter_id)"
                "  FROM ecabinet_ballot_response WHERE ballot_id = %s",
                [ids["ballot"]],
            )
            responses, voters = cr.fetchone()
            cr.execute(
                "SELECT choice, count(*) FROM ecabinet_ballot_response"
                " WHERE ballot_id = %s GROUP BY choice ORDER BY choice",
                [ids["ballot"]],
            )
            counts = dict(cr.fetchall())
            cr.execute(
                "SELECT count(*), count(DISTINCT partner_id) FROM survey_user_input"
                " WHERE survey_id = %s AND state = 'done'",
                [ids["survey"]["id"]],
            )
            surveys = cr.fetchone()
    finally:
        conn.close()
    return {"votes": (responses, voters, counts), "surveys": surveys}


def window_of(phases, kind):
    """First start to last end of the requests of a kind of phase."""
    chosen = [phases[name] for name, k in PHASES if k == kind and phases[name].end]
    if not chosen:
        return 0.0
    return max(p.end for p in chosen) - min(p.start for p in chosen)


def load(args, base, ids, logins, pg, dbname):
    run_dir = REPORT_DIR / time.strftime("%Y%m%d-%H%M%S")
    run_dir.mkdir(parents=True, exist_ok=True)
    by_name, errors = run_locust(args, base, ids, logins, run_dir)
    phases = {name: Phase(name, by_name.get(name, [])) for name, _kind in PHASES}
    members = len(logins)
    window = window_of(phases, "vote")
    survey_window = window_of(phases, "survey")
    counted = count_answers(pg, dbname, ids)
    expected = {
        "votes": (
            members,
            members,
            {
                choice: len(range(index, members, 3))
                for index, choice in enumerate(("agree", "disagree", "other"))
            },
        ),
        "surveys": (members, members),
    }
    page, vote = phases["session page (GET)"], phases["vote (POST)"]
    survey_page = phases["survey page (GET start)"]
    survey_submit = phases["survey submit (JSON)"]

    scenario = "writes as each page arrives" if args.overlap else "writes at once"
    print(
        f"\nLoad: {members} members, Odoo --workers={args.workers}, Locust, {scenario}"
    )
    for name, _kind in PHASES:
        print(phases[name].line())
    vote_rate = members / window if window else 0.0
    survey_rate = members / survey_window if survey_window else 0.0
    print(
        f"  open + vote of {members} members: {window:.1f} s "
        f"(limit {args.window:.0f} s), {vote_rate:.1f} members/s; "
        f"Odoo survey (open, begin, submit) of {members} members: "
        f"{survey_window:.1f} s, {survey_rate:.1f} members/s"
    )
    ratios = (
        page.p95() / survey_page.p95() if survey_page.p95() else 0.0,
        vote.p95() / survey_submit.p95() if survey_submit.p95() else 0.0,
        vote_rate / survey_rate if survey_rate else 0.0,
    )
    print(
        "  ratio ours / Odoo survey: p95 session page / survey page "
        f"{ratios[0]:.2f}x, p95 vote / survey submit {ratios[1]:.2f}x, "
        f"throughput (members/s) {ratios[2]:.2f}x (goal: p95 <= {args.ratio}x)"
    )
    print(
        f"  votes in the database: {counted['votes'][0]} answers from "
        f"{counted['votes'][1]} members {counted['votes'][2]} (expected {members}, "
        f"{expected['votes'][2]}); survey answers done: {counted['surveys'][0]}"
    )
    print(f"  Locust reports: {run_dir}/locust.html, {run_dir}/locust_stats.csv")
    return verdict(args, phases, errors, counted, expected, window, ratios)


if __name__ == "__main__":
    main()
