# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import shutil
import unicodedata

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.ecabinet_base.tests.common import (
    PortalTestMixin,
    ReportTextMixin,
    pdf_to_text,
)
from odoo.addons.ecabinet_console.tests.common import LiveData

MINUTES = "ecabinet_meeting.action_report_minutes"
Request = "ecabinet.meeting.remote.request"


class RemoteData(LiveData):
    """LiveData's session in progress; ``remote`` (the fifth member) cannot come."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.remote = cls.members[4]
        cls.remote_attendee = cls.attendee[cls.remote.partner_id]
        cls.channel = cls.meeting._ecabinet_call_channel()

    def ask(self, user=None, **vals):
        user = user or self.remote
        return (
            self.env[Request]
            .with_user(user)
            .create({"attendee_id": self.attendee[user.partner_id].id, **vals})
        )

    def admitted(self, user=None):
        request = self.ask(user)
        request.with_user(self.secretariat).action_admit()
        return request


@tagged("post_install", "-at_install")
class TestRemoteLifecycle(RemoteData, HttpCase):
    def test_member_asks_secretariat_admits_member_counted_online(self):
        request = self.ask(reason="On mission in Hà Nội")
        self.assertEqual(request.state, "requested")
        self.assertEqual(request.requested_by_id, self.remote)
        self.assertEqual(self.remote_attendee.attendance, "unknown")
        self.assertOneLiveMessage(["remote"])
        with self.assertRaises(AccessError):
            request.with_user(self.remote).action_admit()
        with self.assertRaises(AccessError):
            request.with_user(self.members[0]).action_admit()
        before = self.meeting.present_count
        request.with_user(self.secretariat).action_admit()
        self.assertEqual(request.state, "admitted")
        self.assertEqual(request.decided_by_id, self.secretariat)
        self.assertEqual(self.remote_attendee.attendance, "online")
        self.assertEqual(self.meeting.present_count, before + 1)
        self.assertOneLiveMessage(["attendance", "remote"])
        # admitted once only
        with self.assertRaises(UserError):
            request.with_user(self.secretariat).action_admit()
        with self.assertRaises(UserError):
            request.with_user(self.secretariat).action_refuse()
        # asked again while online: refused, nothing saved
        with self.assertRaises(UserError):
            self.ask()

    def test_refused_then_asks_again_then_leaves(self):
        request = self.ask()
        request.with_user(self.secretariat).action_refuse("Come to the room")
        self.assertEqual(request.state, "refused")
        self.assertEqual(request.refusal_reason, "Come to the room")
        self.assertEqual(self.remote_attendee.attendance, "unknown")
        with self.assertRaises(UserError):
            request.with_user(self.remote).action_leave()
        again = self.admitted()
        before = self.meeting.present_count
        # another member cannot end it; the member can
        with self.assertRaises(AccessError):
            again.with_user(self.members[0]).action_leave()
        again.with_user(self.remote).action_leave()
        self.assertEqual(again.state, "left")
        self.assertTrue(again.left_date)
        self.assertEqual(self.remote_attendee.attendance, "absent")
        self.assertEqual(
            self.remote_attendee.absence_reason, "Left the session attended online"
        )
        self.assertEqual(self.meeting.present_count, before - 1)

    def test_a_request_cannot_be_forged_or_edited(self):
        # in another's name
        with self.assertRaises(AccessError):
            self.env[Request].with_user(self.members[0]).create(
                {"attendee_id": self.remote_attendee.id}
            )
        # with a state of one's choice: the state given is ignored
        request = self.ask(state="admitted", decided_by_id=self.secretariat.id)
        self.assertEqual(request.state, "requested")
        self.assertFalse(request.decided_by_id)
        # nobody writes a request by hand, nor deletes it: the actions do
        # (AccessError is a UserError: the access rights or the state lock)
        for user in (self.remote, self.secretariat):
            with self.assertRaises(UserError):
                request.with_user(user).write({"state": "admitted"})
            with self.assertRaises(UserError):
                request.with_user(user).write({"reason": "Edited"})
            with self.assertRaises(UserError):
                request.with_user(user).unlink()
        with self.assertRaises(UserError):
            request.sudo().write({"state": "admitted"})
        # a member reads their own requests only
        self.assertFalse(
            self.env[Request]
            .with_user(self.members[0])
            .search([("id", "=", request.id)])
        )

    def test_who_may_ask_and_when(self):
        self.check_in(self.members[0])
        with self.assertRaises(UserError):  # in the room already
            self.ask(self.members[0])
        # of the other committee's session: not invited
        with self.assertRaises(AccessError):
            self.env[Request].with_user(self.outsider).create(
                {"attendee_id": self.remote_attendee.id}
            )
        self.meeting.with_user(self.secretariat).action_close()
        with self.assertRaises(UserError):
            self.ask()
        self.assertFalse(self.env[Request].sudo().search([]))

    def test_quorum_counts_online_members_when_the_committee_says_so(self):
        # chair and two members in the room, one member online: 4 of 6
        self.check_in(self.chair, *self.members[:2])
        self.admitted()
        self.assertTrue(self.committee.quorum_counts_online, "on by default")
        self.assertEqual(self.meeting.present_count, 4)
        self.assertTrue(self.meeting.quorum_reached)
        self.item1.with_user(self.chair).action_start()
        self.assertTrue(self.item1.quorum_reached)
        self.committee.quorum_counts_online = False
        self.assertEqual(self.meeting.present_count, 3)
        self.assertFalse(self.meeting.quorum_reached)
        self.assertFalse(self.item1.quorum_reached)
        with self.assertRaisesRegex(UserError, "quorum"):
            self.item1.with_user(self.chair).action_open_vote()
        self.committee.quorum_counts_online = True
        ballot = self.item1.with_user(self.chair).action_open_vote()
        self.assertIn(self.remote.partner_id, ballot.voter_ids.partner_id)


@tagged("post_install", "-at_install")
class TestRemoteChannel(PortalTestMixin, RemoteData, HttpCase):
    """The session's channel, its call and the private lines: for the people
    invited to the session, nobody else, whatever the way in."""

    def test_channel_holds_the_session_people_only(self):
        self.assertTrue(self.channel, "created when the session started")
        self.assertEqual(self.channel.channel_type, "group")
        partners = self.channel.channel_member_ids.partner_id
        for user in (self.chair, self.secretariat, *self.members):
            self.assertIn(user.partner_id, partners)
        self.assertNotIn(self.outsider.partner_id, partners)
        # not found by an outsider, not even by id
        Channel = self.env["discuss.channel"]
        self.assertFalse(
            Channel.with_user(self.outsider).search([("id", "=", self.channel.id)])
        )
        with self.assertRaises(AccessError):
            self.channel.with_user(self.outsider).check_access("read")
        # a member (internal: Odoo lets members of a group channel invite anyone)
        # cannot bring an outsider in, nor can the superuser
        for channel in (self.channel.with_user(self.chair), self.channel.sudo()):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                channel.add_members(partner_ids=self.outsider.partner_id.ids)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.channel.sudo()._add_members(
                guests=self.env["mail.guest"].sudo().create({"name": "Guest"})
            )
        # nor unlink the channel from its session
        with self.assertRaises(AccessError):
            self.channel.sudo().write({"ecabinet_meeting_id": False})
        # someone invited during the session (by the engine, as a substitute is)
        # joins the channel
        Attendee = self.env["ecabinet.meeting.attendee"]
        with Attendee._ecabinet_unlocked():
            Attendee.create(
                {
                    "meeting_id": self.meeting.id,
                    "partner_id": self.invitee.partner_id.id,
                    "role": "invitee",
                }
            )
        self.assertIn(
            self.invitee.partner_id, self.channel.channel_member_ids.partner_id
        )

    def test_chat_and_call_routes_for_invitees_only(self):
        chat = f"/discuss/channel/{self.channel.id}"
        join = "/mail/rtc/channel/join_call"
        self.authenticate(self.outsider.login, self.outsider.login)
        self.assertEqual(self.url_open(chat).status_code, 404)
        with mute_logger("odoo.http"):
            response = self.url_open(
                join,
                data='{"params": {"channel_id": %d}}' % self.channel.id,
                headers={"Content-Type": "application/json"},
            )
        self.assertIn("error", response.json())
        # a member in the room reads the chat but does not join the call
        self.check_in(self.members[0])
        self.authenticate(self.members[0].login, self.members[0].login)
        self.assertEqual(self.url_open(chat).status_code, 200)
        with mute_logger("odoo.http"):
            refused = self._join()
        self.assertIn("members admitted online", refused["error"]["data"]["message"])
        # the member admitted online joins it; so does the secretariat
        self.admitted()
        for user in (self.remote, self.secretariat):
            self.authenticate(user.login, user.login)
            result = self._join()
            self.assertNotIn("error", result, user.login)
        sessions = self.channel.rtc_session_ids
        self.assertEqual(
            sessions.partner_id, self.remote.partner_id | self.secretariat.partner_id
        )

    def _join(self):
        response = self.url_open(
            "/mail/rtc/channel/join_call",
            data='{"jsonrpc": "2.0", "params": {"channel_id": %d}}' % self.channel.id,
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def test_private_line_to_the_secretariat(self):
        base = f"/my/ecabinet/sessions/{self.meeting.id}/live"
        self.authenticate(self.remote.login, self.remote.login)
        url = self.make_jsonrpc_request(f"{base}/secretariat")["url"]
        line = self.env["discuss.channel"].browse(int(url.rsplit("/", 1)[1]))
        self.assertEqual(line.ecabinet_line_partner_id, self.remote.partner_id)
        self.assertEqual(
            line.channel_member_ids.partner_id,
            self.remote.partner_id | self.meeting._ecabinet_secretariat_partners(),
        )
        self.assertIn(self.secretariat.partner_id, line.channel_member_ids.partner_id)
        self.assertNotIn(self.members[0].partner_id, line.channel_member_ids.partner_id)
        self.assertEqual(self.url_open(url).status_code, 200)
        # the same line the second time
        self.assertEqual(self.make_jsonrpc_request(f"{base}/secretariat")["url"], url)
        # another member does not read it, nor join it
        self.authenticate(self.members[0].login, self.members[0].login)
        self.assertEqual(self.url_open(url).status_code, 404)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            line.sudo().add_members(partner_ids=self.members[0].partner_id.ids)
        # no call on a private line
        self.authenticate(self.remote.login, self.remote.login)
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/mail/rtc/channel/join_call",
                data='{"jsonrpc": "2.0", "params": {"channel_id": %d}}' % line.id,
                headers={"Content-Type": "application/json"},
            )
        self.assertIn("error", response.json())
        # the outsider: the session is not found
        self.authenticate(self.outsider.login, self.outsider.login)
        with self.assertRaisesRegex(JsonRpcException, "NotFound"):
            self.make_jsonrpc_request(f"{base}/secretariat")


@tagged("post_install", "-at_install")
class TestRemoteTablet(PortalTestMixin, RemoteData, HttpCase):
    def _call(self, screen="member"):
        return self.make_jsonrpc_request(
            f"/ecabinet/live/{self.meeting.id}/call", {"screen": screen}
        )

    def test_member_asks_from_the_tablet_is_admitted_and_votes(self):
        base = f"/my/ecabinet/sessions/{self.meeting.id}/live"
        self.quorum()
        self.item1.with_user(self.chair).action_start()
        self.authenticate(self.remote.login, self.remote.login)
        state = self._call()
        self.assertTrue(state["can_request"])
        self.assertFalse(state["request"])
        self.assertEqual(state["channel_url"], f"/discuss/channel/{self.channel.id}")
        self.assertEqual(
            self.make_jsonrpc_request(f"{base}/remote", {"reason": "On mission"}),
            {"ok": True},
        )
        self.assertIn(
            "already asked",
            self.make_jsonrpc_request(f"{base}/remote", {})["error"],
        )
        state = self._call()
        self.assertEqual(state["request"]["state"], "requested")
        self.assertFalse(state["can_request"])
        # the console lists the request
        self.authenticate(self.secretariat.login, self.secretariat.login)
        console = self._call("console")
        [request] = console["requests"]
        self.assertEqual(request["reason"], "On mission")
        self.assertEqual(request["state"], "requested")
        self.env[Request].browse(request["id"]).with_user(
            self.secretariat
        ).action_admit()
        self.authenticate(self.remote.login, self.remote.login)
        self.assertEqual(self._call()["request"]["state"], "admitted")
        # counted present online, votes from the tablet
        self.assertEqual(self.meeting.present_count, 6)
        ballot = self.item1.with_user(self.chair).action_open_vote()
        self.assertEqual(
            self.make_jsonrpc_request(
                f"{base}/vote", {"ballot_id": ballot.id, "choice": "agree"}
            ),
            {"ok": True},
        )
        voter = ballot.voter_ids.filtered(
            lambda v: v.partner_id == self.remote.partner_id
        )
        self.assertTrue(voter.has_answered)
        # asks to speak like anyone present
        self.assertEqual(
            self.make_jsonrpc_request(f"{base}/speak", {"topic": "Budget"}),
            {"ok": True},
        )
        # leaves
        self.assertEqual(
            self.make_jsonrpc_request(f"{base}/remote/leave", {}), {"ok": True}
        )
        self.assertEqual(self.remote_attendee.attendance, "absent")

    def test_console_call_state_is_for_the_secretariat(self):
        self.authenticate(self.remote.login, self.remote.login)
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/ecabinet/live/{self.meeting.id}/call",
                data='{"jsonrpc": "2.0", "params": {"screen": "console"}}',
                headers={"Content-Type": "application/json"},
            )
        self.assertEqual(response.json()["error"]["code"], 404)
        self.authenticate(self.outsider.login, self.outsider.login)
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/ecabinet/live/{self.meeting.id}/call",
                data='{"jsonrpc": "2.0", "params": {}}',
                headers={"Content-Type": "application/json"},
            )
        self.assertEqual(response.json()["error"]["code"], 404)

    def test_call_routes_queries(self):
        for n in range(2):  # requests of several members: a fixed count
            self.ask(self.members[n])
        self.authenticate(self.secretariat.login, self.secretariat.login)
        self._call("console")  # caches warm
        with self.assertQueryCount(6):
            self.assertEqual(len(self._call("console")["requests"]), 2)
        self.ask(self.members[2])
        with self.assertQueryCount(6):
            self.assertEqual(len(self._call("console")["requests"]), 3)
        self.authenticate(self.remote.login, self.remote.login)
        self._call()
        with self.assertQueryCount(10):
            self._call()
        base = f"/my/ecabinet/sessions/{self.meeting.id}/live"
        with self.assertQueryCount(30):
            self.assertEqual(
                self.make_jsonrpc_request(f"{base}/remote", {}), {"ok": True}
            )


@tagged("post_install", "-at_install")
class TestRemoteMinutes(ReportTextMixin, RemoteData, HttpCase):
    def test_minutes_list_room_online_absent_and_substitutes(self):
        self.assertTrue(shutil.which("pdftotext"), "poppler's pdftotext reads the PDF")
        self.check_in(self.chair, *self.members[:2])
        self.admitted()
        self.attendee[self.members[2].partner_id].with_user(
            self.secretariat
        ).action_check_in("absent", reason="Công tác tại Hà Nội")
        self.attendee[self.members[3].partner_id].with_user(
            self.secretariat
        ).action_check_in_substitute("Trần Văn Thế")
        self.committee.quorum_counts_online = False
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(MINUTES, self.meeting.ids)
        )
        self.assertEqual(report_format, "pdf")
        text = " ".join(unicodedata.normalize("NFC", pdf_to_text(pdf)).split())
        self.assertIn(
            "Có mặt tại phòng họp: 4; dự trực tuyến: 1; vắng mặt: 2; dự thay: 1.",
            text,
        )
        self.assertIn("Vắng mặt (lý do: Công tác tại Hà Nội)", text)
        self.assertIn(
            "Thành viên dự trực tuyến không được tính vào số thành viên có mặt",
            text,
        )
        self.committee.quorum_counts_online = True
        document = self._render(MINUTES, self.meeting)
        rows = {
            row.xpath("td")[1].xpath("text()")[0].strip(): self._text(
                row.xpath("td")[3]
            )
            for row in self._nodes(document, "o_ecabinet_attendance")[0].xpath(
                "tbody/tr"
            )
        }
        self.assertEqual(rows[self.remote.partner_id.name], "Dự trực tuyến")
        self.assertEqual(rows[self.members[0].partner_id.name], "Có mặt")
        self.assertEqual(
            self._texts(document, "o_ecabinet_quorum"),
            [
                "Số thành viên UBND có mặt: 4/6; số thành viên cần có mặt "
                "(2/3 tổng số thành viên): 4. Phiên họp đủ điều kiện tiến hành."
            ],
        )
