# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

from .ecabinet_ballot import SECRETARIAT


class EcabinetBallotQuestion(models.Model):
    _name = "ecabinet.ballot.question"
    _description = "Ballot Question"
    _inherit = ["ecabinet.state.lock.mixin"]
    _order = "ballot_id, sequence, id"
    # Locked by the ballot: the questions are fixed once it is sent.
    _state_lock_parent = "ballot_id"
    _state_lock_write = {"draft": {SECRETARIAT: ("name", "sequence")}}
    _state_lock_create = {"draft": (SECRETARIAT,)}
    _state_lock_unlink = {"draft": (SECRETARIAT,)}

    ballot_id = fields.Many2one(
        "ecabinet.ballot", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Question", required=True)
    # The outcome, written once when the ballot closes (``_store_outcome``)
    result_passed = fields.Boolean(
        string="Passed",
        readonly=True,
        copy=False,
        help="Set when the ballot closes: more members agreed than the majority "
        "requires (or the chair's side won a tie).",
    )
    count_agree = fields.Integer(
        string="Agree",
        readonly=True,
        copy=False,
        help="Agreements counted when the ballot closed, silences counted as "
        "agreement included.",
    )
    count_disagree = fields.Integer(string="Disagree", readonly=True, copy=False)
    count_other = fields.Integer(
        string="Other Opinion",
        readonly=True,
        copy=False,
        help="Other opinions, in an opinion ballot as in a vote in session.",
    )
    count_silent = fields.Integer(
        string="No Answer",
        readonly=True,
        copy=False,
        help="Members asked who had not answered when the ballot closed; under the "
        "rule that silence counts as agreement they are also in the agreements.",
    )
    result_base = fields.Integer(
        string="Majority Base",
        readonly=True,
        copy=False,
        help="The number of members the majority was counted on when the ballot "
        "closed: all members asked (all serving members for a vote in session) or "
        "those who answered, as the ballot's rule says.",
    )
