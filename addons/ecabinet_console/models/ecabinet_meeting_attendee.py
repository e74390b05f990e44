# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class EcabinetMeetingAttendee(models.Model):
    _inherit = "ecabinet.meeting.attendee"

    @api.model_create_multi
    def create(self, vals_list):
        attendees = super().create(vals_list)
        attendees.meeting_id._ecabinet_live_changed("attendance")
        return attendees

    def write(self, vals):
        result = super().write(vals)
        if "attendance" in vals or "answer" in vals:
            self.meeting_id._ecabinet_live_changed("attendance")
        return result
