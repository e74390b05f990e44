# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Upgrade Tests",
    "summary": "A database of the previous release, with its demo data and the "
    "settings of every channel and signing service, upgraded with -u to this code: "
    "every record and value of e-Cabinet is still there",
    "version": "18.0.1.1.0",
    "category": "Hidden/Tests",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_base"],
    "data": [],
    "installable": True,
}
