# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcabinetNotificationPreference(models.Model):
    _inherit = "ecabinet.notification.preference"

    channel_telegram = fields.Boolean(string="Telegram")
