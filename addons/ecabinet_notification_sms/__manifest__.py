# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Notifications by SMS",
    "summary": "SMS channel of the e-Cabinet outbox, through a brandname provider's "
    "HTTP gateway; Odoo's own SMS take the same way",
    "version": "18.0.1.1.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_notification", "sms"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/ir.model.access.csv",
        "security/ecabinet_notification_sms_security.xml",
        "views/ecabinet_sms_gateway_views.xml",
        "views/ecabinet_notification_views.xml",
        "views/ecabinet_notification_event_views.xml",
        "views/res_partner_views.xml",
        "views/ecabinet_notification_sms_menus.xml",
    ],
}
