# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.tests import TransactionCase, tagged

# Answers of the generated members, by their rank: 6 in 10 agree, 3 disagree,
# 1 gives another opinion.
SHARE = {"agree": 6, "disagree": 3, "other": 1}
# Queries on cold caches, whatever the number of answers.
# _tally(): the questions of the ballot, the ballot (is it an open secret vote,
# whose urn is counted too), the answers counted by (question, choice).
TALLY_QUERIES = 3
# _outcomes(): _tally(), the ballot's rules, the chair's answers (tie rule), the
# number of members asked (majority base).
OUTCOME_QUERIES = 5


def insert_members(ballot, count):
    """Add ``count`` new members to ``ballot``, each answering every question.

    Written in SQL (INSERT ... SELECT generate_series) for speed: 10,000 answers
    take well under a second instead of about a minute through the ORM. Only the
    columns the voting engine reads are filled: the partners have a name, the
    members are marked as having answered, the answers are 60% agree, 30% disagree,
    10% other opinion (see ``SHARE``) by the member's rank. The caches are
    invalidated afterwards, as the ORM knows nothing of these rows.
    """
    env = ballot.env
    env.flush_all()
    env.cr.execute(
        """
        WITH partners AS (
            INSERT INTO res_partner
                (name, complete_name, active, type, create_date, write_date)
            SELECT 'Thành viên ' || n, 'Thành viên ' || n, TRUE, 'contact',
                   now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM generate_series(1, %(count)s) AS n
         RETURNING id
        ), voters AS (
            INSERT INTO ecabinet_ballot_voter
                (ballot_id, company_id, partner_id, has_answered, voted,
                 added_after_sending, create_date, write_date)
            SELECT %(ballot)s, %(company)s, id, TRUE, FALSE, FALSE,
                   now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM partners
         RETURNING id
        ), ranked AS (
            SELECT id, row_number() OVER (ORDER BY id) AS rank FROM voters
        )
        INSERT INTO ecabinet_ballot_response
            (ballot_id, question_id, voter_id, choice, is_silence,
             create_date, write_date)
        SELECT %(ballot)s, question.id, ranked.id,
               CASE WHEN ranked.rank %% 10 < 6 THEN 'agree'
                    WHEN ranked.rank %% 10 < 9 THEN 'disagree'
                    ELSE 'other' END,
               FALSE, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM ranked
         CROSS JOIN ecabinet_ballot_question AS question
         WHERE question.ballot_id = %(ballot)s
        """,
        {"count": count, "ballot": ballot.id, "company": ballot.company_id.id},
    )
    env.invalidate_all()


def make_ballot(env, committee, members, questions=2):
    """A closed opinion ballot of ``questions`` questions answered by ``members``
    generated members: ``members * questions`` answers."""
    Ballot = env["ecabinet.ballot"]
    with Ballot._ecabinet_unlocked("ecabinet.ballot.question"):  # a closed ballot
        ballot = Ballot.create(
            {
                "name": f"Ballot of {members} members",
                "committee_id": committee.id,
                "question_ids": [
                    fields.Command.create({"name": f"Question {n + 1}", "sequence": n})
                    for n in range(questions)
                ],
                "state": "closed",
                "sent_date": "2026-11-25 02:00:00",
                "closed_date": "2026-12-02 17:00:00",
                "rule_silence": "agree",
                "rule_majority_base": "all",
                "rule_majority_percent": 50.0,
                "rule_tie": "chair",
            }
        )
        insert_members(ballot, members)
        # The chair is one of the members, so the tie rule has someone to follow.
        ballot.chair_partner_id = ballot.voter_ids[:1].partner_id
    return ballot


@tagged("post_install", "-at_install", "is_query_count")
class TestBallotTally(TransactionCase):
    """Counting the answers of a ballot costs the same number of queries for a
    committee of fifty and for ten thousand answers: the database counts, the ORM
    does not load the answers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee = cls.env["ecabinet.committee"].create({"name": "Tally"})
        cls.small = make_ballot(cls.env, cls.committee, members=50)  # 100 answers
        cls.large = make_ballot(cls.env, cls.committee, members=5000)  # 10,000

    def _expected(self, members):
        """Answers per choice and question of ``members`` generated members."""
        counts = dict.fromkeys(SHARE, 0)
        for rank in range(1, members + 1):
            digit = rank % 10
            choice = "agree" if digit < 6 else "disagree" if digit < 9 else "other"
            counts[choice] += 1
        return counts

    def _queries(self, func):
        """Queries of ``func()`` on cold caches, and its result."""
        self.env.invalidate_all()
        self.env.flush_all()
        before = self.cr.sql_log_count
        result = func()
        return self.cr.sql_log_count - before, result

    def test_ten_thousand_answers_are_counted(self):
        self.assertEqual(len(self.large.response_ids), 10000)
        expected = self._expected(5000)
        self.assertEqual(expected, {"agree": 3000, "disagree": 1500, "other": 500})
        tally = self.large._tally()
        self.assertEqual(
            tally, {question.id: expected for question in self.large.question_ids}
        )
        outcomes = self.large._outcomes()
        self.assertEqual(
            [outcomes[question.id] for question in self.large.question_ids],
            [(True, 3000, 5000)] * 2,
        )

    def test_tally_queries_do_not_grow_with_the_answers(self):
        for ballot in (self.small, self.large):
            ballot._tally()  # warm the ORM's caches (rules, fields)
        for ballot in (self.small, self.large):
            self.env.invalidate_all()
            with self.assertQueryCount(TALLY_QUERIES):
                ballot._tally()
        # assertQueryCount accepts fewer queries: the two sizes must also agree.
        small, _tally = self._queries(self.small._tally)
        large, _tally = self._queries(self.large._tally)
        self.assertEqual(small, large, "100 and 10,000 answers: same queries")

    def test_outcome_queries_do_not_grow_with_the_answers(self):
        for ballot in (self.small, self.large):
            ballot._outcomes()  # warm the ORM's caches (rules, fields)
        for ballot in (self.small, self.large):
            self.env.invalidate_all()
            with self.assertQueryCount(OUTCOME_QUERIES):
                ballot._outcomes()
        # assertQueryCount accepts fewer queries: the two sizes must also agree.
        small, outcomes = self._queries(self.small._outcomes)
        self.assertEqual(
            [outcomes[question.id] for question in self.small.question_ids],
            [(True, 30, 50)] * 2,
        )
        large, _outcomes = self._queries(self.large._outcomes)
        self.assertEqual(small, large, "100 and 10,000 answers: same queries")
