# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method

from .ecabinet_meeting_remote_request import (
    OPEN_REMOTE_STATES,
    REMOTE_MEETING_STATES,
)


class EcabinetMeeting(models.Model):
    """Each session gets a Discuss group channel, its chat and its call, once the
    invitations are sent (or when it starts); its members are the session's
    attendees who have a login and its secretariat, nobody else."""

    _inherit = "ecabinet.meeting"

    remote_request_ids = fields.One2many(
        "ecabinet.meeting.remote.request",
        "meeting_id",
        string="Requests to Attend Online",
    )

    # Who -----------------------------------------------------------------------------

    def _ecabinet_secretariat_partners(self):
        """The session's secretariat: its responsible officer, the committee's
        secretariat and the attendees with the role of secretariat."""
        self.ensure_one()
        meeting = self.sudo()
        return (
            meeting.user_id.partner_id
            | meeting.committee_id.secretariat_user_ids.partner_id
            | meeting.attendee_ids.filtered(
                lambda a: a.role == "secretariat"
            ).partner_id
        )

    def _ecabinet_channel_partners(self):
        """Members of the session's channel: the attendees with a login (their
        substitutes included), the chair and the secretariat."""
        self.ensure_one()
        meeting = self.sudo()
        partners = meeting.attendee_ids.partner_id | meeting.chair_id
        return (
            partners.filtered(lambda p: p.with_context(active_test=False).user_ids)
            | meeting._ecabinet_secretariat_partners()
        )

    def _ecabinet_call_partners(self):
        """Who may join the call: the chair and the secretariat (the room's
        camera and microphone) and the people admitted online."""
        self.ensure_one()
        meeting = self.sudo()
        admitted = meeting.remote_request_ids.filtered(lambda r: r.state == "admitted")
        return (
            meeting.chair_id
            | meeting._ecabinet_secretariat_partners()
            | admitted.filtered(
                lambda r: r.attendee_id.attendance == "online"
            ).partner_id
        )

    # Channels ------------------------------------------------------------------------

    def _ecabinet_call_channel(self):
        """The session's channel (sudo), if it exists yet."""
        self.ensure_one()
        return (
            self.env["discuss.channel"]
            .sudo()
            .search(
                [
                    ("ecabinet_meeting_id", "=", self.id),
                    ("ecabinet_line_partner_id", "=", False),
                ],
                limit=1,
            )
        )

    def _ecabinet_ensure_call_channel(self):
        """Create the session's channel, or add the attendees it lacks."""
        channels = self.env["discuss.channel"].sudo()
        for meeting in self.sudo():
            channel = meeting._ecabinet_call_channel()
            partners = meeting._ecabinet_channel_partners()
            if not channel:
                channel = meeting._ecabinet_create_channel(
                    {"name": meeting.name}, partners
                )
            missing = partners - channel.channel_member_ids.partner_id
            if missing:
                channel._add_members(partners=missing, post_joined_message=False)
            channels |= channel
        return channels

    def _ecabinet_create_channel(self, vals, partners):
        """A group channel of the session with ``partners`` as its members, and
        only them: Discuss adds the user who creates a channel to it, unless
        installing (the session's channels take the members the session names,
        not whoever started it)."""
        self.ensure_one()
        Channel = self.env["discuss.channel"].sudo()
        channel = Channel.with_context(install_mode=True).create(
            {
                **vals,
                "channel_type": "group",
                "ecabinet_meeting_id": self.id,
                "channel_member_ids": [
                    Command.create({"partner_id": partner.id}) for partner in partners
                ],
            }
        )
        return channel.with_env(Channel.env)

    def _ecabinet_secretariat_line(self, partner):
        """The private line (sudo) between ``partner`` and the session's
        secretariat: found or opened."""
        self.ensure_one()
        if self.state not in REMOTE_MEETING_STATES or partner not in (
            self.sudo().attendee_ids.partner_id
        ):
            raise UserError(
                self.env._(
                    "Only the people invited to “%(session)s” write to its "
                    "secretariat, while it is open.",
                    session=self.name,
                )
            )
        Channel = self.env["discuss.channel"].sudo()
        line = Channel.search(
            [
                ("ecabinet_meeting_id", "=", self.id),
                ("ecabinet_line_partner_id", "=", partner.id),
            ],
            limit=1,
        )
        if not line:
            line = self._ecabinet_create_channel(
                {
                    "name": self.env._(
                        "%(person)s - secretariat of “%(session)s”",
                        person=partner.name,
                        session=self.name,
                    ),
                    "ecabinet_line_partner_id": partner.id,
                },
                partner | self._ecabinet_secretariat_partners(),
            )
        return line

    # State machine -------------------------------------------------------------------

    @public_method
    def action_send_invitations(self):
        result = super().action_send_invitations()
        self._ecabinet_ensure_call_channel()
        return result

    @public_method
    def action_start(self):
        result = super().action_start()
        self._ecabinet_ensure_call_channel()
        return result

    # Screens -------------------------------------------------------------------------

    def _ecabinet_call_state(self, screen="member"):
        """What the remote-participation part of a screen shows: for a person
        invited, their request and the links to the call and the chats; for the
        console, the requests to decide and the people online."""
        self.ensure_one()
        self.check_access("read")
        channel = self._ecabinet_call_channel()
        partner = self.env.user.partner_id
        if screen == "console":
            self._ecabinet_check_console()
            requests = (
                self.env["ecabinet.meeting.remote.request"]
                .sudo()
                .search_fetch(
                    [
                        ("meeting_id", "=", self.id),
                        ("state", "in", OPEN_REMOTE_STATES),
                    ],
                    ["partner_id", "state", "reason", "attendee_id"],
                    order="id",
                )
            )
            names = self._ecabinet_partner_names(requests.partner_id)
            return {
                "channel_url": bool(channel)
                and f"/odoo/discuss?active_id=discuss.channel_{channel.id}",
                "requests": [
                    {
                        "id": request.id,
                        "name": names.get(request.partner_id.id, ""),
                        "state": request.state,
                        "reason": request.reason or "",
                    }
                    for request in requests
                ],
            }
        attendee = self.env["ecabinet.meeting.attendee"].search_fetch(
            [("meeting_id", "=", self.id), ("partner_id", "=", partner.id)],
            ["attendance", "answer"],
            limit=1,
        )
        request = self.env["ecabinet.meeting.remote.request"].search_fetch(
            [("attendee_id", "=", attendee.id)],
            ["state", "refusal_reason"],
            order="id desc",
            limit=1,
        )
        member = bool(channel) and partner in channel.channel_member_ids.partner_id
        return {
            "channel_url": member and f"/discuss/channel/{channel.id}",
            "request": bool(request)
            and {
                "id": request.id,
                "state": request.state,
                "refusal_reason": request.refusal_reason or "",
            },
            "can_request": bool(attendee)
            and self.state in REMOTE_MEETING_STATES
            and attendee.answer != "substitute"
            and attendee.attendance not in ("present", "online")
            and request.state not in OPEN_REMOTE_STATES,
            "can_write_secretariat": bool(attendee)
            and self.state in REMOTE_MEETING_STATES,
        }
