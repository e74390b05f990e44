# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from odoo.addons.ecabinet_base.tools.api import public_method

# Company field holding the numbering symbol of a document that no report of a
# signable model names (an uploaded PDF).
DEFAULT_SYMBOL_FIELD = "ecabinet_sign_symbol_document"


class EcabinetSignMixin(models.AbstractModel):
    """A record whose PDF reports can be sent for signature.

    A model becomes signable by inheriting this mixin and naming, in
    ``_ecabinet_sign_reports``, each of its reports that may be signed (XML id of
    the ``ir.actions.report``) with the field of ``res.company`` that holds the
    numbering symbol of those documents. Its "Sign" buttons call
    :meth:`_ecabinet_sign_request`; the requests of a record are counted and
    listed by ``ecabinet_sign_request_count`` and
    :meth:`action_view_ecabinet_sign_requests`.
    """

    _name = "ecabinet.sign.mixin"
    _description = "Signable Record"

    # {report XML id: res.company field of the numbering symbol}
    _ecabinet_sign_reports = {}

    ecabinet_sign_request_count = fields.Integer(
        compute="_compute_ecabinet_sign_request_count",
        groups="ecabinet_base.group_secretariat",
    )

    def _compute_ecabinet_sign_request_count(self):
        counts = dict(
            self.env["ecabinet.sign.request"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for record in self:
            record.ecabinet_sign_request_count = counts.get(record.id, 0)

    @api.model
    def _ecabinet_sign_symbol_field(self, report):
        """The company field holding the numbering symbol of ``report``'s documents."""
        for xmlid, symbol_field in self._ecabinet_sign_reports.items():
            if self.env.ref(xmlid, raise_if_not_found=False) == report:
                return symbol_field
        return DEFAULT_SYMBOL_FIELD

    def _ecabinet_sign_committee(self):
        """The committee whose numbering the signed documents take."""
        self.ensure_one()
        if "committee_id" in self._fields:
            return self.committee_id
        return self.env["ecabinet.committee"]

    def _ecabinet_sign_request(self, report_xmlid, person, name):
        """A draft request for the report ``report_xmlid`` of this record, signed
        by ``person`` then by the company's clerk (who numbers it and applies the
        agency signature); the action opening it."""
        self.ensure_one()
        committee = self._ecabinet_sign_committee()
        company = self.company_id if "company_id" in self._fields else self.env.company
        clerk = company.ecabinet_sign_clerk_id or self.env.user
        request = self.env["ecabinet.sign.request"]._ecabinet_create_for(
            self,
            self.env.ref(report_xmlid),
            person | clerk if person != clerk else person,
            name=name,
            committee=committee,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "ecabinet.sign.request",
            "res_id": request.id,
            "view_mode": "form",
        }

    @public_method
    def action_view_ecabinet_sign_requests(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Signature requests"),
            "res_model": "ecabinet.sign.request",
            "view_mode": "list,form",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
        }
