# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

from odoo.addons.ecabinet_notification.controllers.portal import (
    PAGE,
    EcabinetNotificationPortal,
)


class EcabinetNotificationTelegramPortal(EcabinetNotificationPortal):
    """The Telegram card of a member's notification settings: link or unlink
    their own chat."""

    def _ecabinet_notification_values(self, **extra):
        partner = self._ecabinet_own_partner()
        bot = (
            request.env["ecabinet.telegram.bot"]
            .sudo()
            ._get_for_company(request.env.company)
        )
        values = {
            "telegram_linked": bool(partner.ecabinet_telegram_chat_id),
            "telegram_username": partner.ecabinet_telegram_username,
            "telegram_bot": bot.bot_username,
            "link_code": False,
            "link_url": False,
        }
        values.update(extra)
        return super()._ecabinet_notification_values(**values)

    @http.route(
        f"{PAGE}/telegram/link",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_ecabinet_telegram_link(self, **post):
        if not self._ecabinet_is_member():
            return request.redirect("/my")
        partner = self._ecabinet_own_partner()
        code = partner._ecabinet_telegram_new_link_code()
        return request.render(
            "ecabinet_notification.portal_my_ecabinet_notifications",
            self._ecabinet_notification_values(
                link_code=code, link_url=partner._ecabinet_telegram_link_url(code)
            ),
        )

    @http.route(
        f"{PAGE}/telegram/unlink",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_ecabinet_telegram_unlink(self, **post):
        if not self._ecabinet_is_member():
            return request.redirect("/my")
        self._ecabinet_own_partner()._ecabinet_telegram_unlink()
        return request.redirect(PAGE)
