# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Notifications by Telegram",
    "summary": "Telegram channel of the e-Cabinet outbox: the company's bot, chats "
    "linked from the portal, answers with buttons",
    "version": "18.0.1.1.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_notification", "portal"],
    "external_dependencies": {"python": ["python-telegram-bot"]},
    "data": [
        "security/ir.model.access.csv",
        "security/ecabinet_notification_telegram_security.xml",
        "views/ecabinet_telegram_bot_views.xml",
        "views/ecabinet_notification_views.xml",
        "views/ecabinet_notification_event_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_templates.xml",
        "views/ecabinet_notification_telegram_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "ecabinet_notification_telegram/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
}
