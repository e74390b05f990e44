# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import html
import unicodedata
import xmlrpc.client
from datetime import datetime

import pytz

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ecabinet_base.tests.common import pdf_to_text

from .common import PDF_2_PAGES
from .test_portal import PortalMeetingData

MUTED = ("odoo.http", "odoo.addons.base.controllers.rpc", "odoo.service.model")


def _text(pdf):
    return " ".join(unicodedata.normalize("NFC", pdf_to_text(pdf)).split())


@tagged("post_install", "-at_install")
class TestDocumentFile(PortalMeetingData, HttpCase):
    """Open, download and print a document of the pack: internal documents carry
    the reader's name and the time, the committee may forbid downloads of a level,
    and each act is counted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member.partner_id.name = "Nguyễn Thị Hằng"
        # The security plan is internal, limited to the committee's members.
        cls.security_doc.write(
            {
                "confidentiality": "internal",
                "allowed_group_ids": [
                    fields.Command.set(cls.env.ref("ecabinet_base.group_member").ids)
                ],
            }
        )
        cls.tz = pytz.timezone(cls.committee._ecabinet_tz_name())

    def _local_minutes(self):
        """The current minute as the watermark writes it (committee's time zone)."""
        return datetime.now(self.tz).strftime("%d/%m/%Y %H:%M")

    def _view(self, document, user):
        return self.env["ecabinet.meeting.document.view"].search(
            [
                ("document_id", "=", document.id),
                ("partner_id", "=", user.partner_id.id),
            ]
        )

    # Watermark ----------------------------------------------------------------------

    def test_internal_document_downloaded_and_printed_carries_name_and_time(self):
        original = base64.b64decode(PDF_2_PAGES)
        self.authenticate("m_member0", "m_member0")
        for query, disposition in (("download=1", "attachment"), ("print=1", "inline")):
            before = self._local_minutes()
            response = self.url_open(f"{self._file_url(self.security_doc)}?{query}")
            after = self._local_minutes()
            self.assertEqual(response.status_code, 200, query)
            self.assertTrue(
                response.headers["Content-Disposition"].startswith(disposition), query
            )
            self.assertEqual(response.headers["Content-Type"], "application/pdf")
            self.assertEqual(response.headers["Cache-Control"], "no-store")
            self.assertNotEqual(response.content, original)
            text = _text(response.content)
            self.assertIn("Page 1", text, "the document itself is kept")
            self.assertIn("Page 2", text)
            self.assertGreaterEqual(text.count("Nguyễn Thị Hằng"), 2, "on every page")
            self.assertTrue(before in text or after in text, text)
        # Opening on screen sends the file as it is; so does downloading a normal
        # document.
        self.assertEqual(
            self.url_open(self._file_url(self.security_doc)).content, original
        )
        self.assertEqual(
            self.url_open(self._file_url(self.plan_doc, download=True)).content,
            original,
        )

    def test_watermark_is_in_the_committee_time_zone_and_the_reader_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["ecabinet_meeting"], ["vi_VN"])
        self.member.lang = "vi_VN"
        self.calendar.tz = "Asia/Ho_Chi_Minh"
        data, filename = self.security_doc._ecabinet_file_for(self.member, "print")
        self.assertEqual(filename, "Security plan for Tết.pdf")
        text = _text(data)
        self.assertIn("Bản sao e-Cabinet, không chia sẻ", text)
        self.assertIn(datetime.now(self.tz).strftime("%d/%m/%Y"), text)
        # Another person, another copy.
        other, _name = self.security_doc._ecabinet_file_for(self.other_member, "print")
        self.assertIn(self.other_member.partner_id.name, _text(other))
        self.assertNotIn("Nguyễn Thị Hằng", _text(other))

    # The committee forbids downloads -------------------------------------------------

    def test_committee_forbids_downloading_internal_documents(self):
        Document = self.env["ecabinet.meeting.document"]
        docs = self.plan_doc | self.security_doc
        self.assertEqual(
            Document.with_user(self.member).browse(docs.ids).mapped("download_allowed"),
            [True, True],
        )
        self.committee.forbid_download_internal = True
        self.env.invalidate_all()
        # Model: the computed flag (for the reader's toolbar) and the file itself
        as_member = Document.with_user(self.member).browse(docs.ids)
        self.assertEqual(as_member.mapped("download_allowed"), [True, False])
        self.assertEqual(
            Document.with_user(self.secretariat)
            .browse(docs.ids)
            .mapped("download_allowed"),
            [True, True],
            "the secretariat prepares the pack: the setting is for readers",
        )
        with self.assertRaisesRegex(AccessError, "does not allow downloading"):
            self.security_doc._ecabinet_file_for(self.member, "download")
        self.assertTrue(self.security_doc._ecabinet_file_for(self.member, "print"))
        self.assertTrue(self.security_doc._ecabinet_file_for(self.member, "open"))
        self.assertTrue(self.plan_doc._ecabinet_file_for(self.member, "download"))
        self.assertTrue(
            self.security_doc._ecabinet_file_for(self.secretariat, "download")
        )

        # Portal: refused with a message in the member's language, no download
        # button on the session page; printing stays.
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["ecabinet_base", "ecabinet_meeting"], ["vi_VN"]
        )
        self.member.lang = "vi_VN"
        self.authenticate("m_member0", "m_member0")
        downloads = self._view(self.security_doc, self.member).download_count
        response = self.url_open(self._file_url(self.security_doc, download=True))
        self.assertEqual(response.status_code, 403)
        self.assertIn("Ủy ban không cho phép tải xuống tài liệu nội bộ", response.text)
        self.assertNotIn("%PDF", response.text)
        page = self.url_open(self._session_url()).text
        self.assertNotIn(self._file_url(self.security_doc, download=True), page)
        self.assertIn(self._file_url(self.plan_doc, download=True), page)
        self.assertIn(f"{self._file_url(self.security_doc)}?print=1", page)
        # the reader's toolbar hides its Download button for this document only
        reader = html.unescape(
            self.url_open(f"{self._session_url()}/read/{self.security_doc.id}").text
        )
        for document, allowed in (
            (self.security_doc, "false"),
            (self.plan_doc, "true"),
        ):
            self.assertRegex(
                reader, rf'"id": {document.id}, [^}}]*"download": {allowed}'
            )
        self.assertEqual(
            self.url_open(f"{self._file_url(self.security_doc)}?print=1").status_code,
            200,
        )
        self.assertEqual(
            self._view(self.security_doc, self.member).download_count,
            downloads,
            "a refused download is not counted",
        )

        # JSON-RPC and XML-RPC: the same rule through the public method.
        name, message = self._rpc_error(
            "ecabinet.meeting.document", "ecabinet_file", [self.security_doc.id]
        )
        self.assertEqual(name, "odoo.exceptions.AccessError")
        self.assertIn("không cho phép tải xuống", message)
        with (
            mute_logger(*MUTED),
            self.assertRaisesRegex(xmlrpc.client.Fault, "không cho phép tải xuống"),
        ):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                self.member.id,
                "m_member0",
                "ecabinet.meeting.document",
                "ecabinet_file",
                [[self.security_doc.id]],
                {"purpose": "download"},
            )
        printed = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            self.member.id,
            "m_member0",
            "ecabinet.meeting.document",
            "ecabinet_file",
            [[self.security_doc.id]],
            {"purpose": "print"},
        )
        self.assertEqual(printed["mimetype"], "application/pdf")
        self.assertIn("Nguyễn Thị Hằng", _text(base64.b64decode(printed["datas"])))

    def test_committee_forbids_downloading_normal_documents(self):
        self.committee.forbid_download_normal = True
        self.authenticate("m_member0", "m_member0")
        self.assertEqual(
            self.url_open(self._file_url(self.plan_doc, download=True)).status_code,
            403,
        )
        response = self.url_open(self._file_url(self.security_doc, download=True))
        self.assertEqual(response.status_code, 200)

    # Counting -----------------------------------------------------------------------

    def test_every_open_download_and_print_is_counted(self):
        self.authenticate("m_member0", "m_member0")
        url = self._file_url(self.security_doc)
        for query in ("", "", "?download=1", "?print=1", "?print=1", "?print=1"):
            self.assertEqual(self.url_open(url + query).status_code, 200)
        view = self._view(self.security_doc, self.member)
        self.assertEqual((view.count, view.download_count, view.print_count), (2, 1, 3))
        self.assertTrue(view.first_date and view.last_date)
        self.assertTrue(view.last_download_date and view.last_print_date)
        attendee = self.meeting.attendee_ids.filtered(
            lambda a: a.partner_id == self.member.partner_id
        )
        self.assertTrue(attendee.pack_opened_date)

        # Downloading without opening: a line without opening dates.
        self.authenticate("m_member1", "m_member1")
        self.url_open(self._file_url(self.plan_doc, download=True))
        view = self._view(self.plan_doc, self.other_member)
        self.assertEqual((view.count, view.download_count, view.print_count), (0, 1, 0))
        self.assertFalse(view.first_date)
        # The reader's helper records openings with the partner only, as before.
        self.plan_doc._record_view(self.other_member.partner_id)
        self.assertEqual((view.count, view.download_count), (1, 1))
        self.assertTrue(view.first_date)

    # Bad input ----------------------------------------------------------------------

    def test_bad_requests_are_refused_and_not_counted(self):
        with self.assertRaisesRegex(UserError, "none of these"):
            self.security_doc._ecabinet_file_for(self.member, "burn")
        with self.assertRaises(AccessError):
            self.security_doc._ecabinet_file_for(self.outsider, "open")
        with self.assertRaisesRegex(AccessError, "state secret"):
            self.secret_doc._ecabinet_file_for(self.member, "print")
        # An internal file that is not a PDF cannot carry the name: refused.
        word = self.env["ecabinet.meeting.document"].create(
            {
                **self._document_vals(self.meeting, self.plan_item, "Budget sheet"),
                "datas": base64.b64encode(b"plain text budget 2027"),
                "filename": "budget.txt",
                "confidentiality": "internal",
                "allowed_group_ids": [
                    fields.Command.set(self.env.ref("ecabinet_base.group_member").ids)
                ],
            }
        )
        with self.assertRaisesRegex(UserError, "not a PDF file"):
            word._ecabinet_file_for(self.member, "download")
        data, _name = word._ecabinet_file_for(self.member, "open")
        self.assertEqual(data, b"plain text budget 2027")

        self.authenticate("m_member0", "m_member0")
        with mute_logger(*MUTED):
            self.assertEqual(
                self.url_open(f"{self._file_url(word)}?print=1").status_code, 403
            )
            self.assertEqual(
                self.url_open(self._file_url(self.secret_doc)).status_code, 404
            )
            self.assertEqual(
                self.url_open(
                    f"/my/ecabinet/documents/{10**7}/file?print=1"
                ).status_code,
                404,
            )
        self.assertFalse(self._view(self.secret_doc, self.member))
        self.assertEqual(self._view(word, self.member).print_count, 0)
        self.authenticate("m_outsider", "m_outsider")
        with mute_logger(*MUTED):
            self.assertEqual(
                self.url_open(
                    f"{self._file_url(self.security_doc)}?print=1"
                ).status_code,
                404,
            )
        self.assertFalse(self._view(self.security_doc, self.outsider))
