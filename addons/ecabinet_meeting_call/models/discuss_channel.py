# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import AccessError


class DiscussChannel(models.Model):
    """A session's channel (its chat and its call) and the private lines of its
    attendees to the secretariat: group channels whose members only the session
    decides (see ``discuss.channel.member``)."""

    _inherit = "discuss.channel"

    ecabinet_meeting_id = fields.Many2one(
        "ecabinet.meeting",
        string="e-Cabinet Session",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    ecabinet_line_partner_id = fields.Many2one(
        "res.partner",
        string="Private Line of",
        readonly=True,
        index="btree_not_null",
        help="On a private line to the secretariat: the attendee who opened it.",
    )

    def write(self, vals):
        # the link to the session decides who may be a member: set once
        if {"ecabinet_meeting_id", "ecabinet_line_partner_id"} & set(vals):
            raise AccessError(self.env._("The session of a channel cannot be changed."))
        return super().write(vals)

    def _ecabinet_allowed_partners(self):
        """Who may be a member: for the session's channel, the session's
        attendees and its secretariat; for a private line, its attendee and the
        secretariat."""
        self.ensure_one()
        meeting = self.sudo().ecabinet_meeting_id
        if self.ecabinet_line_partner_id:
            return (
                self.ecabinet_line_partner_id | meeting._ecabinet_secretariat_partners()
            )
        return meeting._ecabinet_channel_partners()
