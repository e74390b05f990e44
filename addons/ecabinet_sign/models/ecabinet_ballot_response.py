# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcabinetBallotResponse(models.Model):
    """The member's signature of an answer to a vote signed by the members:
    the signed XML record (XML-DSig over the ballot, the question, the member,
    the choice and the time), written with the answer by
    ``ecabinet.ballot.voter.answer_signed`` and never otherwise (the answers are
    locked in every state)."""

    _inherit = "ecabinet.ballot.response"

    signature_xml = fields.Binary(
        string="Signed Answer",
        attachment=True,
        readonly=True,
        help="The answer as an XML record signed by the member (XML-DSig); "
        "verify it with Signatures > Verify a Signed Document.",
    )
    signature_filename = fields.Char(readonly=True)
    signed_at = fields.Datetime(string="Signed On", readonly=True)
    signer_subject = fields.Char(string="Signed By", readonly=True)
    signer_fingerprint = fields.Char(string="Certificate SHA-256", readonly=True)
