# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .ecabinet_task import OPEN_STATUSES, SECRETARIAT


class EcabinetTaskProgress(models.Model):
    _name = "ecabinet.task.progress"
    _description = "Task Progress Report"
    _inherit = ["ecabinet.state.lock.mixin"]
    _order = "task_id, date desc, id desc"
    # Locked by the task: the reports of a completed or cancelled task stay.
    _state_lock_parent = "task_id"
    _state_lock_field = "status"
    _state_lock_write = {
        status: {SECRETARIAT: ("task_id", "date", "percent", "body", "attachment_ids")}
        for status in OPEN_STATUSES
    }
    _state_lock_create = {status: (SECRETARIAT,) for status in OPEN_STATUSES}
    _state_lock_unlink = {status: (SECRETARIAT,) for status in OPEN_STATUSES}

    task_id = fields.Many2one(
        "ecabinet.task", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="task_id.company_id", store=True)
    date = fields.Date(default=fields.Date.context_today, required=True)
    percent = fields.Integer(string="Progress (%)", required=True)
    body = fields.Text(string="Report", required=True)
    author_id = fields.Many2one(
        "res.partner", default=lambda self: self.env.user.partner_id, readonly=True
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Files")
