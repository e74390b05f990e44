# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The second step of the sign-in of a user whom the policy requires a second
factor of and who has none yet: the password is checked, the session is not
complete (Odoo's ``pre_uid``, as for auth_totp's code) until an authenticator
app is set up here. A user with a passkey is sent to sign in with it."""

from odoo import http
from odoo.exceptions import AccessDenied, UserError
from odoo.http import request

from odoo.addons.auth_totp.controllers.home import Home

from ..models.res_users import ENROL_URL, MFA_ENROL

SECRET_KEY = "ecabinet_totp_secret"


class EcabinetAuthHome(Home):
    @http.route(
        ENROL_URL,
        type="http",
        auth="public",
        methods=["GET", "POST"],
        sitemap=False,
        multilang=False,
    )
    def ecabinet_2fa_enrol(self, redirect=None, **post):
        if request.session.uid:
            return request.redirect(
                self._login_redirect(request.session.uid, redirect=redirect)
            )
        if not request.session.pre_uid:
            return request.redirect("/web/login")
        user = request.env["res.users"].sudo().browse(request.session.pre_uid)
        if user._mfa_type() != MFA_ENROL:
            # set up meanwhile (another tab) or no longer required
            return request.redirect(self._login_redirect(user.id, redirect=redirect))
        request.update_context(lang=user.lang)  # the page in the person's language
        values = {"user": user, "redirect": redirect, "error": None}
        if user._ecabinet_2fa_enrolled():
            # A passkey: the sign-in with it needs no code (auth_passkey).
            values["has_passkey"] = True
            request.session.logout(keep_db=True)
            return request.render("ecabinet_auth.enrol_form", values)
        secret = request.session.get(SECRET_KEY)
        if not secret:
            secret = request.session[SECRET_KEY] = user._ecabinet_new_totp_secret()
        if request.httprequest.method == "POST":
            try:
                # a wrong code counts as a failed sign-in (cooldown)
                with user._assert_can_auth(user=user.id):
                    try:
                        user._ecabinet_totp_enrol(secret, post.get("totp_token"))
                    except UserError as error:
                        raise AccessDenied(error.args[0]) from error
            except AccessDenied as error:
                values["error"] = error.args[0]
            else:
                request.session.pop(SECRET_KEY, None)
                request.session.finalize(request.env)
                request.update_env(user=request.session.uid)
                request.update_context(**request.session.context)
                return request.redirect(
                    self._login_redirect(request.session.uid, redirect=redirect)
                )
        values.update(user._ecabinet_totp_setup(secret), secret=secret)
        return request.render("ecabinet_auth.enrol_form", values)
