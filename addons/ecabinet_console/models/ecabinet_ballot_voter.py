# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method

# A member is nudged at most once in this time (the chair's console).
NUDGE_INTERVAL = timedelta(minutes=1)
NUDGE_MESSAGE = "ecabinet.live/nudge"


class EcabinetBallotVoter(models.Model):
    _inherit = "ecabinet.ballot.voter"

    nudged_at = fields.Datetime(
        string="Last Nudged",
        readonly=True,
        copy=False,
        help="When the chair or the secretariat last reminded this member, on "
        "their tablet, to vote (at most once a minute).",
    )

    @public_method(question="ecabinet.ballot.question")
    def answer(self, question, choice, comment=None):
        result = super().answer(question, choice, comment=comment)
        ballot = self.sudo().ballot_id
        if ballot.kind == "vote":
            ballot.meeting_id._ecabinet_live_changed("count")
        return result

    @public_method
    def action_nudge(self):
        """The chair or the secretariat reminds members present who have not
        voted yet: a message on their own tablet only (their partner's bus
        channel), carrying the vote and never a choice; once a minute per
        member."""
        self._ecabinet_check_group(
            "ecabinet_base.group_secretariat", self.env._("remind")
        )
        now = fields.Datetime.now()
        for voter in self.sudo():
            ballot = voter.ballot_id
            if voter not in ballot._not_voted_voters():
                raise UserError(
                    self.env._(
                        "%(person)s is not among the members present who have not "
                        "voted on an open vote.",
                        person=voter.partner_id.name,
                    )
                )
            if voter.nudged_at and now - voter.nudged_at < NUDGE_INTERVAL:
                raise UserError(
                    self.env._(
                        "%(person)s was reminded less than a minute ago.",
                        person=voter.partner_id.name,
                    )
                )
        for voter in self.sudo():
            with voter._ecabinet_unlocked():
                voter.write({"nudged_at": now})
            voter.partner_id._bus_send(
                NUDGE_MESSAGE,
                {
                    "meeting_id": voter.ballot_id.meeting_id.id,
                    "ballot_id": voter.ballot_id.id,
                },
            )
