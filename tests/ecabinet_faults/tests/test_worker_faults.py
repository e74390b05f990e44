# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The outbox cron run by a real Odoo process that dies while it sends: killed
(SIGKILL, as the OOM killer or a restart does) or cut from PostgreSQL
(``pg_terminate_backend``, as a database restart does).

The mail goes to the real SMTP server of ecabinet_notification's tests, which
holds the connection after the third message so that the process is caught in the
middle of its batch. Every case must end with nothing lost (each message sent or
shown as failed), nothing sent twice (per the server's log), and the secretariat
able to see the failed messages and retry them.

The process needs committed data: the test writes it through its own connection
and removes it at the end. (SMTP down, SMS gateway down or slow and Telegram down
are covered by ecabinet_notification's tests.)
"""

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api, sql_db
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecabinet_notification.tests.common import SmtpServer

WORKER = Path(__file__).with_name("outbox_worker.py")
RECIPIENTS = 6
HOLD_AT = 3  # the SMTP server holds the connection after this many messages


class HoldingSmtpServer(SmtpServer):
    """The real SMTP server, which can stop answering after ``hold_at`` messages
    until ``release`` is set (a slow or hung mail relay)."""

    def __init__(self, hold_at=None):
        super().__init__()
        self.hold_at = hold_at
        self.holding = threading.Event()
        self.release = threading.Event()

    def answering(self):
        """The same server (same port), answering every message from now on."""
        self.hold_at = None
        return self

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        result = await super().handle_DATA(server, session, envelope)
        if self.hold_at and len(self.messages) >= self.hold_at:
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(
                None, self.release.wait, 120
            )
        return result


@tagged("post_install", "-at_install", "ecabinet_faults")
class TestWorkerFaults(TransactionCase):
    # Helpers ------------------------------------------------------------------------

    @contextmanager
    def committed_env(self):
        """An environment on a connection of its own, committed at the end."""
        cr = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            yield api.Environment(cr, SUPERUSER_ID, {})
            # The worker process reads what this connection commits.
            cr.commit()  # pylint: disable=invalid-commit
        finally:
            cr.close()

    def worker(self):
        config = odoo.tools.config
        args = [
            sys.executable,
            str(WORKER),
            f"--addons-path={config['addons_path']}",
            f"--data-dir={config['data_dir']}",
            f"--database={self.env.cr.dbname}",
            "--log-level=warn",
            "--max-cron-threads=0",
        ]
        for option in ("db_host", "db_port", "db_user"):
            if config[option]:
                args.append(f"--{option}={config[option]}")
        return subprocess.Popen(  # noqa: S603 - our own worker script
            args,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )

    def run_worker(self):
        process = self.worker()
        output, _err = process.communicate(timeout=300)
        self.assertEqual(process.returncode, 0, output)

    def setup_outbox(self, smtp):
        """Six members, one email each queued in the outbox, the SMTP server."""
        tag = f"fault-{os.getpid()}-{time.monotonic_ns()}"
        with self.committed_env() as env:
            server = env["ir.mail_server"].create(
                {
                    "name": tag,
                    "smtp_host": "127.0.0.1",
                    "smtp_port": smtp.port,
                    "sequence": 0,
                }
            )
            event = env["ecabinet.notification.event"].create(
                {
                    "name": "Reminder (fault test)",
                    "code": tag,
                    "model_id": env["ir.model"]._get_id("res.partner"),
                    "urgent": True,
                    "default_channels": "email",
                    "mail_template_id": env.ref(
                        "ecabinet_notification.mail_template_test"
                    ).id,
                    "sms_template_id": env.ref(
                        "ecabinet_notification.sms_template_test"
                    ).id,
                }
            )
            partners = env["res.partner"].create(
                [
                    {"name": f"Member {n} ({tag})", "email": f"m{n}.{tag}@example.com"}
                    for n in range(RECIPIENTS)
                ]
            )
            Notification = env["ecabinet.notification"]
            for partner in partners:
                Notification.dispatch(partner, event, partner)
            notifications = Notification.search([("event_id", "=", event.id)])
            self.assertEqual(len(notifications), RECIPIENTS)
            self.assertEqual(set(notifications.mapped("state")), {"queued"})
            ids = {
                "server": server.id,
                "event": event.id,
                "partners": partners.ids,
                "notifications": notifications.ids,
            }
        self.addCleanup(self.cleanup, ids)
        return ids

    def cleanup(self, ids):
        with self.committed_env() as env:
            partners = env["res.partner"].browse(ids["partners"])
            outbox = env["ecabinet.notification"].browse(ids["notifications"]).exists()
            with outbox._ecabinet_unlocked():  # queued messages of the test
                outbox.unlink()
            env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
            ).unlink()
            env["mail.mail"].search([("recipient_ids", "in", partners.ids)]).unlink()
            partners.unlink()
            env["ecabinet.notification.event"].browse(ids["event"]).unlink()
            env["ir.mail_server"].browse(ids["server"]).unlink()

    def states(self, ids):
        with self.committed_env() as env:
            notifications = env["ecabinet.notification"].browse(ids["notifications"])
            return {n.address: (n.state, n.last_error or "") for n in notifications}

    def kill_mid_batch(self, how):
        smtp = HoldingSmtpServer(hold_at=HOLD_AT)
        with smtp:
            ids = self.setup_outbox(smtp)
            process = self.worker()
            try:
                self.assertTrue(
                    smtp.holding.wait(180), "the worker never reached the server"
                )
                if how == "kill":
                    os.killpg(process.pid, signal.SIGKILL)
                else:
                    self.terminate_backends(process.pid)
            finally:
                smtp.release.set()
                output, _err = process.communicate(timeout=120)
            if how == "kill":
                self.assertEqual(process.returncode, -signal.SIGKILL)
            else:
                self.assertNotEqual(process.returncode, 0, output)
            received = smtp.recipients()
        return smtp, ids, received

    def terminate_backends(self, pid):
        with self.committed_env() as env:
            env.cr.execute(
                """
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE application_name = %s AND datname = current_database()
                """,
                [f"odoo-{pid}"],
            )
            self.assertTrue(env.cr.fetchall(), "the worker had no connection")

    def check_recovery(self, smtp, ids, received):
        """After the crash: nothing sent again by itself; once the interruption
        is stale the messages are failed with the reason, the secretariat retries
        those the members did not get, and each member has exactly one email."""
        self.assertGreaterEqual(len(received), HOLD_AT)
        self.assertEqual(len(received), len(set(received)), "an email went twice")
        states = self.states(ids)
        # The batch was marked "sending" (committed) before anything left: the
        # interrupted messages are not queued again.
        self.assertEqual({state for state, _e in states.values()}, {"sending"})

        # A new worker right after the crash sends nothing twice.
        with smtp.answering():
            self.run_worker()
            self.assertEqual(smtp.recipients(), [])
        self.assertEqual(self.states(ids), states)

        # Fifteen minutes later, the next pass marks them failed, with the reason.
        with self.committed_env() as env:
            env.cr.execute(
                "UPDATE ecabinet_notification "
                "SET write_date = now() at time zone 'UTC' - interval '16 minutes' "
                "WHERE id IN %s",
                [tuple(ids["notifications"])],
            )
        with smtp.answering():
            self.run_worker()
            self.assertEqual(smtp.recipients(), [])
        states = self.states(ids)
        self.assertEqual({state for state, _e in states.values()}, {"failed"})
        for _state, error in states.values():
            self.assertIn("Interrupted while sending", error)

        # The secretariat sees them and retries those not received.
        with self.committed_env() as env:
            secretariat = env["res.users"].search([("login", "=", "secretariat")])
            self.assertTrue(secretariat.has_group("ecabinet_base.group_secretariat"))
            Notification = env["ecabinet.notification"].with_user(secretariat)
            failed = Notification.search(
                [("state", "=", "failed"), ("id", "in", ids["notifications"])]
            )
            self.assertEqual(len(failed), RECIPIENTS)
            failed.filtered(lambda n: n.address not in received).action_retry()
        with smtp.answering():
            self.run_worker()
            resent = smtp.recipients()
        everyone = sorted(self.states(ids))
        self.assertEqual(sorted(received + resent), everyone)
        states = self.states(ids)
        for address in resent:
            self.assertEqual(states[address][0], "sent")

    # Tests -------------------------------------------------------------------------

    def test_worker_killed_while_sending(self):
        self.check_recovery(*self.kill_mid_batch("kill"))

    def test_database_connection_lost_while_sending(self):
        self.check_recovery(*self.kill_mid_batch("terminate"))
