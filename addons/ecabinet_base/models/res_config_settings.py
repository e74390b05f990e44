# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..tools.api import public_method


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ecabinet_calendar_id = fields.Many2one(
        related="company_id.ecabinet_calendar_id", readonly=False
    )
    ecabinet_load_public_holidays = fields.Boolean(
        related="company_id.ecabinet_load_public_holidays", readonly=False
    )

    @public_method
    def action_ecabinet_load_public_holidays(self):
        self.ensure_one()
        calendars = self.env["resource.calendar"]._ecabinet_calendars(self.company_id)
        calendars._ecabinet_load_public_holidays(force=True)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Public holidays loaded into %(count)s calendar(s).",
                    count=len(calendars),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
