# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResDevice(models.Model):
    _inherit = "res.device"

    def _revoke(self):
        """Signing a device out from the account's security page withdraws its
        offline key too."""
        identifiers = list(set(self.mapped("session_identifier")))
        self.env["ecabinet.offline.device"].sudo().search(
            [("session_identifier", "in", identifiers), ("state", "=", "active")]
        )._ecabinet_revoke("signed_out")
        return super()._revoke()
