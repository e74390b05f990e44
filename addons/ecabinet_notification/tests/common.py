# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib
import email
import logging
import socket
import threading

from aiosmtpd.controller import Controller

import odoo
from odoo.tests import new_test_user


class SmtpServer:
    """A real SMTP server on loopback (aiosmtpd) that keeps what it receives.

    ``with SmtpServer() as smtp:`` starts it on a free port; ``smtp.messages`` holds
    the parsed messages, ``smtp.port`` the port to configure in ``ir.mail_server``.
    """

    def __init__(self):
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's chatter
        self.messages = []
        self._lock = threading.Lock()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        message = email.message_from_bytes(envelope.content)
        with self._lock:
            self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def __enter__(self):
        # A controller cannot be restarted: a new one serves each block, and keeps
        # what this block receives.
        with self._lock:
            self.messages = []
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def __exit__(self, *exc):
        self._controller.stop()
        self._controller = None

    def recipients(self):
        with self._lock:
            return [rcpt for rcpts, _message in self.messages for rcpt in rcpts]


@contextlib.contextmanager
def real_smtp():
    """Let Odoo's mail server really connect during the test.

    Odoo refuses to open SMTP connections while a test runs
    (``odoo.modules.module.current_test``); our tests deliver to a real SMTP
    server on loopback instead, so the flag is lifted for the block.
    """
    current = odoo.modules.module.current_test
    odoo.modules.module.current_test = None
    try:
        yield
    finally:
        odoo.modules.module.current_test = current


def partner_event(env, name, code, channels, urgent=False):
    """An event about a contact, with the test message's templates, sent on
    ``channels`` (codes, comma-separated) by default."""
    return env["ecabinet.notification.event"].create(
        {
            "name": name,
            "code": code,
            "model_id": env["ir.model"]._get_id("res.partner"),
            "urgent": urgent,
            "default_channels": channels,
            "mail_template_id": env.ref("ecabinet_notification.mail_template_test").id,
            "sms_template_id": env.ref("ecabinet_notification.sms_template_test").id,
        }
    )


class NotificationCommon:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env.company.write(
            {
                "email": "vanphong@binhminh.example",
                "ecabinet_notification_max_attempts": 3,
            }
        )
        cls.secretariat = new_test_user(
            cls.env,
            login="n_secretariat",
            groups="ecabinet_base.group_secretariat",
        )
        cls.email_event = partner_event(
            cls.env, "Reminder (test)", "test_reminder", "email"
        )
        cls.members = cls.env["res.partner"].create(
            [
                {"name": f"Member {n:03d}", "email": f"member{n:03d}@binhminh.example"}
                for n in range(111)
            ]
        )

    def _send_due(self):
        """Run the outbox cron as the scheduler would."""
        self.env["ecabinet.notification"]._cron_send()
