# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.ecabinet_base.tools.api import public_method
from odoo.addons.ecabinet_opinion.models.ecabinet_ballot import CHOICES

from ..lib import edxml, xmldsig
from ..lib.backend import BackendError, SignaturePending
from ..lib.validation import fingerprint
from ..wizard.ecabinet_sign_xml_wizard import XML_KEY_BACKENDS
from .ecabinet_sign_answer import PHONE_KEY_BACKENDS, AwaitedSignature

# Context marker of an answer that ``answer_signed`` has signed: an object, so
# that no RPC caller can put it in a context (contexts come as JSON or XML-RPC).
SIGNED_ANSWER = object()
SIGNED_ANSWER_KEY = "ecabinet_sign_signed_answer"
# The keys that sign an answer: at once, or after an approval on a phone.
ANSWER_KEY_BACKENDS = (*XML_KEY_BACKENDS, *PHONE_KEY_BACKENDS)


class EcabinetBallotVoter(models.Model):
    _inherit = "ecabinet.ballot.voter"

    @public_method(question="ecabinet.ballot.question")
    def answer(self, question, choice, comment=None):
        """On a vote signed by the members an answer is recorded only with the
        member's signature (``answer_signed``): an unsigned one is refused."""
        for voter in self:
            ballot = voter.sudo().ballot_id
            if (
                ballot.signed_by_members
                and self.env.context.get(SIGNED_ANSWER_KEY) is not SIGNED_ANSWER
            ):
                raise UserError(
                    self.env._(
                        "The members sign their answers to “%(ballot)s”: sign "
                        "yours with your digital certificate on the vote's page.",
                        ballot=ballot.name,
                    )
                )
        return super().answer(question, choice, comment=comment)

    def _ecabinet_notify(self, event, recipients, **kwargs):
        """No answer buttons in the messages of a vote signed by the members:
        a button cannot carry the member's signature (the message still links
        to the vote's page, where the answer is signed)."""
        if kwargs.get("buttons") and any(
            self.sudo().ballot_id.mapped("signed_by_members")
        ):
            kwargs["buttons"] = None
        return super()._ecabinet_notify(event, recipients, **kwargs)

    @public_method(question="ecabinet.ballot.question")
    def answer_signed(
        self,
        question,
        choice,
        comment=None,
        key_backend="pkcs12",
        pkcs12=None,
        password=None,
    ):
        """Record this member's answer to ``question`` on a vote signed by the
        members, signed with the member's own key as an XML record (XML-DSig over
        the ballot, the question, the member, the choice and the time).

        ``key_backend``: ``pkcs12`` (then ``pkcs12`` is the file in base64 and
        ``password`` its password), ``pkcs11`` or ``csc`` (``password`` is the
        PIN), ``vnpt_smartca`` or ``viettel_mysign`` (the member approves on the
        phone). The certificate must be valid, trusted, unrevoked and the one
        registered for the member. The answer and its signature are recorded
        together, or nothing is. Returns the answer; with a key approved on a
        phone, the answer awaiting its signature (``ecabinet.sign.answer``): it
        counts once the job finds the signature approved, and until then it
        cannot be changed."""
        self.ensure_one()
        if not self.env.su:
            self.check_access("read")
            if self.partner_id != self.env.user.partner_id:
                raise AccessError(self.env._("You can only answer for yourself."))
        voter = self.sudo()
        ballot = voter.ballot_id
        if not isinstance(question, models.BaseModel):
            raise UserError(self.env._("This question is not on this ballot."))
        question = question.sudo().exists()
        if not ballot.signed_by_members or ballot.secret:
            raise UserError(
                self.env._(
                    "The members do not sign their answers to “%(ballot)s”.",
                    ballot=ballot.name,
                )
            )
        if len(question) != 1 or question.ballot_id != ballot:
            raise UserError(self.env._("This question is not on this ballot."))
        if choice not in dict(CHOICES):
            raise UserError(self.env._("Answer agree, disagree or other opinion."))
        comment = (comment or "").strip()
        if choice == "other" and not comment and ballot.kind == "opinion":
            raise UserError(self.env._("Write your opinion."))
        ballot._check_open()
        if key_backend not in ANSWER_KEY_BACKENDS:
            raise UserError(
                self.env._(
                    "Sign your answer with a PKCS#12 file, a USB token, a remote "
                    "signing service (CSC), VNPT SmartCA or Viettel MySign."
                )
            )
        if voter._ecabinet_awaited_answer(question):
            raise UserError(
                self.env._(
                    "Your answer to “%(question)s” awaits your approval in the app "
                    "on your phone: approve or refuse it there; it cannot be changed "
                    "meanwhile.",
                    question=question.name,
                )
            )
        signed_at = fields.Datetime.now()
        labels = dict(
            self.env["ecabinet.ballot.response"]
            ._fields["choice"]
            ._description_selection(self.env)
        )
        record = {
            "ballot": (f"{ballot._name},{ballot.id}", ballot.name),
            "question": (f"{question._name},{question.id}", question.name),
            "member": (
                f"{voter.partner_id._name},{voter.partner_id.id}",
                voter.partner_id.name,
            ),
            "choice": (choice, labels[choice]),
            "comment": comment,
            "signed_at": signed_at.replace(tzinfo=datetime.UTC),
        }
        data, cert, evidence = voter.with_company(ballot.company_id)._sign_answer(
            record, key_backend, pkcs12, password
        )
        if isinstance(data, AwaitedSignature):
            waiting = self.env["ecabinet.sign.answer"]._ecabinet_wait(
                voter,
                question,
                {
                    "choice": choice,
                    "comment": comment,
                    "answered_at": signed_at,
                    "key_backend": key_backend,
                },
                data,
                cert,
                evidence,
            )
            return waiting.sudo(self.env.su)
        response = self._ecabinet_record_signed_answer(
            question, choice, comment, signed_at, data, cert, evidence
        )
        return response.sudo(self.env.su)

    @public_method(question="ecabinet.ballot.question")
    def withdraw_awaited_answer(self, question):
        """Take back this member's answer to ``question`` that awaits its
        signature on the phone (VNPT SmartCA, Viettel MySign): it is not
        counted, an approval arriving later is ignored, and the member may
        answer again while the vote is open. The member's own only."""
        self.ensure_one()
        if not self.env.su:
            self.check_access("read")
            if self.partner_id != self.env.user.partner_id:
                raise AccessError(self.env._("You can only withdraw your own answer."))
        if not isinstance(question, models.BaseModel):
            raise UserError(self.env._("This question is not on this ballot."))
        waiting = self._ecabinet_awaited_answer(question)
        if not waiting:
            raise UserError(
                self.env._(
                    "You have no answer to “%(question)s” awaiting its signature.",
                    question=question.sudo().name,
                )
            )
        return waiting._ecabinet_withdraw()

    def _ecabinet_awaited_answer(self, question):
        """This member's answer to ``question`` awaiting its signature on the
        phone (``ecabinet.sign.answer``, sudo), or an empty recordset."""
        self.ensure_one()
        return (
            self.env["ecabinet.sign.answer"]
            .sudo()
            .search(
                [
                    ("voter_id", "=", self.id),
                    ("question_id", "=", question.id),
                    ("state", "=", "pending"),
                ],
                limit=1,
            )
        )

    def _ecabinet_record_signed_answer(
        self, question, choice, comment, signed_at, data, cert, evidence
    ):
        """Record the answer with its signature ``data`` (the signed XML) and
        the audit entry; the answer's own checks (open, not recused) apply."""
        self.ensure_one()
        voter = self.sudo()
        ballot = voter.ballot_id
        response = self.with_context(**{SIGNED_ANSWER_KEY: SIGNED_ANSWER}).answer(
            question, choice, comment
        )
        response = response.sudo()
        with response._ecabinet_unlocked():
            response.write(
                {
                    "signature_xml": base64.b64encode(data),
                    "signature_filename": f"answer-{ballot.id}-{question.id}-"
                    f"{voter.partner_id.id}.xml",
                    "signed_at": signed_at,
                    "signer_subject": cert.subject.human_friendly,
                    "signer_fingerprint": fingerprint(cert),
                }
            )
        self.env["ecabinet.sign.audit"].with_company(ballot.company_id)._append(
            "signed",
            record=response,
            document=data,
            certificate_fingerprint=fingerprint(cert),
            certificate_subject=cert.subject.human_friendly,
            evidence=evidence,
            details=self.env._(
                "Answer of %(member)s to “%(question)s” signed",
                member=voter.partner_id.name,
                question=question.name,
            ),
        )
        return response

    def _sign_answer(self, record, key_backend, pkcs12, password):
        """The signed XML of ``record`` made with the member's key, after the
        checks of the certificate (valid, trusted, unrevoked, the member's)."""
        self.ensure_one()
        identity = (
            self.env["ecabinet.sign.answer"]
            .sudo()
            .new(
                {
                    "voter_id": self.id,
                    "ballot_id": self.ballot_id.id,
                    "user_id": self.partner_id.user_ids[:1].id,
                    "key_backend": key_backend,
                }
            )
        )

        def build(backend, evidence):
            if backend.signing_cert is None:
                raise BackendError("The key backend has no signer certificate.")
            prepared = edxml.prepare_ballot_answer(
                record, [backend.signing_cert, *backend.chain]
            )
            try:
                value = backend.sign_digest(
                    prepared.digest, prepared.digest_algorithm, prepared.mechanism
                )
            except SignaturePending as pending:
                if key_backend not in PHONE_KEY_BACKENDS:
                    raise
                # the member approves on the phone; the job finishes it
                signed = AwaitedSignature(prepared.xml, pending.reference)
            else:
                signed = xmldsig.finish_xml_signature(prepared.xml, value)
            return signed, backend.signing_cert, evidence

        return identity._ecabinet_sign_with_key(
            build,
            identity._ecabinet_key_material(pkcs12, password),
            check=self._check_member_certificate,
            failure=self.env._("Your answer cannot be signed: %s"),
        )

    def _check_member_certificate(self, cert):
        """Refuse a certificate that is not the one registered for the member
        (someone else's key must not sign their answer)."""
        partner = self.partner_id.sudo()
        registered = partner.ecabinet_sign_certificate_fingerprint
        if not registered:
            raise UserError(
                self.env._(
                    "No signing certificate is registered for %(member)s: ask the "
                    "secretariat to register yours before signing an answer.",
                    member=partner.name,
                )
            )
        if fingerprint(cert) != registered:
            raise UserError(
                self.env._(
                    "This certificate (%(subject)s) is not the one registered for "
                    "%(member)s: sign with your own certificate.",
                    subject=cert.subject.human_friendly,
                    member=partner.name,
                )
            )
