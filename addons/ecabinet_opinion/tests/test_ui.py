# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .test_portal import BallotPortalData


@tagged("post_install", "-at_install")
class TestBallotUi(BallotPortalData, HttpCase):
    def test_member_answers_a_ballot_tour(self):
        self.start_tour(
            "/my/ecabinet/ballots",
            "ecabinet_opinion_member_answers",
            login="o_member0",
        )
        self.env.invalidate_all()
        response = self._responses(self.voter, self.question)
        self.assertEqual(
            (response.choice, response.comment),
            ("disagree", "Prices in district 3 are too high"),
        )
        self.assertFalse(self._responses(self.voter, self.question_2))
