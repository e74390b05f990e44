# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import functools

from odoo import api, models, tools
from odoo.osv import expression
from odoo.tools import config
from odoo.tools.safe_eval import (
    _BUILTINS,
    _SAFE_OPCODES,
    check_values,
    safe_eval,
    test_expr,
    unsafe_eval,
)


@functools.lru_cache(maxsize=4096)
def _domain_code(expr):
    """The code of a rule's domain, checked as ``safe_eval`` checks it (a pure
    function of the text: cached per process)."""
    return test_expr(expr, _SAFE_OPCODES, mode="eval")


class IrRule(models.Model):
    """Record rules evaluated with less work for a user's first request.

    Odoo caches the domain of the rules per user, model and worker process. A
    member's first request on a worker (each page the first time; every request
    when many members arrive at once) evaluates the rules of every model it reads
    as the member, the session page about ten of them: which rules apply, their
    domains and groups read from the database, each domain compiled and checked
    by ``safe_eval`` (about 0.2 ms) then evaluated. Which rules apply depends on
    the model, the mode and the user's groups only, so it is cached per set of
    groups (all the members share theirs); the domains and groups of every rule
    are cached per process, and each domain's code once checked as ``safe_eval``
    checks it (``test_expr`` with the same opcodes). What stays per user is what
    depends on the user: the evaluation of each domain in the user's context (an
    error there is raised by ``safe_eval`` itself, as in Odoo). Creating,
    changing or deleting a rule clears these caches with Odoo's own."""

    _inherit = "ir.rule"

    @tools.ormcache()
    def _ecabinet_rule_data(self):
        """``{rule id: (domain, group ids)}`` of every record rule (a few hundred)."""
        rules = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch([], ["domain_force", "groups"])
        )
        return {
            rule.id: (rule.domain_force or "", frozenset(rule.groups.ids))
            for rule in rules
        }

    @tools.ormcache("model_name", "mode", "group_ids")
    def _ecabinet_rules_of_groups(self, model_name, mode, group_ids):
        """The ids of the active rules of ``model_name`` for ``mode`` of users
        with ``group_ids`` (Odoo's query of ``_get_rules``)."""
        return tuple(super()._get_rules(model_name, mode=mode).ids)

    @api.model
    def _ecabinet_eval_domain(self, expr, eval_context):
        """``safe_eval(expr, eval_context)`` without compiling ``expr`` again;
        ``eval_context`` already checked with ``check_values``."""
        values = dict(eval_context, __builtins__=dict(_BUILTINS))
        try:
            # checked by test_expr as safe_eval checks it, evaluated as safe_eval does
            return unsafe_eval(_domain_code(expr), values)
        except Exception:  # noqa: BLE001 - let safe_eval raise its own error
            return safe_eval(expr, eval_context)

    def _ecabinet_eval_context(self):
        """``_eval_context()`` checked, once per transaction, user and company
        context and companies: a page reads about ten models as the user, and each
        one's rules were evaluated in a context built again (the user and their
        companies in a new environment each time)."""
        key = (
            "ecabinet_rule_eval_context",
            # the cursor itself: a test's requests share one cursor's cache, each
            # through a cursor of its own that the context's records are bound to
            self.env.cr,
            self.env.uid,
            tuple(self._compute_domain_context_values()),
            # the user's companies as Odoo's caches hold them (cleared on change)
            tuple(self.env.user._get_company_ids()),
        )
        cache = self.env.cr.cache
        if key not in cache:
            cache[key] = check_values(self._eval_context())
        return cache[key]

    def _ecabinet_group_ids(self):
        return tuple(sorted(self.env.user._get_group_ids()))

    def _get_rules(self, model_name, mode="read"):
        if mode not in self._MODES or self.env.su:
            return super()._get_rules(model_name, mode=mode)
        ids = self._ecabinet_rules_of_groups(
            model_name, mode, self._ecabinet_group_ids()
        )
        return self.browse(ids)

    @api.model
    @tools.conditional(
        "xml" not in config["dev_mode"],
        tools.ormcache(
            "self.env.uid",
            "self.env.su",
            "model_name",
            "mode",
            "tuple(self._compute_domain_context_values())",
        ),
    )
    def _compute_domain(self, model_name, mode="read"):
        """Odoo's ``_compute_domain`` on the cached rules (same result)."""
        if mode not in self._MODES or self.env.su:
            return super()._compute_domain(model_name, mode=mode)
        global_domains = []
        for parent_model_name, parent_field_name in self.env[
            model_name
        ]._inherits.items():
            if domain := self._compute_domain(parent_model_name, mode):
                global_domains.append([(parent_field_name, "any", domain)])
        rule_ids = self._ecabinet_rules_of_groups(
            model_name, mode, self._ecabinet_group_ids()
        )
        if not rule_ids:
            return expression.AND(global_domains) if global_domains else []
        data = self._ecabinet_rule_data()
        eval_context = self._ecabinet_eval_context()
        user_groups = set(self.env.user._get_group_ids())
        group_domains = []
        for rule_id in rule_ids:
            expr, groups = data[rule_id]
            domain = self._ecabinet_eval_domain(expr, eval_context) if expr else []
            domain = expression.normalize_domain(domain)
            if not groups:
                global_domains.append(domain)
            elif groups & user_groups:
                group_domains.append(domain)
        if not group_domains:
            return expression.AND(global_domains)
        return expression.AND([*global_domains, expression.OR(group_domains)])
