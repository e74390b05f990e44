# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecabinet_meeting.tests.common import MeetingCommon

from .common import SignCommon


@tagged("post_install", "-at_install")
class TestSignMixin(SignCommon, MeetingCommon, TransactionCase):
    """A signable model names its reports and their numbering symbols
    (``ecabinet.sign.mixin``); the request keeps the report it prints."""

    def test_signable_models_name_their_reports_and_symbols(self):
        Meeting = self.env["ecabinet.meeting"]
        self.assertIsInstance(Meeting, self.registry["ecabinet.sign.mixin"])
        self.assertIsInstance(
            self.env["ecabinet.ballot"], self.registry["ecabinet.sign.mixin"]
        )
        minutes = self.env.ref("ecabinet_meeting.action_report_minutes")
        letters = self.env.ref("ecabinet_meeting.action_report_invitation_meeting")
        self.assertEqual(
            Meeting._ecabinet_sign_symbol_field(minutes), "ecabinet_sign_symbol_minutes"
        )
        # A report the model does not name takes the symbol of other documents.
        self.assertEqual(
            Meeting._ecabinet_sign_symbol_field(letters),
            "ecabinet_sign_symbol_document",
        )

    def test_request_for_another_report_of_the_record(self):
        meeting = self._meeting(user_id=self.person.id)
        letters = self.env.ref("ecabinet_meeting.action_report_invitation_meeting")
        request = self.env["ecabinet.sign.request"]._ecabinet_create_for(
            meeting, letters, self.person | self.clerk, committee=meeting.committee_id
        )
        self.assertEqual(request.report_id, letters)
        self.assertEqual(request._source_record(), meeting)
        self.assertEqual(request.name, meeting.display_name)
        self.assertEqual(request._symbol(), self.company.ecabinet_sign_symbol_document)
        self.assertEqual(meeting.ecabinet_sign_request_count, 1)
        self.assertEqual(
            request.signer_ids.sorted("sequence").mapped("role"), ["person", "agency"]
        )
        # An uploaded document has no report and the symbol of other documents.
        upload = self._request(self.person, self.clerk)
        self.assertFalse(upload.report_id)
        self.assertEqual(upload._symbol(), self.company.ecabinet_sign_symbol_document)

    def test_report_of_another_model_refused(self):
        meeting = self._meeting(user_id=self.person.id)
        result_sheet = self.env.ref("ecabinet_opinion.action_report_ballot_result")
        with self.assertRaisesRegex(UserError, "does not print"):
            self.env["ecabinet.sign.request"]._ecabinet_create_for(
                meeting, result_sheet, self.person
            )
