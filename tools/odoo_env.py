"""Shared helpers for the project's commands (tests, dev server, benchmarks).

Only the standard library and psycopg2 are used at import time, so that the
commands can explain clearly what is missing *before* Odoo is imported.

- ``find_odoo()``       Odoo 18.0 importable? -> its addons directories
- ``check_postgres()``  PostgreSQL reachable? -> connection settings
- ``project_addons()``  our addons, discovered under ``addons/`` and ``tests/``
- ``odoo_cli_args()``   the Odoo CLI options every command shares
"""

from __future__ import annotations

import ast
import getpass
import os
import shutil
import socket
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# Folders of the repository whose sub-folders with a __manifest__.py are addons.
# ``tests/`` holds cross-addon and browser scenario addons (test addons).
PROJECT_ADDON_ROOTS = ("addons", "tests")
ODOO_MAJOR = 18


def die(message: str, code: int = 2) -> None:
    """Print ``message`` as one wrapped paragraph on stderr and exit."""
    paragraphs = [textwrap.fill(p, width=88) for p in message.strip().split("\n\n")]
    print("\nERROR: " + "\n\n".join(paragraphs) + "\n", file=sys.stderr, flush=True)
    sys.exit(code)


# --------------------------------------------------------------------------- Odoo


def _odoo_missing(reason: str) -> None:
    die(
        f"Odoo {ODOO_MAJOR}.0 is not usable from this Python ({sys.executable}, "
        f"Python {sys.version.split()[0]}): {reason}. "
        f"This project needs Odoo {ODOO_MAJOR}.0 Community in the Python that runs "
        "these commands: run them through `make run` / `make test`, which set up "
        "the virtual environment .venv with Odoo (tools/bootstrap.py; ODOO_SOURCE "
        "names a source tree, archive or git URL). See README.md."
    )


def _has_web(addons_dir: Path) -> bool:
    return (addons_dir / "web" / "__manifest__.py").is_file()


def find_odoo() -> list[str]:
    """Import Odoo 18 and return its addons directories.

    Handles both layouts:

    - packaged (pip/deb/docker): every addon, ``base`` and ``web`` included,
      is in ``<odoo package>/addons``;
    - source checkout: ``<checkout>/odoo/addons`` has ``base``, while
      ``<checkout>/addons`` (next to the ``odoo`` package) has ``web`` & co.

    ``<odoo package>/addons`` is always returned (it holds ``base``). Exits
    with status 2 and a clear message if Odoo is missing or is not 18.0.
    """
    try:
        import odoo  # noqa: PLC0415
        import odoo.release  # noqa: PLC0415
    except ImportError as exc:
        _odoo_missing(f"`import odoo` failed ({exc})")
    except Exception as exc:  # broken install: a dependency of Odoo fails
        _odoo_missing(f"`import odoo` raised {type(exc).__name__}: {exc}")

    version = odoo.release.version_info
    if version[0] != ODOO_MAJOR:
        _odoo_missing(
            f"found Odoo {odoo.release.version} at {Path(odoo.__file__).parent}, "
            f"not {ODOO_MAJOR}.0"
        )

    pkg_dir = Path(odoo.__file__).resolve().parent
    base_dir = pkg_dir / "addons"
    dirs: list[Path] = []
    for candidate in (pkg_dir.parent / "addons", base_dir):
        if _has_web(candidate) and candidate not in dirs:
            dirs.append(candidate)
    if base_dir not in dirs:
        dirs.append(base_dir)
    if not (base_dir / "base" / "__manifest__.py").is_file():
        _odoo_missing(f"{base_dir} has no `base` addon; the install looks broken")
    if not any(_has_web(d) for d in dirs):
        _odoo_missing(
            f"the `web` addon was found neither in {base_dir} (packaged layout) nor "
            f"in {pkg_dir.parent / 'addons'} (source checkout layout)"
        )
    return [str(d) for d in dirs]


# --------------------------------------------------------------------- PostgreSQL


@dataclass
class PgSettings:
    host: str
    port: int
    user: str

    def connect(self, dbname: str = "postgres"):
        import psycopg2  # noqa: PLC0415

        return psycopg2.connect(
            dbname=dbname,
            host=self.host,
            port=self.port,
            user=self.user,
            connect_timeout=10,
        )


def pg_settings() -> PgSettings:
    """Connection settings from PGHOST / PGPORT / PGUSER (password: PGPASSWORD)."""
    try:
        port = int(os.environ.get("PGPORT") or 5432)
    except ValueError:
        die(f"PGPORT={os.environ['PGPORT']!r} is not a port number.")
    return PgSettings(
        host=os.environ.get("PGHOST") or "127.0.0.1",
        port=port,
        user=os.environ.get("PGUSER") or getpass.getuser(),
    )


def check_postgres() -> PgSettings:
    """Connect to the ``postgres`` database; exit 2 with a clear message if not."""
    pg = pg_settings()
    try:
        import psycopg2  # noqa: PLC0415
    except ImportError:
        die(
            f"psycopg2 is not importable from {sys.executable}. It comes with Odoo's "
            "requirements (`pip install -r <odoo source>/requirements.txt`)."
        )
    if pg.user == "postgres":
        die(
            "Odoo refuses to run as the database superuser `postgres`. Set PGUSER to "
            "another role (one with CREATEDB), e.g. your OS user."
        )
    try:
        conn = pg.connect("postgres")
    except psycopg2.Error as exc:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        if not detail.endswith((".", "?", "!")):
            detail += "."
        die(
            f"Cannot connect to PostgreSQL at {pg.host}:{pg.port} as role "
            f"`{pg.user}` (database `postgres`): {detail} Start PostgreSQL (e.g. "
            "`make run` / `make test` start the project's own cluster when none "
            "answers), or point PGHOST / PGPORT / PGUSER / PGPASSWORD at a server "
            "where this role exists and may create databases."
        )
    conn.close()
    return pg


def database_exists(pg: PgSettings, dbname: str) -> bool:
    conn = pg.connect("postgres")
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,))
            return cr.fetchone() is not None
    finally:
        conn.close()


def module_states(pg: PgSettings, dbname: str) -> dict[str, str] | None:
    """``{module: state}`` of an Odoo database, or None if it is not one."""
    conn = pg.connect(dbname)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT to_regclass('ir_module_module')")
            if cr.fetchone()[0] is None:
                return None
            cr.execute("SELECT name, state FROM ir_module_module")
            return dict(cr.fetchall())
    finally:
        conn.close()


def set_base_url(pg: PgSettings, dbname: str, url: str, freeze: bool) -> str:
    """Make ``url`` the address Odoo writes in links (``web.base.url``: letters,
    emails, the projector link), unless an administrator froze another one
    (``web.base.url.freeze``) and ``freeze`` is not asked for. Returns the address
    in force."""
    conn = pg.connect(dbname)
    try:
        with conn, conn.cursor() as cr:
            cr.execute(
                "SELECT key, value FROM ir_config_parameter WHERE key IN "
                "('web.base.url', 'web.base.url.freeze')"
            )
            params = dict(cr.fetchall())
            if params.get("web.base.url.freeze") and not freeze:
                return params.get("web.base.url") or url
            keys = {"web.base.url": url}
            if freeze:
                keys["web.base.url.freeze"] = "True"
            for key, value in keys.items():
                cr.execute(
                    "UPDATE ir_config_parameter SET value = %s, write_date = now() "
                    "WHERE key = %s",
                    (value, key),
                )
                if not cr.rowcount:
                    cr.execute(
                        "INSERT INTO ir_config_parameter (key, value, create_date, "
                        "write_date) VALUES (%s, %s, now(), now())",
                        (key, value),
                    )
            return url
    finally:
        conn.close()


def drop_database(pg: PgSettings, dbname: str) -> None:
    from psycopg2 import sql  # noqa: PLC0415

    conn = pg.connect("postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(dbname)
                )
            )
    finally:
        conn.close()


# ------------------------------------------------------------------ project addons


@dataclass
class ProjectAddons:
    names: list[str] = field(default_factory=list)  # sorted addon names
    dirs: list[str] = field(default_factory=list)  # their parent dirs (addons path)
    paths: dict[str, str] = field(default_factory=dict)  # name -> addon dir


def _installable(manifest: Path) -> bool:
    try:
        data = ast.literal_eval(manifest.read_text(encoding="utf-8"))
    except (ValueError, SyntaxError):
        return True  # let Odoo report the broken manifest
    return not isinstance(data, dict) or data.get("installable", True) is not False


def project_addons(
    extra_dirs: list[str] | tuple[str, ...] = (), include_tests: bool = True
) -> ProjectAddons:
    """Discover the addons of the project (never a hand-written list).

    An addon is a direct sub-folder with a ``__manifest__.py`` (and not
    ``'installable': False``) of ``addons/``, ``tests/`` (unless
    ``include_tests`` is false) or of one of ``extra_dirs``. A folder goes on
    the addons path only if it holds one.
    """
    roots = [
        REPO_ROOT / name
        for name in PROJECT_ADDON_ROOTS
        if include_tests or name != "tests"
    ]
    roots += [Path(d).resolve() for d in extra_dirs]
    found = ProjectAddons()
    for root in roots:
        if not root.is_dir():
            continue
        has_addon = False
        for child in sorted(root.iterdir()):
            manifest = child / "__manifest__.py"
            if not manifest.is_file() or not _installable(manifest):
                continue
            if child.name in found.paths:
                die(
                    f"Addon `{child.name}` exists twice: {found.paths[child.name]} "
                    f"and {child}. Addon names must be unique."
                )
            found.paths[child.name] = str(child)
            has_addon = True
        if has_addon and str(root) not in found.dirs:
            found.dirs.append(str(root))
    found.names = sorted(found.paths)
    return found


def select_addons(found: ProjectAddons, wanted: str | None) -> list[str]:
    """Names from a comma-separated ``--addons`` value (all if empty)."""
    if not wanted:
        return list(found.names)
    names = [n.strip() for n in wanted.split(",") if n.strip()]
    unknown = [n for n in names if n not in found.paths]
    if unknown:
        die(
            f"Unknown addon(s): {', '.join(unknown)}. Discovered addons: "
            f"{', '.join(found.names) or '(none)'} (searched "
            f"{', '.join(PROJECT_ADDON_ROOTS)} and --addons-dir folders)."
        )
    return names


# ------------------------------------------------------------------------ Odoo CLI


def odoo_cli_args(
    project_dirs: list[str],
    odoo_dirs: list[str],
    data_dir: str,
    pg: PgSettings,
) -> list[str]:
    """The options every Odoo invocation of the project shares.

    The database password, if any, is left to libpq's PGPASSWORD (not put on
    a command line where ``ps`` shows it).
    """
    addons_path = ",".join(dict.fromkeys([*project_dirs, *odoo_dirs]))
    return [
        f"--addons-path={addons_path}",
        f"--data-dir={data_dir}",
        f"--db_host={pg.host}",
        f"--db_port={pg.port}",
        f"--db_user={pg.user}",
    ]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port: int, interface: str = "") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((interface or "0.0.0.0", port))
        except OSError:
            return False
    return True


def chromium_binary() -> str | None:
    """The Chrome/Chromium that Odoo's browser tests would use, if any.

    Same names as ``odoo.tests.common._find_executable`` looks for on Linux,
    plus the usual macOS application paths.
    """
    for name in (
        "google-chrome",
        "chromium",
        "chromium-browser",
        "google-chrome-stable",
    ):
        path = shutil.which(name)
        if path:
            return path
    for path in (
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
    ):
        if os.path.exists(path):
            return path
    return None
