# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Speaking limits and the requests taken before the queue: through the ORM (who
changes what, when), the console's RPC methods and the tablet's route."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.ecabinet_base.tests.common import PortalTestMixin

from .common import LiveData

T0 = datetime(2027, 2, 12, 1, 0, 0)


class SpeakingData(LiveData):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee.write(
            {
                "speaking_limit_regular": 120,
                "speaking_limit_thematic": 600,
                "speaking_warning": 20,
            }
        )
        cls.check_in(cls, cls.chair, *cls.members[:4])
        cls.item1.with_user(cls.chair).action_start()
        cls.env.cr.precommit.run()

    def ask(self, user, kind="speech", at=T0):
        """``user`` asks to speak on the first item at ``at``."""
        with freeze_time(at):
            speech_id = self.item1.with_user(user).action_request_to_speak(kind=kind)
        return self.env["ecabinet.meeting.speech"].browse(speech_id)


@tagged("post_install", "-at_install")
class TestSpeakingLimits(SpeakingData, TransactionCase):
    def test_the_time_given_comes_from_the_item_else_the_committee(self):
        self.assertEqual(self.meeting.session_type, "regular")
        self.assertEqual(self.committee._speaking_limit("thematic"), 600)
        first, second = self.ask(self.member), self.ask(self.members[1])
        first.with_user(self.chair).action_call()
        self.assertEqual(first.limit_seconds, 120)
        # the chair sets the item's own time during the session
        self.item1.with_user(self.chair).speaking_limit = 45
        second.with_user(self.chair).action_call()
        self.assertEqual((second.limit_seconds, first.state), (45, "done"))
        with self.assertRaisesRegex(UserError, "not negative"):
            self.item1.with_user(self.chair).speaking_limit = -1
        with self.assertRaisesRegex(UserError, "not negative"):
            self.committee.speaking_warning = -5

    def test_the_chair_extends_the_time_and_nobody_writes_it(self):
        speech = self.ask(self.member)
        with freeze_time(T0):
            speech.with_user(self.chair).action_call()
        with freeze_time(T0 + timedelta(seconds=100)):
            self.assertIs(speech.with_user(self.chair).action_extend(30), True)
        self.assertEqual(speech.limit_seconds, 150)
        # past the end: the extension counts from now
        with freeze_time(T0 + timedelta(seconds=200)):
            speech.with_user(self.chair).action_extend()
        self.assertEqual(speech.limit_seconds, 260)
        for seconds in (0, -10, "60", True):
            with self.assertRaisesRegex(UserError, "number of seconds"):
                speech.with_user(self.chair).action_extend(seconds)
        # the times are the actions': not even the secretariat (or the superuser)
        # writes them
        for vals in (
            {"limit_seconds": 9999},
            {"started_at": T0 + timedelta(seconds=50)},
            {"ended_at": T0},
        ):
            for env_user in (self.secretariat, self.env.user):
                with self.assertRaisesRegex(UserError, "cannot"):
                    speech.with_user(env_user).write(vals)
        # what was asked is the record's once the speaker has had the floor
        with self.assertRaisesRegex(UserError, "has had the floor"):
            speech.with_user(self.secretariat).kind = "reply"
        # a member writes no speech at all
        with self.assertRaises(AccessError):
            speech.with_user(self.member).write({"limit_seconds": 10})
        with self.assertRaises(AccessError):
            speech.with_user(self.member).action_extend(60)
        speech.with_user(self.chair).action_done()
        with self.assertRaisesRegex(UserError, "extend"):
            speech.with_user(self.chair).action_extend(60)
        self.assertEqual(speech.limit_seconds, 260)

    def test_the_secretariat_corrects_the_kind_while_the_request_waits(self):
        speech = self.ask(self.member)
        speech.with_user(self.secretariat).kind = "point_of_order"
        self.assertEqual((speech.kind, speech.rank), ("point_of_order", 0))

    def test_time_up_stops_the_speech_at_its_limit_when_the_committee_says_so(self):
        speech = self.ask(self.member)
        meeting = self.meeting.with_user(self.chair)
        with freeze_time(T0):
            speech.with_user(self.chair).action_call()
        self.live_messages()
        # the chair stops speakers: the time is up on the screens, nothing more
        with freeze_time(T0 + timedelta(seconds=130)):
            self.assertEqual(meeting.ecabinet_speech_time_up(), [])
        self.assertEqual(speech.state, "speaking")
        self.committee.speaking_auto_stop = True
        # the server's clock decides, not the console's
        with freeze_time(T0 + timedelta(seconds=119)):
            self.assertEqual(meeting.ecabinet_speech_time_up(), [])
        self.assertEqual(speech.state, "speaking")
        self.assertEqual(self.live_messages(), [])
        with freeze_time(T0 + timedelta(seconds=125)):
            self.assertEqual(meeting.ecabinet_speech_time_up(), speech.ids)
        self.assertEqual(
            (speech.state, speech.ended_at, speech.seconds),
            ("done", T0 + timedelta(seconds=120), 120),
        )
        self.assertOneLiveMessage(["speech"])
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.member).ecabinet_speech_time_up()

    def test_the_cron_stops_the_speeches_whose_time_is_up(self):
        self.committee.speaking_auto_stop = True
        cron = self.env.ref("ecabinet_meeting.ir_cron_speech_time_up")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        speech, other = self.ask(self.member), self.ask(self.members[1])
        with freeze_time(T0):
            speech.with_user(self.chair).action_call()
        trigger = (
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]) - triggers
        )
        self.assertEqual(trigger.call_at, T0 + timedelta(seconds=120))
        with freeze_time(T0 + timedelta(seconds=60)):
            self.env["ecabinet.meeting.speech"]._cron_stop_time_up()
        self.assertEqual(speech.state, "speaking")
        with freeze_time(T0 + timedelta(seconds=180)):
            self.env["ecabinet.meeting.speech"]._cron_stop_time_up()
        self.assertEqual((speech.state, speech.seconds), ("done", 120))
        self.assertEqual(other.state, "requested")

    def test_points_of_order_and_replies_come_before_the_queue(self):
        speech = self.ask(self.member, at=T0)
        reply = self.ask(self.members[1], "reply", at=T0 + timedelta(seconds=1))
        order = self.ask(
            self.members[2], "point_of_order", at=T0 + timedelta(seconds=2)
        )
        later = self.ask(self.members[3], "reply", at=T0 + timedelta(seconds=3))
        state = self.meeting.with_user(self.chair).ecabinet_console_state()
        self.assertEqual(
            [(s["id"], s["kind"]) for s in state["speeches"]],
            [
                (order.id, "point_of_order"),
                (reply.id, "reply"),
                (later.id, "reply"),
                (speech.id, "speech"),
            ],
        )
        member_state = self.meeting.with_user(self.member)._ecabinet_member_state()
        self.assertEqual(member_state["my_speech"]["position"], 4)
        self.assertEqual(
            self.meeting.with_user(self.members[3])._ecabinet_member_state()[
                "my_speech"
            ]["position"],
            3,
        )
        meeting = self.meeting.with_user(self.chair)
        called = [meeting.ecabinet_call_next_speaker() for _ in range(4)]
        self.assertEqual(called, [order.id, reply.id, later.id, speech.id])
        # the speaker's values on the screens: kind and the time given
        speaking = self.meeting._ecabinet_projector_state()["speaking"]
        self.assertEqual((speaking["kind"], speaking["limit_seconds"]), ("speech", 120))

    def test_points_of_order_and_replies_on_the_item_being_discussed_only(self):
        with self.assertRaisesRegex(UserError, "item being discussed"):
            self.item2.with_user(self.member).action_request_to_speak(
                kind="point_of_order"
            )
        # a speech on an item still to come is fine
        self.assertTrue(self.item2.with_user(self.member).action_request_to_speak())
        with self.assertRaisesRegex(UserError, "point of order or a reply"):
            self.item1.with_user(self.member).action_request_to_speak(kind="other")
        self.assertFalse(self.item1.speech_ids)

    def test_the_screens_show_who_speaks_from_the_call(self):
        """A member attending online speaks from the call: the console, the
        tablets and the projector mark them; a member in the room is not."""
        online = self.members[4]
        self.check_in(online, attendance="online")
        in_room, remote = self.ask(self.member), self.ask(online)
        for speech, is_online in ((in_room, False), (remote, True)):
            speech.with_user(self.chair).action_call()
            projector = self.meeting._ecabinet_projector_state()["speaking"]
            tablet = self.meeting.with_user(self.member)._ecabinet_member_state()
            console = self.meeting.with_user(self.chair).ecabinet_console_state()
            on_console = [s for s in console["speeches"] if s["state"] == "speaking"]
            self.assertEqual(
                (projector["online"], tablet["speaking"]["online"]),
                (is_online, is_online),
            )
            self.assertEqual([s["online"] for s in on_console], [is_online])
            self.assertEqual(projector["name"], speech.partner_id.display_name)


@tagged("post_install", "-at_install")
class TestSpeakingRoutes(PortalTestMixin, SpeakingData, HttpCase):
    def test_member_raises_a_point_of_order_from_the_tablet(self):
        self.authenticate(self.member.login, self.member.login)
        base = f"/my/ecabinet/sessions/{self.meeting.id}/live"
        result = self.make_jsonrpc_request(f"{base}/speak", {"kind": "bogus"})
        self.assertIn("point of order or a reply", result["error"])
        self.assertFalse(self.item1.speech_ids, "nothing half-saved")
        self.assertEqual(
            self.make_jsonrpc_request(f"{base}/speak", {"kind": "point_of_order"}),
            {"ok": True},
        )
        state = self.make_jsonrpc_request(
            f"/ecabinet/live/{self.meeting.id}/state", {"screen": "member"}
        )
        self.assertEqual(
            (state["my_speech"]["kind"], state["my_speech"]["position"]),
            ("point_of_order", 1),
        )
        self.assertEqual(state["meeting"]["speaking_warning"], 20)
        self.assertFalse(state["meeting"]["speaking_auto_stop"])
