# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A remote member asks to attend online from the tablet, the chair admits them
on the console, the member counts toward the quorum, votes, and joins the
session's call in Odoo's Discuss, in two Chromium browsers with a fake camera and
microphone. The browsers and the bus are ecabinet_base's ``BrowsersMixin``'s (its
browsers started with the fake media devices Chromium offers for tests)."""

import threading
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from odoo.addons.ecabinet_base.tests import common as base_common

from .test_remote import RemoteData

# A camera and a microphone that always answer, without asking.
FAKE_MEDIA = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


class FakeMediaChrome(ChromeBrowser):
    def _spawn_chrome(self, cmd):
        return super()._spawn_chrome([*cmd[:-1], *FAKE_MEDIA, cmd[-1]])


@tagged("post_install", "-at_install")
class TestRemoteUi(base_common.BrowsersMixin, RemoteData, HttpCase):
    browser_size = "1440x900"
    live_bus = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the mixin's browsers, started with the fake media devices
        cls.startClassPatcher(
            patch.object(base_common, "ChromeBrowser", FakeMediaChrome)
        )
        for user, name in (
            (cls.chair, "Nguyễn Văn An"),
            (cls.remote, "Vũ Thị Giang"),
            (cls.secretariat, "Đỗ Minh Hà"),
        ):
            user.partner_id.name = name

    def test_remote_member_asks_is_admitted_counted_votes_and_joins_the_call(self):
        # the member's browser in Vietnamese (the README's screenshot), the chair's
        # in English
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["web", "portal", "mail", "ecabinet_console", "ecabinet_opinion"]
            + ["ecabinet_meeting_call"],
            ["vi_VN"],
            overwrite=True,
        )
        self.remote.lang = "vi_VN"
        # chair and two members in the room: 3 of 6, the quorum (4) not reached
        self.check_in(self.chair, *self.members[:2])
        self.item1.with_user(self.chair).action_start()
        self.assertFalse(self.meeting.quorum_reached)
        chair = self._browser(self.chair.login)
        member = self._browser(self.remote.login, size=(820, 1180))
        form_url = f"/odoo/ecabinet.meeting/{self.meeting.id}"
        live_url = f"/my/ecabinet/sessions/{self.meeting.id}/live"
        self._open(member, live_url, "ecabinet_meeting_call_member")
        self._open(chair, form_url, "ecabinet_meeting_call_chair")
        errors = []

        def member_tour():
            try:
                self._run(member, "ecabinet_meeting_call_member", live_url)
            except Exception as error:  # noqa: BLE001 - reported by the test
                errors.append(f"ecabinet_meeting_call_member: {error}")

        thread = threading.Thread(target=member_tour, name="member's tour")
        thread.start()
        try:
            self._run(chair, "ecabinet_meeting_call_chair", form_url)
        finally:
            thread.join(timeout=150)
        self.assertEqual(errors, [])
        # docs/screenshots/remote-member-tablet.png with ECABINET_SCREENSHOTS=1
        self._screenshot(member, "remote-member-tablet")
        # the member joins the call in Discuss, camera and microphone faked
        call_url = f"/discuss/channel/{self.channel.id}"
        self._open(member, call_url, "ecabinet_meeting_call_join")
        self._run(member, "ecabinet_meeting_call_join", call_url)
        self._stop_browsers()  # closing the page leaves the call (Discuss's beacon)

        self.env.invalidate_all()
        request = self.remote_attendee.remote_request_ids
        self.assertEqual(
            (request.state, request.reason, request.decided_by_id),
            ("admitted", "On mission in Đà Nẵng", self.chair),
        )
        self.assertEqual(self.remote_attendee.attendance, "online")
        self.assertEqual(self.meeting.present_count, 4)
        self.assertTrue(self.meeting.quorum_reached)
        ballot = self.item1.ballot_ids
        self.assertEqual(
            ballot.response_ids.voter_id.partner_id, self.remote.partner_id
        )
        self.assertEqual(ballot.response_ids.choice, "agree")
        # the server let the member into the call: Discuss's notice that they
        # started it (posted by _rtc_join_call), in the channel's history
        started = self.channel.message_ids.filtered(
            lambda m: (
                m.message_type == "notification"
                and m.author_id == self.remote.partner_id
            )
        )
        self.assertEqual(len(started), 1)
