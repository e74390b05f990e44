# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EcabinetCommittee(models.Model):
    _inherit = "ecabinet.committee"

    offline_enabled = fields.Boolean(
        string="Packs Kept Offline",
        default=True,
        help="Members' devices keep the packs of their next sessions, encrypted, "
        "to read them without network.",
    )
    offline_max_hours = fields.Float(
        string="Readable Offline For (hours)",
        default=72.0,
        help="A device that has not contacted the server for this long stops "
        "showing the pack until it reconnects.",
    )
    offline_keep_days = fields.Integer(
        string="Kept After Closing (days)",
        default=7,
        help="Days after a session closes during which its pack stays on the "
        "members' devices; it is erased at the next contact after that.",
    )

    @api.constrains("offline_max_hours", "offline_keep_days")
    def _check_offline_limits(self):
        for committee in self:
            if committee.offline_max_hours <= 0 or committee.offline_keep_days < 0:
                raise ValidationError(
                    self.env._(
                        "The offline reading time must be positive and the days a "
                        "closed session's pack is kept cannot be negative."
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if "offline_enabled" in vals and not vals["offline_enabled"]:
            self.env["ecabinet.committee.member"].sudo().search(
                [("committee_id", "in", self.ids)]
            ).partner_id.user_ids._ecabinet_offline_check_left()
        return result
