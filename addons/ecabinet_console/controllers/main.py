# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Routes of the live screens.

- ``/ecabinet/live/<id>/state`` (JSON, signed in): the console's state for the chair
  and the secretariat (``screen="console"``), the member's otherwise; read as the
  user, so a person who may not read the session gets a 404.
- ``/my/ecabinet/sessions/<id>/live``: the member's tablet page; ``.../speak``,
  ``.../cancel_speech``, ``.../recuse`` and ``.../vote`` (JSON) act on it
  through the models of ecabinet_meeting and ecabinet_opinion, as in the
  session page.
- ``/ecabinet/projector/<token>`` and ``.../state``: the projector, without
  signing in, while the token is valid (404 otherwise).

The state routes read the primary database, never a read replica: a screen reads
its state right after a bus message, a lagging replica would show it stale.
"""

import json

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.ecabinet_opinion.controllers.portal import EcabinetOpinionPortal
from odoo.addons.ecabinet_opinion.models.ecabinet_ballot import CHOICES


class EcabinetLiveController(EcabinetOpinionPortal):
    def _ecabinet_live_meeting(self, meeting_id):
        """The session, read as the signed-in user; 404 when they may not."""
        meeting = request.env["ecabinet.meeting"].browse(meeting_id).exists()
        if not meeting:
            raise NotFound()
        try:
            meeting.check_access("read")
        except AccessError as error:
            raise NotFound() from error
        return meeting

    @http.route(
        "/ecabinet/live/<int:meeting_id>/state",
        type="json",
        auth="user",
    )
    def ecabinet_live_state(self, meeting_id, screen="member"):
        meeting = self._ecabinet_live_meeting(meeting_id)
        if screen == "console":
            try:
                return meeting.ecabinet_console_state()
            except AccessError as error:
                raise NotFound() from error
        return meeting._ecabinet_member_state()

    def _ecabinet_live_url(self, meeting):
        return f"/my/ecabinet/sessions/{meeting.id}/live"

    # Member's tablet ----------------------------------------------------------------

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/live",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_ecabinet_session_live(self, meeting_id, **kw):
        try:
            meeting = self._document_check_access("ecabinet.meeting", meeting_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "meeting": meeting,
                "page_name": "ecabinet_meeting",
                "live_props": json.dumps({"meetingId": meeting.id}),
            }
        )
        return request.render(
            "ecabinet_console.portal_my_ecabinet_session_live", values
        )

    def _ecabinet_live_result(self, meeting_id, action):
        """Run ``action`` for the member's tablet: the models' errors come back
        as ``{"error": message}`` with nothing saved."""
        self._ecabinet_live_meeting(meeting_id)
        try:
            with request.env.cr.savepoint():
                action()
        except (UserError, AccessError) as error:
            return {"error": error.args[0]}
        return {"ok": True}

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/live/speak",
        type="json",
        auth="user",
    )
    def portal_my_ecabinet_live_speak(self, meeting_id, topic=None, kind="speech"):
        def speak():
            env = request.env
            meeting = env["ecabinet.meeting"].browse(meeting_id)
            item = meeting.sudo().current_item_id
            if not item:
                raise UserError(env._("No item is being discussed."))
            self._ecabinet_request_to_speak(meeting_id, item.id, topic, kind=kind)

        return self._ecabinet_live_result(meeting_id, speak)

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/live/cancel_speech",
        type="json",
        auth="user",
    )
    def portal_my_ecabinet_live_cancel_speech(self, meeting_id, speech_id):
        def cancel():
            speech = request.env["ecabinet.meeting.speech"].search(
                [("id", "=", int(speech_id)), ("meeting_id", "=", meeting_id)]
            )
            if not speech:
                raise UserError(request.env._("This speaking request is not yours."))
            speech.action_cancel_request()

        return self._ecabinet_live_result(meeting_id, cancel)

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/live/recuse",
        type="json",
        auth="user",
    )
    def portal_my_ecabinet_live_recuse(self, meeting_id, reason=None):
        """The member recuses from the item being discussed (the model checks
        who and when)."""

        def recuse():
            env = request.env
            item = env["ecabinet.meeting"].browse(meeting_id).sudo().current_item_id
            if not item:
                raise UserError(env._("No item is being discussed."))
            item = self._ecabinet_my_item(meeting_id, item.id)
            env["ecabinet.meeting.recusal"].create(
                {"item_id": item.id, "reason": reason or ""}
            )

        return self._ecabinet_live_result(meeting_id, recuse)

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/live/vote",
        type="json",
        auth="user",
    )
    def portal_my_ecabinet_live_vote(self, meeting_id, ballot_id, choice):
        def vote():
            env = request.env
            ballot = env["ecabinet.ballot"].search(
                [
                    ("id", "=", int(ballot_id)),
                    ("kind", "=", "vote"),
                    ("meeting_id", "=", meeting_id),
                ]
            )
            if not ballot:
                raise UserError(env._("You are not among the voters of this vote."))
            if choice not in dict(CHOICES):
                raise UserError(env._("Choose agree, disagree or other opinion."))
            voter = self._ecabinet_my_voter(ballot.id)
            if not voter:
                raise UserError(env._("You are not among the voters of this vote."))
            voter.answer(ballot.question_ids[:1], choice)

        return self._ecabinet_live_result(meeting_id, vote)

    # Projector ----------------------------------------------------------------------

    def _ecabinet_projector_meeting(self, token):
        meeting = request.env["ecabinet.meeting"]._ecabinet_from_projector_token(token)
        if not meeting:
            raise NotFound()
        return meeting

    @http.route(
        "/ecabinet/projector/<string:token>",
        type="http",
        auth="public",
        readonly=True,
    )
    def ecabinet_projector(self, token, **kw):
        meeting = self._ecabinet_projector_meeting(token)
        return request.render(
            "ecabinet_console.ecabinet_projector",
            {
                "meeting_name": meeting.name,
                "projector_props": json.dumps({"token": token}),
            },
        )

    @http.route(
        "/ecabinet/projector/<string:token>/state",
        type="json",
        auth="public",
    )
    def ecabinet_projector_state(self, token):
        return self._ecabinet_projector_meeting(token)._ecabinet_projector_state()
