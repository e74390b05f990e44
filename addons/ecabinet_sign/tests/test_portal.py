# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.tests import HttpCase, tagged

from .common import SignCommon


@tagged("post_install", "-at_install")
class TestSignPortal(SignCommon, HttpCase):
    """A portal member signs from /my/sign with a PKCS#12 file; nobody else can."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls._request(
            cls.portal_signer, cls.clerk, name="Kế hoạch đầu tư công 2027"
        )
        cls.request.action_start()
        cls.other = cls._request(cls.person, cls.clerk, name="Not for the portal")
        cls.other.action_start()
        cls.url = f"/my/sign/{cls.request.id}"

    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return re.search(
            r'(?:name="csrf_token" value=|csrf_token: )"([^"]+)"', page.text
        ).group(1)

    def _post_sign(self, password="ecabinet-test", identity=None, url=None):
        identity = identity or self.pki.signer
        url = url or self.url
        return self.url_open(
            f"{url}/sign",
            data={"csrf_token": self._csrf(self.url), "password": password},
            files={"pkcs12": ("key.p12", identity.pkcs12(), "application/x-pkcs12")},
        )

    def test_portal_signer_signs_with_a_pkcs12_file_tour(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "le_van_cuong.p12",
                "raw": self.pki.signer.pkcs12(),
                "public": True,
            }
        )
        self.env["ir.model.data"].create(
            {
                "module": "ecabinet_sign",
                "name": "tour_pkcs12",
                "model": "ir.attachment",
                "res_id": attachment.id,
            }
        )
        self.start_tour(
            "/my/sign", "ecabinet_sign_portal_signer_signs", login="s_portal"
        )
        line = self.request.signer_ids.filtered(
            lambda s: s.user_id == self.portal_signer
        )
        self.assertEqual(line.state, "signed")
        self.assertIn("Nguyễn Văn An", line.certificate_subject)
        self.assertEqual(self.request.current_signer_id.user_id, self.clerk)
        report = self._verify(self.request)
        self.assertEqual(report.result, "valid")

    def test_portal_lists_only_own_requests(self):
        self.authenticate("s_portal", "s_portal")
        page = self.url_open("/my/sign")
        self.assertIn("Kế hoạch đầu tư công 2027", page.text)
        self.assertNotIn("Not for the portal", page.text)
        self.assertIn("Your turn", page.text)
        response = self.url_open(f"/my/sign/{self.other.id}")
        self.assertTrue(response.url.endswith("/my"), "no access: back to /my")
        response = self.url_open(f"/my/sign/{self.other.id}/pdf")
        self.assertTrue(response.url.endswith("/my"))

    def test_pdf_of_own_request_opens(self):
        self.authenticate("s_portal", "s_portal")
        response = self.url_open(f"{self.url}/pdf")
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertEqual(response.content, self.request._pdf_bytes())

    def test_wrong_password_shows_the_error_and_keeps_the_document(self):
        before = self.request._pdf_bytes()
        self.authenticate("s_portal", "s_portal")
        response = self._post_sign(password="guess")
        self.assertIn("wrong password", response.text)
        self.assertEqual(self.request._pdf_bytes(), before)
        self.assertEqual(self.request.current_signer_id.user_id, self.portal_signer)

    def test_revoked_certificate_is_refused_on_the_portal(self):
        self.authenticate("s_portal", "s_portal")
        response = self._post_sign(identity=self.pki.revoked_signer)
        self.assertIn("revoked", response.text)
        self.assertEqual(self.request.current_signer_id.user_id, self.portal_signer)

    def test_someone_else_cannot_sign_or_refuse(self):
        self.authenticate("s_outsider", "s_outsider")
        token = self._csrf("/my")
        response = self.url_open(
            f"{self.url}/sign",
            data={"csrf_token": token, "password": "ecabinet-test"},
            files={"pkcs12": ("key.p12", self.pki.signer.pkcs12())},
        )
        self.assertTrue(response.url.endswith("/my"))
        response = self.url_open(
            f"{self.url}/refuse", data={"csrf_token": token, "reason": "no"}
        )
        self.assertTrue(response.url.endswith("/my"))
        self.assertEqual(self.request.current_signer_id.state, "to_sign")
        # The clerk can read the request but it is not the clerk's turn.
        self.authenticate("s_clerk", "s_clerk")
        response = self._post_sign(identity=self.pki.clerk)
        self.assertIn("not your turn", response.text)
        self.assertEqual(self.request.signer_ids[1].state, "waiting")

    def test_portal_signer_refuses_with_a_reason(self):
        self.authenticate("s_portal", "s_portal")
        response = self.url_open(
            f"{self.url}/refuse",
            data={"csrf_token": self._csrf(self.url), "reason": "Thiếu phụ lục"},
        )
        self.assertIn("You refused to sign the document.", response.text)
        self.assertEqual(self.request.state, "refused")
        self.assertEqual(self.request.refuse_reason, "Thiếu phụ lục")

    def test_password_is_not_stored(self):
        self.authenticate("s_portal", "s_portal")
        self._post_sign()
        self.env.flush_all()
        for table in (
            "ecabinet_sign_signer",
            "ecabinet_sign_request",
            "ecabinet_sign_audit",
        ):
            self.env.cr.execute(
                f"SELECT count(*) FROM {table} WHERE {table}::text LIKE %s",  # noqa: S608
                ["%ecabinet-test%"],
            )
            self.assertEqual(self.env.cr.fetchone()[0], 0, table)
        self.assertEqual(
            self.request.signer_ids.filtered(
                lambda s: s.user_id == self.portal_signer
            ).state,
            "signed",
        )

    def test_home_counts_documents_to_sign(self):
        self.authenticate("s_portal", "s_portal")
        token = self._csrf("/my")
        response = self.url_open(
            "/my/counters",
            data=b'{"params": {"counters": ["ecabinet_sign_todo_count"]}}',
            headers={"Content-Type": "application/json", "X-CSRF-Token": token},
        )
        self.assertEqual(response.json()["result"]["ecabinet_sign_todo_count"], 1)
