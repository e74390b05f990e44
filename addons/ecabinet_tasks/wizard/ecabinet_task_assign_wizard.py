# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

from odoo.addons.ecabinet_base.tools.api import public_method


class EcabinetTaskAssignWizard(models.TransientModel):
    """Assign the conclusion of an agenda item as tasks: one per lead agency."""

    _name = "ecabinet.task.assign.wizard"
    _description = "Assign Tasks from a Conclusion"

    item_id = fields.Many2one(
        "ecabinet.meeting.agenda.item", required=True, ondelete="cascade"
    )
    name = fields.Char(string="Task", help="The item's title when left empty.")
    lead_agency_ids = fields.Many2many(
        "res.partner",
        "ecabinet_task_assign_wizard_lead_rel",
        "wizard_id",
        "partner_id",
        string="Lead Agencies",
        required=True,
        domain=[("is_ecabinet_agency", "=", True)],
    )
    coordinating_agency_ids = fields.Many2many(
        "res.partner",
        "ecabinet_task_assign_wizard_coordinating_rel",
        "wizard_id",
        "partner_id",
        string="Coordinating Agencies",
        domain=[("is_ecabinet_agency", "=", True)],
    )
    deadline = fields.Date(
        help="Leave empty for a regular duty, reported every period."
    )

    @public_method
    def action_assign(self):
        self.ensure_one()
        tasks = self.item_id.create_tasks(
            self.lead_agency_ids,
            name=self.name,
            deadline=self.deadline,
            coordinating=self.coordinating_agency_ids,
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecabinet_tasks.ecabinet_task_action"
        )
        action.update(
            {
                "domain": [("id", "in", tasks.ids)],
                "view_mode": "list,form",
                "views": [(False, "list"), (False, "form")],
                "context": {"create": False},
            }
        )
        return action
