# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.ecabinet_base.models.ecabinet_confidential_mixin import (
    STATE_SECRET_LEVELS,
)
from odoo.addons.ecabinet_base.tools.api import public_method

# What an agency's officer gives when proposing an item; the rest is the
# secretariat's.
PROPOSAL_FIELDS = {
    "meeting_id",
    "name",
    "description",
    "planned_duration",
    "agency_id",
    "state",
    "submitted_by_id",
}
SECRETARIAT = "ecabinet_base.group_secretariat"
ITEM_PREPARATION = (
    "meeting_id",
    "sequence",
    "name",
    "description",
    "agency_id",
    "presenter_id",
    "planned_duration",
    "speaking_limit",
    "document_ids",
    "invitee_ids",
    "conclusion",
)
# The secretariat's notes for the minutes: during the session and after it until
# the minutes are approved.
ITEM_MINUTES = ("conclusion", "minute_notes")
ITEM_STATES = [
    ("proposed", "Proposed"),
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("withdrawn", "Withdrawn"),
]
# The items of a session's agenda that its screens show (not proposed, not withdrawn).
SHOWN_ITEM_STATES = ("planned", "in_progress", "done")


class EcabinetMeetingAgendaItem(models.Model):
    _name = "ecabinet.meeting.agenda.item"
    _description = "Agenda Item"
    _inherit = ["mail.thread", "ecabinet.state.lock.mixin"]
    _order = "meeting_id, sequence, id"
    # Locked by the session; the item's own state moves through its actions.
    _state_lock_parent = "meeting_id"
    _state_lock_write = {
        "draft": {SECRETARIAT: ITEM_PREPARATION},
        "agenda_approved": {SECRETARIAT: ITEM_PREPARATION},
        "invited": {SECRETARIAT: ITEM_PREPARATION},
        "in_progress": {SECRETARIAT: (*ITEM_PREPARATION[1:], "minute_notes")},
        "closed": {SECRETARIAT: ITEM_MINUTES},
    }
    _state_lock_create = {
        "draft": (SECRETARIAT,),
        "agenda_approved": (SECRETARIAT,),
        "invited": (SECRETARIAT,),
    }
    _state_lock_unlink = {"draft": (SECRETARIAT,), "agenda_approved": (SECRETARIAT,)}

    meeting_id = fields.Many2one(
        "ecabinet.meeting", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    committee_id = fields.Many2one(related="meeting_id.committee_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Subject", required=True, tracking=True)
    description = fields.Html()
    state = fields.Selection(
        ITEM_STATES, default="planned", required=True, tracking=True
    )
    agency_id = fields.Many2one(
        "res.partner",
        string="Presenting Agency",
        domain=[("is_ecabinet_agency", "=", True)],
        index=True,
    )
    presenter_id = fields.Many2one("res.partner")
    planned_duration = fields.Integer(string="Planned (min)", default=30)
    speaking_limit = fields.Integer(
        string="Speaking Time (s)",
        help="Seconds a speaker has the floor on this item; 0: the committee's "
        "time for the session's type.",
    )
    actual_start = fields.Datetime(readonly=True, copy=False)
    actual_end = fields.Datetime(readonly=True, copy=False)
    actual_minutes = fields.Integer(
        compute="_compute_actual_minutes", store=True, string="Actual (min)"
    )
    document_ids = fields.Many2many(
        "ecabinet.meeting.document",
        "ecabinet_meeting_document_item_rel",
        "item_id",
        "document_id",
        string="Documents",
    )
    invitee_ids = fields.Many2many(
        "ecabinet.meeting.attendee",
        "ecabinet_meeting_attendee_item_rel",
        "item_id",
        "attendee_id",
        string="Invited for this item",
    )
    speech_ids = fields.One2many(
        "ecabinet.meeting.speech", "item_id", string="Speakers"
    )
    comment_ids = fields.One2many(
        "ecabinet.meeting.comment", "item_id", string="Written Comments"
    )
    # Not tracked: Odoo 18 cannot track HTML fields (writing one would fail).
    conclusion = fields.Html(help="Conclusion recorded by the secretariat.")
    minute_notes = fields.Text(
        string="Notes for the Minutes",
        help="The secretariat's notes for the minutes (biên bản) of this item.",
    )
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    recusal_ids = fields.One2many(
        "ecabinet.meeting.recusal", "item_id", string="Recusals", readonly=True
    )
    recused_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_quorum",
        compute_sudo=True,
        string="Recused Members",
        help="Members out of this item for a conflict of interest: out of its "
        "quorum base and its vote.",
    )
    quorum_member_count = fields.Integer(
        compute="_compute_quorum",
        compute_sudo=True,
        string="Members (this item)",
        help="The session's serving members, less those recused from this item.",
    )
    quorum_present_count = fields.Integer(
        compute="_compute_quorum", compute_sudo=True, string="Present (this item)"
    )
    quorum_required = fields.Integer(compute="_compute_quorum", compute_sudo=True)
    quorum_reached = fields.Boolean(compute="_compute_quorum", compute_sudo=True)

    def _ecabinet_creation_message(self):
        return self.env._("Agenda item created")

    @api.model_create_multi
    def create(self, vals_list):
        if self._ecabinet_agenda_managed():
            return super().create(vals_list)
        for vals in vals_list:
            self._ecabinet_check_proposal(vals)
        # An agency's proposal, checked above (its own agency, an upcoming draft
        # session, the proposal's fields): the portal, RPC and imports alike. The
        # session's state lock (the secretariat's agenda) has nothing more to say.
        with self._ecabinet_unlocked():
            return super().create(vals_list)

    @api.model
    def _ecabinet_agenda_managed(self):
        return self.env.su or self.env.user.has_group("ecabinet_base.group_secretariat")

    @api.model
    def _ecabinet_check_proposal(self, vals):
        """An agency's officer proposes an item of their own agency to an upcoming
        draft session (the portal, RPC and imports alike); ``vals`` is completed
        with the agency, the state and the officer."""
        env = self.env
        agency = env.user._ecabinet_agency()
        if not agency:
            raise AccessError(
                env._("Only the officers of a government agency can propose items.")
            )
        extra = set(vals) - PROPOSAL_FIELDS
        if extra or vals.get("state", "proposed") != "proposed":
            raise AccessError(
                env._(
                    "An agency proposes an item with its subject, description and "
                    "planned duration; the secretariat sets the rest."
                )
            )
        if (
            vals.get("agency_id", agency.id) != agency.id
            or vals.get("submitted_by_id", env.user.id) != env.user.id
        ):
            raise AccessError(env._("An agency proposes items on its own behalf."))
        meeting = (
            env["ecabinet.meeting"]
            .sudo()
            .search(
                [
                    ("id", "=", vals.get("meeting_id") or 0),
                    *env["ecabinet.meeting"]._ecabinet_proposable_domain(),
                ]
            )
        )
        if not meeting or not (vals.get("name") or "").strip():
            raise UserError(env._("Choose a session and give the item a subject."))
        vals.update(
            name=vals["name"].strip(),
            state="proposed",
            agency_id=agency.id,
            submitted_by_id=env.user.id,
        )

    @api.model
    def _ecabinet_propose(self, meeting_id, name, planned_duration, level, files):
        """An agency's proposal with its documents, created as the officer:
        ``files`` are ``(filename, content)`` pairs. A state secret is recorded
        without content when no file is given (title, level, holder)."""
        item = self.create(
            {
                "meeting_id": meeting_id,
                "name": name,
                "planned_duration": planned_duration,
            }
        )
        common = {
            "meeting_id": item.meeting_id.id,
            "confidentiality": level,
            "item_ids": [fields.Command.link(item.id)],
        }
        vals_list = [
            {
                **common,
                "name": filename,
                "filename": filename,
                "datas": base64.b64encode(content),
            }
            for filename, content in files
        ]
        if not vals_list and level in STATE_SECRET_LEVELS:
            vals_list.append({**common, "name": item.name})
        self.env["ecabinet.meeting.document"].create(vals_list)
        return item

    @api.depends("actual_start", "actual_end")
    def _compute_actual_minutes(self):
        for item in self:
            if item.actual_start and item.actual_end:
                delta = item.actual_end - item.actual_start
                item.actual_minutes = round(delta.total_seconds() / 60)
            else:
                item.actual_minutes = 0

    @api.depends(
        "recusal_ids.state",
        "recusal_ids.partner_id",
        "meeting_id.present_count",
        "meeting_id.member_count",
    )
    def _compute_quorum(self):
        """The session's quorum, on the members not recused from the item: a
        recused member counts neither among the members nor among those present
        (nor does their substitute)."""
        for item in self:
            meeting = item.meeting_id
            committee = meeting.committee_id
            recused = item.recusal_ids.filtered(
                lambda r: r.state == "declared"
            ).partner_id
            item.recused_partner_ids = recused
            if not recused:  # the session's figures (already computed)
                item.quorum_member_count = meeting.member_count
                item.quorum_present_count = meeting.present_count
                item.quorum_required = meeting.quorum_required
                item.quorum_reached = meeting.quorum_reached
                continue
            present = meeting._ecabinet_present_attendees().filtered(
                lambda a, recused=recused: (
                    a.partner_id not in recused
                    and a.substitute_for_id.partner_id not in recused
                )
            )
            members = meeting.member_count
            if recused and committee and meeting.date_start:
                day = fields.Date.context_today(meeting, meeting.date_start)
                members -= len(recused & committee._members_at(day).partner_id)
            item.quorum_member_count = members
            item.quorum_present_count = len(present)
            item.quorum_required = committee and committee._quorum_required(members)
            item.quorum_reached = bool(members) and (
                len(present) >= item.quorum_required
            )

    @api.constrains("planned_duration")
    def _check_planned_duration(self):
        if any(item.planned_duration < 0 for item in self):
            raise ValidationError(self.env._("A planned duration cannot be negative."))

    @api.constrains("speaking_limit")
    def _check_speaking_limit(self):
        if any(item.speaking_limit < 0 for item in self):
            raise ValidationError(
                self.env._("Speaking times and their warning are not negative.")
            )

    def _ecabinet_speaking_limit(self):
        """Seconds a speaker has on this item: the item's own time, else the
        committee's for the session's type (0: no limit)."""
        self.ensure_one()
        item = self.sudo()
        return item.speaking_limit or item.meeting_id.committee_id._speaking_limit(
            item.meeting_id.session_type
        )

    def _check_item_state(self, allowed, action):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for item in self:
            if item.state not in allowed:
                raise UserError(
                    self.env._(
                        "Item “%(item)s” is %(state)s: you cannot %(action)s it.",
                        item=item.name,
                        state=labels[item.state].lower(),
                        action=action,
                    )
                )

    @public_method
    def action_accept(self):
        """The secretariat puts an agency's proposal on the agenda."""
        self._check_item_state(("proposed",), self.env._("accept"))
        self._ecabinet_transition({"state": "planned"})

    @public_method
    def action_withdraw(self):
        self._check_item_state(("proposed", "planned"), self.env._("withdraw"))
        self._ecabinet_transition({"state": "withdrawn"})
        self.document_ids.filtered(
            lambda d: not (d.item_ids - self).filtered(lambda i: i.state != "withdrawn")
        )._ecabinet_transition({"withdrawn": True})

    @public_method
    def action_request_to_speak(self, topic=None, kind="speech"):
        """The signed-in person asks to speak on this item (đăng ký phát biểu):
        they attend the session, may read the item, the session is in progress
        and the item still to be discussed. A point of order or a reply (taken
        before the queue) is asked on the item being discussed only. One request
        of a person waits at a time. Returns the request's id."""
        self.ensure_one()
        env = self.env
        self.check_access("read")
        kinds = dict(env["ecabinet.meeting.speech"]._fields["kind"].selection)
        if kind not in kinds:
            raise UserError(env._("Ask for a speech, a point of order or a reply."))
        if kind != "speech" and self.sudo().state != "in_progress":
            raise UserError(
                env._(
                    "A point of order or a reply is asked on the item being discussed."
                )
            )
        item = self.sudo()
        attendee = (
            env["ecabinet.meeting.attendee"]
            .sudo()
            .search(
                [
                    ("meeting_id", "=", item.meeting_id.id),
                    ("partner_id", "=", env.user.partner_id.id),
                ],
                limit=1,
            )
        )
        if not attendee._ecabinet_attends():
            raise UserError(env._("Only those who attend the session may speak."))
        if item.meeting_id.state != "in_progress" or item.state not in (
            "planned",
            "in_progress",
        ):
            raise UserError(
                env._(
                    "You can ask to speak on the items still to be discussed "
                    "while the session is in progress."
                )
            )
        Speech = env["ecabinet.meeting.speech"].sudo()
        if Speech.search_count(
            [
                ("item_id", "=", item.id),
                ("attendee_id", "=", attendee.id),
                ("state", "in", ("requested", "speaking")),
            ]
        ):
            raise UserError(env._("You are already in the queue for this item."))
        speech = Speech.create(
            {
                "item_id": item.id,
                "attendee_id": attendee.id,
                "topic": (topic or "").strip() or False,
                "kind": kind,
            }
        )
        return speech.id

    def _check_chair(self):
        """Only the chair moves through the agenda (docs/domain.md: "the chair moves
        through agenda items"); administrators imply the chair's group."""
        if not self.env.user.has_group("ecabinet_base.group_chair"):
            raise UserError(self.env._("Only the chair starts and ends agenda items."))

    @public_method
    def action_start(self):
        """Move the session to this item; the item in progress ends."""
        self._check_chair()
        self._check_item_state(("planned",), self.env._("start"))
        for item in self:
            if item.meeting_id.state != "in_progress":
                raise UserError(self.env._("Start the session before its first item."))
            item.meeting_id.agenda_item_ids.filtered(
                lambda i: i.state == "in_progress"
            )._ecabinet_end()
            item._ecabinet_transition(
                {"state": "in_progress", "actual_start": fields.Datetime.now()}
            )
            item.meeting_id._ecabinet_transition({"current_item_id": item.id})

    @public_method
    def action_end(self):
        self._check_chair()
        self._ecabinet_end()

    def _ecabinet_end(self):
        """End the items without the chair's check: also used when the session
        is closed (by the secretariat or the chair)."""
        self._check_item_state(("in_progress",), self.env._("end"))
        self.speech_ids.filtered(lambda s: s.state == "speaking").action_done()
        self._ecabinet_transition(
            {"state": "done", "actual_end": fields.Datetime.now()}
        )
        self.meeting_id.filtered(
            lambda m: m.current_item_id in self
        )._ecabinet_transition({"current_item_id": False})
