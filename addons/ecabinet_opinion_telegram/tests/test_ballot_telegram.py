# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.tests import HttpCase, tagged

from odoo.addons.ecabinet_notification_telegram.tests.telegram_api_server import (
    TelegramApiServer,
    callback_update,
)
from odoo.addons.ecabinet_notification_telegram.tools.bot_api import (
    SECRET_HEADER,
    WEBHOOK_PATH,
)
from odoo.addons.ecabinet_opinion.tests.test_portal import CLOSED, BallotPortalData

TOKEN = "7123456789:AAH6mRbZ0oQ1vWqJxTestTokenForBallots01"
CHAT_0, CHAT_1 = 720001, 720002


@tagged("post_install", "-at_install")
class TestBallotTelegram(BallotPortalData, HttpCase):
    """A one-question ballot answered with the buttons of its Telegram message."""

    def test_telegram_answer_before_closing_and_refusal_after(self):
        with TelegramApiServer(TOKEN, bot_username="ubnd_ballot_bot") as api:
            bot = self.env["ecabinet.telegram.bot"].create(
                {
                    "token": TOKEN,
                    "url": api.url,
                    "bot_username": "ubnd_ballot_bot",
                    "timeout": 1,
                }
            )
            bot._new_secret()
            self.member.partner_id.sudo().ecabinet_telegram_chat_id = str(CHAT_0)
            self.other_member.partner_id.sudo().ecabinet_telegram_chat_id = str(CHAT_1)
            # A ballot of one question reaches them on Telegram with its buttons.
            ballot = self._ballot("Opinion on the bus fares", ["Do you agree?"])
            voter = self._voter(ballot, self.member)
            other_voter = self._voter(ballot, self.other_member)
            Notification = self.env["ecabinet.notification"]
            notifications = Notification.search(
                [
                    ("res_model", "=", "ecabinet.ballot.voter"),
                    ("res_id", "in", (voter | other_voter).ids),
                    ("channel", "=", "telegram"),
                ]
            )
            self.assertEqual(len(notifications), 2)
            notifications._send()
            self.assertEqual(set(notifications.mapped("state")), {"sent"})

            def webhook(voter_row, chat_id, action):
                notification = notifications.filtered(
                    lambda n: n.res_id == voter_row.id
                )
                chat, message_id = notification.provider_message_id.split(":")
                message = api.messages[(int(chat), int(message_id))]
                self.assertEqual(
                    [
                        row[0]["callback_data"]
                        for row in message["reply_markup"]["inline_keyboard"]
                    ],
                    [f"n:{notification.id}:agree", f"n:{notification.id}:disagree"],
                )
                response = self.url_open(
                    WEBHOOK_PATH,
                    data=json.dumps(
                        callback_update(
                            chat_id, f"n:{notification.id}:{action}", message
                        )
                    ),
                    headers={
                        "Content-Type": "application/json",
                        SECRET_HEADER: bot.webhook_secret,
                    },
                )
                self.assertEqual(response.status_code, 200)
                return notification, api.calls_of("answerCallbackQuery")[-1].params

            # Before closing, the button answers.
            notification, answer = webhook(voter, CHAT_0, "disagree")
            self.assertEqual(self._responses(voter).choice, "disagree")
            self.assertEqual(notification.telegram_answer, "disagree")
            self.assertIn("your answer is recorded", answer["text"])
            # After closing, the refusal is explicit and nothing is recorded.
            ballot.with_user(self.chair).action_close()
            silence = self._responses(other_voter)
            notification, answer = webhook(other_voter, CHAT_1, "disagree")
            self.assertIn(CLOSED, answer["text"])
            self.assertTrue(answer["show_alert"])
            self.assertFalse(notification.telegram_answer)
            self.assertEqual(self._responses(other_voter), silence)
            self.assertEqual((silence.choice, silence.is_silence), ("agree", True))
            self.assertEqual(self._responses(voter).choice, "disagree")
