# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Fault Tests",
    "summary": "Workers killed and database connections lost while the outbox sends: "
    "nothing lost, nothing sent twice, the secretariat sees and retries; signing "
    "with the timestamp authority and OCSP down; a database administrator reading a "
    "closed secret vote finds no member's choice",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": [
        "ecabinet_notification_sms",
        "ecabinet_notification_telegram",
        "ecabinet_sign",
        "ecabinet_console",
    ],
    "data": [],
    "installable": True,
}
