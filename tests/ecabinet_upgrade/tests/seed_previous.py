# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fill a database of the previous release with what its demo data does not hold
and an agency's database does: ``python3 seed_previous.py <odoo options> -d DB``,
run with the previous release's addons on the addons path.

It writes through SQL where a value is a setting (so that it works whatever the
state of the record), and through the previous release's own ORM where a record
must be made as that release makes it. Nothing here may import this release's
code: it runs against the old one.
"""

import sys

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

# The settings of the signing services, as the previous release kept them.
SIGN_PARAMS = {
    "ecabinet_sign.pkcs11_module": "/usr/lib/softhsm/libsofthsm2.so",
    "ecabinet_sign.csc_url": "https://csc.example.vn/csc/v1",
    "ecabinet_sign.csc_token_url": "https://csc.example.vn/oauth2/token",
    "ecabinet_sign.csc_client_id": "ubnd-csc-client",
    "ecabinet_sign.csc_client_secret": "csc-secret-1",
    "ecabinet_sign.smartca_url": "https://gwsca.vnpt.vn/sca/sp769/v1",
    "ecabinet_sign.smartca_sp_id": "ubnd-sp",
    "ecabinet_sign.smartca_sp_password": "smartca-secret-2",
    "ecabinet_sign.mysign_url": "https://remotesigning.viettel.vn",
    "ecabinet_sign.mysign_client_id": "ubnd-mysign",
    "ecabinet_sign.mysign_client_secret": "mysign-secret-3",
    "ecabinet_sign.mysign_profile_id": "adss:ras:profile:001",
}


def seed(env):
    cr = env.cr
    company = env.ref("base.main_company")
    # Telegram: the bot of the company and members who linked their account.
    cr.execute(
        """UPDATE res_company SET ecabinet_telegram_token = %s,
                  ecabinet_telegram_api_url = %s,
                  ecabinet_telegram_bot_username = %s,
                  ecabinet_telegram_webhook_secret = %s
            WHERE id = %s""",
        [
            "123456:ABC-upgrade-token",
            "http://127.0.0.1:1/bot",
            "ubnd_ecabinet_bot",
            "webhook-secret-4",
            company.id,
        ],
    )
    members = env["ecabinet.committee.member"].search([], limit=3).partner_id
    for n, partner in enumerate(members, start=1):
        cr.execute(
            """UPDATE res_partner SET ecabinet_telegram_chat_id = %s,
                      ecabinet_telegram_username = %s WHERE id = %s""",
            [str(700000 + n), f"member{n}", partner.id],
        )
    # An SMS gateway, as the secretariat configures it.
    gateway = env["ecabinet.sms.gateway"].search([], limit=1)
    if not gateway:
        gateway = env["ecabinet.sms.gateway"].create(
            {
                "name": "Brandname SMS UBND",
                "company_id": company.id,
                "url": "http://127.0.0.1:1/sms",
                "api_key": "sms-key-5",
                "sender": "UBND",
            }
        )
    # The signing services.
    params = env["ir.config_parameter"].sudo()
    for key, value in SIGN_PARAMS.items():
        params.set_param(key, value)
    params.set_param("ecabinet_notification.telegram_timeout", "7")
    # Notes for the minutes on every item of a session that took place.
    cr.execute(
        """UPDATE ecabinet_meeting_agenda_item
              SET minute_notes = 'Ghi chú biên bản của mục ' || id"""
    )
    # Members' private notes on the pack (ecabinet.meeting.note), with and without
    # a page, as the session page saved them: they become pinned notes.
    cr.execute(
        """INSERT INTO ecabinet_meeting_note
               (document_id, meeting_id, user_id, page, body,
                create_uid, create_date, write_uid, write_date)
           SELECT d.id, d.meeting_id, u.id,
                  CASE WHEN MOD(d.id, 2) = 0 THEN 2 END,
                  'Ghi chú riêng của ' || u.id || ' về tài liệu ' || d.id,
                  u.id, now(), u.id, now()
             FROM ecabinet_meeting_document d
            CROSS JOIN (SELECT id FROM res_users WHERE share AND active
                         ORDER BY id LIMIT 2) u"""
    )
    # A signature request of every kind the previous release knew.
    users = env["res.users"].search(
        [("groups_id", "in", env.ref("ecabinet_base.group_chair").id)], limit=1
    )
    requests = env["ecabinet.sign.request"]
    meeting = env["ecabinet.meeting"].search([], limit=1)
    ballot = env["ecabinet.ballot"].search([], limit=1)
    for record, source in ((meeting, "minutes"), (meeting, "conclusion")):
        requests |= requests._ecabinet_create_for(
            record, source, users, committee=record.committee_id
        )
    requests |= requests._ecabinet_create_for(
        ballot, "ballot", users, committee=ballot.committee_id
    )
    # Messages in the outbox on every channel of the previous release.
    event = env["ecabinet.notification.event"].search([], limit=1)
    partner = members[:1]
    for channel in ("email", "sms", "telegram"):
        # the outbox admits no record but dispatch's: written as it writes them
        cr.execute(
            """INSERT INTO ecabinet_notification
                   (partner_id, channel, event_id, res_model, res_id, address,
                    subject, body, state, attempts, next_attempt, sent_date,
                    provider_message_id, idempotency_key, company_id,
                    create_uid, create_date, write_uid, write_date)
               VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 'sent', 1, now(), now(),
                       %s, %s, %s, 1, now(), 1, now())""",
            [
                partner.id,
                channel,
                event.id,
                meeting._name,
                meeting.id,
                {"email": partner.email, "sms": "+84912345678"}.get(channel, "700001"),
                f"Upgrade check {channel}",
                f"Tin nhắn kiểm tra nâng cấp ({channel})",
                f"provider-{channel}",
                f"upgrade-check-{channel}",
                company.id,
            ],
        )
    cr.execute(
        """UPDATE ecabinet_notification SET telegram_answer = 'approve',
                  telegram_answer_date = now() WHERE channel = 'telegram'"""
    )


def main(argv):
    odoo.tools.config.parse_config(argv)
    dbname = odoo.tools.config["db_name"].split(",")[0]
    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        seed(env)
    sys.stdout.write("seeded\n")


if __name__ == "__main__":
    main(sys.argv[1:])
