# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo import fields
from odoo.tests import new_test_user


class TaskCommon:
    """A committee (warnings 3 working days before, escalation after 5 working days
    overdue), its chair, the secretariat, and the Department of Finance with an
    officer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.chair = new_test_user(
            cls.env,
            login="t_chair",
            groups="ecabinet_base.group_chair",
            email="chair@binhminh.example",
        )
        cls.secretariat = new_test_user(
            cls.env,
            login="t_task_secretariat",
            groups="ecabinet_base.group_secretariat",
        )
        cls.agency = cls.env["res.partner"].create(
            {
                "name": "Department of Finance",
                "is_company": True,
                "is_ecabinet_agency": True,
                "email": "stc@binhminh.example",
            }
        )
        cls.officer = new_test_user(
            cls.env,
            login="t_officer",
            password="t_officer",
            groups="base.group_portal,ecabinet_base.group_member",
            email="officer@binhminh.example",
        )
        cls.officer.partner_id.parent_id = cls.agency
        calendar = cls.env.ref("ecabinet_base.resource_calendar_ecabinet")
        calendar._ecabinet_load_public_holidays(years=[2027])
        cls.committee = cls.env["ecabinet.committee"].create(
            {
                "name": "Committee for tasks",
                "code": "T-TASK",
                "calendar_id": calendar.id,
                "member_ids": [
                    fields.Command.create(
                        {
                            "partner_id": cls.chair.partner_id.id,
                            "position": "chair",
                            "date_start": "2026-06-25",
                        }
                    )
                ],
            }
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
