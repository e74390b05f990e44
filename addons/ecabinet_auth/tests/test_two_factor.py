# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import os
import re
import time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from odoo.addons.auth_totp.models.totp import TIMESTEP, hotp
from odoo.addons.ecabinet_base.tests.common import (
    PORTAL_MEMBER,
    PortalTestMixin,
    make_agency,
    make_agency_user,
    make_user,
)

from ..models.res_users import ENROL_URL

MUTED = ("odoo.http", "odoo.addons.base.models.ir_rule", "odoo.models")
SECRET_RE = re.compile(r"o_ecabinet_2fa_secret[^>]*>([A-Z2-7 ]+)<")


def totp_code(secret, shift=0):
    """The code an authenticator app shows for ``secret`` now (``shift`` time
    steps later), computed with Odoo's own HOTP."""
    key = base64.b32decode(re.sub(r"\s", "", secret).upper())
    return f"{hotp(key, int(time.time() / TIMESTEP) + shift):06d}"


@tagged("post_install", "-at_install")
class TestTwoFactorPolicy(PortalTestMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.member = make_user(env, "tf_member", PORTAL_MEMBER)
        cls.other_member = make_user(env, "tf_other", PORTAL_MEMBER)
        cls.staff = make_user(env, "tf_staff", "ecabinet_base.group_user")
        cls.secretariat = make_user(
            env, "tf_secretariat", "ecabinet_base.group_secretariat"
        )
        cls.officer = make_agency_user(env, "tf_officer", make_agency(env, "Sở Nội vụ"))
        cls.company = env.company
        cls.company.ecabinet_2fa_member = True

    # Helpers ------------------------------------------------------------------------

    def _sign_in(self, login, password=None):
        """Sign in through the login form, as a person does; the last page."""
        self.authenticate(None, None)
        # Only the server's session cookie: the one the test sets has another
        # domain and would shadow the session the sign-in rotates.
        del self.opener.cookies["session_id"]
        return self.url_open(
            "/web/login",
            data={
                "csrf_token": self._csrf("/web/login"),
                "login": login,
                "password": password or login,
            },
        )

    def _sign_in_with_code(self, login, secret):
        page = self._sign_in(login)
        self.assertIn("/web/login/totp", page.url)
        done = self.url_open(
            "/web/login/totp",
            data={"csrf_token": self._form_csrf(page), "totp_token": totp_code(secret)},
        )
        self.assertTrue(done.url.endswith("/my"), done.url)
        return done

    def _form_csrf(self, page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _chatter(self, user):
        return self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", user.partner_id.id)]
        )

    def _not_set_up(self, as_user):
        return (
            self.env["res.users"]
            .with_user(as_user)
            .search(
                [
                    ("ecabinet_2fa_required", "=", True),
                    ("ecabinet_2fa_enrolled", "=", False),
                    ("login", "like", "tf_"),
                ]
            )
        )

    # Who the policy covers ----------------------------------------------------------

    def test_policy_per_kind_of_user(self):
        self.assertEqual(
            [u.ecabinet_2fa_kind for u in (self.member, self.officer, self.staff)],
            ["member", "agency", "staff"],
        )
        self.assertEqual(self.secretariat.ecabinet_2fa_kind, "staff")
        self.assertTrue(self.member.ecabinet_2fa_required)
        self.assertFalse(self.officer.ecabinet_2fa_required)
        self.assertFalse(self.staff.ecabinet_2fa_required)
        self.assertEqual(self.member._mfa_url(), ENROL_URL)
        self.assertIsNone(self.staff._mfa_url())
        self.company.write({"ecabinet_2fa_agency": True, "ecabinet_2fa_staff": True})
        self.env.invalidate_all()
        self.assertTrue(self.officer.ecabinet_2fa_required)
        self.assertTrue(self.staff.ecabinet_2fa_required)

    def test_not_set_up_list_for_the_secretariat(self):
        # signed in before the policy covers the staff
        self.authenticate("tf_secretariat", "tf_secretariat")
        self.assertEqual(
            self._not_set_up(self.secretariat), self.member | self.other_member
        )
        # an authenticator app and a passkey both count
        self.other_member.sudo().totp_secret = base64.b32encode(os.urandom(20)).decode()
        self.company.ecabinet_2fa_staff = True
        self.env.invalidate_all()
        self.assertEqual(
            self._not_set_up(self.secretariat),
            self.member | self.staff | self.secretariat,
        )
        self.env["auth.passkey.key"].with_user(self.staff).sudo().create(
            {"name": "Tablet", "credential_identifier": "tf-key", "public_key": "k"}
        )
        self.env.invalidate_all()
        self.assertTrue(self.staff.ecabinet_2fa_enrolled)
        self.assertEqual(self.staff.ecabinet_passkey_count, 1)
        self.assertEqual(
            self._not_set_up(self.secretariat), self.member | self.secretariat
        )
        # the list the secretariat opens (its action and its default filter)
        action = self.env.ref("ecabinet_auth.res_users_action_ecabinet_2fa")
        rows = self._rpc(
            "res.users",
            "search_read",
            [
                *safe_eval(action.domain, {"ref": self.env.ref}),
                ("ecabinet_2fa_required", "=", True),
                ("ecabinet_2fa_enrolled", "=", False),
                ("login", "like", "tf_"),
            ],
            fields=["login", "ecabinet_2fa_kind", "totp_enabled"],
        )
        self.assertEqual(
            sorted(row["login"] for row in rows), ["tf_member", "tf_secretariat"]
        )

    # Signing in --------------------------------------------------------------------

    def test_member_without_second_factor_is_sent_to_set_it_up(self):
        page = self._sign_in("tf_member")
        self.assertIn(ENROL_URL, page.url)
        self.assertIn("o_ecabinet_2fa_qrcode", page.text)
        # the password alone opens nothing
        self.assertIn("/web/login", self.url_open("/my").url)
        page = self.url_open(ENROL_URL)
        secret = SECRET_RE.search(page.text).group(1)

        # a wrong code: refused, nothing set up
        wrong = self.url_open(
            ENROL_URL,
            data={
                "csrf_token": self._form_csrf(page),
                "totp_token": totp_code(secret, 50),
            },
        )
        self.assertIn("o_ecabinet_2fa_error", wrong.text)
        self.assertFalse(self.member.totp_enabled)
        self.assertIn("/web/login", self.url_open("/my").url)

        done = self.url_open(
            ENROL_URL,
            data={
                "csrf_token": self._form_csrf(wrong),
                "totp_token": totp_code(secret),
            },
        )
        self.assertTrue(done.url.endswith("/my"), done.url)
        self.assertTrue(
            self.url_open("/my/ecabinet/sessions").url.endswith("/sessions")
        )
        self.env.invalidate_all()
        self.assertTrue(self.member.totp_enabled)
        self.assertTrue(self.member.ecabinet_2fa_enrolled)
        self.assertIn(
            "authenticator app", " ".join(self._chatter(self.member).mapped("body"))
        )

        # the next sign-in asks for the code (Odoo's auth_totp step)
        page = self._sign_in("tf_member")
        self.assertIn("/web/login/totp", page.url)

    def test_member_with_authenticator_signs_in_with_a_code(self):
        secret = base64.b32encode(os.urandom(20)).decode()
        self.member.sudo().totp_secret = secret
        page = self._sign_in("tf_member")
        self.assertIn("/web/login/totp", page.url)
        self.assertIn("/web/login", self.url_open("/my").url)
        page = self.url_open(page.url)
        with mute_logger(*MUTED):
            wrong = self.url_open(
                "/web/login/totp",
                data={
                    "csrf_token": self._form_csrf(page),
                    "totp_token": totp_code(secret, 50),
                },
            )
        self.assertIn("/web/login/totp", wrong.url)
        done = self.url_open(
            "/web/login/totp",
            data={
                "csrf_token": self._form_csrf(wrong),
                "totp_token": totp_code(secret),
            },
        )
        self.assertTrue(done.url.endswith("/my"), done.url)
        self.assertEqual(self.url_open("/my").status_code, 200)
        self.assertTrue(self.url_open("/my").url.endswith("/my"))

    def test_passkey_counts_as_set_up(self):
        self.company.ecabinet_2fa_staff = True
        self.env["auth.passkey.key"].with_user(self.staff).sudo().create(
            {"name": "Laptop", "credential_identifier": "tf-staff", "public_key": "k"}
        )
        self.env.invalidate_all()
        self.assertTrue(self.staff.ecabinet_2fa_enrolled)
        # a password sign-in is sent to the passkey: no new authenticator app
        page = self._sign_in("tf_staff")
        self.assertIn(ENROL_URL, page.url)
        self.assertIn("o_ecabinet_2fa_passkey", page.text)
        self.assertNotIn("o_ecabinet_2fa_qrcode", page.text)
        self.assertIn("/web/login", self.url_open("/odoo").url)
        self.assertFalse(self.staff.totp_enabled)

    def test_no_policy_no_second_step_and_rpc_by_password_refused_under_it(self):
        self.company.ecabinet_2fa_member = False
        page = self._sign_in("tf_member")
        self.assertTrue(page.url.endswith("/my"), page.url)
        db = self.env.cr.dbname
        self.assertEqual(
            self.xmlrpc_common.authenticate(db, "tf_member", "tf_member", {}),
            self.member.id,
        )
        self.company.ecabinet_2fa_member = True
        self.env.flush_all()
        with mute_logger(*MUTED, "odoo.addons.base.models.res_users"):
            self.assertFalse(
                self.xmlrpc_common.authenticate(db, "tf_member", "tf_member", {})
            )

    # Lost devices ----------------------------------------------------------------

    def _signed_in_device(self, login):
        self.authenticate(login, login)
        self.assertTrue(self.url_open("/my").url.endswith("/my"))
        user = self.env["res.users"].search([("login", "=", login)])
        return self.env["res.device"].search([("user_id", "=", user.id)])

    def test_secretariat_signs_a_lost_device_out(self):
        self.company.ecabinet_2fa_member = False
        device = self._signed_in_device("tf_member")
        self.assertEqual(len(device), 1)
        # not the member's colleague, nor a staff member without the role
        for user in (self.other_member, self.staff):
            with self.assertRaises(AccessError):
                device.with_user(user).action_ecabinet_sign_out()
        self.assertTrue(self.url_open("/my").url.endswith("/my"))

        listed = (
            self.env["res.device"]
            .with_user(self.secretariat)
            .search([("user_id", "=", self.member.id)])
        )
        self.assertEqual(listed, device)
        self.assertIs(listed.action_ecabinet_sign_out(), True)
        # the old session cookie is worth nothing now
        response = self.url_open("/my")
        self.assertIn("/web/login", response.url)
        self.assertFalse(
            self.env["res.device"].search([("user_id", "=", self.member.id)])
        )
        self.assertIn(
            "by tf_secretariat", " ".join(self._chatter(self.member).mapped("body"))
        )

    def test_secretariat_removes_a_lost_second_factor(self):
        secret = base64.b32encode(os.urandom(20)).decode()
        self.member.sudo().totp_secret = secret
        self.env["auth.passkey.key"].with_user(self.staff).sudo().create(
            {"name": "Phone", "credential_identifier": "tf-lost", "public_key": "k"}
        )
        self._sign_in_with_code("tf_member", secret)
        self.assertTrue(self.url_open("/my").url.endswith("/my"))
        with self.assertRaises(AccessError):
            (self.member | self.staff).with_user(
                self.other_member
            ).action_ecabinet_remove_second_factor()
        with self.assertRaises(AccessError):
            self.env.ref("base.user_admin").with_user(
                self.secretariat
            ).action_ecabinet_remove_second_factor()

        (self.member | self.staff).with_user(
            self.secretariat
        ).action_ecabinet_remove_second_factor()
        self.env.invalidate_all()
        self.assertFalse(self.member.totp_enabled)
        self.assertFalse(self.staff.ecabinet_2fa_enrolled)
        self.assertIn("/web/login", self.url_open("/my").url)
        self.assertIn(
            "removed by tf_secretariat",
            " ".join(self._chatter(self.member).mapped("body")),
        )
        # the policy asks for a new one at the next sign-in
        self.assertIn(ENROL_URL, self._sign_in("tf_member").url)

    def test_secretariat_signs_everyone_out_of_every_device(self):
        self.company.ecabinet_2fa_member = False
        self._signed_in_device("tf_member")
        self.member.with_user(self.secretariat).action_ecabinet_sign_out_devices()
        self.assertIn("/web/login", self.url_open("/my").url)
        with self.assertRaises(AccessError):
            self.secretariat.with_user(self.member).action_ecabinet_sign_out_devices()

    # Vietnamese ----------------------------------------------------------------

    def test_sign_in_pages_in_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["auth_totp", "auth_totp_portal", "auth_passkey", "ecabinet_auth"],
            ["vi_VN"],
        )
        self.member.lang = "vi_VN"
        page = self._sign_in("tf_member")
        self.assertIn(ENROL_URL, page.url)
        self.assertIn("Xác thực hai lớp", page.text, "in the person's language")
        self.assertIn("Mã từ ứng dụng", page.text)
        # Odoo's own sign-in steps come with Odoo's own Vietnamese
        totp_form = self.env.ref("auth_totp.auth_totp_form").with_context(lang="vi_VN")
        self.assertIn("Mã Xác thực", totp_form.arch_db)
        passkeys = self.env.ref("auth_passkey.auth_passkey_login").with_context(
            lang="vi_VN"
        )
        self.assertIn("Đăng nhập bằng khoá truy cập", passkeys.arch_db)
