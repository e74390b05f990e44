# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.ecabinet_base.tools.lang import in_ecabinet_lang, with_ecabinet_lang

from ..lib import pdf as pdf_lib
from ..lib.backend import BackendError, SignaturePending
from ..lib.validation import fingerprint, load_certificate, validation_context
from .ecabinet_sign_request import SECRETARIAT

_logger = logging.getLogger(__name__)

# Seconds between two questions to a remote signing service about a pending
# signature (the holder approves on a phone).


def _transient(exc):
    """A service that is down or slow, not an answer of the holder."""
    message = str(exc)
    return any(
        word in message
        for word in ("cannot be reached", "did not answer within", "failed (HTTP")
    )


class EcabinetSignSigner(models.Model):
    """One signature of a request, by one person, in order."""

    _name = "ecabinet.sign.signer"
    _description = "Signer of a Signature Request"
    _inherit = ["ecabinet.sign.identity", "ecabinet.state.lock.mixin"]
    _ecabinet_poll_cron = "ecabinet_sign.ir_cron_sign_poll"
    _order = "request_id, sequence, id"
    _rec_name = "partner_id"
    _state_lock_parent = "request_id"
    _state_lock_write = {
        "draft": {
            SECRETARIAT: ("request_id", "sequence", "role", "user_id", "key_backend")
        },
        "in_progress": {SECRETARIAT: ("key_backend",)},
    }
    _state_lock_create = {"draft": (SECRETARIAT,)}
    _state_lock_unlink = {"draft": (SECRETARIAT,)}

    request_id = fields.Many2one(
        "ecabinet.sign.request", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    role = fields.Selection(
        [
            ("person", "Competent person"),
            ("agency", "Agency (clerk)"),
        ],
        required=True,
        default="person",
    )
    user_id = fields.Many2one("res.users", required=True, index=True)
    partner_id = fields.Many2one(related="user_id.partner_id", store=True)
    state = fields.Selection(
        [
            ("waiting", "Waiting"),
            ("to_sign", "To sign"),
            ("pending", "Waiting for approval"),
            ("signed", "Signed"),
            ("refused", "Refused"),
        ],
        default="waiting",
        required=True,
        readonly=True,
        copy=False,
    )
    key_backend = fields.Selection(
        required=True,
        compute="_compute_key_backend",
        store=True,
        readonly=False,
        precompute=True,
    )
    signed_date = fields.Datetime(readonly=True, copy=False)
    certificate_subject = fields.Char(readonly=True, copy=False)
    certificate_issuer = fields.Char(readonly=True, copy=False)
    certificate_fingerprint = fields.Char(
        string="Certificate SHA-256", readonly=True, copy=False
    )
    refuse_reason = fields.Text(readonly=True, copy=False)
    approval_error = fields.Text(
        string="Approval Problem",
        readonly=True,
        copy=False,
        help="Why the last signature asked on the phone was not made (refused "
        "or expired); the signer can sign again.",
    )
    pending_reference = fields.Char(readonly=True, copy=False)
    pending_state = fields.Binary(
        attachment=True,
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="The interrupted document while the holder approves on a phone.",
    )
    next_reminder = fields.Datetime(readonly=True, copy=False)
    reminder_count = fields.Integer(readonly=True, copy=False)

    # The signers of a request sent for signature are fixed (locked by the
    # request): a signature line removed, added or marked signed by hand would
    # let a document be issued without a signature it needs. Only the key of a
    # signer still to sign may change; the signing code writes the rest.
    def write(self, vals):
        if (
            not self._ecabinet_lock_is_unlocked()
            and "key_backend" in vals
            and any(s.state not in ("waiting", "to_sign") for s in self)
        ):
            raise self._ecabinet_lock_error(self.request_id[:1], ["key_backend"])
        return super().write(vals)

    @api.depends("user_id")
    def _compute_key_backend(self):
        for signer in self:
            partner = signer.user_id.partner_id.sudo()
            signer.key_backend = partner.ecabinet_sign_key_backend or "pkcs12"

    # Turn and notifications -------------------------------------------------

    def _next_reminder_time(self, moment):
        self.ensure_one()
        return self.request_id._ecabinet_deadline_from(moment)

    def _ecabinet_turn(self):
        """It is this signer's turn: tell them and plan the reminder."""
        self.ensure_one()
        now = fields.Datetime.now()
        when = self._next_reminder_time(now)
        self.sudo()._ecabinet_transition(
            {"state": "to_sign", "next_reminder": when, "reminder_count": 0}
        )
        self.request_id._ecabinet_notify(
            "ecabinet_sign.event_sign_request_to_sign",
            self.partner_id,
            key=f"turn-{self.id}",
        )
        self.env.ref("ecabinet_sign.ir_cron_sign_reminders")._trigger(at=when)

    def _check_my_turn(self):
        self.ensure_one()
        if self.user_id != self.env.user:
            raise AccessError(
                self.env._("Only %(name)s can sign here.", name=self.partner_id.name)
            )
        if self.request_id.state != "in_progress" or self.state != "to_sign":
            raise UserError(self.env._("It is not your turn to sign this document."))

    def _timestamp_message(self, company, exc):
        return self.env._(
            "The timestamp authority (%(url)s) cannot be reached now; nothing was "
            "signed and the document is unchanged. Try again when it answers. "
            "(%(error)s)",
            url=company.ecabinet_sign_tsa_url,
            error=exc,
        )

    def _ecabinet_sign_company(self):
        return self.request_id.company_id

    # Signing --------------------------------------------------------------------

    def _ecabinet_sign(self, backend=None, **material):
        """Sign as the current user with the key given in ``material`` (or an
        already opened ``backend``): check the turn, the certificate (validity,
        trust, revocation), number the document if the clerk signs, then apply
        the PAdES signature. Return ``"signed"``, or ``"pending"`` when the
        holder must approve on another device (then :meth:`_ecabinet_resume`)."""
        self.ensure_one()
        self._check_my_turn()
        request, company, roots = self._ecabinet_sign_context()

        def build(backend, evidence):
            # Numbered and signed together: when signing fails (the timestamp
            # authority is down...), the number is not taken either.
            with self.env.cr.savepoint():
                return self._ecabinet_sign_document(
                    backend, request, company, roots, evidence
                )

        return self._ecabinet_sign_with_key(build, material, backend=backend)

    def _ecabinet_sign_context(self):
        request = self.request_id.sudo()
        company = request.company_id
        if not company.ecabinet_sign_tsa_url:
            raise UserError(
                self.env._(
                    "Set the URL of the timestamp authority in the settings: every "
                    "signature is timestamped (PAdES B-T)."
                )
            )
        roots = self.env["ecabinet.sign.trust.root"]._ecabinet_roots(company)
        return request, company, roots

    def _ecabinet_sign_document(self, backend, request, company, roots, evidence):
        if self.role == "agency":
            request._assign_number()
        moment = pdf_lib.vn_now()
        font = company.ecabinet_sign_font_path or pdf_lib.DEFAULT_FONT
        if self.role == "person":
            image = self.partner_id.sudo().ecabinet_sign_image
            stamp = pdf_lib.person_stamp(
                base64.b64decode(image) if image else None,
                self.partner_id.name,
                font_path=font,
            )
            field = pdf_lib.FIELD_PERSON
        else:
            seal = company.ecabinet_sign_seal_image
            stamp = pdf_lib.agency_stamp(
                company.ecabinet_sign_agency_name or company.name,
                moment,
                seal_image=base64.b64decode(seal)
                if seal and request.document_kind == "original"
                else None,
                font_path=font,
            )
            field = pdf_lib.FIELD_AGENCY
        first = not request.signer_ids.filtered(lambda s: s.state == "signed")
        try:
            signed = pdf_lib.sign(
                request._pdf_bytes(),
                backend,
                field,
                level=request.pades_level,
                tsa_url=company.ecabinet_sign_tsa_url,
                validation_context=validation_context(roots, backend.chain),
                certify=first,
                stamp=stamp,
                # the reason a PDF reader shows: the signer's language (the
                # company's when a job finishes the signature)
                reason=dict(
                    self._fields["role"]._description_selection(
                        with_ecabinet_lang(self).env
                    )
                )[self.role],
                location=company.city or company.name,
                name=self.partner_id.name,
            )
        except SignaturePending as pending:
            self._ecabinet_wait_for_approval(pending, evidence)
            return "pending"
        except pdf_lib.TimestampUnavailable as exc:
            raise UserError(self._timestamp_message(company, exc)) from exc
        except pdf_lib.PdfSignError as exc:
            raise UserError(
                self.env._("The document cannot be signed: %s", exc)
            ) from exc
        except BackendError as exc:
            raise UserError(self._backend_message(exc)) from exc
        self._ecabinet_signed(signed, backend.signing_cert, evidence)
        return "signed"

    def _ecabinet_wait_for_approval(self, pending, evidence):
        """The holder approves on a phone: keep the interrupted document and poll."""
        state = dict(
            pending.state,
            evidence={
                kind: [base64.b64encode(item).decode() for item in items]
                for kind, items in evidence.items()
            },
        )
        self.sudo()._ecabinet_transition(
            {
                "state": "pending",
                "approval_error": False,
                "pending_reference": pending.reference,
                "pending_state": base64.b64encode(json.dumps(state).encode()),
            }
        )
        self.request_id.sudo().message_post(
            body=self.env._(
                "%(name)s is approving the signature on another device.",
                name=self.partner_id.name,
            )
        )
        self._ecabinet_trigger_poll()

    def _ecabinet_resume(self, backend=None):
        """Finish a pending signature if the holder approved it. Return
        ``"signed"``, ``"pending"`` (not yet) or ``"failed"`` (refused or
        expired: the signer's turn again)."""
        self.ensure_one()
        if self.state != "pending":
            raise UserError(self.env._("This signature is not waiting for approval."))
        request, company, roots = self._ecabinet_sign_context()
        backend = backend or self._ecabinet_signing_backend()
        try:
            signature = backend.fetch_signature(self.pending_reference)
        except BackendError as exc:
            if _transient(exc):
                # The service is down: ask again later, the document waits.
                _logger.warning("Pending signature %s: %s", self.id, exc)
                return "pending"
            reason = self._backend_message(exc)
            self.sudo()._ecabinet_transition(
                {
                    "state": "to_sign",
                    "pending_reference": False,
                    "pending_state": False,
                    "approval_error": reason,
                }
            )
            request.message_post(
                body=self.env._(
                    "The signature of %(name)s was not approved: %(reason)s",
                    name=self.partner_id.name,
                    reason=reason,
                )
            )
            return "failed"
        finally:
            backend.close()
        if signature is None:
            return "pending"
        state = json.loads(base64.b64decode(self.sudo().pending_state))
        try:
            signed = pdf_lib.finish(
                state,
                signature,
                tsa_url=company.ecabinet_sign_tsa_url,
                validation_context=validation_context(roots),
            )
        except pdf_lib.TimestampUnavailable as exc:
            raise UserError(self._timestamp_message(company, exc)) from exc
        except pdf_lib.PdfSignError as exc:
            raise UserError(
                self.env._("The document cannot be signed: %s", exc)
            ) from exc
        evidence = {
            kind: [base64.b64decode(item) for item in items]
            for kind, items in state.get("evidence", {}).items()
        }
        certificate = load_certificate(base64.b64decode(state["certificate"]))
        self._ecabinet_signed(signed, certificate, evidence)
        return "signed"

    @api.model
    @in_ecabinet_lang
    def _cron_poll_pending(self):
        """Ask the signing services whether pending signatures were approved."""
        return self._ecabinet_poll_pending()

    def _ecabinet_signed(self, signed, cert, evidence):
        """Keep the signed PDF, record the signature and pass the turn."""
        request = self.request_id.sudo()
        request._ecabinet_transition({"pdf_file": base64.b64encode(signed)})
        self.sudo()._ecabinet_transition(
            {
                "state": "signed",
                "signed_date": fields.Datetime.now(),
                "certificate_subject": cert.subject.human_friendly,
                "certificate_issuer": cert.issuer.human_friendly,
                "certificate_fingerprint": fingerprint(cert),
                "next_reminder": False,
                "pending_reference": False,
                "pending_state": False,
                "approval_error": False,
            }
        )
        self.env["ecabinet.sign.audit"]._append(
            "signed",
            request=request,
            document=signed,
            certificate_fingerprint=fingerprint(cert),
            certificate_subject=cert.subject.human_friendly,
            evidence=evidence,
            details=f"{self.role}: {self.partner_id.name}",
        )
        request.message_post(
            body=self.env._(
                "Signed by %(name)s (%(role)s).",
                name=self.partner_id.name,
                role=dict(self._fields["role"]._description_selection(self.env))[
                    self.role
                ],
            )
        )
        request._ecabinet_after_signature(self)

    def _ecabinet_refuse(self, reason):
        self.ensure_one()
        self._check_my_turn()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for refusing to sign."))
        request = self.request_id.sudo()
        self.sudo()._ecabinet_transition(
            {"state": "refused", "refuse_reason": reason, "next_reminder": False}
        )
        request._ecabinet_transition({"state": "refused", "refuse_reason": reason})
        self.env["ecabinet.sign.audit"]._append(
            "refused",
            request=request,
            document=request._pdf_bytes() or None,
            details=reason,
        )
        request.message_post(
            body=self.env._(
                "%(name)s refused to sign: %(reason)s",
                name=self.partner_id.name,
                reason=reason,
            )
        )
        if request.user_id:
            request._ecabinet_notify(
                "ecabinet_sign.event_sign_request_refused",
                request.user_id.partner_id,
                key=f"refused-{self.id}",
            )
        return True

    @api.model
    def _ecabinet_my_turns(self):
        return self.search(
            [
                ("user_id", "=", self.env.user.id),
                ("state", "=", "to_sign"),
                ("request_id.state", "=", "in_progress"),
            ]
        )
