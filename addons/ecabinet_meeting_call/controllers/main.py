# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Routes of remote participation (JSON, signed in; the session read as the user,
404 when they may not read it):

- ``/ecabinet/live/<id>/call``: the remote part of the member's tablet, or of the
  console (``screen="console"``: the chair and the secretariat only);
- ``/my/ecabinet/sessions/<id>/live/remote``: the member asks to attend online;
- ``/my/ecabinet/sessions/<id>/live/remote/leave``: withdraws the request or
  leaves the session attended online;
- ``/my/ecabinet/sessions/<id>/live/secretariat``: the URL of the member's private
  line to the secretariat (opened on first use).

The call and the chats themselves are Odoo's Discuss (``/discuss/channel/<id>``),
whose own rules keep out whoever is not a member of the channel.
"""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.ecabinet_console.controllers.main import EcabinetLiveController


class EcabinetCallController(EcabinetLiveController):
    @http.route("/ecabinet/live/<int:meeting_id>/call", type="json", auth="user")
    def ecabinet_live_call(self, meeting_id, screen="member"):
        meeting = self._ecabinet_live_meeting(meeting_id)
        try:
            return meeting._ecabinet_call_state(screen)
        except AccessError as error:
            raise NotFound() from error

    def _ecabinet_call_attendee(self, meeting_id):
        env = request.env
        attendee = env["ecabinet.meeting.attendee"].search(
            [
                ("meeting_id", "=", meeting_id),
                ("partner_id", "=", env.user.partner_id.id),
            ],
            limit=1,
        )
        if not attendee:
            raise UserError(env._("You are not invited to this session."))
        return attendee

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/live/remote",
        type="json",
        auth="user",
    )
    def portal_my_ecabinet_live_remote(self, meeting_id, reason=None):
        def ask():
            attendee = self._ecabinet_call_attendee(meeting_id)
            request.env["ecabinet.meeting.remote.request"].create(
                {"attendee_id": attendee.id, "reason": reason or ""}
            )

        return self._ecabinet_live_result(meeting_id, ask)

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/live/remote/leave",
        type="json",
        auth="user",
    )
    def portal_my_ecabinet_live_remote_leave(self, meeting_id):
        def leave():
            attendee = self._ecabinet_call_attendee(meeting_id)
            mine = request.env["ecabinet.meeting.remote.request"].search(
                [
                    ("attendee_id", "=", attendee.id),
                    ("state", "in", ("requested", "admitted")),
                ]
            )
            if not mine:
                raise UserError(request.env._("You have not asked to attend online."))
            mine.action_leave()

        return self._ecabinet_live_result(meeting_id, leave)

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/live/secretariat",
        type="json",
        auth="user",
    )
    def portal_my_ecabinet_live_secretariat(self, meeting_id):
        meeting = self._ecabinet_live_meeting(meeting_id)
        try:
            attendee = self._ecabinet_call_attendee(meeting_id)
            with request.env.cr.savepoint():
                line = meeting._ecabinet_secretariat_line(attendee.partner_id)
        except (UserError, AccessError) as error:
            return {"error": error.args[0]}
        return {"url": f"/discuss/channel/{line.id}"}
