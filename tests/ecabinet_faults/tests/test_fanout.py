# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.ecabinet_notification.tests.common import SmtpServer, real_smtp
from odoo.addons.ecabinet_notification_sms.tests.sms_gateway_server import (
    SmsGatewayServer,
)
from odoo.addons.ecabinet_notification_telegram.tests.telegram_api_server import (
    TelegramApiServer,
)

TOKEN = "123456:fanout-test-token"
CHAT = 8811


@tagged("post_install", "-at_install")
class TestFanOut(TransactionCase):
    """One dispatch reaches a member on email, SMS and Telegram, each through a
    real server on loopback speaking the provider's protocol."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.smtp = SmtpServer()
        cls.sms = SmsGatewayServer()
        cls.telegram = TelegramApiServer(TOKEN, bot_username="ubnd_bot", delay=3)
        for server in (cls.sms, cls.telegram):
            server.__enter__()
            cls.addClassCleanup(server.__exit__, None, None, None)
        cls.env["ir.mail_server"].create(
            {
                "name": "Loopback",
                "smtp_host": "127.0.0.1",
                "smtp_port": cls.smtp.port,
                "smtp_encryption": "none",
                "sequence": 1,
            }
        )
        cls.env["ecabinet.sms.gateway"].create(cls.sms.gateway_vals())
        cls.env.company.email = "vanphong@binhminh.example"
        cls.env["ecabinet.telegram.bot"].create(
            {
                "token": TOKEN,
                "url": cls.telegram.url,
                "bot_username": "ubnd_bot",
                "timeout": 1,
            }
        )
        cls.member = cls.env["res.partner"].create(
            {
                "name": "Hoàng Văn Em",
                "email": "hoang.van.em@binhminh.example",
                "mobile": "0912 345 678",
            }
        )
        cls.member.sudo().ecabinet_telegram_chat_id = str(CHAT)
        cls.telegram.add_chat(CHAT, first_name="Em")
        cls.secretariat = new_test_user(
            cls.env, login="f_secretariat", groups="ecabinet_base.group_secretariat"
        )

    def setUp(self):
        super().setUp()
        self.sms.mode = "ok"
        self.telegram.mode = "ok"
        self.telegram.reset()
        self.sms_before = len(self.sms.delivered)

    def test_one_dispatch_three_channels_three_servers(self):
        notifications = self.member.with_user(
            self.secretariat
        ).action_ecabinet_send_test_notification()
        queued = self.env["ecabinet.notification"].search(notifications["domain"])
        self.assertEqual(sorted(queued.mapped("channel")), ["email", "sms", "telegram"])
        self.assertEqual(
            queued.filtered(lambda n: n.channel == "sms").address, "+84912345678"
        )
        with self.smtp, real_smtp():
            self.env["ecabinet.notification"]._cron_send()
        self.assertEqual(set(queued.mapped("state")), {"sent"})
        self.assertEqual(self.smtp.recipients(), ["hoang.van.em@binhminh.example"])
        (sms,) = self.sms.delivered[self.sms_before :]
        self.assertIn("Hoàng Văn Em", sms["Content"])
        (telegram,) = self.telegram.calls_of("sendMessage", ok_only=True)
        self.assertEqual(str(telegram.params["chat_id"]), str(CHAT))
        self.assertIn("I received it", str(telegram.params["reply_markup"]))

    def test_one_channel_down_does_not_hold_back_the_others(self):
        self.sms.mode = "error500"
        self.member.with_user(self.secretariat).action_ecabinet_send_test_notification()
        with self.smtp, real_smtp():
            self.env["ecabinet.notification"]._cron_send()
        by_channel = {
            n.channel: n
            for n in self.env["ecabinet.notification"].search(
                [("partner_id", "=", self.member.id)]
            )
        }
        self.assertEqual(by_channel["email"].state, "sent")
        self.assertEqual(by_channel["telegram"].state, "sent")
        self.assertEqual(by_channel["sms"].state, "queued", "kept for a retry")
        self.assertTrue(by_channel["sms"].last_error)

    def test_only_the_secretariat_sends_test_messages(self):
        portal = new_test_user(
            self.env,
            login="f_portal",
            groups="base.group_portal,ecabinet_base.group_member",
        )
        with self.assertRaises(AccessError):
            portal.partner_id.with_user(portal).action_ecabinet_send_test_notification()
