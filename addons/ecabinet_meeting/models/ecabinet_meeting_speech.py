# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ecabinet_base.tools.api import public_method

SECRETARIAT = "ecabinet_base.group_secretariat"
SPEECH_STATES = [
    ("requested", "Requested"),
    ("speaking", "Speaking"),
    ("done", "Done"),
    ("skipped", "Skipped"),
    ("cancelled", "Cancelled"),
]


class EcabinetMeetingSpeech(models.Model):
    """A request to speak (đăng ký phát biểu) on an item, called by the chair."""

    _name = "ecabinet.meeting.speech"
    _description = "Speaking Request"
    _inherit = ["ecabinet.state.lock.mixin"]
    _order = "item_id, requested_at, id"
    # Locked by the session: speeches are asked and called while it is live
    # (the chair's calls are the actions), then kept as its record.
    _state_lock_parent = "item_id.meeting_id"
    _state_lock_write = {
        state: {SECRETARIAT: ("item_id", "attendee_id", "topic", "requested_at")}
        for state in ("invited", "in_progress")
    }
    _state_lock_create = {"invited": (SECRETARIAT,), "in_progress": (SECRETARIAT,)}
    _state_lock_unlink = {"invited": (SECRETARIAT,), "in_progress": (SECRETARIAT,)}

    item_id = fields.Many2one(
        "ecabinet.meeting.agenda.item", required=True, ondelete="cascade", index=True
    )
    meeting_id = fields.Many2one(related="item_id.meeting_id", store=True, index=True)
    company_id = fields.Many2one(related="item_id.company_id", store=True)
    attendee_id = fields.Many2one(
        "ecabinet.meeting.attendee", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="attendee_id.partner_id", store=True)
    topic = fields.Char(help="What the member wants to say, in a few words.")
    state = fields.Selection(SPEECH_STATES, default="requested", required=True)
    requested_at = fields.Datetime(default=fields.Datetime.now, required=True)
    started_at = fields.Datetime(readonly=True)
    ended_at = fields.Datetime(readonly=True)
    seconds = fields.Integer(
        compute="_compute_seconds", store=True, string="Duration (s)"
    )

    @api.depends("started_at", "ended_at")
    def _compute_seconds(self):
        for speech in self:
            if speech.started_at and speech.ended_at:
                speech.seconds = int(
                    (speech.ended_at - speech.started_at).total_seconds()
                )
            else:
                speech.seconds = 0

    @api.constrains("item_id", "attendee_id")
    def _check_attendee_of_the_session(self):
        for speech in self:
            if speech.attendee_id.meeting_id != speech.item_id.meeting_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s does not attend the session of “%(item)s”.",
                        person=speech.attendee_id.partner_id.name,
                        item=speech.item_id.name,
                    )
                )

    @public_method
    def action_call(self):
        """The chair gives the floor; whoever was speaking on the item is done."""
        self._ecabinet_check_state(("requested",), self.env._("call"))
        for speech in self:
            if speech.item_id.state != "in_progress":
                raise UserError(
                    self.env._("Speakers are called on the item in progress only.")
                )
            speech.item_id.speech_ids.filtered(
                lambda s: s.state == "speaking"
            ).action_done()
            speech._ecabinet_transition(
                {"state": "speaking", "started_at": fields.Datetime.now()}
            )

    @public_method
    def action_done(self):
        self._ecabinet_check_state(("speaking",), self.env._("end"))
        self._ecabinet_transition({"state": "done", "ended_at": fields.Datetime.now()})

    @public_method
    def action_skip(self):
        self._ecabinet_check_state(("requested",), self.env._("skip"))
        self._ecabinet_transition({"state": "skipped"})

    @public_method
    def action_cancel(self):
        self._ecabinet_check_state(("requested",), self.env._("cancel"))
        self._ecabinet_transition({"state": "cancelled"})

    @public_method
    def action_cancel_request(self):
        """The person who asked to speak withdraws their request while it waits
        (the secretariat uses ``action_cancel``)."""
        self.check_access("read")
        if any(speech.partner_id != self.env.user.partner_id for speech in self):
            raise UserError(self.env._("This speaking request is not yours."))
        self.sudo().action_cancel()
        return True
