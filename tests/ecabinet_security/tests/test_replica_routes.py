# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What Odoo may send to a read replica (``db_replica_host``): the routes declared
``readonly`` and, through ``/web/dataset/call_kw``, the methods decorated
``@api.readonly``. A replica lags behind the primary; e-Cabinet's screens read
their state right after a bus message, a member's page right after a vote, so
every e-Cabinet route reads the primary, except the few listed here, and no
e-Cabinet method the console calls is ``@api.readonly``.

tools/scale_demo.py checks the same on a real primary and replica.
"""

from odoo.tests import TransactionCase, tagged

from .test_access_matrix import ecabinet_actions, ecabinet_models

# Route -> why a lagging replica cannot show anything stale there.
READONLY_ROUTES = {
    "/ecabinet/projector/<string:token>": "the projector's page shell (the "
    "session's name); its state comes from .../state, which reads the primary",
}


@tagged("post_install", "-at_install", "ecabinet_security")
class TestReplicaRoutes(TransactionCase):
    def _ecabinet_rules(self):
        for rule in self.env["ir.http"].routing_map().iter_rules():
            endpoint = getattr(rule.endpoint, "original_endpoint", rule.endpoint)
            if (getattr(endpoint, "__module__", "") or "").startswith(
                "odoo.addons.ecabinet"
            ):
                yield rule

    def test_routes_read_the_primary(self):
        seen, replica = set(), []
        for rule in self._ecabinet_rules():
            seen.add(rule.rule)
            readonly = rule.endpoint.routing["readonly"]
            if (callable(readonly) or readonly) and rule.rule not in READONLY_ROUTES:
                replica.append(rule.rule)
        self.assertIn("/ecabinet/live/<int:meeting_id>/state", seen)
        self.assertFalse(
            sorted(set(replica)),
            "these e-Cabinet routes may read a lagging replica: make them "
            "readonly=False, or list them in READONLY_ROUTES with the reason",
        )
        self.assertLessEqual(set(READONLY_ROUTES), seen, "READONLY_ROUTES is stale")

    def test_console_methods_read_the_primary(self):
        replica = []
        models = ecabinet_models(self.env)
        self.assertIn("ecabinet.meeting", models)
        for model in models:
            cls = type(self.env[model])
            for name in ecabinet_actions(self.env, model):
                if getattr(getattr(cls, name), "_readonly", False):
                    replica.append(f"{model}.{name}")
        self.assertFalse(
            replica, "@api.readonly methods the console calls may read a replica"
        )
