# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.ecabinet_base.tests.common import (
    PortalTestMixin,
    make_agency,
    make_agency_user,
)


class TaskPortalData(PortalTestMixin):
    """Two agencies with an officer each. Finance leads the ring road, coordinates
    the land clearance that Justice leads, and has an overdue and a completed task;
    Justice alone leads the legal aid programme."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.agency_a = make_agency(cls.env, "Department of Finance")
        cls.agency_b = make_agency(cls.env, "Department of Justice")
        cls.officer_a = make_agency_user(cls.env, "t_finance_officer", cls.agency_a)
        cls.officer_b = make_agency_user(cls.env, "t_justice_officer", cls.agency_b)
        cls.committee = cls.env["ecabinet.committee"].create(
            {"name": "Provincial Committee", "code": "T-UBND"}
        )
        today = fields.Date.context_today(cls.env["ecabinet.task"])
        in_a_month = fields.Date.add(today, days=30)
        Task = cls.env["ecabinet.task"]

        def task(name, lead, coordinating=None, deadline=in_a_month, **vals):
            return Task.create(
                {
                    "committee_id": cls.committee.id,
                    "name": name,
                    "lead_agency_id": lead.id,
                    "coordinating_agency_ids": [
                        fields.Command.set(coordinating.ids if coordinating else [])
                    ],
                    "deadline": deadline,
                    **vals,
                }
            )

        cls.task_lead_a = task(
            "Ring road investment plan",
            cls.agency_a,
            source_document="215/TB-UBND",
            description="<p>Prepare the investment plan of the ring road.</p>",
        )
        cls.task_coord_a = task("Land clearance", cls.agency_b, cls.agency_a)
        cls.task_b = task("Legal aid programme", cls.agency_b)
        cls.task_overdue_a = task(
            "Public debt report", cls.agency_a, deadline=fields.Date.add(today, days=-3)
        )
        cls.task_done_a = task("Budget estimate 2027", cls.agency_a)
        cls.task_done_a._ecabinet_transition({"date_done": today})

    # Helpers for HTTP tests -------------------------------------------------------

    def _task_url(self, task):
        return f"/my/ecabinet/tasks/{task.id}"

    def _post(self, url, data, page=None, files=None, allow_redirects=True):
        data = {"csrf_token": self._csrf(page or "/my/ecabinet/tasks"), **data}
        return self.url_open(
            url, data=data, files=files, allow_redirects=allow_redirects
        )

    def _assert_sent_home(self, response):
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))


@tagged("post_install", "-at_install")
class TestTaskPortal(TaskPortalData, HttpCase):
    # Access matrix ------------------------------------------------------------------

    def test_agency_sees_tasks_it_leads_or_coordinates_not_others(self):
        Task = self.env["ecabinet.task"]
        mine = (
            self.task_lead_a
            | self.task_coord_a
            | self.task_overdue_a
            | self.task_done_a
        )
        # ORM
        self.assertEqual(Task.with_user(self.officer_a).search([]), mine)
        self.assertEqual(
            Task.with_user(self.officer_b).search([]), self.task_coord_a | self.task_b
        )
        # Portal: the list, each filter, and the pages
        self.authenticate("t_finance_officer", "t_finance_officer")
        listing = self.url_open("/my/ecabinet/tasks?filterby=all").text
        for task in mine:
            self.assertIn(task.name, listing)
        self.assertNotIn(self.task_b.name, listing)
        expected = {
            "open": self.task_lead_a | self.task_coord_a | self.task_overdue_a,
            "overdue": self.task_overdue_a,
            "done": self.task_done_a,
        }
        for filterby, shown in expected.items():
            with self.subTest(filterby=filterby):
                text = self.url_open(f"/my/ecabinet/tasks?filterby={filterby}").text
                for task in mine:
                    (self.assertIn if task in shown else self.assertNotIn)(
                        task.name, text
                    )
        lead = self.url_open("/my/ecabinet/tasks?filterby=all&role=lead").text
        self.assertIn(self.task_lead_a.name, lead)
        self.assertNotIn(self.task_coord_a.name, lead)
        coordinating = self.url_open(
            "/my/ecabinet/tasks?filterby=all&role=coordinating"
        ).text
        self.assertIn(self.task_coord_a.name, coordinating)
        self.assertNotIn(self.task_lead_a.name, coordinating)
        for task in (self.task_lead_a, self.task_coord_a):
            page = self.url_open(self._task_url(task))
            self.assertEqual(page.status_code, 200)
            self.assertIn(task.name, page.text)
        self._assert_sent_home(
            self.url_open(self._task_url(self.task_b), allow_redirects=False)
        )
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["ecabinet_task_count", "ecabinet_task_overdue_count"]},
        )
        self.assertEqual(counters["ecabinet_task_count"], 3)
        self.assertEqual(counters["ecabinet_task_overdue_count"], 1)
        # JSON-RPC
        rows = self._rpc("ecabinet.task", "search_read", [], fields=["name"])
        self.assertEqual({r["id"] for r in rows}, set(mine.ids))
        self.assertEqual(
            self._rpc("ecabinet.task", "read", self.task_coord_a.ids, ["name"])[0][
                "name"
            ],
            self.task_coord_a.name,
        )
        with (
            mute_logger("odoo.http"),
            self.assertRaisesRegex(JsonRpcException, "AccessError"),
        ):
            self._rpc("ecabinet.task", "read", self.task_b.ids, ["name"])

    def test_task_page_shows_the_details(self):
        self.authenticate("t_finance_officer", "t_finance_officer")
        text = self.url_open(self._task_url(self.task_coord_a)).text
        self.assertIn("Department of Justice", text, "the lead agency")
        self.assertIn("Your agency coordinates", text)
        text = self.url_open(self._task_url(self.task_lead_a)).text
        self.assertIn("215/TB-UBND", text)
        self.assertIn("Prepare the investment plan of the ring road.", text)
        self.assertIn("o_ecabinet_progress_form", text)
        self.assertIn("o_ecabinet_extension_form", text)

    def test_public_is_sent_to_login(self):
        self.authenticate(None, None)
        for url in ("/my/ecabinet/tasks", self._task_url(self.task_lead_a)):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertIn("/web/login", response.url)
                self.assertNotIn(self.task_lead_a.name, response.text)

    # Progress reports -----------------------------------------------------------------

    def test_coordinating_agency_reports_progress_with_a_file(self):
        self.authenticate("t_finance_officer", "t_finance_officer")
        url = self._task_url(self.task_coord_a)
        response = self._post(
            f"{url}/progress",
            {"percent": "40", "text": "Compensation plan approved"},
            page=url,
            files=[("attachments", ("plan.txt", b"Compensation plan", "text/plain"))],
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your progress report is recorded.", response.text)
        self.assertIn("Compensation plan approved", response.text)
        report = self.task_coord_a.progress_ids
        self.assertEqual(len(report), 1)
        self.assertEqual(report.percent, 40)
        self.assertEqual(report.body, "Compensation plan approved")
        self.assertEqual(report.author_id, self.officer_a.partner_id)
        self.assertEqual(self.task_coord_a.progress, 40)
        file = report.attachment_ids
        self.assertEqual(file.name, "plan.txt")
        self.assertEqual((file.res_model, file.res_id), (report._name, report.id))
        self.assertTrue(file.access_token)
        link = f"/web/content/{file.id}?access_token={file.access_token}"
        self.assertIn(link, response.text)
        self.assertEqual(self.url_open(link).content, b"Compensation plan")
        # The lead agency reads the report and its file too.
        self.authenticate("t_justice_officer", "t_justice_officer")
        page = self.url_open(url)
        self.assertIn("Compensation plan approved", page.text)
        self.assertIn(link, page.text)
        self.assertEqual(self.url_open(link).content, b"Compensation plan")

    def test_other_agency_cannot_report_or_ask_for_an_extension(self):
        self.authenticate("t_justice_officer", "t_justice_officer")
        url = self._task_url(self.task_lead_a)
        self._assert_sent_home(self.url_open(url, allow_redirects=False))
        self._assert_sent_home(
            self._post(
                f"{url}/progress",
                {"percent": "50", "text": "Not ours"},
                allow_redirects=False,
            )
        )
        self._assert_sent_home(
            self._post(
                f"{url}/extension",
                {"proposed_deadline": "2099-01-01", "reason": "Not ours"},
                allow_redirects=False,
            )
        )
        for method, args in (
            ("report_progress", (50, "Not ours")),
            ("request_extension", ("2099-01-01", "Not ours")),
        ):
            with (
                self.subTest(method=method),
                mute_logger("odoo.http"),
                self.assertRaisesRegex(JsonRpcException, "AccessError"),
            ):
                self._rpc("ecabinet.task", method, self.task_lead_a.ids, *args)
        self.assertFalse(self.task_lead_a.progress_ids)
        self.assertFalse(self.task_lead_a.extension_ids)

    def test_reporting_100_percent_asks_for_completion(self):
        self.authenticate("t_finance_officer", "t_finance_officer")
        url = self._task_url(self.task_lead_a)
        response = self._post(
            f"{url}/progress", {"percent": "100", "text": "Plan submitted"}, page=url
        )
        self.assertIn("o_ecabinet_completion_requested", response.text)
        self.assertTrue(self.task_lead_a.completion_requested)
        self.assertEqual(self.task_lead_a.progress, 100)
        self.assertFalse(self.task_lead_a.date_done, "the secretariat confirms it")

    def test_wrong_percentage_shows_the_error_and_keeps_the_text(self):
        self.authenticate("t_finance_officer", "t_finance_officer")
        url = self._task_url(self.task_lead_a)
        for percent in ("120", "abc"):
            with self.subTest(percent=percent):
                response = self._post(
                    f"{url}/progress",
                    {"percent": percent, "text": "Survey & design done"},
                    page=url,
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_ecabinet_error", response.text)
                self.assertIn("Progress is a percentage from 0 to 100.", response.text)
                self.assertIn("Survey &amp; design done", response.text)
                self.assertNotIn("Traceback", response.text)
        self.assertFalse(self.task_lead_a.progress_ids)

    def test_completed_task_refuses_reports_with_the_message(self):
        self.authenticate("t_finance_officer", "t_finance_officer")
        url = self._task_url(self.task_done_a)
        page = self.url_open(url)
        self.assertNotIn("o_ecabinet_progress_form", page.text, "no form offered")
        self.assertNotIn("o_ecabinet_extension_form", page.text)
        response = self._post(
            f"{url}/progress", {"percent": "100", "text": "Again"}, page=url
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_ecabinet_error", response.text)
        self.assertIn("is completed on time: you cannot report on it.", response.text)
        self.assertNotIn("Traceback", response.text)
        response = self._post(
            f"{url}/extension",
            {"proposed_deadline": "2099-01-01", "reason": "Late"},
            page=url,
        )
        self.assertIn("you cannot extend it.", response.text)
        self.assertFalse(self.task_done_a.progress_ids)
        self.assertFalse(self.task_done_a.extension_ids)

    def test_missing_csrf_token_is_refused_and_nothing_saved(self):
        self.authenticate("t_finance_officer", "t_finance_officer")
        url = self._task_url(self.task_lead_a)
        with mute_logger("odoo.http"):
            progress = self.url_open(
                f"{url}/progress", data={"percent": "50", "text": "Forged"}
            )
            extension = self.url_open(
                f"{url}/extension",
                data={"proposed_deadline": "2099-01-01", "reason": "Forged"},
            )
        self.assertEqual(progress.status_code, 400)
        self.assertEqual(extension.status_code, 400)
        self.assertFalse(self.task_lead_a.progress_ids)
        self.assertFalse(self.task_lead_a.extension_ids)

    # Extension requests -------------------------------------------------------------

    def test_extension_request_appears_as_requested(self):
        self.authenticate("t_finance_officer", "t_finance_officer")
        url = self._task_url(self.task_overdue_a)
        proposed = fields.Date.add(self.task_overdue_a.deadline, days=60)
        response = self._post(
            f"{url}/extension",
            {"proposed_deadline": str(proposed), "reason": "Waiting for the audit"},
            page=url,
        )
        self.assertIn("Your extension request is sent.", response.text)
        extension = self.task_overdue_a.extension_ids
        self.assertEqual(extension.state, "requested")
        self.assertEqual(extension.proposed_deadline, proposed)
        self.assertEqual(extension.old_deadline, self.task_overdue_a.deadline)
        self.assertEqual(extension.requested_by_id, self.officer_a.partner_id)
        self.assertIn("Waiting for the audit", response.text)
        state = re.search(
            r'o_ecabinet_extension_state[^"]*"[^>]*>([^<]+)<', response.text
        ).group(1)
        self.assertEqual(state.strip(), "Requested")
        self.assertEqual(
            self.task_overdue_a.deadline,
            extension.old_deadline,
            "the chair decides",
        )

    def test_extension_to_an_earlier_date_shows_the_error(self):
        self.authenticate("t_finance_officer", "t_finance_officer")
        url = self._task_url(self.task_lead_a)
        earlier = str(fields.Date.add(self.task_lead_a.deadline, days=-1))
        response = self._post(
            f"{url}/extension",
            {"proposed_deadline": earlier, "reason": "Staff shortage"},
            page=url,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Propose a deadline later than the current one.", response.text)
        self.assertIn(f'value="{earlier}"', response.text, "typed values are kept")
        self.assertIn("Staff shortage", response.text)
        self.assertFalse(self.task_lead_a.extension_ids)
