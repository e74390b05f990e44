# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The access matrix of ``access_matrix.py``, exercised through the ORM, JSON-RPC
and every HTTP route of the e-Cabinet addons.

Every cell is tried; the mismatches are collected and reported together, one line
per ``model / role / operation`` (or ``route / role``). A model, ``action_*``
method or route of an e-Cabinet addon without a row fails the test too.
Set ``ECABINET_MATRIX_DUMP=1`` to print the observed table (to review a change).
"""

import json
import logging
import os
from urllib.parse import urlsplit

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ecabinet_base.tests.common import PortalTestMixin

from . import access_matrix as spec
from .common import ROLES, SecurityCommon, csrf_token

_logger = logging.getLogger(__name__)

MUTED = (
    "odoo.http",
    "odoo.models",
    "odoo.addons.base.models.ir_model",
    "odoo.addons.base.models.ir_rule",
    "odoo.addons.ecabinet_notification_telegram.controllers.main",
)


def parse_cells(cells, what):
    tokens = cells.split()
    if len(tokens) != len(ROLES):
        raise ValueError(f"{what}: {len(tokens)} cells for {len(ROLES)} roles")
    return dict(zip(ROLES, tokens, strict=True))


def ecabinet_models(env):
    """Concrete models whose name starts with ``ecabinet.``."""
    return sorted(
        name
        for name, model in env.registry.items()
        if name.startswith("ecabinet.") and not model._abstract
    )


def inherited_models_with_actions(env):
    """Other concrete models on which e-Cabinet code defines ``action_*``."""
    return sorted(
        name
        for name, model in env.registry.items()
        if not name.startswith("ecabinet.")
        and not model._abstract
        and ecabinet_actions(env, name)
    )


def ecabinet_actions(env, name):
    """The public ``action_*`` methods that e-Cabinet code defines on a model and,
    on an ``ecabinet.*`` model, its public ``ecabinet_*`` methods (RPC calls of the
    console)."""
    cls = type(env[name])
    prefixes = (
        ("action_", "ecabinet_") if name.startswith("ecabinet.") else ("action_",)
    )
    actions = []
    for attr in dir(cls):
        if not attr.startswith(prefixes) or not callable(getattr(cls, attr)):
            continue
        for klass in cls.__mro__:
            if attr in vars(klass):
                if (getattr(klass, "_module", None) or "").startswith("ecabinet"):
                    actions.append(attr)
                break
    return sorted(actions)


def ecabinet_routes(env):
    """{rule: methods} of the HTTP routes whose endpoint is e-Cabinet code."""
    routes = {}
    for rule in env["ir.http"].routing_map().iter_rules():
        endpoint = getattr(rule.endpoint, "original_endpoint", rule.endpoint)
        module = getattr(endpoint, "__module__", "") or ""
        if module.startswith("odoo.addons.ecabinet"):
            routing = rule.endpoint.routing
            methods = routing.get("methods") or ["GET", "POST"]
            routes[rule.rule] = (
                ["JSON"] if routing.get("type") == "json" else sorted(methods)
            )
    return routes


@tagged("post_install", "-at_install", "ecabinet_security")
class TestAccessMatrix(PortalTestMixin, SecurityCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dump = bool(os.environ.get("ECABINET_MATRIX_DUMP"))

    # Records and calls ----------------------------------------------------------

    def _record(self, model, role, operation=None):
        row = spec.MATRIX[model]
        Model = self.env[model]
        if Model._transient:
            # A wizard is its creator's own: created as the user (without checks).
            vals = spec.WIZARD_VALUES[model](self)
            user = self.users[role]
            record = Model.with_user(user).sudo().create(vals)
            # What the creation put in the cache must not spare the user's checks.
            self.env.flush_all()
            self.env.invalidate_all()
            return record.with_env(self.env)
        return getattr(self, row.get("records", {}).get(operation, row["record"]))

    def _args(self, model, operation):
        factory = spec.ACTION_ARGS.get((model, operation))
        return factory(self) if factory else ()

    def _attempt(self, func):
        """Run ``func`` in a savepoint that is always rolled back."""
        self.env.flush_all()
        savepoint = self.env.cr.savepoint(flush=False)
        try:
            func()
            self.env.flush_all()
        except AccessError:
            return "n"
        except (UserError, ValidationError):
            return "u"
        except Exception as error:  # noqa: BLE001 - reported as a mismatch
            return f"error({type(error).__name__}: {error})"
        finally:
            savepoint.close(rollback=True)
            self.env.clear()
        return "y"

    def _orm(self, model, role, operation):
        user = self.users[role]
        record = self._record(model, role, operation).with_user(user)
        if operation in ("read", "write", "create", "unlink"):
            return self._attempt(lambda: record.check_access(operation))
        args = self._args(model, operation)
        return self._attempt(lambda: getattr(record, operation)(*args))

    # The table ------------------------------------------------------------------

    def _cells(self):
        for model, row in spec.MATRIX.items():
            for operation, cells in row["operations"].items():
                yield model, operation, parse_cells(cells, f"{model} {operation}")

    def _report(self, mismatches, title):
        if mismatches:
            self.fail(
                f"{len(mismatches)} {title} differ from the access matrix "
                "(tests/ecabinet_security/tests/access_matrix.py):\n"
                + "\n".join(mismatches)
            )

    def _dump(self, label, rows):
        if self.dump:
            _logger.info("observed %s:\n%s", label, "\n".join(rows))

    def test_matrix_covers_every_model_and_action(self):
        missing = []
        for model in ecabinet_models(self.env):
            row = spec.MATRIX.get(model)
            if row is None:
                missing.append(f"{model}: no row")
                continue
            wanted = {"read", "write", "create", "unlink"}
            wanted.update(ecabinet_actions(self.env, model))
            for operation in sorted(wanted - set(row["operations"])):
                missing.append(f"{model} / {operation}: no cells")
            for operation in sorted(set(row["operations"]) - wanted):
                missing.append(f"{model} / {operation}: not an operation of the model")
        for model in inherited_models_with_actions(self.env):
            row = spec.MATRIX.get(model)
            wanted = set(ecabinet_actions(self.env, model))
            if row is None:
                missing.append(f"{model}: no row for its actions {sorted(wanted)}")
                continue
            for operation in sorted(wanted ^ set(row["operations"])):
                missing.append(f"{model} / {operation}: cells and actions differ")
        installed = {
            *ecabinet_models(self.env),
            *inherited_models_with_actions(self.env),
        }
        for model in sorted(set(spec.MATRIX) - installed):
            missing.append(f"{model}: in the table but not installed")
        self._report(missing, "models or operations")

    def test_orm_matrix(self):
        mismatches, observed = [], []
        with mute_logger(*MUTED):
            for model, operation, expected in self._cells():
                got = {role: self._orm(model, role, operation) for role in ROLES}
                cells = "  ".join(got.values())
                observed.append(f'    "{operation}": "{cells}",  # {model}')
                for role in ROLES:
                    if got[role] != expected[role]:
                        mismatches.append(
                            f"ORM  {model} / {role} / {operation}: expected "
                            f"{spec.OUTCOMES.get(expected[role], expected[role])}, got "
                            f"{spec.OUTCOMES.get(got[role], got[role])}"
                        )
        self._dump("ORM", observed)
        self._report(mismatches, "ORM cells")

    # JSON-RPC -------------------------------------------------------------------

    def _login(self, role):
        user = self.users[role]
        if role == "public":
            self.authenticate(None, None)
        else:
            self.authenticate(user.login, user.login)

    def _call_kw(self, model, method, args):
        body = self._rpc_body(model, method, *args)
        if "error" not in body:
            return "y"
        name = body["error"]["data"]["name"]
        if name.endswith("AccessError") or name.endswith("SessionExpiredException"):
            return "n"
        if name.endswith(("UserError", "ValidationError", "RedirectWarning")):
            return "u"
        return f"error({name}: {body['error']['data'].get('message')})"

    def test_jsonrpc_matrix(self):
        """The same cells through /web/dataset/call_kw as the signed-in user.

        ``read`` and ``write`` (with no values) are tried for every role; the other
        operations change data, so they are tried where the table expects a
        refusal (the request must be refused the same way)."""
        mismatches = []
        by_role = {role: [] for role in ROLES}
        for model, operation, expected in self._cells():
            if self.env[model]._transient:
                continue  # wizards are created and used in one browser session
            for role in ROLES:
                if (
                    operation in ("read", "write")
                    or expected[role] != "y"
                    or role == "public"
                ):
                    by_role[role].append((model, operation, expected[role]))
        with mute_logger(*MUTED):
            for role in ROLES:
                self._login(role)
                for model, operation, want in by_role[role]:
                    if role == "public":
                        want = "n"  # no session: call_kw refuses before the model
                    record = self._record(model, role, operation)
                    if operation == "create":
                        continue  # needs the values of a record: covered by the ORM
                    if operation == "read":
                        args = [record.ids, ["id"]]
                    elif operation == "write":
                        args = [record.ids, {}]
                    else:
                        args = [record.ids, *self._rpc_args(model, operation)]
                    got = self._call_kw(model, operation, args)
                    if got != want:
                        mismatches.append(
                            f"RPC  {model} / {role} / {operation}: expected "
                            f"{spec.OUTCOMES.get(want, want)}, "
                            f"got {spec.OUTCOMES.get(got, got)}"
                        )
        self._report(mismatches, "JSON-RPC cells")

    def _rpc_args(self, model, operation):
        args = []
        for arg in self._args(model, operation):
            args.append(arg.id if hasattr(arg, "_name") else arg)
        return args

    # HTTP routes ----------------------------------------------------------------

    def _csrf_token(self):
        return csrf_token(self.env, self.session)

    def _url(self, template):
        return template.format(**spec.url_values(self))

    def _data(self, route):
        values = spec.url_values(self)
        return {
            key: value.format(**values) if isinstance(value, str) else value
            for key, value in route.get("data", {}).items()
        }

    def _http_outcome(self, response):
        status = response.status_code
        if status == 200 and response.headers.get("Content-Type", "").startswith(
            "application/json"
        ):
            body = response.json()
            if "error" not in body:
                # a route that answers its refusals as {"error": message}
                result = body.get("result")
                if isinstance(result, dict) and result.get("error"):
                    return "refused"
                return "ok"
            name = body["error"]["data"]["name"].rsplit(".", 1)[-1]
            return {
                "SessionExpiredException": "login",
                "AccessError": "403",
                "AccessDenied": "403",
                "Forbidden": "403",
                "MissingError": "404",
                "NotFound": "404",
                "UserError": "refused",
                "ValidationError": "refused",
            }.get(name, f"error({name})")
        if status in (301, 302, 303):
            path = urlsplit(response.headers.get("Location", "")).path
            if path.startswith("/web/login"):
                return "login"
            if path in ("/my", "/my/home"):
                return "home"
            return "done"
        return {200: "ok", 400: "400", 403: "403", 404: "404"}.get(
            status, f"http{status}"
        )

    def _request(self, route):
        url = self._url(route["url"])
        self.env.flush_all()
        if route.get("method") == "JSON":
            response = self.url_open(
                url,
                data=json.dumps(
                    {
                        "jsonrpc": "2.0",
                        "method": "call",
                        "id": 1,
                        "params": self._data(route),
                    }
                ),
                headers={"Content-Type": "application/json"},
                allow_redirects=False,
            )
        elif route.get("method", "GET") == "POST":
            data = {"csrf_token": self._csrf_token(), **self._data(route)}
            response = self.url_open(url, data=data, allow_redirects=False)
        else:
            response = self.url_open(url, allow_redirects=False)
        self.env.invalidate_all()
        return response

    def test_routes_are_all_in_the_table(self):
        routes = ecabinet_routes(self.env)
        tested = {route.get("rule", key) for key, route in spec.ROUTES.items()}
        missing = [
            f"{rule}: no entry in ROUTES" for rule in sorted(set(routes) - tested)
        ]
        missing += [
            f"{rule}: in ROUTES but no such route"
            for rule in sorted(tested - set(routes))
        ]
        for key, route in spec.ROUTES.items():
            rule = route.get("rule", key)
            if rule in routes and route.get("method", "GET") not in routes[rule]:
                missing.append(
                    f"{key}: {route.get('method', 'GET')} is not a method of the "
                    f"route ({', '.join(routes[rule])})"
                )
        self._report(missing, "routes")

    def test_routes_matrix(self):
        mismatches, observed = [], []
        with mute_logger(*MUTED):
            got_by_route = {rule: {} for rule in spec.ROUTES}
            for role in ROLES:
                self._login(role)
                for rule, route in spec.ROUTES.items():
                    got_by_route[rule][role] = self._http_outcome(self._request(route))
            for rule, route in spec.ROUTES.items():
                got = got_by_route[rule]
                observed.append(f'    "{rule}": "{"  ".join(got.values())}"')
                expected = parse_cells(route["expect"], rule)
                for role in ROLES:
                    if got[role] != expected[role]:
                        mismatches.append(
                            f"HTTP {route.get('method', 'GET')} {rule} / {role}: "
                            f"expected {expected[role]}, got {got[role]}"
                        )
        self._dump("routes", observed)
        self._report(mismatches, "route cells")
