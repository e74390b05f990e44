# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What makes a method of an e-Cabinet model an API that integrators can call over
XML-RPC or JSON-RPC, the way Odoo's own ``sale.order.action_confirm`` is.

``@public_method`` decorates every public method (``action_*``, ``answer``,
``report_progress``, ...) of our models, and every override of one (Odoo reads the
return convention of the last override only)::

    @public_method(question="ecabinet.ballot.question")
    def answer(self, question, choice, comment=None):
        ...

It

- turns ids into records for the parameters it names: a parameter given as an id
  or a list of ids becomes a recordset of the model named (records, ``False`` and
  ``None`` pass unchanged); a callable instead of a model name converts the value
  itself (a function of the value, or of the environment and the value, such as
  ``record_reference`` for records of any model sent as ``[model, ids]``);
- runs the method in the calling user's language when the context names none
  (XML-RPC calls come with an empty context; ``self.env._`` reads the context
  only), so that its errors and chatter lines come in the user's language (not
  in superuser mode: crons and ``sudo()`` code keep their context);
- returns ``True`` instead of ``None``; a recordset stays a recordset for Python
  callers and becomes its list of ids over RPC, and ``None`` inside a returned
  dictionary (an action) becomes ``False`` (Odoo's ``api.returns`` convention,
  applied by ``odoo.api.call_kw`` to RPC calls only).
"""

import functools
import inspect

from odoo.models import BaseModel


def _is_id(value):
    return isinstance(value, int) and not isinstance(value, bool)


def to_records(env, model, value):
    """``value`` (an id, a list of ids, or records) as records of ``model``."""
    if _is_id(value):
        return env[model].browse(value)
    if isinstance(value, list | tuple) and all(_is_id(item) for item in value):
        return env[model].browse(value)
    return value


def record_reference(env, value):
    """Records of any model, given over RPC as ``[model, ids]``."""
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and value[0] in env
    ):
        return to_records(env, value[0], value[1])
    return value


def _plain(value):
    """``value`` without what XML-RPC cannot send: records become their ids and,
    inside a dictionary or a list (a report action's ``data``, say), ``None``
    becomes ``False``."""
    if value is None:
        return False
    if isinstance(value, BaseModel):
        return value.ids
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def rpc_value(value):
    """What an RPC caller receives for ``value`` returned by a public method:
    ``True`` for ``None``, ids for records, dictionaries and lists without
    ``None``."""
    if value is None:
        return True
    return _plain(value)


def public_method(method=None, **params):
    """Decorate a public method of an e-Cabinet model (see the module's doc).

    :param params: ``name=model`` (a model name, to turn ids into records) or
        ``name=function`` (a function of the value, or of ``env`` and the value)
        for the parameters to convert
    """
    if method is None:
        return functools.partial(public_method, **params)
    signature = inspect.signature(method)
    unknown = set(params) - set(signature.parameters)
    assert not unknown, f"{method.__qualname__} has no parameter {unknown}"
    with_env = {
        name
        for name, convert in params.items()
        if callable(convert) and len(inspect.signature(convert).parameters) == 2
    }

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if not self.env.context.get("lang") and not self.env.su:
            # the user's preferences, cached as the web client reads them (an
            # RPC caller is never the superuser; code running as it needs none)
            lang = self.env["res.users"].context_get().get("lang")
            if lang:
                self = self.with_context(lang=lang)
        if params:
            bound = signature.bind(self, *args, **kwargs)
            for name, convert in params.items():
                if name not in bound.arguments:
                    continue
                value = bound.arguments[name]
                if isinstance(convert, str):
                    bound.arguments[name] = to_records(self.env, convert, value)
                elif name in with_env:
                    bound.arguments[name] = convert(self.env, value)
                elif not isinstance(value, BaseModel):
                    bound.arguments[name] = convert(value)
            args, kwargs = bound.args[1:], bound.kwargs
        result = method(self, *args, **kwargs)
        return True if result is None else result

    # odoo.api.call_kw gives an RPC caller ``rpc_value(result)``
    wrapper._returns = (None, rpc_value, None)
    wrapper._ecabinet_public = True
    return wrapper
