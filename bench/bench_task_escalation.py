"""Overdue escalation: e-Cabinet's warning cron vs the plain SQL update it stands for.

Creates 200,000 open tasks whose deadline passed more than the escalation delay ago
(SQL INSERT ... SELECT generate_series, for speed), then runs
``ecabinet.task._cron_warn()`` — batches of 1,000, working days from the committee's
calendar, one escalation notification per task to the chair through the outbox — and,
on the same tasks reset, the plain ``UPDATE ecabinet_task SET warned_step =
'escalation' WHERE ...`` that marks them without notifying anybody. Same database, same
run; prints time and queries per task and the ratio.
"""

import time

from _odoo_bench import bench_database, report

TASKS = 200_000


def build_tasks(env):
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
    event = env.ref("ecabinet_tasks.event_task_escalation")
    env["ecabinet.notification.preference"].create(
        {"partner_id": chair.id, "event_id": event.id, "channel_email": True}
    )
    agency = env["res.partner"].create(
        {
            "name": "Bench agency",
            "is_company": True,
            "is_ecabinet_agency": True,
            "email": "agency@bench.example",
        }
    )
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO ecabinet_task
            (name, committee_id, company_id, lead_agency_id, deadline, status,
             is_regular, cancelled, completion_requested, priority, progress,
             create_date, write_date)
        SELECT 'Task ' || n, %(committee)s, %(company)s, %(agency)s,
               (now() AT TIME ZONE 'UTC')::date - 30 - (n %% 60),
               'open_within_term', FALSE, FALSE, FALSE, '0', 0,
               now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM generate_series(1, %(count)s) AS n
        """,
        {
            "committee": committee.id,
            "company": committee.company_id.id,
            "agency": agency.id,
            "count": TASKS,
        },
    )
    env.cr.execute("ANALYZE ecabinet_task")
    env.invalidate_all()
    return committee


def main():
    with bench_database(["ecabinet_tasks"]) as env:
        committee = build_tasks(env)
        Task = env["ecabinet.task"]

        start_q, start = env.cr.sql_log_count, time.perf_counter()
        Task._cron_refresh_status()
        Task._cron_warn()
        env.flush_all()
        ours = (time.perf_counter() - start, env.cr.sql_log_count - start_q)
        warned = Task.search_count([("warned_step", "=", "escalation")])
        sent = env["ecabinet.notification"].search_count(
            [("event_id.code", "=", "task_escalation")]
        )
        assert warned == TASKS and sent == TASKS, (warned, sent)

        env.cr.execute(
            "UPDATE ecabinet_task SET warned_step = NULL, status = 'open_within_term'"
            " WHERE committee_id = %s",
            [committee.id],
        )
        start_q, start = env.cr.sql_log_count, time.perf_counter()
        env.cr.execute(
            """
            UPDATE ecabinet_task SET warned_step = 'escalation', status = 'open_overdue'
             WHERE committee_id = %s AND date_done IS NULL AND NOT cancelled
               AND NOT is_regular AND deadline < (now() AT TIME ZONE 'UTC')::date - 7
            """,
            [committee.id],
        )
        plain = (time.perf_counter() - start, env.cr.sql_log_count - start_q)
        assert env.cr.rowcount == TASKS, env.cr.rowcount
        report(
            f"{TASKS} overdue tasks escalated (same database, same run)",
            [
                ("e-Cabinet cron (warnings + notifications)", *ours, TASKS),
                ("plain SQL UPDATE (marks only)", *plain, TASKS),
            ],
            ours,
            plain,
        )


if __name__ == "__main__":
    main()
