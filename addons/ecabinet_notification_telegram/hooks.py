# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools.sql import column_exists

# Until 18.0.1.0.0 the bot was configured on the company (and its timeout in a
# system parameter), by ecabinet_notification.
OLD_TIMEOUT_PARAM = "ecabinet_notification.telegram_timeout"


def post_init_hook(env):
    """Installed by the upgrade of a database that used Telegram: each company's
    bot settings become its ``ecabinet.telegram.bot`` (the company columns are
    dropped when ecabinet_notification's upgrade ends)."""
    cr = env.cr
    if not column_exists(cr, "res_company", "ecabinet_telegram_token"):
        return
    cr.execute(
        """
        SELECT id, name, ecabinet_telegram_token, ecabinet_telegram_api_url,
               ecabinet_telegram_bot_username, ecabinet_telegram_webhook_secret
          FROM res_company
         WHERE ecabinet_telegram_token IS NOT NULL
            OR ecabinet_telegram_webhook_secret IS NOT NULL
            OR ecabinet_telegram_bot_username IS NOT NULL
         ORDER BY id
        """
    )
    rows = cr.fetchall()
    Param = env["ir.config_parameter"].sudo()
    timeout = Param.get_param(OLD_TIMEOUT_PARAM)
    Bot = env["ecabinet.telegram.bot"].sudo().with_context(active_test=False)
    for company_id, name, token, url, username, secret in rows:
        if Bot.search_count([("company_id", "=", company_id)]):
            continue
        vals = {
            "name": name,
            "company_id": company_id,
            "token": token,
            "url": url or None,
            "bot_username": username,
            "webhook_secret": secret,
        }
        if timeout:
            vals["timeout"] = max(1, round(float(timeout)))
        Bot.create({key: value for key, value in vals.items() if value is not None})
    if timeout:
        Param.search([("key", "=", OLD_TIMEOUT_PARAM)]).unlink()
