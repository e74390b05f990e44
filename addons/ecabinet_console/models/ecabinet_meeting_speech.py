# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class EcabinetMeetingSpeech(models.Model):
    _inherit = "ecabinet.meeting.speech"

    @api.model_create_multi
    def create(self, vals_list):
        speeches = super().create(vals_list)
        speeches.meeting_id._ecabinet_live_changed("speech")
        return speeches

    def write(self, vals):
        result = super().write(vals)
        if {"state", "kind", "limit_seconds"} & set(vals):
            self.meeting_id._ecabinet_live_changed("speech")
        return result
