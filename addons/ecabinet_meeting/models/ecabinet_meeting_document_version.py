# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcabinetMeetingDocumentVersion(models.Model):
    _name = "ecabinet.meeting.document.version"
    _description = "Earlier Version of a Session Document"
    _inherit = ["ecabinet.meeting.original.mixin"]
    _order = "document_id, version desc"

    document_id = fields.Many2one(
        "ecabinet.meeting.document", required=True, ondelete="cascade", index=True
    )
    version = fields.Integer(required=True)
    datas = fields.Binary(string="File", attachment=True)
    filename = fields.Char()

    def _ecabinet_internal_documents(self):
        return self.sudo().document_id._ecabinet_internal_documents()
