# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from pytz import timezone, utc

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.ecabinet_base.models.resource_calendar import DEFAULT_TZ
from odoo.addons.ecabinet_base.tools.api import public_method


class ResPartner(models.Model):
    _inherit = "res.partner"

    ecabinet_notification_preference_ids = fields.One2many(
        "ecabinet.notification.preference",
        "partner_id",
        string="Notification Preferences",
    )
    ecabinet_quiet_hours = fields.Boolean(
        string="Quiet Hours",
        help="Hold back SMS and Telegram messages that are not urgent during these "
        "hours; they leave when the quiet hours end.",
    )
    ecabinet_quiet_from = fields.Float(string="Quiet From", default=21.0)
    ecabinet_quiet_to = fields.Float(string="Quiet Until", default=7.0)
    ecabinet_channel_issue = fields.Text(
        string="Notification Problems",
        readonly=True,
        help="Why the last messages to this person could not be delivered.",
    )
    ecabinet_notification_count = fields.Integer(
        compute="_compute_ecabinet_notification_count"
    )

    def _compute_ecabinet_notification_count(self):
        counts = dict(
            self.env["ecabinet.notification"]
            .sudo()
            ._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"])
        )
        for partner in self:
            partner.ecabinet_notification_count = counts.get(partner, 0)

    def _ecabinet_channels_for(self, event):
        """Channels this person receives ``event`` on: their preference, else the
        event's defaults (a preference with no channel falls back to them too, so
        that legal notices always go out)."""
        self.ensure_one()
        preference = self.ecabinet_notification_preference_ids.filtered(
            lambda p: p.event_id == event
        )
        return (preference and preference._channels()) or event._default_channels()

    def _ecabinet_address(self, channel):
        """``(address, problem)``: where to send on ``channel``, or why it is not
        possible (translated, shown to the secretariat)."""
        self.ensure_one()
        return getattr(self, f"_ecabinet_address_{channel}")()

    def _ecabinet_address_email(self):
        if self.email_normalized:
            return self.email_normalized, False
        return self.email or False, self.env._(
            "%(name)s has no valid email address.", name=self.name
        )

    def _ecabinet_after_quiet_hours(self, now):
        """``now`` (naive UTC), or the end of this person's quiet hours."""
        self.ensure_one()
        start, end = self.ecabinet_quiet_from, self.ecabinet_quiet_to
        if not self.ecabinet_quiet_hours or start == end:
            return now
        tz = timezone(self.tz or DEFAULT_TZ)
        local = utc.localize(now).astimezone(tz)
        hour = local.hour + local.minute / 60
        inside = (hour >= start or hour < end) if start > end else start <= hour < end
        if not inside:
            return now
        day = local.date() if hour < end else local.date() + timedelta(days=1)
        end_local = tz.localize(datetime.combine(day, time.min) + timedelta(hours=end))
        return end_local.astimezone(utc).replace(tzinfo=None)

    def _ecabinet_report_unreachable(self):
        """Record on each person why their last message on a channel failed."""
        if not self:
            return
        Notification = self.env["ecabinet.notification"].sudo()
        channels = dict(
            Notification._fields["channel"]._description_selection(self.env)
        )
        # The last finished message per person and channel, in two queries.
        last_ids = [
            last_id
            for _partner, _channel, last_id in Notification._read_group(
                [("partner_id", "in", self.ids), ("state", "in", ("sent", "failed"))],
                ["partner_id", "channel"],
                ["id:max"],
            )
        ]
        issues = {}
        for notification in Notification.browse(last_ids).sorted("channel"):
            if notification.state == "failed":
                issues.setdefault(notification.partner_id, []).append(
                    f"{channels[notification.channel]}: {notification.last_error}"
                )
        for partner in self.sudo():
            partner.ecabinet_channel_issue = "\n".join(issues.get(partner, [])) or False

    @api.model
    def _ecabinet_test_key(self):
        return fields.Datetime.now().isoformat()

    @public_method
    def action_ecabinet_send_test_notification(self):
        if not self.env.user.has_group("ecabinet_base.group_secretariat"):
            raise AccessError(
                self.env._("Only the secretariat sends test messages to members.")
            )
        notifications = self.env["ecabinet.notification"].dispatch(
            self,
            "ecabinet_notification.event_test",
            lambda partner: partner,
            urgent=True,
            key=self._ecabinet_test_key(),
            buttons=[("ack", self.env._("I received it"))],
        )
        return self.env["ecabinet.notification"]._action_view(
            notifications, self.env._("Test messages")
        )

    @public_method
    def action_view_ecabinet_notifications(self):
        self.ensure_one()
        return self.env["ecabinet.notification"]._action_view(
            self.env["ecabinet.notification"].search([("partner_id", "=", self.id)]),
            self.env._("Messages to %(name)s", name=self.name),
        )
