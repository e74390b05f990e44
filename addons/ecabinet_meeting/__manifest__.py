# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Sessions",
    "summary": "Paperless committee sessions: agenda, pack, invitations, substitutes, "
    "check-in and quorum, speakers, conclusions, minutes and statistics",
    "version": "18.0.1.4.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_base", "ecabinet_notification", "bus", "portal", "resource"],
    "data": [
        "security/ir.model.access.csv",
        "security/ecabinet_meeting_security.xml",
        "report/ecabinet_meeting_reports.xml",
        "report/ecabinet_meeting_templates.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "data/sms_template_data.xml",
        "data/ecabinet_notification_event_data.xml",
        "wizard/ecabinet_meeting_start_views.xml",
        "views/ecabinet_meeting_speech_views.xml",
        "views/ecabinet_meeting_views.xml",
        "views/ecabinet_meeting_recusal_views.xml",
        "views/ecabinet_meeting_agenda_item_views.xml",
        "views/ecabinet_meeting_attendee_views.xml",
        "views/ecabinet_meeting_document_views.xml",
        "views/ecabinet_committee_views.xml",
        "views/portal_templates.xml",
        "views/ecabinet_meeting_menus.xml",
    ],
    "demo": ["demo/ecabinet_meeting_demo.xml"],
    "assets": {
        "web.assets_frontend": ["ecabinet_meeting/static/src/reader/*"],
        "web.assets_tests": ["ecabinet_meeting/static/tests/tours/*.js"],
    },
}
