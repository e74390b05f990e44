# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcabinetCommittee(models.Model):
    _inherit = "ecabinet.committee"

    task_warn_days = fields.Integer(
        string="Warn Before Deadline (working days)",
        default=3,
        help="The lead agency is warned this many working days before a task's "
        "deadline, then on the day, then when it is overdue.",
    )
    task_escalation_days = fields.Integer(
        string="Escalate After (working days overdue)",
        default=5,
        help="A task still open this many working days after its deadline is "
        "escalated to the chair (Decision 42/2014/QĐ-TTg on task follow-up).",
    )
