# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An integrator's XML-RPC client against the test server, and the users it logs
in as (created with passwords by the test)."""

import datetime
import types
import xmlrpc.client

from odoo.models import BaseModel
from odoo.tests import HttpCase
from odoo.tests.common import Transport, get_db_name
from odoo.tools import config

from odoo.addons.ecabinet_base.tests.common import (
    PORTAL_MEMBER,
    make_agency,
    make_agency_user,
    make_committee,
    make_pdf_b64,
    make_user,
)

# Faults an integrator must be able to rely on: a refusal said in words.
RPC_FAULT_CODE_WARNING = 2  # UserError, ValidationError, RedirectWarning
RPC_FAULT_CODE_ACCESS_ERROR = 4  # AccessError
DELIBERATE = {
    "user": RPC_FAULT_CODE_WARNING,
    "access": RPC_FAULT_CODE_ACCESS_ERROR,
}

ORM_METHODS = {"create", "write", "unlink", "copy", "default_get"}


PDF_B64 = make_pdf_b64(text="e-Cabinet API test").decode()


def is_rpc_value(value):
    """What XML-RPC can send back: True/False, numbers, strings, dates, lists and
    dicts of those (never None, never records)."""
    if value is None or isinstance(value, BaseModel):
        return False
    if isinstance(value, bool | int | float | str | datetime.date):
        return True
    if isinstance(value, list | tuple):
        return all(is_rpc_value(item) for item in value)
    if isinstance(value, dict):
        return all(is_rpc_value(item) for item in value.values())
    return False


def public_methods(env):
    """{(model, method)} of every public method that e-Cabinet code defines:
    on ``ecabinet.*`` models and on the Odoo models our addons extend. A method
    that a class of the model marks ``@api.private`` (Odoo's ``init``, ...) is not
    callable over RPC (Odoo's ``get_public_method``) and is not listed."""
    found = set()
    for name in env.registry:
        cls = type(env[name])
        if cls._abstract:
            continue
        for attr in dir(cls):
            if attr.startswith("_") or attr in ORM_METHODS:
                continue
            if any(
                getattr(vars(klass).get(attr), "_api_private", False)
                for klass in cls.__mro__
            ):
                continue
            for klass in cls.__mro__:
                if attr in vars(klass):
                    module = getattr(klass, "_module", None) or ""
                    if module.startswith("ecabinet") and isinstance(
                        vars(klass)[attr], types.FunctionType
                    ):
                        found.add((name, attr))
                    break
    return found


def ecabinet_defined(env, model, method):
    """The classes of our addons that define ``method`` on ``model``."""
    return [
        klass
        for klass in type(env[model]).__mro__
        if method in vars(klass)
        and (getattr(klass, "_module", None) or "").startswith("ecabinet")
    ]


class XmlRpcCase(HttpCase):
    """Users with passwords and a committee; everything else goes over XML-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.db = get_db_name()
        port = config["http_port"]
        cls.url = f"http://127.0.0.1:{port}"
        cls.agency = make_agency(
            env,
            "Sở Kế hoạch và Đầu tư (API test)",
            email="skhdt-api@binhminh.example",
        )
        cls.other_agency = make_agency(
            env, "Sở Xây dựng (API test)", email="sxd-api@binhminh.example"
        )

        def user(login, groups):
            return make_user(env, login, groups, password=f"{login}-pw-2027")

        cls.users = {
            "secretariat": user("api_secretariat", "ecabinet_base.group_secretariat"),
            "chair": user("api_chair", "ecabinet_base.group_chair"),
            "member": user("api_member", PORTAL_MEMBER),
            "member2": user("api_member2", PORTAL_MEMBER),
            "member3": user("api_member3", PORTAL_MEMBER),
            "agency": make_agency_user(
                env, "api_agency", cls.agency, password="api_agency-pw-2027"
            ),
            "clerk": user("api_clerk", "ecabinet_base.group_user"),
            "admin": user("api_admin", "base.group_system,ecabinet_base.group_admin"),
        }
        cls.deputy = env["res.partner"].create({"name": "Lê Thị Deputy (API test)"})
        cls.calendar = env.ref("ecabinet_base.resource_calendar_ecabinet")
        cls.committee = make_committee(
            env,
            "People's Committee (API test)",
            chair=cls.users["chair"],
            members=[cls.users[who] for who in ("member", "member2", "member3")],
            secretariat=cls.users["secretariat"],
            date_start="2026-01-01",
            code="API",
            calendar_id=cls.calendar.id,
            # half the members make the quorum: the chair and one member
            quorum_numerator=1,
            quorum_denominator=2,
        )

    def setUp(self):
        super().setUp()
        transport = Transport(self.cr)
        self.common = xmlrpc.client.ServerProxy(
            f"{self.url}/xmlrpc/2/common", transport=transport
        )
        self.models = xmlrpc.client.ServerProxy(
            f"{self.url}/xmlrpc/2/object", transport=transport, allow_none=False
        )
        self.called = set()
        self.uids = {}

    def uid(self, who):
        if who not in self.uids:
            user = self.users[who]
            uid = self.common.authenticate(
                self.db, user.login, f"{user.login}-pw-2027", {}
            )
            self.assertEqual(uid, user.id, f"{who} cannot log in over XML-RPC")
            self.uids[who] = uid
        return self.uids[who]

    def call(self, who, model, method, *args, fault=None, **kwargs):
        """``execute_kw`` as ``who``, with ids and no context, as an integrator
        does. ``fault``: ``None`` (must succeed and return something XML-RPC can
        send), ``"user"`` or ``"access"`` (must be refused so), or a text the
        refusal must contain (a ``UserError``)."""
        self.called.add((model, method))
        user = self.users[who]
        try:
            result = self.models.execute_kw(
                self.db,
                self.uid(who),
                f"{user.login}-pw-2027",
                model,
                method,
                list(args),
                kwargs,
            )
        except xmlrpc.client.Fault as error:
            where = f"{who}: {model}.{method}{tuple(args)}"
            if fault is None:
                self.fail(f"{where} failed:\n{error.faultString}")
            code = DELIBERATE.get(fault, RPC_FAULT_CODE_WARNING)
            self.assertEqual(
                error.faultCode,
                code,
                f"{where}: expected a deliberate refusal ({fault}), got:\n"
                f"{error.faultString}",
            )
            if fault not in DELIBERATE:
                self.assertIn(fault, error.faultString, where)
            return error
        if fault is not None:
            self.fail(f"{who}: {model}.{method} should be refused, got {result!r}")
        self.assertTrue(is_rpc_value(result), f"{model}.{method} returned {result!r}")
        return result

    def rpc_read(self, who, model, ids, names):
        return self.call(who, model, "read", ids, names)
