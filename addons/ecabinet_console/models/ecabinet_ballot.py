# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from odoo.addons.ecabinet_base.tools.api import public_method


class EcabinetBallot(models.Model):
    _inherit = "ecabinet.ballot"

    result_published = fields.Boolean(
        readonly=True,
        copy=False,
        tracking=True,
        help="The chair has shown the result of this vote on the projector and "
        "the members' screens.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        ballots = super().create(vals_list)
        ballots.filtered(lambda b: b.kind == "vote").meeting_id._ecabinet_live_changed(
            "vote"
        )
        return ballots

    def write(self, vals):
        result = super().write(vals)
        changes = []
        if "state" in vals:
            changes.append("vote")
        if "result_published" in vals:
            changes.append("result")
        if changes:
            self.filtered(lambda b: b.kind == "vote").meeting_id._ecabinet_live_changed(
                *changes
            )
        return result

    @public_method
    def action_publish_result(self):
        """The chair shows the result of a closed vote to the room."""
        self._ecabinet_check_group("ecabinet_base.group_chair", self.env._("publish"))
        self._ecabinet_check_state(
            ("closed", "decided"), self.env._("publish the result of")
        )
        self._ecabinet_transition({"result_published": True})
