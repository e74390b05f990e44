# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.ecabinet_meeting.tests.common import MeetingCommon

from ..lib import pdf as pdf_lib
from .common import SignCommon
from .test_sign_flow import pdf_text


@tagged("post_install", "-at_install")
class TestMeetingDocumentSignature(SignCommon, MeetingCommon, HttpCase):
    """The conclusion notice of a session, rendered by ecabinet_meeting, signed by
    the chief of office (TL. Chủ tịch) and the clerk. An HttpCase: wkhtmltopdf
    fetches the report's style sheets from the test server."""

    def _field_rects(self, data):
        reader = pdf_lib.PdfFileReader(pdf_lib.io.BytesIO(data), strict=False)
        rects = {}
        for ref in reader.root["/AcroForm"]["/Fields"]:
            field = ref.get_object()
            rects[str(field["/T"])] = [float(v) for v in field["/Rect"]]
        return rects

    def test_conclusion_notice_fields_sit_where_the_document_prints_them(self):
        meeting = self._meeting(user_id=self.person.id)
        with self.assertRaisesRegex(UserError, "once the minutes are approved"):
            meeting.with_user(self.clerk).action_ecabinet_sign_conclusion()
        with self.assertRaisesRegex(UserError, "once the session is closed"):
            meeting.with_user(self.clerk).action_ecabinet_sign_minutes()
        meeting._ecabinet_transition({"state": "minutes_approved"})
        action = meeting.with_user(self.clerk).action_ecabinet_sign_conclusion()
        request = self.env["ecabinet.sign.request"].browse(action["res_id"])
        self.assertEqual(
            request.report_id, self.env.ref("ecabinet_meeting.action_report_conclusion")
        )
        self.assertEqual(request.committee_id, meeting.committee_id)
        self.assertEqual(
            request.signer_ids.sorted("sequence").mapped("user_id"),
            self.person | self.clerk,
        )
        self.assertEqual(meeting.ecabinet_sign_request_count, 1)
        request.action_start()
        prepared = request._pdf_bytes()
        rects = self._field_rects(prepared)
        pages = pdf_lib.page_words(prepared)
        first_words, last_words = pages[0][2], pages[-1][2]
        number_word = pdf_lib._find_sequence(first_words, ["Số:"])
        self.assertAlmostEqual(rects[pdf_lib.FIELD_NUMBER][0], number_word[2] + 2, 0)
        name_box = pdf_lib._find_sequence(last_words, self.person.name.split())
        person = rects[pdf_lib.FIELD_PERSON]
        self.assertGreater(person[1], name_box[3], "the signature is above the name")
        title = pdf_lib._find_sequence(last_words, ["CHÁNH", "VĂN", "PHÒNG"])
        self.assertLess(person[3], title[1] + 1, "and below the title")
        seal = rects[pdf_lib.FIELD_AGENCY]
        third = person[0] + (person[2] - person[0]) / 3
        self.assertAlmostEqual(seal[2], third, 0, "the seal covers the left third")

        self._sign(request, self.person, self.pki.signer)
        self._sign(request, self.clerk, self.pki.clerk)
        self.assertEqual(request.number_display, "01/TB-UBND")
        self.assertIn("01/TB-UBND", pdf_text(request._pdf_bytes()))
        report = self._verify(request)
        self.assertEqual(report.result, "valid", report.line_ids.mapped("problem_text"))

    def test_result_sheet_of_a_ballot_is_sent_for_signature(self):
        ballot = self.env["ecabinet.ballot"].create(
            {
                "name": "Ý kiến về bảng giá đất 2027",
                "committee_id": self.committee.id,
                "question_ids": [(0, 0, {"name": "Đồng ý bảng giá đất?"})],
            }
        )
        with self.assertRaisesRegex(UserError, "Only a closed or decided ballot"):
            ballot.with_user(self.clerk).action_ecabinet_sign_result()
        ballot._ecabinet_transition({"state": "closed"})
        action = ballot.with_user(self.clerk).action_ecabinet_sign_result()
        request = self.env["ecabinet.sign.request"].browse(action["res_id"])
        self.assertEqual(
            request.report_id,
            self.env.ref("ecabinet_opinion.action_report_ballot_result"),
        )
        self.assertEqual(ballot.ecabinet_sign_request_count, 1)
        self.assertEqual(
            ballot.with_user(self.clerk).action_view_ecabinet_sign_requests()["domain"],
            [("res_model", "=", "ecabinet.ballot"), ("res_id", "=", ballot.id)],
        )
        request.action_start()
        self.assertEqual(request.state, "in_progress")
        self.assertIn(pdf_lib.FIELD_NUMBER, pdf_lib.field_names(request._pdf_bytes()))
        self.assertEqual(request._symbol(), "TH-UBND", "the result sheets' symbol")
