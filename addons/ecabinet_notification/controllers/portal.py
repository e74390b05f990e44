# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

PAGE = "/my/ecabinet/notifications"
TIME = re.compile(r"(\d{1,2}):(\d{2})")


class EcabinetNotificationPortal(CustomerPortal):
    """A member's notification settings: channels per event and quiet hours
    (channel addons add their own parts, such as linking Telegram). Everything
    applies to the signed-in user's own partner."""

    def _ecabinet_is_member(self):
        return request.env.user.has_group("ecabinet_base.group_member")

    def _ecabinet_own_partner(self):
        """The signed-in user's partner, with the rights to change its
        notification settings (fields members cannot write themselves)."""
        return request.env.user.partner_id.sudo()

    @staticmethod
    def _ecabinet_time_value(hours):
        hours = hours or 0.0
        minutes = round(hours * 60)
        return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"

    def _ecabinet_parse_time(self, text, label):
        match = TIME.fullmatch((text or "").strip())
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise UserError(
                request.env._("Give the %(label)s time as HH:MM.", label=label)
            )
        return int(match[1]) + int(match[2]) / 60

    def _ecabinet_notification_events(self):
        # The test message is the secretariat's tool: always on every channel.
        return request.env["ecabinet.notification.event"].search(
            [("code", "!=", "test")]
        )

    def _ecabinet_notification_values(self, **extra):
        env = request.env
        partner = self._ecabinet_own_partner()
        events = self._ecabinet_notification_events()
        Notification = env["ecabinet.notification"]
        labels = dict(Notification._fields["channel"]._description_selection(env))
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "ecabinet_notifications",
                "events": events,
                "channels": [
                    (code, labels[code]) for code in Notification._channel_codes()
                ],
                "chosen": {
                    event.id: set(partner._ecabinet_channels_for(event))
                    for event in events
                },
                "quiet_hours": partner.ecabinet_quiet_hours,
                "quiet_from": self._ecabinet_time_value(partner.ecabinet_quiet_from),
                "quiet_to": self._ecabinet_time_value(partner.ecabinet_quiet_to),
                "channel_issue": partner.ecabinet_channel_issue,
                "saved": False,
                "error": False,
            }
        )
        values.update(extra)
        return values

    def _ecabinet_save_notification_settings(self, post):
        env = request.env
        partner = self._ecabinet_own_partner()
        quiet = {
            "ecabinet_quiet_hours": bool(post.get("quiet_hours")),
            "ecabinet_quiet_from": self._ecabinet_parse_time(
                post.get("quiet_from"), env._("quiet from")
            ),
            "ecabinet_quiet_to": self._ecabinet_parse_time(
                post.get("quiet_to"), env._("quiet until")
            ),
        }
        # Preferences are written with the member's own rights (their own only).
        Preference = env["ecabinet.notification.preference"]
        existing = {
            preference.event_id: preference
            for preference in Preference.search([("partner_id", "=", partner.id)])
        }
        codes = env["ecabinet.notification"]._channel_codes()
        for event in self._ecabinet_notification_events():
            wanted = {code for code in codes if post.get(f"pref_{event.id}_{code}")}
            vals = {f"channel_{code}": code in wanted for code in codes}
            preference = existing.get(event)
            if preference:
                if set(preference._channels()) != wanted:
                    preference.write(vals)
            elif wanted != set(event._default_channels()):
                Preference.create(dict(vals, partner_id=partner.id, event_id=event.id))
        partner.write(quiet)

    @http.route(PAGE, type="http", auth="user", methods=["GET", "POST"], website=True)
    def portal_my_ecabinet_notifications(self, **post):
        if not self._ecabinet_is_member():
            return request.redirect("/my")
        if request.httprequest.method == "POST":
            try:
                self._ecabinet_save_notification_settings(post)
            except UserError as error:
                request.env.cr.rollback()
                return request.render(
                    "ecabinet_notification.portal_my_ecabinet_notifications",
                    self._ecabinet_notification_values(error=error.args[0]),
                )
            return request.redirect(f"{PAGE}?saved=1")
        return request.render(
            "ecabinet_notification.portal_my_ecabinet_notifications",
            self._ecabinet_notification_values(saved=bool(post.get("saved"))),
        )
