# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Task Follow-up",
    "summary": "Tasks from conclusions: progress, extensions, statuses of the national "
    "task-tracking system, deadline warnings and escalation",
    "version": "18.0.1.1.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_meeting"],
    "data": [
        "security/ir.model.access.csv",
        "security/ecabinet_tasks_security.xml",
        "report/ecabinet_task_reports.xml",
        "report/ecabinet_task_templates.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "data/sms_template_data.xml",
        "data/ecabinet_notification_event_data.xml",
        "wizard/ecabinet_task_report_wizard_views.xml",
        "views/ecabinet_task_views.xml",
        "views/ecabinet_committee_views.xml",
        "views/portal_templates.xml",
        "views/ecabinet_tasks_menus.xml",
    ],
    "demo": ["demo/ecabinet_tasks_demo.xml"],
    "assets": {
        "web.assets_tests": ["ecabinet_tasks/static/tests/tours/*.js"],
    },
}
