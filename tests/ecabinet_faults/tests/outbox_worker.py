# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Run one pass of the outbox cron in its own Odoo process, as a cron worker does:
``python3 outbox_worker.py <odoo options> --database=DB``."""

import sys

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry


def main(argv):
    odoo.tools.config.parse_config(argv)
    dbname = odoo.tools.config["db_name"].split(",")[0]
    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["ecabinet.notification"]._cron_send()
    sys.stdout.write("outbox pass done\n")


if __name__ == "__main__":
    main(sys.argv[1:])
