# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.ecabinet_base.tools.api import public_method


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

    @public_method
    def action_check_in_substitute(self, name):
        """At the door: ``name`` attends in this member's place (người dự thay),
        checked in as present. Returns the substitute's attendee id."""
        self.ensure_one()
        if not self.env.user.has_group("ecabinet_base.group_secretariat"):
            raise AccessError(
                self.env._("Only the secretariat checks people in at the door.")
            )
        meeting = self.meeting_id
        if meeting.state not in ("invited", "in_progress"):
            raise UserError(
                self.env._(
                    "Check-in is possible only on the day of “%(session)s”.",
                    session=meeting.name,
                )
            )
        if self.role == "substitute":
            raise UserError(self.env._("A substitute cannot send a substitute."))
        if self.substitute_id:
            raise UserError(
                self.env._(
                    "%(substitute)s already attends in %(person)s's place: check "
                    "them in.",
                    substitute=self.substitute_id.partner_id.name,
                    person=self.partner_id.name,
                )
            )
        name = (name or "").strip()
        if not name:
            raise UserError(
                self.env._("Give the name of the person who attends in this place.")
            )
        partner = self.env["res.partner"].sudo().create({"name": name})
        with self._ecabinet_unlocked():
            substitute = self.create(
                {
                    "meeting_id": meeting.id,
                    "partner_id": partner.id,
                    "role": "substitute",
                    "substitute_for_id": self.id,
                    "item_ids": [Command.set(self.item_ids.ids)],
                }
            )
        substitute.action_check_in("present")
        self._ecabinet_transition(
            {
                "answer": "substitute",
                "answer_date": fields.Datetime.now(),
                "substitute_id": substitute.id,
            }
        )
        return substitute.id
