# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcabinetNotificationEvent(models.Model):
    _inherit = "ecabinet.notification.event"

    default_sms = fields.Boolean(
        string="SMS by default",
        compute="_compute_default_flags",
        inverse="_inverse_default_flags",
    )
