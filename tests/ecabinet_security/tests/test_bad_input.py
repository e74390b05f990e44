# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bad input: each is answered with a clear (translated) error and nothing is
saved half-way."""

import base64
import html
import io
import re

from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged, warmup
from odoo.tools import mute_logger
from odoo.tools.pdf import (
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    PdfFileReader,
    PdfFileWriter,
    createStringObject,
)

from odoo.addons.ecabinet_base.tests.common import PortalTestMixin

from .common import PDF, SecurityCommon, make_pdf
from .test_access_matrix import MUTED

JS_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R"
    b"/OpenAction<</S/JavaScript/JS(app.alert\\('pwned'\\))>>>>endobj\n"
    b"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def hidden_js_pdf():
    """A valid PDF whose open action is a script written with escaped names
    (``/Java#53cript`` is ``/JavaScript``): invisible to a plain byte search."""
    reader = PdfFileReader(io.BytesIO(make_pdf(1)))
    writer = PdfFileWriter()
    writer.add_page(reader.pages[0])
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            # placeholders of the same length as the escaped names
            NameObject("/S"): NameObject("/JavaQQQcript"),
            NameObject("/JQQQ"): createStringObject("app.alert(1)"),
        }
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    content = buffer.getvalue()
    return content.replace(b"/JavaQQQcript", b"/Java#53cript").replace(
        b"/JQQQ", b"/J#53"
    )


@tagged("post_install", "-at_install", "ecabinet_security")
class TestBadInput(PortalTestMixin, SecurityCommon, HttpCase):
    def _upload(self, model, content, filename, **vals):
        Model = self.env[model].with_user(self.users["secretariat"])
        base = (
            {"meeting_id": self.meeting.id}
            if model == "ecabinet.meeting.document"
            else {"committee_id": self.committee.id}
        )
        return Model.create(
            {
                **base,
                "name": "Uploaded document",
                "datas": base64.b64encode(content),
                "filename": filename,
                **vals,
            }
        )

    def assertRefused(self, content, filename, message):
        for model in ("ecabinet.document", "ecabinet.meeting.document"):
            count = self.env[model].search_count([])
            attachments = self.env["ir.attachment"].search_count([])
            with self.subTest(model=model, file=filename):
                with self.assertRaisesRegex(ValidationError, message):
                    self._upload(model, content, filename)
                self.assertEqual(self.env[model].search_count([]), count)
                self.assertEqual(
                    self.env["ir.attachment"].search_count([]), attachments
                )
        # Replacing the file of an existing document is refused the same way,
        # and the document keeps its file.
        document = self.meeting_document.with_user(self.users["secretariat"])
        before = document.datas
        with self.assertRaisesRegex(ValidationError, message):
            document.write({"datas": base64.b64encode(content), "filename": filename})
        document.invalidate_recordset()
        self.assertEqual(document.datas, before)

    def test_file_named_pdf_that_is_not_a_pdf_is_refused(self):
        docx = b"PK\x03\x04\x14\x00\x06\x00word/document.xml" + b"\x00" * 200
        self.assertRefused(docx, "to_trinh.pdf", "is named .pdf but is not a PDF")
        # Other kinds of files keep their own name and are accepted.
        document = self._upload("ecabinet.document", docx, "to_trinh.docx")
        self.assertTrue(document.datas)

    def test_damaged_pdf_is_refused(self):
        self.assertRefused(PDF[: len(PDF) // 2], "plan.pdf", "damaged PDF")
        self.assertRefused(b"%PDF-1.7\n" + b"\x00garbage" * 50, "plan.pdf", "damaged")

    def test_pdf_with_javascript_is_refused(self):
        self.assertRefused(JS_PDF, "plan.pdf", "contains JavaScript")
        self.assertRefused(hidden_js_pdf(), "plan.pdf", "contains JavaScript")
        # Even when it is not named .pdf.
        self.assertRefused(JS_PDF, "plan.bin", "contains JavaScript")

    def test_pdf_whose_binary_streams_hold_the_bytes_of_a_script_name_is_accepted(
        self,
    ):
        """Compressed pages, images and signatures are binary data, where the
        bytes ``/JS`` occur by chance: such a PDF has no script and is kept."""
        reader = PdfFileReader(io.BytesIO(make_pdf(1)))
        writer = PdfFileWriter()
        writer.add_page(reader.pages[0])
        image = DecodedStreamObject()
        image.set_data(b"\x89\x00/JS \x17/Launch\x00\xff/JavaScript\x01")
        writer._root_object[NameObject("/EcabinetData")] = writer._addObject(image)
        buffer = io.BytesIO()
        writer.write(buffer)
        content = buffer.getvalue()
        self.assertIn(b"/JS \x17/Launch", content, "the bytes are in a stream")
        document = self._upload("ecabinet.document", content, "plan.pdf")
        self.assertTrue(document.datas)

    def test_oversized_file_is_refused(self):
        self.env["ir.config_parameter"].set_param("ecabinet_base.max_file_size_mb", 1)
        big = make_pdf(1) + b"%" + b"x" * (1024 * 1024)
        self.assertRefused(big, "big.pdf", r"1\.0 MB: files are limited to 1 MB")

    def test_error_is_translated_in_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"].search(
            [("name", "=", "ecabinet_base")]
        )._update_translations(["vi_VN"])
        Document = self.env["ecabinet.document"].with_context(lang="vi_VN")
        with self.assertRaisesRegex(ValidationError, "không phải là tệp PDF"):
            Document.create(
                {
                    "name": "Tờ trình",
                    "committee_id": self.committee.id,
                    "datas": base64.b64encode(b"not a pdf"),
                    "filename": "to_trinh.pdf",
                }
            )

    def test_portal_proposal_with_a_fake_pdf_saves_nothing(self):
        draft = self.env["ecabinet.meeting"].create(
            {
                "name": "Thematic session open to proposals",
                "committee_id": self.committee.id,
                "date_start": fields.Datetime.add(fields.Datetime.now(), days=30),
            }
        )
        agency = self.users["agency"]
        self.authenticate(agency.login, agency.login)
        page = self.url_open("/my/ecabinet/sessions/propose")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        items = self.env["ecabinet.meeting.agenda.item"].search_count([])
        documents = self.env["ecabinet.meeting.document"].search_count([])
        with mute_logger(*MUTED):
            response = self.url_open(
                "/my/ecabinet/sessions/propose",
                data={
                    "csrf_token": csrf,
                    "meeting_id": str(draft.id),
                    "name": "Land price table 2027",
                    "planned_duration": "30",
                    "confidentiality": "normal",
                },
                files=[("attachments", ("table.pdf", b"MZ\x90exe", "application/pdf"))],
            )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "is named .pdf but is not a PDF file", html.unescape(response.text)
        )
        self.assertEqual(
            self.env["ecabinet.meeting.agenda.item"].search_count([]), items
        )
        self.assertEqual(
            self.env["ecabinet.meeting.document"].search_count([]), documents
        )

    # Files attached to e-Cabinet records ----------------------------------------------

    def _attach(self, content, name, record=None, **vals):
        record = record or self.document
        return (
            self.env["ir.attachment"]
            .with_user(self.users["secretariat"])
            .create(
                {
                    "name": name,
                    "raw": content,
                    "res_model": record._name,
                    "res_id": record.id,
                    **vals,
                }
            )
        )

    def test_attachment_of_an_ecabinet_record_is_checked_whatever_the_route(self):
        png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
        self.env["ir.config_parameter"].set_param("ecabinet_base.max_file_size_mb", 1)
        big = make_pdf(1) + b"%" + b"x" * (1024 * 1024)
        cases = (
            (png, "fake.pdf", {}, "is named .pdf but is not a PDF"),
            (png, "scan", {"mimetype": "application/pdf"}, "declared as a PDF"),
            (PDF[: len(PDF) // 2], "plan.pdf", {}, "damaged PDF"),
            (JS_PDF, "plan.pdf", {}, "contains JavaScript"),
            (hidden_js_pdf(), "plan", {}, "contains JavaScript"),
            (big, "big.pdf", {}, r"1\.0 MB: files are limited to 1 MB"),
            (b"x" * (1024 * 1024 + 1), "photo.png", {}, "files are limited to 1 MB"),
        )
        Attachment = self.env["ir.attachment"]
        for record in (self.document, self.meeting, self.task):
            for content, name, vals, message in cases:
                count = Attachment.search_count([])
                with self.subTest(model=record._name, file=name):
                    with self.assertRaisesRegex(ValidationError, message):
                        self._attach(content, name, record, **vals)
                    self.assertEqual(Attachment.search_count([]), count)
        # The chatter (and so the mail composer and the portal chatter).
        messages = self.env["mail.message"].search_count([])
        with self.assertRaisesRegex(ValidationError, "is named .pdf but is not"):
            self.document.with_user(self.users["secretariat"]).message_post(
                body="Scan", attachments=[("fake.pdf", png)]
            )
        self.assertEqual(self.env["mail.message"].search_count([]), messages)
        # A file uploaded elsewhere, then linked or renamed.
        pending = Attachment.create(
            {"name": "fake.pdf", "raw": png, "res_model": "mail.compose.message"}
        )
        with self.assertRaisesRegex(ValidationError, "is named .pdf but is not"):
            pending.write(
                {"res_model": "ecabinet.document", "res_id": self.document.id}
            )
        image = self._attach(png, "photo.png")
        with self.assertRaisesRegex(ValidationError, "is named .pdf but is not"):
            image.write({"name": "photo.pdf"})
        with self.assertRaisesRegex(ValidationError, "contains JavaScript"):
            image.write({"raw": JS_PDF})
        self.assertEqual((image.name, image.raw), ("photo.png", png))
        # Files of other models are Odoo's business.
        partner = self.users["member"].partner_id
        self.assertTrue(
            Attachment.create(
                {
                    "name": "fake.pdf",
                    "raw": png,
                    "res_model": "res.partner",
                    "res_id": partner.id,
                }
            )
        )

    def test_mail_gateway_attachment_of_an_ecabinet_record_is_checked(self):
        raw = (
            "From: someone@example.com\r\n"
            "To: ecabinet@binhminh.example\r\n"
            "Subject: Scan\r\n"
            "Message-Id: <scan-1@example.com>\r\n"
            "MIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
            "--b\r\nContent-Type: text/plain\r\n\r\nThe scan\r\n"
            "--b\r\nContent-Type: application/pdf\r\n"
            'Content-Disposition: attachment; filename="scan.pdf"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n"
            f"{base64.b64encode(JS_PDF).decode()}\r\n--b--\r\n"
        )
        messages = self.env["mail.message"].search_count([])
        with (
            mute_logger("odoo.addons.mail.models.mail_thread"),
            self.assertRaisesRegex(ValidationError, "contains JavaScript"),
        ):
            self.env["mail.thread"].message_process(
                "ecabinet.document", raw, thread_id=self.document.id
            )
        self.assertEqual(self.env["mail.message"].search_count([]), messages)

    def test_odoo_own_files_on_ecabinet_records_still_work(self):
        # Images, real PDFs, other kinds of files.
        png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
        self.assertEqual(self._attach(png, "photo.png").mimetype, "image/png")
        self.assertEqual(self._attach(PDF, "plan.pdf").mimetype, "application/pdf")
        self.assertTrue(self._attach(b"a;b\n1;2\n", "table.csv"))
        # A PDF report rendered by QWeb and saved on the record.
        report = self.env.ref("ecabinet_meeting.action_report_invitation")
        pdf, report_type = report.with_context(
            force_report_rendering=True
        )._render_qweb_pdf(report.report_name, self.attendee.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(self._attach(pdf, "Invitation.pdf", self.meeting))
        # The invitation letters of the outbox.
        meeting = self.env["ecabinet.meeting"].create(
            {
                "name": "Session with letters",
                "committee_id": self.committee.id,
                "date_start": fields.Datetime.add(fields.Datetime.now(), days=10),
            }
        )
        self.env["ecabinet.meeting.agenda.item"].create(
            {"meeting_id": meeting.id, "name": "Budget"}
        )
        meeting._ecabinet_transition({"state": "agenda_approved"})
        meeting.with_user(self.users["secretariat"]).with_context(
            force_report_rendering=True
        ).action_send_invitations()
        self.assertTrue(meeting.attendee_ids)
        letters = self.env["ir.attachment"].search(
            [("res_model", "=", "ecabinet.meeting"), ("res_id", "=", meeting.id)]
        )
        self.assertEqual(len(letters), len(meeting.attendee_ids))
        self.assertEqual(set(letters.mapped("mimetype")), {"application/pdf"})

    # HTML ---------------------------------------------------------------------------

    def test_html_in_a_comment_is_shown_escaped(self):
        attack = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
        member = self.users["member"]
        self.authenticate(member.login, member.login)
        url = f"/my/ecabinet/sessions/{self.meeting.id}"
        page = self.url_open(url)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        self.url_open(
            f"{url}/comments",
            data={"csrf_token": csrf, "item_id": str(self.item.id), "body": attack},
        )
        comment = self.env["ecabinet.meeting.comment"].search([("body", "=", attack)])
        self.assertTrue(comment, "the comment is kept as typed")
        page = self.url_open(url)
        self.assertNotIn(attack, page.text)
        self.assertNotIn("<img src=x", page.text)
        self.assertIn("&lt;script&gt;alert(", page.text)
        self.assertIn("&lt;img src=x onerror=alert(1)&gt;", page.text)
        # Backend: a plain-text field, shown as text in the item's form.
        self.assertEqual(comment._fields["body"].type, "text")
        arch = self.env["ecabinet.meeting.agenda.item"].get_views([(False, "form")])[
            "views"
        ]["form"]["arch"]
        for node in etree.fromstring(arch).iter("field"):
            if node.get("name") == "body":
                self.assertNotIn(node.get("widget"), ("html", "html_field"))

    # Huge agendas --------------------------------------------------------------------

    def _session_with_items(self, count):
        meeting = self.env["ecabinet.meeting"].create(
            {
                "name": f"Session with {count} items",
                "committee_id": self.committee.id,
                "date_start": "2027-03-12 01:00:00",
            }
        )
        self.env["ecabinet.meeting.agenda.item"].create(
            [
                {"meeting_id": meeting.id, "name": f"Item {n:03d}", "sequence": n}
                for n in range(count)
            ]
        )
        self.env["ecabinet.meeting.attendee"].create(
            {"meeting_id": meeting.id, "partner_id": self.users["member"].partner_id.id}
        )
        meeting._ecabinet_transition(
            {"state": "invited", "pack_sent_date": fields.Datetime.now()}
        )
        return meeting

    @warmup
    def test_agenda_of_500_items_costs_the_queries_of_2(self):
        small, huge = self._session_with_items(2), self._session_with_items(500)
        member = self.users["member"]
        self.authenticate(member.login, member.login)
        for meeting in (small, huge):
            self.url_open(f"/my/ecabinet/sessions/{meeting.id}")  # warm the caches
        self.env.flush_all()
        before = self.cr.sql_log_count
        self.url_open(f"/my/ecabinet/sessions/{small.id}")
        baseline = self.cr.sql_log_count - before
        with self.assertQueryCount(baseline):
            page = self.url_open(f"/my/ecabinet/sessions/{huge.id}")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(len(re.findall(r"Item \d{3}", page.text)), 500)

    # Dates in the past ---------------------------------------------------------------

    def test_extension_to_a_date_already_past_is_refused(self):
        with freeze_time("2027-05-20"):
            task = self.task.with_user(self.users["agency"])
            count = self.env["ecabinet.task.extension"].search_count([])
            # Later than the (overdue) deadline, but already past.
            with self.assertRaisesRegex(UserError, "after today"):
                task.request_extension("2027-05-01", "Waiting for the capital plan")
            with self.assertRaisesRegex(UserError, "after today"):
                task.request_extension("2027-05-20", "Waiting for the capital plan")
            self.assertEqual(
                self.env["ecabinet.task.extension"].search_count([]), count
            )
            self.assertTrue(task.request_extension("2027-06-30", "Capital plan"))

    def test_invitations_to_a_session_in_the_past_are_refused(self):
        meeting = self.env["ecabinet.meeting"].create(
            {
                "name": "Session dated yesterday",
                "committee_id": self.committee.id,
                "date_start": fields.Datetime.subtract(fields.Datetime.now(), days=1),
            }
        )
        meeting._ecabinet_transition({"state": "agenda_approved"})
        self.env["ecabinet.meeting.agenda.item"].create(
            {"meeting_id": meeting.id, "name": "Budget"}  # planned
        )
        outbox = self.env["ecabinet.notification"].search_count([])
        with self.assertRaisesRegex(UserError, "starts in the past"):
            meeting.with_user(self.users["secretariat"]).action_send_invitations()
        self.assertEqual(meeting.state, "agenda_approved")
        self.assertFalse(meeting.pack_sent_date)
        self.assertFalse(meeting.attendee_ids)
        self.assertEqual(self.env["ecabinet.notification"].search_count([]), outbox)
