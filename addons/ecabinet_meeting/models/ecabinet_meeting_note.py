# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcabinetMeetingNote(models.Model):
    """A member's private annotation on a document: nobody else reads it, not even
    the administrators (global record rule on the owner)."""

    _name = "ecabinet.meeting.note"
    _description = "Private Note on a Document"
    _order = "write_date desc"

    document_id = fields.Many2one(
        "ecabinet.meeting.document", required=True, ondelete="cascade", index=True
    )
    meeting_id = fields.Many2one(related="document_id.meeting_id", store=True)
    user_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, index=True
    )
    page = fields.Integer()
    body = fields.Text(required=True)
