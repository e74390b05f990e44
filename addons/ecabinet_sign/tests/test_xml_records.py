# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Signed XML records through the wizards: a ballot's result, the edXML
package of an issued document, and their verification (XML detected by
content in the verification wizard)."""

import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecabinet_opinion.tests.common import BallotCommon

from ..lib import edxml, xmldsig
from ..lib.pkcs12_backend import Pkcs12Backend
from ..wizard.ecabinet_sign_wizard import PASSWORD_KEY
from .common import SignCommon
from .pki import PASSWORD


@tagged("post_install", "-at_install")
class TestXmlRecords(SignCommon, BallotCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.ecabinet_agency_code = "000.00.00.H57"
        cls.agency = cls.env["res.partner"].create(
            {
                "name": "Sở Tài chính tỉnh Bình Minh",
                "is_ecabinet_agency": True,
                "ecabinet_agency_code": "000.12.30.H57",
            }
        )

    # Helpers --------------------------------------------------------------------

    def _closed_ballot(self):
        ballot = self._ballot(questions=("Thông qua bảng giá đất 2027?",))
        ballot.with_user(self.secretariat).action_send()
        for user, choice in (
            (self.members[0], "agree"),
            (self.members[1], "agree"),
            (self.members[2], "disagree"),
        ):
            self.voter(ballot, user).with_user(user).answer(ballot.question_ids, choice)
        ballot.with_user(self.chair).action_close()
        return ballot

    def _run(self, action, identity, user=None, **values):
        wizard = self.env["ecabinet.sign.xml.wizard"].browse(action["res_id"])
        wizard = wizard.with_user(user or self.clerk)
        wizard.write(
            {
                "key_backend": "pkcs12",
                "pkcs12_file": base64.b64encode(identity.pkcs12()),
                **values,
            }
        )
        result = wizard.with_context(**{PASSWORD_KEY: PASSWORD.decode()}).action_sign()
        attachment_id = int(result["url"].split("/")[3].split("?")[0])
        return self.env["ir.attachment"].browse(attachment_id)

    def _verify_file(self, data, name="record.xml"):
        wizard = self.env["ecabinet.sign.verify.wizard"].create(
            {"pdf_file": base64.b64encode(data), "pdf_filename": name}
        )
        action = wizard.action_verify()
        return self.env["ecabinet.sign.verification"].browse(action["res_id"])

    def _issued(self):
        request = self._request(self.person, self.clerk)
        request.action_start()
        self._sign(request, self.person, self.pki.signer)
        self._sign(request, self.clerk, self.pki.clerk)
        self.assertEqual(request.state, "signed")
        return request

    # Ballot result --------------------------------------------------------------

    def test_ballot_result_signed_verified_and_tamper_detected(self):
        ballot = self._closed_ballot()
        action = ballot.with_user(self.clerk).action_ecabinet_sign_result_xml()
        attachment = self._run(action, self.pki.clerk)
        self.assertEqual(attachment.res_model, "ecabinet.ballot")
        self.assertEqual(attachment.res_id, ballot.id)
        data = attachment.raw
        tally = edxml.parse_ballot_tally(data)
        counts = ballot._tally()[ballot.question_ids.id]
        self.assertEqual(
            [choice["count"] for choice in tally["questions"][0]["choices"]],
            [counts["agree"], counts["disagree"], counts["other"]],
            "the ballot's own count, not a recount",
        )
        self.assertEqual(counts["agree"], 4, "two silent members count as agreeing")
        self.assertEqual(tally["questions"][0]["decision"], "Passed")
        self.assertEqual(tally["eligible"], 5)
        audit = self.env["ecabinet.sign.audit"].search(
            [("res_model", "=", "ecabinet.ballot"), ("res_id", "=", ballot.id)]
        )
        self.assertEqual(audit.event, "signed")
        self.assertIn("Văn phòng UBND", audit.certificate_subject)

        report = self._verify_file(data)
        self.assertEqual(report.result, "valid", report.line_ids.mapped("error"))
        self.assertEqual(report.line_ids.kind, "xml")
        self.assertEqual(report.line_ids.signer, "Văn phòng UBND tỉnh Bình Minh")
        self.assertTrue(report.line_ids.trusted)

        tampered = data.replace(b'count="4"', b'count="5"', 1)
        self.assertNotEqual(tampered, data)
        report = self._verify_file(tampered)
        self.assertEqual(report.result, "invalid")
        self.assertFalse(report.line_ids.intact)
        self.assertIn("altered", report.line_ids.problem_text)

    def test_open_ballot_and_untrusted_key_are_refused(self):
        ballot = self._ballot()
        ballot.with_user(self.secretariat).action_send()
        with self.assertRaisesRegex(UserError, "closed or decided"):
            ballot.with_user(self.clerk).action_ecabinet_sign_result_xml()
        closed = self._closed_ballot()
        action = closed.with_user(self.clerk).action_ecabinet_sign_result_xml()
        with self.assertRaisesRegex(UserError, "does not chain to a trusted root"):
            self._run(action, self.pki.untrusted_signer)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "ecabinet.ballot"), ("res_id", "=", closed.id)]
            )
        )

    def test_members_cannot_sign_records_for_the_agency(self):
        ballot = self._closed_ballot()
        request = self._issued()
        for user in (self.members[0], self.portal_signer):
            with self.assertRaises(AccessError):
                ballot.with_user(user).action_ecabinet_sign_result_xml()
            with self.assertRaises(AccessError):
                request.with_user(user).action_export_edxml()
            with self.assertRaises(AccessError):
                self.env["ecabinet.sign.xml.wizard"].with_user(user).create(
                    {"mode": "ballot", "ballot_id": ballot.id}
                )

    def test_untrusted_signer_reported(self):
        backend = Pkcs12Backend(self.pki.untrusted_signer.pkcs12(), PASSWORD)
        signed = xmldsig.sign_xml("<KetLuan>Đồng ý</KetLuan>".encode(), backend)
        report = self._verify_file(signed)
        self.assertEqual(report.result, "invalid")
        line = report.line_ids
        self.assertTrue(line.intact)
        self.assertFalse(line.trusted)
        self.assertEqual(line.signer, "Untrusted Signer")
        self.assertIn("does not chain to a trusted root", line.problem_text)
        unsigned = self._verify_file(b"<?xml version='1.0'?><KetLuan/>")
        self.assertEqual(unsigned.result, "unsigned")
        self.assertEqual(self._verify_file(b"<KetLuan>").result, "error")

    def test_xml_report_reads_in_english_and_vietnamese(self):
        backend = Pkcs12Backend(self.pki.untrusted_signer.pkcs12(), PASSWORD)
        report = self._verify_file(xmldsig.sign_xml(b"<KetLuan/>", backend))
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["ecabinet_sign"], ["vi_VN"])
        Report = self.env["ir.actions.report"]
        html_en = Report._render_qweb_html(
            "ecabinet_sign.action_report_verification", report.ids
        )[0].decode()
        self.assertIn("XML signature", html_en)
        self.assertIn("Untrusted Signer", html_en)
        self.assertIn("does not chain to a trusted root", html_en)
        self.assertNotIn("Changes after signing", html_en, "PDF-only rows left out")
        html_vi = (
            Report.with_context(lang="vi_VN")
            ._render_qweb_html("ecabinet_sign.action_report_verification", report.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Chữ ký XML", html_vi)
        self.assertIn("Báo cáo kiểm tra chữ ký số", html_vi)

    # edXML ----------------------------------------------------------------------

    def test_edxml_package_of_an_issued_document(self):
        request = self._issued()
        action = request.with_user(self.clerk).action_export_edxml()
        attachment = self._run(
            action, self.pki.clerk, recipient_ids=[(6, 0, self.agency.ids)]
        )
        self.assertEqual(attachment.res_model, "ecabinet.sign.request")
        self.assertEqual(attachment.res_id, request.id)
        data = attachment.raw
        package = edxml.parse_edxml(data)
        self.assertEqual(package.sender.organ_id, "000.00.00.H57")
        self.assertEqual(package.sender.organ_name, "UBND tỉnh Bình Minh")
        self.assertEqual([r.organ_id for r in package.recipients], ["000.12.30.H57"])
        self.assertEqual(package.code_number, str(request.number))
        self.assertEqual(package.code_notation, request.symbol)
        self.assertEqual(package.promulgation_date, request.issue_date)
        self.assertEqual(package.subject, request.name)
        self.assertEqual(package.attachments[0].content, request._pdf_bytes())
        self.assertTrue(
            self.env["ecabinet.sign.audit"].search(
                [("request_id", "=", request.id), ("details", "like", "edXML")]
            )
        )
        report = self._verify_file(data, "package.edxml")
        self.assertEqual(report.result, "valid", report.line_ids.mapped("error"))
        # The attached PDF is covered by the signature.
        pdf_b64 = base64.b64encode(request._pdf_bytes())
        self.assertIn(pdf_b64[:40], data)
        tampered = data.replace(pdf_b64[200:240], pdf_b64[240:280], 1)
        self.assertNotEqual(tampered, data)
        report = self._verify_file(tampered, "package.edxml")
        self.assertEqual(report.result, "invalid")
        self.assertFalse(report.line_ids.intact)

    def test_edxml_needs_agency_codes_and_an_issued_document(self):
        request = self._issued()
        self.agency.ecabinet_agency_code = False
        action = request.with_user(self.clerk).action_export_edxml()
        with self.assertRaisesRegex(UserError, "Set the agency code"):
            self._run(action, self.pki.clerk, recipient_ids=[(6, 0, self.agency.ids)])
        draft = self._request(self.person, self.clerk)
        # Refused before the dialog opens (the wizard refuses it too).
        with self.assertRaisesRegex(UserError, "Only an issued document"):
            draft.with_user(self.clerk).action_export_edxml()
