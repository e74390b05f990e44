# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecabinet_meeting.tests.common import PDF_2_PAGES, make_session

from .common import BallotCommon


@tagged("post_install", "-at_install")
class TestRecusal(BallotCommon, TransactionCase):
    """A member recused from an item (conflict of interest) is out of its quorum
    base, its vote and, if the committee says so, its documents."""

    def setUp(self):
        super().setUp()
        self.meeting = make_session(
            self.committee,
            "Regular session",
            ["Land price table 2027", "Tết security plan"],
            state="in_progress",
        )
        self.item, self.other_item = self.meeting.agenda_item_ids
        self.item.action_start()
        attendee = {a.partner_id: a for a in self.meeting.attendee_ids}
        for user in (self.chair, *self.members[:3]):
            attendee[user.partner_id].action_check_in("present")
        self.Recusal = self.env["ecabinet.meeting.recusal"]

    def _recuse(self, user, item=None, reason="My spouse manages the contractor"):
        return self.Recusal.with_user(user).create(
            {"item_id": (item or self.item).id, "reason": reason}
        )

    def _vote(self, ballot, user, choice="agree"):
        return (
            self.voter(ballot, user).with_user(user).answer(ballot.question_ids, choice)
        )

    def test_recused_member_is_out_of_the_item_quorum_base(self):
        self.assertEqual(
            (self.item.quorum_member_count, self.item.quorum_present_count), (5, 4)
        )
        self._recuse(self.members[2])
        self.assertEqual(self.item.recused_partner_ids, self.members[2].partner_id)
        self.assertEqual(
            (
                self.item.quorum_member_count,
                self.item.quorum_present_count,
                self.item.quorum_required,
                self.item.quorum_reached,
            ),
            (4, 3, 3, True),
            "4 members on this item, 3 present: two thirds of 4 is 3",
        )
        # the session and its other items are not touched
        self.assertEqual(
            (self.meeting.member_count, self.meeting.present_count), (5, 4)
        )
        self.assertEqual(
            (self.other_item.quorum_member_count, self.other_item.quorum_present_count),
            (5, 4),
        )
        # two more recusals of members present: 1 of 2 is not two thirds
        self._recuse(self.members[1])
        self._recuse(self.members[0])
        self.assertEqual(
            (self.item.quorum_member_count, self.item.quorum_present_count), (2, 1)
        )
        self.assertFalse(self.item.quorum_reached)
        with self.assertRaisesRegex(UserError, "quorum is not reached"):
            self.item.with_user(self.chair).action_open_vote()

    def test_vote_does_not_list_the_recused_member_and_counts_without_them(self):
        self._recuse(self.members[2])
        ballot = self.item.with_user(self.chair).action_open_vote()
        self.assertEqual(
            ballot.voter_ids.partner_id,
            self.chair.partner_id
            | self.members[0].partner_id
            | self.members[1].partner_id,
        )
        for user in (self.chair, self.members[0], self.members[1]):
            self._vote(ballot, user)
        ballot.with_user(self.chair).action_close()
        passed, agree, base = ballot._outcomes()[ballot.question_ids.id]
        self.assertEqual((passed, agree, base), (True, 3, 4), "3 of the 4 members")

    def test_recusal_during_an_open_vote_refuses_the_answer(self):
        for secret in (False, True):
            ballot = self.item.with_user(self.chair).action_open_vote(secret=secret)
            recusal = self._recuse(self.members[1])
            with self.assertRaisesRegex(UserError, "recused from"):
                self._vote(ballot, self.members[1])
            voter = self.voter(ballot, self.members[1])
            self.assertFalse(voter.has_answered)
            self.assertNotIn(
                self.members[1].partner_id, ballot._not_voted_voters().partner_id
            )
            self.assertFalse(ballot.response_ids)
            self.assertEqual(sum(ballot._tally()[ballot.question_ids.id].values()), 0)
            # the recusal stays once a vote is opened
            with self.assertRaisesRegex(UserError, "can no longer be withdrawn"):
                recusal.with_user(self.members[1]).action_withdraw()
            ballot.with_user(self.secretariat).action_cancel()
            recusal.with_user(self.secretariat).action_withdraw()

    def test_member_who_voted_cannot_recuse_from_that_vote(self):
        ballot = self.item.with_user(self.chair).action_open_vote(secret=True)
        self._vote(ballot, self.members[0])
        with self.assertRaisesRegex(UserError, "already voted"):
            self._recuse(self.members[0])
        self.assertFalse(self.Recusal.search([("item_id", "=", self.item.id)]))

    def test_member_withdraws_own_recusal_before_the_vote(self):
        recusal = self._recuse(self.members[2])
        with self.assertRaises(AccessError):
            recusal.with_user(self.members[1]).action_withdraw()
        self.assertIs(recusal.with_user(self.members[2]).action_withdraw(), True)
        self.assertEqual(recusal.state, "withdrawn")
        self.assertTrue(recusal.withdrawn_date)
        self.assertFalse(self.item.recused_partner_ids)
        self.assertEqual(self.item.quorum_member_count, 5)
        with self.assertRaisesRegex(UserError, "withdrawn"):
            recusal.with_user(self.members[2]).action_withdraw()
        # declared again, then the vote opens: it stays
        again = self._recuse(self.members[2], reason="Shareholder of the bidder")
        self.item.with_user(self.chair).action_open_vote()
        with self.assertRaisesRegex(UserError, "can no longer be withdrawn"):
            again.with_user(self.members[2]).action_withdraw()
        with self.assertRaisesRegex(UserError, "can no longer be withdrawn"):
            again.with_user(self.chair).action_withdraw()
        self.assertEqual(again.state, "declared")

    def test_who_declares_what(self):
        member = self.members[0]
        with self.assertRaisesRegex(UserError, "reason"):
            self._recuse(member, reason="  ")
        with self.assertRaises(AccessError):
            self.Recusal.with_user(member).create(
                {
                    "item_id": self.item.id,
                    "partner_id": self.members[1].partner_id.id,
                    "reason": "Not mine to declare",
                }
            )
        recusal = self._recuse(member)
        self.assertEqual(recusal.partner_id, member.partner_id)
        self.assertEqual(recusal.declared_by_id, member)
        with self.assertRaisesRegex(UserError, "already declared"):
            self._recuse(member)
        # a member does not edit, move or delete it (the lock and the rights)
        with self.assertRaises(AccessError):
            recusal.with_user(member).write({"reason": "Changed"})
        with self.assertRaises(AccessError):
            recusal.with_user(member).unlink()
        with self.assertRaises(UserError):
            recusal.with_user(self.secretariat).write(
                {"partner_id": self.chair.partner_id.id}
            )
        with self.assertRaises(UserError):
            recusal.with_user(self.secretariat).unlink()
        with self.assertRaises(UserError):
            recusal.with_user(self.secretariat).write({"state": "withdrawn"})
        recusal.with_user(self.secretariat).write({"reason": "Corrected reason"})
        # the chair records a member's recusal; not for someone outside the committee
        by_chair = self.Recusal.with_user(self.chair).create(
            {
                "item_id": self.other_item.id,
                "partner_id": self.members[3].partner_id.id,
                "reason": "Declared in the room",
            }
        )
        self.assertEqual(by_chair.declared_by_id, self.chair)
        stranger = self.env["res.partner"].create({"name": "Stranger"})
        with self.assertRaisesRegex(UserError, "not a member"):
            self.Recusal.with_user(self.chair).create(
                {
                    "item_id": self.item.id,
                    "partner_id": stranger.id,
                    "reason": "Nobody",
                }
            )
        # a member reads their own recusals only
        self.assertEqual(self.Recusal.with_user(self.members[3]).search([]), by_chair)
        self.assertEqual(
            self.Recusal.with_user(self.secretariat).search([]), recusal | by_chair
        )
        # not on an item already discussed
        self.item.with_user(self.chair).action_end()
        with self.assertRaisesRegex(UserError, "still to be discussed"):
            self._recuse(self.members[1])

    def test_documents_of_the_item_hidden_when_the_committee_says_so(self):
        document = self.env["ecabinet.meeting.document"].create(
            {
                "meeting_id": self.meeting.id,
                "name": "Land price table",
                "datas": PDF_2_PAGES,
                "filename": "land.pdf",
                "item_ids": [fields.Command.link(self.item.id)],
            }
        )
        general = self.env["ecabinet.meeting.document"].create(
            {
                "meeting_id": self.meeting.id,
                "name": "Seating plan",
                "datas": PDF_2_PAGES,
                "filename": "seating.pdf",
            }
        )
        Document = self.env["ecabinet.meeting.document"]
        member = self.members[2]
        domain = [("meeting_id", "=", self.meeting.id)]
        self._recuse(member)
        self.assertFalse(self.committee.recusal_hides_documents, "off by default")
        self.assertEqual(Document.with_user(member).search(domain), document | general)
        self.committee.recusal_hides_documents = True
        self.assertEqual(Document.with_user(member).search(domain), general)
        with self.assertRaises(AccessError):
            document.with_user(member).check_access("read")
        # the others still read it
        self.assertEqual(
            Document.with_user(self.members[1]).search(domain), document | general
        )
