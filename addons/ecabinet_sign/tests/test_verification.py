# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import SignCommon


@tagged("post_install", "-at_install")
class TestVerification(SignCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        request = cls._request(cls.person, cls.clerk)
        request.action_start()
        request.signer_ids[0].with_user(cls.person)._ecabinet_sign(
            pkcs12=cls.pki.signer.pkcs12(), password="ecabinet-test"
        )
        cls.signed = request._pdf_bytes()
        cls.request = request

    def _verify_bytes(self, data):
        wizard = self.env["ecabinet.sign.verify.wizard"].create(
            {"pdf_file": base64.b64encode(data), "pdf_filename": "in.pdf"}
        )
        action = wizard.action_verify()
        return self.env["ecabinet.sign.verification"].browse(action["res_id"])

    def test_signed_document_is_reported_valid(self):
        report = self._verify_bytes(self.signed)
        self.assertEqual(report.result, "valid")
        line = report.line_ids
        self.assertEqual(len(line), 1)
        self.assertTrue(line.intact and line.trusted and line.timestamp_ok)
        self.assertFalse(line.revoked)
        self.assertEqual(line.signer, "Nguyễn Văn An")
        self.assertIn("Binh Minh Test Issuing CA", line.issuer)

    def test_bytes_altered_after_signing_are_reported(self):
        # Change one character of the signed content (same length, inside the
        # signed byte range): the digest no longer matches.
        index = self.signed.index(b"/Producer")
        altered = self.signed[:index] + b"/Pro+ucer" + self.signed[index + 9 :]
        report = self._verify_bytes(altered)
        self.assertEqual(report.result, "invalid")
        self.assertFalse(report.line_ids.intact)
        self.assertIn("altered after this signature", report.line_ids.problem_text)

    def test_incremental_update_changing_content_is_detected(self):
        writer = IncrementalPdfFileWriter(io.BytesIO(self.signed))
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        stream = generic.StreamObject(
            stream_data=b"BT /F1 24 Tf 100 100 Td (FAKE) Tj ET"
        )
        page["/Contents"] = writer.add_object(stream)
        writer.update_container(page)
        out = io.BytesIO()
        writer.write(out)
        report = self._verify_bytes(out.getvalue())
        self.assertEqual(report.result, "invalid")
        line = report.line_ids
        self.assertTrue(line.intact, "the signed revision itself is intact")
        self.assertEqual(line.modification_level, "OTHER")
        self.assertIn("changed in an update after this signature", line.problem_text)

    def test_unsigned_and_broken_pdfs(self):
        self.assertEqual(self._verify_bytes(self.pdf).result, "unsigned")
        self.assertEqual(self._verify_bytes(b"%PDF-1.7\n garbage").result, "error")
        with self.assertRaisesRegex(UserError, "neither a PDF nor an XML"):
            self._verify_bytes(b"hello")

    def test_verification_of_a_stored_request_is_kept_and_audited(self):
        action = self.request.action_verify()
        report = self.env["ecabinet.sign.verification"].browse(action["res_id"])
        self.assertEqual(report.request_id, self.request)
        self.assertEqual(self.request.verification_ids, report)
        audit = self.env["ecabinet.sign.audit"].search(
            [("event", "=", "verified"), ("request_id", "=", self.request.id)]
        )
        self.assertEqual(audit.document_sha256, report.document_sha256)

    def test_report_reads_in_english_and_vietnamese(self):
        report = self._verify_bytes(self.signed)
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["ecabinet_sign"], ["vi_VN"])
        Report = self.env["ir.actions.report"]
        html_en = Report._render_qweb_html(
            "ecabinet_sign.action_report_verification", report.ids
        )[0].decode()
        self.assertIn("Signature verification report", html_en)
        self.assertIn("All signatures valid", html_en)
        html_vi = (
            Report.with_context(lang="vi_VN")
            ._render_qweb_html("ecabinet_sign.action_report_verification", report.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Báo cáo kiểm tra chữ ký số", html_vi)
        self.assertIn("Tất cả chữ ký hợp lệ", html_vi)
