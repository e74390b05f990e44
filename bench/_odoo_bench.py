"""Shared helpers of the benchmarks: a scratch database with our addons, an Odoo
environment on it, and timing/query counting.

Each benchmark installs what it needs in a fresh database (dropped at the end),
measures our code and the Odoo feature it is compared with in the same process and
the same run, and prints both with their ratio.
"""

import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import odoo_env  # noqa: E402


@contextlib.contextmanager
def bench_database(modules):
    """Yield an ``odoo.api.Environment`` (superuser) on a fresh database."""
    odoo_dirs = odoo_env.find_odoo()
    pg = odoo_env.check_postgres()
    found = odoo_env.project_addons()
    dbname = f"ecabinet_bench_{int(time.time())}"
    with tempfile.TemporaryDirectory(prefix="ecabinet-bench-") as data_dir:
        args = odoo_env.odoo_cli_args(found.dirs, odoo_dirs, data_dir, pg)
        print(f"installing {', '.join(modules)} in {dbname} ...", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "odoo",
                *args,
                "-d",
                dbname,
                "-i",
                ",".join(modules),
                "--without-demo=all",
                "--stop-after-init",
                "--log-level=warn",
            ],
            check=True,
        )
        import odoo  # noqa: PLC0415
        from odoo.modules.registry import Registry  # noqa: PLC0415

        odoo.tools.config.parse_config([*args, "-d", dbname, "--log-level=warn"])
        try:
            registry = Registry(dbname)
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                yield env
                cr.rollback()
        finally:
            odoo.sql_db.close_all()
            odoo_env.drop_database(pg, dbname)


def measure(env, func, repeat=3):
    """Median wall time (s) and queries of ``func()`` over ``repeat`` runs; the
    function gets the run number and must prepare its own data."""
    times, queries = [], []
    for run in range(repeat):
        env.flush_all()
        start_q, start_t = env.cr.sql_log_count, time.perf_counter()
        func(run)
        env.flush_all()
        times.append(time.perf_counter() - start_t)
        queries.append(env.cr.sql_log_count - start_q)
    return statistics.median(times), statistics.median(queries)


def report(title, rows, ours, theirs):
    """Print a small table and the ratio ours / theirs."""
    print(f"\n{title}")
    width = max(len(name) for name, *_ in rows)
    for name, seconds, queries, count in rows:
        print(
            f"  {name:<{width}}  {seconds * 1000:9.1f} ms  {queries:7.0f} queries"
            f"  {queries / count:6.2f} queries/item"
            f"  {seconds / count * 1000:6.2f} ms/item"
        )
    print(
        f"  ratio (ours / reference): time {ours[0] / theirs[0]:.2f}x, "
        f"queries {ours[1] / theirs[1]:.2f}x"
    )
