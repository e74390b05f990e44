#!/usr/bin/env python3
"""The project's test command (``make test``).

1. checks that Odoo 18.0, PostgreSQL, websocket-client and Chromium are there
   (without the last two Odoo silently *skips* browser tours);
2. installs every discovered addon (``addons/*``, ``tests/*``) with demo data in
   a fresh database ``ecabinet_test_<timestamp>`` and a temporary data dir, with
   Odoo's tests enabled for those addons, streaming Odoo's log;
3. drops the database and the data dir (unless ``--keep-db``);
4. runs the linters (ruff check, ruff format --check, pylint-odoo mandatory);
5. prints as its last line ``N passed, N failed, N skipped``.

Exit status: 0 if everything passed; 1 on any failure, if no Odoo test ran, or
if a test was skipped (a skipped tour is not a passing one; set
ECABINET_ALLOW_SKIPS=1 to accept skips); 2 if the environment is not usable.

Counts come from Odoo's own ``OdooTestResult`` objects, read by the wrapper
``tools/_odoo_tests_main.py`` inside the Odoo process and handed back as JSON.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import odoo_env  # noqa: E402
from odoo_env import REPO_ROOT, die  # noqa: E402

WRAPPER = Path(__file__).resolve().parent / "_odoo_tests_main.py"
RESULT_ENV = "ECABINET_TEST_RESULT_JSON"
LINT_TARGETS = ("addons", "tools", "bench", "tests")
PYLINTRC = REPO_ROOT / ".pylintrc-mandatory"
DEFAULT_TIMEOUT = 75 * 60  # seconds (CI allows 90 min in all); ECABINET_TEST_TIMEOUT

# "2026-11-29 12:00:00,123 4242 ERROR dbname odoo.modules.loading: ..."
LOG_ERROR_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ (?:ERROR|CRITICAL) "
)
INSTALL_FAILURE_MARKERS = (
    "Failed to initialize database",
    "Failed to load registry",
    "Some modules are not loaded",
    "Some modules have inconsistent states",
)


def say(message: str = "") -> None:
    print(message, flush=True)


def banner(title: str) -> None:
    say(f"\n===== {title} " + "=" * max(3, 70 - len(title)))


# ------------------------------------------------------------------ preconditions


def check_browser_tools() -> str:
    problems = []
    if importlib.util.find_spec("websocket") is None:
        problems.append(
            f"the Python module `websocket` (package websocket-client) is not "
            f"importable from {sys.executable}: `pip install -r requirements-test.txt`"
        )
    chrome = odoo_env.chromium_binary()
    if chrome is None:
        problems.append(
            "no Chromium/Chrome binary on PATH (looked for google-chrome, chromium, "
            "chromium-browser, google-chrome-stable): on Debian/Ubuntu "
            "`apt-get install chromium` (`make test` does it as root)"
        )
    if problems:
        die(
            "Browser tests cannot run: "
            + "; and ".join(problems)
            + ". Without websocket-client and Chromium, Odoo does not fail its "
            "browser tours, it silently skips them, so the test command refuses "
            "to start."
        )
    return chrome


# -------------------------------------------------------------------- Odoo tests


@dataclass
class OdooOutcome:
    tests_run: int = 0
    failures: int = 0
    errors: int = 0
    skipped: int = 0
    crashed: bool = False
    crash_reasons: list[str] = field(default_factory=list)
    log_errors: list[str] = field(default_factory=list)

    def crash(self, reason: str) -> None:
        self.crashed = True
        self.crash_reasons.append(reason)


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill Odoo and what it spawned (Chromium) - its own process group."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run_odoo_tests(args, pg, odoo_dirs, found, names) -> OdooOutcome:
    stamp = time.strftime("%Y%m%d_%H%M%S")
    dbname = f"ecabinet_test_{stamp}_{os.getpid()}"
    data_dir = tempfile.mkdtemp(prefix="ecabinet_test_data_")
    result_json = os.path.join(data_dir, "test_result.json")
    rcfile = os.path.join(data_dir, "odoo.conf")
    with open(rcfile, "w", encoding="utf-8") as fh:  # isolate from ~/.odoorc, ODOO_RC
        fh.write("[options]\n")
    port = odoo_env.free_port()
    tags = args.test_tags or ",".join(f"/{name}" for name in names)

    cmd = [
        sys.executable,
        str(WRAPPER),
        f"--config={rcfile}",
        *odoo_env.odoo_cli_args(found.dirs, odoo_dirs, data_dir, pg),
        f"--database={dbname}",
        f"--init={','.join(names)}",
        "--test-enable",
        f"--test-tags={tags}",
        "--stop-after-init",
        f"--http-port={port}",
        "--http-interface=127.0.0.1",
        "--max-cron-threads=0",
        "--workers=0",
        "--log-level=test",
    ]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env[RESULT_ENV] = result_json
    env.pop("ODOO_RC", None)
    timeout = int(os.environ.get("ECABINET_TEST_TIMEOUT") or DEFAULT_TIMEOUT)

    banner(f"Odoo tests: database {dbname}")
    say(f"addons: {', '.join(names)}")
    say(f"test tags: {tags}")
    say(f"data dir: {data_dir}   http port: {port}   timeout: {timeout}s")
    say("$ " + " ".join(cmd))

    outcome = OdooOutcome()
    try:
        returncode, timed_out = stream_odoo(cmd, env, timeout, outcome)
    except KeyboardInterrupt:
        cleanup(args, pg, dbname, data_dir)
        die("Interrupted.", code=130)
    if timed_out:
        outcome.crash(f"Odoo did not finish within {timeout}s and was killed")
    read_counts(result_json, returncode, outcome)
    check_installed(pg, dbname, names, outcome)
    cleanup(args, pg, dbname, data_dir)
    return outcome


def stream_odoo(cmd, env, timeout, outcome) -> tuple[int, bool]:
    """Run Odoo, copy its log to stdout, note error lines and failure markers."""
    timed_out = threading.Event()
    proc = subprocess.Popen(
        cmd,
        cwd=str(REPO_ROOT),
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        bufsize=1,
        start_new_session=True,
    )

    def on_timeout():
        timed_out.set()
        _kill_group(proc)

    timer = threading.Timer(timeout, on_timeout)
    timer.daemon = True
    timer.start()
    markers_seen = []
    try:
        for line in proc.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            if LOG_ERROR_RE.match(line):
                outcome.log_errors.append(line.rstrip())
            markers_seen += [
                m
                for m in INSTALL_FAILURE_MARKERS
                if m in line and m not in markers_seen
            ]
        returncode = proc.wait()
    except BaseException:
        _kill_group(proc)
        raise
    finally:
        timer.cancel()
    for marker in markers_seen:
        outcome.crash(f"Odoo's log says: {marker!r}")
    return returncode, timed_out.is_set()


def read_counts(result_json: str, returncode: int, outcome: OdooOutcome) -> None:
    """Counts from the JSON written by _odoo_tests_main.py, and crash signs."""
    if not os.path.isfile(result_json):
        outcome.crash(
            f"Odoo exited with status {returncode} without reporting test results "
            "(it died before the end: see its log above)"
        )
        return
    with open(result_json, encoding="utf-8") as fh:
        data = json.load(fh)
    totals = data["totals"]
    outcome.tests_run = totals["tests_run"]
    outcome.failures = totals["failures"]
    outcome.errors = totals["errors"]
    outcome.skipped = totals["skipped"]
    if data.get("crashed"):
        outcome.crash("Odoo raised an exception (traceback above)")
    if any(rc is not None and rc < 0 for rc in data["preload_rc"]):
        outcome.crash("Odoo failed to initialize the database")
    if not data["preload_rc"]:
        outcome.crash("Odoo stopped before loading the database")
    if returncode != 0 and outcome.failures + outcome.errors == 0:
        outcome.crash(f"Odoo exited with status {returncode}")


def check_installed(pg, dbname: str, names: list[str], outcome: OdooOutcome) -> None:
    """Every requested addon must be in state 'installed' in the test database."""
    try:
        states = None
        if odoo_env.database_exists(pg, dbname):
            states = odoo_env.module_states(pg, dbname)
    except Exception as exc:  # noqa: BLE001
        outcome.crash(f"could not read the module states of {dbname}: {exc}")
        return
    if states is None:
        outcome.crash(f"database {dbname} was not created or is not an Odoo database")
        return
    not_installed = {n: states.get(n, "absent") for n in names}
    not_installed = {n: s for n, s in not_installed.items() if s != "installed"}
    if not_installed:
        outcome.crash(
            "addon(s) not installed: "
            + ", ".join(f"{n} ({s})" for n, s in sorted(not_installed.items()))
        )


def cleanup(args, pg, dbname: str, data_dir: str) -> None:
    if args.keep_db:
        say(f"\n--keep-db: kept database {dbname} and data dir {data_dir}")
        return
    try:
        odoo_env.drop_database(pg, dbname)
        say(f"\ndropped database {dbname}")
    except Exception as exc:  # noqa: BLE001
        say(f"\nWARNING: could not drop database {dbname}: {exc}")
    shutil.rmtree(data_dir, ignore_errors=True)


# ----------------------------------------------------------------------- linters


def run_check(title: str, cmd: list[str]) -> bool:
    banner(f"lint: {title}")
    say("$ " + " ".join(cmd))
    proc = subprocess.run(
        cmd,
        cwd=str(REPO_ROOT),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        check=False,
    )
    output = proc.stdout.rstrip()
    if output:
        say(output)
    ok = proc.returncode == 0
    say(f"-> {title}: {'passed' if ok else f'FAILED (exit status {proc.returncode})'}")
    return ok


def run_linters(addon_paths: list[str]) -> list[tuple[str, bool]]:
    results: list[tuple[str, bool]] = []
    targets = [d for d in LINT_TARGETS if (REPO_ROOT / d).is_dir()]

    def missing(module: str, title: str) -> bool:
        if importlib.util.find_spec(module) is not None:
            return False
        banner(f"lint: {title}")
        say(
            f"-> {title}: FAILED: the Python module `{module}` is not installed in "
            f"{sys.executable} (`pip install -r requirements-test.txt`)"
        )
        results.append((title, False))
        return True

    if targets:
        for title, sub in (
            ("ruff check", ["check", "--no-fix"]),
            ("ruff format --check", ["format", "--check"]),
        ):
            if not missing("ruff", title):
                cmd = [sys.executable, "-m", "ruff", *sub, *targets]
                results.append((title, run_check(title, cmd)))
    else:
        say("\nlint: nothing for ruff to check (no addons/ tools/ bench/ tests/)")

    title = "pylint-odoo mandatory"
    if not addon_paths:
        say(f"\nlint: {title}: no addons to check")
    elif not missing("pylint_odoo", title):
        cmd = [
            sys.executable,
            "-m",
            "pylint",
            f"--rcfile={PYLINTRC}",
            *addon_paths,
        ]
        results.append((title, run_check(title, cmd)))
    return results


# -------------------------------------------------------------------------- main


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Install the project's addons in a fresh database, run their "
        "Odoo tests (browser tours included) and the linters.",
    )
    parser.add_argument(
        "--addons",
        metavar="A,B",
        help="only these addons (comma-separated); default: every discovered addon",
    )
    parser.add_argument(
        "--addons-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="also discover addons in DIR (repeatable; for testing the harness)",
    )
    parser.add_argument(
        "--test-tags",
        metavar="SPEC",
        help="Odoo --test-tags value instead of '/addon1,/addon2,...'",
    )
    parser.add_argument(
        "--keep-db",
        action="store_true",
        help="keep the test database and data dir afterwards",
    )
    parser.add_argument("--no-lint", action="store_true", help="skip the linters")
    parser.add_argument(
        "--lint-only",
        action="store_true",
        help="run only the linters (no Odoo, no database)",
    )
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.lint_only and args.no_lint:
        die("--lint-only and --no-lint exclude each other.")
    allow_skips = os.environ.get("ECABINET_ALLOW_SKIPS") == "1"

    found = odoo_env.project_addons(args.addons_dir)
    names = odoo_env.select_addons(found, args.addons)
    addon_paths = [found.paths[n] for n in names]

    outcome = None
    if not args.lint_only:
        odoo_dirs = odoo_env.find_odoo()
        pg = odoo_env.check_postgres()
        chrome = check_browser_tools()
        say(f"python: {sys.executable}")
        say(f"odoo addons dirs: {', '.join(odoo_dirs)}")
        say(f"project addons dirs: {', '.join(found.dirs) or '(none)'}")
        say(f"postgres: {pg.user}@{pg.host}:{pg.port}   browser: {chrome}")
        if not names:
            outcome = OdooOutcome()
            say(
                "\nNo addon found under "
                + ", ".join(f"{d}/" for d in odoo_env.PROJECT_ADDON_ROOTS)
                + " (a folder with a __manifest__.py): no Odoo test to run."
            )
        else:
            outcome = run_odoo_tests(args, pg, odoo_dirs, found, names)

    lint_results = [] if args.no_lint else run_linters(addon_paths)

    return summarize(outcome, lint_results, allow_skips)


def summarize(outcome, lint_results, allow_skips: bool) -> int:
    """Print the summary, the final count line; return the exit status."""
    lint_passed = sum(1 for _, ok in lint_results if ok)
    lint_failed = len(lint_results) - lint_passed
    passed, failed, skipped = lint_passed, lint_failed, 0
    problems = []
    banner("summary")
    if outcome is not None:
        o = outcome
        odoo_passed = max(0, o.tests_run - o.failures - o.errors - o.skipped)
        passed += odoo_passed
        failed += o.failures + o.errors
        skipped += o.skipped
        say(
            f"Odoo tests: {o.tests_run} run, {odoo_passed} passed, {o.failures} "
            f"failed, {o.errors} errors, {o.skipped} skipped"
        )
        extra_failed, odoo_problems = odoo_problems_of(o, allow_skips)
        failed += extra_failed
        problems += odoo_problems
    for title, ok in lint_results:
        say(f"lint {title}: {'passed' if ok else 'FAILED'}")
    if lint_failed:
        problems.append(f"{lint_failed} lint check(s) failed")
    for problem in problems:
        say(f"FAILED: {problem}")
    if not problems:
        say("OK")
    say(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if problems else 0


def odoo_problems_of(o: OdooOutcome, allow_skips: bool) -> tuple[int, list[str]]:
    """(extra failures to count, reasons to fail) beyond the test counts."""
    extra, problems = 0, []
    if o.crashed:
        extra += 1
        for reason in o.crash_reasons:
            say(f"  INSTALL/RUN FAILURE: {reason}")
        problems.append("Odoo did not install or run the addons cleanly")
    if o.failures or o.errors:
        # Name what failed in the summary: a CI report may keep only the tail.
        say(f"  ERROR line(s) in Odoo's log ({len(o.log_errors)}):")
        for line in o.log_errors[:20]:
            say(f"    {line[:300]}")
        problems.append(f"{o.failures + o.errors} Odoo test(s) failed")
    elif o.log_errors and not o.crashed:
        extra += 1
        say(f"  {len(o.log_errors)} ERROR line(s) in Odoo's log, yet no test failed:")
        for line in o.log_errors[:20]:
            say(f"    {line}")
        problems.append("Odoo logged errors (counted as one failure)")
    if o.tests_run == 0:
        problems.append(
            "no Odoo test ran (an addon without tests, or --test-tags matching "
            "nothing, is not a pass)"
        )
    if o.skipped:
        if allow_skips:
            say(f"  {o.skipped} skipped test(s) accepted (ECABINET_ALLOW_SKIPS=1)")
        else:
            problems.append(
                f"{o.skipped} test(s) skipped: a skipped test (a tour, say) is "
                "not a passing one; fix the cause, or set ECABINET_ALLOW_SKIPS=1 "
                "to accept skips"
            )
    return extra, problems


if __name__ == "__main__":
    sys.exit(main())
