# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class EcabinetMeetingRecusal(models.Model):
    _inherit = "ecabinet.meeting.recusal"

    @api.model_create_multi
    def create(self, vals_list):
        recusals = super().create(vals_list)
        recusals.meeting_id._ecabinet_live_changed("recusal")
        return recusals

    def write(self, vals):
        result = super().write(vals)
        if "state" in vals:
            self.meeting_id._ecabinet_live_changed("recusal")
        return result
