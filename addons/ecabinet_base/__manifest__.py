# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Base",
    "summary": "Committees, members, agencies, confidentiality levels and working "
    "days shared by every e-Cabinet addon",
    "version": "18.0.1.1.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "application": True,
    "depends": ["mail", "portal", "resource"],
    "external_dependencies": {"python": ["holidays"]},
    "data": [
        "security/ecabinet_base_groups.xml",
        "security/ir.model.access.csv",
        "security/ecabinet_base_security.xml",
        "data/resource_calendar_data.xml",
        "data/ir_cron_data.xml",
        "views/ecabinet_committee_views.xml",
        "views/ecabinet_committee_member_views.xml",
        "views/ecabinet_document_views.xml",
        "views/res_partner_views.xml",
        "views/resource_calendar_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_templates.xml",
        "views/ecabinet_base_menus.xml",
    ],
    "demo": [
        "demo/ecabinet_base_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "ecabinet_base/static/tests/tours/*.js",
        ],
    },
}
