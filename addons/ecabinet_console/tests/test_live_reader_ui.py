# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reader in a panel over the member's tablet page: the live page stays
under it (no reload, its bus connection kept), and a vote the chair opens while
the member reads closes the panel so that the vote is in front of the member.

One Chromium at a tablet's size, receiving the bus's messages (ecabinet_base's
``BrowsersMixin``, as ``test_live_ui.py``)."""

from odoo.tests import HttpCase, tagged

from odoo.addons.ecabinet_base.tests.common import BrowsersMixin

from .common import LiveData

TABLET = (820, 1180)


@tagged("post_install", "-at_install")
class TestLiveReaderUi(BrowsersMixin, LiveData, HttpCase):
    live_bus = True

    def test_vote_opened_while_reading_closes_the_reader_panel(self):
        self.quorum()
        self.item1.with_user(self.chair).action_start()
        live_url = f"/my/ecabinet/sessions/{self.meeting.id}/live"
        tablet = self._browser(self.member.login, TABLET)
        self._open(tablet, live_url, "ecabinet_reader_panel_live")
        self._run(tablet, "ecabinet_reader_panel_live", live_url)
        self.assertTrue(
            self._eval(tablet, "!!document.querySelector('.o_ecabinet_reader_panel')")
        )
        # the chair opens the vote from their own device while the member reads
        self.session = None
        self.authenticate(self.chair.login, self.chair.login)
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/ecabinet.meeting.agenda.item/action_open_open_vote",
            {
                "model": "ecabinet.meeting.agenda.item",
                "method": "action_open_open_vote",
                "args": [self.item1.ids],
                "kwargs": {},
            },
        )
        self._run(tablet, "ecabinet_reader_panel_vote", live_url)
        self.assertEqual(len(self.item1.ballot_ids), 1)
