# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import telegram
from telegram.error import BadRequest, Forbidden, InvalidToken, TelegramError, TimedOut

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.bot_api import (
    CALLBACK_DATA,
    MAX_CALLBACK_DATA,
    MAX_TEXT,
    deliver,
    run_async,
    telegram_chat_id,
)


class EcabinetNotification(models.Model):
    _inherit = "ecabinet.notification"

    # Uninstalling the channel removes its messages, which could be neither sent
    # nor retried any more.
    channel = fields.Selection(
        selection_add=[("telegram", "Telegram")], ondelete={"telegram": "cascade"}
    )
    telegram_answer = fields.Char(
        readonly=True, copy=False, help="Button the recipient pressed on Telegram."
    )
    telegram_answer_date = fields.Datetime(readonly=True, copy=False)

    @api.model
    def _push_channels(self):
        return super()._push_channels() | {"telegram"}

    def _telegram_markup(self):
        self.ensure_one()
        if not self.buttons:
            return None
        rows = []
        for action, label in self.buttons:
            data = f"n:{self.id}:{action}"
            if len(data.encode()) > MAX_CALLBACK_DATA or not CALLBACK_DATA.fullmatch(
                data
            ):
                raise UserError(
                    self.env._("Invalid button action %(action)r.", action=action)
                )
            rows.append([telegram.InlineKeyboardButton(label, callback_data=data)])
        return telegram.InlineKeyboardMarkup(rows)

    def _telegram_text(self):
        self.ensure_one()
        text = (self.body or self.subject or "").strip()
        return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"

    def _send_telegram(self):
        Bot = self.env["ecabinet.telegram.bot"].sudo()
        for company, notifications in self.grouped("company_id").items():
            notifications._send_telegram_batch(
                Bot._get_for_company(company or self.env.company)
            )

    def _send_telegram_batch(self, bot):
        """Send these notifications with ``bot`` in one session."""
        if not bot.sudo().token:
            reason = self.env._(
                "Telegram is not configured: enter the bot token in e-Cabinet's "
                "Configuration, Telegram Bot."
            )
            for notification in self:
                notification._mark_retry(reason)
            return
        messages = []
        for notification in self:
            chat_id, problem = notification.partner_id._ecabinet_address_telegram()
            if problem:  # unlinked since it was queued
                notification._mark_failed(problem)
                continue
            try:
                markup = notification._telegram_markup()
            except UserError as error:
                notification._mark_failed(error.args[0])
                continue
            if chat_id != notification.address:
                notification.address = chat_id
            messages.append(
                (
                    notification.id,
                    telegram_chat_id(chat_id),
                    notification._telegram_text(),
                    markup,
                )
            )
        if not messages:
            return
        results = run_async(deliver(bot._bot(), messages))
        for notification in self.browse([key for key, *_rest in messages]):
            result = results[notification.id]
            if isinstance(result, TelegramError):
                notification._telegram_mark_error(result)
            else:
                notification._mark_sent(f"{result.chat_id}:{result.message_id}")

    def _telegram_mark_error(self, error):
        self.ensure_one()
        _ = self.env._
        if isinstance(error, (Forbidden, BadRequest)):  # blocked, chat not found
            self._mark_failed(
                _("Telegram refused the message: %(error)s", error=str(error))
            )
        elif isinstance(error, InvalidToken):
            self._mark_retry(
                _(
                    "Configuration problem: Telegram rejected the bot token. Check it "
                    "in e-Cabinet's Configuration, Telegram Bot."
                )
            )
        elif isinstance(error, TimedOut):
            self._mark_retry(_("Telegram did not answer in time."))
        else:
            self._mark_retry(
                _("Telegram could not be reached: %(error)s", error=str(error))
            )

    def _ecabinet_telegram_perform(self, action):
        """Perform ``action``, answered with a button of this notification, as
        its recipient; return the text to show them."""
        self.ensure_one()
        partner = self.partner_id.sudo()
        if self.res_model not in self.env:
            raise UserError(self.env._("This answer is no longer possible."))
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record or not hasattr(record, "_ecabinet_notification_action"):
            raise UserError(self.env._("This answer is no longer possible."))
        # The linked chat authenticated the member: act as them, with the rights
        # needed to record the answer.
        user = partner.user_ids[:1]
        if user:
            record = record.with_user(user)
        text = record.sudo()._ecabinet_notification_action(self, action)
        self._ecabinet_transition(
            {"telegram_answer": action, "telegram_answer_date": fields.Datetime.now()}
        )
        return text or self.env._("Thank you.")
