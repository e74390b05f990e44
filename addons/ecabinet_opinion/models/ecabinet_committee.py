# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

SILENCE_RULES = [
    ("agree", "Counts as agreement"),
    ("abstain", "Counts as no answer"),
]
MAJORITY_BASES = [
    ("all", "Of all members asked"),
    ("answered", "Of the members who answered"),
]
TIE_RULES = [
    ("chair", "The side the chair voted with wins"),
    ("fail", "A tie is not a majority"),
]


class EcabinetCommittee(models.Model):
    """Rules of the committee's ballots; each ballot copies them when it is sent,
    so a later change never alters an open ballot (Decree 314/2025/NĐ-CP lets each
    province set its own working regulations)."""

    _inherit = "ecabinet.committee"

    ballot_deadline_days = fields.Integer(
        string="Answer Within (working days)",
        default=5,
        help="Members answer an opinion ballot within this many working days "
        "(5 by default: Bắc Giang People's Committee working regulations).",
    )
    ballot_reminder_days = fields.Integer(
        string="Remind Before Deadline (working days)",
        default=1,
        help="Members who have not answered are reminded this many working days "
        "before the deadline.",
    )
    ballot_silence = fields.Selection(
        SILENCE_RULES,
        string="No Answer by the Deadline",
        default="agree",
        required=True,
        help="By default a member who does not answer in time is counted as agreeing "
        "and is accountable for it (working regulations of People's Committees).",
    )
    ballot_majority_base = fields.Selection(
        MAJORITY_BASES,
        string="Majority",
        default="all",
        required=True,
        help="A matter passes with more than the threshold of all the members asked "
        "(Decree 138/2016/NĐ-CP: more than half of all members), or of those who "
        "answered.",
    )
    ballot_majority_percent = fields.Float(
        string="More Than (%)",
        default=50.0,
        help="A matter passes when strictly more than this share agrees.",
    )
    ballot_tie = fields.Selection(
        TIE_RULES,
        string="On a Tie",
        default="chair",
        required=True,
        help="Decree 138/2016/NĐ-CP: on a tie, the side the Prime Minister (here: the "
        "chair) voted with wins.",
    )

    @api.constrains("ballot_deadline_days", "ballot_majority_percent")
    def _check_ballot_rules(self):
        for committee in self:
            if committee.ballot_deadline_days < 1:
                raise ValidationError(
                    self.env._("Members need at least one working day to answer.")
                )
            if not 0 <= committee.ballot_majority_percent < 100:
                raise ValidationError(
                    self.env._("The majority threshold is a percentage below 100.")
                )
