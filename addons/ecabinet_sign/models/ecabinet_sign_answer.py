# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A member's answer to a vote signed by the members while the member approves
its signature on a phone (VNPT SmartCA, Viettel MySign).

The choice is kept here, not as an answer of the ballot: the tally, the live
counts, the majority and the result count answers only, so an answer waiting
for its signature counts nowhere until the job (``_cron_poll_pending``) finds
the signature approved and records the answer with it. Refused or expired on
the phone, or the vote closed first: it is not counted and the member may
answer again (while the vote is open)."""

import base64
import dataclasses
import datetime
import json
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.lang import in_ecabinet_lang
from odoo.addons.ecabinet_opinion.models.ecabinet_ballot import CHOICES

from ..lib import xmldsig
from ..lib.backend import BackendError, SignatureExpired
from ..lib.validation import load_certificate
from .ecabinet_sign_signer import _transient

_logger = logging.getLogger(__name__)

# Keys whose holder approves each signature on a phone: an answer signed with
# them waits for the approval.
PHONE_KEY_BACKENDS = ("vnpt_smartca", "viettel_mysign")
# A request the service still calls waiting after this long is given up (the
# services expire theirs within a few minutes; this covers one that never says).
APPROVAL_TIMEOUT = datetime.timedelta(minutes=15)
STATES = [
    ("pending", "Awaiting signature"),
    ("signed", "Signed and counted"),
    ("refused", "Refused on the phone"),
    ("expired", "Expired"),
    ("dropped", "Not counted"),
    ("withdrawn", "Withdrawn by the member"),
]


@dataclasses.dataclass
class AwaitedSignature:
    """An answer laid out for signing (``xml``) whose signature the service
    gives once the member approves the request ``reference``."""

    xml: bytes
    reference: str


class EcabinetSignAnswer(models.Model):
    _name = "ecabinet.sign.answer"
    _description = "Answer Awaiting the Member's Signature"
    _inherit = ["ecabinet.sign.identity", "ecabinet.state.lock.mixin"]
    _ecabinet_poll_cron = "ecabinet_sign.ir_cron_sign_answer_poll"
    _order = "id desc"
    _rec_name = "voter_id"
    # Written by the signing code only (``_ecabinet_wait``, ``_ecabinet_resume``,
    # the closing of the vote): nobody creates, changes or deletes one, the
    # member included, whatever the state.
    _state_lock_write = {}
    _state_lock_create = {}
    _state_lock_unlink = {}

    voter_id = fields.Many2one(
        "ecabinet.ballot.voter",
        string="Member",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    ballot_id = fields.Many2one(
        "ecabinet.ballot", required=True, readonly=True, ondelete="cascade", index=True
    )
    question_id = fields.Many2one(
        "ecabinet.ballot.question", required=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="ballot_id.company_id", store=True)
    member_id = fields.Many2one(
        related="voter_id.partner_id", string="Member Name", store=True
    )
    user_id = fields.Many2one(readonly=True)
    key_backend = fields.Selection(readonly=True)
    choice = fields.Selection(CHOICES, required=True, readonly=True)
    comment = fields.Text(readonly=True)
    answered_at = fields.Datetime(
        string="Answered On",
        required=True,
        readonly=True,
        help="The time in the signed record: when the member answered.",
    )
    state = fields.Selection(
        STATES, default="pending", required=True, readonly=True, index=True
    )
    reason = fields.Text(
        string="Why Not Counted",
        readonly=True,
        help="Why the signature was not made (refused or expired on the phone) "
        "or the answer not counted (the vote closed first).",
    )
    response_id = fields.Many2one(
        "ecabinet.ballot.response", string="Answer", readonly=True, ondelete="set null"
    )
    pending_reference = fields.Char(readonly=True, groups="base.group_system")
    pending_state = fields.Binary(
        string="Answer to Sign",
        attachment=True,
        readonly=True,
        groups="base.group_system",
        help="The answer laid out for signing, with the certificate checks' "
        "evidence, while the member approves on the phone.",
    )

    def _ecabinet_sign_company(self):
        return self.sudo().ballot_id.company_id or self.env.company

    # Waiting ------------------------------------------------------------------

    @api.model
    def _ecabinet_wait(self, voter, question, answer, awaited, cert, evidence):
        """Keep ``answer`` (``choice``, ``comment``, ``answered_at``,
        ``key_backend``) of ``voter`` to ``question``, whose signature the
        member approves on the phone, and start polling."""
        state = {
            "xml": base64.b64encode(awaited.xml).decode(),
            "certificate": base64.b64encode(cert.dump()).decode(),
            "evidence": {
                kind: [base64.b64encode(item).decode() for item in items]
                for kind, items in evidence.items()
            },
        }
        with self._ecabinet_unlocked():
            waiting = self.sudo().create(
                {
                    "voter_id": voter.id,
                    "ballot_id": voter.ballot_id.id,
                    "question_id": question.id,
                    "user_id": voter.partner_id.user_ids[:1].id,
                    "key_backend": answer["key_backend"],
                    "choice": answer["choice"],
                    "comment": answer["comment"] or False,
                    "answered_at": answer["answered_at"],
                    "pending_reference": awaited.reference,
                    "pending_state": base64.b64encode(json.dumps(state).encode()),
                }
            )
        waiting._ecabinet_tell_live_screens()
        self._ecabinet_trigger_poll()
        return waiting

    def _ecabinet_tell_live_screens(self):
        """A vote in session: the live screens (ecabinet_console, when it is
        installed) re-read who has not voted, and who awaits a signature."""
        meetings = self.ballot_id.filtered(lambda b: b.kind == "vote").meeting_id
        if meetings and hasattr(meetings, "_ecabinet_live_changed"):
            meetings._ecabinet_live_changed("count")

    # Finishing ----------------------------------------------------------------

    def _ecabinet_resume(self, backend=None):
        """Ask the service whether the member approved. Return ``"signed"``
        (the answer is recorded with its signature and counts), ``"pending"``
        (not yet, or the service is down), ``"failed"`` (refused or expired:
        not counted, the member may answer again) or ``"dropped"`` (the vote
        is no longer open)."""
        self.ensure_one()
        answer = self.sudo()
        if answer.state != "pending":
            raise UserError(self.env._("This answer is not awaiting its signature."))
        if not answer._ecabinet_vote_open():
            answer._ecabinet_drop(
                self.env._("The vote closed before the signature was approved.")
            )
            return "dropped"
        if backend is None:
            try:
                backend = answer._ecabinet_signing_backend()
            except UserError as exc:
                # the service refuses the member's account now: the answer is
                # given up once the time to approve it has passed
                if not answer._ecabinet_timed_out():
                    raise
                answer._ecabinet_not_signed("expired", exc.args[0])
                return "failed"
        try:
            signature = backend.fetch_signature(answer.pending_reference)
        except BackendError as exc:
            if _transient(exc):
                _logger.warning("Answer awaiting its signature %s: %s", self.id, exc)
                return "pending"
            answer._ecabinet_fail(exc)
            return "failed"
        finally:
            backend.close()
        if signature is None:
            if answer._ecabinet_timed_out():
                answer._ecabinet_fail(
                    SignatureExpired(
                        "The signature request expired before it was approved on "
                        "the phone."
                    )
                )
                return "failed"
            return "pending"
        state = json.loads(base64.b64decode(answer.pending_state))
        try:
            data = xmldsig.finish_xml_signature(
                base64.b64decode(state["xml"]), signature
            )
        except (BackendError, xmldsig.XmlSignatureError) as exc:
            answer._ecabinet_fail(exc)
            return "failed"
        evidence = {
            kind: [base64.b64decode(item) for item in items]
            for kind, items in state.get("evidence", {}).items()
        }
        certificate = load_certificate(base64.b64decode(state["certificate"]))
        try:
            with self.env.cr.savepoint():
                response = answer.voter_id._ecabinet_record_signed_answer(
                    answer.question_id,
                    answer.choice,
                    answer.comment,
                    answer.answered_at,
                    data,
                    certificate,
                    evidence,
                )
        except UserError as exc:
            # closed by its deadline meanwhile, or the member recused
            answer._ecabinet_drop(exc.args[0])
            return "dropped"
        answer._ecabinet_transition(
            {
                "state": "signed",
                "response_id": response.id,
                "pending_state": False,
                "reason": False,
            }
        )
        return "signed"

    def _ecabinet_vote_url(self):
        """The vote's page, where the member answers again (signed in)."""
        self.ensure_one()
        return f"{self.get_base_url()}/my/ecabinet/ballots/{self.ballot_id.id}"

    def _ecabinet_vote_open(self):
        self.ensure_one()
        ballot = self.ballot_id
        return ballot.state == "sent" and (
            not ballot.deadline_at or fields.Datetime.now() <= ballot.deadline_at
        )

    def _ecabinet_timed_out(self):
        self.ensure_one()
        return fields.Datetime.now() - self.answered_at > APPROVAL_TIMEOUT

    def _ecabinet_fail(self, exc):
        """Refused or expired on the phone (``exc``, the backend's error)."""
        self._ecabinet_not_signed(
            "expired" if isinstance(exc, SignatureExpired) else "refused",
            self._backend_message(exc),
        )

    def _ecabinet_not_signed(self, state, reason):
        """Not signed (``state``: refused or expired), for ``reason``
        (translated): not counted; the member is told on the vote's page and
        may answer again."""
        self._ecabinet_end(
            state,
            reason,
            self.env._(
                "The signature of the answer of %(member)s to “%(question)s” was "
                "not made, the answer is not counted: %(reason)s",
                member=self.member_id.name,
                question=self.question_id.name,
                reason=reason,
            ),
        )
        # the member may have left the vote's page: told on their channels
        self.env["ecabinet.notification"].sudo().dispatch(
            self, "ecabinet_sign.event_sign_answer_not_counted", self.member_id
        )

    def _ecabinet_withdraw(self):
        """The member takes back their answer before approving its signature:
        not counted (a later approval on the phone is ignored), the ballot's
        history says so without the choice, and the member may answer again."""
        self.ensure_one()
        answer = self.sudo()
        # the job may be finishing this answer: whichever comes second waits
        # for the first and finds the answer no longer awaiting
        self.env.cr.execute(
            "SELECT state FROM ecabinet_sign_answer WHERE id = %s FOR UPDATE",
            [answer.id],
        )
        answer.invalidate_recordset(["state"])
        if answer.state != "pending":
            raise UserError(
                self.env._(
                    "Your answer to “%(question)s” is no longer awaiting its "
                    "signature: reload the page.",
                    question=answer.question_id.name,
                )
            )
        answer._ecabinet_end(
            "withdrawn",
            self.env._("You withdrew it before approving its signature."),
            self.env._(
                "%(member)s withdrew their answer to “%(question)s” before "
                "approving its signature: it is not counted.",
                member=answer.member_id.name,
                question=answer.question_id.name,
            ),
        )
        return True

    def _ecabinet_drop(self, reason):
        self._ecabinet_end("dropped", reason)

    def _ecabinet_end(self, state, reason, note=None):
        """The answer stops waiting without being counted: ``state`` for
        ``reason`` (translated), the laid-out XML dropped, the live screens told;
        ``note`` (without the choice) in the ballot's history, if given."""
        self._ecabinet_transition(
            {"state": state, "reason": reason, "pending_state": False}
        )
        self._ecabinet_tell_live_screens()
        if note:
            self.ballot_id._message_log(body=note, author_id=self.member_id.id)

    @api.model
    @in_ecabinet_lang
    def _cron_poll_pending(self):
        """Ask the signing services whether the answers awaiting their
        signature were approved."""
        self._ecabinet_poll_pending()
        return True
