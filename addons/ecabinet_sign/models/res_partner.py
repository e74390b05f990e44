# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    ecabinet_sign_image = fields.Binary(
        string="Signature Image",
        attachment=True,
        help="Handwritten signature, blue, transparent PNG, placed between the "
        "title and the name when this person signs (Decree 30, Appendix I).",
    )
