# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_model import IrModelAccess as OdooModelAccess
from odoo.addons.base.models.ir_rule import IrRule as OdooRule

from .common import EcabinetCommon


@tagged("post_install", "-at_install")
class TestRecordRules(EcabinetCommon, TransactionCase):
    """``ir.rule`` and ``ir.model.access`` of ecabinet_base answer what Odoo's
    answer, from caches shared by the users of one set of groups."""

    def _users(self):
        return (
            self.portal_member
            | self.internal_member
            | self.outsider
            | self.agency_user
            | self.staff
            | self.secretariat
            | self.chair
            | self.env.ref("base.public_user")
        )

    def test_rule_domains_are_odoos(self):
        """Every model with rules, every mode, each kind of user: the same
        domain as Odoo's own ``_compute_domain``."""
        models = set(self.env["ir.rule"].search([]).mapped("model_id.model"))
        self.assertGreater(len(models), 30)
        compared = 0
        for user in self._users():
            Rule = self.env["ir.rule"].with_user(user)
            for model in sorted(models):
                if model not in self.env:
                    continue
                for mode in Rule._MODES:
                    ours = Rule._compute_domain(model, mode)
                    odoos = OdooRule._compute_domain(Rule, model, mode)
                    self.assertEqual(ours, odoos, f"{user.login} {model} {mode}")
                    compared += 1
        self.assertGreater(compared, 1000)

    def test_a_rule_changed_applies_at_once(self):
        """The cached domains follow a rule's change, as Odoo's do."""
        Committee = self.env["ecabinet.committee"].with_user(self.portal_member)
        self.assertEqual(Committee.search([]), self.committee)
        rule = self.env["ir.rule"].create(
            {
                "name": "Test: no committee named Test (global)",
                "model_id": self.env["ir.model"]._get_id("ecabinet.committee"),
                "domain_force": "[('name', 'not ilike', 'Test')]",
            }
        )
        self.assertFalse(Committee.search([]))
        rule.domain_force = "[('id', '!=', user.id * 0)]"
        self.assertEqual(Committee.search([]), self.committee)
        rule.unlink()
        self.assertEqual(Committee.search([]), self.committee)

    def test_a_rule_failing_at_evaluation_raises_odoos_error(self):
        """A domain that fails for a user (here a field the user record does not
        have) raises what ``safe_eval`` raises, for ours as for Odoo's."""
        rule = self.env["ir.rule"].create(
            {
                "name": "Test: depends on a user field",
                "model_id": self.env["ir.model"]._get_id("ecabinet.committee"),
                "domain_force": "[('id', '!=', user.id)]",
            }
        )
        # Write the text the constraint would refuse, as a broken upgrade might.
        self.env.cr.execute(
            "UPDATE ir_rule SET domain_force = %s WHERE id = %s",
            ["[('id', '=', user.no_such_field)]", rule.id],
        )
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        Rule = self.env["ir.rule"].with_user(self.portal_member)
        with self.assertRaises(ValueError) as ours:
            Rule._compute_domain("ecabinet.committee", "read")
        with self.assertRaises(ValueError) as odoos:
            OdooRule._compute_domain(Rule, "ecabinet.committee", "read")
        self.assertEqual(str(ours.exception), str(odoos.exception))

    def test_readable_models_are_odoos_and_follow_access_rights(self):
        for user in self._users():
            Access = self.env["ir.model.access"].with_user(user)
            for mode in ("read", "write", "create", "unlink"):
                self.assertEqual(
                    Access._get_allowed_models(mode),
                    OdooModelAccess._get_allowed_models(Access, mode),
                    f"{user.login} {mode}",
                )
        Tag = self.env["res.partner.category"].with_user(self.portal_member)
        with (
            mute_logger("odoo.addons.base.models.ir_model"),
            self.assertRaises(AccessError),
        ):
            Tag.search([])
        access = self.env["ir.model.access"].create(
            {
                "name": "Test: members read partner tags",
                "model_id": self.env["ir.model"]._get_id("res.partner.category"),
                "group_id": self.env.ref("ecabinet_base.group_member").id,
                "perm_read": True,
            }
        )
        Tag.search([])  # allowed at once
        access.unlink()
        with (
            mute_logger("odoo.addons.base.models.ir_model"),
            self.assertRaises(AccessError),
        ):
            Tag.search([])
