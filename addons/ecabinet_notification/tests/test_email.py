# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.base.tests.test_ir_cron import CronMixinCase

from .common import NotificationCommon, SmtpServer, real_smtp


@tagged("post_install", "-at_install")
class TestEmailChannel(NotificationCommon, CronMixinCase, TransactionCase):
    """Email goes through Odoo's mail.mail to a real SMTP server on loopback."""

    def setUp(self):
        super().setUp()
        self.smtp = SmtpServer()
        self.env["ir.mail_server"].create(
            {
                "name": "Loopback SMTP",
                "smtp_host": "127.0.0.1",
                "smtp_port": self.smtp.port,
                "smtp_encryption": "none",
                "sequence": 1,
            }
        )

    def _queue(self, members, **kwargs):
        return self.env["ecabinet.notification"].dispatch(
            self.env.ref("base.main_partner"), self.email_event, members, **kwargs
        )

    def _make_due(self, notifications):
        notifications._ecabinet_transition({"next_attempt": fields.Datetime.now()})

    def test_emails_reach_the_smtp_server_once(self):
        notifications = self._queue(self.members[:3])
        with self.smtp, real_smtp():
            self._send_due()
            self._send_due()  # a second run sends nothing again
        self.assertEqual(set(notifications.mapped("state")), {"sent"})
        self.assertEqual(
            sorted(self.smtp.recipients()),
            sorted(self.members[:3].mapped("email")),
        )
        received = {msg["Message-Id"] for _rcpt, msg in self.smtp.messages}
        self.assertEqual(received, set(notifications.mapped("provider_message_id")))
        subjects = {msg["Subject"] for _rcpt, msg in self.smtp.messages}
        self.assertEqual(subjects, {"e-Cabinet test message"})
        mail = notifications[0].mail_id
        self.assertEqual((mail.state, mail.model), ("sent", "res.partner"))

    @mute_logger(
        "odoo.addons.mail.models.mail_mail", "odoo.addons.base.models.ir_mail_server"
    )
    def test_smtp_down_retries_with_backoff_then_fails_then_recovers(self):
        notification = self._queue(self.members[0])
        with real_smtp():  # the server is not started: connection refused
            before = fields.Datetime.now()
            self._send_due()
            self.assertEqual(notification.state, "queued")
            self.assertEqual(notification.attempts, 1)
            self.assertTrue(notification.last_error)
            self.assertGreaterEqual(
                notification.next_attempt, before + timedelta(minutes=5)
            )
            self._make_due(notification)
            self._send_due()
            self.assertEqual((notification.state, notification.attempts), ("queued", 2))
            self.assertGreaterEqual(
                notification.next_attempt, before + timedelta(minutes=10)
            )
            self._make_due(notification)
            self._send_due()
        self.assertEqual((notification.state, notification.attempts), ("failed", 3))
        self.assertIn("Email", self.members[0].ecabinet_channel_issue)
        # The server is back: the secretariat retries, the member gets one email.
        with self.smtp, real_smtp():
            notification.with_user(self.secretariat).action_retry()
            self._send_due()
        self.assertEqual(notification.state, "sent")
        self.assertEqual(self.smtp.recipients(), [self.members[0].email])
        self.assertFalse(self.members[0].ecabinet_channel_issue)

    def test_attachments_travel_with_the_email(self):
        letter = self.env["ir.attachment"].create(
            {
                "name": "giay_moi.pdf",
                "raw": b"%PDF-1.4 letter",
                "mimetype": "application/pdf",
            }
        )
        notification = self._queue(self.members[0], attachments=letter)
        with self.smtp, real_smtp():
            self._send_due()
        self.assertEqual(notification.state, "sent")
        ((_rcpt, message),) = self.smtp.messages
        files = [part.get_filename() for part in message.walk() if part.get_filename()]
        self.assertEqual(files, ["giay_moi.pdf"])

    def test_invalid_address_fails_at_once(self):
        member = self.env["res.partner"].create(
            {"name": "Typo", "email": "not-an-address"}
        )
        notification = self._queue(member)
        self.assertEqual(notification.state, "failed")
        self.assertIn("Typo has no valid email address", member.ecabinet_channel_issue)

    def test_cron_sends_in_batches_and_calls_itself_back(self):
        self.env.company.ecabinet_notification_batch_size = 4
        notifications = self._queue(self.members[:10])
        with self.smtp, real_smtp():
            self._send_due()
            self.assertEqual(notifications.mapped("state").count("sent"), 4)
            self._send_due()
            self._send_due()
        self.assertEqual(set(notifications.mapped("state")), {"sent"})
        self.assertEqual(len(self.smtp.messages), 10)

    def test_queuing_triggers_the_cron_instead_of_polling(self):
        with self.capture_triggers(
            "ecabinet_notification.ir_cron_send_notifications"
        ) as capture:
            self._queue(self.members[:3])
        self.assertTrue(capture.records)
        self.assertLessEqual(capture.records[0].call_at, fields.Datetime.now())

    def test_send_query_count_is_linear_in_recipients(self):
        """Sending costs a fixed number of queries per message, whatever the batch."""
        with self.smtp, real_smtp():
            self._queue(self.members[:1], key="warmup")._send()
            for members, queries in (
                (self.members[1:11], QUERIES_SEND_10),
                (self.members[11:111], QUERIES_SEND_100),
            ):
                notifications = self._queue(members)
                self.env.flush_all()
                with self.assertQueryCount(queries):
                    notifications._send()
                    self.env.flush_all()
        self.assertEqual(len(self.smtp.messages), 111)


# Measured: 3 queries per email (Odoo's send of the mail.mail, the outbox update)
# plus 6 for the batch (the mails are created in one INSERT): 6 + 3 n.
QUERIES_SEND_10 = 36
QUERIES_SEND_100 = 306
