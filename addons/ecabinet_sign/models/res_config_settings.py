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
    # Key backends: system parameters, only system administrators see them.
    ecabinet_sign_pkcs11_module = fields.Char(
        string="PKCS#11 Module",
        config_parameter="ecabinet_sign.pkcs11_module",
        groups="base.group_system",
        help="Path of the token's PKCS#11 library on the server, e.g. "
        "/usr/lib/x86_64-linux-gnu/libeToken.so.",
    )
    ecabinet_sign_csc_url = fields.Char(
        string="CSC Service URL",
        config_parameter="ecabinet_sign.csc_url",
        groups="base.group_system",
    )
    ecabinet_sign_csc_token_url = fields.Char(
        string="CSC OAuth2 Token URL",
        config_parameter="ecabinet_sign.csc_token_url",
        groups="base.group_system",
    )
    ecabinet_sign_csc_client_id = fields.Char(
        string="CSC Client ID",
        config_parameter="ecabinet_sign.csc_client_id",
        groups="base.group_system",
    )
    ecabinet_sign_csc_client_secret = fields.Char(
        string="CSC Client Secret",
        config_parameter="ecabinet_sign.csc_client_secret",
        groups="base.group_system",
    )
    ecabinet_sign_smartca_url = fields.Char(
        string="VNPT SmartCA URL",
        config_parameter="ecabinet_sign.smartca_url",
        groups="base.group_system",
        help="Empty: the production gateway https://gwsca.vnpt.vn/sca/sp769.",
    )
    ecabinet_sign_smartca_sp_id = fields.Char(
        string="VNPT SmartCA SP ID",
        config_parameter="ecabinet_sign.smartca_sp_id",
        groups="base.group_system",
    )
    ecabinet_sign_smartca_sp_password = fields.Char(
        string="VNPT SmartCA SP Password",
        config_parameter="ecabinet_sign.smartca_sp_password",
        groups="base.group_system",
    )
    ecabinet_sign_mysign_url = fields.Char(
        string="Viettel MySign URL",
        config_parameter="ecabinet_sign.mysign_url",
        groups="base.group_system",
        help="Empty: the production gateway https://remotesigning.viettel.vn.",
    )
    ecabinet_sign_mysign_client_id = fields.Char(
        string="Viettel MySign Client ID",
        config_parameter="ecabinet_sign.mysign_client_id",
        groups="base.group_system",
    )
    ecabinet_sign_mysign_client_secret = fields.Char(
        string="Viettel MySign Client Secret",
        config_parameter="ecabinet_sign.mysign_client_secret",
        groups="base.group_system",
    )
    ecabinet_sign_mysign_profile_id = fields.Char(
        string="Viettel MySign Profile ID",
        config_parameter="ecabinet_sign.mysign_profile_id",
        groups="base.group_system",
    )
