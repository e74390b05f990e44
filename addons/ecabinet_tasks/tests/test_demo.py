# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoTasks(TransactionCase):
    """The demo's tasks are dated from the day it is installed, one in each status
    of the taxonomy, the overdue ones warned."""

    def setUp(self):
        super().setUp()
        self.inspection = self.env.ref("ecabinet_tasks.task_inspection", False)
        if not self.inspection:
            self.skipTest("installed without demo data")
        self.tasks = self.env["ecabinet.task"].search(
            [("committee_id", "=", self.inspection.committee_id.id)]
        )
        self.today = fields.Date.context_today(
            self.inspection.with_context(tz=self.inspection.committee_id.calendar_id.tz)
        )

    def _task(self, name):
        return self.env.ref(f"ecabinet_tasks.{name}")

    def test_every_status_of_the_taxonomy_is_shown(self):
        self.assertEqual(
            set(self.tasks.mapped("status")),
            {"done_on_time", "done_late", "open_within_term", "open_overdue"},
        )
        for task in self.tasks.filtered("deadline"):
            self.assertEqual(task.status, task._status_on(self.today))

    def test_warnings_were_sent_before_on_and_after_deadlines(self):
        self.assertEqual(self._task("task_reservoirs").warned_step, "before")
        self.assertEqual(self._task("task_health_units").warned_step, "overdue")
        self.assertEqual(self.inspection.warned_step, "escalation")
        self.assertFalse(self._task("task_digital").warned_step)
        outbox = self.env["ecabinet.notification"].search(
            [("res_model", "=", "ecabinet.task"), ("res_id", "=", self.inspection.id)]
        )
        self.assertEqual(
            outbox.partner_id, self.inspection.committee_id.chair_id, "escalated"
        )
        self.assertFalse(
            self.env["ecabinet.notification"].search([("state", "=", "queued")]),
            "nothing waits in the outbox of a fresh demo",
        )

    def test_an_extension_waits_for_the_chair(self):
        extension = self.inspection.extension_ids
        self.assertEqual(extension.state, "requested")
        self.assertEqual(extension.old_deadline, self.inspection.deadline)
        self.assertGreater(extension.proposed_deadline, self.today)

    def test_conclusions_state_the_deadlines_of_their_tasks(self):
        for name in ("task_budget_2027", "task_reservoirs"):
            task = self._task(name)
            self.assertIn(task.deadline.strftime("%d/%m/%Y"), task.item_id.conclusion)
            self.assertGreater(task.deadline, task.meeting_id.conclusion_date)
