# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcabinetTask(models.Model):
    _inherit = "ecabinet.task"

    ballot_id = fields.Many2one(
        "ecabinet.ballot", string="Ballot Decision", index=True, readonly=True
    )
