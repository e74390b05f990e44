# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The vote's page in Chromium while the member's answer awaits its signature
on the phone (VNPT SmartCA), as the member sees it at desktop, tablet and phone
size, in Vietnamese: the answer is shown as waiting, not counted, with no
answer form; the member withdraws it with the button, and the page says it was
not counted and offers the form again. ``ECABINET_SCREENSHOTS=1`` writes the
screenshots into docs/screenshots/."""

from odoo.tests import HttpCase, tagged

from odoo.addons.ecabinet_base.tests.common import BrowsersMixin

from .test_signed_answers_phone import POLL, PhoneAnswerCommon

SIZES = {"desktop": (1366, 768), "tablet": (820, 1180), "phone": (390, 844)}
MEASURE = """(() => {
    const box = (selector) => {
        const element = document.querySelector(selector);
        if (!element || !element.offsetParent) {
            return null;
        }
        const rect = element.getBoundingClientRect();
        return {left: rect.left, right: rect.right, width: rect.width,
                height: rect.height};
    };
    return {
        width: window.innerWidth,
        scrollWidth: document.documentElement.scrollWidth,
        text: document.querySelector("main").innerText,
        awaiting: box(".o_ecabinet_awaiting_signature"),
        withdraw: box(".o_ecabinet_withdraw_answer"),
        notSigned: box(".o_ecabinet_not_signed"),
        send: box(".o_ecabinet_send_answer"),
    };
})()"""
# English words that must not reach the Vietnamese page.
ENGLISH = ("awaits your approval", "Withdraw", "not counted", "answer again", "Agree")


@tagged("post_install", "-at_install")
class TestPhoneSignedAnswerUi(PhoneAnswerCommon, BrowsersMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(
            ["portal", "ecabinet_base", "ecabinet_opinion", "ecabinet_sign"],
            ["vi_VN"],
        )
        cls.member.lang = "vi_VN"

    def _measure(self, browser, url, ready):
        self.env.flush_all()
        browser.navigate_to(self.base_url() + url)
        self.assertTrue(
            browser._wait_ready(
                f"document.readyState === 'complete' && !!document.querySelector("
                f"{ready!r})"
            ),
            f"{ready} not on {url}",
        )
        return self._eval(browser, MEASURE)

    def _assert_fits(self, page, width, *parts):
        self.assertEqual(page["width"], width)
        self.assertLessEqual(page["scrollWidth"], width, "scrolls sideways")
        for part in parts:
            box = page[part]
            self.assertTrue(box, f"{part} not shown")
            self.assertGreaterEqual(box["left"], 0, part)
            self.assertLessEqual(box["right"], width, part)
        for english in ENGLISH:
            self.assertNotIn(english, page["text"])

    def test_awaiting_answer_withdrawn_at_desktop_tablet_and_phone(self):
        ballot = self._signed_vote()
        url = f"/my/ecabinet/ballots/{ballot.id}"
        for name, size in SIZES.items():
            with self.subTest(size=name):
                waiting = self._phone_answer(ballot, "disagree")
                browser = self._browser(self.member.login, size)
                page = self._measure(browser, url, ".o_ecabinet_withdraw_answer")
                self._screenshot(browser, f"member-vote-awaiting-signature-{name}")
                self._assert_fits(page, size[0], "awaiting", "withdraw")
                withdraw_height = page["withdraw"]["height"]
                self.assertIsNone(page["send"], "no answer form while waiting")
                self.assertIn("đang chờ bạn xác nhận", page["text"])
                self.assertIn("Không đồng ý", page["text"], "the choice is shown")

                # the member clicks the button (a real form submission)
                self._eval(
                    browser,
                    "document.querySelector('.o_ecabinet_withdraw_answer').click()"
                    " || true",
                )
                self.assertTrue(
                    browser._wait_ready(
                        "document.readyState === 'complete' && "
                        "!!document.querySelector('.o_ecabinet_not_signed')"
                    ),
                    "the page does not say the answer was withdrawn",
                )
                page = self._eval(browser, MEASURE)
                self._screenshot(browser, f"member-vote-withdrawn-{name}")
                self._assert_fits(page, size[0], "notSigned", "send")
                self.assertIsNone(page["withdraw"])
                # as easy to reach as the answer's own button
                self.assertGreaterEqual(withdraw_height, page["send"]["height"])
                self.assertIn("Bạn đã rút lại trước khi phê duyệt chữ ký", page["text"])
                self.assertIn("Bạn có thể trả lời lại", page["text"])
                # the page's own requests (the offline pack's service worker
                # goes on after the page) end before the test uses the database
                # on their cursor
                browser.navigate_to("about:blank", wait_stop=True)
                self._stop_browsers()
                self.env.invalidate_all()
                self.assertEqual(waiting.state, "withdrawn")
                self._assert_not_counted(ballot)
        # approved on the phone afterwards: still not counted
        self.smartca.approve(self._reference(waiting))
        self.env.ref(POLL).method_direct_trigger()
        self.assertEqual(waiting.state, "withdrawn")
        self._assert_not_counted(ballot)

    def test_tablet_live_page_sends_the_member_to_sign_on_the_vote_page(self):
        if self.env["ir.module.module"]._get("ecabinet_console").state != "installed":
            self.skipTest("the live tablet page is ecabinet_console's")
        vote = self._signed_session_vote()
        self._phone_answer(vote, "agree")
        live_url = f"/my/ecabinet/sessions/{vote.meeting_id.id}/live"
        other = self.members[1]
        other.lang = "vi_VN"
        for user, ready, shot in (
            (self.member, ".o_ecabinet_live_awaiting_signature", "awaiting"),
            (other, ".o_ecabinet_live_sign_vote", "to-sign"),
        ):
            with self.subTest(member=user.login):
                browser = self._browser(user.login, SIZES["tablet"])
                self.env.flush_all()
                browser.navigate_to(self.base_url() + live_url)
                self.assertTrue(
                    browser._wait_ready(f"!!document.querySelector({ready!r})"),
                    f"{ready} not on the tablet page",
                )
                page = self._eval(
                    browser,
                    """(() => ({
                        text: document.querySelector(".o_ecabinet_live_vote").innerText,
                        buttons: document.querySelectorAll(
                            ".o_ecabinet_live_vote button").length,
                        href: (document.querySelector(".o_ecabinet_live_sign_vote")
                            || {}).href || "",
                        scrollWidth: document.documentElement.scrollWidth,
                    }))()""",
                )
                self.assertEqual(
                    page["buttons"], 0, "no vote buttons: they cannot sign"
                )
                self.assertLessEqual(page["scrollWidth"], SIZES["tablet"][0])
                self._screenshot(browser, f"member-live-signed-vote-{shot}-tablet")
                if user == self.member:
                    self.assertIn("đang chờ bạn xác nhận", page["text"])
                    self.assertEqual(page["href"], "")
                else:
                    self.assertIn("Ký số biểu quyết của tôi", page["text"])
                    self.assertIn(f"/my/ecabinet/ballots/{vote.id}", page["href"])
                    self._eval(
                        browser,
                        "document.querySelector('.o_ecabinet_live_sign_vote').click()"
                        " || true",
                    )
                    self.assertTrue(
                        browser._wait_ready(
                            "document.readyState === 'complete' && "
                            "!!document.querySelector('.o_ecabinet_send_answer')"
                        ),
                        "the vote's page with its signing form",
                    )
                browser.navigate_to("about:blank", wait_stop=True)
                self._stop_browsers()
