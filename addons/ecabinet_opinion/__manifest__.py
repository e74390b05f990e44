# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Opinion Ballots and Votes",
    "summary": "Written opinion ballots between sessions and votes during them: "
    "one voting engine with the committee's rules, secret votes, result sheets",
    "version": "18.0.1.1.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_meeting"],
    "data": [
        "security/ir.model.access.csv",
        "security/ecabinet_opinion_security.xml",
        "report/ecabinet_ballot_reports.xml",
        "report/ecabinet_ballot_templates.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "data/sms_template_data.xml",
        "data/ecabinet_notification_event_data.xml",
        "views/ecabinet_ballot_views.xml",
        "views/ecabinet_committee_views.xml",
        "views/ecabinet_meeting_agenda_item_views.xml",
        "views/portal_templates.xml",
        "views/ecabinet_opinion_menus.xml",
    ],
    "demo": ["demo/ecabinet_opinion_demo.xml"],
    "uninstall_hook": "uninstall_hook",
    "assets": {
        "web.assets_tests": ["ecabinet_opinion/static/tests/tours/*.js"],
    },
}
