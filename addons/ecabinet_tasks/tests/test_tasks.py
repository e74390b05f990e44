# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecabinet_base.tests.common import make_agency

from .common import TaskCommon


@tagged("post_install", "-at_install")
class TestTaskFollowUp(TaskCommon, TransactionCase):
    def test_status_around_the_deadline(self):
        on_time = self._task(deadline="2027-01-20")
        on_time.with_user(self.secretariat).action_confirm_done(day="2027-01-20")
        self.assertEqual(on_time.status, "done_on_time", "done on the deadline day")
        late = self._task(deadline="2027-01-20")
        late.with_user(self.secretariat).action_confirm_done(day="2027-01-21")
        self.assertEqual(late.status, "done_late")
        open_task = self._task(deadline="2027-01-20")
        self._cron("2027-01-20")
        self.assertEqual(open_task.status, "open_within_term")
        self._cron("2027-01-21")
        self.assertEqual(open_task.status, "open_overdue")
        open_task.with_user(self.chair).action_cancel()
        self.assertEqual(open_task.status, "cancelled")
        regular = self._task(deadline=False, is_regular=True)
        self._cron("2027-03-01")
        self.assertEqual(regular.status, "open_within_term")

    def test_completion_reported_on_the_deadline_day_is_on_time(self):
        task = self._task(deadline="2027-01-20")
        with freeze_time("2027-01-20 09:00:00"):
            task.with_user(self.officer).report_progress(
                100, "Report sent to the chair"
            )
        self.assertTrue(task.completion_requested)
        with freeze_time("2027-01-22 09:00:00"):
            task.with_user(self.secretariat).action_confirm_done()
        self.assertEqual(
            (task.date_done.isoformat(), task.status), ("2027-01-20", "done_on_time")
        )

    def test_warning_counts_working_days_across_tet(self):
        # Due Friday 12 February 2027; Tết runs from 4 to 10 February.
        task = self._task(deadline="2027-02-12")
        self._cron("2027-02-01")  # 4 working days left: no warning yet
        self.assertFalse(self._warnings(task))
        self._cron("2027-02-02")  # 3 working days left, 10 calendar days
        self.assertEqual(
            self._warnings(task, "before").partner_id, self.officer.partner_id
        )
        self._cron("2027-02-03")
        self.assertEqual(len(self._warnings(task)), 1, "one warning per step")
        self._cron("2027-02-12")
        self.assertTrue(self._warnings(task, "due"))

    def test_overdue_then_escalation_to_the_chair_once(self):
        task = self._task(deadline="2027-03-01")  # a Monday
        self._cron("2027-03-02")
        self.assertTrue(self._warnings(task, "overdue"))
        self._cron("2027-03-05")  # 4 working days overdue
        self.assertFalse(self._warnings(task, "escalation"))
        self._cron("2027-03-08")  # 5 working days overdue
        escalated = self._warnings(task, "escalation")
        self.assertEqual(escalated.partner_id, self.chair.partner_id)
        for day in ("2027-03-08", "2027-03-09", "2027-03-15"):
            self._cron(day)
        self.assertEqual(len(self._warnings(task, "escalation")), 1, "escalated once")
        self.assertEqual(len(self._warnings(task, "overdue")), 1)

    def test_extension_approval_moves_the_deadline_and_the_status(self):
        task = self._task(deadline="2027-03-01")
        self._cron("2027-03-03")
        self.assertEqual(task.status, "open_overdue")
        with freeze_time("2027-03-03 03:00:00"):
            request = task.with_user(self.officer).request_extension(
                "2027-03-31", "Waiting for the ministry's figures"
            )
        with self.assertRaisesRegex(UserError, "Only the chair"):
            request.with_user(self.secretariat).action_approve()
        with freeze_time("2027-03-03 04:00:00"):
            request.with_user(self.chair).action_approve()
        self.assertEqual(task.deadline.isoformat(), "2027-03-31")
        self.assertEqual(task.status, "open_within_term")
        self.assertEqual(request.old_deadline.isoformat(), "2027-03-01")
        self.assertFalse(task.warned_step, "warnings start again for the new deadline")
        self._cron("2027-04-01")
        self.assertEqual(len(self._warnings(task, "overdue")), 2, "one per deadline")

    def test_cron_resumes_after_a_crash_without_warning_twice(self):
        tasks = self.env["ecabinet.task"].browse()
        for _n in range(5):
            tasks |= self._task(deadline="2027-03-01")
        # Only these five are due for a warning (demo data may hold others).
        self.env["ecabinet.task"].search(
            [("id", "not in", tasks.ids)]
        )._ecabinet_transition({"cancelled": True})
        # The worker dies after its first committed batch of two tasks...
        self._cron("2027-03-02", batch_size=2, max_batches=1)
        self.assertEqual(len(tasks.filtered("warned_step")), 2)
        # ...the next run does the rest, and nobody is warned twice.
        self._cron("2027-03-02", batch_size=2)
        for task in tasks:
            self.assertEqual(len(self._warnings(task, "overdue")), 1)

    def test_cron_queries_do_not_grow_with_untouched_tasks(self):
        """The cron reads the tasks that reach a warning step today, not those it
        leaves alone: done, cancelled, regular duties, far from their deadline,
        warned already or escalated."""

        def run_with_untouched(count):
            Task = self.env["ecabinet.task"]
            far = Task.browse()
            for _n in range(count // 5):
                far |= self._task(deadline="2027-06-30")
            done = self._task(deadline="2027-02-26") | self._task(deadline="2027-03-10")
            for _n in range(count // 5 - 2):
                done |= self._task(deadline="2027-02-26")
            done._ecabinet_transition({"date_done": "2027-02-25"})
            warned = Task.browse()
            for _n in range(count // 5):
                warned |= self._task(deadline="2027-03-04")
            warned._ecabinet_transition({"warned_step": "before"})
            escalated = Task.browse()
            for _n in range(count // 5 - 1):
                escalated |= self._task(deadline="2027-01-05")
            escalated._ecabinet_transition(
                {"warned_step": "escalation", "status": "open_overdue"}
            )
            self._task(deadline="2027-03-01")._ecabinet_transition({"cancelled": True})
            for _n in range(count // 5):
                self._task(deadline=False, is_regular=True)
            crossing = self._task(deadline="2027-03-01") | self._task(
                deadline="2027-03-03"
            )
            self.env.flush_all()
            return crossing

        def cron_queries():
            start = self.env.cr.sql_log_count
            self._cron("2027-03-02", batch_size=10)
            self.env.flush_all()
            return self.env.cr.sql_log_count - start

        run_with_untouched(0)
        cron_queries()  # warm-up: caches, demo tasks
        crossing = run_with_untouched(10)
        queries = cron_queries()
        self.assertEqual(len(self._warnings(crossing[0], "overdue")), 1)
        self.assertEqual(len(self._warnings(crossing[1], "before")), 1)
        crossing = run_with_untouched(200)
        self.assertEqual(cron_queries(), queries, "as with 10 untouched tasks")
        self.assertEqual(crossing.mapped("warned_step"), ["overdue", "before"])
        self.assertEqual(crossing[0].status, "open_overdue")

    def test_only_agencies_in_charge_report(self):
        other = make_agency(self.env, "Department of Justice")
        task = self._task(lead_agency_id=other.id)
        with self.assertRaises(AccessError):
            task.with_user(self.officer).report_progress(50, "Not ours")
        task.coordinating_agency_ids = self.agency
        report = task.with_user(self.officer).report_progress(50, "Our part is done")
        self.assertEqual(report.author_id, self.officer.partner_id)
        self.assertEqual(task.progress, 50)
        with self.assertRaisesRegex(UserError, "percentage"):
            task.with_user(self.officer).report_progress(120, "Too much")

    def test_tasks_from_a_conclusion_one_per_agency(self):
        justice = make_agency(self.env, "Department of Justice")
        meeting = self.env["ecabinet.meeting"].create(
            {
                "name": "Session",
                "committee_id": self.committee.id,
                "date_start": "2027-01-08 01:00:00",
                "agenda_item_ids": [
                    (0, 0, {"name": "Disbursement of public investment"})
                ],
            }
        )
        meeting._ecabinet_transition({"state": "closed", "conclusion_number": "12"})
        item = meeting.agenda_item_ids
        with self.assertRaisesRegex(UserError, "conclusion"):
            item.create_tasks(self.agency)
        item.conclusion = "<p>Speed up disbursement.</p>"
        tasks = item.create_tasks(self.agency | justice, deadline="2027-03-31")
        self.assertEqual(tasks.lead_agency_id, self.agency | justice)
        self.assertEqual(set(tasks.mapped("source_document")), {"12/TB-T-TASK"})
        self.assertEqual(item.task_ids, tasks)
