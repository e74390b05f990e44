# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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
        self.assertEqual(request.source, "conclusion")
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
