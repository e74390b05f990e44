# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ecabinet_2fa_member = fields.Boolean(
        related="company_id.ecabinet_2fa_member", readonly=False
    )
    ecabinet_2fa_agency = fields.Boolean(
        related="company_id.ecabinet_2fa_agency", readonly=False
    )
    ecabinet_2fa_staff = fields.Boolean(
        related="company_id.ecabinet_2fa_staff", readonly=False
    )
