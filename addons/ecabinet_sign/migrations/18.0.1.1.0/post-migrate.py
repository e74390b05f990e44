# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.0.0 -> 18.0.1.1.0.

- ``ecabinet_sign_request.source`` (minutes, conclusion, ballot, upload) ->
  ``ecabinet_sign_request.report_id``: the report each source printed; an
  uploaded document keeps an empty report.
- The signing services' system parameters ``ecabinet_sign.*`` -> one
  ``ecabinet.sign.service`` per company and provider (the parameters applied to
  every company); the parameters are then removed, so that the records are the
  one place of this configuration.
"""

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError

# The report each old source printed (module, XML id name).
SOURCE_REPORTS = {
    "minutes": ("ecabinet_meeting", "action_report_minutes"),
    "conclusion": ("ecabinet_meeting", "action_report_conclusion"),
    "ballot": ("ecabinet_opinion", "action_report_ballot_result"),
}
# provider -> {ecabinet.sign.service field: ir.config_parameter key}
SERVICE_PARAMS = {
    "pkcs11": {"module_path": "ecabinet_sign.pkcs11_module"},
    "csc": {
        "url": "ecabinet_sign.csc_url",
        "token_url": "ecabinet_sign.csc_token_url",
        "client_id": "ecabinet_sign.csc_client_id",
        "client_secret": "ecabinet_sign.csc_client_secret",
    },
    "vnpt_smartca": {
        "url": "ecabinet_sign.smartca_url",
        "client_id": "ecabinet_sign.smartca_sp_id",
        "client_secret": "ecabinet_sign.smartca_sp_password",
    },
    "viettel_mysign": {
        "url": "ecabinet_sign.mysign_url",
        "client_id": "ecabinet_sign.mysign_client_id",
        "client_secret": "ecabinet_sign.mysign_client_secret",
        "profile_id": "ecabinet_sign.mysign_profile_id",
    },
}


def _migrate_sources(cr):
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'ecabinet_sign_request' AND column_name = 'source'
        """
    )
    if not cr.fetchone():
        return
    for source, (module, name) in SOURCE_REPORTS.items():
        cr.execute(
            """
            UPDATE ecabinet_sign_request request
               SET report_id = data.res_id
              FROM ir_model_data data
             WHERE data.module = %s AND data.name = %s
               AND data.model = 'ir.actions.report'
               AND request.source = %s AND request.report_id IS NULL
            """,
            [module, name, source],
        )


def _create_service(Service, vals):
    """The service as the parameters said it; an address the form would refuse
    (no http:// or https://, never checked before) is kept as it was, for the
    administrator to correct."""
    try:
        with Service.env.cr.savepoint():
            Service.create(vals)
    except ValidationError:
        columns = list(vals)
        Service.env.cr.execute(
            f"""INSERT INTO ecabinet_sign_service
                    ({", ".join(columns)}, active, create_uid, create_date,
                     write_uid, write_date)
                VALUES ({", ".join(["%s"] * len(columns))}, true, %s,
                        now() at time zone 'UTC', %s, now() at time zone 'UTC')""",
            [*vals.values(), SUPERUSER_ID, SUPERUSER_ID],
        )


def _migrate_services(env):
    keys = [key for fields in SERVICE_PARAMS.values() for key in fields.values()]
    env.cr.execute(
        "SELECT key, value FROM ir_config_parameter WHERE key IN %s", [tuple(keys)]
    )
    params = {key: value for key, value in env.cr.fetchall() if value}
    Service = env["ecabinet.sign.service"].with_context(active_test=False)
    labels = dict(Service._fields["provider"].selection)
    companies = env["res.company"].with_context(active_test=False).search([])
    for provider, fields in SERVICE_PARAMS.items():
        values = {field: params[key] for field, key in fields.items() if key in params}
        if not values:
            continue
        for company in companies:
            _create_service(
                Service,
                {
                    "name": labels[provider],
                    "provider": provider,
                    "company_id": company.id,
                    **values,
                },
            )
    env.cr.execute("DELETE FROM ir_config_parameter WHERE key IN %s", [tuple(keys)])


def migrate(cr, version):
    _migrate_sources(cr)
    _migrate_services(api.Environment(cr, SUPERUSER_ID, {}))
