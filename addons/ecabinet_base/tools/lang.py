# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The language of the texts e-Cabinet writes once for everyone to read.

Odoo writes chatter lines (the creation line, "Open → Closed" tracking values),
generated messages and stored error texts in the language of the environment that
writes them. A person's request names it (the web client and the portal send the
user's language), but a cron and an RPC call come with an empty context, and the
texts they store stay in English for good. For them the committee's language is
used: the calling user's language when a person calls, else (crons, code run as
the superuser) the language of the company, i.e. of the database.
"""

import functools


def ecabinet_lang(env, company=None):
    """The language code for texts written in ``env`` (see the module's doc)."""
    lang = env.context.get("lang")
    if lang:
        return lang
    installed = {code for code, _name in env["res.lang"].get_installed()}
    candidates = []
    if not env.su:
        candidates.append(env["res.users"].context_get().get("lang"))
    company = (company or env.company).sudo()
    candidates += [
        company.partner_id.lang,
        env["ir.default"].sudo()._get("res.partner", "lang"),
        env.user.sudo().lang,
    ]
    return next((code for code in candidates if code in installed), "en_US")


def with_ecabinet_lang(records, company=None):
    """``records`` in the language of the texts they write (unchanged when their
    context names one)."""
    if records.env.context.get("lang"):
        return records
    return records.with_context(lang=ecabinet_lang(records.env, company))


def in_ecabinet_lang(method):
    """Run ``method`` (a cron's, say) in the language of the texts it writes when
    its context names none."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        return method(with_ecabinet_lang(self), *args, **kwargs)

    return wrapper
