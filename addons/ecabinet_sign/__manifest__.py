# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Signatures",
    "version": "18.0.1.0.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_base"],
    "data": [],
}
