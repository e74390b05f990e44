# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An agency upgrades from the previous release with ``-u`` and loses nothing.

The previous release's addons come from git (``PREVIOUS``, the commit of release
18.0.1.0.0, named by its hash because a clone does not always carry tags): the
test needs the repository's history (any clone but a shallow one).
Two Odoo processes run on a database of their own: the first installs the previous
release with its demo data (then ``seed_previous.py`` adds an agency's settings),
the second upgrades it with this code. ``snapshot.py`` reads the database before
and after.
"""

import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg2
from psycopg2 import sql

import odoo
from odoo.tests import BaseCase, tagged
from odoo.tools import config

from . import snapshot

_logger = logging.getLogger(__name__)

# Release 18.0.1.0.0: the commit the git tag of that name points to, by its hash
# (a clone, or a landing, does not always carry the tags).
PREVIOUS_RELEASE = "18.0.1.0.0"
PREVIOUS = "72281463281977fce1b2c1d6d09ea08c5d1144d2"
# The addons of the previous release, in the order an agency installed them.
PREVIOUS_ADDONS = (
    "ecabinet_base",
    "ecabinet_notification",
    "ecabinet_meeting",
    "ecabinet_opinion",
    "ecabinet_console",
    "ecabinet_tasks",
    "ecabinet_tasks_opinion",
    "ecabinet_sign",
)
HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
TIMEOUT = 30 * 60
LOG_ERROR_RE = re.compile(r"^\S+ \S+ \d+ (?:ERROR|CRITICAL) ", re.MULTILINE)

# The report each source of a sign request printed in the previous release.
SIGN_SOURCE_REPORTS = {
    "ecabinet_meeting.action_report_minutes": "minutes",
    "ecabinet_meeting.action_report_conclusion": "conclusion",
    "ecabinet_opinion.action_report_ballot_result": "ballot",
}
# The signing services' settings of the previous release -> (provider, column) of
# the ecabinet_sign_service record of the company that replaced them.
SIGN_SERVICE_PARAMS = {
    "ecabinet_sign.pkcs11_module": ("pkcs11", "module_path"),
    "ecabinet_sign.csc_url": ("csc", "url"),
    "ecabinet_sign.csc_token_url": ("csc", "token_url"),
    "ecabinet_sign.csc_client_id": ("csc", "client_id"),
    "ecabinet_sign.csc_client_secret": ("csc", "client_secret"),
    "ecabinet_sign.smartca_url": ("vnpt_smartca", "url"),
    "ecabinet_sign.smartca_sp_id": ("vnpt_smartca", "client_id"),
    "ecabinet_sign.smartca_sp_password": ("vnpt_smartca", "client_secret"),
    "ecabinet_sign.mysign_url": ("viettel_mysign", "url"),
    "ecabinet_sign.mysign_client_id": ("viettel_mysign", "client_id"),
    "ecabinet_sign.mysign_client_secret": ("viettel_mysign", "client_secret"),
    "ecabinet_sign.mysign_profile_id": ("viettel_mysign", "profile_id"),
}


def _sign_request_source(cr):
    """ecabinet_sign_request.source -> ecabinet_sign_request.report_id: the report
    the source printed; no report for an uploaded document."""
    cr.execute(
        """SELECT r.id, CASE WHEN r.report_id IS NULL THEN 'upload'
                             ELSE d.module || '.' || d.name END
             FROM ecabinet_sign_request r
        LEFT JOIN ir_model_data d
               ON d.model = 'ir.actions.report' AND d.res_id = r.report_id"""
    )
    return {
        rid: SIGN_SOURCE_REPORTS.get(report, report) for rid, report in cr.fetchall()
    }


# Values this release keeps in another place than the previous one:
# place of the previous release -> SQL giving, on the upgraded database, the same
# values in the same form ({id: text}). Each entry says where the value went.
def _rows(query):
    def read(cr):
        cr.execute(query)
        return dict(cr.fetchall())

    return read


# The company's Telegram settings (ecabinet_notification) became the company's
# ecabinet.telegram.bot (ecabinet_notification_telegram, its post-init hook). A
# company without a bot kept only the field's default Bot API URL, no setting.
_BOT = """SELECT c.id, {} FROM res_company c
            LEFT JOIN ecabinet_telegram_bot b ON b.company_id = c.id AND b.active"""


def _settings(cr):
    """e-Cabinet's settings: those still in ``ir.config_parameter``, and those
    that moved to a configuration record, under their previous key."""
    cr.execute("SELECT key, value FROM ir_config_parameter WHERE key LIKE 'ecabinet%'")
    values = dict(cr.fetchall())
    # ecabinet_notification.telegram_timeout became the bot's timeout
    cr.execute("SELECT timeout FROM ecabinet_telegram_bot WHERE active ORDER BY id")
    for (timeout,) in cr.fetchall()[:1]:
        values["ecabinet_notification.telegram_timeout"] = str(timeout)
    # ecabinet_sign.* (the signing services) became ecabinet_sign_service records,
    # one per company and provider: the main company's
    cr.execute(
        """SELECT res_id FROM ir_model_data
            WHERE module = 'base' AND name = 'main_company'"""
    )
    company_id = cr.fetchone()[0]
    for key, (provider, column) in SIGN_SERVICE_PARAMS.items():
        cr.execute(
            sql.SQL(
                """SELECT {} FROM ecabinet_sign_service
                    WHERE company_id = %s AND provider = %s AND active"""
            ).format(sql.Identifier(column)),
            [company_id, provider],
        )
        row = cr.fetchone()
        if row and row[0]:
            values[key] = row[0]
    return values


# The private notes (ecabinet_meeting) became pinned notes: the annotation's
# client_uid names the note, the note's page went into the data (the pin's page
# is a page of the document).
_NOTE = """SELECT substring(client_uid from 23)::int, {}
             FROM ecabinet_meeting_annotation
            WHERE client_uid LIKE 'ecabinet.meeting.note:%'"""
_NOTE_COLUMNS = {
    "id": "substring(client_uid from 23)",
    "document_id": "document_id::text",
    "meeting_id": "meeting_id::text",
    "user_id": "user_id::text",
    "page": "data->>'note_page'",
    "body": "text",
    "create_uid": "create_uid::text",
    "create_date": "create_date::text",
}

MOVED = {
    **{
        ("ecabinet_meeting_note", column): _rows(_NOTE.format(value))
        for column, value in _NOTE_COLUMNS.items()
    },
    ("elsewhere", "settings"): _settings,
    # ecabinet_sign_request.source became ecabinet_sign_request.report_id
    ("ecabinet_sign_request", "source"): _sign_request_source,
    ("res_company", "ecabinet_telegram_token"): _rows(_BOT.format("b.token")),
    ("res_company", "ecabinet_telegram_api_url"): _rows(
        _BOT.format("coalesce(b.url, 'https://api.telegram.org')")
    ),
    ("res_company", "ecabinet_telegram_bot_username"): _rows(
        _BOT.format("b.bot_username")
    ),
    ("res_company", "ecabinet_telegram_webhook_secret"): _rows(
        _BOT.format("b.webhook_secret")
    ),
}


@tagged("post_install", "-at_install", "ecabinet_upgrade")
class TestUpgradeFromPreviousRelease(BaseCase):
    """Install the previous release with demo data, upgrade it with ``-u``,
    compare every e-Cabinet value before and after."""

    def setUp(self):
        super().setUp()
        self.workdir = Path(tempfile.mkdtemp(prefix="ecabinet_upgrade_"))
        self.addCleanup(shutil.rmtree, self.workdir, ignore_errors=True)
        self.dbname = f"{config['db_name'].split(',')[0]}_upgrade"[:63]
        self.addCleanup(self._drop_database)
        self._drop_database()

    # Plumbing ------------------------------------------------------------------

    def _pg_args(self):
        return {
            key: config[option]
            for key, option in (
                ("host", "db_host"),
                ("port", "db_port"),
                ("user", "db_user"),
                ("password", "db_password"),
            )
            if config[option]
        }

    def _connect(self, dbname):
        return psycopg2.connect(dbname=dbname, **self._pg_args())

    def _drop_database(self):
        conn = self._connect("postgres")
        conn.autocommit = True
        try:
            with conn.cursor() as cr:
                cr.execute(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')
        finally:
            conn.close()

    def _previous_addons_dir(self):
        """The previous release's ``addons`` folder, exported from git."""
        target = self.workdir / "previous"
        target.mkdir()
        archive = subprocess.run(  # noqa: S603 - git with our own arguments
            ["git", "-C", str(REPO), "archive", "--format=tar", PREVIOUS, "addons"],  # noqa: S607
            capture_output=True,
            check=False,
        )
        if archive.returncode:
            self.fail(
                f"The previous release {PREVIOUS_RELEASE} (commit {PREVIOUS}) is not "
                "in the repository's history "
                f"({archive.stderr.decode(errors='replace').strip()}); the upgrade "
                "test needs a clone with the history (not a shallow one)."
            )
        subprocess.run(  # noqa: S603
            ["tar", "-x", "-C", str(target)],  # noqa: S607
            input=archive.stdout,
            check=True,
        )
        return target / "addons"

    def _addons_path(self, project_dirs):
        """Odoo's own addons followed by ``project_dirs`` (not this repository's)."""
        ours = {str(REPO / "addons"), str(REPO / "tests")}
        odoo_dirs = [
            path
            for path in config["addons_path"].split(",")
            if str(Path(path).resolve()) not in ours
        ]
        return ",".join([*map(str, project_dirs), *odoo_dirs])

    def _odoo(self, script, addons_path, *options, log_name):
        """Run ``script`` (odoo-bin's entry point or ours) with the options every
        run shares; its log goes to a file; fail on a non-zero exit."""
        rcfile = self.workdir / "odoo.conf"
        rcfile.write_text("[options]\n", encoding="utf-8")
        args = [
            sys.executable,
            *script,
            f"--config={rcfile}",
            f"--addons-path={addons_path}",
            f"--data-dir={self.workdir / 'data'}",
            f"--database={self.dbname}",
            "--no-http",
            "--max-cron-threads=0",
            "--workers=0",
            "--log-level=info",
            *options,
        ]
        for option in ("db_host", "db_port", "db_user"):
            if config[option]:
                args.append(f"--{option}={config[option]}")
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env.pop("ODOO_RC", None)
        if config["db_password"]:
            env["PGPASSWORD"] = config["db_password"]
        log = self.workdir / f"{log_name}.log"
        with log.open("w", encoding="utf-8") as out:
            proc = subprocess.run(  # noqa: S603 - Odoo with our own arguments
                args,
                cwd=str(self.workdir),
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=TIMEOUT,
                check=False,
            )
        text = log.read_text(encoding="utf-8", errors="replace")
        errors = [line for line in text.splitlines() if LOG_ERROR_RE.match(line + "\n")]
        if proc.returncode or errors:
            self.fail(
                f"{log_name}: Odoo exited with {proc.returncode}; error lines:\n"
                + "\n".join(errors[:20])
                + "\n--- end of its log ---\n"
                + text[-6000:]
            )
        return text

    def _module_states(self):
        conn = self._connect(self.dbname)
        try:
            with conn.cursor() as cr:
                cr.execute(
                    """SELECT name, state, latest_version FROM ir_module_module
                        WHERE name LIKE 'ecabinet\\_%'"""
                )
                return {
                    name: (state, version) for name, state, version in cr.fetchall()
                }
        finally:
            conn.close()

    def _snapshot(self, moved=None):
        conn = self._connect(self.dbname)
        try:
            with conn.cursor() as cr:
                snap = snapshot.take(cr)
                values = {place: query(cr) for place, query in (moved or {}).items()}
        finally:
            conn.close()
        return snap, values

    # The test ------------------------------------------------------------------

    def test_upgrade_keeps_every_record_and_value(self):
        odoo_bin = [str(Path(odoo.__file__).resolve().parent.parent / "odoo-bin")]
        previous_path = self._addons_path([self._previous_addons_dir()])
        self._odoo(
            odoo_bin,
            previous_path,
            f"--init={','.join(PREVIOUS_ADDONS)}",
            "--stop-after-init",
            "--load-language=vi_VN",
            log_name="install-previous",
        )
        self._odoo(
            [str(HERE / "seed_previous.py")],
            previous_path,
            log_name="seed-previous",
        )
        states = self._module_states()
        self.assertEqual(
            {name: state for name, (state, _v) in states.items()},
            dict.fromkeys(PREVIOUS_ADDONS, "installed"),
            "the previous release is installed",
        )
        before, _values = self._snapshot()
        self.assertGreater(
            len(before[("ecabinet_meeting", "id")]), 0, "the demo data is there"
        )

        current_path = self._addons_path([REPO / "addons"])
        self._odoo(
            odoo_bin,
            current_path,
            f"--update={','.join(PREVIOUS_ADDONS)}",
            "--stop-after-init",
            log_name="upgrade",
        )
        after, moved = self._snapshot(MOVED)

        states = self._module_states()
        manifest_versions = {
            name: odoo.modules.module.load_manifest(name, REPO / "addons" / name)[
                "version"
            ]
            for name in PREVIOUS_ADDONS
        }
        for name in PREVIOUS_ADDONS:
            self.assertEqual(
                states[name],
                ("installed", manifest_versions[name]),
                f"{name} is upgraded to this release",
            )
        # the channels the agency used came with the upgrade, as their own addons
        for name in ("ecabinet_notification_sms", "ecabinet_notification_telegram"):
            self.assertEqual(states.get(name, ("absent",))[0], "installed", name)
        problems = snapshot.compare(before, after, moved)
        _logger.info(
            "upgrade from %s compared %d places, %d values (%d followed where they "
            "moved)",
            PREVIOUS_RELEASE,
            len(before),
            sum(len(values) for values in before.values()),
            len(moved),
        )
        self.assertFalse(
            problems,
            "The upgrade lost or changed values:\n" + "\n".join(problems),
        )


@tagged("post_install", "-at_install", "ecabinet_upgrade")
class TestSnapshotCompare(BaseCase):
    """The comparison fails on every kind of loss, and only on losses."""

    BEFORE = {
        ("ecabinet_meeting", "name"): {1: "Phiên họp 1", 2: "Phiên họp 2"},
        ("ecabinet_meeting", "minute_notes"): {1: "Ghi chú"},
        ("res_company", "ecabinet_telegram_token"): {1: "123:ABC"},
        ("rows", "ecabinet_meeting_res_partner_rel"): [("1", "7"), ("2", "8")],
    }

    def test_same_values_and_new_places_pass(self):
        after = {**self.BEFORE, ("ecabinet_telegram_bot", "token"): {1: "x"}}
        self.assertEqual(snapshot.compare(self.BEFORE, after, {}), [])

    def test_lost_changed_and_gone_values_fail(self):
        after = {
            ("ecabinet_meeting", "name"): {1: "Phiên họp 1*"},
            ("rows", "ecabinet_meeting_res_partner_rel"): [("1", "7")],
        }
        problems = "\n".join(snapshot.compare(self.BEFORE, after, {}))
        self.assertIn("ecabinet_meeting.name: 1 of 2 records lost (ids [2])", problems)
        self.assertIn("ecabinet_meeting.name: 1 values changed", problems)
        self.assertIn("ecabinet_meeting.minute_notes: gone (1 values)", problems)
        self.assertIn("res_company.ecabinet_telegram_token: gone", problems)
        self.assertIn(
            "ecabinet_meeting_res_partner_rel: 2 rows before, 1 after", problems
        )

    def test_moved_values_are_followed(self):
        after = {
            key: value
            for key, value in self.BEFORE.items()
            if key != ("res_company", "ecabinet_telegram_token")
        }
        place = ("res_company", "ecabinet_telegram_token")
        self.assertEqual(
            snapshot.compare(self.BEFORE, after, {place: {1: "123:ABC"}}), []
        )
        problems = snapshot.compare(self.BEFORE, after, {place: {1: "other"}})
        self.assertEqual(len(problems), 1)
        self.assertIn("ecabinet_telegram_token: 1 values changed", problems[0])
