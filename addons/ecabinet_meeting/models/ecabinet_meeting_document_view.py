# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcabinetMeetingDocumentView(models.Model):
    _name = "ecabinet.meeting.document.view"
    _description = "Document Opened by an Attendee"
    _order = "last_date desc"

    document_id = fields.Many2one(
        "ecabinet.meeting.document", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one("res.partner", required=True, index=True)
    first_date = fields.Datetime(string="First Opened", required=True)
    last_date = fields.Datetime(string="Last Opened", required=True)
    count = fields.Integer(default=1)

    _sql_constraints = [
        (
            "document_partner_uniq",
            "unique(document_id, partner_id)",
            "One line per document and person.",
        ),
    ]
