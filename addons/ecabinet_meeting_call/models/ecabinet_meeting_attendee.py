# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class EcabinetMeetingAttendee(models.Model):
    _inherit = "ecabinet.meeting.attendee"

    remote_request_ids = fields.One2many(
        "ecabinet.meeting.remote.request",
        "attendee_id",
        string="Requests to Attend Online",
    )

    @api.model_create_multi
    def create(self, vals_list):
        attendees = super().create(vals_list)
        # someone invited once the channel exists (a substitute) joins it
        meetings = attendees.meeting_id.sudo().filtered(
            lambda m: m.state in ("invited", "in_progress")
        )
        for meeting in meetings:
            if meeting._ecabinet_call_channel():
                meeting._ecabinet_ensure_call_channel()
        return attendees
