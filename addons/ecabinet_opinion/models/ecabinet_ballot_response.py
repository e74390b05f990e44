# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .ecabinet_ballot import CHOICES


class EcabinetBallotResponse(models.Model):
    """An answer to one question. Named for opinion ballots and open votes (one per
    member and question, enforced by the database); anonymous for secret votes."""

    _name = "ecabinet.ballot.response"
    _description = "Ballot Answer"
    _inherit = ["ecabinet.state.lock.mixin"]
    _order = "question_id, id"
    # Locked in every state: answers are written by the engine only
    # (``answer``, ``_apply_silence``; secret votes in SQL).
    _state_lock_parent = "ballot_id"

    ballot_id = fields.Many2one(
        "ecabinet.ballot", required=True, ondelete="cascade", index=True
    )
    question_id = fields.Many2one(
        "ecabinet.ballot.question", required=True, ondelete="cascade", index=True
    )
    voter_id = fields.Many2one(
        "ecabinet.ballot.voter", ondelete="cascade", index=True, string="Member"
    )
    partner_id = fields.Many2one(related="voter_id.partner_id", string="Member Name")
    choice = fields.Selection(CHOICES, required=True)
    comment = fields.Text()
    is_silence = fields.Boolean(
        string="No Answer",
        help="The member did not answer by the deadline: counted as agreeing under "
        "the ballot's rule, and accountable for it.",
    )

    @api.model
    def _ecabinet_choice_labels(self):
        """``{choice: label}`` in the user's language: the one wording of the three
        choices (the legal terms: agree, disagree, other opinion) that every screen,
        sheet and message shows, in a vote as in an opinion ballot."""
        return dict(self._fields["choice"]._description_selection(self.env))

    _sql_constraints = [
        (
            "question_voter_uniq",
            "unique(question_id, voter_id)",
            "A member answers a question once; a new answer replaces the old one.",
        ),
    ]
