# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models, tools


class IrRule(models.Model):
    """Record rules evaluated in fewer queries for a user's first request.

    Odoo caches the domain of the rules per user, model and worker process. A
    member's first request on a worker (each page the first time; every request
    when many members arrive at once) evaluates the rules of every model it reads
    as the member, the session page about ten of them, at three queries per
    model: which rules apply, their domains, their groups. Which rules apply
    depends on the model, the mode and the user's groups only, so it is cached
    per set of groups (all the members share theirs); the domains and groups of
    every rule are read together the first time, in two queries. The domains
    are still evaluated for each user, as Odoo does. Creating, changing or
    deleting a rule clears these caches with Odoo's own."""

    _inherit = "ir.rule"

    @tools.ormcache()
    def _ecabinet_rule_ids(self):
        """The ids of every record rule (a few hundred)."""
        return tuple(self.sudo().with_context(active_test=False).search([]).ids)

    @tools.ormcache("model_name", "mode", "group_ids")
    def _ecabinet_rules_of_groups(self, model_name, mode, group_ids):
        """The ids of the active rules of ``model_name`` for ``mode`` of users
        with ``group_ids`` (Odoo's query of ``_get_rules``)."""
        return tuple(super()._get_rules(model_name, mode=mode).ids)

    def _get_rules(self, model_name, mode="read"):
        if mode not in self._MODES or self.env.su:
            return super()._get_rules(model_name, mode=mode)
        ids = self._ecabinet_rules_of_groups(
            model_name, mode, tuple(sorted(self.env.user._get_group_ids()))
        )
        return self.browse(ids).with_prefetch(self._ecabinet_rule_ids())
