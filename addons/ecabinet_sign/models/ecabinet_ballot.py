# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method


class EcabinetBallot(models.Model):
    _inherit = "ecabinet.ballot"

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
        clerk = self.company_id.ecabinet_sign_clerk_id or self.env.user
        request = self.env["ecabinet.sign.request"]._ecabinet_create_for(
            self,
            "ballot",
            person | clerk if person != clerk else person,
            name=self.env._("Result sheet - %s", self.name),
            committee=self.committee_id,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "ecabinet.sign.request",
            "res_id": request.id,
            "view_mode": "form",
        }

    @public_method
    def action_ecabinet_sign_result_xml(self):
        """Sign the ballot's result as an XML record with the user's key."""
        self._ecabinet_check_result()
        return self.env["ecabinet.sign.xml.wizard"]._ecabinet_open(
            {"mode": "ballot", "ballot_id": self.id}, self.env._("Signed Result (XML)")
        )
