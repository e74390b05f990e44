# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import fields, models
from odoo.exceptions import UserError


class EcabinetSignVerifyWizard(models.TransientModel):
    _name = "ecabinet.sign.verify.wizard"
    _description = "Verify a Signed PDF"

    pdf_file = fields.Binary(string="Signed PDF", required=True, attachment=False)
    pdf_filename = fields.Char()

    def action_verify(self):
        self.ensure_one()
        data = base64.b64decode(self.pdf_file or b"")
        if not data.startswith(b"%PDF-"):
            raise UserError(self.env._("The file is not a PDF."))
        verification = self.env["ecabinet.sign.verification"]._verify(
            data, self.pdf_filename
        )
        return verification._action_open()
