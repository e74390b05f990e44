# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.0.0 -> 18.0.1.1.0: the closed ``source`` selection of sign requests
gives way to ``report_id``. Keep the old column (and its values) for the
post-migration; it no longer is required, so that requests created during the
upgrade do not need it. Odoo drops it at the end of the upgrade."""


def migrate(cr, version):
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'ecabinet_sign_request' AND column_name = 'source'
        """
    )
    if cr.fetchone():
        cr.execute(
            "ALTER TABLE ecabinet_sign_request ALTER COLUMN source DROP NOT NULL"
        )
