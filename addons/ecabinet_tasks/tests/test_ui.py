# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .test_portal import TaskPortalData


@tagged("post_install", "-at_install")
class TestTaskUi(TaskPortalData, HttpCase):
    def test_agency_reports_progress_tour(self):
        self.start_tour(
            "/my/ecabinet/tasks",
            "ecabinet_tasks_agency_reports_progress",
            login="t_finance_officer",
        )
        self.env.invalidate_all()
        report = self.task_lead_a.progress_ids
        self.assertEqual(len(report), 1)
        self.assertEqual(report.percent, 60)
        self.assertEqual(report.body, "Route surveyed, land clearance under way")
        self.assertEqual(report.author_id, self.officer_a.partner_id)
        self.assertEqual(self.task_lead_a.progress, 60)
