# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Offline Pack",
    "summary": "The member portal as an installable web app that keeps the packs of "
    "the member's next sessions encrypted on the device, readable without network, "
    "and erased when the key is withdrawn",
    "version": "18.0.1.1.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_meeting"],
    "data": [
        "security/ir.model.access.csv",
        "views/ecabinet_offline_device_views.xml",
        "views/ecabinet_committee_views.xml",
        "views/ecabinet_meeting_attendee_views.xml",
        "views/ecabinet_meeting_document_views.xml",
        "views/ecabinet_committee_member_views.xml",
        "views/portal_templates.xml",
        "views/ecabinet_offline_menus.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "ecabinet_offline/static/src/js/**/*",
            "ecabinet_offline/static/src/scss/**/*",
        ],
    },
}
