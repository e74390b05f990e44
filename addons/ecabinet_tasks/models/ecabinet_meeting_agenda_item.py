# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method


class EcabinetMeetingAgendaItem(models.Model):
    _inherit = "ecabinet.meeting.agenda.item"

    task_ids = fields.One2many("ecabinet.task", "item_id", string="Tasks")

    @public_method(agencies="res.partner", coordinating="res.partner")
    def create_tasks(self, agencies, name=None, deadline=None, coordinating=None):
        """One task per lead agency from this item's conclusion (one click for
        several agencies)."""
        self.ensure_one()
        if not self.conclusion:
            raise UserError(self.env._("Record the conclusion before assigning tasks."))
        if not agencies:
            raise UserError(self.env._("Choose at least one lead agency."))
        meeting = self.meeting_id
        source = meeting.conclusion_number and (
            f"{meeting.conclusion_number}/TB-{meeting.committee_id.code or ''}"
        )
        return self.env["ecabinet.task"].create(
            [
                {
                    "name": name or self.name,
                    "description": self.conclusion,
                    "committee_id": meeting.committee_id.id,
                    "item_id": self.id,
                    "source_document": source,
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
