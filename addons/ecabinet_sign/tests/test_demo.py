# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoSignature(TransactionCase):
    def test_conclusion_notice_of_the_previous_session_waits_for_its_signer(self):
        request = self.env.ref("ecabinet_sign.sign_conclusion_previous", False)
        if not request:
            self.skipTest("installed without demo data")
        session = self.env.ref("ecabinet_meeting.meeting_previous")
        self.assertEqual(request._source_record(), session)
        self.assertEqual(request.state, "in_progress")
        self.assertTrue(request.sudo().pdf_file)
        self.assertEqual(
            request.current_signer_id.user_id, self.env.ref("ecabinet_base.user_vp")
        )
        self.assertEqual(request.current_signer_id.state, "to_sign")
        self.assertEqual(
            request.signer_ids.mapped("role"), ["person", "agency"], "then the clerk"
        )
