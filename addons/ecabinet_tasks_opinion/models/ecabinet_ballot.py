# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method


class EcabinetBallot(models.Model):
    _inherit = "ecabinet.ballot"

    task_ids = fields.One2many("ecabinet.task", "ballot_id", string="Tasks")
    task_count = fields.Integer(compute="_compute_task_count")

    def _compute_task_count(self):
        for ballot in self:
            ballot.task_count = len(ballot.task_ids)

    @public_method(agencies="res.partner", coordinating="res.partner")
    def create_tasks(self, agencies, name=None, deadline=None, coordinating=None):
        """One task per lead agency to carry out an approved ballot decision."""
        self.ensure_one()
        if self.state != "decided" or self.decision != "approved":
            raise UserError(
                self.env._("Tasks follow an approved decision of the chair.")
            )
        if not agencies:
            raise UserError(self.env._("Choose at least one lead agency."))
        Task = self.env["ecabinet.task"]
        with Task._ecabinet_unlocked():  # the link to the ballot is set here only
            return Task.create(
                [
                    {
                        "name": name or self.name,
                        "description": self.decision_note or self.description,
                        "committee_id": self.committee_id.id,
                        "ballot_id": self.id,
                        "source_document": self.name,
                        "lead_agency_id": agency.id,
                        "coordinating_agency_ids": [
                            fields.Command.set((coordinating or agency.browse()).ids)
                        ],
                        "deadline": deadline,
                        "is_regular": not deadline,
                    }
                    for agency in agencies
                ]
            )

    @public_method
    def action_view_tasks(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecabinet_tasks.ecabinet_task_action"
        )
        action.update(domain=[("ballot_id", "=", self.id)], context={})
        return action
