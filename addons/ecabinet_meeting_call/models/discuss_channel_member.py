# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError, UserError


class DiscussChannelMember(models.Model):
    _inherit = "discuss.channel.member"

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members._ecabinet_check_session_channel()
        return members

    def _ecabinet_check_session_channel(self):
        """Nobody outside a session joins its channels: not through an
        invitation of a member, an invitation link, a guest, nor RPC (checked
        for every caller, the superuser included)."""
        for member in self.sudo():
            channel = member.channel_id
            if not channel.ecabinet_meeting_id:
                continue
            if member.guest_id or (
                member.partner_id not in channel._ecabinet_allowed_partners()
            ):
                raise AccessError(
                    self.env._(
                        "Only the people invited to “%(session)s” join its channels.",
                        session=channel.ecabinet_meeting_id.name,
                    )
                )

    def _rtc_join_call(self, store=None, check_rtc_session_ids=None, camera=False):
        """The session's call: the chair, the secretariat and the people admitted
        online, while the session is open; the private lines have no call."""
        channel = self.channel_id.sudo()
        meeting = channel.ecabinet_meeting_id
        if meeting and (
            channel.ecabinet_line_partner_id
            or meeting.state not in ("invited", "in_progress")
            or self.partner_id not in meeting._ecabinet_call_partners()
        ):
            raise UserError(
                self.env._(
                    "Only the chair, the secretariat and the members admitted online "
                    "join the call of “%(session)s”.",
                    session=meeting.name,
                )
            )
        return super()._rtc_join_call(
            store=store, check_rtc_session_ids=check_rtc_session_ids, camera=camera
        )
