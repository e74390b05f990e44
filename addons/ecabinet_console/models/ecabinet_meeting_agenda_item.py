# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

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
    # The secretariat's notes for the minutes, during the session and after it
    # until the minutes are approved (merged into the session's state lock).
    _state_lock_write = {
        "in_progress": {"ecabinet_base.group_secretariat": ("minute_notes",)},
        "closed": {"ecabinet_base.group_secretariat": ("minute_notes",)},
    }

    minute_notes = fields.Text(
        string="Notes for the Minutes",
        help="The secretariat's notes for the minutes (biên bản) of this item.",
    )

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
