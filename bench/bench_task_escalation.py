"""Daily task cron: cost that follows the warnings, not the tasks.

A province's task book: at each size (20,000 then 200,000 tasks, same database), the
same 2,000 tasks (1% of 200,000) reach a warning step today, 500 of each (3 working
days left, due today, overdue since yesterday, 5 working days overdue), and 2,000
more sit near their deadline already warned; every other task is done, cancelled, a
regular duty, far from its deadline or escalated long ago. Rows are written with SQL
(INSERT ... SELECT generate_series), dates from the committee's working-day
calendar.

Measured at each size, in the same run and database:

- ours: ``ecabinet.task._cron_refresh_status()`` then ``_cron_warn()`` (batches of
  1,000 that commit, working days, one notification per warning queued in the outbox),
  then the outbox cron ``ecabinet.notification._cron_send()`` until it is empty;
- the reference: the plain SQL status refresh (one ``UPDATE`` of the tasks whose
  status changes, same WHERE clause) and the same 2,000 warnings as Odoo ``mail.mail``
  (subject and body rendered from the same templates, ``create`` then ``send``).

Both send to the same SMTP sink on loopback. Prints time and queries of both (medians
of 3 runs, in alternating order), their ratio at each size, and how ours grows from
20,000 to 200,000 tasks; exits non-zero when ours costs more than 3x the reference or
its queries grow with the tasks.
"""

import statistics
import sys
import time
from datetime import timedelta

from _data import SmtpSink
from _odoo_bench import bench_database, report

SIZES = (20_000, 200_000)
PER_STEP = 500  # tasks reaching each of the 4 steps today: 2,000 warnings
NEAR = 2_000  # tasks near their deadline, warned already
AGENCIES = 20
GOAL = 3.0  # ours / reference, time
REPEAT = 3  # runs of each at each size: the medians are printed

# Untouched tasks, by n % 20: 12 done, 4 open with a deadline 3 weeks to a year
# away, 2 escalated long ago, 1 cancelled, 1 regular duty.
FAR_TASKS = """
    INSERT INTO ecabinet_task
        (name, committee_id, company_id, lead_agency_id, deadline, date_done,
         status, warned_step, is_regular, cancelled, completion_requested, priority,
         progress, create_date, write_date)
    SELECT 'Task ' || n, %(committee)s, %(company)s,
           (%(agencies)s::int[])[1 + n %% %(agency_count)s],
           CASE WHEN n %% 20 = 19 THEN NULL
                WHEN n %% 20 BETWEEN 12 AND 15
                THEN %(today)s::date + 21 + n %% 330
                ELSE %(today)s::date - 30 - n %% 900 END,
           CASE WHEN n %% 20 < 12 THEN %(today)s::date - 33 - n %% 900 END,
           CASE WHEN n %% 20 < 12 THEN 'done_on_time'
                WHEN n %% 20 IN (16, 17) THEN 'open_overdue'
                WHEN n %% 20 = 18 THEN 'cancelled'
                ELSE 'open_within_term' END,
           CASE WHEN n %% 20 IN (16, 17) THEN 'escalation' END,
           n %% 20 = 19, n %% 20 = 18, FALSE, '0', 0,
           now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
      FROM generate_series(%(first)s, %(last)s) AS n
"""
# Tasks near a threshold: (deadline, status, warned_step) for one group of rows.
NEAR_TASKS = """
    INSERT INTO ecabinet_task
        (name, committee_id, company_id, lead_agency_id, deadline, status,
         warned_step, is_regular, cancelled, completion_requested, priority, progress,
         create_date, write_date)
    SELECT %(label)s || ' ' || n, %(committee)s, %(company)s,
           (%(agencies)s::int[])[1 + n %% %(agency_count)s], %(deadline)s,
           %(status)s, %(warned)s, FALSE, FALSE, FALSE, '0', 0,
           now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
      FROM generate_series(1, %(count)s) AS n
    RETURNING id
"""


def setup(env, smtp):
    smtp.route(env)
    env.company.ecabinet_notification_batch_size = 1000
    committee = env["ecabinet.committee"].create(
        {"name": "Bench committee", "code": "BENCH"}
    )
    chair = env["res.partner"].create({"name": "Chair", "email": "chair@bench.example"})
    committee.member_ids = [
        (
            0,
            0,
            {"partner_id": chair.id, "position": "chair", "date_start": "2020-01-01"},
        )
    ]
    agencies = env["res.partner"].create(
        [
            {
                "name": f"Agency {n}",
                "is_company": True,
                "is_ecabinet_agency": True,
                "email": f"agency{n}@bench.example",
            }
            for n in range(AGENCIES)
        ]
    )
    return committee, agencies


def insert_near(env, committee, agencies, today):
    """The tasks near a threshold: ``{step: (ids, status, warned_step)}`` for those
    reaching ``step`` today, and ``"near"`` for those warned already."""
    calendar = committee.calendar_id
    day = timedelta(days=1)
    escalate = committee.task_escalation_days
    groups = {
        "before": (
            calendar.ecabinet_add_working_days(today, committee.task_warn_days),
            "open_within_term",
            None,
        ),
        "due": (today, "open_within_term", "before"),
        "overdue": (today - day, "open_within_term", "due"),
        "escalation": (
            calendar.ecabinet_add_working_days(today, -(escalate + 1)),
            "open_overdue",
            "overdue",
        ),
        "near_before": (today + day * 2, "open_within_term", "before"),
        "near_overdue": (today - day * 2, "open_overdue", "overdue"),
    }
    rows = {}
    for label, (deadline, status, warned) in groups.items():
        env.cr.execute(
            NEAR_TASKS,
            {
                "label": label,
                "committee": committee.id,
                "company": committee.company_id.id,
                "agencies": agencies.ids,
                "agency_count": len(agencies),
                "deadline": deadline,
                "status": status,
                "warned": warned,
                "count": NEAR // 2 if label.startswith("near") else PER_STEP,
            },
        )
        rows[label] = ([row[0] for row in env.cr.fetchall()], status, warned)
    return rows


def reset(env, rows):
    """Put the tasks near a threshold back as they were, and forget the warnings
    sent (their idempotency keys would hold back the next run's) and their emails
    (so that no run pays for the tables its predecessors filled)."""
    for ids, status, warned in rows.values():
        env.cr.execute(
            "UPDATE ecabinet_task SET status = %s, warned_step = %s WHERE id = ANY(%s)",
            [status, warned, ids],
        )
    env.cr.execute("DELETE FROM ecabinet_notification")
    env.cr.execute("DELETE FROM mail_message WHERE model = 'ecabinet.task'")
    env.cr.commit()
    env.invalidate_all()


def insert_far(env, committee, agencies, today, first, last):
    env.cr.execute(
        FAR_TASKS,
        {
            "committee": committee.id,
            "company": committee.company_id.id,
            "agencies": agencies.ids,
            "agency_count": len(agencies),
            "today": today,
            "first": first,
            "last": last,
        },
    )


def reference(env, rows, today, chair):
    """One SQL UPDATE of the statuses that change, and the same warnings as Odoo
    mail.mail rendered from the same templates, created and sent."""
    Task = env["ecabinet.task"]
    env.cr.execute(
        """
        UPDATE ecabinet_task SET status = 'open_overdue'
         WHERE status = 'open_within_term' AND date_done IS NULL
           AND cancelled IS NOT TRUE AND is_regular IS NOT TRUE AND deadline < %s
        """,
        [today],
    )
    changed = env.cr.rowcount
    vals_list = []
    for step in ("before", "due", "overdue", "escalation"):
        tasks = Task.browse(rows[step][0])
        template = env.ref(f"ecabinet_tasks.event_task_{step}").mail_template_id
        subjects = template._render_field("subject", tasks.ids)
        bodies = template._render_field("body_html", tasks.ids)
        vals_list += [
            {
                "subject": subjects[task.id],
                "body_html": bodies[task.id],
                "email_from": env.company.email_formatted,
                "recipient_ids": [
                    (4, (chair if step == "escalation" else task.lead_agency_id).id)
                ],
                "model": "ecabinet.task",
                "res_id": task.id,
                "auto_delete": False,
                "message_type": "email_outgoing",
            }
            for task in tasks
        ]
    mails = env["mail.mail"].create(vals_list)
    mails.send()
    env.cr.commit()
    return changed, mails


def ours(env):
    """The two task crons, then the outbox's; returns the time and queries of the
    task crons alone (what selects the tasks and queues their warnings)."""
    crons = timed(env, run_task_crons)[0]
    Notification = env["ecabinet.notification"]
    while Notification.search_count([("state", "=", "queued")]):
        Notification._cron_send()
    env.cr.commit()
    return crons


def run_task_crons(env):
    env["ecabinet.task"]._cron_refresh_status()
    env["ecabinet.task"]._cron_warn()


def timed(env, func, *args):
    env.flush_all()
    start_q, start = env.cr.sql_log_count, time.perf_counter()
    result = func(env, *args)
    env.flush_all()
    return (time.perf_counter() - start, env.cr.sql_log_count - start_q), result


def check(env, rows, smtp, sent_before):
    Notification = env["ecabinet.notification"]
    sent = Notification.search_count([("state", "=", "sent")])
    assert sent == 4 * PER_STEP, f"{sent} warnings sent"
    for step in ("before", "due", "overdue", "escalation"):
        steps = set(env["ecabinet.task"].browse(rows[step][0]).mapped("warned_step"))
        assert steps == {step}, (step, steps)
    for label, (ids, _status, warned) in rows.items():
        if label.startswith("near"):
            steps = set(env["ecabinet.task"].browse(ids).mapped("warned_step"))
            assert steps == {warned}, (label, steps)
    assert len(smtp.messages) - sent_before == 4 * PER_STEP, len(smtp.messages)


def measure_both(env, rows, smtp, today, chair, run):
    """One run of each, the reference first on even runs, ours first on odd ones:
    ``(ours, task crons, reference)``, each ``(seconds, queries)``."""
    results = {}
    for side in ("reference", "ours") if run % 2 == 0 else ("ours", "reference"):
        reset(env, rows)
        sent_before = len(smtp.messages)
        if side == "reference":
            results[side], (changed, _mails) = timed(env, reference, rows, today, chair)
            assert changed == PER_STEP, changed
            assert len(smtp.messages) - sent_before == 4 * PER_STEP
        else:
            results[side], results["crons"] = timed(env, ours)
            check(env, rows, smtp, sent_before)
    return results["ours"], results["crons"], results["reference"]


def main():
    from odoo import fields  # noqa: PLC0415 (importable once the bench set it up)

    results = {}
    with bench_database(["ecabinet_tasks"]) as env, SmtpSink() as smtp:
        committee, agencies = setup(env, smtp)
        chair = committee.chair_id
        today = fields.Date.context_today(env["ecabinet.task"])
        rows = insert_near(env, committee, agencies, today)
        env.cr.commit()
        for step in ("before", "due", "overdue", "escalation"):  # compile, for both
            template = env.ref(f"ecabinet_tasks.event_task_{step}").mail_template_id
            template._render_field("body_html", rows[step][0][:1])
        done = 0
        for size in SIZES:
            far = size - 2 * NEAR
            insert_far(env, committee, agencies, today, done + 1, far)
            done = far
            env.cr.execute("ANALYZE ecabinet_task")
            count = env["ecabinet.task"].search_count([])
            assert count == size, count
            runs = [
                measure_both(env, rows, smtp, today, chair, n) for n in range(REPEAT)
            ]
            mine, crons, theirs = (
                tuple(statistics.median(run[part][i] for run in runs) for i in (0, 1))
                for part in range(3)
            )
            results[size] = (mine, theirs, crons)
            report(
                f"{size:,} tasks, {4 * PER_STEP:,} warnings, median of {REPEAT} runs"
                " (same database, same run)",
                [
                    (
                        "e-Cabinet crons (status + warnings + outbox)",
                        *mine,
                        4 * PER_STEP,
                    ),
                    ("  of which the task crons (select, queue)", *crons, 4 * PER_STEP),
                    (
                        "SQL UPDATE + Odoo mail.mail create + send",
                        *theirs,
                        4 * PER_STEP,
                    ),
                ],
                mine,
                theirs,
            )
    (small, small_ref, small_crons) = results[SIZES[0]]
    (large, large_ref, large_crons) = results[SIZES[1]]
    print(
        f"\n  ours from {SIZES[0]:,} to {SIZES[1]:,} tasks: time "
        f"{large[0] / small[0]:.2f}x, queries {large[1] / small[1]:.2f}x; the task "
        f"crons alone: time {large_crons[0] / small_crons[0]:.2f}x, queries "
        f"{large_crons[1] / small_crons[1]:.2f}x (reference: time "
        f"{large_ref[0] / small_ref[0]:.2f}x)"
    )
    failures = []
    for size, (mine, theirs, _crons) in results.items():
        if mine[0] > GOAL * theirs[0]:
            failures.append(f"{size:,} tasks: {mine[0] / theirs[0]:.2f}x > {GOAL}x")
    if large[1] > small[1] * 1.05:
        failures.append(f"queries grow with the tasks: {small[1]} -> {large[1]}")
    for failure in failures:
        print(f"  GOAL MISSED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
