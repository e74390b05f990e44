"""Run Odoo's server command in this process, then write its test counts as JSON.

Internal to ``tools/run_tests.py``, which runs it as a subprocess:

    ECABINET_TEST_RESULT_JSON=/path/result.json python _odoo_tests_main.py <odoo args>

Why not parse the log: Odoo keeps exact counts in an
``odoo.tests.result.OdooTestResult`` per registry (``registry._assertion_report``:
``testsRun``, ``failures_count``, ``errors_count``, ``skipped``). at_install
tests add to it in ``odoo.modules.loading``, post_install tests in
``odoo.service.server.preload_registries``, and the server logs it at the end of
``ThreadedServer.run`` from ``Registry.registries``. A test that rebuilds a
registry replaces the entry in ``Registry.registries``, so we also remember the
report of every registry built (``Registry.init``) and add them up; the reports
of rebuilt registries are normally empty, so nothing is counted twice.
``preload_registries`` returns -1 when a database fails to initialize (an
addon fails to install); we record its return value too.
"""

import json
import os
import sys
import traceback

RESULT_ENV = "ECABINET_TEST_RESULT_JSON"


def main() -> int:
    out_path = os.environ[RESULT_ENV]
    result = {
        "exit_code": None,
        "preload_rc": [],
        "crashed": None,
        "reports": [],
        "totals": None,
    }

    import odoo  # noqa: PLC0415
    import odoo.cli.server  # noqa: PLC0415
    import odoo.service.server as server_mod  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    reports = []  # (db_name, OdooTestResult) of every registry built

    original_init = Registry.init

    def init(self, db_name):
        original_init(self, db_name)
        if self._assertion_report is not None:
            reports.append((db_name, self._assertion_report))

    Registry.init = init

    original_preload = server_mod.preload_registries

    def preload_registries(dbnames):
        rc = original_preload(dbnames)
        result["preload_rc"].append(rc)
        return rc

    server_mod.preload_registries = preload_registries

    exit_code = 0
    try:
        odoo.cli.server.main(sys.argv[1:])
    except SystemExit as exc:
        if exc.code is None:
            exit_code = 0
        elif isinstance(exc.code, int):
            exit_code = exc.code
        else:  # sys.exit("message")
            print(exc.code, file=sys.stderr)
            exit_code = 1
    except BaseException:  # noqa: BLE001 - report anything, the JSON must be written
        result["crashed"] = traceback.format_exc()
        print(result["crashed"], file=sys.stderr)
        exit_code = 1
    result["exit_code"] = exit_code

    seen = set()
    totals = {"tests_run": 0, "failures": 0, "errors": 0, "skipped": 0}
    for db_name, report in reports:
        if id(report) in seen:
            continue
        seen.add(id(report))
        counts = {
            "tests_run": report.testsRun,
            "failures": report.failures_count,
            "errors": report.errors_count,
            "skipped": report.skipped,
        }
        result["reports"].append({"db": db_name, **counts})
        for key, value in counts.items():
            totals[key] += value
    result["totals"] = totals
    # Odoo's own final view, for cross-checking (the registries still alive).
    result["live_registries"] = {
        db: {
            "tests_run": reg._assertion_report.testsRun,
            "failures": reg._assertion_report.failures_count,
            "errors": reg._assertion_report.errors_count,
            "skipped": reg._assertion_report.skipped,
        }
        for db, reg in list(Registry.registries.d.items())
        if reg._assertion_report is not None
    }

    tmp_path = out_path + ".tmp"
    with open(tmp_path, "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=2)
    os.replace(tmp_path, out_path)
    return exit_code if 0 <= exit_code <= 255 else 255


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    sys.exit(main())
