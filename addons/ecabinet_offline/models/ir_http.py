# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        """The member's pages say where the offline pack stands in the reader's
        language: this addon's JavaScript terms are sent to the portal."""
        return super()._get_translation_frontend_modules_name() + ["ecabinet_offline"]
