# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Telegram channel: the bot's settings, linked chats, delivery and answers.

Every call to the Bot API goes through python-telegram-bot, pointed at the
company's Bot API URL. Odoo's code is synchronous: each batch of calls runs in
its own event loop (``run_async``) with one HTTP session (``async with bot``).
"""

import asyncio
import concurrent.futures
import hashlib
import hmac
import logging
import re
import secrets
from datetime import timedelta

import telegram
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.ecabinet_base.tools.api import public_method

_logger = logging.getLogger(__name__)
# httpx logs every request's URL at INFO, and Bot API URLs contain the bot token.
logging.getLogger("httpx").setLevel(logging.WARNING)

DEFAULT_API_URL = "https://api.telegram.org"
WEBHOOK_PATH = "/ecabinet/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "callback_query"]
LINK_CODE_LIFETIME = timedelta(minutes=15)
# Seconds to wait for the Bot API; a system parameter overrides it.
TIMEOUT_PARAM = "ecabinet_notification.telegram_timeout"
DEFAULT_TIMEOUT = 10.0
MAX_TEXT = 4096  # Telegram's limit for a message
MAX_CALLBACK_DATA = 64  # bytes, Telegram's limit for callback_data
CALLBACK_DATA = re.compile(r"n:(\d{1,18}):([A-Za-z0-9_.-]{1,40})")
# Errors after which the next messages of the batch would fail the same way.
BATCH_ERRORS = (InvalidToken, RetryAfter, TimedOut)


def run_async(coroutine):
    """Run ``coroutine`` to its end from Odoo's synchronous code."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    # A loop already runs in this thread (never in Odoo's workers): use another.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _hash_code(code):
    return hashlib.sha256(code.encode()).hexdigest()


def _chat_id(value):
    """Telegram chat ids are integers; keep anything else as given."""
    text = str(value)
    return int(text) if text.lstrip("-").isdigit() else text


def _error_text(error):
    """The error's text, without the bot token python-telegram-bot may put in."""
    if isinstance(error, InvalidToken):
        return "Unauthorized"
    return str(error)


def _is_batch_error(error):
    return isinstance(error, BATCH_ERRORS) or (
        isinstance(error, NetworkError) and not isinstance(error, BadRequest)
    )


async def _deliver(bot, messages):
    """Send ``messages`` ``[(key, chat_id, text, markup)]`` in one session.

    :return: ``{key: telegram.Message or TelegramError}``; after an error that
        would hit every message (server down, bad token), the rest get it too
        without being tried
    """
    results = {}
    stop = None
    try:
        async with bot:
            for key, chat_id, text, markup in messages:
                try:
                    results[key] = await bot.send_message(
                        chat_id=chat_id, text=text, reply_markup=markup
                    )
                except TelegramError as error:
                    results[key] = error
                    if _is_batch_error(error):
                        stop = error
                        break
    except TelegramError as error:  # the session itself failed (getMe)
        stop = error
    for key, *_rest in messages:
        results.setdefault(key, stop)
    return results


async def _call_all(bot, calls):
    """Make ``calls`` ``[(method, kwargs)]`` in one session; log the failures."""
    async with bot:
        for method, kwargs in filter(None, calls):
            try:
                await getattr(bot, method)(**kwargs)
            except BadRequest as error:
                if "not modified" in str(error):  # already done
                    _logger.info("Telegram %s: %s", method, error)
                else:
                    _logger.warning("Telegram %s failed: %s", method, error)
            except TelegramError as error:
                _logger.warning("Telegram %s failed: %s", method, _error_text(error))


class ResCompany(models.Model):
    # The Telegram channel keeps all its parts in this file.
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "res.company"

    ecabinet_telegram_token = fields.Char(
        string="Telegram Bot Token",
        groups="ecabinet_base.group_admin",
        copy=False,
        help="Token of the e-Cabinet bot, given by @BotFather.",
    )
    ecabinet_telegram_api_url = fields.Char(
        string="Telegram Bot API URL",
        default=DEFAULT_API_URL,
        help="Change it only to use a local Bot API server.",
    )
    ecabinet_telegram_bot_username = fields.Char(
        string="Telegram Bot Username",
        help="Without @. Members open t.me/<username> to link their account; filled "
        "when the webhook is registered.",
    )
    ecabinet_telegram_webhook_secret = fields.Char(
        string="Telegram Webhook Secret",
        groups="ecabinet_base.group_admin",
        copy=False,
        help="Telegram sends it with every update; updates without it are refused.",
    )

    def _ecabinet_telegram_bot(self):
        """A python-telegram-bot ``Bot`` for this company's bot."""
        self.ensure_one()
        company = self.sudo()
        if not company.ecabinet_telegram_token:
            raise UserError(
                self.env._(
                    "Telegram is not configured: enter the bot token in the e-Cabinet "
                    "settings."
                )
            )
        api_url = (company.ecabinet_telegram_api_url or DEFAULT_API_URL).rstrip("/")
        timeout = float(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(TIMEOUT_PARAM, DEFAULT_TIMEOUT)
        )
        return telegram.Bot(
            company.ecabinet_telegram_token,
            base_url=f"{api_url}/bot",
            base_file_url=f"{api_url}/file/bot",
            request=HTTPXRequest(
                connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout
            ),
        )

    @api.model
    def _ecabinet_telegram_company_for_secret(self, secret):
        """The company whose webhook secret is ``secret``, compared in constant
        time; an empty recordset when none is."""
        if not secret:
            return self.browse()
        companies = self.sudo().search(
            [("ecabinet_telegram_webhook_secret", "!=", False)]
        )
        for company in companies:
            if hmac.compare_digest(
                company.ecabinet_telegram_webhook_secret.encode(), secret.encode()
            ):
                return company
        return self.browse()

    def _ecabinet_telegram_new_secret(self):
        for company in self.sudo():
            company.ecabinet_telegram_webhook_secret = secrets.token_urlsafe(32)

    def _ecabinet_telegram_register_webhook(self):
        """Tell Telegram where to send the updates (setWebhook), with the secret;
        remember the bot's username."""
        self.ensure_one()
        company = self.sudo()
        if not company.ecabinet_telegram_webhook_secret:
            company._ecabinet_telegram_new_secret()
        bot = company._ecabinet_telegram_bot()
        url = company.get_base_url().rstrip("/") + WEBHOOK_PATH

        async def register():
            async with bot:
                await bot.set_webhook(
                    url=url,
                    secret_token=company.ecabinet_telegram_webhook_secret,
                    allowed_updates=ALLOWED_UPDATES,
                )
                return bot.username

        try:
            username = run_async(register())
        except TelegramError as error:
            raise UserError(
                self.env._(
                    "Telegram refused the webhook: %(error)s", error=_error_text(error)
                )
            ) from error
        company.ecabinet_telegram_bot_username = username
        return url

    def _ecabinet_telegram_call(self, calls):
        """Make Bot API ``calls`` ``[(method, kwargs)]``; failures are logged only
        (used for replies, which must not undo what the update did)."""
        self.ensure_one()
        if not calls:
            return
        try:
            run_async(_call_all(self._ecabinet_telegram_bot(), calls))
        except TelegramError as error:
            _logger.warning("Telegram replies not sent: %s", _error_text(error))
        except UserError as error:
            _logger.warning("Telegram replies not sent: %s", error)

    # Updates received by the webhook ------------------------------------------

    def _ecabinet_telegram_handle_update(self, data):
        """Handle one update (a dict from the webhook) for this company's bot.
        Call it only once the webhook's secret token is checked."""
        self.ensure_one()
        company = self.sudo()
        bot = company._ecabinet_telegram_bot()
        update = telegram.Update.de_json(data, bot)
        calls = []
        if update.callback_query:
            calls = company._ecabinet_telegram_on_callback(update.callback_query)
        elif update.message and update.message.text:
            calls = company._ecabinet_telegram_on_message(update.message)
        company._ecabinet_telegram_call(calls)

    def _ecabinet_telegram_lang(self, partner, user):
        """Language of the replies: the member's, else the Telegram app's."""
        installed = [code for code, _name in self.env["res.lang"].get_installed()]
        if partner.lang in installed:
            return partner.lang
        code = (user and user.language_code or "").replace("-", "_")
        for lang in installed:
            if code and (lang == code or lang.split("_")[0] == code.split("_")[0]):
                return lang
        return "en_US"

    def _ecabinet_telegram_on_message(self, message):
        Partner = self.env["res.partner"].sudo()
        chat_id = str(message.chat.id)
        partner = Partner.search([("ecabinet_telegram_chat_id", "=", chat_id)], limit=1)
        lang = self._ecabinet_telegram_lang(partner, message.from_user)
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

    def _ecabinet_telegram_on_callback(self, query):
        """A button was pressed: perform the answer if it comes from the linked
        chat of the notification's recipient, once."""
        Notification = self.env["ecabinet.notification"].sudo()
        sender = str(query.from_user.id)
        match = CALLBACK_DATA.fullmatch(query.data or "")
        notification = match and Notification.browse(int(match[1])).exists()
        partner = notification and notification.partner_id.sudo()
        lang = self._ecabinet_telegram_lang(
            partner
            or self.env["res.partner"]
            .sudo()
            .search([("ecabinet_telegram_chat_id", "=", sender)], limit=1),
            query.from_user,
        )
        env = self.with_context(lang=lang).env
        problem = self._ecabinet_telegram_check_callback(query, notification)
        if problem:
            _logger.warning(
                "Telegram callback refused (%s): from chat %s, data %r",
                problem,
                sender,
                query.data,
            )
            return [
                self._ecabinet_telegram_answer(
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
        remove_buttons = self._ecabinet_telegram_remove_buttons(query)
        if notification.telegram_answer:
            return [
                self._ecabinet_telegram_answer(
                    query, env._("You have already answered this message.")
                ),
                remove_buttons,
            ]
        try:
            with self.env.cr.savepoint():
                text = notification.with_context(lang=lang)._ecabinet_telegram_perform(
                    action
                )
        except UserError as error:
            return [self._ecabinet_telegram_answer(query, error.args[0], alert=True)]
        return [self._ecabinet_telegram_answer(query, text), remove_buttons]

    def _ecabinet_telegram_check_callback(self, query, notification):
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
    def _ecabinet_telegram_answer(self, query, text, alert=False):
        return (
            "answer_callback_query",
            {"callback_query_id": query.id, "text": text[:200], "show_alert": alert},
        )

    @api.model
    def _ecabinet_telegram_remove_buttons(self, query):
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


class ResConfigSettings(models.TransientModel):
    # The Telegram channel keeps all its parts in this file.
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "res.config.settings"

    ecabinet_telegram_token = fields.Char(
        related="company_id.ecabinet_telegram_token", readonly=False
    )
    ecabinet_telegram_api_url = fields.Char(
        related="company_id.ecabinet_telegram_api_url", readonly=False
    )
    ecabinet_telegram_bot_username = fields.Char(
        related="company_id.ecabinet_telegram_bot_username", readonly=False
    )

    @public_method
    def action_ecabinet_telegram_register_webhook(self):
        self.ensure_one()
        url = self.company_id._ecabinet_telegram_register_webhook()
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
    def action_ecabinet_telegram_new_secret(self):
        """A new secret is useless until Telegram knows it: register it too."""
        self.ensure_one()
        self.company_id._ecabinet_telegram_new_secret()
        if self.company_id.sudo().ecabinet_telegram_token:
            return self.action_ecabinet_telegram_register_webhook()
        return {"type": "ir.actions.client", "tag": "soft_reload"}


class ResPartner(models.Model):
    # The Telegram channel keeps all its parts in this file.
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "res.partner"

    ecabinet_telegram_chat_id = fields.Char(
        string="Telegram Chat",
        groups="ecabinet_base.group_secretariat",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Private chat with the e-Cabinet bot; the member links it from the "
        "portal.",
    )
    ecabinet_telegram_username = fields.Char(
        string="Telegram Username",
        groups="ecabinet_base.group_secretariat",
        copy=False,
        readonly=True,
    )
    ecabinet_telegram_code_hash = fields.Char(
        groups="base.group_system", copy=False, readonly=True, index="btree_not_null"
    )
    ecabinet_telegram_code_expiry = fields.Datetime(
        groups="base.group_system", copy=False, readonly=True
    )

    _sql_constraints = [
        (
            "ecabinet_telegram_chat_id_uniq",
            "unique(ecabinet_telegram_chat_id)",
            "This Telegram account is already linked to another person.",
        ),
    ]

    def _ecabinet_address_telegram(self):
        self.ensure_one()
        chat_id = self.sudo().ecabinet_telegram_chat_id
        if chat_id:
            return chat_id, False
        return False, self.env._(
            "%(name)s has not linked a Telegram account.", name=self.name
        )

    def _ecabinet_telegram_new_link_code(self):
        """A one-time code that links the chat it is sent from (``/start <code>``)
        to this person; only its hash is kept, for 15 minutes."""
        self.ensure_one()
        code = secrets.token_urlsafe(12)
        self.sudo().write(
            {
                "ecabinet_telegram_code_hash": _hash_code(code),
                "ecabinet_telegram_code_expiry": fields.Datetime.now()
                + LINK_CODE_LIFETIME,
            }
        )
        return code

    def _ecabinet_telegram_link_url(self, code):
        username = self.env.company.sudo().ecabinet_telegram_bot_username
        return username and f"https://t.me/{username.lstrip('@')}?start={code}"

    @api.model
    def _ecabinet_telegram_link(self, chat_id, code, username=None):
        """Link ``chat_id`` to the person whose valid code ``code`` is.

        :return: that person
        :raise UserError: the code is unknown, used or expired, or the chat is
            linked to someone else
        """
        Partner = self.sudo().with_context(active_test=False)
        chat_id = str(chat_id)
        partner = Partner.search(
            [("ecabinet_telegram_code_hash", "=", _hash_code(code or ""))], limit=1
        )
        if not partner:
            raise UserError(
                self.env._(
                    "This code is not valid or was already used. Ask for a new one "
                    "on the e-Cabinet portal."
                )
            )
        if partner.ecabinet_telegram_code_expiry < fields.Datetime.now():
            raise UserError(
                self.env._(
                    "This code has expired. Ask for a new one on the e-Cabinet portal."
                )
            )
        other = Partner.search(
            [("ecabinet_telegram_chat_id", "=", chat_id), ("id", "!=", partner.id)]
        )
        if other:
            raise UserError(
                self.env._(
                    "This Telegram account is already linked to %(name)s. Send /stop "
                    "first to unlink it.",
                    name=other.name,
                )
            )
        partner.write(
            {
                "ecabinet_telegram_chat_id": chat_id,
                "ecabinet_telegram_username": username or False,
                "ecabinet_telegram_code_hash": False,
                "ecabinet_telegram_code_expiry": False,
            }
        )
        partner._ecabinet_telegram_log(self.env._("Telegram account linked."))
        return partner

    def _ecabinet_telegram_unlink(self):
        for partner in self.sudo().filtered("ecabinet_telegram_chat_id"):
            partner.write(
                {
                    "ecabinet_telegram_chat_id": False,
                    "ecabinet_telegram_username": False,
                }
            )
            partner._ecabinet_telegram_log(self.env._("Telegram account unlinked."))

    def _ecabinet_telegram_log(self, body):
        """A note on the person; by them when done from their chat (the webhook
        runs as the public user)."""
        self.ensure_one()
        user = self.env.user
        self.message_post(
            body=body,
            author_id=self.id if user._is_public() else user.partner_id.id,
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )

    def _ecabinet_telegram_check_secretariat(self):
        # These buttons act with sudo on anyone's link: keep them out of RPC reach.
        if not self.env.user.has_group("ecabinet_base.group_secretariat"):
            raise AccessError(
                self.env._("Only the secretariat can manage other people's Telegram.")
            )

    @public_method
    def action_ecabinet_telegram_unlink(self):
        self._ecabinet_telegram_check_secretariat()
        self._ecabinet_telegram_unlink()

    @public_method
    def action_ecabinet_telegram_link_code(self):
        """For the secretariat: a code to give a member who has no portal."""
        self.ensure_one()
        self._ecabinet_telegram_check_secretariat()
        code = self._ecabinet_telegram_new_link_code()
        url = self._ecabinet_telegram_link_url(code)
        message = self.env._(
            "Give %(name)s this code, valid once for 15 minutes: send /start %(code)s "
            "to the e-Cabinet bot.",
            name=self.name,
            code=code,
        )
        if url:
            message += " " + self.env._("Or open %(url)s", url=url)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "info", "sticky": True, "message": message},
        }

    def _ecabinet_notification_action(self, notification, action):
        """The test message's button: the member confirms it arrived."""
        self.ensure_one()
        if (
            action != "ack"
            or notification.res_model != self._name
            or notification.res_id != self.id
        ):
            raise UserError(self.env._("This answer is not possible here."))
        self.message_post(
            body=self.env._("Test message received on Telegram"),
            author_id=notification.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return self.env._("Thank you: e-Cabinet notifications reach you on Telegram.")


class EcabinetNotification(models.Model):
    _inherit = "ecabinet.notification"

    telegram_answer = fields.Char(
        readonly=True, copy=False, help="Button the recipient pressed on Telegram."
    )
    telegram_answer_date = fields.Datetime(readonly=True, copy=False)

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
        for company, notifications in self.grouped("company_id").items():
            notifications._send_telegram_batch(company or self.env.company)

    def _send_telegram_batch(self, company):
        """Send these notifications with ``company``'s bot in one session."""
        if not company.sudo().ecabinet_telegram_token:
            reason = self.env._(
                "Telegram is not configured: enter the bot token in the e-Cabinet "
                "settings."
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
                    _chat_id(chat_id),
                    notification._telegram_text(),
                    markup,
                )
            )
        if not messages:
            return
        results = run_async(_deliver(company._ecabinet_telegram_bot(), messages))
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
                    "in the e-Cabinet settings."
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
