# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.ecabinet_base.tests.common import PortalTestMixin

from .common import LiveData


@tagged("post_install", "-at_install")
class TestLiveRecusal(PortalTestMixin, LiveData, HttpCase):
    """A member recuses from an item on the session page or the tablet; from
    then on no route, RPC call or ORM call records their vote on it."""

    def _state(self):
        return self.make_jsonrpc_request(
            f"/ecabinet/live/{self.meeting.id}/state", {"screen": "member"}
        )

    def _recusals(self, user):
        return self.env["ecabinet.meeting.recusal"].search(
            [("item_id", "=", self.item1.id), ("partner_id", "=", user.partner_id.id)]
        )

    def test_member_recuses_from_the_tablet_and_cannot_vote(self):
        self.quorum()
        self.item1.with_user(self.chair).action_start()
        ballot = self.item1.with_user(self.chair).action_open_vote()
        self.bus_messages()
        self.authenticate(self.member.login, self.member.login)
        base = f"/my/ecabinet/sessions/{self.meeting.id}/live"
        state = self._state()
        self.assertTrue(state["can_recuse"])
        self.assertEqual(state["open_vote"]["id"], ballot.id)
        # no reason: refused, nothing saved
        self.assertIn(
            "reason",
            self.make_jsonrpc_request(f"{base}/recuse", {"reason": " "})["error"],
        )
        self.assertFalse(self._recusals(self.member))
        self.assertEqual(
            self.make_jsonrpc_request(
                f"{base}/recuse", {"reason": "My brother owns the land"}
            ),
            {"ok": True},
        )
        recusal = self._recusals(self.member)
        self.assertEqual(recusal.reason, "My brother owns the land")
        self.assertOneLiveMessage(["recusal"])
        state = self._state()
        self.assertEqual(state["my_recusal"]["reason"], "My brother owns the land")
        self.assertFalse(state["open_vote"], "no vote buttons for a recused member")
        self.assertFalse(state["can_recuse"])
        # the tablet's vote route, JSON-RPC and the ORM refuse the answer
        self.assertIn(
            "recused from",
            self.make_jsonrpc_request(
                f"{base}/vote", {"ballot_id": ballot.id, "choice": "agree"}
            )["error"],
        )
        voter = ballot.voter_ids.filtered(
            lambda v: v.partner_id == self.member.partner_id
        )
        name, message = self._rpc_error(
            "ecabinet.ballot.voter",
            "answer",
            voter.ids,
            ballot.question_ids.id,
            "agree",
        )
        self.assertEqual(name, "odoo.exceptions.UserError")
        self.assertIn("recused from", message)
        self.assertFalse(ballot.response_ids)
        # a vote is open: the recusal stays
        name, message = self._rpc_error(
            "ecabinet.meeting.recusal", "action_withdraw", recusal.ids
        )
        self.assertIn("can no longer be withdrawn", message)
        self.assertEqual(recusal.state, "declared")

    def test_member_recuses_on_the_session_page_and_withdraws(self):
        member = self.members[1]
        self.authenticate(member.login, member.login)
        page_url = f"/my/ecabinet/sessions/{self.meeting.id}"
        page = self.url_open(page_url)
        self.assertIn("Declare a conflict of interest", page.text)
        csrf = self._csrf(page_url)
        response = self.url_open(
            f"{page_url}/recusals",
            data={
                "csrf_token": csrf,
                "item_id": self.item1.id,
                "reason": "Shareholder of the contractor",
            },
        )
        self.assertIn("message=recused", response.url)
        self.assertIn("You are recused from this item", response.text)
        recusal = self._recusals(member)
        self.assertEqual(recusal.declared_by_id, member)
        self.assertEqual(self.item1.quorum_member_count, 5)
        # declared twice: the page says why, nothing more is saved
        response = self.url_open(
            f"{page_url}/recusals",
            data={"csrf_token": csrf, "item_id": self.item1.id, "reason": "Again"},
        )
        self.assertIn("already declared", response.text)
        self.assertEqual(len(self._recusals(member)), 1)
        # another member cannot withdraw it
        other = self.members[2]
        self.authenticate(other.login, other.login)
        response = self.url_open(
            f"{page_url}/recusals/{recusal.id}/withdraw",
            data={"csrf_token": self._csrf(page_url), "item_id": self.item1.id},
        )
        self.assertIn("This recusal is not yours", response.text)
        self.assertEqual(recusal.state, "declared")
        self.authenticate(member.login, member.login)
        response = self.url_open(
            f"{page_url}/recusals/{recusal.id}/withdraw",
            data={"csrf_token": self._csrf(page_url), "item_id": self.item1.id},
        )
        self.assertIn("message=recusal_withdrawn", response.url)
        self.assertEqual(recusal.state, "withdrawn")
        self.assertEqual(self.item1.quorum_member_count, 6)
