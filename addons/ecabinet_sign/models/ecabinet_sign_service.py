# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# The key backends whose keys are reached through a service of the company
# (the keys of res_partner.KEY_BACKENDS but the PKCS#12 file).
PROVIDERS = [
    ("pkcs11", "PKCS#11 USB tokens"),
    ("csc", "Remote signing service (CSC API v1)"),
    ("vnpt_smartca", "VNPT SmartCA"),
    ("viettel_mysign", "Viettel MySign"),
]


class EcabinetSignService(models.Model):
    """How the signing server reaches the keys of a kind of key backend for a
    company: the PKCS#11 library of the USB tokens plugged into it, or the
    account of e-Cabinet at a remote signing service (CSC API v1, VNPT SmartCA,
    Viettel MySign). The identity of each signer at the service (token label,
    credential, user ID) is on their contact."""

    _name = "ecabinet.sign.service"
    _inherit = ["ecabinet.service.mixin"]
    _description = "Signing Service"
    _order = "company_id, provider, active desc, id"
    # one active service per company and provider
    _ecabinet_service_scope = ("provider",)

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    provider = fields.Selection(PROVIDERS, required=True)
    module_path = fields.Char(
        string="PKCS#11 Module",
        help="Path of the tokens' PKCS#11 library on the signing server, e.g. "
        "/usr/lib/x86_64-linux-gnu/libeToken.so.",
    )
    url = fields.Char(
        string="Service URL",
        help="CSC: the service's base URL. VNPT SmartCA and Viettel MySign: empty "
        "for the production gateway (https://gwsca.vnpt.vn/sca/sp769, "
        "https://remotesigning.viettel.vn).",
    )
    token_url = fields.Char(
        string="OAuth2 Token URL",
        help="CSC: where e-Cabinet gets its OAuth2 token (client credentials).",
    )
    client_id = fields.Char(
        string="Client ID",
        groups="ecabinet_base.group_admin",
        help="CSC and Viettel MySign: the OAuth2 client of e-Cabinet. VNPT "
        "SmartCA: the SP ID of the integration account.",
    )
    client_secret = fields.Char(
        groups="ecabinet_base.group_admin",
        help="CSC and Viettel MySign: the OAuth2 client secret. VNPT SmartCA: the "
        "SP password of the integration account.",
    )
    profile_id = fields.Char(
        string="Profile ID", help="Viettel MySign: the signing profile."
    )

    @api.constrains("active", "company_id", "provider")
    def _check_one_active_per_company(self):
        return super()._check_one_active_per_company()

    @api.model
    def _ecabinet_for(self, company, provider):
        """The active service of ``company`` for ``provider`` (with its secrets),
        or an empty recordset."""
        return self.sudo()._get_for_company(company, provider=provider)
