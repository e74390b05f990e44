"""Outbox throughput: e-Cabinet notifications vs Odoo's own mail.mail batch send.

Queues and sends one email to each of 500 recipients through
``ecabinet.notification.dispatch`` and the outbox cron, and sends the same 500 emails
as plain ``mail.mail`` records with ``mail.mail.send()``; both deliver to the same real
SMTP server on loopback (aiosmtpd). Prints time and queries per recipient and the ratio.
"""

import itertools

from _data import SmtpSink, email_only_event
from _odoo_bench import bench_database, measure, report

RECIPIENTS = 500


def main():
    with bench_database(["ecabinet_notification"]) as env:
        smtp = SmtpSink()
        smtp.route(env)
        env.company.ecabinet_notification_batch_size = RECIPIENTS
        event = email_only_event(env, "bench")
        counter = itertools.count()

        def people():
            batch = next(counter)
            return env["res.partner"].create(
                [
                    {
                        "name": f"Member {batch}-{n}",
                        "email": f"m{batch}.{n}@binhminh.example",
                    }
                    for n in range(RECIPIENTS)
                ]
            )

        about = env.ref("base.main_partner")
        audiences = [people() for _ in range(6)]
        template = env.ref("ecabinet_notification.mail_template_test")

        def ours(run):
            env["ecabinet.notification"].dispatch(about, event, audiences[run], key=run)
            env["ecabinet.notification"]._cron_send()

        def odoo_batch(run):
            recipients = audiences[3 + run]
            subject = template._render_field("subject", about.ids)[about.id]
            body = template._render_field("body_html", about.ids)[about.id]
            mails = env["mail.mail"].create(
                [
                    {
                        "subject": subject,
                        "body_html": body,
                        "email_from": env.company.email,
                        "recipient_ids": [(4, p.id)],
                        "model": "res.partner",
                        "res_id": about.id,
                        "auto_delete": False,
                    }
                    for p in recipients
                ]
            )
            mails.send()

        with smtp:
            ours_t, ours_q = measure(env, ours)
            odoo_t, odoo_q = measure(env, odoo_batch)
        sent = env["ecabinet.notification"].search_count([("state", "=", "sent")])
        assert sent == 3 * RECIPIENTS, f"only {sent} notifications sent"
        assert len(smtp.messages) == 6 * RECIPIENTS, len(smtp.messages)
        report(
            f"{RECIPIENTS} emails, median of 3 runs (same SMTP server, same database)",
            [
                ("e-Cabinet dispatch + outbox cron", ours_t, ours_q, RECIPIENTS),
                ("Odoo mail.mail create + send", odoo_t, odoo_q, RECIPIENTS),
            ],
            (ours_t, ours_q),
            (odoo_t, odoo_q),
        )


if __name__ == "__main__":
    main()
