# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reader in a panel over the member's tablet page: the live page stays
under it (no reload, its bus connection kept), a vote the chair opens or the
chair's reminder to vote while the member reads closes the panel so that the
vote is in front of the member, and the panel opens again with the vote open.

One Chromium at a tablet's size, then one at a phone's, receiving the bus's
messages (ecabinet_base's ``BrowsersMixin``, as ``test_live_ui.py``).

The tours' last action before each vote is on the live page: after a tour typed in
the pdf.js viewer's page field and the panel was then removed, the next synthetic
click of the tour driver (hoot's ``click``), on any element, blocks Chromium's
renderer (a real click in that state opens the reader; see the README)."""

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.ecabinet_base.tests.common import BrowsersMixin

from .common import LiveData

TABLET = (820, 1180)
PHONE = (390, 844)
# What the reader in the panel did, read in the page: the pages pdf.js drew,
# the document it loaded and the requests of the reader and of its viewer.
READER_JS = """(() => {
    const panel = document.querySelector(".o_ecabinet_reader_panel_frame");
    const frame = panel.contentDocument.querySelector(".o_ecabinet_reader_frame");
    const urls = (win) =>
        win.performance.getEntriesByType("resource").map((e) => e.name);
    return {
        panels: document.querySelectorAll(".o_ecabinet_reader_panel").length,
        pages: frame.contentDocument.querySelectorAll(".page canvas").length,
        loaded: frame.dataset.loaded,
        requests: [...urls(panel.contentWindow), ...urls(frame.contentWindow)],
    };
})()"""


@tagged("post_install", "-at_install")
class TestLiveReaderUi(BrowsersMixin, LiveData, HttpCase):
    live_bus = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secret_doc = cls.env["ecabinet.meeting.document"].create(
            {
                "meeting_id": cls.meeting.id,
                "name": "Annex on defence works",
                "confidentiality": "secret",
                "secret_holder_id": cls.agency.id,
                "item_ids": [fields.Command.link(cls.item1.id)],
            }
        )

    def _as_chair(self, model, method, ids):
        """The chair's action from their own device (a request, whose commit
        wakes the tablet's websocket)."""
        self.session = None  # the tablet keeps its own session
        self.authenticate(self.chair.login, self.chair.login)
        self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": [ids], "kwargs": {}},
        )

    def _reader(self, tablet):
        """The reader in the panel has drawn the document's pages, through its
        own requests (the page, the marks, the file)."""
        reader = self._eval(tablet, READER_JS)
        self.assertEqual(reader["panels"], 1)
        self.assertEqual(reader["loaded"], str(self.plan_doc.id))
        self.assertGreaterEqual(reader["pages"], 1)
        requests = " ".join(reader["requests"])
        self.assertIn("/my/ecabinet/annotations/sync", requests)
        self.assertIn(f"/my/ecabinet/documents/{self.plan_doc.id}/file", requests)

    def _read_while_voting(self, size):
        self.quorum()
        self.item1.with_user(self.chair).action_start()
        live_url = f"/my/ecabinet/sessions/{self.meeting.id}/live"
        tablet = self._browser(self.member.login, size)
        self._open(tablet, live_url, "ecabinet_reader_panel_live")
        # a state secret is named, on paper only: no link to the reader, in the
        # state the page reads as on the page
        state = self.make_jsonrpc_request(
            f"/ecabinet/live/{self.meeting.id}/state", {"screen": "member"}
        )
        self.assertEqual(
            [(d["name"], bool(d["url"])) for d in state["documents"]],
            [("Draft investment plan", True), ("Annex on defence works", False)],
        )
        # read, close, read again: the panel is open when the chair opens a vote
        self._run(tablet, "ecabinet_reader_panel_live", live_url)
        self._reader(tablet)
        # (the page under the panel, drawn by now)
        links = self._eval(
            tablet,
            "[...document.querySelectorAll('.o_ecabinet_live_documents li')]"
            ".map((li) => [li.textContent, li.querySelectorAll('a').length])",
        )
        self.assertEqual(
            [("Annex on defence works" in text, count) for text, count in links],
            [(False, 1), (True, 0)],
        )
        self._as_chair(
            "ecabinet.meeting.agenda.item", "action_open_open_vote", self.item1.ids
        )
        # the vote in front of the member; the panel opened again with the vote open
        self._run(tablet, "ecabinet_reader_panel_vote", live_url)
        self._reader(tablet)
        ballot = self.item1.ballot_ids
        self.assertEqual(len(ballot), 1)
        voter = ballot.voter_ids.filtered(
            lambda v: v.partner_id == self.member.partner_id
        )
        # the chair's reminder closes it too; the member reads again, then votes
        self._as_chair("ecabinet.ballot.voter", "action_nudge", voter.ids)
        self._run(tablet, "ecabinet_reader_panel_nudge", live_url)
        self._stop_browsers()
        self.env.invalidate_all()
        self.assertEqual(voter.response_ids.choice, "agree")

    def test_tablet_reads_in_a_panel_that_gives_way_to_the_vote(self):
        self._read_while_voting(TABLET)

    def test_phone_reads_in_a_panel_that_gives_way_to_the_vote(self):
        self._read_while_voting(PHONE)
