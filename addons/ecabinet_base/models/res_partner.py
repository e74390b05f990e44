# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

AGENCY_TYPES = [
    ("department", "Department (Sở)"),
    ("board", "Board (Ban)"),
    ("sector", "Sector agency (Ngành)"),
    ("district", "Local committee (UBND cấp huyện, xã)"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_ecabinet_agency = fields.Boolean(
        string="Government Agency",
        help="Departments, boards, sector agencies and local committees that submit "
        "items to the committee or execute its tasks.",
    )
    ecabinet_agency_code = fields.Char(
        string="Agency Code",
        help="Official electronic identification code of the agency "
        "(mã định danh điện tử), e.g. H57.12.",
    )
    ecabinet_agency_type = fields.Selection(AGENCY_TYPES, string="Agency Type")
    ecabinet_membership_ids = fields.One2many(
        "ecabinet.committee.member", "partner_id", string="Committee Memberships"
    )

    _sql_constraints = [
        (
            "ecabinet_agency_code_uniq",
            "unique(ecabinet_agency_code)",
            "Another agency already has this agency code.",
        ),
    ]
