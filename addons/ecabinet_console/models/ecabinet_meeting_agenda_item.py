# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# Field written -> what the screens are told changed.
LIVE_FIELDS = {
    "state": "item",
    "planned_duration": "item",
    "name": "item",
    "conclusion": "conclusion",
    "minute_notes": "conclusion",
}


class EcabinetMeetingAgendaItem(models.Model):
    _inherit = "ecabinet.meeting.agenda.item"

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items.meeting_id._ecabinet_live_changed("item")
        return items

    def write(self, vals):
        result = super().write(vals)
        changes = {change for field, change in LIVE_FIELDS.items() if field in vals}
        if changes:
            self.meeting_id._ecabinet_live_changed(*changes)
        return result
