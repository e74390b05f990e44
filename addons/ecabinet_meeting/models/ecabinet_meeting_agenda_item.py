# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SECRETARIAT = "ecabinet_base.group_secretariat"
ITEM_PREPARATION = (
    "meeting_id",
    "sequence",
    "name",
    "description",
    "agency_id",
    "presenter_id",
    "planned_duration",
    "document_ids",
    "invitee_ids",
    "conclusion",
)
ITEM_STATES = [
    ("proposed", "Proposed"),
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("withdrawn", "Withdrawn"),
]


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
        "in_progress": {SECRETARIAT: ITEM_PREPARATION[1:]},
        "closed": {SECRETARIAT: ("conclusion",)},
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
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    @api.depends("actual_start", "actual_end")
    def _compute_actual_minutes(self):
        for item in self:
            if item.actual_start and item.actual_end:
                delta = item.actual_end - item.actual_start
                item.actual_minutes = round(delta.total_seconds() / 60)
            else:
                item.actual_minutes = 0

    @api.constrains("planned_duration")
    def _check_planned_duration(self):
        if any(item.planned_duration < 0 for item in self):
            raise ValidationError(self.env._("A planned duration cannot be negative."))

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

    def action_accept(self):
        """The secretariat puts an agency's proposal on the agenda."""
        self._check_item_state(("proposed",), self.env._("accept"))
        self._ecabinet_transition({"state": "planned"})

    def action_withdraw(self):
        self._check_item_state(("proposed", "planned"), self.env._("withdraw"))
        self._ecabinet_transition({"state": "withdrawn"})
        self.document_ids.filtered(
            lambda d: not (d.item_ids - self).filtered(lambda i: i.state != "withdrawn")
        )._ecabinet_transition({"withdrawn": True})

    def _check_chair(self):
        """Only the chair moves through the agenda (DOMAIN.md: "the chair moves
        through agenda items"); administrators imply the chair's group."""
        if not self.env.user.has_group("ecabinet_base.group_chair"):
            raise UserError(self.env._("Only the chair starts and ends agenda items."))

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
