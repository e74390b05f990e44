# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet UI Crawl Tests",
    "summary": "Every e-Cabinet screen opened in Chromium in Vietnamese for every role and "
    "size, and every report rendered to PDF and read back",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": [
        "ecabinet_tasks_opinion",
        "ecabinet_console",
        "ecabinet_sign",
        "ecabinet_notification_sms",
        "ecabinet_notification_telegram",
    ],
    "data": [],
    "assets": {
        # Injected by tests/test_crawl.py into every page it opens (portal and
        # public pages too); registered here for tours run with debug=tests.
        "web.assets_tests": ["ecabinet_ui_crawl/static/tests/ui_crawl.js"],
    },
    "installable": True,
}
