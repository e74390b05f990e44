# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class EcabinetNotificationPreference(models.Model):
    _inherit = "ecabinet.notification.preference"

    channel_sms = fields.Boolean(string="SMS")

    @api.constrains("partner_id", "channel_sms")
    def _check_sms_number(self):
        """Asking for SMS: the person's numbers must reach the SMS gateway."""
        self.filtered("channel_sms").partner_id._ecabinet_check_phone_numbers()
