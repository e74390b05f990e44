# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A session driven from start to end in three browsers at once: the chair's
console, a member's tablet and the room's projector, kept in step by the bus.

The browsers receive the bus's messages as in production (ecabinet_base's
``BrowsersMixin``: the test's commits wake the websockets as NOTIFY would). Nothing
else of the bus is replaced: the browsers run Odoo's bus service and websocket
worker, and subscribe through ``ir.websocket``.

Set ECABINET_SCREENSHOTS=1 to write the screenshots of the four screens into
.odoo-data/screenshots/live/ (they are taken, and checked, in every run; the
README's screenshots are of the Vietnamese demo of ``make run``).
"""

import os
import threading
from pathlib import Path

import odoo.http
from odoo.tests import HttpCase, tagged

from odoo.addons.ecabinet_base.tests.common import BrowsersMixin

from .common import LiveData


@tagged("post_install", "-at_install")
class TestLiveSessionUi(BrowsersMixin, LiveData, HttpCase):
    browser_size = "1440x900"
    live_bus = True
    screenshots = (
        Path(__file__).resolve().parents[3] / ".odoo-data" / "screenshots" / "live"
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # People's names, as the screens (and their screenshots) show them
        for user, name in zip(
            [cls.chair, *cls.members, cls.secretariat],
            [
                "Nguyễn Văn An",
                "Trần Thị Bình",
                "Lê Văn Cường",
                "Phạm Thị Dung",
                "Hoàng Văn Em",
                "Vũ Thị Giang",
                "Đỗ Minh Hà",
            ],
            strict=True,
        ):
            user.partner_id.name = name

    def _in_thread(self, browser, tour, url, errors):
        def run():
            try:
                self._run(browser, tour, url)
            except Exception as error:  # noqa: BLE001 - reported by the test
                errors.append(f"{tour}: {error}")

        thread = threading.Thread(target=run, name=f"tour {tour}")
        thread.start()
        return thread

    def test_session_from_start_to_end_in_three_browsers(self):
        self.quorum()
        token = self.meeting.projector_token
        chair = self._browser(self.chair.login)
        member = self._browser(self.member.login, size=(820, 1180))
        projector = self._browser(None, size=(1280, 720))
        form_url = f"/odoo/ecabinet.meeting/{self.meeting.id}"
        live_url = f"/my/ecabinet/sessions/{self.meeting.id}/live"
        projector_url = f"/ecabinet/projector/{token}"
        self._open(member, live_url, "ecabinet_console_member")
        self._open(projector, projector_url, "ecabinet_console_projector")
        self._open(chair, form_url, "ecabinet_console_chair")
        errors = []
        threads = [
            self._in_thread(member, "ecabinet_console_member", live_url, errors),
            self._in_thread(
                projector, "ecabinet_console_projector", projector_url, errors
            ),
        ]
        try:
            self._run(chair, "ecabinet_console_chair", form_url)
        finally:
            for thread in threads:
                thread.join(timeout=150)
        self.assertEqual(errors, [])
        self._screenshot(chair, "chair_console")
        self._screenshot(member, "member_tablet")
        self._screenshot(projector, "projector")
        # The chair goes through the rest of the agenda
        self._run(chair, "ecabinet_console_chair_ends", form_url)
        self._stop_browsers()

        # What the three browsers did, as the database has it
        self.env.invalidate_all()
        speech = self.item1.speech_ids
        self.assertEqual(
            (speech.partner_id, speech.topic, speech.state),
            (self.member.partner_id, "District 3", "done"),
        )
        ballot = self.item1.ballot_ids
        self.assertEqual(ballot.state, "closed")
        self.assertTrue(ballot.result_published)
        self.assertEqual(ballot.response_ids.choice, "agree")
        self.assertEqual(
            ballot.response_ids.voter_id.partner_id, self.member.partner_id
        )
        self.assertIn("the department reports in March", self.item1.conclusion)
        self.assertEqual(self.meeting.agenda_item_ids.mapped("state"), ["done", "done"])
        # The session closes: the projector's link stops working
        self.meeting.with_user(self.secretariat).action_close()
        self.authenticate(None, None)
        self.assertEqual(self.url_open(projector_url).status_code, 404)

    def test_chair_sees_who_has_not_voted_and_reminds_them(self):
        """The chair's console lists the members present who have not voted yet
        (a secret vote: names only) and reminds one on their tablet."""
        self.quorum()
        self.item1.with_user(self.chair).action_start()
        ballot = self.item1.with_user(self.chair).action_open_secret_vote()
        ballot.voter_ids.filtered(
            lambda v: v.partner_id == self.member.partner_id
        ).with_user(self.member).answer(ballot.question_ids, "agree")
        chair = self._browser(self.chair.login)
        form_url = f"/odoo/ecabinet.meeting/{self.meeting.id}"
        self._open(chair, form_url, "ecabinet_console_chair_not_voted")
        self._run(chair, "ecabinet_console_chair_not_voted", form_url)
        self._screenshot(chair, "chair_not_voted")
        if os.environ.get("ECABINET_SCREENSHOTS") == "1":
            (self.screenshots / "chair_not_voted.png").replace(
                Path(__file__).resolve().parents[3]
                / "docs"
                / "screenshots"
                / "chair-not-voted.png"
            )
        self._stop_browsers()
        self.env.invalidate_all()
        nudged = ballot.voter_ids.filtered("nudged_at")
        self.assertEqual(nudged.partner_id, self.members[1].partner_id)

    def test_secretariat_checks_in_at_the_door(self):
        self.check_in(self.chair, self.member)
        self.item1.with_user(self.chair).action_start()
        secretariat = self._browser(self.secretariat.login)
        form_url = f"/odoo/ecabinet.meeting/{self.meeting.id}"
        self._open(secretariat, form_url, "ecabinet_console_secretariat")
        self._run(secretariat, "ecabinet_console_secretariat", form_url)
        self._screenshot(secretariat, "secretariat_console")
        self._stop_browsers()
        self.env.invalidate_all()
        self.assertEqual(
            (
                self.attendee[self.members[1].partner_id].attendance,
                self.attendee[self.members[2].partner_id].attendance,
            ),
            ("present", "online"),
        )
        substitute = self.attendee[self.members[4].partner_id].substitute_id
        self.assertEqual(
            (substitute.partner_id.name, substitute.attendance),
            ("Ngô Văn Phó", "present"),
        )
        self.assertTrue(self.meeting.quorum_reached)
        self.assertEqual(
            self.item1.minute_notes, "The Department of Finance presented the plan."
        )

    def test_member_tablet_shows_a_lost_connection_and_catches_up(self):
        self.quorum()
        self.item1.with_user(self.chair).action_start()
        member = self._browser(self.member.login, size=(820, 1180))
        live_url = f"/my/ecabinet/sessions/{self.meeting.id}/live"
        self._open(member, live_url, "ecabinet_console_member_offline")
        self._run(member, "ecabinet_console_member_offline", live_url)
        self._stop_browsers()
        self.env.invalidate_all()
        self.assertEqual(self.item1.speech_ids.topic, "Asked from another device")

    def test_member_tablet_and_projector_are_in_the_users_language(self):
        """The OWL components of the frontend get ecabinet_console's terms (they
        are served to the frontend only for the modules ir.http lists): the
        tablet and the projector show vi.po's Vietnamese, and the choices of a
        vote in the legal terms, "Ý kiến khác" for the third."""
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["ecabinet_opinion", "ecabinet_console"], ["vi_VN"], overwrite=True
        )
        self.member.lang = "vi_VN"
        self.quorum()
        self.item1.with_user(self.chair).action_start()
        vote = self.item1.with_user(self.chair).action_open_open_vote()
        member = self._browser(self.member.login, size=(820, 1180))
        live_url = f"/my/ecabinet/sessions/{self.meeting.id}/live"
        self._open(member, live_url, "ecabinet_console_member_vi")
        self._run(member, "ecabinet_console_member_vi", live_url)
        self._screenshot(member, "member_tablet_vi")
        # The room's screen: nobody signed in, a browser in Vietnamese (a new
        # session takes the language of its browser's Accept-Language).
        projector = self._browser(None, size=(1280, 720))
        self.session.context["lang"] = "vi_VN"
        odoo.http.root.session_store.save(self.session)
        projector_url = f"/ecabinet/projector/{self.meeting.projector_token}"
        self._open(projector, projector_url, "ecabinet_console_projector_vi")
        self._run(projector, "ecabinet_console_projector_vi", projector_url)
        self._stop_browsers()
        self.env.invalidate_all()
        self.assertEqual(vote.response_ids.choice, "other")
