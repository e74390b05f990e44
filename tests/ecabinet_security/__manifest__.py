# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Security Tests",
    "summary": "Access matrix (ORM, JSON-RPC, portal routes), portal attacks and bad "
    "input across the e-Cabinet addons",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": [
        "ecabinet_tasks_opinion",
        "ecabinet_console",
        "ecabinet_meeting_call",
        "ecabinet_sign",
        "ecabinet_notification_sms",
        "ecabinet_notification_telegram",
        "ecabinet_offline",
        "ecabinet_auth",
    ],
    "data": [],
    "installable": True,
}
