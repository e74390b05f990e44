# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.ecabinet_base.tools.api import public_method


class EcabinetTaskAssignWizard(models.TransientModel):
    _inherit = "ecabinet.task.assign.wizard"

    item_id = fields.Many2one(required=False)
    ballot_id = fields.Many2one("ecabinet.ballot", ondelete="cascade")

    @public_method
    def action_assign(self):
        self.ensure_one()
        if not self.ballot_id:
            return super().action_assign()
        tasks = self.ballot_id.create_tasks(
            self.lead_agency_ids,
            name=self.name,
            deadline=self.deadline,
            coordinating=self.coordinating_agency_ids,
        )
        action = self.ballot_id.action_view_tasks()
        action["domain"] = [("id", "in", tasks.ids)]
        return action
