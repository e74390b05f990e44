# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

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
# Requests the chair takes before the queue, first the points of order, then the
# replies to a speaker (the rank orders the queue).
SPEECH_KINDS = [
    ("speech", "Speech"),
    ("point_of_order", "Point of Order"),
    ("reply", "Reply"),
]
KIND_RANK = {"point_of_order": 0, "reply": 1, "speech": 2}
# Seconds the chair adds when extending a speaker's time without saying how many.
EXTENSION = 60


class EcabinetMeetingSpeech(models.Model):
    """A request to speak (đăng ký phát biểu) on an item, called by the chair."""

    _name = "ecabinet.meeting.speech"
    _description = "Speaking Request"
    _inherit = ["ecabinet.state.lock.mixin"]
    _order = "item_id, rank, requested_at, id"
    # Locked by the session: speeches are asked and called while it is live
    # (the chair's calls are the actions), then kept as its record. Their times
    # (start, end, limit) change through the actions only; what is asked (kind,
    # topic, item, person) changes while the request waits (``write``).
    _state_lock_parent = "item_id.meeting_id"
    _state_lock_write = {
        state: {
            SECRETARIAT: ("item_id", "attendee_id", "topic", "requested_at", "kind")
        }
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
    kind = fields.Selection(
        SPEECH_KINDS,
        default="speech",
        required=True,
        help="A point of order or a reply to a speaker is taken before the queue.",
    )
    rank = fields.Integer(compute="_compute_rank", store=True)
    state = fields.Selection(SPEECH_STATES, default="requested", required=True)
    requested_at = fields.Datetime(default=fields.Datetime.now, required=True)
    started_at = fields.Datetime(readonly=True)
    ended_at = fields.Datetime(readonly=True)
    limit_seconds = fields.Integer(
        string="Time Given (s)",
        readonly=True,
        help="Seconds the speaker was given when called (the item's or the "
        "committee's), with the chair's extensions; 0: no limit.",
    )
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

    @api.depends("kind")
    def _compute_rank(self):
        for speech in self:
            speech.rank = KIND_RANK.get(speech.kind, KIND_RANK["speech"])

    def write(self, vals):
        """What was asked changes while the request waits: once the speaker has
        had the floor, the kind, the person and the item are the record's."""
        asked = {"item_id", "attendee_id", "kind", "requested_at"} & set(vals)
        if asked and not self._ecabinet_lock_is_unlocked():
            for speech in self:
                if speech.state != "requested":
                    raise UserError(
                        self.env._(
                            "%(person)s has had the floor: the request cannot "
                            "be changed.",
                            person=speech.partner_id.name,
                        )
                    )
        return super().write(vals)

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
            now = fields.Datetime.now()
            limit = speech.item_id._ecabinet_speaking_limit()
            speech._ecabinet_transition(
                {"state": "speaking", "started_at": now, "limit_seconds": limit}
            )
            if limit and speech.meeting_id.committee_id.sudo().speaking_auto_stop:
                # the server's own clock ends the speech if no console asks first
                self.env.ref("ecabinet_meeting.ir_cron_speech_time_up").sudo()._trigger(
                    at=now + timedelta(seconds=limit)
                )

    @public_method
    def action_done(self):
        self._ecabinet_check_state(("speaking",), self.env._("end"))
        self._ecabinet_transition({"state": "done", "ended_at": fields.Datetime.now()})

    @public_method
    def action_extend(self, seconds=EXTENSION):
        """The chair gives the speaker ``seconds`` more (counted from now when
        the time is already up or was not limited)."""
        self._ecabinet_check_state(("speaking",), self.env._("extend"))
        if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds <= 0:
            raise UserError(self.env._("Give the speaker a number of seconds."))
        now = fields.Datetime.now()
        for speech in self:
            elapsed = int((now - speech.started_at).total_seconds())
            limit = max(speech.limit_seconds, elapsed) if speech.limit_seconds else 0
            speech._ecabinet_transition({"limit_seconds": (limit or elapsed) + seconds})
        return True

    def _ecabinet_time_up(self, now=None):
        """The speeches among these whose limited time is up at ``now``."""
        now = now or fields.Datetime.now()
        return self.filtered(
            lambda s: (
                s.state == "speaking"
                and s.limit_seconds
                and s.started_at + timedelta(seconds=s.limit_seconds) <= now
            )
        )

    def _ecabinet_stop_time_up(self):
        """End, at their limit, the speeches among these whose time is up, in
        the sessions whose committee stops speakers by itself. Returns them."""
        speeches = (
            self.sudo()
            ._ecabinet_time_up()
            .filtered(lambda s: s.meeting_id.committee_id.speaking_auto_stop)
        )
        for speech in speeches:
            speech._ecabinet_transition(
                {
                    "state": "done",
                    "ended_at": speech.started_at
                    + timedelta(seconds=speech.limit_seconds),
                }
            )
        return speeches

    @api.model
    def _cron_stop_time_up(self):
        self.search(
            [("state", "=", "speaking"), ("limit_seconds", ">", 0)]
        )._ecabinet_stop_time_up()

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
