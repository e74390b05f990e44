# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from odoo.addons.ecabinet_base.tools.api import public_method


class EcabinetTaskReportWizard(models.TransientModel):
    """The periodic report on task follow-up (báo cáo định kỳ) that the
    secretariat sends to the chair: the tasks due or completed in the period,
    and every task still open past its deadline."""

    _name = "ecabinet.task.report.wizard"
    _description = "Periodic Report on Tasks"

    @api.model
    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1)

    @api.model
    def _default_date_to(self):
        return self._default_date_from() + relativedelta(months=1, days=-1)

    date_from = fields.Date(required=True, default=_default_date_from)
    date_to = fields.Date(required=True, default=_default_date_to)
    committee_id = fields.Many2one(
        "ecabinet.committee",
        help="Leave empty to report on the tasks of every committee.",
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._("The period ends before it starts."))

    def _task_domain(self):
        self.ensure_one()
        start, end = self.date_from, self.date_to
        domain = expression.OR(
            [
                [("deadline", ">=", start), ("deadline", "<=", end)],
                [("date_done", ">=", start), ("date_done", "<=", end)],
                [("status", "=", "open_overdue")],
            ]
        )
        if self.committee_id:
            domain = expression.AND(
                [domain, [("committee_id", "=", self.committee_id.id)]]
            )
        return domain

    def _get_tasks(self):
        return self.env["ecabinet.task"].search(self._task_domain())

    @public_method
    def action_print(self):
        self.ensure_one()
        tasks = self._get_tasks()
        if not tasks:
            raise UserError(self.env._("No task to report on in this period."))
        return self.env.ref("ecabinet_tasks.action_report_tasks_period").report_action(
            tasks,
            data={
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
                "committee_id": self.committee_id.id,
            },
            config=False,  # basic layout: no company document layout to choose
        )
