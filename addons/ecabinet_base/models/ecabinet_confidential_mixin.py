# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii
import hashlib
import io
import logging
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.pdf import PdfFileReader

_logger = logging.getLogger(__name__)

# Law 29/2018/QH14 on the protection of state secrets defines three levels.
STATE_SECRET_LEVELS = ("secret", "top_secret", "absolute_secret")
CONFIDENTIALITY_LEVELS = [
    ("normal", "Normal"),
    ("internal", "Internal"),
    ("secret", "Secret (Mật)"),
    ("top_secret", "Top secret (Tối mật)"),
    ("absolute_secret", "Absolute secret (Tuyệt mật)"),
]
# Largest file a record may hold, in MB (system parameter to change it).
MAX_FILE_SIZE_PARAM = "ecabinet_base.max_file_size_mb"
DEFAULT_MAX_FILE_SIZE_MB = 50
# PDF names of scripts and of actions that start programs (ISO 32000-1, 12.6.4).
PDF_ACTIVE_NAMES = {"/JS", "/JavaScript", "/Launch", "/RichMedia"}
PDF_ACTIVE_RE = re.compile(rb"/(JavaScript|JS|Launch|RichMedia)(?![A-Za-z0-9#])")
# The data of a stream (compressed pages, images, fonts, embedded files) is binary:
# the bytes of a name occur in it by chance (a signed PDF of 100 KB about once in
# 150). The byte search reads the objects around the streams; what streams hold
# (object streams too) is read by the parser (_pdf_has_active_content).
PDF_STREAM_RE = re.compile(rb"(?<![A-Za-z])stream\r?\n.*?endstream", re.DOTALL)
PDF_WALK_LIMIT = 100_000  # objects visited when looking for scripts


class EcabinetConfidentialMixin(models.AbstractModel):
    """Confidentiality of any record that can hold content.

    A model using the mixin lists the fields that hold content in
    ``_confidential_content_fields``. For the three state-secret levels the record
    keeps only its title, level and holder: content fields must stay empty and no
    attachment may be linked to it, whatever the channel (form, RPC, portal, chatter
    or the incoming mail gateway). Internal records are limited to named groups by
    the record rules of the model.
    """

    _name = "ecabinet.confidential.mixin"
    _description = "e-Cabinet Confidentiality"
    _confidential_content_fields = ()
    # Field holding the file name of the binary content fields, if any.
    _confidential_filename_field = "filename"

    confidentiality = fields.Selection(
        CONFIDENTIALITY_LEVELS,
        default="normal",
        required=True,
        tracking=True,
        help="State-secret levels (Law 29/2018/QH14) record only the title, the level "
        "and the holder: their content is never stored nor sent over the network.",
    )
    is_state_secret = fields.Boolean(
        compute="_compute_is_state_secret",
        store=True,
        string="State Secret",
    )
    secret_holder_id = fields.Many2one(
        "res.partner",
        string="Holder",
        help="Person or unit that keeps the paper original of a state-secret record.",
    )
    allowed_group_ids = fields.Many2many(
        "res.groups",
        string="Limited to",
        help="For internal records: only these groups may read the record. Leave "
        "empty to limit it to the secretariat.",
    )

    @api.depends("confidentiality")
    def _compute_is_state_secret(self):
        for record in self:
            record.is_state_secret = record.confidentiality in STATE_SECRET_LEVELS

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_uploaded_files(vals)
        records = super().create(vals_list)
        records._check_no_state_secret_content()
        return records

    def write(self, vals):
        for record in self or [None]:
            self._check_uploaded_files(vals, record)
        result = super().write(vals)
        if "confidentiality" in vals or set(vals) & set(
            self._confidential_content_fields
        ):
            self._check_no_state_secret_content()
        return result

    def _state_secret_error(self):
        self.ensure_one()
        level = dict(self._fields["confidentiality"]._description_selection(self.env))[
            self.confidentiality
        ]
        return ValidationError(
            self.env._(
                "“%(title)s” is classified %(level)s: a state-secret record keeps "
                "only its title, level and holder. Its content must never be stored or "
                "sent through e-Cabinet; hand the paper original over through the "
                "confidential channel.",
                title=self.display_name,
                level=level,
            )
        )

    def _check_no_state_secret_content(self):
        secrets = self.filtered("is_state_secret")
        if not secrets:
            return
        with_size = secrets.with_context(bin_size=True)
        for record in with_size:
            if any(record[name] for name in self._confidential_content_fields):
                raise record._state_secret_error()
        attached = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", secrets.ids),
                    "|",
                    ("res_field", "=", False),
                    ("res_field", "!=", False),
                ],
                limit=1,
            )
        )
        if attached:
            raise secrets.browse(attached.res_id)._state_secret_error()

    # Uploaded files --------------------------------------------------------------

    @api.model
    def _check_uploaded_files(self, vals, record=None):
        """Refuse, before anything is saved, a file that is too large, named .pdf
        without being a PDF, a damaged PDF, or a PDF that carries scripts or
        launch actions (they run in the readers of every member)."""
        for name in self._confidential_content_fields:
            field = self._fields.get(name)
            data = vals.get(name)
            if not data or field is None or field.type != "binary":
                continue
            filename_field = self._confidential_filename_field
            filename = (
                vals.get(filename_field)
                or (
                    record
                    and filename_field in record._fields
                    and record[filename_field]
                )
                or vals.get("name")
                or (record and record.display_name)
                or ""
            )
            try:
                content = base64.b64decode(data, validate=False)
            except (binascii.Error, ValueError, TypeError) as error:
                raise ValidationError(
                    self.env._("“%(file)s” could not be read.", file=filename)
                ) from error
            self._check_file_content(content, filename)

    @api.model
    def _check_file_content(self, content, filename, mimetype=None, pdf_checks=True):
        """Refuse a file that is too large; a file named .pdf or declared as a PDF
        (``mimetype``) must be a PDF; any PDF must be readable and without scripts
        or launch actions. Every file entering e-Cabinet is checked here: the
        content fields of the mixin's models and the attachments of any e-Cabinet
        record (``ir.attachment``); a content checked once in a transaction is not
        parsed again when its attachment is stored. ``pdf_checks=False``: the
        size only."""
        env = self.env
        named_pdf = (filename or "").lower().endswith(".pdf")
        declared_pdf = named_pdf or mimetype == "application/pdf"
        max_mb = int(
            env["ir.config_parameter"]
            .sudo()
            .get_param(MAX_FILE_SIZE_PARAM, DEFAULT_MAX_FILE_SIZE_MB)
        )
        checked = env.cr.precommit.data.setdefault("ecabinet_checked_files", set())
        key = (hashlib.sha256(content).digest(), declared_pdf, max_mb, pdf_checks)
        if key in checked:
            return
        if len(content) > max_mb * 1024 * 1024:
            raise ValidationError(
                env._(
                    "“%(file)s” is %(size).1f MB: files are limited to %(max)s MB.",
                    file=filename,
                    size=len(content) / 1024 / 1024,
                    max=max_mb,
                )
            )
        if not pdf_checks:
            checked.add(key)
            return
        looks_pdf = b"%PDF-" in content[:1024]
        if named_pdf and not looks_pdf:
            raise ValidationError(
                env._("“%(file)s” is named .pdf but is not a PDF file.", file=filename)
            )
        if declared_pdf and not looks_pdf:
            raise ValidationError(
                env._(
                    "“%(file)s” is declared as a PDF file (%(mimetype)s) but is not "
                    "one.",
                    file=filename,
                    mimetype=mimetype,
                )
            )
        if looks_pdf and (
            PDF_ACTIVE_RE.search(PDF_STREAM_RE.sub(b"stream endstream", content))
            or self._pdf_has_active_content(content, filename)
        ):
            raise ValidationError(
                env._(
                    "“%(file)s” contains JavaScript or actions that start programs: "
                    "print it to a new PDF without them and upload that one.",
                    file=filename,
                )
            )
        checked.add(key)

    @api.model
    def _pdf_has_active_content(self, content, filename):
        """Parse the PDF (a damaged one is refused) and look, in compressed
        object streams too, for script and launch actions."""
        try:
            reader = PdfFileReader(io.BytesIO(content), strict=False)
            root = reader.trailer["/Root"]
            len(reader.pages)
        except Exception as error:  # noqa: BLE001 - any parser error: damaged
            _logger.info("Damaged PDF %s refused: %s", filename, error)
            raise ValidationError(
                self.env._(
                    "“%(file)s” is a damaged PDF file: it cannot be read. Save it "
                    "again as PDF and upload it again.",
                    file=filename,
                )
            ) from error
        seen = set()
        stack = [root]
        while stack and len(seen) < PDF_WALK_LIMIT:
            node = stack.pop()
            reference = getattr(node, "idnum", None)
            if reference is not None:
                if reference in seen:
                    continue
                seen.add(reference)
                try:
                    node = node.get_object()
                except Exception:  # noqa: BLE001 - a broken reference: skip it
                    continue
            if isinstance(node, dict):
                if PDF_ACTIVE_NAMES & set(node) or node.get("/S") in PDF_ACTIVE_NAMES:
                    return True
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
        return False
