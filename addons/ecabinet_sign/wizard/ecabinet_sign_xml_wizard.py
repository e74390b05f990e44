# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Signed XML records: a ballot's result (tally) and the edXML package of an
issued document (QCVN 102:2016), signed with the user's own key."""

import datetime

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.ecabinet_base.tools.api import public_method

from ..lib import edxml
from ..lib.validation import fingerprint
from .ecabinet_sign_wizard import PASSWORD_KEY

# Keys that sign at once; phone approvals (SmartCA, MySign) do not fit a dialog
# that returns the signed file.
XML_KEY_BACKENDS = ("pkcs12", "pkcs11", "csc")


class EcabinetSignXmlWizard(models.TransientModel):
    _name = "ecabinet.sign.xml.wizard"
    _inherit = ["ecabinet.sign.identity"]
    _description = "Sign an XML Record"

    mode = fields.Selection(
        [("ballot", "Ballot result"), ("edxml", "edXML package")],
        required=True,
        readonly=True,
    )
    ballot_id = fields.Many2one("ecabinet.ballot", readonly=True)
    request_id = fields.Many2one("ecabinet.sign.request", readonly=True)
    # The user signs with their own key.
    user_id = fields.Many2one(default=lambda self: self.env.user, readonly=True)
    key_backend = fields.Selection(
        required=True, default=lambda self: self._default_key_backend()
    )
    pkcs12_file = fields.Binary(string="PKCS#12 File", attachment=False)
    pkcs12_filename = fields.Char()
    password = fields.Char(
        string="Password / PIN",
        store=False,
        help="Password of the PKCS#12 file, or PIN of the token or of the remote "
        "signing credential. Never stored.",
    )
    recipient_ids = fields.Many2many(
        "res.partner",
        string="Recipient Agencies",
        domain=[("is_ecabinet_agency", "=", True)],
    )
    subject = fields.Char()

    def _ecabinet_open(self, values, title):
        wizard = self.create(values)
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def _selection_key_backend(self):
        backends = super()._selection_key_backend()
        return [item for item in backends if item[0] in XML_KEY_BACKENDS]

    def _default_key_backend(self):
        preferred = self.env.user.partner_id.sudo().ecabinet_sign_key_backend
        return preferred if preferred in XML_KEY_BACKENDS else "pkcs12"

    # Key --------------------------------------------------------------------------

    def _sign_with_key(self, build):
        """``(signed bytes, certificate, evidence)``: ``build(backend)`` made
        with the user's key after the certificate check of every signature."""
        if self.user_id != self.env.user:
            raise AccessError(
                self.env._("Only %(name)s can sign here.", name=self.partner_id.name)
            )
        material = self._ecabinet_key_material(
            self.pkcs12_file, self.env.context.get(PASSWORD_KEY) or ""
        )
        self.pkcs12_file = False
        return self._ecabinet_sign_with_key(
            lambda backend, evidence: (build(backend), backend.signing_cert, evidence),
            material,
        )

    def _store(self, record, name, data, cert, evidence, request=None, details=""):
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": name,
                    "raw": data,
                    "mimetype": "application/xml",
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        )
        self.env["ecabinet.sign.audit"]._append(
            "signed",
            request=request,
            record=record if request is None else None,
            document=data,
            certificate_fingerprint=fingerprint(cert),
            certificate_subject=cert.subject.human_friendly,
            evidence=evidence,
            details=details,
        )
        record.sudo().message_post(
            body=self.env._(
                "%(file)s signed by %(name)s.", file=name, name=self.env.user.name
            ),
            attachment_ids=attachment.ids,
        )
        return attachment

    def _done(self, attachment):
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    # Ballot result ----------------------------------------------------------------

    def _ballot_tally(self):
        ballot = self.ballot_id
        if ballot.state not in ("closed", "decided"):
            raise UserError(
                self.env._("Only a closed or decided ballot has a result to sign.")
            )
        tally = ballot._tally()
        outcomes = ballot._outcomes(tally)
        Response = self.env["ecabinet.ballot.response"]
        labels = dict(Response._fields["choice"]._description_selection(self.env))
        decisions = dict(ballot._fields["decision"]._description_selection(self.env))
        states = dict(ballot._fields["state"]._description_selection(self.env))
        closed = ballot.closed_date or ballot.decision_date or fields.Datetime.now()
        return {
            "name": ballot.name,
            "reference": f"{ballot._name},{ballot.id}",
            "closed_at": closed.replace(tzinfo=datetime.UTC),
            "eligible": ballot._members_count(),
            "decision": decisions.get(ballot.decision) or states[ballot.state],
            "questions": [
                {
                    "title": question.name,
                    "choices": [
                        {"name": labels[choice], "count": count}
                        for choice, count in tally[question.id].items()
                    ],
                    "decision": self.env._("Passed")
                    if outcomes[question.id][0]
                    else self.env._("Not passed"),
                }
                for question in ballot.question_ids
            ],
        }

    # edXML package ----------------------------------------------------------------

    def _organization(self, partner, what):
        if not partner.ecabinet_agency_code:
            raise UserError(
                self.env._(
                    "Set the agency code of %(agency)s (%(what)s): edXML names "
                    "agencies by their code.",
                    agency=partner.display_name,
                    what=what,
                )
            )
        return {
            "organ_id": partner.ecabinet_agency_code,
            "organ_name": partner.name,
            "organ_add": partner.contact_address.replace("\n", ", ").strip(", "),
            "email": partner.email or "",
            "telephone": partner.phone or "",
            "website": partner.website or "",
        }

    def _edxml_package(self):
        request = self.request_id
        if request.state != "signed":
            raise UserError(self.env._("Only an issued document can be exported."))
        if not self.recipient_ids:
            raise UserError(self.env._("Choose the agencies the package goes to."))
        company = request.company_id
        sender = self._organization(company.partner_id, self.env._("the sender"))
        sender["organ_name"] = company.ecabinet_sign_agency_name or company.name
        return {
            "sender": sender,
            "recipients": [
                self._organization(agency, self.env._("a recipient"))
                for agency in self.recipient_ids
            ],
            "code_number": str(request.number or ""),
            "code_notation": request.symbol or "",
            "promulgation_place": company.city or company.name,
            "promulgation_date": request.issue_date,
            "subject": self.subject or request.name,
            "attachments": [
                {
                    "name": request.pdf_filename or f"{request.name}.pdf",
                    "content": request._pdf_bytes(),
                    "content_type": "application/pdf",
                    "description": request.name,
                }
            ],
        }

    # Actions ----------------------------------------------------------------------

    @public_method
    def action_sign(self):
        self.ensure_one()
        if self.mode == "ballot":
            ballot = self.ballot_id
            tally = self._ballot_tally()
            data, cert, evidence = self._sign_with_key(
                lambda backend: edxml.sign_ballot_tally(tally, backend)
            )
            attachment = self._store(
                ballot,
                self.env._("Result - %s.xml", ballot.name),
                data,
                cert,
                evidence,
                details=self.env._("Signed ballot result (XML)"),
            )
            return self._done(attachment)
        request = self.request_id
        try:
            package = edxml.build_edxml(
                edxml.EdxmlDocument.from_dict(self._edxml_package())
            )
        except edxml.EdxmlError as exc:
            raise UserError(
                self.env._("The edXML package cannot be built: %s", exc)
            ) from exc
        data, cert, evidence = self._sign_with_key(
            lambda backend: edxml.sign_edxml(package, backend)
        )
        attachment = self._store(
            request,
            f"{request.number_display or request.name}.edxml".replace("/", "-"),
            data,
            cert,
            evidence,
            request=request,
            details=self.env._(
                "edXML package to %s", ", ".join(self.recipient_ids.mapped("name"))
            ),
        )
        return self._done(attachment)
