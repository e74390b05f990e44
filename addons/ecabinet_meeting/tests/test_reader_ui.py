# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reader in real browsers: a member marks a document on a tablet; the
member's phone, open on the same document, shows the marks through the bus
without reloading, and a mark saved from another device appears there within a
second; another member's tablet shows none of them.

Three Chromiums run at once, each with its own session, with the bus's
messages (ecabinet_base's ``BrowsersMixin``, as ecabinet_console's live test).

The reader also opens in a panel over the session page, on a tablet and on a
phone, and closes back to the page as it was (the tablet's live page: see
ecabinet_console's ``test_live_reader_ui.py``).

``ECABINET_SCREENSHOTS=1`` writes the reader's screenshots (tablet and phone)
into docs/screenshots/ for the README; they are taken and checked in every run.
"""

import base64

from odoo.tests import HttpCase, tagged

from odoo.addons.ecabinet_base.tests.common import BrowsersMixin, make_pdf

from .test_portal import PortalMeetingData

TABLET = (820, 1180)
PHONE = (390, 844)


@tagged("post_install", "-at_install")
class TestReaderUi(BrowsersMixin, PortalMeetingData, HttpCase):
    live_bus = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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

    def test_marks_stay_when_the_secretariat_uploads_a_new_version(self):
        """Marks are never silently lost: after a one-page version replaces the
        two-page document, the mark of page 1 is on the new page 1 and the mark
        of page 2 is listed "from version 1"."""
        self.authenticate(self.member.login, self.member.login)
        self.make_jsonrpc_request(
            "/my/ecabinet/annotations/sync",
            {
                "ops": [
                    {
                        "op": "create",
                        "client_uid": f"version-1-page-{page}",
                        "document_id": self.plan_doc.id,
                        "version": 1,
                        "page": page,
                        "kind": "note",
                        "data": {"x": 0.4, "y": 0.3},
                        "text": text,
                    }
                    for page, text in ((1, "Trang một"), (2, "Trang hai"))
                ],
                "document_ids": [self.plan_doc.id],
            },
        )
        self.plan_doc.with_user(self.secretariat).write(
            {"datas": base64.b64encode(make_pdf(1)), "filename": "plan-v2.pdf"}
        )
        self.assertEqual(self.plan_doc.version, 2)
        url = f"/my/ecabinet/sessions/{self.meeting.id}/read/{self.plan_doc.id}"
        tablet = self._browser(self.member.login, TABLET)
        self._open(tablet, url, "ecabinet_reader_new_version")
        self._run(tablet, "ecabinet_reader_new_version", url)
        self.assertEqual(
            len(self.env["ecabinet.meeting.annotation"].search([])), 2, "none lost"
        )

    def test_reader_opens_in_a_panel_over_the_session_page(self):
        """*Read* on the session page opens the reader in a panel over the page,
        on a tablet and on a phone: pages and documents turn in it; closing it,
        or the browser's back button, shows the session page as it was (not
        reloaded)."""
        self.env["ecabinet.meeting.annotation"].with_user(self.member).sync_ops(
            [
                {
                    "op": "create",
                    "client_uid": "panel-1",
                    "document_id": self.plan_doc.id,
                    "version": 1,
                    "page": 1,
                    "kind": "note",
                    "data": {"x": 0.55, "y": 0.2},
                    "text": "Hỏi về tuyến đường vành đai",
                },
                {
                    "op": "create",
                    "client_uid": "panel-2",
                    "document_id": self.plan_doc.id,
                    "version": 1,
                    "page": 1,
                    "kind": "highlight",
                    "data": {"rects": [[0.1, 0.08, 0.5, 0.04]]},
                },
            ],
            [self.plan_doc.id],
        )
        url = f"/my/ecabinet/sessions/{self.meeting.id}"
        for name, size in (("phone", PHONE), ("tablet", TABLET)):
            with self.subTest(size=name):
                browser = self._browser(self.member.login, size)
                self._open(browser, url, "ecabinet_reader_panel")
                self._run(browser, "ecabinet_reader_panel", url)
        # the tablet, the panel open again: the README's screenshot
        self._run(browser, "ecabinet_reader_panel_open", url)
        self._screenshot(browser, "member-reader-tablet")
