# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The set-up page of the second factor in Chromium, as a member sees it after
the password when the policy requires it: at desktop, tablet and phone size, in
Vietnamese, the whole form fits the width, the QR code can be scanned and the
code field and the button are reachable. ``ECABINET_SCREENSHOTS=1`` writes the
screenshots into docs/screenshots/ for the README; they are taken and checked
in every run."""

import json

from werkzeug.urls import url_join

from odoo.tests import HttpCase, tagged

from odoo.addons.ecabinet_base.tests.common import (
    PORTAL_MEMBER,
    BrowsersMixin,
    make_user,
)

from ..models.res_users import ENROL_URL

SIZES = {"desktop": (1366, 768), "tablet": (820, 1180), "phone": (390, 844)}
# What the page shows, measured in the browser.
MEASURE = """(() => {
    const box = (selector) => {
        const element = document.querySelector(selector);
        if (!element) {
            return null;
        }
        const rect = element.getBoundingClientRect();
        return {left: rect.left, right: rect.right, top: rect.top,
                bottom: rect.bottom, width: rect.width, height: rect.height};
    };
    const qr = document.querySelector(".o_ecabinet_2fa_qrcode");
    return {
        width: window.innerWidth,
        scrollWidth: document.documentElement.scrollWidth,
        lang: document.documentElement.lang,
        title: document.querySelector(".o_ecabinet_2fa_enrol h5").textContent.trim(),
        text: document.querySelector(".o_ecabinet_2fa_enrol").innerText,
        qrLoaded: qr.complete && qr.naturalWidth > 0,
        qr: box(".o_ecabinet_2fa_qrcode"),
        secret: box(".o_ecabinet_2fa_secret"),
        field: box("#totp_token"),
        appLink: box(".o_ecabinet_2fa_app_link"),
        appLinkUrl: (document.querySelector(".o_ecabinet_2fa_app_link") || {}).href,
        button: box(".o_ecabinet_2fa_enrol button[type=submit].btn-primary"),
        cancel: box(".o_ecabinet_2fa_enrol button.btn-link"),
    };
})()"""


@tagged("post_install", "-at_install")
class TestEnrolUi(BrowsersMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(
            ["web", "auth_totp", "auth_totp_portal", "auth_passkey", "ecabinet_auth"],
            ["vi_VN"],
        )
        cls.member = make_user(
            cls.env, "tf_ui_member", PORTAL_MEMBER, name="Đặng Thu Hà", lang="vi_VN"
        )
        cls.env.company.ecabinet_2fa_member = True

    def test_set_up_page_at_desktop_tablet_and_phone(self):
        browser = self._browser(None, SIZES["phone"])
        # the password, through the sign-in form as a person types it
        browser.navigate_to(url_join(self.base_url(), "/web/login"), wait_stop=True)
        self.assertTrue(browser._wait_ready("!!document.querySelector('#login')"))
        login = json.dumps(self.member.login)
        self._eval(
            browser,
            f"""(() => {{
                document.querySelector("#login").value = {login};
                document.querySelector("#password").value = {login};
                document.querySelector("form.oe_login_form").submit();
                return true;
            }})()""",
        )
        enrol = f"location.pathname === {json.dumps(ENROL_URL)}"
        self.assertTrue(
            browser._wait_ready(f"{enrol} && document.readyState === 'complete'"),
            "not sent to the set-up page",
        )
        for name, size in SIZES.items():
            with self.subTest(size=name):
                self._resize(browser, size)
                browser.navigate_to(url_join(self.base_url(), ENROL_URL))
                self.assertTrue(
                    browser._wait_ready(
                        f"{enrol} && document.readyState === 'complete'"
                        " && document.querySelector('.o_ecabinet_2fa_qrcode').complete"
                    )
                )
                page = self._eval(browser, MEASURE)
                width, height = size
                self.assertEqual(page["width"], width)
                self.assertLessEqual(page["scrollWidth"], width, "scrolls sideways")
                self.assertEqual(page["title"], "Xác thực hai lớp")
                for english in ("Two-factor", "Scan this code", "Cancel", "Code from"):
                    self.assertNotIn(english, page["text"])
                self.assertTrue(page["qrLoaded"])
                # a QR code an app can read: at least 160 px, whole on screen
                self.assertGreaterEqual(page["qr"]["width"], 160)
                for part in ("qr", "secret", "field", "button", "cancel"):
                    box = page[part]
                    self.assertGreaterEqual(box["left"], 0, part)
                    self.assertLessEqual(box["right"], width, part)
                # a finger reaches the field and the button (44 px targets)
                self.assertGreaterEqual(page["field"]["height"], 44)
                self.assertGreaterEqual(page["button"]["height"], 44)
                # a phone cannot scan its own screen: the app opens from a link
                if name == "phone":
                    self.assertGreaterEqual(page["appLink"]["height"], 44)
                    self.assertTrue(page["appLinkUrl"].startswith("otpauth://totp/"))
                    self.assertIn("Thêm vào ứng dụng xác thực", page["text"])
                else:
                    self.assertEqual(page["appLink"]["width"], 0, "hidden")
                self._screenshot(browser, f"member-2fa-setup-{name}")
        browser.navigate_to("about:blank", wait_stop=True)
