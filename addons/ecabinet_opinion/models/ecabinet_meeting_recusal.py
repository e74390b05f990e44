# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError


class EcabinetMeetingRecusal(models.Model):
    """A recused member is out of the item's votes."""

    _inherit = "ecabinet.meeting.recusal"

    @api.model
    def _ecabinet_check_not_voted(self, item, partner):
        """A member who has voted on the item's open vote cannot recuse from it
        any more: an answer given is never taken back (a secret one cannot be)."""
        result = super()._ecabinet_check_not_voted(item, partner)
        voted = (
            self.env["ecabinet.ballot.voter"]
            .sudo()
            .search_count(
                [
                    ("ballot_id.item_id", "=", item.id),
                    ("ballot_id.state", "=", "sent"),
                    ("partner_id", "=", partner.id),
                    ("has_answered", "=", True),
                ]
            )
        )
        if voted:
            raise UserError(
                self.env._(
                    "%(person)s has already voted on “%(item)s”: the recusal "
                    "comes too late for this vote.",
                    person=partner.name,
                    item=item.name,
                )
            )
        return result

    def _ecabinet_vote_opened(self):
        self.ensure_one()
        return super()._ecabinet_vote_opened() or bool(
            self.item_id.ballot_ids.filtered(lambda b: b.state != "cancelled")
        )
