# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Tasks from Ballot Decisions",
    "summary": "Assign follow-up tasks from the decision of an opinion ballot",
    "version": "18.0.1.1.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_tasks", "ecabinet_opinion"],
    "auto_install": True,
    "data": [
        "wizard/ecabinet_task_assign_wizard_views.xml",
        "views/ecabinet_ballot_views.xml",
        "views/ecabinet_task_views.xml",
    ],
}
