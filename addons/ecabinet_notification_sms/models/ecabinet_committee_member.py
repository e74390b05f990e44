# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class EcabinetCommitteeMember(models.Model):
    _inherit = "ecabinet.committee.member"

    @api.constrains("partner_id")
    def _check_partner_phone_numbers(self):
        """A member receives e-Cabinet messages: their numbers must be valid."""
        self.partner_id._ecabinet_check_phone_numbers()
