# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from odoo.addons.ecabinet_base.tools.api import public_method


class EcabinetBallotVoter(models.Model):
    _inherit = "ecabinet.ballot.voter"

    @public_method(question="ecabinet.ballot.question")
    def answer(self, question, choice, comment=None):
        result = super().answer(question, choice, comment=comment)
        ballot = self.sudo().ballot_id
        if ballot.kind == "vote":
            ballot.meeting_id._ecabinet_live_changed("count")
        return result
