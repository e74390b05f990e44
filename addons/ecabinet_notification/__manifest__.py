# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Notifications",
    "summary": "One outbox for every channel (email here, SMS and Telegram in their "
    "addons): retried, never lost, never sent twice",
    "version": "18.0.1.1.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_base", "mail", "sms", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/ecabinet_notification_security.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "data/sms_template_data.xml",
        "data/ecabinet_notification_event_data.xml",
        "views/ecabinet_notification_views.xml",
        "views/ecabinet_notification_event_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_templates.xml",
        "views/ecabinet_notification_menus.xml",
    ],
}
