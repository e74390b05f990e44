# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

DOCUMENT_TYPES = [
    ("submission", "Submission (Tờ trình)"),
    ("draft", "Draft (Dự thảo)"),
    ("report", "Report (Báo cáo)"),
    ("decision", "Decision (Quyết định)"),
    ("notice", "Notice (Thông báo)"),
    ("other", "Other"),
]


class EcabinetDocument(models.Model):
    """A document registered for a committee: its metadata and, unless it is a
    state secret, its file."""

    _name = "ecabinet.document"
    _description = "e-Cabinet Document"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "ecabinet.confidential.mixin",
    ]
    _order = "document_date desc, id desc"
    _confidential_content_fields = ("datas",)

    name = fields.Char(string="Title", required=True, tracking=True)
    active = fields.Boolean(default=True)
    committee_id = fields.Many2one(
        "ecabinet.committee", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(related="committee_id.company_id", store=True)
    document_type = fields.Selection(
        DOCUMENT_TYPES, default="submission", required=True
    )
    reference = fields.Char(
        string="Number and Symbol", help="Số và ký hiệu, e.g. 125/TTr-STC."
    )
    document_date = fields.Date(
        string="Date", default=fields.Date.context_today, required=True
    )
    agency_id = fields.Many2one(
        "res.partner",
        string="Submitting Agency",
        domain=[("is_ecabinet_agency", "=", True)],
        index=True,
        tracking=True,
    )
    datas = fields.Binary(string="File", attachment=True)
    filename = fields.Char()
    summary = fields.Text()

    def _ecabinet_creation_message(self):
        return self.env._("Document created")

    @api.onchange("confidentiality")
    def _onchange_confidentiality(self):
        if self.is_state_secret:
            self.datas = False
            self.filename = False
