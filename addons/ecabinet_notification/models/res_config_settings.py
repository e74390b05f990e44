# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ecabinet_notification_max_attempts = fields.Integer(
        related="company_id.ecabinet_notification_max_attempts", readonly=False
    )
    ecabinet_notification_retry_minutes = fields.Integer(
        related="company_id.ecabinet_notification_retry_minutes", readonly=False
    )
    ecabinet_notification_batch_size = fields.Integer(
        related="company_id.ecabinet_notification_batch_size", readonly=False
    )
