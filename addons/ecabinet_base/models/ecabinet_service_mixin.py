# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import ValidationError


class EcabinetServiceMixin(models.AbstractModel):
    """The configuration of an external service (SMS gateway, Telegram bot,
    signing service...): one record per company, at most one active.

    The model declares ``name``, ``company_id``, ``active`` and ``url`` (and its
    secrets, restricted to e-Cabinet administrators); this mixin checks that a
    company has one active record and finds it. A model holding several kinds of
    service (the signing services: one per provider) names the fields that tell
    them apart in ``_ecabinet_service_scope``: one active record per company and
    values of those fields."""

    _name = "ecabinet.service.mixin"
    _description = "e-Cabinet External Service"

    _ecabinet_service_scope = ()

    def _ecabinet_service_domain(self, company, scope):
        return [
            ("company_id", "=", company.id),
            ("active", "=", True),
            *((fname, "=", value) for fname, value in scope.items()),
        ]

    @api.constrains("active", "company_id")
    def _check_one_active_per_company(self):
        for service in self.filtered("active"):
            scope = {
                fname: service._fields[fname].convert_to_write(service[fname], service)
                for fname in self._ecabinet_service_scope
            }
            domain = self._ecabinet_service_domain(service.company_id, scope)
            if self.search_count([*domain, ("id", "!=", service.id)]):
                raise ValidationError(
                    self.env._(
                        "%(company)s already has an active %(service)s: archive it "
                        "first.",
                        company=service.company_id.name,
                        service=self.env["ir.model"]._get(self._name).name,
                    )
                )

    @api.constrains("url")
    def _check_url(self):
        for service in self.filtered("url"):
            if not service.url.startswith(("http://", "https://")):
                raise ValidationError(
                    self.env._(
                        "The URL of %(name)s must start with http:// or https://.",
                        name=service.display_name,
                    )
                )

    @api.model
    def _get_for_company(self, company, **scope):
        """The active record of ``company`` (or of the current one), if any; of
        the ``scope`` (values of ``_ecabinet_service_scope``'s fields) given."""
        company = company or self.env.company
        return self.search(self._ecabinet_service_domain(company, scope), limit=1)
