# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import ValidationError


class EcabinetServiceMixin(models.AbstractModel):
    """The configuration of an external service (SMS gateway, Telegram bot,
    signing service...): one record per company, at most one active.

    The model declares ``name``, ``company_id``, ``active`` and ``url`` (and its
    secrets, restricted to e-Cabinet administrators); this mixin checks that a
    company has one active record and finds it."""

    _name = "ecabinet.service.mixin"
    _description = "e-Cabinet External Service"

    @api.constrains("active", "company_id")
    def _check_one_active_per_company(self):
        for service in self.filtered("active"):
            if self.search_count(
                [
                    ("company_id", "=", service.company_id.id),
                    ("active", "=", True),
                    ("id", "!=", service.id),
                ]
            ):
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
        for service in self:
            if not (service.url or "").startswith(("http://", "https://")):
                raise ValidationError(
                    self.env._(
                        "The URL of %(name)s must start with http:// or https://.",
                        name=service.display_name,
                    )
                )

    @api.model
    def _get_for_company(self, company):
        """The active record of ``company`` (or of the current one), if any."""
        company = company or self.env.company
        return self.search(
            [("company_id", "=", company.id), ("active", "=", True)], limit=1
        )
