# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from odoo.addons.ecabinet_base.tools.api import public_method


class EcabinetCommitteeMember(models.Model):
    _inherit = "ecabinet.committee.member"

    def write(self, vals):
        users = self.partner_id.user_ids
        result = super().write(vals)
        if {"date_end", "active", "partner_id", "committee_id"} & set(vals):
            (users | self.partner_id.user_ids)._ecabinet_offline_check_left()
        return result

    def unlink(self):
        users = self.partner_id.user_ids
        result = super().unlink()
        users._ecabinet_offline_check_left()
        return result

    @public_method
    def action_ecabinet_wipe_devices(self):
        """Withdraw the offline keys of these members on every device and sign
        them out there: each device erases its pack at its next contact. The
        committee's chatter keeps the trace."""
        self.check_access("write")
        self.env["ecabinet.offline.device"]._ecabinet_check_can_wipe()
        for member in self:
            count = member.partner_id.user_ids._ecabinet_offline_wipe()
            member.committee_id.message_post(
                body=self.env["ecabinet.offline.device"]._ecabinet_wipe_message(
                    member.partner_id, count
                )
            )
