# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method


class EcabinetMeeting(models.Model):
    _inherit = "ecabinet.meeting"

    ecabinet_sign_request_count = fields.Integer(
        compute="_compute_ecabinet_sign_request_count",
        groups="ecabinet_base.group_secretariat",
    )

    def _compute_ecabinet_sign_request_count(self):
        counts = dict(
            self.env["ecabinet.sign.request"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for meeting in self:
            meeting.ecabinet_sign_request_count = counts.get(meeting.id, 0)

    def _ecabinet_sign_request(self, source, title):
        self.ensure_one()
        # As the buttons show it: the minutes once the session is closed, the
        # conclusion notice once the minutes are approved.
        if source == "minutes" and self.state not in ("closed", "minutes_approved"):
            raise UserError(
                self.env._("The minutes are signed once the session is closed.")
            )
        if source == "conclusion" and self.state != "minutes_approved":
            raise UserError(
                self.env._(
                    "The conclusion notice is signed once the minutes are approved."
                )
            )
        chair_user = self.chair_id.user_ids[:1]
        person = (chair_user if source == "minutes" else self.user_id) or self.env.user
        clerk = self.company_id.ecabinet_sign_clerk_id or self.env.user
        request = self.env["ecabinet.sign.request"]._ecabinet_create_for(
            self,
            source,
            person | clerk if person != clerk else person,
            name=f"{title} - {self.name}",
            committee=self.committee_id,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "ecabinet.sign.request",
            "res_id": request.id,
            "view_mode": "form",
        }

    @public_method
    def action_ecabinet_sign_minutes(self):
        return self._ecabinet_sign_request("minutes", self.env._("Minutes"))

    @public_method
    def action_ecabinet_sign_conclusion(self):
        return self._ecabinet_sign_request(
            "conclusion", self.env._("Conclusion notice")
        )

    @public_method
    def action_view_ecabinet_sign_requests(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Signature requests"),
            "res_model": "ecabinet.sign.request",
            "view_mode": "list,form",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
        }
