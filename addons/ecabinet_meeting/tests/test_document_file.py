# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import functools
import html
import xmlrpc.client
from datetime import datetime

import pytz

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ecabinet_base.tests.common import (
    INTERNAL_MEMBER,
    make_pdf_b64,
    make_user,
    pdf_words,
)

from .common import PDF_2_PAGES
from .test_portal import PortalMeetingData

MUTED = ("odoo.http", "odoo.addons.base.controllers.rpc", "odoo.service.model")


def _text_or_empty(content):
    """The text of a PDF answer; "" for anything else (an error page)."""
    return pdf_words(content) if content.startswith(b"%PDF") else ""


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

    def test_internal_document_opened_downloaded_and_printed_carries_name_and_time(
        self,
    ):
        original = base64.b64decode(PDF_2_PAGES)
        self.authenticate("m_member0", "m_member0")
        for query, disposition in (
            ("", "inline"),
            ("download=1", "attachment"),
            ("print=1", "inline"),
        ):
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
            text = pdf_words(response.content)
            self.assertIn("Page 1", text, "the document itself is kept")
            self.assertIn("Page 2", text)
            self.assertGreaterEqual(text.count("Nguyễn Thị Hằng"), 2, "on every page")
            self.assertTrue(before in text or after in text, text)
        # A normal document is sent as it is.
        self.assertEqual(
            self.url_open(self._file_url(self.plan_doc, download=True)).content,
            original,
        )
        # The secretariat opens the original, and downloads a copy with its name.
        self.authenticate("m_secretariat", "m_secretariat")
        self.assertEqual(
            self.url_open(self._file_url(self.security_doc)).content, original
        )
        downloaded = self.url_open(self._file_url(self.security_doc, download=True))
        self.assertIn(self.secretariat.name, pdf_words(downloaded.content))

    def test_watermark_is_in_the_committee_time_zone_and_the_reader_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["ecabinet_meeting"], ["vi_VN"])
        self.member.lang = "vi_VN"
        self.calendar.tz = "Asia/Ho_Chi_Minh"
        data, filename = self.security_doc._ecabinet_file_for(self.member, "print")
        self.assertEqual(filename, "Security plan for Tết.pdf")
        text = pdf_words(data)
        self.assertIn("Bản sao e-Cabinet, không chia sẻ", text)
        self.assertIn(datetime.now(self.tz).strftime("%d/%m/%Y"), text)
        # Another person, another copy.
        other, _name = self.security_doc._ecabinet_file_for(self.other_member, "print")
        self.assertIn(self.other_member.partner_id.name, pdf_words(other))
        self.assertNotIn("Nguyễn Thị Hằng", pdf_words(other))

    # The stored original of an internal document ------------------------------------

    def _original_holders(self):
        """The secretariat replaces the internal document's file: version 1 is
        kept. Returns (version, attachment of the document's file, attachment of
        the version's file)."""
        self.security_doc.with_user(self.secretariat).write(
            {"datas": make_pdf_b64(text="Security plan, second draft")}
        )
        version = self.security_doc.version_ids
        Attachment = self.env["ir.attachment"]
        files = [
            Attachment.search(
                [
                    ("res_model", "=", record._name),
                    ("res_id", "=", record.id),
                    ("res_field", "=", "datas"),
                ]
            )
            for record in (self.security_doc, version)
        ]
        return version, *files

    def test_members_never_receive_the_original_of_an_internal_document(self):
        """Portal members, internal members and staff outside the secretariat
        get a copy with their name or a refusal, never the stored bytes: through
        the ORM, XML-RPC, the pack's route and /web/content."""
        version, document_file, version_file = self._original_holders()
        original = base64.b64decode(self.security_doc.datas)
        first = base64.b64decode(version.datas)
        internal_member = make_user(self.env, "m_internal_member", INTERNAL_MEMBER)
        staff = make_user(self.env, "m_staff", "ecabinet_base.group_user")
        self.env["ecabinet.meeting.attendee"].create(
            [
                {
                    "meeting_id": self.meeting.id,
                    "partner_id": user.partner_id.id,
                    "role": "member",
                }
                for user in (internal_member, staff)
            ]
        )
        Document = self.env["ecabinet.meeting.document"]
        Version = self.env["ecabinet.meeting.document.version"]
        Attachment = self.env["ir.attachment"]
        doc_id = self.security_doc.id
        readers = (self.member, internal_member, staff)

        # ORM, as each of them
        for user in readers:
            with self.subTest(user=user.login):
                as_user = Document.with_user(user)
                self.assertTrue(as_user.browse(doc_id).name, "the document is read")
                with self.assertRaisesRegex(AccessError, "with your name"):
                    as_user.browse(doc_id).read(["datas"])
                with self.assertRaises(AccessError):
                    as_user.browse(doc_id).read()  # every field, the file too
                with self.assertRaisesRegex(AccessError, "with your name"):
                    as_user.search_read([("id", "=", doc_id)], ["name", "datas"])
                self.env.invalidate_all()
                with self.assertRaisesRegex(AccessError, "with your name"):
                    as_user.browse(doc_id).datas  # noqa: B018
                # its size is no secret; a normal document's file is sent as is
                sized = as_user.with_context(bin_size=True).browse(doc_id)
                self.assertTrue(sized.read(["datas"])[0]["datas"])
                self.assertEqual(
                    as_user.browse(self.plan_doc.id).read(["datas"])[0]["datas"],
                    self.plan_doc.datas,
                )
                # the attachments that hold the files
                with self.assertRaises(AccessError):
                    Attachment.with_user(user).browse(document_file.id).read(["raw"])
                with self.assertRaises(AccessError):
                    Attachment.with_user(user).browse(version_file.id).datas  # noqa: B018
                if user.has_group("base.group_user"):
                    found = Attachment.with_user(user).search_read(
                        [("res_model", "like", "ecabinet.meeting.document")],
                        ["datas"],
                    )
                    self.assertFalse(
                        {document_file.id, version_file.id} & {f["id"] for f in found}
                    )
                    self.assertFalse(
                        Attachment.with_user(user).search(
                            [("id", "in", (document_file | version_file).ids)]
                        )
                    )
                # every byte they receive carries their name
                data, _name = self.security_doc._ecabinet_file_for(user, "open")
                self.assertIn(user.partner_id.name, pdf_words(data))
        with self.assertRaisesRegex(AccessError, "with your name"):
            Version.with_user(staff).browse(version.id).read(["datas"])
        self.assertEqual(
            Version.with_user(staff).browse(version.id).read(["version"])[0]["version"],
            1,
        )
        # the secretariat prepares the pack: it keeps the originals
        as_secretariat = Document.with_user(self.secretariat).browse(doc_id)
        self.assertEqual(base64.b64decode(as_secretariat.datas), original)
        self.assertEqual(
            Attachment.with_user(self.secretariat).browse(version_file.id).raw, first
        )

        # XML-RPC
        for user in (self.member, internal_member):
            call = functools.partial(
                self.xmlrpc_object.execute_kw,
                self.env.cr.dbname,
                user.id,
                user.login,
            )
            with self.subTest(rpc=user.login), mute_logger(*MUTED):
                for args in (
                    ("ecabinet.meeting.document", "read", [[doc_id], ["datas"]]),
                    ("ecabinet.meeting.document", "read", [[doc_id]]),
                    (
                        "ecabinet.meeting.document",
                        "search_read",
                        [[("id", "=", doc_id)], ["datas"]],
                    ),
                    ("ir.attachment", "read", [[document_file.id], ["datas"]]),
                    ("ir.attachment", "read", [[version_file.id], ["raw"]]),
                ):
                    with self.assertRaises(xmlrpc.client.Fault):
                        call(*args)
                if user == internal_member:
                    found = call(
                        "ir.attachment",
                        "search_read",
                        [[("res_field", "=", "datas")], ["datas"]],
                    )
                    self.assertTrue(found, "the files of normal documents")
                    self.assertFalse(
                        {document_file.id, version_file.id} & {f["id"] for f in found}
                    )
                opened = call(
                    "ecabinet.meeting.document",
                    "ecabinet_file",
                    [[doc_id]],
                    {"purpose": "open"},
                )
                self.assertIn(
                    user.partner_id.name, pdf_words(base64.b64decode(opened["datas"]))
                )

        # HTTP: the pack's route and Odoo's own /web/content and /web/image
        urls = (
            f"/web/content/ecabinet.meeting.document/{doc_id}/datas",
            f"/web/content/ecabinet.meeting.document/{doc_id}/datas?download=true",
            f"/web/content/ecabinet.meeting.document.version/{version.id}/datas",
            f"/web/content/{document_file.id}",
            f"/web/content/{version_file.id}?download=true",
            f"/web/image/{document_file.id}",
            f"/web/image/ecabinet.meeting.document/{doc_id}/datas",
        )
        for user in readers:
            self.authenticate(user.login, user.login)
            with self.subTest(http=user.login), mute_logger(*MUTED):
                for url in urls:
                    response = self.url_open(url)
                    self.assertNotIn(response.content, (original, first), url)
                    text = _text_or_empty(response.content)
                    self.assertTrue(not text or user.partner_id.name in text, url)
                response = self.url_open(self._file_url(self.security_doc))
                self.assertEqual(response.status_code, 200)
                text = pdf_words(response.content)
                self.assertIn("second draft", text)
                self.assertIn(user.partner_id.name, text)
        self.authenticate("m_secretariat", "m_secretariat")
        self.assertEqual(self.url_open(urls[0]).content, original)
        self.assertEqual(self.url_open(urls[2]).content, first)
        self.assertEqual(self.url_open(urls[3]).content, original)

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
        self.assertIn("Nguyễn Thị Hằng", pdf_words(base64.b64decode(printed["datas"])))

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
        for purpose in ("open", "download"):
            with self.assertRaisesRegex(UserError, "not a PDF file"):
                word._ecabinet_file_for(self.member, purpose)
        data, _name = word._ecabinet_file_for(self.secretariat, "open")
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
