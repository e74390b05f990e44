# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method

from ..models.ecabinet_sign_verification import is_xml


class EcabinetSignVerifyWizard(models.TransientModel):
    _name = "ecabinet.sign.verify.wizard"
    _description = "Verify a Signed Document"

    pdf_file = fields.Binary(
        string="Signed File",
        required=True,
        attachment=False,
        help="A signed PDF, a signed XML record or an edXML package.",
    )
    pdf_filename = fields.Char()

    @public_method
    def action_verify(self):
        self.ensure_one()
        data = base64.b64decode(self.pdf_file or b"")
        Verification = self.env["ecabinet.sign.verification"]
        if is_xml(data):
            verification = Verification._verify_xml(data, self.pdf_filename)
        elif data.startswith(b"%PDF-"):
            verification = Verification._verify(data, self.pdf_filename)
        else:
            raise UserError(
                self.env._("The file is neither a PDF nor an XML document.")
            )
        return verification._action_open()
