# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method

# Context key the "Sign" button fills with the password typed in the dialog: the
# password field is not stored, so it never reaches the database, even in this
# transient record.
PASSWORD_KEY = "ecabinet_sign_password"


class EcabinetSignWizard(models.TransientModel):
    _name = "ecabinet.sign.wizard"
    _description = "Sign a Document"

    signer_id = fields.Many2one("ecabinet.sign.signer", required=True, readonly=True)
    request_id = fields.Many2one(related="signer_id.request_id")
    key_backend = fields.Selection(related="signer_id.key_backend")
    approval_error = fields.Text(related="signer_id.approval_error")
    pkcs12_file = fields.Binary(string="PKCS#12 File", attachment=False)
    pkcs12_filename = fields.Char()
    password = fields.Char(
        string="Password / PIN",
        store=False,
        help="Password of the PKCS#12 file, or PIN of the token or of the remote "
        "signing credential. Never stored.",
    )
    refuse_reason = fields.Text(string="Reason for Refusing")

    @public_method
    def action_sign(self):
        self.ensure_one()
        password = self.env.context.get(PASSWORD_KEY) or ""
        material = {}
        if self.key_backend == "pkcs12":
            material = {
                "pkcs12": base64.b64decode(self.pkcs12_file or b""),
                "password": password,
            }
        elif self.key_backend in ("pkcs11", "csc"):
            # The PIN goes to the token / the service, nowhere else.
            material = {"pin": password}
        # The file is not kept either once used.
        self.pkcs12_file = False
        if self.signer_id._ecabinet_sign(**material) == "pending":
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "message": self.env._(
                        "Approve the signature on your phone: the document is "
                        "finished as soon as you do."
                    ),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        return {"type": "ir.actions.act_window_close"}

    @public_method
    def action_refuse(self):
        self.ensure_one()
        if not (self.refuse_reason or "").strip():
            raise UserError(self.env._("Give the reason for refusing to sign."))
        self.signer_id._ecabinet_refuse(self.refuse_reason)
        return {"type": "ir.actions.act_window_close"}
