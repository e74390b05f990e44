# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ecabinet_base.tools.api import public_method
from odoo.addons.ecabinet_base.tools.lang import in_ecabinet_lang

SESSION_TYPES = [
    ("regular", "Regular (thường kỳ)"),
    ("extraordinary", "Extraordinary (bất thường)"),
    ("thematic", "Thematic (chuyên đề)"),
]
STATES = [
    ("draft", "Draft"),
    ("agenda_approved", "Agenda Approved"),
    ("invited", "Invited"),
    ("in_progress", "In Progress"),
    ("closed", "Closed"),
    ("minutes_approved", "Minutes Approved"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("draft", "agenda_approved", "invited", "in_progress")
# Members send written comments on the items once the agenda is approved, until the
# session starts.
COMMENT_STATES = ("agenda_approved", "invited")
SECRETARIAT = "ecabinet_base.group_secretariat"
# What the secretariat prepares; the date and type are fixed once invited.
PREPARATION = (
    "name",
    "duration",
    "location",
    "room_id",
    "chair_id",
    "user_id",
    "agenda_item_ids",
    "attendee_ids",
    "document_ids",
)
RECORD = ("minutes", "conclusion_number", "conclusion_date")
# Roles that sit for the whole session and see every item.
FULL_ROLES = ("chair", "member", "secretariat")


class EcabinetMeeting(models.Model):
    _name = "ecabinet.meeting"
    _description = "Committee Session"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "ecabinet.notification.mixin",
        "ecabinet.state.lock.mixin",
    ]
    _order = "date_start desc, id desc"
    # A closed session's attendance, votes and agenda are locked; its minutes
    # until they are approved; a cancelled session until it is reopened.
    _state_lock_write = {
        "draft": {
            SECRETARIAT: (*PREPARATION, "committee_id", "session_type", "date_start")
        },
        "agenda_approved": {SECRETARIAT: (*PREPARATION, "session_type", "date_start")},
        "invited": {SECRETARIAT: PREPARATION},
        "in_progress": {SECRETARIAT: (*PREPARATION, *RECORD)},
        "closed": {SECRETARIAT: RECORD},
        "minutes_approved": {SECRETARIAT: ("conclusion_number", "conclusion_date")},
    }
    _state_lock_create = {"draft": (SECRETARIAT,)}
    _state_lock_unlink = {"draft": ("*",), "cancelled": ("*",)}

    name = fields.Char(required=True, tracking=True)
    committee_id = fields.Many2one(
        "ecabinet.committee", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(related="committee_id.company_id", store=True)
    session_type = fields.Selection(
        SESSION_TYPES, required=True, default="regular", tracking=True
    )
    state = fields.Selection(
        STATES, default="draft", required=True, tracking=True, copy=False, index=True
    )
    date_start = fields.Datetime(string="Start", required=True, tracking=True)
    duration = fields.Float(
        string="Planned Duration", default=4.0, help="Planned length in hours."
    )
    date_end = fields.Datetime(string="End", compute="_compute_date_end", store=True)
    location = fields.Char(help="Meeting room, or “online” with the link.")
    room_id = fields.Many2one(
        "resource.resource",
        domain=[("resource_type", "=", "material")],
        help="Meeting room booked for the session.",
    )
    chair_id = fields.Many2one(
        "res.partner",
        string="Chaired by",
        compute="_compute_chair_id",
        store=True,
        readonly=False,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        help="Secretariat officer preparing the session.",
    )
    agenda_item_ids = fields.One2many(
        "ecabinet.meeting.agenda.item", "meeting_id", string="Agenda"
    )
    attendee_ids = fields.One2many(
        "ecabinet.meeting.attendee", "meeting_id", string="Attendees"
    )
    document_ids = fields.One2many(
        "ecabinet.meeting.document", "meeting_id", string="Pack"
    )
    current_item_id = fields.Many2one("ecabinet.meeting.agenda.item", copy=False)
    pack_deadline = fields.Date(
        compute="_compute_pack_deadline",
        store=True,
        help="Last day to send the invitations and the pack, counted in working days "
        "before the session (committee settings).",
    )
    pack_sent_date = fields.Datetime(string="Pack Sent On", readonly=True, copy=False)
    pack_late = fields.Boolean(
        compute="_compute_pack_late",
        help="The pack was, or will be, sent after the legal lead time.",
    )
    actual_start = fields.Datetime(readonly=True, copy=False)
    actual_end = fields.Datetime(readonly=True, copy=False)
    minutes = fields.Html(copy=False, help="Minutes (biên bản) of the session.")
    conclusion_number = fields.Char(
        string="Conclusion Notice Number", copy=False, help="Số thông báo kết luận."
    )
    conclusion_date = fields.Date(string="Conclusion Notice Date", copy=False)
    # Live figures
    member_count = fields.Integer(
        compute="_compute_attendance", compute_sudo=True, string="Serving Members"
    )
    present_count = fields.Integer(
        compute="_compute_attendance", compute_sudo=True, string="Present"
    )
    quorum_required = fields.Integer(compute="_compute_attendance", compute_sudo=True)
    quorum_reached = fields.Boolean(compute="_compute_attendance", compute_sudo=True)
    # Statistics (stored for the pivot and graph views)
    planned_minutes = fields.Integer(
        compute="_compute_statistics", store=True, string="Planned (min)"
    )
    actual_minutes = fields.Integer(
        compute="_compute_statistics", store=True, string="Actual (min)"
    )
    attendance_rate = fields.Float(
        compute="_compute_statistics", store=True, aggregator="avg"
    )
    speaker_count = fields.Integer(compute="_compute_statistics", store=True)
    pages_saved = fields.Integer(
        compute="_compute_statistics",
        store=True,
        string="Pages Not Printed",
        help="Pages of the pack times the number of attendees: paper a paper "
        "session would have printed.",
    )

    def _ecabinet_notified_records(self):
        # invitations and reminders go to the attendees
        return super()._ecabinet_notified_records() + [self.attendee_ids]

    def _ecabinet_creation_message(self):
        return self.env._("Session created")

    @api.depends("date_start", "duration")
    def _compute_date_end(self):
        for meeting in self:
            meeting.date_end = meeting.date_start and meeting.date_start + timedelta(
                hours=meeting.duration
            )

    @api.depends("committee_id")
    def _compute_chair_id(self):
        for meeting in self:
            meeting.chair_id = meeting.chair_id or meeting.committee_id.chair_id

    @api.depends(
        "date_start",
        "session_type",
        "committee_id.calendar_id",
        "committee_id.lead_days_regular",
        "committee_id.lead_days_extraordinary",
        "committee_id.lead_days_thematic",
    )
    def _compute_pack_deadline(self):
        for meeting in self:
            if not (meeting.date_start and meeting.committee_id):
                meeting.pack_deadline = False
                continue
            lead = meeting.committee_id._lead_days(meeting.session_type)
            day = fields.Date.context_today(meeting, meeting.date_start)
            meeting.pack_deadline = (
                meeting.committee_id.calendar_id.ecabinet_add_working_days(day, -lead)
            )

    @api.depends("pack_deadline", "pack_sent_date", "state")
    def _compute_pack_late(self):
        today = fields.Date.context_today(self)
        for meeting in self:
            sent = meeting.pack_sent_date and fields.Date.context_today(
                meeting, meeting.pack_sent_date
            )
            meeting.pack_late = bool(
                meeting.pack_deadline
                and meeting.state != "cancelled"
                and (sent or today) > meeting.pack_deadline
            )

    @api.depends(
        "attendee_ids.attendance",
        "attendee_ids.role",
        "attendee_ids.is_member",
        "committee_id.quorum_numerator",
        "committee_id.quorum_denominator",
        "committee_id.quorum_counts_substitutes",
        "committee_id.quorum_counts_online",
    )
    def _compute_attendance(self):
        for meeting in self:
            committee = meeting.committee_id
            day = fields.Date.context_today(meeting, meeting.date_start)
            members = len(committee._members_at(day)) if committee else 0
            present = meeting._ecabinet_present_attendees()
            meeting.member_count = members
            meeting.present_count = len(present)
            meeting.quorum_required = committee and committee._quorum_required(members)
            meeting.quorum_reached = bool(members) and (
                len(present) >= meeting.quorum_required
            )

    def _ecabinet_present_attendees(self):
        """The attendees present (in the room, or online when the committee says
        so) who count for the quorum: members, and substitutes when the committee
        says so."""
        self.ensure_one()
        counts_substitutes = self.committee_id.quorum_counts_substitutes
        counted = (
            ("present", "online")
            if self.committee_id.quorum_counts_online
            else ("present",)
        )
        return self.attendee_ids.filtered(
            lambda a: (
                a.attendance in counted
                and (a.is_member or (a.role == "substitute" and counts_substitutes))
            )
        )

    @api.depends(
        "agenda_item_ids.planned_duration",
        "agenda_item_ids.actual_minutes",
        "agenda_item_ids.state",
        "attendee_ids.attendance",
        "attendee_ids.answer",
        "agenda_item_ids.speech_ids.state",
        "document_ids.page_count",
        "document_ids.withdrawn",
    )
    def _compute_statistics(self):
        for meeting in self:
            items = meeting.agenda_item_ids.filtered(lambda i: i.state != "withdrawn")
            meeting.planned_minutes = sum(items.mapped("planned_duration"))
            meeting.actual_minutes = sum(items.mapped("actual_minutes"))
            invited = meeting.attendee_ids.filtered(
                lambda a: a.role != "substitute" and a.answer != "substitute"
            )
            attended = meeting.attendee_ids.filtered(
                lambda a: a.attendance in ("present", "online")
            )
            meeting.attendance_rate = (
                100.0 * len(attended) / len(invited) if invited else 0.0
            )
            meeting.speaker_count = len(
                items.speech_ids.filtered(lambda s: s.state == "done").partner_id
            )
            pages = sum(
                meeting.document_ids.filtered(lambda d: not d.withdrawn).mapped(
                    "page_count"
                )
            )
            meeting.pages_saved = pages * len(meeting.attendee_ids)

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for meeting in self:
            meeting.access_url = f"/my/ecabinet/sessions/{meeting.id}"
        return result

    @api.constrains("duration")
    def _check_duration(self):
        if any(meeting.duration <= 0 for meeting in self):
            raise ValidationError(self.env._("A session lasts more than zero hours."))

    def _ecabinet_comments_open(self):
        """Written comments are accepted between the approval of the agenda and
        the start of the session."""
        self.ensure_one()
        return (
            self.state in COMMENT_STATES
            and bool(self.date_start)
            and self.date_start > fields.Datetime.now()
        )

    @api.model
    def _ecabinet_proposable_domain(self):
        """Sessions an agency may propose items to: upcoming drafts of the
        user's companies."""
        return [
            ("state", "=", "draft"),
            ("date_start", ">", fields.Datetime.now()),
            ("company_id", "in", self.env.user.company_ids.ids),
        ]

    # State machine --------------------------------------------------------------

    @public_method
    def action_approve_agenda(self):
        self._ecabinet_check_group(
            "ecabinet_base.group_chair", self.env._("approve the agenda of")
        )
        self._ecabinet_check_state(("draft",), self.env._("approve the agenda of"))
        for meeting in self:
            if not meeting.agenda_item_ids.filtered(lambda i: i.state == "planned"):
                raise UserError(
                    self.env._(
                        "“%(session)s” has no agenda item to approve.",
                        session=meeting.name,
                    )
                )
        self._ecabinet_transition({"state": "agenda_approved"})

    @public_method
    def action_send_invitations(self):
        self._ecabinet_check_group(
            "ecabinet_base.group_secretariat", self.env._("send the invitations of")
        )
        self._ecabinet_check_state(
            ("agenda_approved",), self.env._("send the invitations of")
        )
        now = fields.Datetime.now()
        for meeting in self.filtered(lambda m: m.date_start <= now):
            raise UserError(
                self.env._(
                    "“%(session)s” starts in the past: change its date before "
                    "sending the invitations.",
                    session=meeting.name,
                )
            )
        for meeting in self:
            if not meeting.attendee_ids:
                meeting.action_generate_attendees()
            meeting.attendee_ids._send_invitation()
            self.env.user._bus_send(
                "simple_notification",
                {
                    "type": "success",
                    "message": self.env._(
                        "The invitations to “%(session)s” and its pack were sent to "
                        "%(count)s attendees.",
                        session=meeting.name,
                        count=len(meeting.attendee_ids),
                    ),
                },
            )
        self._ecabinet_transition(
            {"state": "invited", "pack_sent_date": fields.Datetime.now()}
        )
        for meeting in self.filtered("pack_late"):
            meeting.message_post(
                body=self.env._(
                    "The pack was sent after the legal lead time (due on %(day)s).",
                    day=meeting.pack_deadline,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._schedule_reminders()

    @public_method
    def action_start(self):
        self._ecabinet_check_group(
            "ecabinet_base.group_secretariat", self.env._("start")
        )
        self._ecabinet_check_state(("invited",), self.env._("start"))
        self._ecabinet_transition(
            {"state": "in_progress", "actual_start": fields.Datetime.now()}
        )

    @public_method
    def action_close(self):
        self._ecabinet_check_group(
            "ecabinet_base.group_secretariat", self.env._("close")
        )
        self._ecabinet_check_state(("in_progress",), self.env._("close"))
        self.agenda_item_ids.filtered(
            lambda i: i.state == "in_progress"
        )._ecabinet_end()
        self._ecabinet_transition(
            {
                "state": "closed",
                "actual_end": fields.Datetime.now(),
                "current_item_id": False,
            }
        )

    @public_method
    def action_approve_minutes(self):
        self._ecabinet_check_group(
            "ecabinet_base.group_chair", self.env._("approve the minutes of")
        )
        self._ecabinet_check_state(("closed",), self.env._("approve the minutes of"))
        for meeting in self:
            if not meeting.minutes:
                raise UserError(
                    self.env._(
                        "Draft the minutes of “%(session)s” before approving them.",
                        session=meeting.name,
                    )
                )
        self._ecabinet_transition({"state": "minutes_approved"})

    @public_method
    def action_cancel(self):
        self._ecabinet_check_group(
            "ecabinet_base.group_secretariat", self.env._("cancel")
        )
        self._ecabinet_check_state(OPEN_STATES, self.env._("cancel"))
        invited = self.filtered(lambda m: m.state in ("invited", "in_progress"))
        self._ecabinet_transition({"state": "cancelled"})
        for meeting in invited:
            meeting._ecabinet_notify(
                "ecabinet_meeting.event_session_cancelled",
                meeting.attendee_ids.filtered(
                    lambda a: a.answer != "decline"
                ).partner_id,
                urgent=True,
            )

    @public_method
    def action_reset_to_draft(self):
        self._ecabinet_check_group(
            "ecabinet_base.group_secretariat", self.env._("reopen")
        )
        self._ecabinet_check_state(("cancelled",), self.env._("reopen"))
        self._ecabinet_transition({"state": "draft", "pack_sent_date": False})

    # Preparation ----------------------------------------------------------------

    @public_method
    def action_generate_attendees(self):
        """Invite the serving members, the secretariat and the presenters."""
        self._ecabinet_check_group(
            "ecabinet_base.group_secretariat", self.env._("invite the committee to")
        )
        for meeting in self:
            day = fields.Date.context_today(meeting, meeting.date_start)
            known = meeting.attendee_ids.partner_id
            vals = []
            for member in meeting.committee_id._members_at(day):
                role = "chair" if member.partner_id == meeting.chair_id else "member"
                if member.partner_id not in known:
                    vals.append(meeting._attendee_vals(member.partner_id, role))
                    known |= member.partner_id
            for user in meeting.committee_id.secretariat_user_ids:
                if user.partner_id not in known:
                    vals.append(meeting._attendee_vals(user.partner_id, "secretariat"))
                    known |= user.partner_id
            for item in meeting.agenda_item_ids.filtered(lambda i: i.presenter_id):
                if item.presenter_id not in known:
                    vals.append(
                        meeting._attendee_vals(
                            item.presenter_id, "presenter", item_ids=item.ids
                        )
                    )
                    known |= item.presenter_id
            self.env["ecabinet.meeting.attendee"].create(vals)

    def _attendee_vals(self, partner, role, **extra):
        self.ensure_one()
        vals = {"meeting_id": self.id, "partner_id": partner.id, "role": role}
        if extra.get("item_ids"):
            vals["item_ids"] = [fields.Command.set(extra["item_ids"])]
        return vals

    def _schedule_reminders(self):
        """Wake the reminder cron when the first reminders are due."""
        cron = self.env.ref("ecabinet_meeting.ir_cron_meeting_reminders")
        for meeting in self:
            cron._trigger(at=max(meeting._reminder_time(), fields.Datetime.now()))

    def _reminder_time(self):
        """Reminders go at 8:00 on the working day before the session."""
        self.ensure_one()
        calendar = self.committee_id.calendar_id
        session_day = fields.Date.context_today(self, self.date_start)
        day = calendar.ecabinet_add_working_days(session_day, -1)
        return calendar._ecabinet_utc(day, time(8, 0))

    @api.model
    @in_ecabinet_lang
    def _cron_send_reminders(self):
        """Remind those who have not answered and those who have not opened the
        pack, once, the working day before the session."""
        now = fields.Datetime.now()
        meetings = self.search([("state", "=", "invited"), ("date_start", ">", now)])
        for meeting in meetings.filtered(lambda m: m._reminder_time() <= now):
            attendees = meeting.attendee_ids.filtered(
                lambda a: a.answer != "decline" and a.role != "secretariat"
            )
            unanswered = attendees.filtered(lambda a: a.answer == "pending")
            unopened = (
                attendees.filtered(
                    lambda a: (
                        a.answer in ("attend", "pending") and not a.pack_opened_date
                    )
                )
                - unanswered
            )
            unanswered._ecabinet_notify(
                "ecabinet_meeting.event_reminder_answer",
                lambda a: a.partner_id,
                buttons=[("attend", "I will attend"), ("decline", "I cannot attend")],
            )
            unopened._ecabinet_notify(
                "ecabinet_meeting.event_reminder_pack", lambda a: a.partner_id
            )

    @api.model
    @in_ecabinet_lang
    def _cron_warn_pack_deadline(self):
        """Warn the secretariat when a pack will not go out in time."""
        today = fields.Date.context_today(self)
        soon = self.search(
            [
                ("state", "in", ("draft", "agenda_approved")),
                ("pack_deadline", "!=", False),
                ("pack_deadline", "<=", today + timedelta(days=7)),
            ]
        )
        for meeting in soon:
            calendar = meeting.committee_id.calendar_id
            left = calendar.ecabinet_working_days_between(today, meeting.pack_deadline)
            if left <= 1:
                meeting._warn_pack_deadline(left)

    def _warn_pack_deadline(self, left):
        self.ensure_one()
        users = self.user_id | self.committee_id.secretariat_user_ids
        summary = self.env._("Send the pack of “%(session)s”", session=self.name)
        existing = self.activity_ids.filtered(lambda a: a.summary == summary)
        if not existing:
            for user in users:
                self.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=self.pack_deadline,
                    summary=summary,
                    note=self.env._(
                        "The pack must go out by %(day)s (%(left)s working day(s) "
                        "left): approve the agenda and send the invitations.",
                        day=self.pack_deadline,
                        left=max(left, 0),
                    ),
                    user_id=user.id,
                )
        self._ecabinet_notify(
            "ecabinet_meeting.event_pack_deadline",
            users.partner_id,
            key=str(self.pack_deadline),
        )
