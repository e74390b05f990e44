# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecabinet_meeting.tests.common import make_session

from .common import BallotCommon


@tagged("post_install", "-at_install")
class TestVoteInSession(BallotCommon, TransactionCase):
    def setUp(self):
        super().setUp()
        self.meeting = make_session(
            self.committee,
            "Regular session",
            ["Land price table 2027"],
            state="in_progress",
        )
        self.item = self.meeting.agenda_item_ids
        self.item.action_start()
        self.attendee = {a.partner_id: a for a in self.meeting.attendee_ids}

    def _present(self, *users):
        for user in users:
            self.attendee[user.partner_id].action_check_in("present")

    def _vote(self, ballot, user, choice):
        voter = ballot.voter_ids.filtered(lambda v: v.partner_id == user.partner_id)
        return voter.with_user(user).answer(ballot.question_ids, choice, "-")

    def test_no_vote_without_quorum(self):
        self._present(self.chair, self.members[0])
        with self.assertRaisesRegex(UserError, "quorum"):
            self.item.with_user(self.chair).action_open_vote()
        with self.assertRaisesRegex(UserError, "Only the chair"):
            self.item.with_user(self.secretariat).action_open_vote()

    def test_majority_counts_all_members_not_those_present(self):
        self._present(self.chair, *self.members[:3])
        ballot = self.item.with_user(self.chair).action_open_vote()
        self.assertEqual(
            ballot.voter_ids.partner_id,
            self.chair.partner_id
            | self.members[0].partner_id
            | self.members[1].partner_id
            | self.members[2].partner_id,
        )
        self._vote(ballot, self.members[0], "agree")
        self._vote(ballot, self.members[1], "agree")
        self._vote(ballot, self.members[2], "disagree")
        ballot.with_user(self.chair).action_close()
        passed, agree, base = ballot._outcomes()[ballot.question_ids.id]
        self.assertEqual((passed, agree, base), (False, 2, 5), "2 of 5 members")
        self.assertFalse(ballot.response_ids.filtered("is_silence"), "no silence rule")
        with self.assertRaisesRegex(UserError, "closed"):
            self._vote(ballot, self.chair, "agree")

    def test_absent_member_cannot_vote(self):
        self._present(self.chair, *self.members[:3])
        ballot = self.item.with_user(self.chair).action_open_vote()
        self.assertNotIn(self.members[3].partner_id, ballot.voter_ids.partner_id)
        self.assertFalse(
            self.env["ecabinet.ballot"]
            .with_user(self.members[3])
            .search([("id", "=", ballot.id)])
        )

    def test_secret_vote_leaves_no_record_linking_a_member_to_a_choice(self):
        self._present(self.chair, *self.members[:3])
        ballot = self.item.with_user(self.chair).action_open_vote(secret=True)
        self._vote(ballot, self.members[0], "agree")
        self._vote(ballot, self.members[1], "disagree")
        self._vote(ballot, self.chair, "agree")
        with self.assertRaisesRegex(UserError, "already voted"):
            self._vote(ballot, self.members[0], "disagree")
        cr = self.env.cr
        self.env.flush_all()
        # While the vote is open the choices are in the urn only, counted live.
        cr.execute(
            "SELECT choice FROM ecabinet_ballot_urn WHERE ballot_id = %s", [ballot.id]
        )
        self.assertEqual(
            sorted(c for (c,) in cr.fetchall()), ["agree"] * 2 + ["disagree"]
        )
        self.assertFalse(ballot.response_ids)
        self.assertEqual(ballot._tally()[ballot.question_ids.id]["agree"], 2)
        self.assertEqual(ballot.answered_count, 3)
        ballot.with_user(self.chair).action_close()
        cr.execute(
            "SELECT count(*) FROM ecabinet_ballot_urn WHERE ballot_id = %s", [ballot.id]
        )
        self.assertEqual(cr.fetchone()[0], 0, "closing empties the urn")
        cr.execute(
            "SELECT voter_id, create_uid, write_uid, create_date, write_date, xmin "
            "FROM ecabinet_ballot_response WHERE ballot_id = %s",
            [ballot.id],
        )
        rows = cr.fetchall()
        self.assertEqual(len(rows), 3)
        self.assertEqual({row[:3] for row in rows}, {(None, None, None)})
        self.assertEqual(
            {row[3] for row in rows} | {row[4] for row in rows}, {ballot.sent_date}
        )
        self.assertEqual(len({row[5] for row in rows}), 1, "one closing transaction")
        cr.execute(
            "SELECT voted, write_date, write_uid FROM ecabinet_ballot_voter "
            "WHERE ballot_id = %s",
            [ballot.id],
        )
        voters = cr.fetchall()
        self.assertEqual(sorted(bool(v[0]) for v in voters), [False, True, True, True])
        self.assertEqual(
            len({v[1:] for v in voters}), 1, "voting leaves no date or author"
        )
        cr.execute(
            "SELECT body FROM mail_message WHERE model = 'ecabinet.ballot' "
            "AND res_id = %s AND author_id IN %s",
            [ballot.id, tuple(u.partner_id.id for u in (self.chair, *self.members))],
        )
        bodies = [body for (body,) in cr.fetchall()]
        self.assertEqual(len(bodies), 1, "the result the chair posted when closing")
        self.assertIn("2 agree out of 5", bodies[0])
        self.assertEqual(ballot._tally()[ballot.question_ids.id]["agree"], 2)
        self.assertEqual(ballot.answered_count, 3)
        question = ballot.question_ids
        self.assertEqual(
            [
                question.count_agree,
                question.count_disagree,
                question.count_other,
                question.count_silent,
                question.result_base,
                question.result_passed,
                ballot.result,
            ],
            [2, 1, 0, 1, 5, False, "not_passed"],
            "2 of all 5 members; the member present who did not vote is silent",
        )
        with self.assertRaisesRegex(UserError, "closed"):
            self._vote(ballot, self.members[2], "agree")

    def test_vote_in_session_outcome_is_stored_at_closing(self):
        self._present(self.chair, *self.members)
        ballot = self.item.with_user(self.chair).action_open_vote()
        self._vote(ballot, self.chair, "agree")
        self._vote(ballot, self.members[0], "agree")
        self._vote(ballot, self.members[1], "agree")
        self._vote(ballot, self.members[2], "other")
        question = ballot.question_ids
        self.assertFalse(question.result_passed or question.count_agree)
        ballot.with_user(self.chair).action_close()
        row = question.with_user(self.secretariat).read(
            [
                "result_passed",
                "count_agree",
                "count_disagree",
                "count_other",
                "count_silent",
                "result_base",
            ]
        )[0]
        self.assertEqual(
            row,
            {
                "id": question.id,
                "result_passed": True,
                "count_agree": 3,
                "count_disagree": 0,
                "count_other": 1,
                "count_silent": 1,
                "result_base": 5,
            },
        )
        self.assertEqual(ballot.with_user(self.secretariat).result, "passed")

    def test_cancelled_secret_vote_leaves_nothing_in_the_urn(self):
        self._present(self.chair, *self.members[:3])
        ballot = self.item.with_user(self.chair).action_open_vote(secret=True)
        self._vote(ballot, self.members[0], "disagree")
        ballot.with_user(self.secretariat).action_cancel()
        self.env.cr.execute(
            "SELECT count(*) FROM ecabinet_ballot_urn WHERE ballot_id = %s", [ballot.id]
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.assertEqual(
            ballot.response_ids.mapped(lambda r: (r.choice, r.voter_id)),
            [("disagree", self.env["ecabinet.ballot.voter"])],
        )
