# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Digital Signatures",
    "summary": "PAdES signatures of minutes, conclusion notices and result sheets "
    "with CA certificates: two signatures with numbering in between, certificate "
    "checks, verification reports and a hash-chained audit log",
    "version": "18.0.1.2.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_opinion"],
    "external_dependencies": {
        "python": [
            "pyhanko",
            "pyhanko_certvalidator",
            "cryptography",
            "lxml",
            "xmlsec",
            "pkcs11",
            "requests",
        ],
        "bin": ["pdftotext"],
    },
    "data": [
        "security/ir.model.access.csv",
        "security/ecabinet_sign_security.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "data/sms_template_data.xml",
        "data/ecabinet_notification_event_data.xml",
        "report/ecabinet_sign_reports.xml",
        "report/ecabinet_sign_templates.xml",
        "wizard/ecabinet_sign_wizard_views.xml",
        "views/ecabinet_sign_request_views.xml",
        "views/ecabinet_sign_verification_views.xml",
        "views/ecabinet_sign_audit_views.xml",
        "views/ecabinet_sign_trust_root_views.xml",
        "views/ecabinet_sign_service_views.xml",
        "views/res_config_settings_views.xml",
        "views/res_partner_views.xml",
        "views/ecabinet_meeting_views.xml",
        "views/ecabinet_ballot_views.xml",
        "views/portal_templates.xml",
        "views/ecabinet_sign_menus.xml",
    ],
    "demo": ["demo/ecabinet_sign_demo.xml"],
    "assets": {
        "web.assets_tests": ["ecabinet_sign/static/tests/tours/*.js"],
    },
}
