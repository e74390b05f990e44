# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.validation import fingerprint, load_certificate


class EcabinetSignTrustRoot(models.Model):
    """A root certificate that signers' certificates must chain to: the national
    root (NEAC) for public CAs, the Government Cipher Committee root for
    public-service certificates, or another one the agency trusts."""

    _name = "ecabinet.sign.trust.root"
    _description = "Trusted Root Certificate"
    _order = "kind, name"

    name = fields.Char(required=True)
    kind = fields.Selection(
        [
            ("neac", "National root (NEAC)"),
            ("cipher", "Government Cipher Committee root"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    certificate = fields.Binary(required=True, attachment=False)
    certificate_filename = fields.Char()
    subject = fields.Char(compute="_compute_details", store=True)
    not_after = fields.Datetime(
        string="Valid Until", compute="_compute_details", store=True
    )
    fingerprint = fields.Char(
        string="SHA-256 Fingerprint", compute="_compute_details", store=True
    )

    @api.depends("certificate")
    def _compute_details(self):
        for root in self:
            cert = root._certificate(raise_error=False)
            root.subject = cert.subject.human_friendly if cert else False
            root.not_after = (
                cert.not_valid_after.replace(tzinfo=None) if cert else False
            )
            root.fingerprint = fingerprint(cert) if cert else False

    def _certificate(self, raise_error=True):
        self.ensure_one()
        try:
            return load_certificate(base64.b64decode(self.certificate or b""))
        except ValueError as exc:
            if raise_error:
                raise ValidationError(
                    self.env._("The file is not an X.509 certificate (DER or PEM).")
                ) from exc
            return None

    @api.constrains("certificate")
    def _check_certificate(self):
        for root in self:
            cert = root._certificate()
            if not cert.ca:
                raise ValidationError(
                    self.env._(
                        "%(subject)s is not a certification authority.",
                        subject=cert.subject.human_friendly,
                    )
                )

    @api.model
    def _ecabinet_roots(self, company=None):
        """asn1crypto certificates of the active roots of ``company``."""
        company = company or self.env.company
        roots = self.sudo().search([("company_id", "=", company.id)])
        return [root._certificate() for root in roots]
