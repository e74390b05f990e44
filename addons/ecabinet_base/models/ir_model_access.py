# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models, tools


class IrModelAccess(models.Model):
    """The models a user may read, cached per set of groups.

    Odoo caches them per user and worker process: a member's first request on a
    worker queries them again, though they depend on the user's groups only,
    which all the members share. Changing an access right clears the cache with
    Odoo's own (``registry.clear_cache()``)."""

    _inherit = "ir.model.access"

    def _get_allowed_models(self, mode="read"):
        return self._ecabinet_allowed_models(
            mode, tuple(sorted(self.env.user._get_group_ids()))
        )

    @tools.ormcache("mode", "group_ids")
    def _ecabinet_allowed_models(self, mode, group_ids):
        return super()._get_allowed_models(mode)
