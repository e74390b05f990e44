# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Remote Participation",
    "summary": "Members who cannot come attend online: a Discuss channel and call per "
    "session, admission by the secretariat, the session's chat and a private line "
    "to the secretariat",
    "version": "18.0.1.0.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_console", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/ecabinet_meeting_call_security.xml",
        "views/ecabinet_meeting_remote_request_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "ecabinet_meeting_call/static/src/remote_call.js",
            "ecabinet_meeting_call/static/src/console_call.js",
            "ecabinet_meeting_call/static/src/console_call.xml",
        ],
        "web.assets_frontend": [
            "ecabinet_meeting_call/static/src/remote_call.js",
            "ecabinet_meeting_call/static/src/member_call.js",
            "ecabinet_meeting_call/static/src/member_call.xml",
        ],
        "web.assets_tests": [
            "ecabinet_meeting_call/static/tests/tours/ecabinet_meeting_call_tour.js"
        ],
        "mail.assets_discuss_public_test_tours": [
            "ecabinet_meeting_call/static/tests/tours/ecabinet_meeting_call_join_tour.js"
        ],
    },
}
