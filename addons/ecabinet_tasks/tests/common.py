# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.addons.ecabinet_base.tests.common import (
    ecabinet_calendar,
    make_agency,
    make_agency_user,
    make_committee,
    make_user,
)


class TaskCommon:
    """A committee (warnings 3 working days before, escalation after 5 working days
    overdue), its chair, the secretariat, and the Department of Finance with an
    officer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.chair = make_user(
            cls.env,
            "t_chair",
            "ecabinet_base.group_chair",
            email="chair@binhminh.example",
        )
        cls.secretariat = make_user(
            cls.env, "t_task_secretariat", "ecabinet_base.group_secretariat"
        )
        cls.agency = make_agency(
            cls.env, "Department of Finance", email="stc@binhminh.example"
        )
        cls.officer = make_agency_user(
            cls.env, "t_officer", cls.agency, email="officer@binhminh.example"
        )
        cls.committee = make_committee(
            cls.env,
            "Committee for tasks",
            chair=cls.chair,
            code="T-TASK",
            calendar_id=ecabinet_calendar(cls.env).id,
        )

    @classmethod
    def _task(cls, deadline="2027-02-12", **vals):
        with freeze_time("2027-01-15"):
            return cls.env["ecabinet.task"].create(
                {
                    "name": "Report on public investment disbursement",
                    "committee_id": cls.committee.id,
                    "lead_agency_id": cls.agency.id,
                    "deadline": deadline,
                    **vals,
                }
            )

    def _warnings(self, task, step=None):
        domain = [
            ("res_model", "=", "ecabinet.task"),
            ("res_id", "=", task.id),
            ("channel", "=", "email"),
        ]
        if step:
            domain.append(("event_id.code", "=", f"task_{step}"))
        return self.env["ecabinet.notification"].search(domain)

    def _cron(self, day, **kwargs):
        with freeze_time(f"{day} 01:00:00"):
            self.env["ecabinet.task"]._cron_refresh_status()
            self.env["ecabinet.task"]._cron_warn(**kwargs)
