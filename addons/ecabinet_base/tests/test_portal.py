# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import re
import xmlrpc.client

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import PDF, SECRET_LEVELS, EcabinetCommon


@tagged("post_install", "-at_install")
class TestPortalAndRpc(EcabinetCommon, HttpCase):
    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _submit(self, level, with_file):
        data = {
            "csrf_token": self._csrf("/my/ecabinet/documents/new"),
            "committee_id": str(self.committee.id),
            "name": f"Security plan for Tết ({level})",
            "confidentiality": level,
        }
        files = (
            {"datas": ("plan.pdf", base64.b64decode(PDF), "application/pdf")}
            if with_file
            else None
        )
        return self.url_open("/my/ecabinet/documents/new", data=data, files=files)

    def _documents_named(self, level):
        return self.env["ecabinet.document"].search(
            [("name", "=", f"Security plan for Tết ({level})")]
        )

    def test_portal_refuses_secret_content_and_keeps_the_form(self):
        self.authenticate("t_agency_user", "t_agency_user")
        for level in SECRET_LEVELS:
            with self.subTest(level=level):
                response = self._submit(level, with_file=True)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_ecabinet_error", response.text)
                self.assertIn("state-secret record keeps only", response.text)
                self.assertIn(f"Security plan for Tết ({level})", response.text)
                self.assertFalse(self._documents_named(level))

    def test_portal_records_secret_metadata_without_content(self):
        self.authenticate("t_agency_user", "t_agency_user")
        response = self._submit("top_secret", with_file=False)
        document = self._documents_named("top_secret")
        self.assertTrue(response.url.endswith(f"/my/ecabinet/documents/{document.id}"))
        self.assertIn("state secret", response.text)
        self.assertEqual(document.agency_id, self.agency)
        self.assertEqual(document.secret_holder_id, self.agency)
        self.assertFalse(document.datas)

    def test_portal_submits_normal_document_with_file(self):
        self.authenticate("t_agency_user", "t_agency_user")
        response = self._submit("normal", with_file=True)
        document = self._documents_named("normal")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(base64.b64decode(document.datas), base64.b64decode(PDF))
        download = self.url_open(f"/web/content/ecabinet.document/{document.id}/datas")
        self.assertEqual(download.content, base64.b64decode(PDF))

    def test_portal_refuses_a_false_pdf_before_saving_and_keeps_the_form(self):
        self.authenticate("t_agency_user", "t_agency_user")
        response = self.url_open(
            "/my/ecabinet/documents/new",
            data={
                "csrf_token": self._csrf("/my/ecabinet/documents/new"),
                "committee_id": str(self.committee.id),
                "name": "Security plan for Tết (normal)",
                "summary": "Plan of the provincial police",
            },
            files={"datas": ("plan.pdf", b"Not a PDF", "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_ecabinet_error", response.text)
        self.assertIn("“plan.pdf” is named .pdf but is not a PDF file.", response.text)
        self.assertIn("Security plan for Tết (normal)", response.text)
        self.assertIn("Plan of the provincial police", response.text)
        self.assertIn("Select the files again.", response.text)
        self.assertFalse(self._documents_named("normal"))

    def test_portal_member_sees_only_own_committee_documents(self):
        self.authenticate("t_portal_member", "t_portal_member")
        listing = self.url_open("/my/ecabinet/documents")
        self.assertIn(self.document.name, listing.text)
        self.assertNotIn(self.other_document.name, listing.text)
        self.assertNotIn(self.internal_document.name, listing.text)
        self.assertNotIn("Submit a document", listing.text, "members are no agency")
        page = self.url_open(f"/my/ecabinet/documents/{self.other_document.id}")
        self.assertTrue(page.url.endswith("/my"), "another committee's page redirects")
        own = self.url_open(f"/my/ecabinet/documents/{self.document.id}")
        self.assertIn(self.document.name, own.text)
        with mute_logger("odoo.http"):
            stolen = self.url_open(
                f"/web/content/ecabinet.document/{self.internal_document.id}/datas"
            )
        self.assertNotEqual(stolen.status_code, 200)

    def test_public_visitor_is_sent_to_login(self):
        response = self.url_open("/my/ecabinet/documents")
        self.assertIn("/web/login", response.url)

    def test_portal_chatter_upload_on_secret_refused(self):
        secret = self.env["ecabinet.document"].create(
            {
                "name": "Agency's classified annex",
                "committee_id": self.committee.id,
                "agency_id": self.agency.id,
                "confidentiality": "secret",
            }
        )
        self.authenticate("t_agency_user", "t_agency_user")
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/mail/attachment/upload",
                data={
                    "csrf_token": self._csrf("/my/ecabinet/documents/new"),
                    "thread_id": str(secret.id),
                    "thread_model": "ecabinet.document",
                },
                files={
                    "ufile": ("annex.pdf", base64.b64decode(PDF), "application/pdf")
                },
            )
        self.assertEqual(response.status_code, 400)
        self.assertIn("state-secret record keeps only", response.text)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "ecabinet.document"), ("res_id", "=", secret.id)]
            )
        )

    def test_json_rpc_cannot_store_secret_content(self):
        self.authenticate("t_agency_user", "t_agency_user")
        for level in SECRET_LEVELS:
            with self.subTest(level=level), mute_logger("odoo.http"):
                with self.assertRaisesRegex(JsonRpcException, "ValidationError"):
                    self.make_jsonrpc_request(
                        "/web/dataset/call_kw/ecabinet.document/create",
                        {
                            "model": "ecabinet.document",
                            "method": "create",
                            "args": [
                                {
                                    "name": f"RPC secret {level}",
                                    "committee_id": self.committee.id,
                                    "agency_id": self.agency.id,
                                    "confidentiality": level,
                                    "datas": PDF.decode(),
                                }
                            ],
                            "kwargs": {},
                        },
                    )
            self.assertFalse(
                self.env["ecabinet.document"].search(
                    [("name", "=", f"RPC secret {level}")]
                )
            )

    def test_xml_rpc_cannot_attach_to_secret(self):
        uid = self.agency_user.id
        secret = self.env["ecabinet.document"].create(
            {
                "name": "Classified by XML-RPC",
                "committee_id": self.committee.id,
                "agency_id": self.agency.id,
                "confidentiality": "absolute_secret",
            }
        )
        db = self.env.cr.dbname
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault) as error:
            self.xmlrpc_object.execute(
                db,
                uid,
                "t_agency_user",
                "ecabinet.document",
                "write",
                [secret.id],
                {"datas": PDF.decode(), "filename": "leak.pdf"},
            )
        self.assertIn("state-secret record keeps only", error.exception.faultString)
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc_object.execute(
                db,
                uid,
                "t_agency_user",
                "ir.attachment",
                "create",
                {
                    "name": "leak.pdf",
                    "datas": PDF.decode(),
                    "res_model": "ecabinet.document",
                    "res_id": secret.id,
                },
            )
        secret.invalidate_recordset()
        self.assertFalse(secret.datas)

    def test_rpc_outsider_cannot_read_committee(self):
        db = self.env.cr.dbname
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault) as error:
            self.xmlrpc_object.execute(
                db,
                self.outsider.id,
                "t_outsider",
                "ecabinet.committee",
                "read",
                [self.committee.id],
                ["name"],
            )
        self.assertIn("doesn't have 'read' access", error.exception.faultString)
        names = self.xmlrpc_object.execute(
            db,
            self.outsider.id,
            "t_outsider",
            "ecabinet.committee",
            "search_read",
            [],
            ["name"],
        )
        self.assertEqual([n["name"] for n in names], ["Other Committee"])
