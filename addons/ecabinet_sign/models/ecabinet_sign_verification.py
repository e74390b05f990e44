# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime
import hashlib

from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID

from odoo import api, fields, models

from odoo.addons.ecabinet_base.tools.api import public_method

from ..lib import edxml, xmldsig
from ..lib.validation import validation_context, verify_pdf

XML_ALGORITHMS = {
    xmldsig.RSA_SHA256: "RSA-SHA256",
    xmldsig.ECDSA_SHA256: "ECDSA-SHA256",
}


def is_xml(data):
    """Detect an XML document by its content (BOM, declaration or a tag)."""
    head = data[:64].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<")


class EcabinetSignVerification(models.Model):
    """Verification report of a PDF: every signature and document timestamp,
    with integrity, signer, trust, revocation, timestamp and modifications."""

    _name = "ecabinet.sign.verification"
    _description = "Signature Verification Report"
    _order = "id desc"
    # The PDF handed in to be verified is evidence, kept as received (a damaged
    # or scripted one is reported, not refused); it is never shown to members.
    # Its size is limited as every file's (see ir.attachment in ecabinet_base).
    _ecabinet_check_pdf_files = False

    name = fields.Char(required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", readonly=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", readonly=True, default=lambda self: self.env.company
    )
    request_id = fields.Many2one("ecabinet.sign.request", readonly=True, index=True)
    pdf_file = fields.Binary(string="Document", attachment=True, readonly=True)
    document_sha256 = fields.Char(string="Document SHA-256", readonly=True)
    result = fields.Selection(
        [
            ("valid", "All signatures valid"),
            ("invalid", "Problems found"),
            ("unsigned", "No signature"),
            ("error", "Unreadable document"),
        ],
        readonly=True,
    )
    error = fields.Text(readonly=True)
    line_ids = fields.One2many(
        "ecabinet.sign.verification.line", "verification_id", readonly=True
    )

    @api.model
    def _verify(self, data, filename, request=None):
        """Verify ``data`` (PDF bytes) and store the report."""
        roots = self.env["ecabinet.sign.trust.root"]._ecabinet_roots(
            request.company_id if request else self.env.company
        )
        outcome = verify_pdf(data, roots)
        lines = []
        for sig in outcome["signatures"]:
            lines.append(
                fields.Command.create(
                    {
                        "field_name": sig["field"],
                        "kind": sig["kind"],
                        "signer": sig.get("signer"),
                        "subject": sig.get("subject"),
                        "issuer": sig.get("issuer"),
                        "serial": sig.get("serial"),
                        "fingerprint": sig.get("fingerprint"),
                        "signing_time": _naive(sig.get("signing_time")),
                        "timestamp_time": _naive(sig.get("timestamp_time")),
                        "intact": bool(sig.get("intact") and sig.get("valid")),
                        "trusted": bool(sig.get("trusted")),
                        "revoked": bool(sig.get("revoked")),
                        "timestamp_ok": bool(sig.get("timestamp_ok")),
                        "modification_level": sig.get("modification_level"),
                        "docmdp_ok": sig.get("docmdp_ok") is not False,
                        "algorithm": " / ".join(
                            filter(
                                None, [sig.get("mechanism"), sig.get("md_algorithm")]
                            )
                        ),
                        "problems": ",".join(sig["problems"]),
                        "ok": sig.get("ok", False),
                        "error": sig.get("error"),
                    }
                )
            )
        if outcome["error"]:
            result = "error"
        elif not lines:
            result = "unsigned"
        elif all(sig.get("ok") for sig in outcome["signatures"]):
            result = "valid"
        else:
            result = "invalid"
        verification = self.sudo().create(
            {
                "name": filename or self.env._("Uploaded document"),
                "request_id": request.id if request else False,
                "pdf_file": base64.b64encode(data),
                "document_sha256": hashlib.sha256(data).hexdigest(),
                "result": result,
                "error": outcome["error"],
                "line_ids": lines,
            }
        )
        self.env["ecabinet.sign.audit"]._append(
            "verified",
            request=request,
            record=verification,
            document=data,
            details=result,
        )
        return verification.sudo(False)

    @api.model
    def _verify_xml(self, data, filename, request=None, record=None):
        """Verify the enveloped XML-DSig of ``data`` (an edXML package or any
        signed XML record, told apart by content) and store the report."""
        company = request.company_id if request else self.env.company
        roots = self.env["ecabinet.sign.trust.root"]._ecabinet_roots(company)
        error, lines, result = False, [], "error"
        try:
            tree = xmldsig.parse_xml(data)
        except xmldsig.XmlSignatureError as exc:
            error = str(exc)
            tree = None
        if tree is not None:
            signatures = tree.getroot().findall(".//ds:Signature", xmldsig.NS)
            if not signatures:
                result = "unsigned"
            else:
                packaged = tree.getroot().tag == f"{{{edxml.EDXML_NS}}}edXML"
                verify = edxml.verify_edxml if packaged else xmldsig.verify_xml
                outcome = verify(
                    data,
                    trust_roots=roots,
                    validation_context=validation_context(roots),
                )
                lines.append(fields.Command.create(self._xml_line(outcome)))
                result = "valid" if outcome.intact and outcome.trusted else "invalid"
        verification = self.sudo().create(
            {
                "name": filename or self.env._("Uploaded document"),
                "request_id": request.id if request else False,
                "pdf_file": base64.b64encode(data),
                "document_sha256": hashlib.sha256(data).hexdigest(),
                "result": result,
                "error": error,
                "line_ids": lines,
            }
        )
        self.env["ecabinet.sign.audit"]._append(
            "verified",
            request=request,
            record=verification,
            document=data,
            details=f"XML: {result}",
        )
        return verification.sudo(False)

    def _xml_line(self, outcome):
        cert = outcome.signing_certificate
        reason = outcome.trust_reason or ""
        problems = []
        if not outcome.intact:
            problems.append("altered" if cert is None else "error")
        elif "revoked" in reason:
            problems.append("revoked")
        elif not outcome.trusted:
            problems.append("untrusted")
        values = {
            "field_name": "ds:Signature",
            "kind": "xml",
            "intact": outcome.intact,
            "trusted": bool(outcome.trusted),
            "revoked": "revoked" in reason,
            "algorithm": XML_ALGORITHMS.get(
                outcome.signature_method, outcome.signature_method
            ),
            "problems": ",".join(problems),
            "ok": bool(outcome.intact and outcome.trusted),
            "error": outcome.reason or False,
        }
        if cert is not None:
            common = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
            values.update(
                {
                    "signer": common[0].value if common else outcome.signer_subject,
                    "subject": cert.subject.rfc4514_string(),
                    "issuer": cert.issuer.rfc4514_string(),
                    "serial": format(cert.serial_number, "X"),
                    "fingerprint": cert.fingerprint(hashes.SHA256()).hex(),
                }
            )
        return values

    def _action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    @public_method
    def action_print(self):
        self.check_access("read")
        return self.env.ref("ecabinet_sign.action_report_verification").report_action(
            self
        )


def _naive(moment):
    if not moment:
        return False
    if moment.tzinfo:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return moment.replace(microsecond=0)
