# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


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
    channel_email = fields.Boolean(string="Email")
    channel_sms = fields.Boolean(string="SMS")
    channel_telegram = fields.Boolean(string="Telegram")

    _sql_constraints = [
        (
            "partner_event_uniq",
            "unique(partner_id, event_id)",
            "A member has one preference per event.",
        ),
    ]

    @api.constrains("partner_id", "channel_sms")
    def _check_sms_number(self):
        """Asking for SMS: the person's numbers must reach the SMS gateway."""
        self.filtered("channel_sms").partner_id._ecabinet_check_phone_numbers()

    def _channels(self):
        self.ensure_one()
        return [
            channel
            for channel in ("email", "sms", "telegram")
            if self[f"channel_{channel}"]
        ]
