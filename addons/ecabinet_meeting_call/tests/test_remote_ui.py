# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A remote member asks to attend online from the tablet, the chair admits them
on the console, the member counts toward the quorum, votes, and joins the
session's call in Odoo's Discuss, in two Chromium browsers with a fake camera and
microphone. The browsers and the bus run as in ecabinet_console's three-browser
test, whose harness this test uses (its browsers are started with the fake media
devices Chromium offers for tests)."""

import os
from pathlib import Path
from unittest.mock import patch

from odoo.sql_db import TestCursor
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from odoo.addons.bus.websocket import WebsocketConnectionHandler
from odoo.addons.ecabinet_console.tests import test_live_ui as live_ui

from .test_remote import RemoteData

# A camera and a microphone that always answer, without asking.
FAKE_MEDIA = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
DOCS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


class FakeMediaChrome(ChromeBrowser):
    def _spawn_chrome(self, cmd):
        return super()._spawn_chrome([*cmd[:-1], *FAKE_MEDIA, cmd[-1]])


@tagged("post_install", "-at_install")
class TestRemoteUi(RemoteData, HttpCase):
    browser_size = "1440x900"
    _browser = live_ui.TestLiveSessionUi._browser
    _stop_browsers = live_ui.TestLiveSessionUi._stop_browsers
    _open = live_ui.TestLiveSessionUi._open
    _run = live_ui.TestLiveSessionUi._run
    _in_thread = live_ui.TestLiveSessionUi._in_thread
    _screenshot = live_ui.TestLiveSessionUi._screenshot

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(
            patch.object(
                WebsocketConnectionHandler, "websocket_allowed", return_value=True
            )
        )
        cls.startClassPatcher(
            patch.object(TestCursor, "commit", live_ui._commit_and_notify)
        )
        cls.startClassPatcher(patch.object(live_ui, "ChromeBrowser", FakeMediaChrome))
        for user, name in (
            (cls.chair, "Nguyễn Văn An"),
            (cls.remote, "Vũ Thị Giang"),
            (cls.secretariat, "Đỗ Minh Hà"),
        ):
            user.partner_id.name = name

    def setUp(self):
        super().setUp()
        self._browsers = []

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
        thread = self._in_thread(
            member, "ecabinet_meeting_call_member", live_url, errors
        )
        try:
            self._run(chair, "ecabinet_meeting_call_chair", form_url)
        finally:
            thread.join(timeout=150)
        self.assertEqual(errors, [])
        self._screenshot(member, "remote_member_tablet")
        if os.environ.get("ECABINET_SCREENSHOTS") == "1":
            (live_ui.SCREENSHOTS / "remote_member_tablet.png").replace(
                DOCS / "remote-member-tablet.png"
            )
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
