# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDemoSignature(HttpCase):
    """An HttpCase: sending renders the notice with wkhtmltopdf, which fetches the
    report's style sheets from the test server."""

    def test_conclusion_notice_of_the_previous_session_is_ready_to_send(self):
        request = self.env.ref("ecabinet_sign.sign_conclusion_previous", False)
        if not request:
            self.skipTest("installed without demo data")
        session = self.env.ref("ecabinet_meeting.meeting_previous")
        self.assertEqual(request._source_record(), session)
        self.assertEqual(
            request.report_id, self.env.ref("ecabinet_meeting.action_report_conclusion")
        )
        self.assertEqual(request.state, "draft")
        self.assertEqual(
            request.signer_ids.mapped("user_id"),
            self.env.ref("ecabinet_base.user_vp")
            | self.env.ref("ecabinet_base.user_clerk"),
        )
        self.assertEqual(
            request.signer_ids.mapped("role"), ["person", "agency"], "then the clerk"
        )
        # The secretariat sends it from the demo (the PDF is rendered then).
        request.with_user(self.env.ref("ecabinet_base.user_vp")).action_start()
        self.assertEqual(request.state, "in_progress")
        self.assertEqual(request.current_signer_id.role, "person")
        self.assertEqual(request.current_signer_id.state, "to_sign")

    def test_demo_verification_says_what_verifying_its_file_says(self):
        demo = self.env.ref("ecabinet_sign.verification_investment_proposal", False)
        if not demo:
            self.skipTest("installed without demo data")
        fresh = self.env["ecabinet.sign.verification"]._verify(
            base64.b64decode(demo.pdf_file), demo.name
        )
        self.assertEqual(
            (fresh.result, fresh.document_sha256, len(fresh.line_ids)),
            (demo.result, demo.document_sha256, len(demo.line_ids)),
        )
