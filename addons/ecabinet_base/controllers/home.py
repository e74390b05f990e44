# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request

from odoo.addons.portal.controllers.web import Home


class EcabinetHome(Home):
    def _login_redirect(self, uid, redirect=None):
        """Members with an internal account but no e-Cabinet app (the menu is for
        e-Cabinet users) land on their portal home, like portal members: their
        next session, ballots and tasks are there, not in Discuss."""
        if not redirect:
            user = request.env["res.users"].sudo().browse(uid)
            if (
                user._is_internal()
                and user.has_group("ecabinet_base.group_member")
                and not user.has_group("ecabinet_base.group_user")
            ):
                redirect = "/my"
        return super()._login_redirect(uid, redirect=redirect)
