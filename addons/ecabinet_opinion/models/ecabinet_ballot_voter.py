# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.ecabinet_base.tools.api import public_method
from odoo.addons.ecabinet_base.tools.lang import ecabinet_lang

from .ecabinet_ballot import CHOICES, SECRETARIAT, URN_TABLE


class EcabinetBallotVoter(models.Model):
    """A member asked: whether they answered, never (for a secret vote) what."""

    _name = "ecabinet.ballot.voter"
    _description = "Member Asked"
    _inherit = ["ecabinet.notification.mixin", "ecabinet.state.lock.mixin"]
    _order = "ballot_id, id"
    _rec_name = "partner_id"
    # Locked by the ballot: once it is sent, members are added by the engine
    # only (``_add_voters``) and nobody is removed (the majority counts them).
    _state_lock_parent = "ballot_id"
    _state_lock_write = {"draft": {SECRETARIAT: ("partner_id",)}}
    _state_lock_create = {"draft": (SECRETARIAT,)}
    _state_lock_unlink = {"draft": (SECRETARIAT,)}

    ballot_id = fields.Many2one(
        "ecabinet.ballot", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="ballot_id.company_id", store=True)
    partner_id = fields.Many2one("res.partner", required=True, index=True)
    added_after_sending = fields.Boolean(readonly=True)
    voted = fields.Boolean(
        readonly=True,
        help="For a secret vote: the member has voted (how is not recorded).",
    )
    response_ids = fields.One2many("ecabinet.ballot.response", "voter_id")
    has_answered = fields.Boolean(compute="_compute_has_answered", store=True)
    access_token = fields.Char(
        default=lambda self: secrets.token_urlsafe(24),
        copy=False,
        groups="base.group_system",
    )

    _sql_constraints = [
        (
            "ballot_partner_uniq",
            "unique(ballot_id, partner_id)",
            "This member is already asked.",
        ),
    ]

    @api.depends("voted", "response_ids.is_silence")
    def _compute_has_answered(self):
        for voter in self:
            voter.has_answered = voter.voted or bool(
                voter.response_ids.filtered(lambda r: not r.is_silence)
            )

    def _ecabinet_answer_url(self):
        self.ensure_one()
        token = self.sudo().access_token
        return f"{self.get_base_url()}/ecabinet/ballot/{self.id}/{token}"

    def _send_ballot(self):
        for voter in self:
            buttons = None
            # A button's answer is kept on the member's notification (and seen by
            # the messenger): a secret vote is cast on the portal only.
            if len(voter.ballot_id.question_ids) == 1 and not voter.ballot_id.secret:
                # in the language of the member who presses them
                labels = (
                    self.env["ecabinet.ballot.response"]
                    .with_context(lang=voter.partner_id.lang or ecabinet_lang(self.env))
                    ._ecabinet_choice_labels()
                )
                buttons = [
                    (choice, labels[choice])
                    for choice, _label in CHOICES
                    if choice != "other"
                ]
            voter._ecabinet_notify(
                "ecabinet_opinion.event_ballot_sent"
                if voter.ballot_id.kind == "opinion"
                else "ecabinet_opinion.event_vote_opened",
                voter.partner_id,
                buttons=buttons,
                urgent=voter.ballot_id.kind == "vote",
            )

    @public_method(question="ecabinet.ballot.question")
    def answer(self, question, choice, comment=None):
        """Record this member's answer to ``question``; a later answer replaces an
        earlier one until the deadline. Serialised per member, so two devices
        answering at once end with one answer."""
        self.ensure_one()
        if not self.env.su:
            self.check_access("read")
            if self.partner_id != self.env.user.partner_id:
                raise AccessError(self.env._("You can only answer for yourself."))
        question = question.sudo().exists()
        voter = self.sudo()
        ballot = voter.ballot_id
        if question.ballot_id != ballot:
            raise UserError(self.env._("This question is not on this ballot."))
        if choice not in dict(CHOICES):
            raise UserError(self.env._("Answer agree, disagree or other opinion."))
        comment = (comment or "").strip()
        if choice == "other" and not comment and ballot.kind == "opinion":
            raise UserError(self.env._("Write your opinion."))
        self.env.cr.execute(
            "SELECT id FROM ecabinet_ballot_voter WHERE id = %s FOR UPDATE", [voter.id]
        )
        if ballot.secret:
            # Closing updates this row: an answer whose snapshot predates the
            # closing fails here on a serialisation error and is retried (then
            # refused) instead of dropping a choice into an emptied urn.
            self.env.cr.execute(
                "SELECT id FROM ecabinet_ballot WHERE id = %s FOR SHARE", [ballot.id]
            )
        ballot._check_open()
        voter._check_not_recused()
        if ballot.secret:
            return voter._cast_secret(question, choice)
        Response = self.env["ecabinet.ballot.response"].sudo()
        response = Response.search(
            [("voter_id", "=", voter.id), ("question_id", "=", question.id)],
            order="id",
        )
        labels = dict(Response._fields["choice"]._description_selection(self.env))
        with Response._ecabinet_unlocked():
            if response:
                response.write({"choice": choice, "comment": comment or False})
                verb = self.env._("changed the answer to")
            else:
                response = Response.create(
                    {
                        "ballot_id": ballot.id,
                        "question_id": question.id,
                        "voter_id": voter.id,
                        "choice": choice,
                        "comment": comment or False,
                    }
                )
                verb = self.env._("answered")
        # A note in the ballot's history, which notifies no one: logged rather
        # than posted, without computing followers, threads and aliases for
        # nothing (a fifth of a vote's queries).
        ballot._message_log(
            body=self.env._(
                "%(member)s %(verb)s “%(question)s”: %(choice)s. %(comment)s",
                member=voter.partner_id.name,
                verb=verb,
                question=question.name,
                choice=labels[choice],
                comment=comment,
            ),
            author_id=voter.partner_id.id,
        )
        return response

    def _check_not_recused(self):
        """A member recused from the item of a vote does not answer it, even if
        the vote was opened before the recusal (the portal, the tablet, RPC)."""
        self.ensure_one()
        item = self.ballot_id.item_id
        if item and self.env["ecabinet.meeting.recusal"].sudo().search_count(
            [
                ("item_id", "=", item.id),
                ("partner_id", "=", self.partner_id.id),
                ("state", "=", "declared"),
            ],
            limit=1,
        ):
            raise UserError(
                self.env._(
                    "%(person)s is recused from “%(item)s” (conflict of interest) "
                    "and does not vote on it.",
                    person=self.partner_id.name,
                    item=item.sudo().name,
                )
            )

    def init(self):
        """The urn of the secret votes (see readme/SECRET.md): a plain table, not a
        model, so that a choice carries no id, no date, no author and nothing
        PostgreSQL orders it by; it holds only the choices of the votes still open
        (``EcabinetBallot._empty_urn`` moves them out when the vote ends)."""
        self.env.cr.execute(
            SQL(
                """
                CREATE TABLE IF NOT EXISTS %s (
                    ballot_id integer NOT NULL
                        REFERENCES ecabinet_ballot (id) ON DELETE CASCADE,
                    question_id integer NOT NULL
                        REFERENCES ecabinet_ballot_question (id) ON DELETE CASCADE,
                    choice varchar NOT NULL
                )
                """,
                SQL.identifier(URN_TABLE),
            )
        )
        return super().init()

    def _cast_secret(self, question, choice):
        """A secret vote: in one transaction (the member's row is locked by
        ``answer``) the member is marked as having voted and the choice is dropped
        into the urn, so an acknowledged vote is never lost and never counted
        twice. Both are written in SQL: the member's row keeps its dates, the urn
        has no user, date or id. The choice stays in the urn, next to the same
        transaction id as the member's row, only while the vote is open: closing
        moves it into an anonymous answer in a random order and erases the urn's
        old rows (readme/SECRET.md)."""
        ballot = self.ballot_id
        if len(ballot.question_ids) > 1:
            raise UserError(self.env._("A secret vote has one question."))
        if self.voted:
            raise UserError(self.env._("You have already voted."))
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            "UPDATE ecabinet_ballot_voter SET voted = TRUE, has_answered = TRUE "
            "WHERE id = %s",
            [self.id],
        )
        # On the raw cursor: Odoo's SQL debug log (--log-sql) would otherwise
        # print the choice right after the member's row id.
        cr._obj.execute(
            f"INSERT INTO {URN_TABLE} (ballot_id, question_id, choice) "
            "VALUES (%s, %s, %s)",
            [ballot.id, question.id, choice],
        )
        self.env.invalidate_all()
        return self.env["ecabinet.ballot.response"]

    def _ecabinet_notification_action(self, notification, action):
        """Telegram buttons of a one-question ballot."""
        self.ensure_one()
        if action not in ("agree", "disagree"):
            return super()._ecabinet_notification_action(notification, action)
        self.answer(self.ballot_id.question_ids, action)
        return self.env._("Thank you: your answer is recorded.")
