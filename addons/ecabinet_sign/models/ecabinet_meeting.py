# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method

MINUTES_REPORT = "ecabinet_meeting.action_report_minutes"
CONCLUSION_REPORT = "ecabinet_meeting.action_report_conclusion"


class EcabinetMeeting(models.Model):
    _name = "ecabinet.meeting"
    _inherit = ["ecabinet.meeting", "ecabinet.sign.mixin"]
    _ecabinet_sign_reports = {
        MINUTES_REPORT: "ecabinet_sign_symbol_minutes",
        CONCLUSION_REPORT: "ecabinet_sign_symbol_conclusion",
    }

    @public_method
    def action_ecabinet_sign_minutes(self):
        self.ensure_one()
        # As the button shows it: once the session is closed.
        if self.state not in ("closed", "minutes_approved"):
            raise UserError(
                self.env._("The minutes are signed once the session is closed.")
            )
        title = self.env._("Minutes")
        return self._ecabinet_sign_request(
            MINUTES_REPORT,
            self.chair_id.user_ids[:1] or self.env.user,
            f"{title} - {self.name}",
        )

    @public_method
    def action_ecabinet_sign_conclusion(self):
        self.ensure_one()
        # As the button shows it: once the minutes are approved.
        if self.state != "minutes_approved":
            raise UserError(
                self.env._(
                    "The conclusion notice is signed once the minutes are approved."
                )
            )
        title = self.env._("Conclusion notice")
        return self._ecabinet_sign_request(
            CONCLUSION_REPORT,
            self.user_id or self.env.user,
            f"{title} - {self.name}",
        )
