# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ecabinet_notification_max_attempts = fields.Integer(
        string="Notification Attempts",
        default=5,
        help="A message that fails temporarily is tried this many times before it "
        "is marked failed for the secretariat.",
    )
    ecabinet_notification_retry_minutes = fields.Integer(
        string="First Retry After (minutes)",
        default=5,
        help="Delay before the second attempt; it doubles after each failure.",
    )
    ecabinet_notification_batch_size = fields.Integer(
        string="Messages per Batch", default=100
    )
