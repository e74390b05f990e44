# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcabinetMeetingDocumentView(models.Model):
    _inherit = "ecabinet.meeting.document.view"

    offline_count = fields.Integer(
        string="Opened Offline",
        help="Openings made on a device without network, from its offline pack, "
        "reported at its next contact (included in Opened).",
    )
