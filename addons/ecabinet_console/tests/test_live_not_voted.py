# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bus.models.bus import channel_with_db, json_dump

from .common import LiveData

CHOICE_WORDS = ("agree", "disagree", "other", "choice")


@tagged("post_install", "-at_install")
class TestLiveNotVoted(LiveData, TransactionCase):
    """The chair and the secretariat see who, among those present, has not voted
    yet (never how anybody voted) and can remind them on their own tablet."""

    def _open(self, secret):
        self.quorum()  # the chair and members 0-3 present; member 4 is not
        self.item1.with_user(self.chair).action_start()
        ballot = self.item1.with_user(self.chair).action_open_vote(secret=secret)
        self.bus_messages()
        return ballot

    def _vote(self, ballot, user, choice):
        voter = ballot.voter_ids.filtered(lambda v: v.partner_id == user.partner_id)
        voter.with_user(user).answer(ballot.question_ids, choice)

    def _not_voted(self):
        state = self.meeting.with_user(self.chair).ecabinet_console_state()
        for entry in state["not_voted"]:
            self.assertEqual(
                set(entry),
                {"voter_id", "name", "awaiting_signature"},
                "a name, not a choice",
            )
            self.assertFalse(entry["awaiting_signature"], "no vote signed by phone")
        return [entry["name"] for entry in state["not_voted"]]

    def _name(self, user):
        return self.meeting._ecabinet_partner_names(user.partner_id)[user.partner_id.id]

    def test_not_voted_list_shrinks_and_never_carries_a_choice(self):
        for secret in (False, True):
            ballot = self._open(secret)
            present = [self.chair, *self.members[:4]]
            self.assertEqual(
                sorted(self._not_voted()), sorted(self._name(u) for u in present)
            )
            self.assertEqual(
                ballot.with_user(self.secretariat).not_voted_partner_ids,
                self.chair.partner_id
                | self.members[0].partner_id
                | self.members[1].partner_id
                | self.members[2].partner_id
                | self.members[3].partner_id,
            )
            self._vote(ballot, self.members[0], "disagree")
            self._vote(ballot, self.members[1], "other")
            messages = self.bus_messages()
            self.assertTrue(messages, "the console is told to re-read")
            for _channel, _kind, payload in messages:
                text = json.dumps(payload)
                for word in CHOICE_WORDS:
                    self.assertNotIn(word, text, "no choice in a bus message")
            self.assertEqual(
                sorted(self._not_voted()),
                sorted(self._name(u) for u in (self.chair, *self.members[2:4])),
            )
            # a member who is not present is not listed
            self.assertNotIn(self._name(self.members[4]), self._not_voted())
            ballot.with_user(self.chair).action_close()
            self.assertEqual(self._not_voted(), [], "nothing once the vote closes")
            self.assertFalse(ballot.with_user(self.secretariat).not_voted_partner_ids)
            # the next round
            self.item1.with_user(self.chair).action_end()
            self.item1 = self.item2

    def test_nudge_reaches_only_that_member_once_a_minute(self):
        ballot = self._open(secret=True)
        voter = ballot.voter_ids.filtered(
            lambda v: v.partner_id == self.members[1].partner_id
        )
        with self.assertRaisesRegex(UserError, "not allowed"):
            voter.with_user(self.members[0]).action_nudge()
        now = fields.Datetime.now()
        with freeze_time(now):
            self.assertIs(voter.with_user(self.secretariat).action_nudge(), True)
            messages = self.bus_messages()
            self.assertEqual(
                messages,
                [
                    (
                        json_dump(
                            channel_with_db(
                                self.env.cr.dbname, self.members[1].partner_id
                            )
                        ),
                        "ecabinet.live/nudge",
                        {"meeting_id": self.meeting.id, "ballot_id": ballot.id},
                    )
                ],
                "one message, to that member only",
            )
            with self.assertRaisesRegex(UserError, "less than a minute"):
                voter.with_user(self.chair).action_nudge()
        with freeze_time(now + timedelta(seconds=61)):
            self.assertIs(voter.with_user(self.chair).action_nudge(), True)
        # a member who has voted, or who is not present, is not reminded
        self._vote(ballot, self.members[1], "agree")
        with self.assertRaisesRegex(UserError, "not among"):
            voter.with_user(self.chair).action_nudge()
        ballot.with_user(self.chair).action_close()
        chair_voter = ballot.voter_ids.filtered(
            lambda v: v.partner_id == self.chair.partner_id
        )
        with self.assertRaisesRegex(UserError, "not among"):
            chair_voter.with_user(self.chair).action_nudge()
