# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.ecabinet_base.tools.api import public_method

from ..tools.bot_api import LINK_CODE_LIFETIME, hash_code


class ResPartner(models.Model):
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
                "ecabinet_telegram_code_hash": hash_code(code),
                "ecabinet_telegram_code_expiry": fields.Datetime.now()
                + LINK_CODE_LIFETIME,
            }
        )
        return code

    def _ecabinet_telegram_link_url(self, code):
        bot = self.env["ecabinet.telegram.bot"].sudo()._get_for_company(False)
        username = bot.bot_username
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
            [("ecabinet_telegram_code_hash", "=", hash_code(code or ""))], limit=1
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
