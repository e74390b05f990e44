# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..lib.pdf import DEFAULT_FONT

PADES_LEVELS = [
    ("b_t", "PAdES B-T (timestamp)"),
    ("b_lt", "PAdES B-LT (long term: validation data embedded)"),
    ("b_lta", "PAdES B-LTA (archival: document timestamp)"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    ecabinet_sign_tsa_url = fields.Char(
        string="Timestamp Authority URL",
        help="RFC 3161 timestamp authority used for every signature (PAdES B-T).",
    )
    ecabinet_sign_pades_level = fields.Selection(
        PADES_LEVELS, string="Default PAdES Level", default="b_t", required=True
    )
    ecabinet_sign_font_path = fields.Char(
        string="Stamp Font",
        default=DEFAULT_FONT,
        help="TrueType font of the signature stamps and filled fields (Times New "
        "Roman or a metric-compatible font such as Liberation Serif).",
    )
    ecabinet_sign_agency_name = fields.Char(
        string="Agency Name on Seals",
        help="Name printed with the agency seal; the company name when empty.",
    )
    ecabinet_sign_seal_image = fields.Binary(
        string="Agency Seal Image",
        attachment=True,
        help="Red seal, transparent PNG, at its actual size (Decree 30, Appendix I).",
    )
    ecabinet_sign_clerk_id = fields.Many2one(
        "res.users",
        string="Clerk (Agency Signature)",
        help="Clerical officer who numbers documents and applies the agency signature.",
    )
    ecabinet_sign_symbol_minutes = fields.Char(
        string="Symbol of Minutes", default="BB-UBND"
    )
    ecabinet_sign_symbol_conclusion = fields.Char(
        string="Symbol of Conclusion Notices", default="TB-UBND"
    )
    ecabinet_sign_symbol_ballot = fields.Char(
        string="Symbol of Result Sheets", default="TH-UBND"
    )
    ecabinet_sign_symbol_document = fields.Char(
        string="Symbol of Other Documents", default="UBND"
    )
    ecabinet_sign_reminder_days = fields.Integer(
        string="Remind Signers After (Working Days)", default=1
    )
    ecabinet_sign_trust_root_ids = fields.One2many(
        "ecabinet.sign.trust.root", "company_id", string="Trust Roots"
    )
