# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from lxml import etree, html

from odoo import fields
from odoo.tests import Form, HttpCase, tagged

from odoo.addons.ecabinet_base.tests.common import ReportTextMixin, make_agency
from odoo.addons.ecabinet_meeting.tests.common import MeetingCommon

REPORT = "ecabinet_tasks.action_report_tasks_period"


@tagged("post_install", "-at_install")
class TestTaskViewsReports(ReportTextMixin, MeetingCommon, HttpCase):
    """The backend of task follow-up: the agencies ranking, the periodic report
    to the chair, the assignment of tasks from a conclusion and the task form.
    (An HttpCase: see ReportTextMixin.)"""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee.company_id.write({"name": "Tỉnh Bình Minh", "city": "Bình Minh"})
        cls.finance = cls.agency
        cls.construction = make_agency(cls.env, "Department of Construction")
        # The first quarter of 2025, long past: statuses do not depend on today.
        cls.fin_early = cls._task("Budget estimate", cls.finance, "2025-01-20")
        cls.fin_on_day = cls._task("Debt report", cls.finance, "2025-02-10")
        cls.fin_late = cls._task("Asset inventory", cls.finance, "2025-02-20")
        cls.fin_overdue = cls._task("Audit follow-up", cls.finance, "2024-12-01")
        cls.con_early = cls._task("Housing plan", cls.construction, "2025-03-10")
        cls.con_open = cls._task("Zoning map", cls.construction, "2099-12-31")
        cls.con_cancelled = cls._task("Bridge study", cls.construction, "2025-03-20")
        cls.con_late = cls._task("Building permits", cls.construction, "2024-06-30")
        cls.fin_early._ecabinet_transition({"date_done": "2025-01-15"})
        cls.fin_on_day._ecabinet_transition({"date_done": "2025-02-10"})
        cls.fin_late._ecabinet_transition({"date_done": "2025-03-05"})
        cls.con_early._ecabinet_transition({"date_done": "2025-03-01"})
        cls.con_late._ecabinet_transition({"date_done": "2025-01-10"})
        cls.con_cancelled._ecabinet_transition({"cancelled": True})
        cls.env["ecabinet.task.progress"].create(
            [
                {
                    "task_id": cls.fin_overdue.id,
                    "date": "2025-01-05",
                    "percent": 30,
                    "body": "Draft sent to the inspectors.",
                },
                {
                    "task_id": cls.fin_overdue.id,
                    "date": "2025-03-15",
                    "percent": 60,
                    "body": "Findings discussed with the units.",
                },
            ]
        )

    @classmethod
    def _task(cls, name, agency, deadline):
        return cls.env["ecabinet.task"].create(
            {
                "name": name,
                "committee_id": cls.committee.id,
                "lead_agency_id": agency.id,
                "deadline": deadline,
            }
        )

    def _period_action(self):
        wizard = self.env["ecabinet.task.report.wizard"].create(
            {
                "date_from": "2025-01-01",
                "date_to": "2025-03-31",
                "committee_id": self.committee.id,
            }
        )
        return wizard.action_print()

    def test_ranking_rates_agencies_by_tasks_completed_on_time(self):
        self.assertEqual(
            (self.fin_early | self.fin_on_day | self.con_early).mapped("status"),
            ["done_on_time"] * 3,
        )
        self.assertEqual(self.fin_late.status, "done_late")
        rows = self.env["ecabinet.task.agency.report"].search(
            [("lead_agency_id", "in", (self.finance | self.construction).ids)]
        )
        self.assertEqual(
            rows.mapped("lead_agency_id"),
            self.finance | self.construction,
            "Ranked by on-time rate: 2 of 3 for Finance, 1 of 2 for Construction.",
        )
        finance, construction = rows
        self.assertAlmostEqual(finance.on_time_rate, 66.67)
        self.assertAlmostEqual(construction.on_time_rate, 50.0)
        self.assertEqual(
            [
                finance.task_count,
                finance.done_on_time_count,
                finance.done_late_count,
                finance.done_count,
                finance.open_within_term_count,
                finance.open_overdue_count,
                finance.cancelled_count,
            ],
            [4, 2, 1, 3, 0, 1, 0],
        )
        self.assertEqual(
            [
                construction.task_count,
                construction.done_on_time_count,
                construction.done_late_count,
                construction.open_within_term_count,
                construction.open_overdue_count,
                construction.cancelled_count,
            ],
            [3, 1, 1, 1, 0, 1],
            "A cancelled task is counted apart, not in the total.",
        )
        self.assertEqual(finance.company_id, self.committee.company_id)

    def test_ranking_follows_the_tasks_and_reads_for_staff(self):
        self.con_open.with_user(self.secretariat).action_confirm_done(
            day=fields.Date.to_date("2025-06-01")
        )
        row = (
            self.env["ecabinet.task.agency.report"]
            .with_user(self.secretariat)
            .search([("lead_agency_id", "=", self.construction.id)])
        )
        self.assertAlmostEqual(row.on_time_rate, 66.67)
        groups = self.env["ecabinet.task.agency.report"].read_group(
            [("lead_agency_id", "in", (self.finance | self.construction).ids)],
            ["task_count:sum", "on_time_rate:avg"],
            [],
        )
        self.assertEqual(groups[0]["task_count"], 7)
        self.assertAlmostEqual(groups[0]["on_time_rate"], 66.67)

    def test_period_report_counts_tasks_by_status_and_agency(self):
        action = self._period_action()
        self.assertEqual(action["report_name"], "ecabinet_tasks.report_tasks_period")
        tasks = self.env["ecabinet.task"].browse(action["context"]["active_ids"])
        self.assertEqual(
            tasks,
            self.fin_early
            | self.fin_on_day
            | self.fin_late
            | self.fin_overdue
            | self.con_early
            | self.con_cancelled
            | self.con_late,
            "Due or completed in the period, or still open past the deadline.",
        )
        content, _format = self.env["ir.actions.report"]._render_qweb_html(
            REPORT, tasks.ids, data=action["data"]
        )
        document = html.document_fromstring(content)
        etree.strip_elements(document, "style", "script", with_tail=False)
        text = self._text(document)
        self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text)
        self.assertIn("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", text)
        self.assertIn("Từ ngày 01/01/2025 đến ngày 31/03/2025", text)
        self.assertIn("Số: …/BC-T-UBND", text)
        summary = {
            row.get("data-status"): self._text(row)
            for row in document.xpath("//tr[@data-status]")
        }
        self.assertEqual(
            summary,
            {
                "done_on_time": "1 Đã hoàn thành đúng hạn 3 42.9",
                "done_late": "2 Đã hoàn thành quá hạn 2 28.6",
                "open_within_term": "3 Đang thực hiện trong hạn 0 0.0",
                "open_overdue": "4 Đang thực hiện quá hạn 1 14.3",
                "cancelled": "5 Đã hủy 1 14.3",
            },
        )
        self.assertIn("Tổng số nhiệm vụ theo dõi trong kỳ: 7.", text)
        agencies = document.xpath("//div[@data-agency-id]")
        self.assertEqual(
            [self._text(agency.xpath("div")[0]) for agency in agencies],
            [
                "1. Department of Construction (3 nhiệm vụ)",
                "2. Department of Finance (4 nhiệm vụ)",
            ],
        )
        finance = self._text(agencies[1])
        self.assertIn(
            "1 Audit follow-up 01/12/2024 Đang thực hiện quá hạn 60% "
            "15/03/2025: Findings discussed with the units.",
            finance,
        )
        self.assertIn(
            "2 Budget estimate 20/01/2025 Đã hoàn thành đúng hạn 0% Chưa báo cáo",
            finance,
        )
        self.assertIn("Đã hủy", self._text(agencies[0]))
        self.assertIn("CHÁNH VĂN PHÒNG", text)

    def test_period_report_prints_as_pdf(self):
        action = self._period_action()
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                REPORT, action["context"]["active_ids"], data=action["data"]
            )
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_assign_wizard_creates_one_task_per_lead_agency(self):
        meeting = self._meeting()
        item = meeting.agenda_item_ids[0]
        item.conclusion = "<p>Giao các Sở triển khai kế hoạch.</p>"
        item_form = Form(item.with_user(self.secretariat))
        self.assertFalse(item_form.task_ids)
        wizard_form = Form(
            self.env["ecabinet.task.assign.wizard"]
            .with_user(self.secretariat)
            .with_context(default_item_id=item.id, default_name=item.name)
        )
        wizard_form.lead_agency_ids.add(self.finance)
        wizard_form.lead_agency_ids.add(self.construction)
        wizard_form.coordinating_agency_ids.add(self.construction)
        wizard_form.deadline = fields.Date.to_date("2027-06-30")
        action = wizard_form.save().action_assign()
        tasks = item.task_ids
        self.assertEqual(tasks.lead_agency_id, self.finance | self.construction)
        self.assertEqual(len(tasks), 2)
        self.assertEqual(set(tasks.mapped("name")), {"Public investment plan 2027"})
        self.assertEqual(
            set(tasks.mapped("deadline")), {fields.Date.to_date("2027-06-30")}
        )
        self.assertEqual(tasks.coordinating_agency_ids, self.construction)
        self.assertEqual(action["domain"], [("id", "in", tasks.ids)])

    def test_secretariat_creates_and_confirms_a_task_in_the_form(self):
        Task = self.env["ecabinet.task"].with_user(self.secretariat)
        with Form(Task) as task_form:
            task_form.name = "Report on public investment disbursement"
            task_form.committee_id = self.committee
            task_form.lead_agency_id = self.finance
            task_form.coordinating_agency_ids.add(self.construction)
            task_form.deadline = fields.Date.to_date("2099-01-31")
        task = task_form.record
        self.assertEqual(task.status, "open_within_term")
        with Form(task) as task_form:
            task_form.is_regular = True
            task_form.report_period = "quarter"
        self.assertTrue(task.is_regular)
        task.action_confirm_done(day=fields.Date.to_date("2099-01-15"))
        self.assertEqual(task.status, "done_on_time")
        task.action_reopen()
        self.assertEqual(task.status, "open_within_term")
