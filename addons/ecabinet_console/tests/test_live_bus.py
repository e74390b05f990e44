# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import LiveData


@tagged("post_install", "-at_install")
class TestLiveMessages(LiveData, TransactionCase):
    """One bus message per change, on the session's channel only."""

    def test_each_change_sends_one_message_on_the_session_channel(self):
        chair = self.chair
        meeting = self.meeting.with_user(chair)
        # Check-in at the door
        self.check_in(self.chair)
        self.assertOneLiveMessage(["attendance"])
        self.check_in(*self.members[:4])
        self.assertOneLiveMessage(["attendance"])
        # The chair moves to the first item
        self.assertEqual(meeting.ecabinet_next_item(), self.item1.id)
        self.assertOneLiveMessage(["item"])
        # A member asks to speak, the chair calls them, then stops their time
        speech = (
            self.env["ecabinet.meeting.speech"]
            .sudo()
            .create(
                {
                    "item_id": self.item1.id,
                    "attendee_id": self.attendee[self.member.partner_id].id,
                }
            )
        )
        self.assertOneLiveMessage(["speech"])
        self.assertEqual(meeting.ecabinet_call_next_speaker(), speech.id)
        self.assertOneLiveMessage(["speech"])
        self.assertEqual(speech.state, "speaking")
        speech.with_user(chair).action_done()
        self.assertOneLiveMessage(["speech"])
        self.assertTrue(speech.seconds >= 0 and speech.ended_at)
        # Vote: opened, counted, closed, published
        ballot = self.item1.with_user(chair).action_open_vote()
        self.assertOneLiveMessage(["vote"])
        voter = ballot.voter_ids.filtered(
            lambda v: v.partner_id == self.member.partner_id
        )
        voter.with_user(self.member).answer(ballot.question_ids, "agree")
        self.assertOneLiveMessage(["count"])
        ballot.with_user(chair).action_close()
        self.assertOneLiveMessage(["vote"])
        ballot.with_user(chair).action_publish_result()
        self.assertOneLiveMessage(["result"])
        self.assertTrue(ballot.result_published)
        # Conclusion of the item
        self.item1.with_user(self.secretariat).write(
            {"conclusion": "Approved.", "minute_notes": "Debate on district 3."}
        )
        self.assertOneLiveMessage(["conclusion"])
        # Next item: the first ends, the second starts, the pointer moves: one
        self.assertEqual(meeting.ecabinet_next_item(), self.item2.id)
        self.assertOneLiveMessage(["item"])
        self.assertEqual(
            (self.item1.state, self.item2.state, self.meeting.current_item_id),
            ("done", "in_progress", self.item2),
        )
        # Closing the session ends the item too: one message
        self.meeting.with_user(self.secretariat).action_close()
        self.assertOneLiveMessage(["item", "session"])

    def test_secret_vote_is_counted_live_without_saying_who(self):
        self.quorum()
        self.item1.with_user(self.chair).action_start()
        ballot = self.item1.with_user(self.chair).action_open_vote(secret=True)
        self.live_messages()
        voter = ballot.voter_ids.filtered(
            lambda v: v.partner_id == self.member.partner_id
        )
        voter.with_user(self.member).answer(ballot.question_ids, "disagree")
        messages = self.bus_messages()
        live = [m for m in messages if m[1] == "ecabinet.live/changed"]
        self.assertEqual(
            live,
            [
                (
                    self.channel_of(self.meeting),
                    "ecabinet.live/changed",
                    {"meeting_id": self.meeting.id, "changes": ["count"]},
                )
            ],
            "the payload says that the count changed, never who voted what",
        )
        state = self.meeting.with_user(self.chair).ecabinet_console_state()
        self.assertEqual(state["vote"]["counts"]["disagree"], 1)
        self.assertEqual(state["vote"]["answered_count"], 1)

    def test_changes_of_another_session_go_to_its_own_channel_only(self):
        attendee = self.other_meeting.attendee_ids.filtered(
            lambda a: a.partner_id == self.outsider.partner_id
        )
        attendee.with_user(self.secretariat).action_check_in("present")
        self.assertOneLiveMessage(["attendance"], meeting=self.other_meeting)
        self.other_meeting.agenda_item_ids.with_user(self.chair).action_start()
        messages = self.live_messages()
        self.assertEqual(
            [channel for channel, _changes, _id in messages],
            [self.channel_of(self.other_meeting)],
        )
        self.assertNotIn(
            self.channel_of(self.meeting), [c for c, _t, _p in self.bus_messages()]
        )

    def test_substitute_checked_in_at_the_door_sends_one_message(self):
        absent = self.attendee[self.members[4].partner_id]
        absent.with_user(self.secretariat).action_check_in_substitute("Ngô Văn Phó")
        self.assertOneLiveMessage(["attendance"])
        other = self.attendee[self.members[3].partner_id]
        with self.assertRaisesRegex(UserError, "Give the name"):
            other.with_user(self.secretariat).action_check_in_substitute("  ")
        self.assertEqual(self.live_messages(), [], "a refused check-in sends nothing")

    def test_nothing_is_sent_while_the_session_is_prepared(self):
        draft = self._meeting(name="Session in preparation")
        draft.action_generate_attendees()
        draft.agenda_item_ids[0].write({"name": "Renamed item"})
        self.assertEqual(self.live_messages(), [])

    def test_a_refused_action_sends_nothing(self):
        self.item1.with_user(self.chair).action_start()
        self.live_messages()
        with self.assertRaisesRegex(UserError, "Nobody is waiting"):
            self.meeting.with_user(self.chair).ecabinet_call_next_speaker()
        with self.assertRaisesRegex(UserError, "quorum"):
            self.item1.with_user(self.chair).action_open_vote()
        self.assertEqual(self.live_messages(), [])


@tagged("post_install", "-at_install")
class TestLiveAccess(LiveData, TransactionCase):
    def test_projector_token_lives_with_the_session(self):
        token = self.meeting.projector_token
        self.assertTrue(token and len(token) >= 40)
        Meeting = self.env["ecabinet.meeting"]
        self.assertEqual(Meeting._ecabinet_from_projector_token(token), self.meeting)
        self.assertFalse(Meeting._ecabinet_from_projector_token(token[:-1] + "x"))
        self.assertFalse(Meeting._ecabinet_from_projector_token(""))
        self.assertNotEqual(self.other_meeting.projector_token, token)
        self.assertIn(token, self.meeting.projector_url)
        self.meeting.with_user(self.secretariat).action_close()
        self.assertFalse(self.meeting.projector_token)
        self.assertFalse(Meeting._ecabinet_from_projector_token(token))

    def test_members_cannot_read_the_token_nor_run_the_console(self):
        meeting = self.meeting.with_user(self.member)
        with self.assertRaises(AccessError):
            meeting.read(["projector_token"])
        for method in (
            "ecabinet_console_state",
            "ecabinet_next_item",
            "ecabinet_call_next_speaker",
            "action_open_console",
        ):
            with self.assertRaises(AccessError, msg=method):
                getattr(meeting, method)()

    def test_member_of_another_committee_cannot_load_the_live_data(self):
        meeting = self.meeting.with_user(self.outsider)
        with self.assertRaises(AccessError):
            meeting._ecabinet_member_state()
        with self.assertRaises(AccessError):
            meeting.ecabinet_console_state()
        self.assertFalse(
            self.env["ecabinet.meeting"]
            .with_user(self.outsider)
            ._ecabinet_live_for_user(self.meeting.id)
        )
        self.assertEqual(
            self.env["ecabinet.meeting"]
            .with_user(self.member)
            ._ecabinet_live_for_user(self.meeting.id),
            self.meeting,
        )
        self.assertFalse(
            self.env["ecabinet.meeting"]
            .with_user(self.env.ref("base.public_user"))
            ._ecabinet_live_for_user(self.meeting.id)
        )

    def test_only_the_chair_moves_to_the_next_item(self):
        self.item1.with_user(self.chair).action_start()
        self.live_messages()
        with self.assertRaisesRegex(AccessError, "Only the chair moves"):
            self.meeting.with_user(self.secretariat).ecabinet_next_item()
        self.assertEqual(self.meeting.current_item_id, self.item1)
        self.assertEqual(self.live_messages(), [], "a refused move sends nothing")
        self.assertEqual(
            self.meeting.with_user(self.chair).ecabinet_next_item(), self.item2.id
        )
        self.assertEqual(self.meeting.current_item_id, self.item2)

    def test_only_the_chair_publishes_a_closed_vote(self):
        self.quorum()
        self.item1.with_user(self.chair).action_start()
        ballot = self.item1.with_user(self.chair).action_open_vote()
        with self.assertRaisesRegex(UserError, "open: you cannot publish"):
            ballot.with_user(self.chair).action_publish_result()
        ballot.with_user(self.chair).action_close()
        with self.assertRaisesRegex(UserError, "not allowed to publish"):
            ballot.with_user(self.secretariat).action_publish_result()
        self.assertFalse(ballot.result_published)

    def test_member_state_follows_the_current_item(self):
        self.quorum()
        state = self.meeting.with_user(self.member)._ecabinet_member_state()
        self.assertFalse(state["item"])
        self.assertFalse(state["can_speak"])
        self.item1.with_user(self.chair).action_start()
        state = self.meeting.with_user(self.member)._ecabinet_member_state()
        self.assertEqual(state["item"]["name"], "Public investment plan 2027")
        self.assertEqual(
            [d["name"] for d in state["documents"]], ["Draft investment plan"]
        )
        self.assertTrue(state["can_speak"])
        self.assertFalse(state["open_vote"])
        ballot = self.item1.with_user(self.chair).action_open_vote()
        state = self.meeting.with_user(self.member)._ecabinet_member_state()
        self.assertEqual(state["open_vote"]["id"], ballot.id)
        self.assertFalse(state["open_vote"]["voted"])
        self.assertFalse(state["vote"], "no result before the chair publishes it")
        ballot.with_user(self.chair).action_close()
        ballot.with_user(self.chair).action_publish_result()
        state = self.meeting.with_user(self.member)._ecabinet_member_state()
        self.assertFalse(state["open_vote"])
        self.assertEqual(state["vote"]["id"], ballot.id)
        projector = self.meeting._ecabinet_projector_state()
        self.assertEqual(
            projector["vote"]["counts"], {"agree": 0, "disagree": 0, "other": 0}
        )
        self.assertEqual((projector["item_position"], projector["item_count"]), (1, 2))
