# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, JsonRpcException, tagged

from odoo.addons.ecabinet_base.tests.common import PortalTestMixin

from .common import LiveData


@tagged("post_install", "-at_install")
class TestLiveRoutes(PortalTestMixin, LiveData, HttpCase):
    def _state(self, meeting, screen="member"):
        return self.make_jsonrpc_request(
            f"/ecabinet/live/{meeting.id}/state", {"screen": screen}
        )

    def test_projector_page_works_without_login_while_the_session_runs(self):
        token = self.meeting.projector_token
        self.authenticate(None, None)
        page = self.url_open(f"/ecabinet/projector/{token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("ecabinet_console.projector", page.text)
        self.assertNotIn("o_main_navbar", page.text)
        state = self.make_jsonrpc_request(f"/ecabinet/projector/{token}/state")
        self.assertEqual(state["meeting"]["name"], self.meeting.name)
        self.assertNotIn("attendees", state)
        for wrong in (token[:-2] + "xy", "short", "a" * 43):
            self.assertEqual(
                self.url_open(f"/ecabinet/projector/{wrong}").status_code, 404
            )
        self.meeting.with_user(self.secretariat).action_close()
        self.assertEqual(self.url_open(f"/ecabinet/projector/{token}").status_code, 404)
        with self.assertRaisesRegex(JsonRpcException, "NotFound"):
            self.make_jsonrpc_request(f"/ecabinet/projector/{token}/state")

    def test_member_of_another_committee_gets_nothing_of_the_session(self):
        self.authenticate(self.outsider.login, self.outsider.login)
        for screen in ("member", "console"):
            with self.assertRaisesRegex(JsonRpcException, "NotFound"):
                self._state(self.meeting, screen)
        page = self.url_open(f"/my/ecabinet/sessions/{self.meeting.id}/live")
        self.assertNotIn(self.meeting.name, page.text)
        self.assertTrue(page.url.endswith("/my"), page.url)
        with self.assertRaisesRegex(JsonRpcException, "NotFound"):
            self.make_jsonrpc_request(
                f"/my/ecabinet/sessions/{self.meeting.id}/live/speak", {}
            )
        # Their own session works
        state = self._state(self.other_meeting)
        self.assertEqual(state["meeting"]["name"], "Session of the other committee")

    def test_member_is_refused_the_console_state(self):
        self.authenticate(self.member.login, self.member.login)
        with self.assertRaisesRegex(JsonRpcException, "NotFound"):
            self._state(self.meeting, "console")
        page = self.url_open(f"/my/ecabinet/sessions/{self.meeting.id}/live")
        self.assertEqual(page.status_code, 200)
        self.assertIn("ecabinet_console.member_live", page.text)

    def test_member_asks_to_speak_and_votes_from_the_tablet(self):
        self.quorum()
        self.item1.with_user(self.chair).action_start()
        self.authenticate(self.member.login, self.member.login)
        base = f"/my/ecabinet/sessions/{self.meeting.id}/live"
        self.assertEqual(
            self.make_jsonrpc_request(f"{base}/speak", {"topic": "District 3"}),
            {"ok": True},
        )
        self.assertIn(
            "already in the queue",
            self.make_jsonrpc_request(f"{base}/speak", {})["error"],
        )
        state = self._state(self.meeting)
        self.assertEqual(state["my_speech"]["position"], 1)
        self.assertFalse(state["can_speak"], "already in the queue")
        # Withdraw the request, ask again
        speech_id = state["my_speech"]["id"]
        self.assertEqual(
            self.make_jsonrpc_request(
                f"{base}/cancel_speech", {"speech_id": speech_id}
            ),
            {"ok": True},
        )
        self.assertEqual(
            self.env["ecabinet.meeting.speech"].browse(speech_id).state, "cancelled"
        )
        self.assertTrue(self._state(self.meeting)["can_speak"])
        self.make_jsonrpc_request(f"{base}/speak", {})
        speech_id = self._state(self.meeting)["my_speech"]["id"]
        ballot = self.item1.with_user(self.chair).action_open_vote()
        self.assertIn(
            "Choose agree",
            self.make_jsonrpc_request(
                f"{base}/vote", {"ballot_id": ballot.id, "choice": "maybe"}
            )["error"],
        )
        self.assertEqual(
            self.make_jsonrpc_request(
                f"{base}/vote", {"ballot_id": ballot.id, "choice": "agree"}
            ),
            {"ok": True},
        )
        self.assertEqual(ballot.response_ids.choice, "agree")
        self.assertEqual(
            ballot.response_ids.voter_id.partner_id, self.member.partner_id
        )
        # A member who is not among the voters cannot vote, nor withdraw the
        # request of another
        self.authenticate(self.members[4].login, self.members[4].login)
        self.assertIn(
            "not yours",
            self.make_jsonrpc_request(
                f"{base}/cancel_speech", {"speech_id": speech_id}
            )["error"],
        )
        self.assertEqual(
            self.env["ecabinet.meeting.speech"].browse(speech_id).state, "requested"
        )
        self.assertIn(
            "not among the voters",
            self.make_jsonrpc_request(
                f"{base}/vote", {"ballot_id": ballot.id, "choice": "agree"}
            )["error"],
        )


@tagged("post_install", "-at_install")
class TestLiveQueries(LiveData, HttpCase):
    """The state of each screen is read in a fixed number of queries."""

    def _busy_session(self, speakers):
        """The first item in progress with ``speakers`` members in the queue, who
        have voted in the open vote."""
        if not self.meeting.current_item_id:
            self.quorum()
            self.item1.with_user(self.chair).action_start()
            self.item1.with_user(self.chair).action_open_vote()
        ballot = self.item1.ballot_ids
        Speech = self.env["ecabinet.meeting.speech"].sudo()
        for user in self.members[:speakers]:
            attendee = self.attendee[user.partner_id]
            if attendee not in self.item1.speech_ids.attendee_id:
                Speech.create({"item_id": self.item1.id, "attendee_id": attendee.id})
                ballot.voter_ids.filtered(
                    lambda v, u=user: v.partner_id == u.partner_id
                ).with_user(user).answer(ballot.question_ids, "agree")
        self.env.flush_all()
        self.env.invalidate_all()

    def _assert_constant_queries(self, read, count):
        """``read()`` runs in ``count`` queries with one speaker and with four."""
        self._busy_session(1)
        read()  # caches of the registry (views, groups) warm
        for speakers in (1, 4):
            self._busy_session(speakers)
            with self.assertQueryCount(count):
                state = read()
        return state

    def test_console_state_queries(self):
        meeting = self.meeting.with_user(self.chair)
        # 16, + the members present who have not voted yet, + the item's recusals
        # (its majority base)
        state = self._assert_constant_queries(meeting.ecabinet_console_state, 19)
        self.assertEqual(len(state["speeches"]), 4)
        self.assertEqual(state["vote"]["counts"]["agree"], 4)

    def test_member_state_queries(self):
        meeting = self.meeting.with_user(self.member)
        # 21, + the member's recusal from the item
        state = self._assert_constant_queries(meeting._ecabinet_member_state, 22)
        self.assertEqual(state["open_vote"]["choice"], "agree")
        self.assertEqual(state["my_speech"]["position"], 1)

    def test_projector_state_queries(self):
        state = self._assert_constant_queries(
            self.meeting._ecabinet_projector_state, 12
        )
        self.assertEqual(state["item"]["name"], "Public investment plan 2027")

    def test_state_route_queries(self):
        self._busy_session(4)
        self.authenticate(self.chair.login, self.chair.login)
        route = f"/ecabinet/live/{self.meeting.id}/state"
        self.make_jsonrpc_request(route, {"screen": "console"})  # warm the caches
        with self.assertQueryCount(21):
            state = self.make_jsonrpc_request(route, {"screen": "console"})
        self.assertEqual(len(state["speeches"]), 4)
