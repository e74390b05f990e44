# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import BallotCommon


@tagged("post_install", "-at_install")
class TestOpinionBallot(BallotCommon, TransactionCase):
    def _sent(self, *args, when="2027-02-02 02:00:00", **kwargs):
        ballot = self._ballot(*args, **kwargs)
        with freeze_time(when):
            ballot.with_user(self.secretariat).action_send()
        return ballot

    def _answer(self, ballot, user, choice, comment=None, question=None):
        with freeze_time("2027-02-03 03:00:00"):
            return (
                self.voter(ballot, user)
                .with_user(user)
                .answer(question or ballot.question_ids[:1], choice, comment)
            )

    def _close(self, ballot):
        with freeze_time("2027-02-17 03:00:00"):
            ballot.with_user(self.chair).action_close()

    def _result(self, ballot, question=None):
        return ballot._outcomes()[(question or ballot.question_ids[:1]).id]

    def test_deadline_counts_five_working_days_across_tet(self):
        ballot = self._sent()  # Tuesday 2 February 2027, Tết from 4 to 10 February
        self.assertEqual(ballot.deadline, date(2027, 2, 16))
        self.assertEqual(ballot.deadline_at, datetime(2027, 2, 16, 16, 59, 59))
        self.assertEqual(len(ballot.voter_ids), 5, "the whole committee is asked")

    def test_silence_counts_as_agreement_and_is_marked(self):
        ballot = self._sent()
        self._answer(ballot, self.members[0], "agree")
        self._answer(ballot, self.members[1], "agree")
        self._answer(ballot, self.members[2], "disagree", "Prices too high in ward 3")
        self._close(ballot)
        silent = ballot.response_ids.filtered("is_silence")
        self.assertEqual(
            silent.partner_id, self.members[3].partner_id | self.chair.partner_id
        )
        self.assertEqual(set(silent.mapped("choice")), {"agree"})
        self.assertEqual(self._result(ballot), (True, 4, 5))

    def test_outcome_is_stored_at_closing_and_readable_by_the_secretariat(self):
        ballot = self._sent(questions=("Approve the table?", "Approve the budget?"))
        first, second = ballot.question_ids
        self._answer(ballot, self.members[0], "agree", question=first)
        self._answer(ballot, self.members[1], "disagree", "Too high", question=first)
        self._answer(ballot, self.members[2], "other", "Ask the ward", question=first)
        for member in self.members[:3]:
            self._answer(ballot, member, "disagree", "No", question=second)
        fields = [
            "result_passed",
            "count_agree",
            "count_disagree",
            "count_other",
            "count_silent",
            "result_base",
        ]
        self.assertEqual(
            first.read(fields)[0]["count_agree"], 0, "nothing before closing"
        )
        self._close(ballot)
        # Read as an integrator would, over the ORM, by the secretariat.
        rows = {
            row["id"]: row
            for row in ballot.question_ids.with_user(self.secretariat).read(fields)
        }
        # Silence counts as agreement: the chair and member 3 agree on both.
        self.assertEqual(
            [rows[first.id][f] for f in fields], [True, 3, 1, 1, 2, 5], "3 of 5"
        )
        self.assertEqual(
            [rows[second.id][f] for f in fields], [False, 2, 3, 0, 2, 5], "2 of 5"
        )
        self.assertEqual(
            ballot.with_user(self.secretariat).read(["result"])[0]["result"],
            "partly",
        )
        self.assertEqual(
            {q: self._result(ballot, q)[0] for q in ballot.question_ids},
            {first: True, second: False},
            "the stored outcome is the computed one",
        )
        for field in fields:
            self.assertTrue(first._fields[field].readonly)
        passing = self._sent(when="2027-02-02 03:00:00")
        self._answer(passing, self.members[0], "agree")
        self._answer(passing, self.members[1], "disagree", "No")
        self._close(passing)
        question = passing.question_ids
        self.assertEqual(
            (passing.result, question.result_passed, question.count_agree),
            ("passed", True, 4),
        )
        self.assertEqual(
            (question.count_silent, question.count_disagree, question.result_base),
            (3, 1, 5),
        )

    def test_secret_ballot_with_silence_rule_counts_each_member_once(self):
        ballot = self._sent(secret=True)
        self._answer(ballot, self.members[0], "disagree")
        self._answer(ballot, self.members[1], "disagree")
        with self.assertRaisesRegex(UserError, "already voted"):
            self._answer(ballot, self.members[0], "agree")
        self._close(ballot)
        # The two who voted are not counted again as silent agreement.
        silent = ballot.response_ids.filtered("is_silence")
        self.assertEqual(
            silent.partner_id,
            self.members[2].partner_id
            | self.members[3].partner_id
            | self.chair.partner_id,
        )
        self.assertEqual(len(ballot.response_ids), 5)
        question = ballot.question_ids
        self.assertEqual(
            (question.count_agree, question.count_disagree, question.count_silent),
            (3, 2, 3),
        )
        self.assertEqual((ballot.result, question.result_passed), ("passed", True))

    def test_majority_of_all_members_or_of_those_answering(self):
        self.committee.ballot_silence = "abstain"
        ballot = self._sent()
        self._answer(ballot, self.members[0], "agree")
        self._answer(ballot, self.members[1], "agree")
        self._answer(ballot, self.members[2], "disagree", "No")
        self._close(ballot)
        self.assertEqual(self._result(ballot), (False, 2, 5), "2 of 5 is no majority")
        self.committee.ballot_majority_base = "answered"
        answering = self._sent(when="2027-02-02 03:00:00")
        self._answer(answering, self.members[0], "agree")
        self._answer(answering, self.members[1], "agree")
        self._answer(answering, self.members[2], "disagree", "No")
        self._close(answering)
        self.assertEqual(self._result(answering), (True, 2, 3))

    def test_tie_follows_the_chair(self):
        self.committee.ballot_silence = "abstain"
        ballot = self._sent()
        self._answer(ballot, self.chair, "agree")
        self._answer(ballot, self.members[0], "agree")
        self._answer(ballot, self.members[1], "disagree", "No")
        self._answer(ballot, self.members[2], "disagree", "No")
        self._close(ballot)
        self.assertTrue(self._result(ballot)[0], "the chair's side wins the tie")
        with ballot._ecabinet_unlocked():  # the same answers under the other rule
            ballot.rule_tie = "fail"
        self.assertFalse(self._result(ballot)[0])

    def test_rules_are_copied_when_sent(self):
        ballot = self._sent()
        self.committee.write(
            {"ballot_silence": "abstain", "ballot_majority_base": "answered"}
        )
        self.assertEqual(
            (ballot.rule_silence, ballot.rule_majority_base), ("agree", "all")
        )
        self._close(ballot)
        self.assertEqual(len(ballot.response_ids.filtered("is_silence")), 5)

    def test_member_added_after_sending_is_asked_and_counted(self):
        ballot = self._sent()
        newcomer = self.env["res.partner"].create(
            {"name": "New Director of Health", "email": "health@binhminh.example"}
        )
        (voter,) = ballot._add_voters(newcomer)
        self.assertTrue(voter.added_after_sending)
        sent = self.env["ecabinet.notification"].search(
            [("event_id.code", "=", "ballot_sent"), ("partner_id", "=", newcomer.id)]
        )
        self.assertTrue(sent)
        with freeze_time("2027-02-03 03:00:00"):
            voter.answer(ballot.question_ids, "disagree", "Not consulted before")
        self._close(ballot)
        self.assertEqual(self._result(ballot)[2], 6)

    def test_change_of_answer_before_the_deadline_is_kept_in_history(self):
        ballot = self._sent()
        first = self._answer(ballot, self.members[0], "agree")
        second = self._answer(
            ballot, self.members[0], "other", "Split the table in two"
        )
        self.assertEqual(first, second, "one answer per member and question")
        self.assertEqual(
            (second.choice, second.comment), ("other", "Split the table in two")
        )
        history = ballot.message_ids.filtered(
            lambda m: m.author_id == self.members[0].partner_id
        )
        self.assertEqual(len(history), 2)
        self.assertIn("changed the answer", history[0].body)

    def test_answers_are_refused_after_closing_or_the_deadline(self):
        ballot = self._sent()
        voter = self.voter(ballot, self.members[0]).with_user(self.members[0])
        with (
            freeze_time("2027-02-17 00:30:00"),
            self.assertRaisesRegex(UserError, "closed"),
        ):
            voter.answer(ballot.question_ids, "agree")  # deadline passed, cron not run
        self._close(ballot)
        with self.assertRaisesRegex(UserError, "closed"):
            voter.answer(ballot.question_ids, "disagree", "Too late")
        with self.assertRaisesRegex(UserError, "closed"):
            voter.sudo()._ecabinet_notification_action(
                self.env["ecabinet.notification"], "agree"
            )
        self.assertEqual(set(ballot.response_ids.mapped("is_silence")), {True})

    def test_other_opinion_needs_a_comment(self):
        ballot = self._sent()
        with self.assertRaisesRegex(UserError, "Write your opinion"):
            self._answer(ballot, self.members[0], "other", "  ")

    def test_database_keeps_one_answer_per_member_and_question(self):
        ballot = self._sent()
        response = self._answer(ballot, self.members[0], "agree")
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.env.cr.execute(
                "INSERT INTO ecabinet_ballot_response (ballot_id, question_id, "
                "voter_id, choice) VALUES (%s, %s, %s, 'disagree')",
                [ballot.id, response.question_id.id, response.voter_id.id],
            )

    def test_reminder_before_the_deadline_then_automatic_close(self):
        ballot = self._sent()
        self._answer(ballot, self.members[0], "agree")
        self.assertTrue(self.voter(ballot, self.members[0]).has_answered)
        self.assertEqual(ballot.answered_count, 1)
        Ballot = self.env["ecabinet.ballot"]
        with freeze_time("2027-02-15 02:00:00"):  # 09:00 the working day before
            Ballot._cron_send_reminders()
            Ballot._cron_send_reminders()
            Ballot._cron_close_expired()
        reminded = (
            self.env["ecabinet.notification"]
            .search(
                [
                    ("event_id.code", "=", "ballot_reminder"),
                    ("channel", "=", "email"),
                    # Not the demo's open ballot, whatever day the tests run.
                    ("res_model", "=", "ecabinet.ballot.voter"),
                    ("res_id", "in", ballot.voter_ids.ids),
                ]
            )
            .partner_id
        )
        self.assertEqual(
            reminded,
            self.chair.partner_id
            | self.members[1].partner_id
            | self.members[2].partner_id
            | self.members[3].partner_id,
        )
        self.assertEqual(ballot.state, "sent")
        with freeze_time("2027-02-17 01:00:00"):
            Ballot._cron_close_expired()
        self.assertEqual(ballot.state, "closed")
        self.assertEqual(len(ballot.response_ids), 5)

    def test_state_machine_and_groups(self):
        ballot = self._ballot()
        with self.assertRaisesRegex(UserError, "not allowed"):
            ballot.with_user(self.members[0]).action_send()
        with self.assertRaises(UserError):
            ballot.with_user(self.chair).action_close()
        ballot.with_user(self.secretariat).action_send()
        with self.assertRaisesRegex(UserError, "not allowed"):
            ballot.with_user(self.secretariat).action_close()
        with self.assertRaises(UserError):
            ballot.with_user(self.chair).action_approve()
        ballot.with_user(self.chair).action_close()
        with self.assertRaises(UserError):
            ballot.with_user(self.secretariat).action_cancel()
        ballot.with_user(self.chair).action_approve()
        self.assertEqual((ballot.state, ballot.decision), ("decided", "approved"))

    def test_members_read_only_their_own_answers(self):
        ballot = self._sent()
        self._answer(ballot, self.members[0], "agree")
        self._answer(ballot, self.members[1], "disagree", "No")
        Response = self.env["ecabinet.ballot.response"].with_user(self.members[0])
        self.assertEqual(Response.search([]).partner_id, self.members[0].partner_id)
        other_ballot = self._ballot(name="Not for member 0")
        self.assertNotIn(
            other_ballot,
            self.env["ecabinet.ballot"].with_user(self.members[0]).search([]),
        )
