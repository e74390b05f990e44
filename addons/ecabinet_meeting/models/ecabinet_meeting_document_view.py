# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# What a person does with a document's file: read it on screen, download it or
# print it (the route's ``?download=1`` and ``?print=1``).
FILE_PURPOSES = ("open", "download", "print")


class EcabinetMeetingDocumentView(models.Model):
    """Who opened, downloaded and printed which document, how often and when last:
    one line per document and person."""

    _name = "ecabinet.meeting.document.view"
    _description = "Document Opened by an Attendee"
    _order = "last_date desc nulls last, id desc"

    document_id = fields.Many2one(
        "ecabinet.meeting.document", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one("res.partner", required=True, index=True)
    # Empty on a line of a person who downloaded or printed without opening.
    first_date = fields.Datetime(string="First Opened")
    last_date = fields.Datetime(string="Last Opened")
    count = fields.Integer(string="Opened", default=1)
    download_count = fields.Integer(string="Downloaded")
    last_download_date = fields.Datetime(string="Last Downloaded")
    print_count = fields.Integer(string="Printed")
    last_print_date = fields.Datetime(string="Last Printed")

    _sql_constraints = [
        (
            "document_partner_uniq",
            "unique(document_id, partner_id)",
            "One line per document and person.",
        ),
    ]

    def _ecabinet_counted_vals(self, purpose, now):
        """The values that count one more ``purpose`` at ``now`` on this line (an
        empty recordset: on a new line). ``now`` may be earlier than the dates
        already there (an opening reported late by a device): the first and last
        dates stay the earliest and the latest."""
        if purpose == "open":
            return {
                "count": self.count + 1,
                "last_date": max(self.last_date or now, now),
                "first_date": min(self.first_date or now, now),
            }
        last = self[f"last_{purpose}_date"]
        return {
            f"{purpose}_count": self[f"{purpose}_count"] + 1,
            f"last_{purpose}_date": max(last or now, now),
        }
