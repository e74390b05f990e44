# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.0.0 -> 18.0.1.1.0: the SMS and Telegram channels become addons.

Run before this addon's new code is loaded, while the old columns are there:

- the events' channel boxes (``default_email``, ``default_sms``,
  ``default_telegram``) become one list, ``default_channels``;
- ``ecabinet_notification_sms`` and ``ecabinet_notification_telegram`` are marked
  to install when the database uses the channel (Odoo installs them in the same
  run, after this addon): their models, fields, selection values, views and
  access rights change module (``ir_model_data``), so that the end of the
  upgrade neither deletes them, nor their columns, nor the outbox's messages of
  those channels, and the new addons do not create them twice. A database that
  never used a channel does not get its addon: what it left (empty columns, the
  selection value) is removed as for any field that disappears.

The Telegram bot settings of the companies become ``ecabinet.telegram.bot``
records in the post-init hook of ``ecabinet_notification_telegram``.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools.sql import column_exists, table_exists

_logger = logging.getLogger(__name__)

OLD = "ecabinet_notification"
SMS = "ecabinet_notification_sms"
TELEGRAM = "ecabinet_notification_telegram"

# ir_model_data names (LIKE patterns) of ecabinet_notification that move.
MOVES = {
    SMS: [
        "model_ecabinet_sms_gateway",
        "field_ecabinet_sms_gateway\\_\\_%",
        "selection\\_\\_ecabinet_sms_gateway\\_\\_%",
        "access_ecabinet_sms_gateway_%",
        "ecabinet_sms_gateway_rule_company",
        "ecabinet_sms_gateway_view_%",
        "ecabinet_sms_gateway_action",
        "ecabinet_sms_gateway_menu",
        "field_sms_sms\\_\\_ecabinet_provider_message_id",
        "field_ecabinet_notification\\_\\_sms_id",
        "field_ecabinet_notification_preference\\_\\_channel_sms",
        "field_ecabinet_notification_event\\_\\_default_sms",
        "selection\\_\\_ecabinet_notification\\_\\_channel\\_\\_sms",
    ],
    TELEGRAM: [
        "field_res_partner\\_\\_ecabinet_telegram_%",
        "field_res_users\\_\\_ecabinet_telegram_%",
        "constraint_res_partner_ecabinet_telegram_chat_id_uniq",
        "field_ecabinet_notification\\_\\_telegram_answer%",
        "field_ecabinet_notification_preference\\_\\_channel_telegram",
        "field_ecabinet_notification_event\\_\\_default_telegram",
        "selection\\_\\_ecabinet_notification\\_\\_channel\\_\\_telegram",
        "res_partner_view_form_telegram",
        "ecabinet_notification_view_form_telegram",
    ],
}
CONSTRAINTS = {TELEGRAM: ["res_partner_ecabinet_telegram_chat_id_uniq"]}
# Views that inherit this addon's views and name fields that leave it: Odoo
# checks them with the views they extend while this addon's new code is loaded,
# and the fields would be missing. The Telegram settings are now a model (gone);
# the others go when their channel is not installed.
OBSOLETE_VIEWS = ["res_config_settings_view_form_telegram"]
CHANNEL_VIEWS = {
    TELEGRAM: [
        "res_partner_view_form_telegram",
        "ecabinet_notification_view_form_telegram",
    ],
}


def _count(cr, query):
    cr.execute(query)
    return cr.fetchone()[0]


def _uses_sms(cr):
    return bool(
        (
            table_exists(cr, "ecabinet_sms_gateway")
            and _count(cr, "SELECT count(*) FROM ecabinet_sms_gateway")
        )
        or _count(
            cr, "SELECT count(*) FROM ecabinet_notification WHERE channel = 'sms'"
        )
        or (
            column_exists(cr, "ecabinet_notification_preference", "channel_sms")
            and _count(
                cr,
                "SELECT count(*) FROM ecabinet_notification_preference "
                "WHERE channel_sms",
            )
        )
    )


def _uses_telegram(cr):
    return bool(
        (
            column_exists(cr, "res_company", "ecabinet_telegram_token")
            and _count(
                cr,
                "SELECT count(*) FROM res_company "
                "WHERE ecabinet_telegram_token IS NOT NULL",
            )
        )
        or (
            column_exists(cr, "res_partner", "ecabinet_telegram_chat_id")
            and _count(
                cr,
                "SELECT count(*) FROM res_partner "
                "WHERE ecabinet_telegram_chat_id IS NOT NULL",
            )
        )
        or _count(
            cr,
            "SELECT count(*) FROM ecabinet_notification WHERE channel = 'telegram'",
        )
        or (
            column_exists(cr, "ecabinet_notification_preference", "channel_telegram")
            and _count(
                cr,
                "SELECT count(*) FROM ecabinet_notification_preference "
                "WHERE channel_telegram",
            )
        )
    )


def _default_channels(cr):
    if column_exists(cr, "ecabinet_notification_event", "default_channels"):
        return
    if not column_exists(cr, "ecabinet_notification_event", "default_email"):
        return
    cr.execute(
        "ALTER TABLE ecabinet_notification_event ADD COLUMN default_channels varchar"
    )
    cr.execute(
        """
        UPDATE ecabinet_notification_event
           SET default_channels = NULLIF(concat_ws(',',
                   CASE WHEN default_email THEN 'email' END,
                   CASE WHEN default_sms THEN 'sms' END,
                   CASE WHEN default_telegram THEN 'telegram' END), '')
        """
    )


def _move_xmlids(cr, module):
    for pattern in MOVES[module]:
        cr.execute(
            """
            UPDATE ir_model_data
               SET module = %s
             WHERE module = %s AND name LIKE %s
               AND NOT EXISTS (
                   SELECT 1 FROM ir_model_data other
                    WHERE other.module = %s AND other.name = ir_model_data.name)
            """,
            [module, OLD, pattern, module],
        )
    for name in CONSTRAINTS.get(module, []):
        cr.execute(
            """
            UPDATE ir_model_constraint
               SET module = (SELECT id FROM ir_module_module WHERE name = %s)
             WHERE name = %s
            """,
            [module, name],
        )


def _drop_views(env, names):
    for name in names:
        view = env.ref(f"{OLD}.{name}", raise_if_not_found=False)
        if view:
            view.unlink()


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    _default_channels(cr)
    wanted = [
        module
        for module, used in ((SMS, _uses_sms(cr)), (TELEGRAM, _uses_telegram(cr)))
        if used
    ]
    _drop_views(env, OBSOLETE_VIEWS)
    for module, names in CHANNEL_VIEWS.items():
        if module not in wanted:
            _drop_views(env, names)
    if not wanted:
        return
    Module = env["ir.module.module"]
    if Module.search_count([("name", "in", wanted)]) < len(wanted):
        Module.update_list()
    modules = Module.search([("name", "in", wanted), ("state", "=", "uninstalled")])
    modules.button_install()
    for module in wanted:
        _move_xmlids(cr, module)
    _logger.info("Channels now in their own addons, installed: %s", ", ".join(wanted))
