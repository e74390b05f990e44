# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class EcabinetSignVerificationLine(models.Model):
    _name = "ecabinet.sign.verification.line"
    _description = "Verified Signature"
    _order = "verification_id, id"

    verification_id = fields.Many2one(
        "ecabinet.sign.verification", required=True, ondelete="cascade", index=True
    )
    field_name = fields.Char(string="Field")
    kind = fields.Selection(
        [
            ("signature", "Signature"),
            ("timestamp", "Document timestamp"),
            ("xml", "XML signature"),
        ]
    )
    signer = fields.Char()
    subject = fields.Char(string="Certificate Subject")
    issuer = fields.Char(string="Certificate Issuer")
    serial = fields.Char(string="Serial Number")
    fingerprint = fields.Char(string="Certificate SHA-256")
    signing_time = fields.Datetime(string="Claimed Signing Time")
    timestamp_time = fields.Datetime(string="Timestamp")
    intact = fields.Boolean(string="Integrity")
    trusted = fields.Boolean()
    revoked = fields.Boolean()
    timestamp_ok = fields.Boolean(string="Timestamp Valid")
    docmdp_ok = fields.Boolean(string="Changes Permitted")
    modification_level = fields.Char(string="Changes After Signing")
    algorithm = fields.Char()
    problems = fields.Char()
    problem_text = fields.Text(string="Findings", compute="_compute_problem_text")
    ok = fields.Boolean(string="Valid")
    error = fields.Text()

    @api.depends("problems")
    def _compute_problem_text(self):
        labels = dict(self.env["ecabinet.sign.verification.line"]._problem_labels())
        for line in self:
            codes = [c for c in (line.problems or "").split(",") if c]
            line.problem_text = "\n".join(labels.get(code, code) for code in codes)

    def _problem_labels(self):
        return [
            ("altered", self.env._("The document was altered after this signature")),
            (
                "modified",
                self.env._("Content was changed in an update after this signature"),
            ),
            ("coverage", self.env._("The signature does not cover the whole revision")),
            ("revoked", self.env._("The certificate is revoked")),
            (
                "untrusted",
                self.env._("The certificate does not chain to a trusted root"),
            ),
            (
                "no_timestamp",
                self.env._("No timestamp (the signing time is the signer's claim)"),
            ),
            (
                "timestamp_invalid",
                self.env._("The timestamp is not valid or not trusted"),
            ),
            ("error", self.env._("The signature cannot be read")),
        ]
