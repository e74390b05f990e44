# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ecabinet_sign_tsa_url = fields.Char(
        related="company_id.ecabinet_sign_tsa_url", readonly=False
    )
    ecabinet_sign_pades_level = fields.Selection(
        related="company_id.ecabinet_sign_pades_level", readonly=False
    )
    ecabinet_sign_font_path = fields.Char(
        related="company_id.ecabinet_sign_font_path", readonly=False
    )
    ecabinet_sign_agency_name = fields.Char(
        related="company_id.ecabinet_sign_agency_name", readonly=False
    )
    ecabinet_sign_seal_image = fields.Binary(
        related="company_id.ecabinet_sign_seal_image", readonly=False
    )
    ecabinet_sign_clerk_id = fields.Many2one(
        related="company_id.ecabinet_sign_clerk_id", readonly=False
    )
    ecabinet_sign_symbol_minutes = fields.Char(
        related="company_id.ecabinet_sign_symbol_minutes", readonly=False
    )
    ecabinet_sign_symbol_conclusion = fields.Char(
        related="company_id.ecabinet_sign_symbol_conclusion", readonly=False
    )
    ecabinet_sign_symbol_ballot = fields.Char(
        related="company_id.ecabinet_sign_symbol_ballot", readonly=False
    )
    ecabinet_sign_symbol_document = fields.Char(
        related="company_id.ecabinet_sign_symbol_document", readonly=False
    )
    ecabinet_sign_reminder_days = fields.Integer(
        related="company_id.ecabinet_sign_reminder_days", readonly=False
    )
