# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        """The remote part of the member's tablet is an OWL component of the
        frontend: its terms are served to it only from the modules listed here."""
        return super()._get_translation_frontend_modules_name() + [
            "ecabinet_meeting_call"
        ]
