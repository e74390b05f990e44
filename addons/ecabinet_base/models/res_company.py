# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ecabinet_calendar_id = fields.Many2one(
        "resource.calendar",
        string="e-Cabinet Working Days",
        help="Default working-day calendar of new committees.",
    )
    ecabinet_load_public_holidays = fields.Boolean(
        string="Load Vietnam's Public Holidays",
        default=True,
        help="Each year, load Vietnam's public holidays (lunar ones included) and the "
        "swapped working days into the committees' calendars.",
    )

    def _ecabinet_default_calendar(self):
        self.ensure_one()
        return (
            self.ecabinet_calendar_id
            or self.env.ref(
                "ecabinet_base.resource_calendar_ecabinet", raise_if_not_found=False
            )
            or self.resource_calendar_id
        )
