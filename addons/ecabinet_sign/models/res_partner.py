# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import hashlib

from cryptography.hazmat.primitives import serialization

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.xmldsig import to_cryptography

KEY_BACKENDS = [
    ("pkcs12", "PKCS#12 file"),
    ("pkcs11", "PKCS#11 token"),
    ("csc", "Remote signing service (CSC API)"),
    ("vnpt_smartca", "VNPT SmartCA (phone approval)"),
    ("viettel_mysign", "Viettel MySign (phone approval)"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # A signature image and the identities at the signing services (a SmartCA
    # user id is a citizen id number) are personal data: the secretariat that
    # configures signers reads them; signing reads them with sudo.

    ecabinet_sign_image = fields.Binary(
        groups="ecabinet_base.group_secretariat",
        string="Signature Image",
        attachment=True,
        help="Handwritten signature, blue, transparent PNG, placed between the "
        "title and the name when this person signs (Decree 30, Appendix I).",
    )
    ecabinet_sign_key_backend = fields.Selection(
        KEY_BACKENDS,
        string="Signing Key",
        default="pkcs12",
        help="Where this person's private key is; new signature lines take it.",
    )
    ecabinet_sign_pkcs11_token = fields.Char(
        groups="ecabinet_base.group_secretariat",
        string="Token Label",
        help="Label of this person's PKCS#11 USB token.",
    )
    ecabinet_sign_pkcs11_key = fields.Char(
        groups="ecabinet_base.group_secretariat",
        string="Key Label",
        help="Label of the signing key on the token; empty when the token holds "
        "one signing certificate.",
    )
    ecabinet_sign_csc_credential = fields.Char(
        groups="ecabinet_base.group_secretariat",
        string="CSC Credential ID",
        help="Credential of this person at the CSC remote signing service; empty: "
        "the first one the service lists.",
    )
    ecabinet_sign_smartca_user = fields.Char(
        groups="ecabinet_base.group_secretariat",
        string="VNPT SmartCA User ID",
        help="The holder's VNPT SmartCA user ID (citizen ID number).",
    )
    ecabinet_sign_mysign_user = fields.Char(
        groups="ecabinet_base.group_secretariat",
        string="Viettel MySign User ID",
        help="The holder's MySign account.",
    )
    ecabinet_sign_certificate = fields.Binary(
        groups="ecabinet_base.group_secretariat",
        string="Signing Certificate",
        attachment=True,
        help="This person's signing certificate (.cer, .crt; PEM or DER), "
        "registered by the secretariat: a member's signed answers to a vote must "
        "be made with this certificate's key.",
    )
    ecabinet_sign_certificate_fingerprint = fields.Char(
        groups="ecabinet_base.group_secretariat",
        string="Certificate SHA-256",
        compute="_compute_ecabinet_sign_certificate_fingerprint",
        store=True,
    )

    @api.depends("ecabinet_sign_certificate")
    def _compute_ecabinet_sign_certificate_fingerprint(self):
        for partner in self.with_context(bin_size=False):
            data = partner.ecabinet_sign_certificate
            partner.ecabinet_sign_certificate_fingerprint = (
                _certificate_fingerprint(base64.b64decode(data)) if data else False
            )

    @api.constrains("ecabinet_sign_certificate")
    def _check_ecabinet_sign_certificate(self):
        for partner in self.with_context(bin_size=False):
            data = partner.ecabinet_sign_certificate
            if data and not _certificate_fingerprint(base64.b64decode(data)):
                raise ValidationError(
                    self.env._(
                        "The signing certificate of %s is not a certificate "
                        "(.cer, .crt; PEM or DER).",
                        partner.name,
                    )
                )


def _certificate_fingerprint(data):
    """SHA-256 of the certificate's DER (as the audit log keeps it), or
    ``False`` when ``data`` is not a certificate."""
    try:
        cert = to_cryptography(data)
    except ValueError:
        return False
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()
