# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from odoo.addons.ecabinet_base.tools.api import public_method


class EcabinetMeetingStart(models.TransientModel):
    """Asks before a session starts, saying how many members are present and
    whether the quorum is reached (``ecabinet.meeting.action_start`` itself starts
    at once, for integrators)."""

    _name = "ecabinet.meeting.start"
    _description = "Start a Session"

    meeting_id = fields.Many2one(
        "ecabinet.meeting", string="Session", required=True, ondelete="cascade"
    )
    member_count = fields.Integer(related="meeting_id.member_count")
    present_count = fields.Integer(related="meeting_id.present_count")
    quorum_required = fields.Integer(related="meeting_id.quorum_required")
    quorum_reached = fields.Boolean(related="meeting_id.quorum_reached")
    summary = fields.Char(compute="_compute_summary")

    @api.depends("meeting_id")
    def _compute_summary(self):
        for wizard in self:
            meeting = wizard.meeting_id
            committee = meeting.committee_id
            values = {
                "present": meeting.present_count,
                "members": meeting.member_count,
                "required": meeting.quorum_required,
                "fraction": f"{committee.quorum_numerator}/"
                f"{committee.quorum_denominator}",
            }
            if meeting.quorum_reached:
                wizard.summary = self.env._(
                    "%(present)s of %(members)s members are present: the quorum "
                    "(%(required)s members, %(fraction)s of the members) is reached.",
                    **values,
                )
            else:
                wizard.summary = self.env._(
                    "%(present)s of %(members)s members are present: the quorum "
                    "(%(required)s members, %(fraction)s of the members) is not "
                    "reached.",
                    **values,
                )

    @public_method
    def action_start(self):
        self.meeting_id.action_start()
