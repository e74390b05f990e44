# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ecabinet_base.tools.api import public_method

RESULT_REPORT = "ecabinet_opinion.action_report_ballot_result"
SECRETARIAT = "ecabinet_base.group_secretariat"


class EcabinetBallot(models.Model):
    _name = "ecabinet.ballot"
    _inherit = ["ecabinet.ballot", "ecabinet.sign.mixin"]
    _ecabinet_sign_reports = {RESULT_REPORT: "ecabinet_sign_symbol_ballot"}
    # Chosen with the rest of the ballot, frozen when it is sent.
    _state_lock_write = {"draft": {SECRETARIAT: ("signed_by_members",)}}

    signed_by_members = fields.Boolean(
        string="Signed by the Members",
        copy=True,
        tracking=True,
        help="Each member signs their answer with their own digital certificate "
        "(XML-DSig over the ballot, the question, the member, the choice and the "
        "time); an answer is recorded only once signed. Not for a secret vote, "
        "whose answers name nobody.",
    )

    sign_answer_ids = fields.One2many(
        "ecabinet.sign.answer", "ballot_id", string="Answers Awaiting Signature"
    )
    awaiting_signature_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_awaiting_signature_partner_ids",
        compute_sudo=True,
        string="Voted, Awaiting Signature",
        groups="ecabinet_base.group_secretariat",
        help="Members who answered with a key approved on a phone (VNPT SmartCA, "
        "Viettel MySign) and have not approved the signature yet: their answers "
        "are not counted until they do, nor at all if the vote closes first. They "
        "are still among those who have not voted.",
    )

    @api.depends("sign_answer_ids.state", "state", "signed_by_members")
    def _compute_awaiting_signature_partner_ids(self):
        for ballot in self:
            ballot.awaiting_signature_partner_ids = (
                ballot._awaiting_signature_voters().partner_id
                if ballot.id
                else self.env["res.partner"]
            )

    def _ecabinet_notified_records(self):
        """The messages of the answers not counted for want of the signature
        are the ballot's too."""
        return super()._ecabinet_notified_records() + [self.sign_answer_ids]

    def _ecabinet_answer_page(self):
        """A vote signed by the members is answered on its page, with the
        member's key: the live screens link there instead of their buttons."""
        self.ensure_one()
        if not self.signed_by_members:
            return super()._ecabinet_answer_page()
        question = self.question_ids[:1]
        return f"/my/ecabinet/ballots/{self.id}#question-{question.id}"

    def _awaiting_signature_voters(self):
        voters = super()._awaiting_signature_voters()
        if self.signed_by_members and self.state == "sent":
            voters |= (
                self.env["ecabinet.sign.answer"]
                .sudo()
                .search([("ballot_id", "=", self.id), ("state", "=", "pending")])
                .voter_id
            )
        return voters

    def _close(self):
        """Answers still awaiting their members' signatures when the vote
        closes are not counted; the ballot's history says whose."""
        self._ecabinet_drop_awaited_answers(
            self.env._("The vote closed before the signature was approved."),
            self.env._(
                "Not counted: the answers of %(members)s were still awaiting their "
                "signature on the phone when the vote closed (nor is their silence "
                "counted as agreement)."
            ),
        )
        return super()._close()

    def _silence_exempt(self):
        """A member whose answer still awaited its signature when the vote
        closed answered: the answer is not counted, and neither is a silence
        counted as agreement in its place (it could say the opposite)."""
        exempt = super()._silence_exempt()
        if self.signed_by_members:
            dropped = (
                self.env["ecabinet.sign.answer"]
                .sudo()
                .search_fetch(
                    [("ballot_id", "=", self.id), ("state", "=", "dropped")],
                    ["voter_id", "question_id"],
                )
            )
            exempt |= {(a.voter_id.id, a.question_id.id) for a in dropped}
        return exempt

    @public_method
    def action_cancel(self):
        result = super().action_cancel()
        self._ecabinet_drop_awaited_answers(self.env._("The vote was cancelled."), None)
        return result

    def _ecabinet_drop_awaited_answers(self, reason, note):
        signed = self.filtered("signed_by_members")
        if not signed:
            return
        awaited = (
            self.env["ecabinet.sign.answer"]
            .sudo()
            .search([("ballot_id", "in", signed.ids), ("state", "=", "pending")])
        )
        awaited._ecabinet_drop(reason)
        for ballot in signed:
            members = awaited.filtered(lambda a, b=ballot: a.ballot_id == b).member_id
            if members and note:
                ballot.message_post(
                    body=note % {"members": ", ".join(members.mapped("name"))},
                    subtype_xmlid="mail.mt_note",
                )

    @api.model_create_multi
    def create(self, vals_list):
        """An open vote on an agenda item whose votes are signed by the members
        is signed by them (votes are opened already sent: the item carries the
        choice made while the session was prepared)."""
        for vals in vals_list:
            if (
                vals.get("kind") == "vote"
                and vals.get("item_id")
                and not vals.get("secret")
                and "signed_by_members" not in vals
            ):
                item = self.env["ecabinet.meeting.agenda.item"].browse(vals["item_id"])
                if item.sudo().vote_signed_by_members:
                    vals["signed_by_members"] = True
        return super().create(vals_list)

    @api.constrains("secret", "signed_by_members")
    def _check_signed_by_members(self):
        for ballot in self:
            if ballot.secret and ballot.signed_by_members:
                raise ValidationError(
                    self.env._(
                        "“%(ballot)s” is a secret vote: its members cannot sign their "
                        "answers, which must name nobody.",
                        ballot=ballot.name,
                    )
                )

    def _ecabinet_check_result(self):
        """A result to sign once the ballot is closed (as the buttons show)."""
        self.ensure_one()
        if self.state not in ("closed", "decided"):
            raise UserError(
                self.env._("Only a closed or decided ballot has a result to sign.")
            )

    @public_method
    def action_ecabinet_sign_result(self):
        self._ecabinet_check_result()
        person = (
            self.meeting_id.user_id
            or self.committee_id.secretariat_user_ids[:1]
            or self.env.user
        )
        return self._ecabinet_sign_request(
            RESULT_REPORT, person, self.env._("Result sheet - %s", self.name)
        )

    @public_method
    def action_ecabinet_sign_result_xml(self):
        """Sign the ballot's result as an XML record with the user's key."""
        self._ecabinet_check_result()
        return self.env["ecabinet.sign.xml.wizard"]._ecabinet_open(
            {"mode": "ballot", "ballot_id": self.id}, self.env._("Signed Result (XML)")
        )
