# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method
from odoo.addons.ecabinet_base.tools.lang import in_ecabinet_lang

from ..lib import pdf as pdf_lib
from .ecabinet_sign_mixin import DEFAULT_SYMBOL_FIELD
from .res_company import PADES_LEVELS

SECRETARIAT = "ecabinet_base.group_secretariat"
# What the secretariat prepares on a draft request; the state, the signed
# document and the number are set by signing, never by hand (not listed).
DRAFT_FIELDS = (
    "name",
    "company_id",
    "committee_id",
    "report_id",
    "res_model",
    "res_id",
    "document_kind",
    "pades_level",
    "user_id",
    "signer_ids",
    "source_pdf",
    "source_filename",
)


class EcabinetSignRequest(models.Model):
    """A document to be signed by its signers in order: the competent person,
    then the clerk who numbers it and applies the agency signature."""

    _name = "ecabinet.sign.request"
    _description = "Signature Request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "ecabinet.notification.mixin",
        "ecabinet.state.lock.mixin",
    ]
    _order = "id desc"
    # Issued (signed) documents are locked for everyone; the others change
    # through their actions (start, cancel, reset to draft) and signing.
    _state_lock_write = {"draft": {SECRETARIAT: DRAFT_FIELDS}}
    _state_lock_create = {"draft": (SECRETARIAT,)}
    _state_lock_unlink = {"draft": ("*",), "cancelled": ("*",)}

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    committee_id = fields.Many2one("ecabinet.committee", index=True)
    report_id = fields.Many2one(
        "ir.actions.report",
        readonly=True,
        ondelete="restrict",
        help="Report of the source record that makes the document to sign; empty "
        "for an uploaded document.",
    )
    res_model = fields.Char(string="Source Model", readonly=True)
    res_id = fields.Integer(string="Source Record", readonly=True)
    document_kind = fields.Selection(
        [
            ("original", "Issued document (person and agency)"),
            ("copy", "Copy (agency only)"),
            ("attachment", "Separate attachment (agency only)"),
        ],
        required=True,
        default="original",
    )
    pades_level = fields.Selection(
        PADES_LEVELS,
        string="PAdES Level",
        required=True,
        default=lambda self: self.env.company.ecabinet_sign_pades_level or "b_t",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("in_progress", "Being signed"),
            ("signed", "Issued"),
            ("refused", "Refused"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    user_id = fields.Many2one(
        "res.users", string="Requested by", default=lambda self: self.env.user
    )
    signer_ids = fields.One2many("ecabinet.sign.signer", "request_id", copy=True)
    current_signer_id = fields.Many2one(
        "ecabinet.sign.signer", compute="_compute_current_signer_id", store=True
    )
    source_pdf = fields.Binary(string="Document", attachment=True, copy=False)
    source_filename = fields.Char(copy=False)
    pdf_file = fields.Binary(
        string="Signed Document", attachment=True, readonly=True, copy=False
    )
    pdf_filename = fields.Char(compute="_compute_pdf_filename")
    number = fields.Integer(readonly=True, copy=False, aggregator=None)
    issue_year = fields.Integer(readonly=True, copy=False)
    symbol = fields.Char(readonly=True, copy=False)
    number_display = fields.Char(
        string="Number and Symbol", compute="_compute_number_display", store=True
    )
    issue_date = fields.Date(readonly=True, copy=False)
    numbering_scope = fields.Char(compute="_compute_numbering_scope", store=True)
    refuse_reason = fields.Text(readonly=True, copy=False)
    verification_ids = fields.One2many("ecabinet.sign.verification", "request_id")
    audit_count = fields.Integer(compute="_compute_audit_count")

    _sql_constraints = [
        (
            "number_unique",
            "UNIQUE(numbering_scope, issue_year, number)",
            "This number is already used this year.",
        )
    ]

    def _ecabinet_creation_message(self):
        return self.env._("Signature request created")

    @api.depends("signer_ids.state", "signer_ids.sequence", "state")
    def _compute_current_signer_id(self):
        for request in self:
            todo = request.signer_ids.filtered(
                lambda s: s.state in ("to_sign", "pending")
            )
            request.current_signer_id = (
                todo.sorted("sequence")[:1] if request.state == "in_progress" else False
            )

    def _compute_pdf_filename(self):
        for request in self:
            request.pdf_filename = f"{request.name}.pdf"

    @api.depends("number", "symbol")
    def _compute_number_display(self):
        for request in self:
            request.number_display = (
                f"{request.number:02d}/{request.symbol}"
                if request.number and request.symbol
                else (f"{request.number:02d}" if request.number else False)
            )

    @api.depends("company_id", "committee_id")
    def _compute_numbering_scope(self):
        for request in self:
            request.numbering_scope = (
                f"committee-{request.committee_id.id}"
                if request.committee_id
                else f"company-{request.company_id.id}"
            )

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for request in self:
            request.access_url = f"/my/sign/{request.id}"
        return result

    def _compute_audit_count(self):
        counts = dict(
            self.env["ecabinet.sign.audit"]
            .sudo()
            ._read_group([("request_id", "in", self.ids)], ["request_id"], ["__count"])
        )
        for request in self:
            request.audit_count = counts.get(request, 0)

    # Creation from records ---------------------------------------------------

    @api.model
    def _ecabinet_create_for(self, record, report, signers, name=None, committee=None):
        """A draft request for ``record``'s ``report`` (an ``ir.actions.report``
        of a model inheriting ``ecabinet.sign.mixin``), signed by ``signers``
        (users, in order: person, then clerk)."""
        record.check_access("read")
        if report.model != record._name:
            raise UserError(
                self.env._(
                    "The report %(report)s does not print %(record)s.",
                    report=report.sudo().name,
                    record=record.display_name,
                )
            )
        signers = signers.filtered(lambda u: u)
        person, clerk = signers[:1], signers[1:2]
        lines = []
        if person:
            lines.append(
                fields.Command.create(
                    {"sequence": 10, "role": "person", "user_id": person.id}
                )
            )
        if clerk:
            lines.append(
                fields.Command.create(
                    {"sequence": 20, "role": "agency", "user_id": clerk.id}
                )
            )
        return self.create(
            {
                "name": name or record.display_name,
                "report_id": report.id,
                "res_model": record._name,
                "res_id": record.id,
                "committee_id": committee.id if committee else False,
                "company_id": (
                    committee.company_id if committee else self.env.company
                ).id,
                "signer_ids": lines,
            }
        )

    def _source_record(self):
        self.ensure_one()
        if not self.res_model or not self.res_id:
            return None
        return self.env[self.res_model].browse(self.res_id).exists()

    @public_method
    def action_open_source(self):
        self.ensure_one()
        record = self._source_record()
        if not record:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }

    def _render_source_pdf(self):
        self.ensure_one()
        if not self.report_id:
            if not self.source_pdf:
                raise UserError(self.env._("Upload the document to sign first."))
            data = base64.b64decode(self.source_pdf)
            if not data.startswith(b"%PDF-"):
                raise UserError(self.env._("The uploaded document is not a PDF."))
            return data
        record = self._source_record()
        if not record:
            raise UserError(self.env._("The document to sign no longer exists."))
        # A PDF even in test mode (Odoo renders reports as HTML there).
        data, _format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(self.report_id, record.ids)
        )
        return data

    # State machine -----------------------------------------------------------

    def _ecabinet_write_signing(self, vals):
        """Write the fields signing sets, for a user who may change the request."""
        self.check_access("write")
        return self.sudo()._ecabinet_transition(vals)

    @public_method
    def action_start(self):
        for request in self:
            if request.state != "draft":
                raise UserError(self.env._("Only a draft request can be sent."))
            signers = request.signer_ids.sorted("sequence")
            if not signers:
                raise UserError(self.env._("Add at least one signer."))
            if request.document_kind == "original":
                roles = signers.mapped("role")
                if roles != ["person", "agency"]:
                    raise UserError(
                        self.env._(
                            "An issued document is signed by the competent person "
                            "first, then by the clerk for the agency."
                        )
                    )
            elif set(signers.mapped("role")) != {"agency"}:
                raise UserError(
                    self.env._(
                        "Copies and attachments carry the agency signature only."
                    )
                )
            data = request._render_source_pdf()
            try:
                prepared = pdf_lib.prepare(
                    data,
                    kind=request.document_kind,
                    person_name=signers.filtered(lambda s: s.role == "person")[
                        :1
                    ].partner_id.name,
                )
            except pdf_lib.PdfSignError as exc:
                raise UserError(
                    self.env._("The PDF cannot be prepared for signing: %s", exc)
                ) from exc
            request._ecabinet_write_signing(
                {
                    "state": "in_progress",
                    "pdf_file": base64.b64encode(prepared),
                    "refuse_reason": False,
                }
            )
            signers.sudo()._ecabinet_transition({"state": "waiting"})
            request.env["ecabinet.sign.audit"]._append(
                "started", request=request, document=prepared
            )
            signers[0]._ecabinet_turn()
        return True

    @public_method
    def action_cancel(self):
        for request in self:
            if request.state not in ("draft", "in_progress"):
                raise UserError(
                    self.env._("Only a draft or ongoing request can be cancelled.")
                )
            if request.state == "in_progress":
                request.env["ecabinet.sign.audit"]._append("cancelled", request=request)
        self._ecabinet_write_signing({"state": "cancelled"})
        self.signer_ids.filtered(
            lambda s: s.state in ("waiting", "to_sign")
        ).sudo()._ecabinet_transition({"state": "waiting"})
        return True

    @public_method
    def action_reset_to_draft(self):
        for request in self:
            if request.state not in ("cancelled", "refused"):
                raise UserError(
                    self.env._("Only a cancelled or refused request can be reopened.")
                )
            if request.number:
                raise UserError(
                    self.env._(
                        "A numbered document cannot be reopened: issue a new one."
                    )
                )
        self._ecabinet_write_signing({"state": "draft", "pdf_file": False})
        self.signer_ids.sudo()._ecabinet_transition(
            {"state": "waiting", "refuse_reason": False}
        )
        return True

    def _pdf_bytes(self):
        self.ensure_one()
        return base64.b64decode(self.sudo().pdf_file or b"")

    def _symbol(self):
        symbol_field = DEFAULT_SYMBOL_FIELD
        source_model = self.env.get(self.res_model)
        signable = isinstance(source_model, self.pool["ecabinet.sign.mixin"])
        if self.report_id and signable:
            symbol_field = source_model._ecabinet_sign_symbol_field(self.report_id)
        return self.company_id[symbol_field] or ""

    def _assign_number(self):
        """Number, symbol and issue date, unique per year from 01 in the
        committee (or the company), filled into the PDF's form fields as an
        incremental update the person's certifying signature allows."""
        self.ensure_one()
        if self.number:
            return False
        today = fields.Date.context_today(self)
        self.env.flush_all()
        # Serialise numbering in the scope: lock the committee or company row.
        if self.committee_id:
            self.env.cr.execute(
                "SELECT id FROM ecabinet_committee WHERE id = %s FOR UPDATE",
                [self.committee_id.id],
            )
        else:
            self.env.cr.execute(
                "SELECT id FROM res_company WHERE id = %s FOR UPDATE",
                [self.company_id.id],
            )
        self.env.cr.execute(
            "SELECT COALESCE(MAX(number), 0) FROM ecabinet_sign_request "
            "WHERE numbering_scope = %s AND issue_year = %s",
            [self.numbering_scope, today.year],
        )
        number = self.env.cr.fetchone()[0] + 1
        symbol = self._symbol()
        values = {"number": number, "issue_year": today.year, "symbol": symbol}
        if self.document_kind == "original":
            try:
                filled = pdf_lib.fill_fields(
                    self._pdf_bytes(),
                    {
                        pdf_lib.FIELD_NUMBER: f"{number:02d}/{symbol}"
                        if symbol
                        else f"{number:02d}",
                        pdf_lib.FIELD_DATE: pdf_lib.vn_date_text(today),
                    },
                    font_path=self.company_id.ecabinet_sign_font_path
                    or pdf_lib.DEFAULT_FONT,
                )
            except pdf_lib.PdfSignError as exc:
                raise UserError(
                    self.env._("The number cannot be written in the PDF: %s", exc)
                ) from exc
            values["pdf_file"] = base64.b64encode(filled)
        values["issue_date"] = today
        self.sudo()._ecabinet_transition(values)
        self.env["ecabinet.sign.audit"]._append(
            "numbered",
            request=self,
            document=self._pdf_bytes(),
            details=self.number_display,
        )
        return True

    def _ecabinet_after_signature(self, signer):
        """Pass the document to the next signer, or issue it."""
        self.ensure_one()
        following = self.signer_ids.filtered(
            lambda s: s.state == "waiting" and s.sequence >= signer.sequence
        ).sorted("sequence")
        following = following - signer
        if following:
            following[0]._ecabinet_turn()
            return
        self.sudo()._ecabinet_transition({"state": "signed"})
        self.env["ecabinet.sign.audit"]._append(
            "completed", request=self, document=self._pdf_bytes()
        )
        if self.user_id:
            self._ecabinet_notify(
                "ecabinet_sign.event_sign_request_done", self.user_id.partner_id
            )
        self.message_post(
            body=self.env._("All signatures are on: %s is issued.", self.name)
        )

    # Reminders ----------------------------------------------------------------

    @api.model
    @in_ecabinet_lang
    def _cron_send_reminders(self):
        now = fields.Datetime.now()
        signers = self.env["ecabinet.sign.signer"].search(
            [
                ("state", "=", "to_sign"),
                ("request_id.state", "=", "in_progress"),
                ("next_reminder", "<=", now),
            ]
        )
        for signer in signers:
            signer.request_id._ecabinet_notify(
                "ecabinet_sign.event_sign_request_reminder",
                signer.partner_id,
                key=f"reminder-{signer.id}-{signer.reminder_count + 1}",
            )
            signer._ecabinet_transition(
                {
                    "reminder_count": signer.reminder_count + 1,
                    "next_reminder": signer._next_reminder_time(now),
                }
            )
        return signers

    # Verification -------------------------------------------------------------

    @public_method
    def action_verify(self):
        self.ensure_one()
        # The report is for those who read reports (it is stored as sudo).
        self.env["ecabinet.sign.verification"].check_access("read")
        if not self.pdf_file:
            raise UserError(self.env._("There is no signed document yet."))
        verification = self.env["ecabinet.sign.verification"]._verify(
            self._pdf_bytes(), self.pdf_filename, request=self
        )
        return verification._action_open()

    @public_method
    def action_export_edxml(self):
        """edXML package of the issued document, signed by the clerk."""
        self.ensure_one()
        if self.state != "signed":
            raise UserError(self.env._("Only an issued document can be exported."))
        return self.env["ecabinet.sign.xml.wizard"]._ecabinet_open(
            {"mode": "edxml", "request_id": self.id, "subject": self.name},
            self.env._("Export edXML"),
        )

    @public_method
    def action_view_audit(self):
        self.ensure_one()
        self.check_access("read")
        self.env["ecabinet.sign.audit"].check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Audit log"),
            "res_model": "ecabinet.sign.audit",
            "view_mode": "list,form",
            "domain": [("request_id", "=", self.id)],
        }

    def _ecabinet_my_signer(self):
        """The current user's line whose turn it is (UserError otherwise)."""
        self.ensure_one()
        signer = self.current_signer_id
        if not signer or signer.user_id != self.env.user:
            raise UserError(self.env._("It is not your turn to sign this document."))
        return signer

    @public_method
    def action_sign(self):
        """Open the signing wizard for the current user's turn."""
        signer = self._ecabinet_my_signer()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sign"),
            "res_model": "ecabinet.sign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_signer_id": signer.id},
        }

    @api.model
    def _ecabinet_reminder_delay(self, company):
        return max(company.ecabinet_sign_reminder_days, 1)

    def _ecabinet_deadline_from(self, moment):
        calendar = (
            self.committee_id.calendar_id
            or self.company_id._ecabinet_default_calendar()
        )
        if calendar:
            day = calendar.ecabinet_add_working_days(
                moment.date(), self._ecabinet_reminder_delay(self.company_id)
            )
            return datetime.datetime.combine(day, moment.time())
        return moment + datetime.timedelta(
            days=self._ecabinet_reminder_delay(self.company_id)
        )
