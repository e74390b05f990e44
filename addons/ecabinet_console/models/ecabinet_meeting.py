# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The live state of a session and its bus channel.

Every change a screen shows (item moved, speaker requested or called, vote opened,
vote counted, result published, attendance, conclusion) is recorded with
``_ecabinet_live_changed``; when the transaction commits, ONE bus message per
session says what changed (``{"meeting_id", "changes"}``), on the session's own
channel ``(meeting, "ecabinet_live")``. Screens re-read their state through the
JSON routes of the controllers. The channel is subscribed to through
``ir.websocket._build_bus_channel_list``: by users who may read the session, and by
the projector with the session's token.
"""

import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import consteq

from odoo.addons.ecabinet_base.tools.api import public_method
from odoo.addons.ecabinet_meeting.models.ecabinet_meeting_agenda_item import (
    SHOWN_ITEM_STATES,
)
from odoo.addons.ecabinet_opinion.models.ecabinet_ballot import CHOICE_KEYS, CHOICES

LIVE_CHANNEL = "ecabinet_live"
LIVE_MESSAGE = "ecabinet.live/changed"
# Sessions whose screens are live; the projector token works in these states only.
LIVE_STATES = ("invited", "in_progress")
# Sessions whose changes are sent on the bus (closing and cancelling included).
SENT_STATES = ("invited", "in_progress", "closed", "cancelled")
PENDING_KEY = "ecabinet.live.pending"


def to_string(value):
    """A UTC datetime as the screens read it (``False`` stays ``False``)."""
    return value and fields.Datetime.to_string(value)


class EcabinetMeeting(models.Model):
    _inherit = "ecabinet.meeting"

    projector_token = fields.Char(
        copy=False,
        readonly=True,
        groups="ecabinet_base.group_secretariat",
        help="Opens the projector view of the session without signing in, while "
        "the session is invited or in progress.",
    )
    projector_url = fields.Char(
        string="Projector Link",
        compute="_compute_projector_url",
        groups="ecabinet_base.group_secretariat",
    )

    def _compute_projector_url(self):
        for meeting in self:
            token = meeting.projector_token
            meeting.projector_url = (
                token and f"{meeting.get_base_url()}/ecabinet/projector/{token}"
            )

    # Bus ----------------------------------------------------------------------------

    def _ecabinet_live_channel(self):
        self.ensure_one()
        return (self, LIVE_CHANNEL)

    def _ecabinet_live_changed(self, *changes):
        """Record ``changes`` of these sessions; one bus message per session goes
        when the transaction commits, however many records the action touched."""
        meetings = self.filtered("id")
        if not meetings:
            return
        cr = self.env.cr
        pending = cr.precommit.data.get(PENDING_KEY)
        if pending is None:
            pending = cr.precommit.data[PENDING_KEY] = {}
            env = self.env

            @cr.precommit.add
            def send_live_changes():
                todo = cr.precommit.data.pop(PENDING_KEY, {})
                sessions = env["ecabinet.meeting"].sudo().browse(list(todo)).exists()
                for meeting in sessions.filtered(lambda m: m.state in SENT_STATES):
                    env["bus.bus"]._sendone(
                        meeting._ecabinet_live_channel(),
                        LIVE_MESSAGE,
                        {"meeting_id": meeting.id, "changes": sorted(todo[meeting.id])},
                    )

        for meeting in meetings:
            pending.setdefault(meeting.id, set()).update(changes)

    @api.model
    def _ecabinet_live_for_user(self, meeting_id):
        """The session if the current user may read it (bus subscription)."""
        if self.env.user._is_public():
            return self.browse()
        meeting = self.browse(meeting_id).exists()
        return meeting if meeting and meeting.has_access("read") else self.browse()

    @api.model
    def _ecabinet_from_projector_token(self, token):
        """The live session whose projector token is ``token`` (sudo), if any."""
        if not token or not isinstance(token, str):
            return self.browse()
        meeting = (
            self.sudo()
            .search([("projector_token", "=", token)], limit=1)
            .filtered(lambda m: m.state in LIVE_STATES)
        )
        if meeting and consteq(meeting.projector_token, token):
            return meeting
        return self.browse()

    def _ecabinet_ensure_projector_token(self):
        for meeting in self.sudo().filtered(
            lambda m: m.state in LIVE_STATES and not m.projector_token
        ):
            meeting._ecabinet_transition({"projector_token": secrets.token_urlsafe(32)})

    # State machine ------------------------------------------------------------------

    def write(self, vals):
        result = super().write(vals)
        changes = [
            change
            for field, change in (("state", "session"), ("current_item_id", "item"))
            if field in vals
        ]
        if changes:
            self._ecabinet_live_changed(*changes)
        return result

    @public_method
    def action_start(self):
        result = super().action_start()
        self._ecabinet_ensure_projector_token()
        return result

    @public_method
    def action_close(self):
        result = super().action_close()
        self.sudo()._ecabinet_transition({"projector_token": False})
        return result

    @public_method
    def action_cancel(self):
        result = super().action_cancel()
        self.sudo()._ecabinet_transition({"projector_token": False})
        return result

    # Console actions ----------------------------------------------------------------

    def _ecabinet_check_console(self):
        if not self.env.user.has_group("ecabinet_base.group_secretariat"):
            raise AccessError(
                self.env._(
                    "Only the chair and the secretariat open the console of a session."
                )
            )
        self.check_access("read")

    @public_method
    def action_open_console(self, mode="chair"):
        self.ensure_one()
        self._ecabinet_check_console()
        self._ecabinet_ensure_projector_token()
        return {
            "type": "ir.actions.client",
            "tag": "ecabinet_console.console",
            "name": self.env._("Console: %(session)s", session=self.name),
            "params": {"meeting_id": self.id, "mode": mode},
        }

    @public_method
    def action_open_secretariat_console(self):
        return self.action_open_console(mode="secretariat")

    @public_method
    def ecabinet_next_item(self):
        """Move to the next planned item; after the last one, end the item in
        progress. Returns the item now in progress, if any. Only the chair moves
        the session on; the secretariat's console follows."""
        self.ensure_one()
        self._ecabinet_check_console()
        if not self.env.user.has_group("ecabinet_base.group_chair"):
            raise AccessError(self.env._("Only the chair moves to the next item."))
        planned = self.agenda_item_ids.filtered(lambda i: i.state == "planned").sorted(
            lambda i: (i.sequence, i.id)
        )
        if planned:
            planned[0].action_start()
            return planned[0].id
        current = self.agenda_item_ids.filtered(lambda i: i.state == "in_progress")
        if not current:
            raise UserError(
                self.env._("No item is left on the agenda: close the session.")
            )
        current.action_end()
        return False

    @public_method
    def ecabinet_call_next_speaker(self):
        """Give the floor to the first person waiting on the current item: the
        points of order first, then the replies, then the queue."""
        self.ensure_one()
        self._ecabinet_check_console()
        speech = self.env["ecabinet.meeting.speech"].search(
            [
                ("item_id", "=", self.current_item_id.id),
                ("state", "=", "requested"),
            ],
            order="rank, requested_at, id",
            limit=1,
        )
        if not self.current_item_id or not speech:
            raise UserError(self.env._("Nobody is waiting to speak on this item."))
        speech.action_call()
        return speech.id

    @public_method
    def ecabinet_speech_time_up(self):
        """The console's countdown reached zero: end the current speech at its
        limit if its time is up on the server's clock and the committee stops
        speakers by itself (nothing otherwise). Returns the ids ended."""
        self.ensure_one()
        self._ecabinet_check_console()
        speeches = self.env["ecabinet.meeting.speech"].search(
            [("item_id", "=", self.current_item_id.id), ("state", "=", "speaking")]
        )
        return speeches._ecabinet_stop_time_up().ids

    # Screens' state -----------------------------------------------------------------

    def _ecabinet_partner_names(self, partners):
        """Names as the screens show them: a person first, their agency after."""
        partners = partners.sudo().with_context(ecabinet_person_first=True)
        return {partner.id: partner.display_name for partner in partners}

    def _ecabinet_choices(self):
        """``[[choice, label]]``: the choices of a vote in the screen's language,
        worded as everywhere else (ecabinet_opinion's selection)."""
        labels = self.env["ecabinet.ballot.response"]._ecabinet_choice_labels()
        return [[choice, labels[choice]] for choice, _label in CHOICES]

    def _ecabinet_vote_values(self, ballot, with_counts=True):
        """A vote as the screens show it: counts only, never who voted what."""
        if not ballot:
            return False
        ballot = ballot.sudo()
        values = {
            "id": ballot.id,
            "name": ballot.name,
            "state": ballot.state,
            "secret": ballot.secret,
            "voter_count": ballot.voter_count,
            "answered_count": ballot.answered_count,
            "published": ballot.result_published,
        }
        if with_counts:
            tally = ballot._tally()
            question = ballot.question_ids[:1]
            counts = tally.get(question.id, dict.fromkeys(CHOICE_KEYS, 0))
            passed, _agree, base = ballot._outcomes(tally).get(
                question.id, (False, 0, 0)
            )
            values.update({"counts": counts, "passed": passed, "base": base})
        return values

    def _ecabinet_item_values(self, item, names):
        return {
            "id": item.id,
            "sequence": item.sequence,
            "name": item.name,
            "state": item.state,
            "presenter": names.get(item.presenter_id.id) or "",
            "agency": names.get(item.agency_id.id) or "",
            "planned_duration": item.planned_duration,
            "actual_start": to_string(item.actual_start),
            "actual_end": to_string(item.actual_end),
        }

    def _ecabinet_meeting_values(self):
        meeting = self.sudo()
        return {
            "id": meeting.id,
            "name": meeting.name,
            "state": meeting.state,
            "committee": meeting.committee_id.name,
            "location": meeting.location or "",
            "actual_start": to_string(meeting.actual_start),
            "current_item_id": meeting.current_item_id.id,
            "member_count": meeting.member_count,
            "present_count": meeting.present_count,
            "quorum_required": meeting.quorum_required,
            "quorum_reached": meeting.quorum_reached,
            "speaking_warning": meeting.committee_id.speaking_warning,
            "speaking_auto_stop": meeting.committee_id.speaking_auto_stop,
        }

    @public_method
    def ecabinet_console_state(self):
        """What the chair's and the secretariat's console show, in a fixed number
        of queries whatever the number of items, attendees and speakers."""
        self.ensure_one()
        self._ecabinet_check_console()
        items = self.env["ecabinet.meeting.agenda.item"].search_fetch(
            [("meeting_id", "=", self.id), ("state", "in", SHOWN_ITEM_STATES)],
            [
                "sequence",
                "name",
                "state",
                "presenter_id",
                "agency_id",
                "planned_duration",
                "actual_start",
                "actual_end",
                "conclusion",
                "minute_notes",
            ],
        )
        current = self.current_item_id
        speeches = self.env["ecabinet.meeting.speech"].search_fetch(
            [("item_id", "=", current.id), ("state", "!=", "cancelled")],
            [
                "attendee_id",
                "partner_id",
                "state",
                "topic",
                "kind",
                "started_at",
                "ended_at",
                "limit_seconds",
            ],
        )
        attendees = self.env["ecabinet.meeting.attendee"].search_fetch(
            [("meeting_id", "=", self.id)],
            [
                "partner_id",
                "role",
                "attendance",
                "answer",
                "is_member",
                "substitute_id",
            ],
        )
        vote = self.env["ecabinet.ballot"].search(
            [
                ("item_id", "=", current.id),
                ("kind", "=", "vote"),
                ("state", "!=", "cancelled"),
            ],
            order="id desc",
            limit=1,
        )
        names = self._ecabinet_partner_names(
            items.presenter_id | items.agency_id | attendees.partner_id
        )
        roles = dict(
            self.env["ecabinet.meeting.attendee"]
            ._fields["role"]
            ._description_selection(self.env)
        )
        # Who has not voted yet among those present: names, never a choice.
        present = {
            attendee.partner_id.id
            for attendee in attendees
            if attendee.attendance in ("present", "online")
        }
        not_voted = []
        if vote.state == "sent":
            # voted, but not counted until they approve the signature on their
            # phone (a vote signed by the members): the chair waits for them
            awaiting = set(vote.sudo()._awaiting_signature_voters().ids)
            not_voted = [
                {
                    "voter_id": voter.id,
                    "name": names.get(voter.partner_id.id, ""),
                    "awaiting_signature": voter.id in awaiting,
                }
                for voter in self.env["ecabinet.ballot.voter"].search_fetch(
                    [
                        ("ballot_id", "=", vote.id),
                        ("has_answered", "=", False),
                        # recused after the vote opened: they do not vote on it
                        ("partner_id", "not in", current.recused_partner_ids.ids),
                    ],
                    ["partner_id"],
                )
                if voter.partner_id.id in present
            ]
        item_values = []
        for item in items:
            values = self._ecabinet_item_values(item, names)
            values.update(
                {
                    "conclusion": item.conclusion or "",
                    "minute_notes": item.minute_notes or "",
                }
            )
            item_values.append(values)
        return {
            "server_time": to_string(fields.Datetime.now()),
            "meeting": {
                **self._ecabinet_meeting_values(),
                "projector_url": self.sudo().projector_url or "",
            },
            "items": item_values,
            "speeches": [
                {
                    "id": speech.id,
                    "name": names.get(speech.partner_id.id)
                    or speech.partner_id.sudo().display_name,
                    "state": speech.state,
                    "topic": speech.topic or "",
                    "kind": speech.kind,
                    "started_at": to_string(speech.started_at),
                    "ended_at": to_string(speech.ended_at),
                    "limit_seconds": speech.limit_seconds,
                    "online": speech.attendee_id.attendance == "online",
                }
                for speech in speeches
            ],
            "attendees": [
                {
                    "id": attendee.id,
                    "name": names.get(attendee.partner_id.id, ""),
                    "role": attendee.role,
                    "role_label": roles[attendee.role],
                    "attendance": attendee.attendance,
                    "answer": attendee.answer,
                    "is_member": attendee.is_member,
                    "can_substitute": attendee.role in ("chair", "member")
                    and not attendee.substitute_id
                    and attendee.attendance not in ("present", "online"),
                }
                for attendee in attendees
            ],
            "vote": self._ecabinet_vote_values(vote),
            "not_voted": not_voted,
            "choices": self._ecabinet_choices(),
        }

    def _ecabinet_speaking_values(self, item, names=None):
        speaking = (
            self.env["ecabinet.meeting.speech"]
            .sudo()
            .search_fetch(
                [("item_id", "=", item.id), ("state", "=", "speaking")],
                ["partner_id", "attendee_id", "started_at", "limit_seconds", "kind"],
                limit=1,
            )
            if item
            else None
        )
        if not speaking:
            return False
        return {
            "name": speaking.partner_id.display_name,
            "kind": speaking.kind,
            "started_at": to_string(speaking.started_at),
            "limit_seconds": speaking.limit_seconds,
            # a member admitted to attend online speaks from the call
            "online": speaking.attendee_id.attendance == "online",
        }

    def _ecabinet_published_vote(self, item):
        ballot = (
            self.env["ecabinet.ballot"]
            .sudo()
            .search(
                [
                    ("item_id", "=", item.id),
                    ("kind", "=", "vote"),
                    ("result_published", "=", True),
                ],
                order="id desc",
                limit=1,
            )
            if item
            else None
        )
        return self._ecabinet_vote_values(ballot)

    def _ecabinet_projector_state(self):
        """What the projector shows (read with sudo: the caller checked the token):
        no controls, no names of voters."""
        self.ensure_one()
        meeting = self.sudo()
        item = meeting.current_item_id
        names = self._ecabinet_partner_names(item.presenter_id | item.agency_id)
        shown = meeting.agenda_item_ids.filtered(
            lambda i: i.state in SHOWN_ITEM_STATES
        ).sorted(lambda i: (i.sequence, i.id))
        return {
            "server_time": to_string(fields.Datetime.now()),
            "meeting": self._ecabinet_meeting_values(),
            "item": bool(item) and self._ecabinet_item_values(item, names),
            "item_position": (shown.ids.index(item.id) + 1) if item in shown else 0,
            "item_count": len(shown),
            "speaking": self._ecabinet_speaking_values(item),
            "vote": self._ecabinet_published_vote(item),
            "choices": self._ecabinet_choices(),
        }

    def _ecabinet_member_state(self):
        """What a member's tablet shows, read as the member."""
        self.ensure_one()
        self.check_access("read")
        env = self.env
        partner = env.user.partner_id
        attendee = env["ecabinet.meeting.attendee"].search(
            [("meeting_id", "=", self.id), ("partner_id", "=", partner.id)], limit=1
        )
        current_id = self.sudo().current_item_id.id
        item = env["ecabinet.meeting.agenda.item"].search_fetch(
            [("id", "=", current_id)],
            [
                "sequence",
                "name",
                "state",
                "presenter_id",
                "agency_id",
                "planned_duration",
                "actual_start",
                "actual_end",
            ],
        )
        documents = env["ecabinet.meeting.document"].search_fetch(
            [("item_ids", "in", item.ids), ("withdrawn", "=", False)],
            ["name", "page_count", "is_state_secret"],
        )
        mine = env["ecabinet.meeting.speech"].search_fetch(
            [
                ("item_id", "=", item.id),
                ("attendee_id", "=", attendee.id),
                ("state", "in", ("requested", "speaking")),
            ],
            ["state", "requested_at", "rank", "kind"],
            limit=1,
        )
        position = 0
        if mine.state == "requested":
            # before mine in the queue: a higher rank, or the same rank and
            # asked earlier
            position = (
                env["ecabinet.meeting.speech"]
                .sudo()
                .search_count(
                    [
                        ("item_id", "=", item.id),
                        ("state", "=", "requested"),
                        "|",
                        ("rank", "<", mine.rank),
                        "&",
                        ("rank", "=", mine.rank),
                        "|",
                        ("requested_at", "<", mine.requested_at),
                        "&",
                        ("requested_at", "=", mine.requested_at),
                        ("id", "<", mine.id),
                    ]
                )
                + 1
            )
        voter = env["ecabinet.ballot.voter"].search(
            [
                ("partner_id", "=", partner.id),
                ("ballot_id.item_id", "=", item.id),
                ("ballot_id.kind", "=", "vote"),
                ("ballot_id.state", "=", "sent"),
            ],
            order="id desc",
            limit=1,
        )
        open_vote = False
        if voter:
            ballot = voter.sudo().ballot_id
            answer_url = ballot._ecabinet_answer_page()
            choice = False
            if not ballot.secret:
                choice = (
                    env["ecabinet.ballot.response"]
                    .search([("voter_id", "=", voter.id)], limit=1)
                    .choice
                )
            open_vote = {
                "id": ballot.id,
                "name": ballot.name,
                "secret": ballot.secret,
                "question_id": ballot.question_ids[:1].id,
                "voted": voter.has_answered,
                "choice": choice,
                # answered on the vote's page (signed by the members), and the
                # member's answer there waiting for the phone's approval
                "answer_url": answer_url,
                "awaiting_signature": bool(
                    answer_url and voter in ballot._awaiting_signature_voters()
                ),
            }
        recusal = env["ecabinet.meeting.recusal"].search_fetch(
            [
                ("item_id", "=", item.id),
                ("partner_id", "=", partner.id),
                ("state", "=", "declared"),
            ],
            ["reason"],
            limit=1,
        )
        attends = bool(
            attendee
            and attendee.answer not in ("decline", "substitute")
            and attendee.attendance != "absent"
        )
        names = self._ecabinet_partner_names(item.presenter_id | item.agency_id)
        return {
            "server_time": to_string(fields.Datetime.now()),
            "meeting": self._ecabinet_meeting_values(),
            "item": bool(item) and self._ecabinet_item_values(item, names),
            "documents": [
                {
                    "id": document.id,
                    "name": document.name,
                    "page_count": document.page_count,
                    # the reader, back to this page after; a state secret is
                    # on paper only: no link to the reader
                    "url": not document.is_state_secret
                    and f"/my/ecabinet/sessions/{self.id}/read/{document.id}?back=live",
                    "is_state_secret": document.is_state_secret,
                }
                for document in documents
            ],
            "my_speech": bool(mine)
            and {
                "id": mine.id,
                "state": mine.state,
                "kind": mine.kind,
                "position": position,
            },
            "can_speak": attends
            and self.state == "in_progress"
            and item.state == "in_progress"
            and not mine,
            "speaking": self._ecabinet_speaking_values(item),
            "open_vote": not recusal and open_vote,
            "my_recusal": bool(recusal)
            and {"id": recusal.id, "reason": recusal.reason},
            "can_recuse": bool(item)
            and attendee.is_member
            and item.state in ("planned", "in_progress")
            and not recusal
            and not (open_vote and open_vote["voted"]),
            "vote": self._ecabinet_published_vote(item),
            "choices": self._ecabinet_choices(),
        }
