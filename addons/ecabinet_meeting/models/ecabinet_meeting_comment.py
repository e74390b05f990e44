# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class EcabinetMeetingComment(models.Model):
    """A member's written comment on an item before the session (góp ý bằng văn
    bản), read by the chair and the secretariat."""

    _name = "ecabinet.meeting.comment"
    _description = "Written Comment on an Item"
    _order = "create_date desc"

    item_id = fields.Many2one(
        "ecabinet.meeting.agenda.item", required=True, ondelete="cascade", index=True
    )
    meeting_id = fields.Many2one(related="item_id.meeting_id", store=True)
    company_id = fields.Many2one(related="item_id.company_id", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        required=True,
        default=lambda self: self.env.user.partner_id,
        string="Author",
    )
    body = fields.Text(required=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "body" in vals:
                vals["body"] = self._ecabinet_clean_body(vals["body"])
        comments = super().create(vals_list)
        comments._ecabinet_check_author_may_comment()
        return comments

    def write(self, vals):
        if "body" in vals:
            vals["body"] = self._ecabinet_clean_body(vals["body"])
        if vals and not self._ecabinet_comments_managed():
            if {"item_id", "partner_id"} & set(vals):
                raise UserError(
                    self.env._("A written comment stays on its item and its author.")
                )
            self._ecabinet_check_author_may_comment()
        return super().write(vals)

    def unlink(self):
        if not self._ecabinet_comments_managed():
            self._ecabinet_check_author_may_comment()
        return super().unlink()

    def _ecabinet_clean_body(self, body):
        body = (body or "").strip()
        if not body:
            raise UserError(self.env._("Write your comment before sending it."))
        return body

    def _ecabinet_comments_managed(self):
        """The secretariat (and the chair) record the comments received on paper,
        at any time; the members write their own before the session only."""
        return self.env.su or self.env.user.has_group("ecabinet_base.group_secretariat")

    def _ecabinet_check_author_may_comment(self):
        """A member writes, changes or deletes their own comments, on the items of
        a session they are invited to, before it starts (the portal, RPC and
        imports alike)."""
        if self._ecabinet_comments_managed():
            return
        partner = self.env.user.partner_id
        for comment in self:
            if comment.partner_id != partner:
                raise AccessError(
                    self.env._("You can only write your own written comments.")
                )
            # The item as its author sees it: an invitee comments on their items.
            comment.item_id.check_access("read")
            item = comment.item_id.sudo()
            meeting = item.meeting_id
            if (
                not meeting._ecabinet_comments_open()
                or item.state in ("proposed", "withdrawn")
                or partner not in meeting.attendee_ids.partner_id
            ):
                raise UserError(
                    self.env._("Written comments are sent before the session starts.")
                )
