# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hmac
import logging
import secrets

import telegram
from telegram.error import TelegramError
from telegram.request import HTTPXRequest

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method

from ..tools.bot_api import (
    ALLOWED_UPDATES,
    CALLBACK_DATA,
    DEFAULT_API_URL,
    WEBHOOK_PATH,
    call_all,
    error_text,
    run_async,
)

_logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10


class EcabinetTelegramBot(models.Model):
    """The company's Telegram bot: how to reach the Bot API and check that the
    updates posted to the webhook come from Telegram.

    Members link their private chat with the bot from the portal; notifications
    reach them there, and they answer with the messages' buttons.
    """

    _name = "ecabinet.telegram.bot"
    _inherit = ["ecabinet.service.mixin"]
    _description = "Telegram Bot"
    _order = "active desc, name"

    name = fields.Char(required=True, default="e-Cabinet")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    url = fields.Char(
        string="Bot API URL",
        required=True,
        default=DEFAULT_API_URL,
        help="Change it only to use a local Bot API server.",
    )
    token = fields.Char(
        groups="ecabinet_base.group_admin",
        copy=False,
        help="Token of the e-Cabinet bot, given by @BotFather.",
    )
    bot_username = fields.Char(
        help="Without @. Members open t.me/<username> to link their account; filled "
        "when the webhook is registered.",
    )
    webhook_secret = fields.Char(
        groups="ecabinet_base.group_admin",
        copy=False,
        help="Telegram sends it with every update; updates without it are refused.",
    )
    timeout = fields.Integer(
        string="Timeout (seconds)",
        default=DEFAULT_TIMEOUT,
        help="A call that gets no answer in this time is tried again later.",
    )

    def _bot(self):
        """A python-telegram-bot ``Bot`` for this bot."""
        self.ensure_one()
        bot = self.sudo()
        if not bot.token:
            raise UserError(
                self.env._(
                    "Telegram is not configured: enter the bot token in e-Cabinet's "
                    "Configuration, Telegram Bot."
                )
            )
        api_url = (bot.url or DEFAULT_API_URL).rstrip("/")
        timeout = bot.timeout or DEFAULT_TIMEOUT
        return telegram.Bot(
            bot.token,
            base_url=f"{api_url}/bot",
            base_file_url=f"{api_url}/file/bot",
            request=HTTPXRequest(
                connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout
            ),
        )

    @api.model
    def _get_for_secret(self, secret):
        """The active bot whose webhook secret is ``secret``, compared in constant
        time; an empty recordset when none is."""
        if not secret:
            return self.browse()
        for bot in self.sudo().search([("webhook_secret", "!=", False)]):
            if hmac.compare_digest(bot.webhook_secret.encode(), secret.encode()):
                return bot
        return self.browse()

    def _new_secret(self):
        for bot in self.sudo():
            bot.webhook_secret = secrets.token_urlsafe(32)

    def _register_webhook(self):
        """Tell Telegram where to send the updates (setWebhook), with the secret;
        remember the bot's username."""
        self.ensure_one()
        record = self.sudo()
        if not record.webhook_secret:
            record._new_secret()
        bot = record._bot()
        url = record.company_id.get_base_url().rstrip("/") + WEBHOOK_PATH

        async def register():
            async with bot:
                await bot.set_webhook(
                    url=url,
                    secret_token=record.webhook_secret,
                    allowed_updates=ALLOWED_UPDATES,
                )
                return bot.username

        try:
            username = run_async(register())
        except TelegramError as error:
            raise UserError(
                self.env._(
                    "Telegram refused the webhook: %(error)s", error=error_text(error)
                )
            ) from error
        record.bot_username = username
        return url

    def _call(self, calls):
        """Make Bot API ``calls`` ``[(method, kwargs)]``; failures are logged only
        (used for replies, which must not undo what the update did)."""
        self.ensure_one()
        if not calls:
            return
        try:
            run_async(call_all(self._bot(), calls))
        except TelegramError as error:
            _logger.warning("Telegram replies not sent: %s", error_text(error))
        except UserError as error:
            _logger.warning("Telegram replies not sent: %s", error)

    # Updates received by the webhook ------------------------------------------

    def _handle_update(self, data):
        """Handle one update (a dict from the webhook) for this bot. Call it only
        once the webhook's secret token is checked."""
        self.ensure_one()
        record = self.sudo()
        update = telegram.Update.de_json(data, record._bot())
        calls = []
        if update.callback_query:
            calls = record._on_callback(update.callback_query)
        elif update.message and update.message.text:
            calls = record._on_message(update.message)
        record._call(calls)

    def _reply_lang(self, partner, user):
        """Language of the replies: the member's, else the Telegram app's."""
        installed = [code for code, _name in self.env["res.lang"].get_installed()]
        if partner.lang in installed:
            return partner.lang
        code = (user and user.language_code or "").replace("-", "_")
        for lang in installed:
            if code and (lang == code or lang.split("_")[0] == code.split("_")[0]):
                return lang
        return "en_US"

    def _on_message(self, message):
        Partner = self.env["res.partner"].sudo()
        chat_id = str(message.chat.id)
        partner = Partner.search([("ecabinet_telegram_chat_id", "=", chat_id)], limit=1)
        lang = self._reply_lang(partner, message.from_user)
        env = self.with_context(lang=lang).env
        Partner = Partner.with_context(lang=lang)
        command, _sep, argument = message.text.strip().partition(" ")
        command = command.split("@")[0].lower()
        argument = argument.strip()
        if message.chat.type != "private":
            text = env._(
                "Write to me in a private chat to link your e-Cabinet account."
            )
        elif command == "/start" and argument:
            try:
                partner = Partner._ecabinet_telegram_link(
                    chat_id, argument, username=message.from_user.username
                )
            except UserError as error:
                text = error.args[0]
            else:
                text = env._(
                    "Hello %(name)s: this chat now receives your e-Cabinet "
                    "notifications. Send /stop to unlink it.",
                    name=partner.name,
                )
        elif command == "/stop" and partner:
            partner._ecabinet_telegram_unlink()
            text = env._(
                "This chat is unlinked from e-Cabinet and will receive no more "
                "notifications. Link it again from the portal."
            )
        elif partner:
            text = env._(
                "This chat is linked to %(name)s. It delivers e-Cabinet "
                "notifications; answer them with their buttons. Send /stop to unlink "
                "it.",
                name=partner.name,
            )
        else:
            text = env._(
                "This chat is not linked to e-Cabinet. To link it, open Notifications "
                "on the e-Cabinet portal and press Link Telegram."
            )
        return [("send_message", {"chat_id": message.chat.id, "text": text})]

    def _on_callback(self, query):
        """A button was pressed: perform the answer if it comes from the linked
        chat of the notification's recipient, once."""
        Notification = self.env["ecabinet.notification"].sudo()
        sender = str(query.from_user.id)
        match = CALLBACK_DATA.fullmatch(query.data or "")
        notification = match and Notification.browse(int(match[1])).exists()
        partner = notification and notification.partner_id.sudo()
        lang = self._reply_lang(
            partner
            or self.env["res.partner"]
            .sudo()
            .search([("ecabinet_telegram_chat_id", "=", sender)], limit=1),
            query.from_user,
        )
        env = self.with_context(lang=lang).env
        problem = self._check_callback(query, notification)
        if problem:
            _logger.warning(
                "Telegram callback refused (%s): from chat %s, data %r",
                problem,
                sender,
                query.data,
            )
            return [
                self._answer(
                    query,
                    env._("Refused: this answer is not accepted from this account."),
                    alert=True,
                )
            ]
        action = match[2]
        self.env.cr.execute(
            "SELECT id FROM ecabinet_notification WHERE id = %s FOR UPDATE",
            [notification.id],
        )
        notification.invalidate_recordset(["telegram_answer"])
        remove_buttons = self._remove_buttons(query)
        if notification.telegram_answer:
            return [
                self._answer(query, env._("You have already answered this message.")),
                remove_buttons,
            ]
        try:
            with self.env.cr.savepoint():
                text = notification.with_context(lang=lang)._ecabinet_telegram_perform(
                    action
                )
        except UserError as error:
            return [self._answer(query, error.args[0], alert=True)]
        return [self._answer(query, text), remove_buttons]

    def _check_callback(self, query, notification):
        """Why a callback is refused (for the log), or ``False``."""
        if not notification:
            return "unknown notification"
        if notification.channel != "telegram":
            return "not a Telegram notification"
        sender = str(query.from_user.id)
        linked = notification.partner_id.sudo().ecabinet_telegram_chat_id
        if not linked or linked != sender:
            return "not the linked chat of the recipient"
        message = query.message
        if message and str(message.chat.id) != sender:
            return "button of another chat"
        if (
            message
            and notification.provider_message_id
            and notification.provider_message_id
            != f"{message.chat.id}:{message.message_id}"
        ):
            return "button of another message"
        action = CALLBACK_DATA.fullmatch(query.data)[2]
        if action not in [button[0] for button in notification.buttons or []]:
            return "action not offered"
        return False

    @api.model
    def _answer(self, query, text, alert=False):
        return (
            "answer_callback_query",
            {"callback_query_id": query.id, "text": text[:200], "show_alert": alert},
        )

    @api.model
    def _remove_buttons(self, query):
        if not query.message:
            return None  # too old: nothing to edit
        return (
            "edit_message_reply_markup",
            {
                "chat_id": query.message.chat.id,
                "message_id": query.message.message_id,
                "reply_markup": None,
            },
        )

    # Actions ----------------------------------------------------------------------

    @public_method
    def action_register_webhook(self):
        self.ensure_one()
        self.check_access("write")
        url = self._register_webhook()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Telegram will send the bot's updates to %(url)s.", url=url
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @public_method
    def action_new_secret(self):
        """A new secret is useless until Telegram knows it: register it too."""
        self.ensure_one()
        self.check_access("write")
        self._new_secret()
        if self.sudo().token:
            return self.action_register_webhook()
        return {"type": "ir.actions.client", "tag": "soft_reload"}
