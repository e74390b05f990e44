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

import json
import logging
import os
import statistics
import threading
import time
from datetime import timedelta
from pathlib import Path

import odoo.http
from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.ecabinet_base.tests.common import BrowsersMixin

from .common import LiveData

_logger = logging.getLogger(__name__)
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
# P7: a screen records, in its own browser, when the speaker's name it shows
# changes (the DOM mutation that shows it), on the machine's clock.
WATCH_JS = """(() => {
    const read = () => {
        const node = document.querySelector(%s);
        return node ? node.textContent.trim() : "";
    };
    window.ecabinetP7 = [];
    let last = read();
    new MutationObserver(() => {
        const text = read();
        if (text !== last) {
            last = text;
            window.ecabinetP7.push([text, performance.timeOrigin + performance.now()]);
        }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    return true;
})()"""
# The chair's action: the time it is taken, then the click on "Call next".
CALL_NEXT_JS = """(() => {
    const now = performance.timeOrigin + performance.now();
    document.querySelector(".o_ecabinet_console .o_ecabinet_call_next").click();
    return now;
})()"""


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

    def _evaluate(self, browser, expression):
        return self._eval(browser, expression)

    def _screenshot(self, browser, name, docs_name=None):
        """The mixin's screenshot, also written into the README's
        docs/screenshots as ``docs_name`` if asked to."""
        result = super()._screenshot(browser, name)
        if docs_name and os.environ.get("ECABINET_SCREENSHOTS") == "1":
            (self.screenshots / f"{name}.png").replace(DOCS_SCREENSHOTS / docs_name)
        return result

    def _three_screens(self):
        """The chair's, the member's and the projector's browsers, opened."""
        chair = self._browser(self.chair.login)
        member = self._browser(self.member.login, size=(820, 1180))
        projector = self._browser(None, size=(1280, 720))
        urls = {
            chair: f"/odoo/ecabinet.meeting/{self.meeting.id}",
            member: f"/my/ecabinet/sessions/{self.meeting.id}/live",
            projector: f"/ecabinet/projector/{self.meeting.projector_token}",
        }
        return chair, member, projector, urls

    def _together(self, chair_tour, others, urls):
        """Run ``others`` ({browser: tour}) in threads and ``chair_tour`` in the
        chair's browser (first in ``urls``) at the same time."""
        errors = []
        chair = next(iter(urls))
        threads = [
            self._in_thread(browser, tour, urls[browser], errors)
            for browser, tour in others.items()
        ]
        try:
            self._run(chair, chair_tour, urls[chair])
        finally:
            for thread in threads:
                thread.join(timeout=150)
        self.assertEqual(errors, [])

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

    def test_speaking_limit_warns_and_ends_on_the_three_screens(self):
        """The member has 12 seconds, the warning comes 6 seconds before the end:
        the console, the tablet and the projector show it, then the end; the
        console beeps at both; the chair gives one more minute, then ends."""
        self.committee.write({"speaking_warning": 6, "speaking_auto_stop": False})
        self.quorum()
        self.item1.with_user(self.chair).speaking_limit = 12
        self.item1.with_user(self.chair).action_start()
        self.item1.with_user(self.member).action_request_to_speak("District 3")
        self.item1.with_user(self.members[1]).action_request_to_speak(
            kind="point_of_order"
        )
        chair, member, projector, urls = self._three_screens()
        self._open(member, urls[member], "ecabinet_console_member_limit_warning")
        self._open(projector, urls[projector], "ecabinet_console_projector_limit_up")
        self._open(chair, urls[chair], "ecabinet_console_chair_limit_warning")
        self._together(
            "ecabinet_console_chair_limit_warning",
            {
                member: "ecabinet_console_member_limit_warning",
                projector: "ecabinet_console_projector_limit_warning",
            },
            urls,
        )
        self._screenshot(chair, "chair_speaking_limit", "speaking-limit-console.png")
        self._screenshot(member, "member_speaking_limit", "speaking-limit-tablet.png")
        self._together(
            "ecabinet_console_chair_limit_up",
            {
                member: "ecabinet_console_member_limit_up",
                projector: "ecabinet_console_projector_limit_up",
            },
            urls,
        )
        self._run(chair, "ecabinet_console_chair_limit_extend", urls[chair])
        self._stop_browsers()
        self.env.invalidate_all()
        speech = self.item1.speech_ids.filtered(
            lambda s: s.partner_id == self.member.partner_id
        )
        self.assertEqual(speech.state, "done")
        self.assertGreaterEqual(speech.seconds, 12)
        # given 12 seconds, then one more minute counted from the end
        self.assertGreaterEqual(speech.limit_seconds, 72)
        order = self.item1.speech_ids - speech
        self.assertEqual((order.kind, order.state), ("point_of_order", "requested"))

    def test_speaking_limit_stops_the_speech_when_the_committee_says_so(self):
        """The committee stops speakers: the console asks the server at the end
        of the countdown, the speech ends at its limit."""
        self.committee.speaking_auto_stop = True
        self.quorum()
        self.item1.with_user(self.chair).speaking_limit = 4
        self.item1.with_user(self.chair).action_start()
        self.item1.with_user(self.member).action_request_to_speak()
        chair = self._browser(self.chair.login)
        form_url = f"/odoo/ecabinet.meeting/{self.meeting.id}"
        self._open(chair, form_url, "ecabinet_console_chair_limit_auto_stop")
        self._run(chair, "ecabinet_console_chair_limit_auto_stop", form_url)
        self._stop_browsers()
        self.env.invalidate_all()
        speech = self.item1.speech_ids
        self.assertEqual((speech.state, speech.seconds), ("done", 4))
        self.assertEqual(speech.ended_at - speech.started_at, timedelta(seconds=4))

    def test_p7_console_to_tablet_and_projector(self):
        """P7: 50 changes made on the chair's console (each "Call next" gives the
        floor to another person), the time until the tablet and the projector
        show it, taken in the three browsers on this machine's clock. Every
        change must arrive, in order; the figures are logged, not asserted."""
        self.quorum()
        self.item1.with_user(self.chair).action_start()
        speakers = [self.chair, *self.members[:4]]
        start = fields.Datetime.now() - timedelta(hours=1)
        changes = 50
        self.env["ecabinet.meeting.speech"].sudo().create(
            [
                {
                    "item_id": self.item1.id,
                    "attendee_id": self.attendee[
                        speakers[n % len(speakers)].partner_id
                    ].id,
                    "requested_at": start + timedelta(seconds=n),
                }
                for n in range(changes)
            ]
        )
        expected = [speakers[n % len(speakers)].partner_id.name for n in range(changes)]
        chair, member, projector, urls = self._three_screens()
        self._open(member, urls[member], "ecabinet_console_member")
        self._open(projector, urls[projector], "ecabinet_console_projector")
        self._open(chair, urls[chair], "ecabinet_console_chair_open")
        self._run(chair, "ecabinet_console_chair_open", urls[chair])
        screens = {
            "tablet": (member, ".o_ecabinet_live_speaker_name"),
            "projector": (projector, ".o_ecabinet_projector_speaker_name"),
            "console": (chair, ".o_ecabinet_speaking strong"),
        }
        for browser, selector in screens.values():
            self.assertTrue(self._evaluate(browser, WATCH_JS % json.dumps(selector)))
        clicks = []
        for n in range(changes):
            clicks.append(self._evaluate(chair, CALL_NEXT_JS))
            deadline = time.monotonic() + 30
            while True:
                seen = {
                    name: self._evaluate(browser, "window.ecabinetP7.length")
                    for name, (browser, _selector) in screens.items()
                }
                if all(count > n for count in seen.values()):
                    break
                self.assertLess(
                    time.monotonic(), deadline, f"change {n + 1} not shown: {seen}"
                )
                time.sleep(0.02)
        latencies = {}
        for name, (browser, _selector) in screens.items():
            shown = self._evaluate(browser, "window.ecabinetP7")
            self.assertEqual(
                [text for text, _at in shown], expected, f"{name}: every change"
            )
            latencies[name] = [
                at - clicked for (_text, at), clicked in zip(shown, clicks, strict=True)
            ]
        self._stop_browsers()
        screens_only = latencies["tablet"] + latencies["projector"]
        for name, values in (*latencies.items(), ("tablet+projector", screens_only)):
            cuts = statistics.quantiles(values, n=20, method="inclusive")
            _logger.info(
                "P7 %s over %d changes: p50 %.0f ms, p95 %.0f ms, max %.0f ms",
                name,
                len(values),
                statistics.median(values),
                cuts[18],
                max(values),
            )
        self.assertTrue(all(value > 0 for value in screens_only), "measured after")
