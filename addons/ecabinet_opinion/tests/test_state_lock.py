# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo import SUPERUSER_ID
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import BallotCommon


@tagged("post_install", "-at_install")
class TestBallotStateLock(BallotCommon, TransactionCase):
    """A ballot and its lines are locked by the ballot's state, for everyone
    (the superuser included); the state and the result change only through the
    actions and the voting engine."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.root = cls.env["res.users"].browse(SUPERUSER_ID)

    def _sent(self):
        ballot = self._ballot()
        with freeze_time("2027-02-02 02:00:00"):
            ballot.with_user(self.secretariat).action_send()
        return ballot

    def _closed_not_passed(self):
        """Silence not counted, 7 members asked (the committee and two more),
        3 agree: 3/7... then 2 silent members removed would make 3/5 pass."""
        self.committee.ballot_silence = "abstain"
        ballot = self._sent()
        extra = self.env["res.partner"].create(
            [{"name": "Director of Health"}, {"name": "Director of Transport"}]
        )
        ballot._add_voters(extra)
        with freeze_time("2027-02-03 03:00:00"):
            for user in (self.chair, *self.members[:2]):
                self.voter(ballot, user).with_user(user).answer(
                    ballot.question_ids, "agree"
                )
        with freeze_time("2027-02-17 03:00:00"):
            ballot.with_user(self.chair).action_close()
        self.assertEqual(ballot._outcomes()[ballot.question_ids.id], (False, 3, 7))
        return ballot

    def _everyone(self):
        return (self.secretariat, self.chair, self.admin, self.root)

    # The findings ---------------------------------------------------------------

    def test_nobody_writes_a_decision_on_a_closed_ballot(self):
        """F2: the decision is the chair's, through the action only."""
        ballot = self._closed_not_passed()
        for user in self._everyone():
            with self.subTest(user=user.login), self.assertRaises(UserError):
                ballot.with_user(user).write(
                    {"state": "decided", "decision": "approved"}
                )
            with self.subTest(user=user.login), self.assertRaises(UserError):
                ballot.with_user(user).write({"decision": "approved"})
        self.assertEqual((ballot.state, ballot.decision), ("closed", False))
        ballot.with_user(self.chair).action_decide("rejected", "<p>Not passed</p>")
        self.assertEqual((ballot.state, ballot.decision), ("decided", "rejected"))

    def test_rules_are_frozen_once_sent(self):
        """F3: the rules of an open ballot cannot be changed."""
        ballot = self._sent()
        for user in self._everyone():
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(UserError, "cannot be changed"):
                    ballot.with_user(user).write(
                        {"rule_silence": "abstain", "rule_majority_base": "answered"}
                    )
        self.assertEqual(
            (ballot.rule_silence, ballot.rule_majority_base), ("agree", "all")
        )

    def test_members_asked_cannot_be_removed_from_a_closed_ballot(self):
        """F4: removing two silent members would turn 3/7 into 3/5, passed."""
        ballot = self._closed_not_passed()
        silent = ballot.voter_ids.filtered(lambda v: not v.has_answered)[:2]
        for user in self._everyone():
            with self.subTest(user=user.login), self.assertRaises(UserError):
                silent.with_user(user).unlink()
            with self.subTest(user=user.login), self.assertRaises(UserError):
                ballot.with_user(user).write(
                    {"voter_ids": [(2, voter.id) for voter in silent]}
                )
        self.assertEqual(ballot._outcomes()[ballot.question_ids.id], (False, 3, 7))

    # The engine still works ------------------------------------------------------

    def test_answers_are_written_by_the_engine_only(self):
        ballot = self._sent()
        with freeze_time("2027-02-03 03:00:00"):
            response = (
                self.voter(ballot, self.members[0])
                .with_user(self.members[0])
                .answer(ballot.question_ids, "agree")
            )
        self.assertEqual(response.choice, "agree")
        for user in (self.admin, self.root):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                response.with_user(user).write({"choice": "disagree"})
            with self.subTest(user=user.login), self.assertRaises(UserError):
                response.with_user(user).unlink()
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.env["ecabinet.ballot.response"].with_user(user).create(
                    {
                        "ballot_id": ballot.id,
                        "question_id": ballot.question_ids.id,
                        "voter_id": self.voter(ballot, self.members[1]).id,
                        "choice": "agree",
                    }
                )
        with freeze_time("2027-02-04 03:00:00"):
            self.voter(ballot, self.members[0]).with_user(self.members[0]).answer(
                ballot.question_ids, "disagree", "Changed my mind"
            )
        self.assertEqual(response.choice, "disagree")

    def test_secret_vote_is_still_cast(self):
        ballot = self._ballot(secret=True)
        with freeze_time("2027-02-02 02:00:00"):
            ballot.with_user(self.secretariat).action_send()
        voter = self.voter(ballot, self.members[0])
        with freeze_time("2027-02-03 03:00:00"):
            voter.with_user(self.members[0]).answer(ballot.question_ids, "agree")
        self.assertTrue(voter.voted)
        with self.assertRaises(UserError):
            voter.with_user(self.root).write({"voted": False})

    def test_members_are_added_after_sending_through_the_engine_only(self):
        ballot = self._sent()
        newcomer = self.env["res.partner"].create({"name": "Director of Health"})
        with self.assertRaisesRegex(UserError, "nothing can be added"):
            self.env["ecabinet.ballot.voter"].with_user(self.secretariat).create(
                {"ballot_id": ballot.id, "partner_id": newcomer.id}
            )
        with self.assertRaises(UserError):
            ballot.with_user(self.secretariat).write(
                {"question_ids": [(0, 0, {"name": "Another question?"})]}
            )
        (voter,) = ballot._add_voters(newcomer)
        self.assertTrue(voter.added_after_sending)

    # The draft stays editable ------------------------------------------------------

    def test_draft_is_edited_by_the_secretariat(self):
        ballot = self._ballot().with_user(self.secretariat)
        ballot.write(
            {
                "name": "Opinion on the 2027 land price table",
                "question_ids": [(0, 0, {"name": "And the coefficients?"})],
            }
        )
        ballot.action_add_committee_members()
        ballot.voter_ids[:1].unlink()
        ballot.question_ids[:1].write({"name": "Approve the table?"})
        self.assertEqual(len(ballot.question_ids), 2)
        with self.assertRaisesRegex(UserError, "actions only"):
            ballot.write({"state": "sent"})
        with self.assertRaisesRegex(UserError, "starts as draft"):
            self._ballot(state="closed")

    def test_chair_writes_the_decision_note_of_a_closed_ballot_only(self):
        ballot = self._closed_not_passed()
        with self.assertRaises(UserError):
            ballot.with_user(self.secretariat).write({"decision_note": "<p>x</p>"})
        ballot.with_user(self.chair).write({"decision_note": "<p>Ask again</p>"})
        ballot.with_user(self.chair).action_reject()
        with self.assertRaises(UserError):
            ballot.with_user(self.root).write({"decision_note": "<p>Changed</p>"})
        # the framework's own writes still work on a decided ballot
        ballot.message_post(body="Archived")
        ballot.message_subscribe(partner_ids=self.members[0].partner_id.ids)
        ballot._portal_ensure_token()
        ballot.with_user(self.secretariat).write({})

    def test_no_context_key_lifts_the_lock(self):
        """The lock is lifted by the engine's private code path only: a context
        (which an RPC caller sets at will) changes nothing, nor does the install
        mode of data files."""
        ballot = self._closed_not_passed()
        forged = {
            "ecabinet_state_unlocked": True,
            "ecabinet_unlocked": True,
            "install_mode": True,
            "module": "ecabinet_opinion",
        }
        for user in self._everyone():
            with self.subTest(user=user.login), self.assertRaises(UserError):
                ballot.with_user(user).with_context(**forged).write(
                    {"decision": "approved"}
                )
        with ballot._ecabinet_unlocked():
            pass  # the flag is gone when the block ends
        with self.assertRaises(UserError):
            ballot.write({"decision": "approved"})
        self.assertFalse(ballot.decision)
