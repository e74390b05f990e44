# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo import models
from odoo.tools.pdf import PdfFileReader, PdfFileWriter, merge_pdf

# Class of an element of the documents whose pages are numbered (see the
# template ecabinet_meeting.report_ecabinet_page_numbers).
NUMBERED = "o_ecabinet_numbered_pages"
# The page number, top centre (Decree 30/2020/NĐ-CP, Appendix I: Arabic numerals,
# 13-14 pt, in the top margin, from the second page on).
NUMBER_FONT, NUMBER_SIZE, NUMBER_FROM_TOP = "Times-Roman", 13, 12 * mm


def number_pages(pdf):
    """``pdf`` with its number at the top centre of every page but the first."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    if reader.getNumPages() < 2:
        return pdf
    packet = io.BytesIO()
    stamp = canvas.Canvas(packet)
    for index in range(reader.getNumPages()):
        box = reader.getPage(index).mediaBox
        width, height = float(abs(box.getWidth())), float(abs(box.getHeight()))
        stamp.setPageSize((width, height))
        if index:
            stamp.setFont(NUMBER_FONT, NUMBER_SIZE)
            stamp.drawCentredString(
                width / 2, height - NUMBER_FROM_TOP - NUMBER_SIZE, str(index + 1)
            )
        stamp.showPage()
    stamp.save()
    numbers = PdfFileReader(packet, strict=False)
    writer = PdfFileWriter()
    for index in range(reader.getNumPages()):
        page = reader.getPage(index)
        if index:
            page.mergePage(numbers.getPage(index))
        writer.addPage(page)
    with io.BytesIO() as out:
        writer.write(out)
        return out.getvalue()


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _run_wkhtmltopdf(
        self,
        bodies,
        report_ref=False,
        header=None,
        footer=None,
        landscape=False,
        specific_paperformat_args=None,
        set_viewport_size=False,
    ):
        """Print the e-Cabinet documents one by one and number their pages.

        Administrative documents number their pages from the second one, at the
        top centre, each document from 1. wkhtmltopdf's running header could do
        it, and print several documents in one run, only when built with its
        patched Qt: the wkhtmltopdf of Linux distributions ignores --header-html
        and refuses more than one document ("does not support more than one input
        document"). So each document is printed alone, numbered here, and the
        documents are put together. Other reports print as Odoo prints them."""
        if not any(NUMBERED in body for body in bodies):
            return super()._run_wkhtmltopdf(
                bodies,
                report_ref=report_ref,
                header=header,
                footer=footer,
                landscape=landscape,
                specific_paperformat_args=specific_paperformat_args,
                set_viewport_size=set_viewport_size,
            )
        documents = []
        for body in bodies:
            # Our documents have no running header or footer of Odoo's layouts.
            pdf = super()._run_wkhtmltopdf(
                [body],
                report_ref=report_ref,
                landscape=landscape,
                specific_paperformat_args=specific_paperformat_args,
                set_viewport_size=set_viewport_size,
            )
            documents.append(number_pages(pdf) if NUMBERED in body else pdf)
        return documents[0] if len(documents) == 1 else merge_pdf(documents)
