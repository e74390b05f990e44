# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method

from .ecabinet_task import OPEN_STATUSES, SECRETARIAT


class EcabinetTaskExtension(models.Model):
    """A request to move a task's deadline, decided by the chair or a delegate;
    approved requests are the history of the task's deadlines."""

    _name = "ecabinet.task.extension"
    _description = "Deadline Extension Request"
    _inherit = ["ecabinet.state.lock.mixin"]
    _order = "task_id, id desc"
    # Locked by the task; decided by the actions.
    _state_lock_parent = "task_id"
    _state_lock_field = "status"
    _state_lock_write = {
        status: {
            SECRETARIAT: ("task_id", "reason", "proposed_deadline", "decision_note")
        }
        for status in OPEN_STATUSES
    }
    _state_lock_create = {status: (SECRETARIAT,) for status in OPEN_STATUSES}

    task_id = fields.Many2one(
        "ecabinet.task", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="task_id.company_id", store=True)
    reason = fields.Text(required=True)
    old_deadline = fields.Date(readonly=True)
    proposed_deadline = fields.Date(required=True)
    state = fields.Selection(
        [("requested", "Requested"), ("approved", "Approved"), ("refused", "Refused")],
        default="requested",
        required=True,
        readonly=True,
    )
    requested_by_id = fields.Many2one(
        "res.partner", default=lambda self: self.env.user.partner_id, readonly=True
    )
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decision_note = fields.Text()

    def _check_requested(self):
        if self.filtered(lambda e: e.state != "requested"):
            raise UserError(self.env._("This request was already decided."))
        if not self.env.user.has_group("ecabinet_base.group_chair"):
            raise UserError(
                self.env._("Only the chair or a delegate decides extensions.")
            )

    @public_method
    def action_approve(self):
        self._check_requested()
        for extension in self:
            task = extension.task_id
            extension._ecabinet_transition(
                {
                    "state": "approved",
                    "decided_by_id": self.env.uid,
                    "old_deadline": task.deadline,
                }
            )
            task._ecabinet_transition({"deadline": extension.proposed_deadline})
            task.message_post(
                body=self.env._(
                    "Deadline moved from %(old)s to %(new)s: %(reason)s",
                    old=extension.old_deadline,
                    new=extension.proposed_deadline,
                    reason=extension.reason,
                ),
                subtype_xmlid="mail.mt_note",
            )

    @public_method
    def action_refuse(self):
        self._check_requested()
        self._ecabinet_transition({"state": "refused", "decided_by_id": self.env.uid})
