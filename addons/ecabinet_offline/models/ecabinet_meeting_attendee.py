# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from odoo.addons.ecabinet_base.tools.api import public_method


class EcabinetMeetingAttendee(models.Model):
    _inherit = "ecabinet.meeting.attendee"

    @public_method
    def action_ecabinet_wipe_devices(self):
        """Withdraw the offline keys of these attendees on every device and sign
        them out there (a lost tablet); the attendee's chatter keeps the trace."""
        Device = self.env["ecabinet.offline.device"]
        self.check_access("write")
        Device._ecabinet_check_can_wipe()
        for attendee in self:
            count = attendee.partner_id.user_ids._ecabinet_offline_wipe()
            attendee.message_post(
                body=Device._ecabinet_wipe_message(attendee.partner_id, count)
            )
