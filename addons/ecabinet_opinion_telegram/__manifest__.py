# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Ballots answered on Telegram",
    "summary": "Bridge: members answer one-question opinion ballots with the buttons "
    "of their Telegram message",
    "version": "18.0.1.1.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_opinion", "ecabinet_notification_telegram"],
    "auto_install": True,
    "data": [],
}
