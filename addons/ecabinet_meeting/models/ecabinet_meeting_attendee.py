# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.ecabinet_base.tools.api import public_method
from odoo.addons.ecabinet_base.tools.lang import ecabinet_lang

from .ecabinet_meeting import FULL_ROLES

SECRETARIAT = "ecabinet_base.group_secretariat"
# What the secretariat edits in the attendees' list before and during the
# session; answers and check-in are the actions'. A closed session's
# attendance is locked.
ATTENDEE_PREPARATION = (
    "meeting_id",
    "partner_id",
    "role",
    "item_ids",
    "answer",
    "decline_reason",
)
ATTENDEE_LIVE = ("item_ids", "attendance", "absence_reason", "decline_reason")
ROLES = [
    ("chair", "Chair"),
    ("member", "Member"),
    ("secretariat", "Secretariat"),
    ("presenter", "Presenting Agency"),
    ("invitee", "Invitee"),
    ("substitute", "Substitute"),
]
ANSWERS = [
    ("pending", "No Answer Yet"),
    ("attend", "Attends"),
    ("decline", "Declined"),
    ("substitute", "Sends a Substitute"),
]
ATTENDANCE = [
    ("unknown", "Not Checked In"),
    ("present", "Present"),
    ("online", "Online"),
    ("absent", "Absent"),
]


class EcabinetMeetingAttendee(models.Model):
    _name = "ecabinet.meeting.attendee"
    _description = "Session Attendee"
    _inherit = [
        "mail.thread",
        "ecabinet.notification.mixin",
        "ecabinet.state.lock.mixin",
    ]
    _order = "meeting_id, role_sequence, id"
    _rec_name = "partner_id"
    _state_lock_parent = "meeting_id"
    _state_lock_write = {
        "draft": {SECRETARIAT: ATTENDEE_PREPARATION},
        "agenda_approved": {SECRETARIAT: ATTENDEE_PREPARATION},
        "invited": {SECRETARIAT: (*ATTENDEE_PREPARATION, *ATTENDEE_LIVE)},
        "in_progress": {SECRETARIAT: ATTENDEE_LIVE},
    }
    _state_lock_create = {
        "draft": (SECRETARIAT,),
        "agenda_approved": (SECRETARIAT,),
        "invited": (SECRETARIAT,),
        "in_progress": (SECRETARIAT,),
    }
    _state_lock_unlink = {
        "draft": (SECRETARIAT,),
        "agenda_approved": (SECRETARIAT,),
        "invited": (SECRETARIAT,),
    }

    meeting_id = fields.Many2one(
        "ecabinet.meeting", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    partner_id = fields.Many2one("res.partner", required=True, index=True)
    user_id = fields.Many2one(
        "res.users", compute="_compute_user_id", string="Login", compute_sudo=True
    )
    role = fields.Selection(ROLES, required=True, default="member")
    role_sequence = fields.Integer(compute="_compute_role", store=True, recursive=True)
    sees_all_items = fields.Boolean(
        compute="_compute_role",
        store=True,
        recursive=True,
        help="Chair, members, the secretariat and their substitutes see every item; "
        "invitees and presenters only their own.",
    )
    is_member = fields.Boolean(
        compute="_compute_is_member",
        store=True,
        help="Serving member of the committee on the day of the session.",
    )
    item_ids = fields.Many2many(
        "ecabinet.meeting.agenda.item",
        "ecabinet_meeting_attendee_item_rel",
        "attendee_id",
        "item_id",
        string="Items",
        help="For invitees and presenters: the items they attend.",
    )
    answer = fields.Selection(ANSWERS, default="pending", required=True, tracking=True)
    answer_date = fields.Datetime(readonly=True, copy=False)
    decline_reason = fields.Text(tracking=True)
    substitute_id = fields.Many2one(
        "ecabinet.meeting.attendee", readonly=True, copy=False
    )
    substitute_for_id = fields.Many2one(
        "ecabinet.meeting.attendee",
        string="Attends for",
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    access_token = fields.Char(
        default=lambda self: secrets.token_urlsafe(24),
        copy=False,
        groups="base.group_system",
    )
    invitation_sent_date = fields.Datetime(readonly=True, copy=False)
    pack_opened_date = fields.Datetime(
        string="Pack Opened On", readonly=True, copy=False
    )
    attendance = fields.Selection(
        ATTENDANCE, default="unknown", required=True, tracking=True
    )
    absence_reason = fields.Char()
    check_in_date = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        (
            "meeting_partner_uniq",
            "unique(meeting_id, partner_id)",
            "This person is already invited to the session.",
        ),
    ]

    def _ecabinet_creation_message(self):
        return self.env._("Attendee added")

    def _compute_user_id(self):
        for attendee in self:
            attendee.user_id = attendee.partner_id.with_context(
                active_test=False
            ).user_ids[:1]

    @api.depends("role", "substitute_for_id.sees_all_items")
    def _compute_role(self):
        order = {key: n for n, (key, _label) in enumerate(ROLES)}
        for attendee in self:
            attendee.role_sequence = order[attendee.role]
            attendee.sees_all_items = attendee.role in FULL_ROLES or (
                attendee.role == "substitute"
                and attendee.substitute_for_id.sees_all_items
            )

    @api.depends("partner_id", "meeting_id.committee_id", "meeting_id.date_start")
    def _compute_is_member(self):
        for attendee in self:
            meeting = attendee.meeting_id
            attendee.is_member = bool(
                meeting.committee_id
                and meeting.date_start
                and meeting.committee_id._is_member(
                    attendee.partner_id,
                    fields.Date.context_today(attendee, meeting.date_start),
                )
            )

    def _ecabinet_attends(self):
        """Whether this person attends the session (neither declined, replaced nor
        checked in as absent); False for an empty recordset."""
        return bool(self) and all(
            attendee.answer not in ("decline", "substitute")
            and attendee.attendance != "absent"
            for attendee in self
        )

    # Answers ----------------------------------------------------------------------

    def _check_can_answer(self):
        for attendee in self:
            if attendee.meeting_id.state not in ("invited", "agenda_approved"):
                raise UserError(
                    self.env._(
                        "Answers to “%(session)s” are closed.",
                        session=attendee.meeting_id.name,
                    )
                )

    @public_method
    def action_attend(self):
        self._check_can_answer()
        self._drop_substitute()
        self._ecabinet_transition(
            {
                "answer": "attend",
                "answer_date": fields.Datetime.now(),
                "decline_reason": False,
            }
        )

    @public_method
    def action_decline(self, reason=None):
        self._check_can_answer()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason why you cannot attend."))
        self._drop_substitute()
        self._ecabinet_transition(
            {
                "answer": "decline",
                "answer_date": fields.Datetime.now(),
                "decline_reason": reason,
            }
        )

    @public_method(partner="res.partner")
    def action_send_substitute(self, partner, reason=None):
        """Send ``partner`` in one's place: they get the invitation and the pack."""
        self.ensure_one()
        self._check_can_answer()
        if not partner:
            raise UserError(self.env._("Choose who attends in your place."))
        if self.role == "substitute":
            raise UserError(self.env._("A substitute cannot send a substitute."))
        if partner == self.partner_id:
            raise UserError(self.env._("Choose someone else to attend in your place."))
        if (
            partner
            in self.meeting_id.attendee_ids.partner_id - self.substitute_id.partner_id
        ):
            raise UserError(
                self.env._(
                    "%(person)s is already invited to this session.",
                    person=partner.name,
                )
            )
        self._drop_substitute()
        with self._ecabinet_unlocked():
            substitute = self.sudo().create(
                {
                    "meeting_id": self.meeting_id.id,
                    "partner_id": partner.id,
                    "role": "substitute",
                    "substitute_for_id": self.id,
                    "item_ids": [fields.Command.set(self.item_ids.ids)],
                }
            )
        self._ecabinet_transition(
            {
                "answer": "substitute",
                "answer_date": fields.Datetime.now(),
                "decline_reason": reason or False,
                "substitute_id": substitute.id,
            }
        )
        if self.meeting_id.state == "invited":
            substitute._send_invitation()
        return substitute

    def _drop_substitute(self):
        with self._ecabinet_unlocked():
            self.substitute_id.sudo().unlink()

    def _ecabinet_answer_url(self):
        """Email link: answer the invitation without signing in (the token is
        read with sudo and never exposed through a public method)."""
        self.ensure_one()
        return (
            f"{self.get_base_url()}/ecabinet/invitation/"
            f"{self.id}/{self.sudo().access_token}"
        )

    def _send_invitation(self):
        """Invitation letter (giấy mời) and pack link through the dispatch."""
        report = self.env.ref("ecabinet_meeting.action_report_invitation")
        for attendee in self:
            content, report_type = report.sudo()._render_qweb_pdf(
                report.report_name, attendee.ids
            )
            name = self.env._(
                "Invitation - %(name)s.pdf", name=attendee.partner_id.name
            )
            mimetype = "application/pdf"
            if report_type != "pdf":
                # Test mode renders reports as HTML: store it for what it is
                # (a file named .pdf must be a PDF, see ir.attachment).
                name, mimetype = f"{name[:-4]}.html", "text/html"
            letter = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": name,
                        "raw": content,
                        "mimetype": mimetype,
                        "res_model": "ecabinet.meeting",
                        "res_id": attendee.meeting_id.id,
                    }
                )
            )
            event = (
                "ecabinet_meeting.event_substitute_invitation"
                if attendee.role == "substitute"
                else "ecabinet_meeting.event_invitation"
            )
            # Telegram buttons, in the language of the person who presses them
            env = attendee.with_context(
                lang=attendee.partner_id.lang or ecabinet_lang(self.env)
            ).env
            attendee._ecabinet_notify(
                event,
                attendee.partner_id,
                buttons=[
                    ("attend", env._("I will attend")),
                    ("decline", env._("I cannot attend")),
                ],
                attachments=letter,
            )
        self._ecabinet_transition({"invitation_sent_date": fields.Datetime.now()})

    def _ecabinet_notification_action(self, notification, action):
        """Answers given with the Telegram buttons of the invitation."""
        self.ensure_one()
        if action == "attend":
            self.action_attend()
            return self.env._("Thank you: your attendance is recorded.")
        if action == "decline":
            self.action_decline(self.env._("Declined on Telegram"))
            return self.env._(
                "Your absence is recorded. To name a substitute, use the portal."
            )
        return super()._ecabinet_notification_action(notification, action)

    def _mark_pack_opened(self):
        self.filtered(lambda a: not a.pack_opened_date).sudo()._ecabinet_transition(
            {"pack_opened_date": fields.Datetime.now()}
        )

    # Check-in -----------------------------------------------------------------------

    @public_method
    def action_check_in(self, attendance="present", reason=None):
        if attendance not in dict(ATTENDANCE) or attendance == "unknown":
            raise UserError(self.env._("Unknown attendance."))
        for attendee in self:
            if attendee.meeting_id.state not in ("invited", "in_progress"):
                raise UserError(
                    self.env._(
                        "Check-in is possible only on the day of “%(session)s”.",
                        session=attendee.meeting_id.name,
                    )
                )
        self._ecabinet_transition(
            {
                "attendance": attendance,
                "absence_reason": reason if attendance == "absent" else False,
                "check_in_date": fields.Datetime.now(),
            }
        )

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

    @public_method
    def action_present(self):
        self.action_check_in("present")

    @public_method
    def action_online(self):
        self.action_check_in("online")

    @public_method
    def action_absent(self):
        self.action_check_in("absent", reason=self.decline_reason)
