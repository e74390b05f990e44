# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reader in real browsers: a member marks a document on a tablet; the
member's phone, open on the same document, shows the marks through the bus
without reloading, and a mark saved from another device appears there within a
second; another member's tablet shows none of them.

Three Chromiums run at once, each with its own session (as ecabinet_console's
live test does). Tests never commit, so PostgreSQL's NOTIFY, which wakes the
websockets in production, never fires: ``TestCursor.commit`` is wrapped to wake
the websockets subscribed to the channels the transaction sent to, as NOTIFY
would; the browsers run Odoo's own bus service and websocket worker.

``ECABINET_SCREENSHOTS=1`` writes the reader's screenshots (tablet and phone)
into docs/screenshots/ for the README; they are taken and checked in every run.
"""

import base64
import json
import os
from concurrent.futures import Future
from pathlib import Path
from unittest.mock import patch

from odoo.sql_db import TestCursor
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from odoo.addons.bus.models.bus import dispatch, hashable
from odoo.addons.bus.websocket import WebsocketConnectionHandler

from .test_portal import PortalMeetingData

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TABLET = (820, 1180)
PHONE = (390, 844)
_original_commit = TestCursor.commit


def _commit_and_notify(cursor):
    """Commit, then wake the websockets of the channels sent to (NOTIFY imbus)."""
    cursor.flush()  # runs the pre-commit hooks that create the bus messages
    channels = set(cursor.postcommit.data.get("bus.bus.channels", ()))
    _original_commit(cursor)
    sockets = set()
    for channel in channels:
        sockets.update(dispatch._channels_to_ws.get(hashable(channel), ()))
    for socket in sockets:
        socket.trigger_notification_dispatching()


@tagged("post_install", "-at_install")
class TestReaderUi(PortalMeetingData, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(
            patch.object(
                WebsocketConnectionHandler, "websocket_allowed", return_value=True
            )
        )
        cls.startClassPatcher(patch.object(TestCursor, "commit", _commit_and_notify))
        # In Vietnamese, as the members read it: the reader's own terms too.
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(
            ["portal", "ecabinet_base", "ecabinet_meeting"], ["vi_VN"]
        )
        for user in (cls.member, cls.other_member):
            user.partner_id.lang = "vi_VN"
        # the pack as a province writes it (the screenshots show it)
        with cls.plan_item._ecabinet_unlocked("ecabinet.meeting.document"):
            cls.plan_item.name = "Kế hoạch đầu tư công năm 2027"
            cls.plan_doc.name = "Dự thảo kế hoạch đầu tư công"
            cls.security_item.name = "Bảo đảm an ninh dịp Tết"
            cls.security_doc.name = "Phương án bảo đảm an ninh dịp Tết"

    def setUp(self):
        super().setUp()
        self._browsers = []

    def _browser(self, login, size):
        """A Chromium of its own, signed in as ``login``, at ``size``."""
        browser = ChromeBrowser(self, success_signal="tour succeeded")
        if not self._browsers:
            self.addCleanup(self._stop_browsers)
        self._browsers.append(browser)
        self.session = None  # keep the sessions of the other browsers
        self.authenticate(login, login, browser=browser)
        width, height = size
        browser._websocket_request(
            "Emulation.setDeviceMetricsOverride",
            params={
                "width": width,
                "height": height,
                "deviceScaleFactor": 1,
                "mobile": width < 800,
            },
        )
        return browser

    def _stop_browsers(self):
        while self._browsers:
            self._browsers.pop().stop()
        self._wait_remaining_requests()

    def _open(self, browser, url, tour):
        self.env.flush_all()
        browser.navigate_to(self.base_url() + url, wait_stop=False)
        self.assertTrue(
            browser._wait_ready(f"odoo.isTourReady({tour!r})"), f"{tour} not ready"
        )

    def _run(self, browser, tour, url, timeout=180):
        options = {
            "stepDelay": 0,
            "keepWatchBrowser": False,
            "debug": False,
            "startUrl": url,
            "delayToCheckUndeterminisms": 0,
        }
        browser._result = Future()  # a browser may run several tours in a row
        browser._wait_code_ok(
            f"odoo.startTour({tour!r}, {json.dumps(options)})", timeout
        )

    def _screenshot(self, browser, name):
        data = browser._websocket_request(
            "Page.captureScreenshot", params={"format": "png"}, timeout=30
        )["data"]
        png = base64.b64decode(data)
        self.assertTrue(png.startswith(PNG_SIGNATURE), f"{name} is not a PNG")
        if os.environ.get("ECABINET_SCREENSHOTS") == "1":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            (SCREENSHOTS / f"{name}.png").write_bytes(png)

    def test_marks_follow_the_member_and_no_one_else(self):
        self.member.partner_id.name = "Trần Thị Bình"
        self.other_member.partner_id.name = "Lê Văn Cường"
        url = f"/my/ecabinet/sessions/{self.meeting.id}/read/{self.plan_doc.id}"
        tablet = self._browser(self.member.login, TABLET)
        phone = self._browser(self.member.login, PHONE)
        other = self._browser(self.other_member.login, TABLET)
        # the phone and the other member's tablet are open on the document first
        self._open(phone, url, "ecabinet_reader_sees_marks")
        self._open(other, url, "ecabinet_reader_sees_nothing")
        self._run(other, "ecabinet_reader_sees_nothing", url)
        self._open(tablet, url, "ecabinet_reader_mark")
        self._run(tablet, "ecabinet_reader_mark", url)
        self._screenshot(tablet, "member-reader-tablet")
        # the phone has not reloaded: the marks came through the bus
        self._run(phone, "ecabinet_reader_sees_marks", url)
        self._screenshot(phone, "member-reader-phone")
        # a mark saved from a third device appears on the phone within a second
        self.session = None
        self.authenticate(self.member.login, self.member.login)
        self.make_jsonrpc_request(
            "/my/ecabinet/annotations/sync",
            {
                "ops": [
                    {
                        "op": "create",
                        "client_uid": "third-device-1",
                        "document_id": self.plan_doc.id,
                        "version": 1,
                        "page": 1,
                        "kind": "note",
                        "data": {"x": 0.4, "y": 0.6},
                        "text": "Made on the phone",
                    }
                ],
                "document_ids": [self.plan_doc.id],
            },
        )
        self._run(phone, "ecabinet_reader_new_mark", url)
        # the other member's tablet, still open, shows none of it
        self._run(other, "ecabinet_reader_sees_nothing", url)
        marks = self.env["ecabinet.meeting.annotation"].search([])
        self.assertEqual(
            sorted(marks.mapped("kind")), ["highlight", "ink", "note", "note"]
        )
        self.assertEqual(marks.user_id, self.member)
        self.assertEqual(set(marks.mapped("page")), {1})
        # every reader recorded the opening of the document it showed
        self.assertEqual(
            self.plan_doc.view_ids.partner_id,
            self.member.partner_id | self.other_member.partner_id,
        )
