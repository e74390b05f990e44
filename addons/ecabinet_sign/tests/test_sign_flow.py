# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import subprocess
import tempfile

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from ..lib import pdf as pdf_lib
from .common import SignCommon


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(data)
        tmp.flush()
        return subprocess.run(
            ["pdftotext", tmp.name, "-"], capture_output=True, check=True
        ).stdout.decode()


@tagged("post_install", "-at_install")
class TestSignFlow(SignCommon, TransactionCase):
    def _notifications(self, request, event):
        return self.env["ecabinet.notification"].search(
            [
                ("res_model", "=", request._name),
                ("res_id", "=", request.id),
                ("event_id", "=", self.env.ref(f"ecabinet_sign.event_{event}").id),
            ]
        )

    def test_person_then_numbering_then_agency_keeps_both_signatures_valid(self):
        request = self._request(self.person, self.clerk)
        request.action_start()
        self.assertEqual(request.state, "in_progress")
        person_line, clerk_line = request.signer_ids.sorted("sequence")
        self.assertEqual(request.current_signer_id, person_line)
        self.assertEqual(
            self._notifications(request, "sign_request_to_sign").partner_id,
            self.person.partner_id,
            "only the person is told first",
        )
        self.assertEqual(
            set(pdf_lib.field_names(request._pdf_bytes())),
            {
                pdf_lib.FIELD_PERSON,
                pdf_lib.FIELD_AGENCY,
                pdf_lib.FIELD_NUMBER,
                pdf_lib.FIELD_DATE,
            },
        )

        self._sign(request, self.person, self.pki.signer)
        self.assertEqual(person_line.state, "signed")
        self.assertEqual(request.current_signer_id, clerk_line)
        self.assertFalse(request.number, "numbered by the clerk's step, not before")
        self.assertEqual(
            self._notifications(request, "sign_request_to_sign").partner_id,
            self.person.partner_id | self.clerk.partner_id,
        )

        self._sign(request, self.clerk, self.pki.clerk)
        self.assertEqual(request.state, "signed")
        self.assertEqual(request.number, 1)
        self.assertEqual(request.number_display, "01/UBND")
        self.assertEqual(request.issue_date, datetime.date.today())
        text = pdf_text(request._pdf_bytes())
        self.assertIn("01/UBND", text)
        self.assertIn(pdf_lib.vn_date_text(datetime.date.today()), text)
        self.assertIn("UBND tỉnh Bình Minh", text, "agency name on the seal")

        report = self._verify(request)
        self.assertEqual(report.result, "valid", report.line_ids.mapped("problem_text"))
        person_sig, agency_sig = report.line_ids.sorted("id")
        self.assertEqual(person_sig.signer, "Nguyễn Văn An")
        self.assertEqual(person_sig.modification_level, "FORM_FILLING")
        self.assertTrue(person_sig.docmdp_ok and person_sig.intact)
        self.assertTrue(person_sig.timestamp_ok, "B-T: timestamped by the TSA")
        self.assertIn("rsassa_pss", person_sig.algorithm)
        self.assertEqual(agency_sig.signer, "Văn phòng UBND tỉnh Bình Minh")
        self.assertTrue(agency_sig.ok)
        self.assertEqual(
            self._notifications(request, "sign_request_done").partner_id,
            request.user_id.partner_id,
        )

    def test_numbers_are_unique_per_year_from_01_in_each_scope(self):
        committee = self.env["ecabinet.committee"].create({"name": "Committee S"})
        numbers = []
        for vals in ({}, {}, {"committee_id": committee.id}):
            request = self._request(self.person, self.clerk, **vals)
            request.action_start()
            self._sign(request, self.person, self.pki.signer)
            self._sign(request, self.clerk, self.pki.clerk)
            numbers.append(request.number_display)
        self.assertEqual(numbers, ["01/UBND", "02/UBND", "01/UBND"])
        with freeze_time(f"{datetime.date.today().year + 1}-01-05 03:00:00"):
            request = self._request(self.person, self.clerk)
            request.action_start()
            request.sudo()._assign_number()
            self.assertEqual(request.number, 1, "numbering restarts each year")

    def test_copy_carries_the_agency_text_at_the_top_right_of_page_1(self):
        request = self._request(clerk=self.clerk, kind="copy")
        request.action_start()
        self.assertEqual(
            pdf_lib.field_names(request._pdf_bytes()), [pdf_lib.FIELD_AGENCY]
        )
        self._sign(request, self.clerk, self.pki.clerk)
        self.assertEqual(request.state, "signed")
        self.assertEqual(request.number, 1)
        first_page = pdf_text(request._pdf_bytes()).split("\f")[0]
        self.assertIn("UBND tỉnh Bình Minh", first_page)
        self.assertRegex(first_page, r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00")
        self.assertEqual(self._verify(request).result, "valid")

    def test_ecdsa_certificate_and_archival_level(self):
        request = self._request(self.person, self.clerk, pades_level="b_lta")
        request.action_start()
        self._sign(request, self.person, self.pki.ec_signer)
        self._sign(request, self.clerk, self.pki.clerk)
        report = self._verify(request)
        self.assertEqual(report.result, "valid", report.line_ids.mapped("problem_text"))
        kinds = report.line_ids.mapped("kind")
        self.assertIn("timestamp", kinds, "B-LTA adds a document timestamp")
        self.assertIn("ecdsa", report.line_ids.sorted("id")[0].algorithm)

    def test_agency_cannot_sign_before_the_person(self):
        request = self._request(self.person, self.clerk)
        request.action_start()
        with self.assertRaisesRegex(UserError, "not your turn"):
            self._sign(request, self.clerk, self.pki.clerk)
        self.assertFalse(request.number)

    def test_an_issued_document_needs_the_person_then_the_clerk(self):
        request = self._request(clerk=self.clerk)
        with self.assertRaisesRegex(UserError, "competent person first"):
            request.action_start()
        self.assertEqual(request.state, "draft")

    def test_refusal_needs_a_reason_and_tells_the_requester(self):
        request = self._request(self.person, self.clerk, user_id=self.clerk.id)
        request.action_start()
        person_line = request.current_signer_id
        with self.assertRaisesRegex(UserError, "reason"):
            person_line.with_user(self.person)._ecabinet_refuse("  ")
        person_line.with_user(self.person)._ecabinet_refuse("Số liệu chưa khớp")
        self.assertEqual(request.state, "refused")
        self.assertEqual(request.refuse_reason, "Số liệu chưa khớp")
        self.assertEqual(
            self._notifications(request, "sign_request_refused").partner_id,
            self.clerk.partner_id,
        )
        with self.assertRaisesRegex(UserError, "not your turn"):
            self._sign(request, self.person, self.pki.signer)

    def test_reminder_after_working_days_then_next_one(self):
        # Friday 09:00 in Hà Nội: one working day later is Monday.
        with freeze_time("2027-03-05 02:00:00"):
            request = self._request(self.person, self.clerk)
            request.action_start()
        line = request.current_signer_id
        self.assertEqual(line.next_reminder, datetime.datetime(2027, 3, 8, 2, 0))
        with freeze_time("2027-03-06 02:00:00"):
            self.assertFalse(self.env["ecabinet.sign.request"]._cron_send_reminders())
        with freeze_time("2027-03-08 02:00:01"):
            self.assertEqual(
                self.env["ecabinet.sign.request"]._cron_send_reminders(), line
            )
        reminders = self._notifications(request, "sign_request_reminder")
        self.assertEqual(reminders.partner_id, self.person.partner_id)
        self.assertEqual(len(reminders.filtered(lambda n: n.channel == "email")), 1)
        self.assertEqual(line.reminder_count, 1)
        self.assertEqual(line.next_reminder, datetime.datetime(2027, 3, 9, 2, 0, 1))
