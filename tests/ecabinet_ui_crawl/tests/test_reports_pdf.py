# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every PDF report of the e-Cabinet addons, printed for the demo data in
Vietnamese and read back as a reader's PDF tool reads it (``pdftotext``).

The reports are found in the database (every ``ir.actions.report`` of a model
``ecabinet.*``), so a new report is checked without touching this file; one without
a demo record to print fails."""

import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from lxml import etree, html

from odoo.tests import HttpCase, tagged

BASE_URL = "https://ecabinet.binhminh.gov.vn"
DRAFT = "DỰ THẢO"
# A4 in points (pdftotext's unit) and the top margin of the e-Cabinet paper
# format (20 mm), where the page number is printed.
PAGE_WIDTH, HEADER_HEIGHT = 595, 56
# Reports printed from a wizard: the wizard's print action gives the records and
# the data (here the period of the periodic report on tasks).
WIZARDS = {"ecabinet_tasks.action_report_tasks_period": "ecabinet.task.report.wizard"}
# Documents that are drafts until their record reaches a state (the others never are).
DRAFT_UNTIL = {
    "ecabinet_meeting.action_report_minutes": ("closed", "minutes_approved"),
    "ecabinet_meeting.action_report_conclusion": ("minutes_approved",),
}
# UTF-8 read as Latin-1 or Windows-1252 ("Ủy" → "á»¦y", "đ" → "Ä‘"), a glyph
# replaced by "?" or by the replacement character.
MOJIBAKE = re.compile(
    "[ÃÂÄÅÆáâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|\ufffd|\\w\\?\\w"
)
VIETNAMESE = re.compile(r"[À-ỹ]")


def _words(text):
    """The words of ``text`` with a Vietnamese letter, without punctuation."""
    words = set()
    for word in unicodedata.normalize("NFC", text).split():
        word = word.strip(".,;:()[]\"'“”‘’!?…-–/")
        if VIETNAMESE.search(word):
            words.add(word)
    return words


@tagged("post_install", "-at_install")
class TestReportsPdf(HttpCase):
    """An HttpCase: wkhtmltopdf loads the reports' style sheets from the test
    server, which answers within the test's transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for tool in ("pdftotext", "pdfinfo", "wkhtmltopdf"):
            if not shutil.which(tool):
                raise RuntimeError(f"{tool} is needed to check the printed reports")
        cls.env["res.lang"]._activate_lang("vi_VN")
        modules = cls.env["ir.module.module"].search(
            [("name", "=like", "ecabinet_%"), ("state", "=", "installed")]
        )
        cls.env["ir.module.module"]._load_module_terms(
            modules.mapped("name"), ["vi_VN"]
        )
        admin = cls.env.ref("base.user_admin")
        admin.lang = "vi_VN"
        cls.env = cls.env(
            user=admin, context={"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}
        )
        params = cls.env["ir.config_parameter"].sudo()
        # The address the province serves e-Cabinet on, as an administrator sets it.
        params.set_param("web.base.url", BASE_URL)
        params.set_param("web.base.url.freeze", "True")
        # wkhtmltopdf fetches the style sheets from this test's server.
        params.set_param("report.url", cls.base_url())
        cls.reports = cls.env["ir.actions.report"].search(
            [("model", "=like", "ecabinet.%"), ("report_type", "=", "qweb-pdf")],
            order="id",
        )
        # ECABINET_REPORTS_DIR=<folder> keeps the PDFs there to look at.
        kept = os.environ.get("ECABINET_REPORTS_DIR")
        if kept:
            cls.tmp = Path(kept)
            cls.tmp.mkdir(parents=True, exist_ok=True)
        else:
            cls.tmp = Path(tempfile.mkdtemp(prefix="ecabinet_reports_"))
            cls.addClassCleanup(shutil.rmtree, cls.tmp, True)

    # Printing ---------------------------------------------------------------------

    def _demo_records(self, report):
        data = self.env["ir.model.data"].search(
            [("model", "=", report.model), ("module", "=like", "ecabinet_%")]
        )
        return self.env[report.model].browse(data.mapped("res_id")).exists().sorted()

    def _to_print(self, report):
        """``(records, data)`` of the demo to print ``report`` with."""
        wizard_model = WIZARDS.get(report.xml_id)
        if not wizard_model:
            return self._demo_records(report), None
        tasks = self._demo_records(report)
        dates = tasks.mapped("deadline") + tasks.mapped("date_done")
        dates = [d.date() if hasattr(d, "date") else d for d in dates if d]
        self.assertTrue(dates, f"{report.xml_id}: no demo task has a date")
        wizard = self.env[wizard_model].create(
            {"date_from": min(dates), "date_to": max(dates)}
        )
        action = wizard.action_print()
        return (
            self.env[report.model].browse(action["context"]["active_ids"]),
            action["data"],
        )

    def _print(self, report, records, data):
        """The PDF, its text and the text of each page's top margin."""
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, report_format = Report._render_qweb_pdf(report, records.ids, data=data)
        self.assertEqual(report_format, "pdf", report.xml_id)
        path = self.tmp / f"{report.xml_id}.pdf"
        path.write_bytes(pdf)
        info = subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, check=True
        ).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        text = self._pdftotext(path)
        tops = [
            self._pdftotext(
                path,
                "-f",
                str(page),
                "-l",
                str(page),
                "-x",
                "0",
                "-y",
                "0",
                "-W",
                str(PAGE_WIDTH),
                "-H",
                str(HEADER_HEIGHT),
            )
            for page in range(1, pages + 1)
        ]
        self.assertEqual(len(text.split("\f")) - 1, pages)
        return text, tops

    def _pdftotext(self, path, *options):
        return unicodedata.normalize(
            "NFC",
            subprocess.run(
                ["pdftotext", "-layout", "-enc", "UTF-8", *options, str(path), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout,
        )

    def _html(self, report, records, data):
        """The text of each document of the report as the browser shows it."""
        content, _format = self.env["ir.actions.report"]._render_qweb_html(
            report, records.ids, data=data
        )
        root = html.document_fromstring(content)
        etree.strip_elements(root, "style", "script", with_tail=False)
        for node in root.iter(etree.Element):
            # Words of neighbouring blocks apart, as they are printed.
            node.text = " " + (node.text or "")
            node.tail = " " + (node.tail or "")
        articles = root.xpath("//div[contains(concat(' ', @class, ' '), ' article ')]")
        return [article.text_content() for article in articles]

    # Checks -----------------------------------------------------------------------

    def _page_numbers(self, tops):
        """The number printed in the top margin of each page (None if none)."""
        numbers = []
        for top in tops:
            found = re.findall(r"(?<!\S)\d+(?!\S)", top.replace(DRAFT, ""))
            numbers.append(int(found[0]) if len(found) == 1 else None)
        return numbers

    def _documents(self, numbers):
        """The pages of each document: a document starts on a page without a
        number and numbers the next ones 2, 3, ..."""
        documents = []
        for index, number in enumerate(numbers):
            if number is None:
                documents.append([index])
            else:
                self.assertTrue(documents, "The first page carries no number.")
                self.assertEqual(
                    number,
                    len(documents[-1]) + 1,
                    f"page {index + 1}: numbered {number}, "
                    f"page {len(documents[-1]) + 1} of its document",
                )
                documents[-1].append(index)
        return documents

    def test_every_report_prints_in_vietnamese_with_address_numbers_and_draft(self):
        names = {report.xml_id for report in self.reports}
        for expected in (
            "ecabinet_meeting.action_report_invitation",
            "ecabinet_meeting.action_report_invitation_meeting",
            "ecabinet_meeting.action_report_minutes",
            "ecabinet_meeting.action_report_conclusion",
            "ecabinet_opinion.action_report_ballot_result",
            "ecabinet_tasks.action_report_tasks_period",
            "ecabinet_sign.action_report_verification",
        ):
            self.assertIn(expected, names)
        several_pages = []
        for report in self.reports:
            with self.subTest(report=report.xml_id):
                records, data = self._to_print(report)
                self.assertTrue(records, f"{report.xml_id}: no demo record to print")
                documents_html = self._html(report, records, data)
                text, tops = self._print(report, records, data)

                # Vietnamese as written: every word with a Vietnamese letter of
                # the document is in the PDF's text, none garbled.
                self.assertFalse(
                    MOJIBAKE.findall(text), f"{report.xml_id}: garbled text"
                )
                missing = _words(" ".join(documents_html)) - _words(text)
                self.assertFalse(missing, f"{report.xml_id}: words lost in the PDF")

                # Links at the address e-Cabinet is served on.
                self.assertNotIn("localhost", text)
                self.assertNotIn("127.0.0.1", text)
                for url in re.findall(r"https?://\S+", text):
                    self.assertTrue(url.startswith(BASE_URL), url)

                # Page numbers at the top from the second page of each document.
                numbers = self._page_numbers(tops)
                documents = self._documents(numbers)
                self.assertEqual(
                    len(documents),
                    len(documents_html),
                    f"{report.xml_id}: pages {numbers}",
                )
                several_pages += [
                    (report.xml_id, len(pages)) for pages in documents if len(pages) > 1
                ]

                # "DỰ THẢO" atop the first page of a draft, nowhere on a final
                # document.
                states = DRAFT_UNTIL.get(report.xml_id)
                page_texts = text.split("\f")
                for record, pages in zip(records, documents, strict=False):
                    draft = bool(states) and record.state not in states
                    self.assertEqual(
                        [DRAFT in page_texts[page] for page in pages],
                        [draft] + [False] * (len(pages) - 1),
                        f"{report.xml_id} of {record.display_name}",
                    )
                if not states:
                    self.assertNotIn(DRAFT, text)

                # What each letter says, as a reader finds it.
                flat = " ".join(text.split())
                if report.xml_id == "ecabinet_meeting.action_report_invitation":
                    self.assertIn("GIẤY MỜI", flat)
                    self.assertIn("Ủy ban nhân dân tỉnh Bình Minh trân trọng", flat)
                    self.assertNotIn("Ủy ban nhân dân Tỉnh", flat)
                    for meeting in records.meeting_id:
                        self.assertIn(
                            f"{BASE_URL}/my/ecabinet/sessions/{meeting.id}", flat
                        )
                    for attendee in records:
                        self.assertIn(f"Kính gửi: {attendee.partner_id.name}", flat)
                elif report.xml_id == "ecabinet_meeting.action_report_minutes":
                    self.assertIn("BIÊN BẢN", flat)
                    self.assertIn("ỦY BAN NHÂN DÂN", flat)
        self.assertIn(
            "ecabinet_meeting.action_report_minutes",
            {name for name, _count in several_pages},
            "The demo minutes run over more than one page.",
        )

    def test_demo_has_a_draft_and_an_approved_session(self):
        """The check above sees the draft mark and its absence."""
        minutes = self.env.ref("ecabinet_meeting.action_report_minutes")
        states = set(self._demo_records(minutes).mapped("state"))
        self.assertIn("minutes_approved", states)
        self.assertTrue(states - {"closed", "minutes_approved"})
