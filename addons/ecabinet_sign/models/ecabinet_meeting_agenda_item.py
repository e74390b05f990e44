# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

SECRETARIAT = "ecabinet_base.group_secretariat"


class EcabinetMeetingAgendaItem(models.Model):
    _inherit = "ecabinet.meeting.agenda.item"
    # Chosen while the session is prepared, or during it before a vote opens.
    _state_lock_write = {
        state: {SECRETARIAT: ("vote_signed_by_members",)}
        for state in ("draft", "agenda_approved", "invited", "in_progress")
    }

    vote_signed_by_members = fields.Boolean(
        string="Votes Signed by the Members",
        help="The open votes on this item are signed by the members: each "
        "member's vote is recorded only once signed with their own digital "
        "certificate. A secret vote is never signed.",
    )
