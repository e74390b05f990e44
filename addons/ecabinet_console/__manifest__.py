# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Live Session Console",
    "summary": "Run a session from screens in real time: chair's and secretariat's "
    "console, projector view, members' tablets, over Odoo's bus",
    "version": "18.0.1.1.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_opinion", "bus"],
    "data": [
        "views/ecabinet_meeting_views.xml",
        "views/ecabinet_console_templates.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "ecabinet_console/static/src/shared/**/*",
            "ecabinet_console/static/src/console/**/*",
        ],
        "web.assets_frontend": [
            "ecabinet_console/static/src/shared/**/*",
            "ecabinet_console/static/src/public/**/*",
        ],
        "web.assets_tests": ["ecabinet_console/static/tests/tours/*.js"],
    },
}
