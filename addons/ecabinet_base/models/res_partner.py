# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

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

    @api.depends_context("ecabinet_person_first")
    def _compute_display_name(self):
        return super()._compute_display_name()

    def _get_complete_name(self):
        """With ``ecabinet_person_first`` in the context (lists of people: the
        attendees of a session, the voters of a ballot), a person of an agency is
        "Name (Agency)": a narrow column shows the person, not the agency that
        every row repeats."""
        if (
            not self.env.context.get("ecabinet_person_first")
            or self.is_company
            or not self.name
            or not (self.commercial_company_name or self.parent_id)
        ):
            return super()._get_complete_name()
        agency = self.commercial_company_name or self.sudo().parent_id.name
        return f"{self.name} ({agency})"
