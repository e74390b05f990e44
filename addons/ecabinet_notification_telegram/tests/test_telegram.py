# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import re
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.ecabinet_notification.tests.common import partner_event

from ..tools.bot_api import SECRET_HEADER, WEBHOOK_PATH
from .telegram_api_server import TelegramApiServer, callback_update, message_update

TOKEN = "7123456789:AAH6mRbZ0oQ1vWqJxTestTokenForEcabinet1"
CHAT_A, CHAT_B, STRANGER = 710001, 710002, 799999
MARKUP_LOG = "odoo.addons.ecabinet_notification_telegram.models.ecabinet_telegram_bot"
API_LOG = "odoo.addons.ecabinet_notification_telegram.tools.bot_api"
WEBHOOK_LOG = "odoo.addons.ecabinet_notification_telegram.controllers.main"


@tagged("post_install", "-at_install")
class TestTelegram(HttpCase):
    """The Telegram channel against a local Bot API server: python-telegram-bot
    really talks HTTP to it, and the webhook receives Telegram's updates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.api = TelegramApiServer(TOKEN, bot_username="ubnd_ecabinet_bot", delay=3)
        cls.api.__enter__()
        cls.addClassCleanup(cls.api.__exit__, None, None, None)
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.ecabinet_notification_max_attempts = 3
        cls.bot = cls.env["ecabinet.telegram.bot"].create(
            {
                "token": TOKEN,
                "url": cls.api.url,
                "bot_username": "ubnd_ecabinet_bot",
                # A timed-out call gives up after a second (the server holds it
                # for 3).
                "timeout": 1,
            }
        )
        cls.bot._new_secret()
        cls.secret = cls.bot.webhook_secret

        def member(login, name):
            user = new_test_user(
                cls.env,
                login=login,
                password=login,
                name=name,
                groups="base.group_portal,ecabinet_base.group_member",
            )
            user.partner_id.write({"email": False, "phone": False, "mobile": False})
            return user

        cls.user_a = member("tg_member_a", "Nguyễn Văn An")
        cls.user_b = member("tg_member_b", "Trần Thị Bình")
        cls.partner_a = cls.user_a.partner_id
        cls.partner_b = cls.user_b.partner_id
        cls.partner_a.sudo().write(
            {
                "ecabinet_telegram_chat_id": str(CHAT_A),
                "ecabinet_telegram_username": "an",
            }
        )
        cls.partner_b.sudo().write({"ecabinet_telegram_chat_id": str(CHAT_B)})
        cls.unlinked = cls.env["res.partner"].create({"name": "Lê Văn Chưa"})
        cls.event = partner_event(
            cls.env,
            "Session invitation (test)",
            "test_tg_invitation",
            "telegram",
            urgent=True,
        )

    def setUp(self):
        super().setUp()
        self.api.mode = "ok"
        self.api.fail_methods = None
        self.api.reset()

    # Helpers ----------------------------------------------------------------------

    def _dispatch(self, partner, buttons=None, key=None):
        return self.env["ecabinet.notification"].dispatch(
            partner, self.event, partner, buttons=buttons, key=key
        )

    def _send_due(self):
        self.env["ecabinet.notification"]._cron_send()

    def _later(self, notification):
        """As if the retry delay had passed."""
        notification._ecabinet_transition(
            {"next_attempt": fields.Datetime.now() - timedelta(seconds=1)}
        )

    def _webhook(self, update, secret=None):
        headers = {"Content-Type": "application/json"}
        secret = self.secret if secret is None else secret
        if secret is not False:
            headers[SECRET_HEADER] = secret
        response = self.url_open(WEBHOOK_PATH, data=json.dumps(update), headers=headers)
        self.env.invalidate_all()
        return response

    def _replies_to(self, chat_id):
        return [
            call.params["text"]
            for call in self.api.calls_of("sendMessage", ok_only=True)
            if call.params["chat_id"] == chat_id
        ]

    def _answers(self):
        return [
            call.params.get("text")
            for call in self.api.calls_of("answerCallbackQuery", ok_only=True)
        ]

    def _sent_message(self, notification):
        chat_id, message_id = notification.provider_message_id.split(":")
        return self.api.messages[(int(chat_id), int(message_id))]

    def _test_message_notes(self, partner):
        return partner.message_ids.filtered(
            lambda m: "Test message received on Telegram" in (m.body or "")
        )

    def _send_test_message(self, partner):
        action = partner.with_user(self.env.ref("base.user_admin")).sudo()
        action.action_ecabinet_send_test_notification()
        notification = self.env["ecabinet.notification"].search(
            [
                ("partner_id", "=", partner.id),
                ("channel", "=", "telegram"),
                ("event_id", "=", self.env.ref("ecabinet_notification.event_test").id),
            ],
            limit=1,
        )
        self._send_due()
        self.assertEqual(notification.state, "sent")
        return notification

    # Delivery ---------------------------------------------------------------------

    def test_notification_is_delivered_with_inline_buttons(self):
        notification = self._dispatch(
            self.partner_a,
            buttons=[("confirm", "I will attend"), ("decline", "I cannot attend")],
        )
        self.assertEqual(notification.address, str(CHAT_A))
        self._send_due()
        self.assertEqual(notification.state, "sent")
        [call] = self.api.calls_of("sendMessage")
        self.assertEqual(call.params["chat_id"], CHAT_A)
        self.assertEqual(call.params["text"], notification.body)
        self.assertIn("Nguyễn Văn An", call.params["text"])
        self.assertEqual(
            call.params["reply_markup"],
            {
                "inline_keyboard": [
                    [
                        {
                            "text": "I will attend",
                            "callback_data": f"n:{notification.id}:confirm",
                        }
                    ],
                    [
                        {
                            "text": "I cannot attend",
                            "callback_data": f"n:{notification.id}:decline",
                        }
                    ],
                ]
            },
        )
        message = self._sent_message(notification)
        self.assertEqual(
            notification.provider_message_id, f"{CHAT_A}:{message['message_id']}"
        )
        self.assertEqual(
            [call.method for call in self.api.calls],
            ["getMe", "sendMessage"],
            "one session per batch: the token is checked once",
        )

    def test_batch_uses_one_session(self):
        notifications = self._dispatch(self.partner_a) | self._dispatch(self.partner_b)
        self._send_due()
        self.assertEqual(set(notifications.mapped("state")), {"sent"})
        self.assertEqual(
            [call.method for call in self.api.calls],
            ["getMe", "sendMessage", "sendMessage"],
        )
        self.assertNotIn("reply_markup", self.api.calls_of("sendMessage")[0].params)

    @mute_logger(MARKUP_LOG, API_LOG)
    def test_server_error_and_timeout_are_retried_then_sent_once(self):
        for mode, fail_methods, reason in (
            ("error500", None, "Internal Server Error"),
            ("error500", {"sendMessage"}, "Internal Server Error"),
            ("timeout", {"sendMessage"}, "did not answer in time"),
            ("timeout", None, "did not answer in time"),
        ):
            with self.subTest(mode=mode, fail_methods=fail_methods):
                self.api.reset()
                notification = self._dispatch(
                    self.partner_a, key=f"{mode}{fail_methods}"
                )
                self.api.mode, self.api.fail_methods = mode, fail_methods
                self._send_due()
                self.assertEqual(notification.state, "queued")
                self.assertEqual(notification.attempts, 1)
                self.assertIn(reason, notification.last_error)
                self.assertGreater(notification.next_attempt, fields.Datetime.now())
                self._send_due()  # not due yet: nothing is tried
                self.assertEqual(notification.attempts, 1)
                self.api.mode = "ok"
                self._later(notification)
                self._send_due()
                self.assertEqual(notification.state, "sent")
                self.assertEqual(notification.attempts, 2)
                self.assertFalse(notification.last_error)
                self.assertEqual(
                    len(self.api.calls_of("sendMessage", ok_only=True)),
                    1,
                    "delivered once, no duplicate",
                )

    @mute_logger(MARKUP_LOG, API_LOG)
    def test_server_down_stops_the_batch_and_fails_after_max_attempts(self):
        notifications = self._dispatch(self.partner_a) | self._dispatch(self.partner_b)
        self.api.mode, self.api.fail_methods = "error500", {"sendMessage"}
        for attempt in (1, 2, 3):
            self._send_due()
            self.assertEqual(
                len(self.api.calls_of("sendMessage")),
                attempt,
                "after a server error the rest of the batch waits",
            )
            notifications.filtered(lambda n: n.state == "queued")._ecabinet_transition(
                {"next_attempt": fields.Datetime.now() - timedelta(seconds=1)}
            )
        self.assertEqual(set(notifications.mapped("state")), {"failed"})
        self.assertEqual(notifications.mapped("attempts"), [3, 3])
        self.assertIn("Telegram", self.partner_a.ecabinet_channel_issue)

    @mute_logger(MARKUP_LOG, API_LOG)
    def test_revoked_token_is_retried_as_a_configuration_problem(self):
        notification = self._dispatch(self.partner_a)
        self.api.mode = "unauthorized"
        self._send_due()
        self.assertEqual(notification.state, "queued")
        self.assertIn("Configuration problem", notification.last_error)
        self.assertIn("bot token", notification.last_error)
        self.assertNotIn(TOKEN.split(":")[1], notification.last_error)
        self.assertFalse(self.api.calls_of("sendMessage"), "stopped at getMe")

    def test_missing_token_is_retried_as_a_configuration_problem(self):
        notification = self._dispatch(self.partner_a)
        self.bot.token = False
        self._send_due()
        self.assertEqual(notification.state, "queued")
        self.assertIn("not configured", notification.last_error)
        self.assertFalse(self.api.calls)

    def test_blocked_bot_fails_with_the_reason_on_the_partner(self):
        notification = self._dispatch(self.partner_a)
        self.api.mode = "blocked"
        self._send_due()
        self.assertEqual(notification.state, "failed")
        self.assertRegex(notification.last_error, "(?i)bot was blocked by the user")
        self.assertRegex(
            self.partner_a.ecabinet_channel_issue,
            "(?i)Telegram: .*bot was blocked by the user",
        )

    def test_unknown_chat_fails_but_the_batch_goes_on(self):
        lost = self._dispatch(self.partner_a)
        self.api.mode, self.api.fail_methods = "chat_not_found", {"sendMessage"}
        self._send_due()
        self.assertEqual(lost.state, "failed")
        self.assertRegex(lost.last_error, "(?i)chat not found")
        # A per-message refusal does not stop the others.
        self.api.mode = "ok"
        self.api.reset()
        both = self._dispatch(self.partner_a, key="2") | self._dispatch(self.partner_b)
        self.api.mode = "chat_not_found"
        self.partner_b.sudo().ecabinet_telegram_chat_id = "@no_such_channel"
        self._send_due()
        self.assertEqual(len(self.api.calls_of("sendMessage")), 2)
        self.assertEqual(both.mapped("state"), ["failed", "failed"])

    def test_member_without_telegram_fails_at_dispatch(self):
        notification = self._dispatch(self.unlinked)
        self.assertEqual(notification.state, "failed")
        self.assertEqual(
            notification.last_error, "Lê Văn Chưa has not linked a Telegram account."
        )
        self.assertIn(
            "has not linked a Telegram account", self.unlinked.ecabinet_channel_issue
        )
        self._send_due()
        self.assertFalse(self.api.calls)

    def test_member_who_unlinked_after_queuing_is_not_sent(self):
        notification = self._dispatch(self.partner_a)
        self.partner_a._ecabinet_telegram_unlink()
        self._send_due()
        self.assertEqual(notification.state, "failed")
        self.assertIn("has not linked a Telegram account", notification.last_error)
        self.assertFalse(self.api.calls_of("sendMessage"))

    def test_overlong_button_action_is_refused(self):
        notification = self._dispatch(self.partner_a, buttons=[("x" * 60, "Too long")])
        self._send_due()
        self.assertEqual(notification.state, "failed")
        self.assertIn("Invalid button action", notification.last_error)

    # Linking ----------------------------------------------------------------------

    def test_start_with_a_valid_code_links_the_chat_once(self):
        code = self.unlinked._ecabinet_telegram_new_link_code()
        self.assertNotIn(code, self.unlinked.sudo().ecabinet_telegram_code_hash)
        response = self._webhook(
            message_update(7100, f"/start {code}", username="chua")
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.unlinked.ecabinet_telegram_chat_id, "7100")
        self.assertEqual(self.unlinked.ecabinet_telegram_username, "chua")
        self.assertEqual(self.unlinked._ecabinet_address("telegram"), ("7100", False))
        [reply] = self._replies_to(7100)
        self.assertIn("Hello Lê Văn Chưa", reply)
        # The code is used: another chat cannot take it.
        self._webhook(message_update(7101, f"/start {code}"))
        self.assertIn("not valid or was already used", self._replies_to(7101)[0])
        self.assertEqual(self.unlinked.ecabinet_telegram_chat_id, "7100")
        self.assertFalse(
            self.env["res.partner"].search([("ecabinet_telegram_chat_id", "=", "7101")])
        )

    def test_expired_or_wrong_code_is_refused(self):
        code = self.unlinked._ecabinet_telegram_new_link_code()
        self.unlinked.sudo().ecabinet_telegram_code_expiry = (
            fields.Datetime.now() - timedelta(seconds=1)
        )
        self._webhook(message_update(7100, f"/start {code}"))
        self.assertIn("This code has expired", self._replies_to(7100)[0])
        self.assertFalse(self.unlinked.ecabinet_telegram_chat_id)
        self._webhook(message_update(7100, "/start not-the-code"))
        self.assertIn("not valid or was already used", self._replies_to(7100)[1])
        self.assertFalse(self.unlinked.ecabinet_telegram_chat_id)
        self.assertEqual(len(self._replies_to(7100)), 2)

    def test_code_expires_after_fifteen_minutes(self):
        before = fields.Datetime.now()
        self.unlinked._ecabinet_telegram_new_link_code()
        expiry = self.unlinked.sudo().ecabinet_telegram_code_expiry
        self.assertGreaterEqual(expiry, before + timedelta(minutes=15))
        self.assertLessEqual(expiry, before + timedelta(minutes=16))

    def test_a_chat_links_one_person_only(self):
        code = self.unlinked._ecabinet_telegram_new_link_code()
        self._webhook(message_update(CHAT_A, f"/start {code}"))
        self.assertIn("already linked to Nguyễn Văn An", self._replies_to(CHAT_A)[0])
        self.assertFalse(self.unlinked.ecabinet_telegram_chat_id)
        self.assertEqual(self.partner_a.ecabinet_telegram_chat_id, str(CHAT_A))
        with self.assertRaises(UserError):
            self.env["res.partner"]._ecabinet_telegram_link(CHAT_B, code)

    def test_stop_unlinks_the_chat(self):
        self._webhook(message_update(CHAT_A, "/stop"))
        self.assertFalse(self.partner_a.ecabinet_telegram_chat_id)
        self.assertFalse(self.partner_a.ecabinet_telegram_username)
        self.assertIn("unlinked", self._replies_to(CHAT_A)[0])
        self.assertIn(
            "has not linked a Telegram account",
            self.partner_a._ecabinet_address("telegram")[1],
        )
        self.assertTrue(
            self.partner_a.message_ids.filtered(
                lambda m: "Telegram account unlinked" in (m.body or "")
            )
        )

    def test_unknown_chat_is_told_it_is_not_linked(self):
        self._webhook(message_update(STRANGER, "Xin chào"))
        self._webhook(message_update(STRANGER, "/stop"))
        replies = self._replies_to(STRANGER)
        self.assertEqual(len(replies), 2)
        self.assertTrue(all("not linked to e-Cabinet" in reply for reply in replies))
        self._webhook(message_update(CHAT_A, "hello"))
        self.assertIn("linked to Nguyễn Văn An", self._replies_to(CHAT_A)[0])

    @mute_logger(WEBHOOK_LOG)
    def test_webhook_refuses_a_missing_or_wrong_secret_token(self):
        code = self.unlinked._ecabinet_telegram_new_link_code()
        code_hash = self.unlinked.sudo().ecabinet_telegram_code_hash
        for secret in (False, "", "wrong-secret", self.secret[:-1]):
            with self.subTest(secret=secret):
                response = self._webhook(message_update(7100, f"/start {code}"), secret)
                self.assertEqual(response.status_code, 403)
                response = self._webhook(message_update(CHAT_A, "/stop"), secret)
                self.assertEqual(response.status_code, 403)
        self.assertFalse(self.unlinked.ecabinet_telegram_chat_id)
        self.assertEqual(self.unlinked.sudo().ecabinet_telegram_code_hash, code_hash)
        self.assertEqual(self.partner_a.ecabinet_telegram_chat_id, str(CHAT_A))
        self.assertFalse(self.api.calls, "nothing was answered")
        # Without any secret configured, nothing gets in.
        self.bot.webhook_secret = False
        response = self._webhook(message_update(CHAT_A, "/stop"), self.secret)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.partner_a.ecabinet_telegram_chat_id, str(CHAT_A))

    def test_webhook_refuses_a_body_that_is_no_update(self):
        response = self.url_open(
            WEBHOOK_PATH,
            data="not json",
            headers={SECRET_HEADER: self.secret, "Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 400)

    # Answers with buttons -----------------------------------------------------------

    def test_valid_callback_performs_the_action_once(self):
        notification = self._send_test_message(self.partner_a)
        self.assertEqual(notification.buttons, [["ack", "I received it"]])
        message = self._sent_message(notification)
        self.assertEqual(
            message["reply_markup"]["inline_keyboard"][0][0]["callback_data"],
            f"n:{notification.id}:ack",
        )
        update = callback_update(CHAT_A, f"n:{notification.id}:ack", message)
        response = self._webhook(update)
        self.assertEqual(response.status_code, 200)
        note = self._test_message_notes(self.partner_a)
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.partner_a)
        self.assertEqual(notification.telegram_answer, "ack")
        self.assertEqual(len(self._answers()), 1)
        self.assertIn("Thank you", self._answers()[0])
        [edit] = self.api.calls_of("editMessageReplyMarkup", ok_only=True)
        self.assertEqual(edit.params["message_id"], message["message_id"])
        self.assertNotIn("reply_markup", message, "the buttons are gone")
        # Telegram sends the update again (or the member taps twice).
        self._webhook(update)
        self.assertEqual(len(self._test_message_notes(self.partner_a)), 1)
        self.assertIn("already answered", self._answers()[1])

    @mute_logger(MARKUP_LOG, API_LOG)
    def test_forged_callbacks_are_refused(self):
        notification = self._send_test_message(self.partner_a)
        message = self._sent_message(notification)
        other_message = dict(message, chat=self.api.add_chat(CHAT_B))
        forged = {
            "unknown chat": callback_update(
                STRANGER,
                f"n:{notification.id}:ack",
                dict(message, chat={"id": STRANGER, "type": "private"}),
            ),
            "another member's chat": callback_update(
                CHAT_B, f"n:{notification.id}:ack", other_message
            ),
            "another member, the recipient's message": callback_update(
                CHAT_B, f"n:{notification.id}:ack", message
            ),
            "non-existent notification": callback_update(
                CHAT_A, "n:987654321:ack", message
            ),
            "action not offered": callback_update(
                CHAT_A, f"n:{notification.id}:delete", message
            ),
            "another message": callback_update(
                CHAT_A,
                f"n:{notification.id}:ack",
                dict(message, message_id=message["message_id"] + 5),
            ),
            "malformed data": callback_update(CHAT_A, "ack", message),
        }
        for case, update in forged.items():
            with self.subTest(case=case):
                with self.assertLogs(MARKUP_LOG, "WARNING") as logs:
                    response = self._webhook(update)
                self.assertEqual(response.status_code, 200)
                self.assertIn("Telegram callback refused", logs.output[0])
                self.assertTrue(self._answers()[-1].startswith("Refused"))
        self.assertEqual(len(self._answers()), len(forged))
        self.assertFalse(self._test_message_notes(self.partner_a))
        self.assertFalse(self._test_message_notes(self.partner_b))
        self.assertFalse(notification.telegram_answer)
        self.assertFalse(self.api.calls_of("editMessageReplyMarkup"))
        self.assertIn("reply_markup", message, "the buttons are still there")

    def test_refused_answer_is_explained_and_buttons_kept(self):
        notification = self._dispatch(self.partner_a, buttons=[("maybe", "Maybe")])
        self._send_due()
        message = self._sent_message(notification)
        self._webhook(callback_update(CHAT_A, f"n:{notification.id}:maybe", message))
        [answer] = self.api.calls_of("answerCallbackQuery")
        self.assertEqual(answer.params["text"], "This answer is not possible here.")
        self.assertTrue(answer.params["show_alert"])
        self.assertFalse(notification.telegram_answer)
        self.assertIn("reply_markup", message)

    # Settings -------------------------------------------------------------------------

    def test_register_webhook_sends_the_secret_token(self):
        self.env["ir.config_parameter"].set_param(
            "web.base.url", "https://ecabinet.binhminh.gov.vn"
        )
        self.bot.bot_username = False
        self.bot.action_register_webhook()
        self.assertEqual(
            self.api.webhook,
            {
                "url": "https://ecabinet.binhminh.gov.vn/ecabinet/telegram/webhook",
                "secret_token": self.secret,
                "allowed_updates": ["message", "callback_query"],
            },
        )
        self.assertEqual(self.bot.bot_username, "ubnd_ecabinet_bot")
        # A new secret is registered at once; the old one no longer opens the door.
        self.bot.action_new_secret()
        new_secret = self.bot.webhook_secret
        self.assertNotEqual(new_secret, self.secret)
        self.assertGreaterEqual(len(new_secret), 32)
        self.assertEqual(self.api.webhook["secret_token"], new_secret)
        with mute_logger(WEBHOOK_LOG):
            refused = self._webhook(message_update(CHAT_A, "/stop"), self.secret)
        self.assertEqual(refused.status_code, 403)
        accepted = self._webhook(message_update(CHAT_A, "/stop"), new_secret)
        self.assertEqual(accepted.status_code, 200)
        self.assertFalse(self.partner_a.ecabinet_telegram_chat_id)

    def test_register_webhook_reports_telegram_refusal(self):
        self.env["ir.config_parameter"].set_param(
            "web.base.url", "http://10.0.0.5:8069"
        )
        with self.assertRaisesRegex(UserError, "(?i)an https url must be provided"):
            self.bot._register_webhook()

    def test_settings_fields_are_for_the_ecabinet_administrator(self):
        secretariat = new_test_user(
            self.env, login="tg_secretariat", groups="ecabinet_base.group_secretariat"
        )
        bot = self.bot.with_user(secretariat)
        for secret_field in ("token", "webhook_secret"):
            with self.assertRaises(AccessError):
                bot.read([secret_field])
        with self.assertRaises(AccessError):
            bot.action_new_secret()
        self.assertEqual(
            self.partner_a.with_user(secretariat).ecabinet_telegram_chat_id, str(CHAT_A)
        )
        with self.assertRaises(AccessError):
            self.partner_a.with_user(self.user_b).read(["ecabinet_telegram_chat_id"])

    def test_only_the_secretariat_manages_someone_elses_telegram(self):
        as_member = self.partner_a.with_user(self.user_b)
        with self.assertRaises(AccessError):
            as_member.action_ecabinet_telegram_link_code()
        with self.assertRaises(AccessError):
            as_member.action_ecabinet_telegram_unlink()
        self.assertEqual(self.partner_a.ecabinet_telegram_chat_id, str(CHAT_A))
        self.assertFalse(self.partner_a.sudo().ecabinet_telegram_code_hash)
        secretariat = new_test_user(
            self.env, login="tg_secretariat", groups="ecabinet_base.group_secretariat"
        )
        action = self.unlinked.with_user(
            secretariat
        ).action_ecabinet_telegram_link_code()
        code = re.search(r"/start (\S+) ", action["params"]["message"]).group(1)
        self.assertIn(
            f"https://t.me/ubnd_ecabinet_bot?start={code}", action["params"]["message"]
        )
        self._webhook(message_update(7200, f"/start {code}"))
        self.assertEqual(self.unlinked.ecabinet_telegram_chat_id, "7200")
        self.partner_a.with_user(secretariat).action_ecabinet_telegram_unlink()
        self.assertFalse(self.partner_a.ecabinet_telegram_chat_id)

    # Portal ------------------------------------------------------------------------

    def _csrf(self, page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_portal_links_and_unlinks_telegram(self):
        self.authenticate("tg_member_a", "tg_member_a")
        self.partner_a._ecabinet_telegram_unlink()
        page = self.url_open("/my/ecabinet/notifications")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Not linked", page.text)
        page = self.url_open(
            "/my/ecabinet/notifications/telegram/link",
            data={"csrf_token": self._csrf(page)},
        )
        code = re.search(r"/start ([A-Za-z0-9_-]{16})</code>", page.text).group(1)
        self.assertIn(f"https://t.me/ubnd_ecabinet_bot?start={code}", page.text)
        self._webhook(message_update(7300, f"/start {code}", username="an_moi"))
        self.assertEqual(self.partner_a.ecabinet_telegram_chat_id, "7300")
        page = self.url_open("/my/ecabinet/notifications")
        self.assertIn("@an_moi", page.text)
        page = self.url_open(
            "/my/ecabinet/notifications/telegram/unlink",
            data={"csrf_token": self._csrf(page)},
        )
        self.assertEqual(page.status_code, 200)
        self.env.invalidate_all()
        self.assertFalse(self.partner_a.ecabinet_telegram_chat_id)
        self.assertIn("Not linked", page.text)

    def _post_preferences(self, data, with_csrf=True):
        page = self.url_open("/my/ecabinet/notifications")
        if with_csrf:
            data = dict(data, csrf_token=self._csrf(page))
        response = self.url_open("/my/ecabinet/notifications", data=data)
        self.env.invalidate_all()
        return response

    def _preference(self, partner):
        return self.env["ecabinet.notification.preference"].search(
            [("partner_id", "=", partner.id), ("event_id", "=", self.event.id)]
        )

    def test_portal_saves_channels_and_quiet_hours(self):
        self.authenticate("tg_member_a", "tg_member_a")
        page = self.url_open("/my/ecabinet/notifications")
        self.assertIn("Session invitation (test)", page.text)
        self.assertNotIn(
            f'name="pref_{self.env.ref("ecabinet_notification.event_test").id}_email"',
            page.text,
        )
        response = self._post_preferences(
            {
                f"pref_{self.event.id}_email": "on",
                f"pref_{self.event.id}_telegram": "on",
                "quiet_hours": "on",
                "quiet_from": "22:00",
                "quiet_to": "06:30",
            }
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_ecabinet_saved", response.text)
        self.assertEqual(
            self._preference(self.partner_a)._channels(), ["email", "telegram"]
        )
        self.assertEqual(
            self.partner_a._ecabinet_channels_for(self.event), ["email", "telegram"]
        )
        self.assertTrue(self.partner_a.ecabinet_quiet_hours)
        self.assertEqual(self.partner_a.ecabinet_quiet_from, 22.0)
        self.assertEqual(self.partner_a.ecabinet_quiet_to, 6.5)
        self.assertIn('value="22:00"', response.text)
        # Back to email only.
        self._post_preferences(
            {
                f"pref_{self.event.id}_email": "on",
                "quiet_from": "22:00",
                "quiet_to": "06:30",
            }
        )
        self.assertEqual(self._preference(self.partner_a)._channels(), ["email"])
        self.assertFalse(self.partner_a.ecabinet_quiet_hours)

    def test_portal_refuses_a_bad_time_or_a_missing_csrf_token(self):
        self.authenticate("tg_member_a", "tg_member_a")
        response = self._post_preferences(
            {
                f"pref_{self.event.id}_email": "on",
                "quiet_from": "25:00",
                "quiet_to": "x",
            }
        )
        self.assertIn("o_ecabinet_error", response.text)
        self.assertFalse(self._preference(self.partner_a))
        with mute_logger("odoo.http"):
            response = self._post_preferences(
                {
                    f"pref_{self.event.id}_email": "on",
                    "quiet_hours": "on",
                    "quiet_from": "22:00",
                    "quiet_to": "06:00",
                },
                with_csrf=False,
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._preference(self.partner_a))
        self.assertFalse(self.partner_a.ecabinet_quiet_hours)

    def test_portal_changes_only_ones_own_settings(self):
        self._preference(self.partner_a)  # none yet
        self.authenticate("tg_member_b", "tg_member_b")
        self._post_preferences(
            {
                f"pref_{self.event.id}_email": "on",
                "partner_id": str(self.partner_a.id),
                "quiet_hours": "on",
                "quiet_from": "20:00",
                "quiet_to": "08:00",
            }
        )
        self.assertEqual(self._preference(self.partner_b)._channels(), ["email"])
        self.assertTrue(self.partner_b.ecabinet_quiet_hours)
        self.assertFalse(self._preference(self.partner_a))
        self.assertFalse(self.partner_a.ecabinet_quiet_hours)
        # Unlinking from b's session unlinks b only.
        page = self.url_open("/my/ecabinet/notifications")
        self.url_open(
            "/my/ecabinet/notifications/telegram/unlink",
            data={"csrf_token": self._csrf(page), "partner_id": str(self.partner_a.id)},
        )
        self.env.invalidate_all()
        self.assertFalse(self.partner_b.ecabinet_telegram_chat_id)
        self.assertEqual(self.partner_a.ecabinet_telegram_chat_id, str(CHAT_A))

    def test_portal_page_is_for_members(self):
        new_test_user(self.env, login="tg_customer", groups="base.group_portal")
        self.authenticate("tg_customer", "tg_customer")
        response = self.url_open("/my/ecabinet/notifications")
        self.assertTrue(response.url.endswith("/my"))
        self.assertNotIn("/my/ecabinet/notifications", response.text)
        self.authenticate("tg_member_a", "tg_member_a")
        home = self.url_open("/my")
        self.assertIn("/my/ecabinet/notifications", home.text)

    def test_member_links_telegram_on_the_portal_tour(self):
        self.partner_b._ecabinet_telegram_unlink()
        self.start_tour(
            "/my", "ecabinet_notification_telegram_link", login="tg_member_b"
        )
        self.assertTrue(self.partner_b.sudo().ecabinet_telegram_code_hash)
        self.assertGreater(
            self.partner_b.sudo().ecabinet_telegram_code_expiry, fields.Datetime.now()
        )
        self.assertEqual(
            self._preference(self.partner_b)._channels(), ["email", "telegram"]
        )
