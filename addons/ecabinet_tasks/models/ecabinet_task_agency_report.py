# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class EcabinetTaskAgencyReport(models.Model):
    """Ranking of the lead agencies (xếp hạng cơ quan): their tasks counted by
    status of the national task-tracking taxonomy, and the share of completed
    tasks completed on time. A SQL view over the stored ``status`` column of
    ``ecabinet_task``; cancelled tasks are counted apart, not in the total."""

    _name = "ecabinet.task.agency.report"
    _description = "Task Follow-up: Agencies Ranking"
    _auto = False
    _rec_name = "lead_agency_id"
    _order = "on_time_rate desc, task_count desc, lead_agency_id"
    _depends = {
        "ecabinet.task": [
            "lead_agency_id",
            "company_id",
            "status",
            "deadline",
            "date_done",
            "cancelled",
        ],
    }

    lead_agency_id = fields.Many2one("res.partner", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    task_count = fields.Integer(string="Tasks", readonly=True)
    done_on_time_count = fields.Integer(string="Completed on Time", readonly=True)
    done_late_count = fields.Integer(string="Completed Late", readonly=True)
    done_count = fields.Integer(string="Completed", readonly=True)
    open_within_term_count = fields.Integer(string="Open, within Term", readonly=True)
    open_overdue_count = fields.Integer(string="Open, Overdue", readonly=True)
    cancelled_count = fields.Integer(string="Cancelled", readonly=True)
    on_time_rate = fields.Float(
        string="On-time Rate (%)",
        digits=(16, 2),
        aggregator="avg",
        readonly=True,
        help="Tasks completed on time out of the tasks completed, as a percentage; "
        "0 while the agency has completed none.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                SELECT MIN(t.id) AS id,
                       t.lead_agency_id,
                       t.company_id,
                       COUNT(*) FILTER (WHERE t.status != 'cancelled') AS task_count,
                       COUNT(*) FILTER (WHERE t.status = 'done_on_time')
                           AS done_on_time_count,
                       COUNT(*) FILTER (WHERE t.status = 'done_late')
                           AS done_late_count,
                       COUNT(*) FILTER (WHERE t.status IN ('done_on_time', 'done_late'))
                           AS done_count,
                       COUNT(*) FILTER (WHERE t.status = 'open_within_term')
                           AS open_within_term_count,
                       COUNT(*) FILTER (WHERE t.status = 'open_overdue')
                           AS open_overdue_count,
                       COUNT(*) FILTER (WHERE t.status = 'cancelled')
                           AS cancelled_count,
                       COALESCE(
                           ROUND(
                               100.0 * COUNT(*) FILTER (WHERE t.status = 'done_on_time')
                               / NULLIF(
                                   COUNT(*) FILTER (
                                       WHERE t.status IN ('done_on_time', 'done_late')
                                   ),
                                   0
                               ),
                               2
                           ),
                           0
                       )::double precision AS on_time_rate
                  FROM ecabinet_task t
                 WHERE t.lead_agency_id IS NOT NULL
              GROUP BY t.lead_agency_id, t.company_id
            )
            """,
                SQL.identifier(self._table),
            )
        )
