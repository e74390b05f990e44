# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcabinetNotificationPreference(models.Model):
    _name = "ecabinet.notification.preference"
    _description = "e-Cabinet Notification Preference"
    _order = "partner_id, event_id"

    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True
    )
    event_id = fields.Many2one(
        "ecabinet.notification.event", required=True, ondelete="cascade"
    )
    # One box per channel: channel addons add their ``channel_<code>``.
    channel_email = fields.Boolean(string="Email")

    _sql_constraints = [
        (
            "partner_event_uniq",
            "unique(partner_id, event_id)",
            "A member has one preference per event.",
        ),
    ]

    def _channels(self):
        self.ensure_one()
        return [
            code
            for code in self.env["ecabinet.notification"]._channel_codes()
            if self[f"channel_{code}"]
        ]
