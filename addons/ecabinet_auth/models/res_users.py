# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii
import logging
import os
import re

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.auth_totp.models.totp import TOTP_SECRET_SIZE
from odoo.addons.ecabinet_base.tools.api import public_method

from .res_company import SECOND_FACTOR_KINDS

_logger = logging.getLogger(__name__)
SECRETARIAT = "ecabinet_base.group_secretariat"
# The second step of a sign-in that Odoo's `_mfa_type` / `_mfa_url` protocol
# (auth_totp, auth_totp_mail_enforce) runs before the session is complete: for a
# user the policy covers who has no second factor yet, setting one up.
MFA_ENROL = "ecabinet_enrol"
ENROL_URL = "/web/login/ecabinet_2fa"


class ResUsers(models.Model):
    _inherit = "res.users"

    ecabinet_2fa_kind = fields.Selection(
        SECOND_FACTOR_KINDS,
        string="Kind of e-Cabinet User",
        compute="_compute_ecabinet_2fa",
    )
    ecabinet_2fa_required = fields.Boolean(
        string="Second Factor Required",
        compute="_compute_ecabinet_2fa",
        search="_search_ecabinet_2fa_required",
        help="The company's sign-in policy requires a second factor of this kind "
        "of user (Settings, e-Cabinet, Sign-in).",
    )
    ecabinet_2fa_enrolled = fields.Boolean(
        string="Second Factor Set Up",
        compute="_compute_ecabinet_2fa",
        search="_search_ecabinet_2fa_enrolled",
        help="The user signs in with an authenticator app or has a passkey.",
    )
    ecabinet_passkey_count = fields.Integer(
        string="Passkeys", compute="_compute_ecabinet_2fa"
    )

    # What the policy asks of whom --------------------------------------------------

    def _compute_ecabinet_2fa(self):
        passkeys = {
            user.id: count
            for user, count in self.env["auth.passkey.key"]
            .sudo()
            ._read_group([("create_uid", "in", self.ids)], ["create_uid"], ["__count"])
        }
        for user in self:
            user.ecabinet_2fa_kind = user._ecabinet_2fa_kind()
            user.ecabinet_2fa_required = user._ecabinet_2fa_required()
            user.ecabinet_passkey_count = passkeys.get(user.id, 0)
            user.ecabinet_2fa_enrolled = bool(
                user.sudo().totp_enabled or user.ecabinet_passkey_count
            )

    def _ecabinet_2fa_kind(self):
        """Which kind of e-Cabinet user the sign-in policy sees in this user:
        office staff, an agency's officer, a committee member (or invitee), or
        none of them (``False``)."""
        self.ensure_one()
        user = self.sudo()
        if not user.id or user._is_public():
            return False
        if user._has_group("ecabinet_base.group_user"):
            return "staff"
        if user._ecabinet_agency():
            return "agency"
        if user._has_group("ecabinet_base.group_member"):
            return "member"
        return False

    def _ecabinet_2fa_required(self):
        """Whether the policy of the user's company requires a second factor."""
        self.ensure_one()
        kind = self._ecabinet_2fa_kind()
        return bool(kind and self.sudo().company_id[f"ecabinet_2fa_{kind}"])

    def _ecabinet_2fa_enrolled(self):
        self.ensure_one()
        user = self.sudo()
        return bool(user.totp_enabled or user.auth_passkey_key_ids)

    def _ecabinet_people(self):
        """The users the policy may cover (every e-Cabinet user)."""
        member = self.env.ref("ecabinet_base.group_member")
        return (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("groups_id", "in", member.ids)])
        )

    def _search_ecabinet_2fa_required(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on this field."))
        ids = self._ecabinet_people().filtered(lambda u: u._ecabinet_2fa_required()).ids
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", ids)]

    def _search_ecabinet_2fa_enrolled(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on this field."))
        self.env.cr.execute(
            """
            SELECT id FROM res_users WHERE totp_secret IS NOT NULL AND totp_secret != ''
             UNION
            SELECT create_uid FROM auth_passkey_key WHERE create_uid IS NOT NULL
            """
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", ids)]

    # Odoo's two-step sign-in ---------------------------------------------------------

    def _mfa_type(self):
        mfa_type = super()._mfa_type()
        if mfa_type is not None:
            return mfa_type
        if self._ecabinet_2fa_required():
            return MFA_ENROL
        return None

    def _mfa_url(self):
        url = super()._mfa_url()
        if url is not None:
            return url
        if self._mfa_type() == MFA_ENROL:
            return ENROL_URL
        return None

    def _rpc_api_keys_only(self):
        # A password alone does not open RPC to a user the policy covers.
        return self._mfa_type() == MFA_ENROL or super()._rpc_api_keys_only()

    # Setting up the authenticator app during the sign-in -----------------------------

    def _ecabinet_new_totp_secret(self):
        """A new authenticator secret, grouped by four characters (Odoo's
        auth_totp wizard does the same)."""
        secret = base64.b32encode(os.urandom(TOTP_SECRET_SIZE // 8)).decode()
        return " ".join(map("".join, zip(*[iter(secret)] * 4, strict=True)))

    def _ecabinet_totp_setup(self, secret):
        """The QR code (PNG, base64) and the ``otpauth://`` address of ``secret``
        for this user, drawn by Odoo's own auth_totp wizard."""
        self.ensure_one()
        wizard = (
            self.env["auth_totp.wizard"]
            .sudo()
            .create({"user_id": self.id, "secret": secret})
        )
        qrcode = wizard.qrcode
        if isinstance(qrcode, bytes):
            qrcode = qrcode.decode()
        return {"qrcode": qrcode, "url": wizard.url}

    def _ecabinet_totp_enrol(self, secret, code):
        """Set up the authenticator app of a user who must and has none:
        ``code`` must be a current code of ``secret``. Raises ``UserError``
        otherwise; leaves a line in the person's chatter."""
        self.ensure_one()
        env = self.env
        if self._mfa_type() != MFA_ENROL:
            raise UserError(env._("Your sign-in needs no new second factor."))
        try:
            code = int(re.sub(r"\s", "", str(code or "")))
        except ValueError as error:
            raise UserError(
                env._("The code is the 6 digits your authenticator app shows.")
            ) from error
        try:
            enabled = self.with_user(self)._totp_try_setting(secret or "", code)
        except (binascii.Error, ValueError) as error:
            raise UserError(env._("This set-up key is not valid.")) from error
        if not enabled:
            raise UserError(
                env._("Verification failed, please double-check the 6-digit code.")
            )
        self.partner_id.sudo().message_post(
            body=env._("Two-factor sign-in set up with an authenticator app."),
            author_id=self.partner_id.id,
        )
        return True

    # The secretariat: lost devices ---------------------------------------------------

    def _ecabinet_check_security_manager(self):
        """The secretariat signs e-Cabinet users out and removes their second
        factor; only an administrator does it for an administrator."""
        env = self.env
        if env.su:
            return
        if not env.user.has_group(SECRETARIAT):
            raise AccessError(
                env._(
                    "Only the secretariat can sign e-Cabinet users out or remove "
                    "their second factor."
                )
            )
        if not env.user._is_system() and any(
            user.sudo()._has_group("base.group_system") for user in self
        ):
            raise AccessError(
                env._("Only an administrator can do this for an administrator.")
            )

    def _ecabinet_sign_out(self, devices=None):
        """End the sessions of ``devices`` (all of the users' devices if none)
        and forget the browsers trusted to skip the code."""
        Device = self.env["res.device"].sudo()
        devices = (
            devices.sudo()
            if devices is not None
            else Device.search([("user_id", "in", self.ids)])
        )
        devices._revoke()
        self.sudo()._revoke_all_devices()

    def _ecabinet_log(self, body):
        for user in self:
            user.partner_id.sudo().message_post(
                body=body, author_id=self.env.user.partner_id.id
            )

    @public_method
    def action_ecabinet_sign_out_devices(self):
        """Sign these users out of every device (a lost tablet or phone): their
        sessions end at once and their next request asks them to sign in."""
        self._ecabinet_check_security_manager()
        self._ecabinet_sign_out()
        self._ecabinet_log(
            self.env._(
                "Signed out of every device by %(name)s.", name=self.env.user.name
            )
        )
        return True

    @public_method
    def action_ecabinet_remove_second_factor(self):
        """Remove the authenticator app and the passkeys of these users (a lost
        phone) and sign them out: their next sign-in sets up a new one where the
        policy requires it."""
        self._ecabinet_check_security_manager()
        self._ecabinet_sign_out()
        for user in self.sudo():
            user.auth_passkey_key_ids.unlink()
            user.totp_secret = False
        _logger.info(
            "Second factor of %s removed by uid %s", self.mapped("login"), self.env.uid
        )
        self._ecabinet_log(
            self.env._(
                "Authenticator app and passkeys removed by %(name)s: a new second "
                "factor is set up at the next sign-in.",
                name=self.env.user.name,
            )
        )
        return True
