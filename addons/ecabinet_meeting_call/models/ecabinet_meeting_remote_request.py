# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.ecabinet_base.tools.api import public_method

SECRETARIAT = "ecabinet_base.group_secretariat"
REMOTE_STATES = [
    ("requested", "Requested"),
    ("admitted", "Admitted"),
    ("refused", "Refused"),
    ("left", "Left"),
]
# A request is open while it waits or while its member attends online.
OPEN_REMOTE_STATES = ("requested", "admitted")
# Sessions one may ask to attend online: invited (the day of the session) or
# in progress, as for the check-in.
REMOTE_MEETING_STATES = ("invited", "in_progress")


class EcabinetMeetingRemoteRequest(models.Model):
    """A person invited to a session asks to attend it online (from the tablet
    page); the secretariat admits them (they are checked in "online" and may join
    the session's call) or refuses; they leave when they hang up for good.

    requested -> admitted | refused | left; admitted -> left. Nothing is written
    by hand: the actions change the state and say who decided and when."""

    _name = "ecabinet.meeting.remote.request"
    _description = "Request to Attend a Session Online"
    _inherit = ["mail.thread", "ecabinet.state.lock.mixin"]
    _order = "meeting_id desc, id desc"
    _rec_name = "partner_id"
    _state_lock_write = {}
    _state_lock_create = {"requested": ("*",)}
    _state_lock_unlink = {}

    attendee_id = fields.Many2one(
        "ecabinet.meeting.attendee",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    meeting_id = fields.Many2one(
        related="attendee_id.meeting_id", store=True, index=True, string="Session"
    )
    company_id = fields.Many2one(related="attendee_id.company_id", store=True)
    partner_id = fields.Many2one(
        related="attendee_id.partner_id", store=True, index=True, string="Person"
    )
    reason = fields.Char(
        readonly=True, help="Why the person attends online, in a few words."
    )
    state = fields.Selection(
        REMOTE_STATES,
        default="requested",
        required=True,
        tracking=True,
        copy=False,
        index=True,
        readonly=True,
    )
    requested_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        default=lambda self: self.env.user,
        string="Requested by",
    )
    decided_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, string="Decided by"
    )
    decided_date = fields.Datetime(readonly=True, copy=False, string="Decided On")
    refusal_reason = fields.Char(readonly=True, copy=False)
    left_date = fields.Datetime(readonly=True, copy=False, string="Left On")

    def _ecabinet_creation_message(self):
        return self.env._("Asked to attend online")

    @api.model
    def _ecabinet_remote_managed(self):
        """The chair and the secretariat admit, refuse and record requests."""
        return self.env.su or self.env.user.has_group(SECRETARIAT)

    @api.model_create_multi
    def create(self, vals_list):
        env = self.env
        managed = self._ecabinet_remote_managed()
        Attendee = env["ecabinet.meeting.attendee"]
        for vals in vals_list:
            attendee = Attendee.browse(vals.get("attendee_id") or 0)
            if not managed:
                # one's own place in a session one may read
                attendee.check_access("read")
                if attendee.partner_id != env.user.partner_id:
                    raise AccessError(
                        env._("You can only ask to attend online in your own name.")
                    )
            vals["reason"] = (vals.get("reason") or "").strip() or False
            vals["requested_by_id"] = env.user.id
            for field in ("state", "decided_by_id", "decided_date", "refusal_reason"):
                vals.pop(field, None)
            vals.pop("left_date", None)
            self._ecabinet_check_requestable(attendee.sudo().exists())
        # Checked above (who, for whom, when): the tablet, RPC and imports alike.
        with self._ecabinet_unlocked():
            requests = super().create(vals_list)
        requests.meeting_id._ecabinet_live_changed("remote")
        return requests

    @api.model
    def _ecabinet_check_requestable(self, attendee):
        """Someone invited, with a login (the call needs one), not in the room nor
        online already, without a substitute in their place, asks once at a
        time, on the day of the session or during it."""
        env = self.env
        if not attendee:
            raise UserError(env._("Choose the person who attends online."))
        meeting = attendee.meeting_id
        if meeting.state not in REMOTE_MEETING_STATES:
            raise UserError(
                env._(
                    "“%(session)s” is not open: nobody can ask to attend it online.",
                    session=meeting.name,
                )
            )
        if not attendee.user_id:
            raise UserError(
                env._(
                    "%(person)s has no login: they cannot join the call.",
                    person=attendee.partner_id.name,
                )
            )
        if attendee.answer == "substitute":
            raise UserError(
                env._(
                    "%(person)s sends a substitute: the substitute attends instead.",
                    person=attendee.partner_id.name,
                )
            )
        if attendee.attendance in ("present", "online"):
            raise UserError(
                env._(
                    "%(person)s is already checked in.",
                    person=attendee.partner_id.name,
                )
            )
        if self.sudo().search_count(
            [("attendee_id", "=", attendee.id), ("state", "in", OPEN_REMOTE_STATES)]
        ):
            raise UserError(
                env._(
                    "%(person)s has already asked to attend online.",
                    person=attendee.partner_id.name,
                )
            )

    def _ecabinet_check_managed(self, action):
        if not self._ecabinet_remote_managed():
            raise AccessError(
                self.env._(
                    "Only the chair and the secretariat %(action)s a request to "
                    "attend online.",
                    action=action,
                )
            )
        self.check_access("read")

    @public_method
    def action_admit(self):
        """Admit the person: checked in as attending online, they may join the
        session's call."""
        self._ecabinet_check_managed(self.env._("admit"))
        self._ecabinet_check_state(("requested",), self.env._("admit"))
        for request in self:
            meeting = request.sudo().meeting_id
            if meeting.state not in REMOTE_MEETING_STATES:
                raise UserError(
                    self.env._(
                        "“%(session)s” is not open: nobody can be admitted.",
                        session=meeting.name,
                    )
                )
        # the check-in of the attendees' model: its rules and its trace
        self.sudo().attendee_id.action_check_in("online")
        self.sudo()._ecabinet_transition(
            {
                "state": "admitted",
                "decided_by_id": self.env.user.id,
                "decided_date": fields.Datetime.now(),
            }
        )
        self.sudo().meeting_id._ecabinet_ensure_call_channel()
        self.meeting_id._ecabinet_live_changed("remote")

    @public_method
    def action_refuse(self, reason=None):
        self._ecabinet_check_managed(self.env._("refuse"))
        self._ecabinet_check_state(("requested",), self.env._("refuse"))
        self.sudo()._ecabinet_transition(
            {
                "state": "refused",
                "decided_by_id": self.env.user.id,
                "decided_date": fields.Datetime.now(),
                "refusal_reason": (reason or "").strip() or False,
            }
        )
        self.meeting_id._ecabinet_live_changed("remote")

    @public_method
    def action_leave(self):
        """The person withdraws the request, or leaves the session they attended
        online (then checked in as absent, with the time they left)."""
        self._ecabinet_check_state(OPEN_REMOTE_STATES, self.env._("leave"))
        managed = self._ecabinet_remote_managed()
        for request in self:
            if not managed:
                request.check_access("read")
                if request.partner_id != self.env.user.partner_id:
                    raise AccessError(
                        self.env._("You can only leave a session in your own name.")
                    )
        now = fields.Datetime.now()
        admitted = self.filtered(lambda r: r.state == "admitted")
        for request in admitted.sudo():
            attendee = request.attendee_id
            if attendee.attendance == "online" and attendee.meeting_id.state in (
                REMOTE_MEETING_STATES
            ):
                attendee._ecabinet_transition(
                    {
                        "attendance": "absent",
                        "absence_reason": self.env._(
                            "Left the session attended online"
                        ),
                    }
                )
        self.sudo()._ecabinet_transition({"state": "left", "left_date": now})
        self.meeting_id._ecabinet_live_changed("remote")
