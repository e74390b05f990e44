# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method

RESULT_REPORT = "ecabinet_opinion.action_report_ballot_result"


class EcabinetBallot(models.Model):
    _name = "ecabinet.ballot"
    _inherit = ["ecabinet.ballot", "ecabinet.sign.mixin"]
    _ecabinet_sign_reports = {RESULT_REPORT: "ecabinet_sign_symbol_ballot"}

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
