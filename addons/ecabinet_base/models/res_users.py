# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _ecabinet_agency(self):
        """The government agency this user works for (their company contact), if
        any: what they submit or propose is on its behalf."""
        self.ensure_one()
        agency = self.partner_id.commercial_partner_id
        return agency if agency.is_ecabinet_agency else agency.browse()
