# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from pytz import utc

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoBallots(TransactionCase):
    """The demo's ballots are dated from the day it is installed: one open with
    its deadline ahead, one decided, the votes of the previous session."""

    def setUp(self):
        super().setUp()
        self.open = self.env.ref("ecabinet_opinion.ballot_land_price_2027", False)
        if not self.open:
            self.skipTest("installed without demo data")
        self.calendar = self.open.committee_id.calendar_id
        tz = self.calendar._ecabinet_tz()
        self.now = fields.Datetime.now()
        self.today = utc.localize(self.now).astimezone(tz).date()
        self.sent_day = utc.localize(self.open.sent_date).astimezone(tz).date()

    def test_open_ballot_has_its_deadline_ahead_and_some_answers(self):
        ballot = self.open
        self.assertEqual(ballot.state, "sent")
        self.assertLessEqual(ballot.sent_date, self.now)
        self.assertGreaterEqual(ballot.deadline, self.today)
        self.assertGreater(ballot.deadline_at, self.now)
        self.assertEqual(
            self.calendar.ecabinet_working_days_between(self.sent_day, ballot.deadline),
            ballot.rule_deadline_days,
        )
        self.assertIn(ballot.deadline.strftime("%d/%m/%Y"), ballot.description)
        self.assertTrue(0 < ballot.answered_count < ballot.voter_count)

    def test_decided_ballot_was_closed_at_its_deadline(self):
        ballot = self.env.ref("ecabinet_opinion.ballot_compensation")
        self.assertEqual(ballot.state, "decided")
        self.assertEqual(ballot.decision, "approved")
        self.assertLess(ballot.deadline, self.today)
        self.assertTrue(
            ballot.sent_date
            < ballot.deadline_at
            < ballot.closed_date
            <= ballot.decision_date
            <= self.now
        )
        self.assertTrue(
            all(passed for passed, _agree, _base in ballot._outcomes().values())
        )

    def test_votes_were_taken_during_the_previous_session(self):
        session = self.env.ref("ecabinet_meeting.meeting_previous")
        for xmlid in ("vote_prev_budget", "vote_prev_inspection"):
            vote = self.env.ref(f"ecabinet_opinion.{xmlid}")
            self.assertEqual(vote.state, "closed")
            self.assertTrue(
                session.actual_start
                <= vote.sent_date
                < vote.closed_date
                <= session.actual_end
            )
