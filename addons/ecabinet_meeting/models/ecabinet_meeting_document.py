# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import logging

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import file_path, format_datetime
from odoo.tools.mimetypes import guess_mimetype
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from odoo.addons.ecabinet_base.models.ecabinet_confidential_mixin import (
    STATE_SECRET_LEVELS,
)
from odoo.addons.ecabinet_base.tools.api import public_method

from .ecabinet_meeting_document_view import FILE_PURPOSES

_logger = logging.getLogger(__name__)
# Font of the watermark: Noto Sans (shipped with Odoo's web addon) has the
# Vietnamese letters that the PDF standard fonts lack.
WATERMARK_FONT = "EcabinetWatermark"
WATERMARK_FONT_FILE = "web/static/fonts/sign/NotoSans-Reg.ttf"
SECRETARIAT = "ecabinet_base.group_secretariat"
PACK_OPEN_STATES = ("draft", "agenda_approved", "invited", "in_progress")

# What an agency's officer gives with the documents of a proposal.
PROPOSAL_DOCUMENT_FIELDS = {
    "meeting_id",
    "name",
    "filename",
    "datas",
    "confidentiality",
    "secret_holder_id",
    "agency_id",
    "item_ids",
}


class EcabinetMeetingDocument(models.Model):
    """A document of a session's pack. Replacing its file keeps the previous
    version; a withdrawn document disappears from everyone's pack."""

    _name = "ecabinet.meeting.document"
    _description = "Session Document"
    _inherit = [
        "mail.thread",
        "ecabinet.confidential.mixin",
        "ecabinet.state.lock.mixin",
        "ecabinet.meeting.original.mixin",
    ]
    _order = "meeting_id, sequence, id"
    # Locked by the session: the pack of a closed session is its record. The
    # version is kept by replacing the file; withdrawing is an action.
    _state_lock_parent = "meeting_id"
    _state_lock_write = {
        state: {
            SECRETARIAT: (
                "meeting_id",
                "sequence",
                "name",
                "item_ids",
                "agency_id",
                "datas",
                "filename",
                "confidentiality",
                "secret_holder_id",
                "allowed_group_ids",
            )
        }
        for state in PACK_OPEN_STATES
    }
    _state_lock_create = {state: (SECRETARIAT,) for state in PACK_OPEN_STATES}
    _state_lock_unlink = {state: (SECRETARIAT,) for state in PACK_OPEN_STATES}
    _confidential_content_fields = ("datas",)

    meeting_id = fields.Many2one(
        "ecabinet.meeting", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Title", required=True, tracking=True)
    item_ids = fields.Many2many(
        "ecabinet.meeting.agenda.item",
        "ecabinet_meeting_document_item_rel",
        "document_id",
        "item_id",
        string="Items",
    )
    agency_id = fields.Many2one(
        "res.partner",
        string="Submitting Agency",
        domain=[("is_ecabinet_agency", "=", True)],
    )
    datas = fields.Binary(string="File", attachment=True)
    filename = fields.Char()
    version = fields.Integer(default=1, readonly=True, copy=False)
    version_ids = fields.One2many(
        "ecabinet.meeting.document.version", "document_id", string="Earlier Versions"
    )
    page_count = fields.Integer(
        compute="_compute_page_count", store=True, string="Pages"
    )
    withdrawn = fields.Boolean(tracking=True, copy=False)
    view_ids = fields.One2many(
        "ecabinet.meeting.document.view", "document_id", string="Opened by"
    )
    download_allowed = fields.Boolean(
        compute="_compute_download_allowed",
        help="Whether the current user may download the file (the committee may "
        "forbid it for the document's level; state secrets are never sent).",
    )

    def _ecabinet_creation_message(self):
        return self.env._("Session document added")

    @api.depends("datas")
    def _compute_page_count(self):
        for document in self:
            document.page_count = document._count_pages()

    @api.depends(
        "confidentiality",
        "meeting_id.committee_id.forbid_download_normal",
        "meeting_id.committee_id.forbid_download_internal",
    )
    @api.depends_context("uid")
    def _compute_download_allowed(self):
        # What the reader's toolbar and the session page show: read from what the
        # page has already loaded (no query per document).
        # (The committee's setting is read as superuser: an invitee reads the
        # session, not its committee.)
        exempt = self.env.user.has_group(SECRETARIAT)
        for document, as_root in zip(self, self.sudo(), strict=True):
            document.download_allowed = not document.is_state_secret and (
                exempt
                or not as_root.meeting_id.committee_id._ecabinet_download_forbidden(
                    document.confidentiality
                )
            )

    def _count_pages(self):
        if not self.datas:
            return 0
        try:
            reader = PdfFileReader(
                io.BytesIO(base64.b64decode(self.datas)), strict=False
            )
            return len(reader.pages)
        except Exception:  # noqa: BLE001 - any non-PDF file counts as one page
            return 1

    @api.model_create_multi
    def create(self, vals_list):
        if self.env["ecabinet.meeting.agenda.item"]._ecabinet_agenda_managed():
            return super().create(vals_list)
        for vals in vals_list:
            self._ecabinet_check_proposal_document(vals)
        # The documents of an agency's own proposal, checked above: the session's
        # state lock (the secretariat's pack) has nothing more to say about them.
        with self._ecabinet_unlocked():
            return super().create(vals_list)

    @api.model
    def _ecabinet_check_proposal_document(self, vals):
        """An agency's officer adds the documents of its own proposals, at any
        level but "internal" (limited to groups the secretariat names); a state
        secret is recorded as held by the agency. ``vals`` is completed."""
        env = self.env
        agency = env.user._ecabinet_agency()
        if not agency:
            raise AccessError(
                env._("Only the officers of a government agency can propose items.")
            )
        level = vals.get("confidentiality") or "normal"
        if set(vals) - PROPOSAL_DOCUMENT_FIELDS or level == "internal":
            raise AccessError(
                env._(
                    "An agency gives the title, file and confidentiality level "
                    "(normal or a state-secret level) of the documents it proposes; "
                    "the secretariat sets the rest."
                )
            )
        if vals.get("agency_id", agency.id) != agency.id:
            raise AccessError(env._("An agency proposes items on its own behalf."))
        items = env["ecabinet.meeting.agenda.item"].sudo()
        for command in vals.get("item_ids") or ():
            if command[0] == fields.Command.LINK:
                items |= items.browse(command[1])
            elif command[0] == fields.Command.SET:
                items |= items.browse(command[2])
            else:
                raise AccessError(env._("An agency proposes items on its own behalf."))
        if not items or any(
            item.agency_id != agency
            or item.state != "proposed"
            or item.meeting_id.id != vals.get("meeting_id")
            for item in items
        ):
            raise UserError(
                env._("Add the documents to a proposal of your agency in this session.")
            )
        vals.update(
            agency_id=agency.id,
            confidentiality=level,
            secret_holder_id=agency.id if level in STATE_SECRET_LEVELS else False,
        )

    def write(self, vals):
        if "datas" in vals:
            for document in self.filtered("datas"):
                document._archive_version()
            if vals.get("datas"):
                self.env.add_to_compute(self._fields["page_count"], self)
        return super().write(vals)

    def _archive_version(self):
        self.ensure_one()
        self.env["ecabinet.meeting.document.version"].sudo().create(
            {
                "document_id": self.id,
                "version": self.version,
                "datas": self.datas,
                "filename": self.filename,
            }
        )
        self._ecabinet_transition({"version": self.version + 1})

    @public_method
    def action_withdraw(self):
        self.check_access("write")
        self._ecabinet_check_state_open()
        self._ecabinet_transition({"withdrawn": True})

    @public_method
    def action_restore(self):
        self.check_access("write")
        self._ecabinet_check_state_open()
        self._ecabinet_transition({"withdrawn": False})

    def _ecabinet_check_state_open(self):
        for document in self:
            if document.meeting_id.state not in PACK_OPEN_STATES:
                raise document._ecabinet_lock_error(document.meeting_id, ["withdrawn"])

    # The stored original of an internal document: read by the secretariat only
    # (ecabinet.meeting.original.mixin).

    def _ecabinet_internal_documents(self):
        return self.sudo().filtered(lambda d: d.confidentiality == "internal")

    # The file, as it leaves e-Cabinet -------------------------------------------------

    def _ecabinet_file_refusal(self, user, purpose):
        """Why ``user`` may not have the file for ``purpose`` (one of
        ``FILE_PURPOSES``), in words, or ``None``. Read access is checked by the
        caller (the record rules of ``user``)."""
        self.ensure_one()
        env = self.env
        document = self.sudo().with_context(bin_size=True)
        if document.is_state_secret:
            return env._(
                "This document is a state secret: its content is never sent over the "
                "network. Ask its holder for the paper original."
            )
        if document.withdrawn or not document.datas:
            return env._("This document has no file to send.")
        if (
            purpose == "download"
            and not user.has_group(SECRETARIAT)
            and document.meeting_id.committee_id._ecabinet_download_forbidden(
                document.confidentiality
            )
        ):
            return env._(
                "The committee does not allow downloading its %(level)s documents: "
                "read this one on screen or print it.",
                level=dict(
                    document._fields["confidentiality"]._description_selection(env)
                )[document.confidentiality].lower(),
            )
        return None

    def _ecabinet_file_for(self, user, purpose="open", record=True):
        """The bytes of the file that ``user`` receives to ``purpose`` it (open on
        screen, download or print), and the name it is sent under; the act is
        recorded in the "who opened what" list. Internal documents carry on every
        page the person's name and the time (the committee's time zone), however
        they leave: opened, downloaded or printed (the secretariat alone opens
        the original). ``record=False``: a copy fetched to be kept on a device
        (the offline pack), not counted; the device reports the openings made
        from it. Raises ``AccessError`` when ``user`` may not read
        the document or have its file for ``purpose`` (a state secret, a level
        the committee keeps from downloads), ``UserError`` when the file cannot
        be watermarked."""
        self.ensure_one()
        if purpose not in FILE_PURPOSES:
            raise UserError(
                self.env._(
                    "A document's file can be opened, downloaded or printed: "
                    "“%(purpose)s” is none of these.",
                    purpose=purpose,
                )
            )
        self.with_user(user).check_access("read")
        refusal = self._ecabinet_file_refusal(user, purpose)
        if refusal:
            raise AccessError(refusal)
        document = self.sudo()
        data = base64.b64decode(document.datas)
        if document.confidentiality == "internal" and (
            purpose != "open" or not user.has_group(SECRETARIAT)
        ):
            data = document._ecabinet_watermark(data, user)
        if record:
            document._record_view(user.partner_id, purpose)
        return data, document.filename or f"{document.name}.pdf"

    @public_method
    def ecabinet_file(self, purpose="download"):
        """The file of one document for the calling user, as ``{"filename",
        "mimetype", "datas"}`` (base64): what the portal's document route sends
        for ``purpose`` ("open", "download" or "print"), under the same rules
        (download refused where the committee forbids it, internal documents
        watermarked) and recorded the same way."""
        self.ensure_one()
        data, filename = self._ecabinet_file_for(self.env.user, purpose)
        return {
            "filename": filename,
            "mimetype": guess_mimetype(data),
            "datas": base64.b64encode(data).decode(),
        }

    def _ecabinet_watermark_text(self, user):
        """ "<name> · <date and time>" in the committee's time zone and the
        person's language."""
        committee = self.meeting_id.committee_id
        moment = format_datetime(
            self.env,
            fields.Datetime.now(),
            tz=committee._ecabinet_tz_name(),
            dt_format="dd/MM/yyyy HH:mm",
            lang_code=user.lang,
        )
        return self.env._(
            "%(name)s · %(moment)s · e-Cabinet copy, do not share",
            name=user.partner_id.name,
            moment=moment,
        )

    def _ecabinet_watermark(self, data, user):
        """PDF ``data`` with the watermark text of ``user`` across every page
        (and a line at the foot of it), drawn by reportlab and merged page by
        page (Odoo's own ``odoo.tools.pdf.add_banner`` works the same way)."""
        self.ensure_one()
        text = self.with_context(lang=user.lang)._ecabinet_watermark_text(user)
        try:
            original = PdfFileReader(io.BytesIO(data), strict=False)
            pages = list(original.pages)
        except Exception as error:  # noqa: BLE001 - any unreadable file
            raise UserError(
                self.env._(
                    "“%(document)s” is not a PDF file e-Cabinet can mark with your "
                    "name: ask the secretariat for a PDF version.",
                    document=self.name,
                )
            ) from error
        if WATERMARK_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(
                TTFont(WATERMARK_FONT, file_path(WATERMARK_FONT_FILE))
            )
        packet = io.BytesIO()
        overlay = canvas.Canvas(packet)
        for page in pages:
            box = page.mediabox
            width, height = float(abs(box.width)), float(abs(box.height))
            left, bottom = float(box.left), float(box.bottom)
            overlay.setPageSize((left + width, bottom + height))
            overlay.saveState()
            overlay.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.25))
            size = max(10.0, min(width, height) / 28)
            overlay.setFont(WATERMARK_FONT, size)
            overlay.translate(left + width / 2, bottom + height / 2)
            overlay.rotate(35)
            for line in (-2, 0, 2):
                overlay.drawCentredString(0, line * size * 3, text)
            overlay.restoreState()
            overlay.setFillColor(colors.Color(0.4, 0.4, 0.4, alpha=0.9))
            overlay.setFont(WATERMARK_FONT, 7)
            overlay.drawCentredString(left + width / 2, bottom + 12, text)
            overlay.showPage()
        overlay.save()
        stamps = PdfFileReader(packet, strict=False)
        writer = PdfFileWriter()
        for page, stamp in zip(pages, stamps.pages, strict=True):
            page.merge_page(stamp)
            writer.add_page(page)
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()

    def _record_view(self, partner, purpose="open", when=None):
        """Remember that ``partner`` opened (downloaded, printed: ``purpose``)
        the document, at ``when`` (now by default; earlier for an opening made
        without network and reported later), for reminders and the
        secretariat's follow-up. Returns the lines of the "who opened what"
        list."""
        View = self.env["ecabinet.meeting.document.view"].sudo()
        now = when or fields.Datetime.now()
        views = View.browse()
        for document in self:
            view = View.search(
                [("document_id", "=", document.id), ("partner_id", "=", partner.id)]
            )
            vals = view._ecabinet_counted_vals(purpose, now)
            if view:
                view.write(vals)
            else:
                view = View.create(
                    {
                        "document_id": document.id,
                        "partner_id": partner.id,
                        "count": 0,
                        **vals,
                    }
                )
            views |= view
        self.meeting_id.attendee_ids.filtered(
            lambda a: a.partner_id == partner
        )._mark_pack_opened()
        return views
