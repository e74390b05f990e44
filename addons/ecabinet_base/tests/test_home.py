# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tests.common import HOST, Opener, get_db_name

from .common import EcabinetCommon

# A 1x1 PNG: a logo of the company's own.
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
    "hKmMIQAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestPortalHome(EcabinetCommon, HttpCase):
    def test_header_shows_the_company_name_when_it_has_no_logo(self):
        company = self.env.company
        company.write({"name": "Tỉnh Bình Minh", "logo": False})
        self.assertTrue(company.uses_default_logo)
        self.authenticate("t_portal_member", "t_portal_member")
        page = self.url_open("/my").text
        self.assertIn("o_ecabinet_company_name", page)
        self.assertIn("Tỉnh Bình Minh", page)
        self.assertNotIn(f"/logo.png?company={company.id}", page, "no placeholder")
        self.authenticate(None, None)
        login = self.url_open("/web/login").text
        self.assertIn("o_ecabinet_company_name", login)
        self.assertIn("Tỉnh Bình Minh", login)
        self.assertNotIn("/web/binary/company_logo", login)
        self.authenticate("t_portal_member", "t_portal_member")

        company.logo = PNG
        self.assertFalse(company.uses_default_logo)
        # The header is cached on the company's write date, the same in a test's
        # single transaction: start afresh.
        self.env.registry.clear_cache("templates")
        page = self.url_open("/my").text
        self.assertIn(f"/logo.png?company={company.id}", page)
        self.assertNotIn("o_ecabinet_company_name", page)
        self.authenticate(None, None)
        self.assertIn("/web/binary/company_logo", self.url_open("/web/login").text)

    def test_ecabinet_tiles_show_their_count(self):
        """Odoo hides the count of a tile and, once /my/counters has seen it, the
        counter itself: ours keep a visible count badge filled by /my/counters."""
        self.authenticate("t_portal_member", "t_portal_member")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["ecabinet_document_count"]}
        )
        self.assertEqual(
            counters["ecabinet_document_count"],
            self.env["ecabinet.document"]
            .with_user(self.portal_member)
            .search_count([]),
        )
        self.assertGreater(counters["ecabinet_document_count"], 0)
        page = self.url_open("/my").text  # after /my/counters: the cached case
        self.assertRegex(
            page,
            r'class="[^"]*o_ecabinet_tile_count[^"]*" '
            r'data-placeholder_count="ecabinet_document_count"',
        )
        self.assertIn("/ecabinet_base/static/src/img/portal-documents.svg", page)


@tagged("post_install", "-at_install")
class TestLanding(EcabinetCommon, HttpCase):
    def _first_app(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_web_menus(False)
        return menus[menus["root"]["children"][0]]

    def test_ecabinet_staff_land_on_the_ecabinet_app(self):
        for user in (self.staff, self.secretariat, self.chair, self.admin):
            with self.subTest(login=user.login):
                self.assertFalse(user.action_id, "no home action to maintain")
                self.assertEqual(
                    self._first_app(user)["xmlid"], "ecabinet_base.ecabinet_menu_root"
                )

    def _login(self, login):
        # As Odoo's own login tests: a fresh session, then the login form.
        self.session = http.root.session_store.new()
        self.session.update(http.get_default_session(), db=get_db_name())
        self.opener = Opener(self.env.cr)
        self.opener.cookies.set("session_id", self.session.sid, domain=HOST, path="/")
        return self.url_open(
            "/web/login",
            data={
                "login": login,
                "password": login,
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def test_internal_member_without_the_app_lands_on_the_portal_home(self):
        response = self._login("t_internal_member")
        self.assertEqual(response.request.path_url, "/my")
        self.assertIn("o_ecabinet_home", response.text)
        response = self._login("t_secretariat")
        self.assertEqual(response.request.path_url, "/odoo")
