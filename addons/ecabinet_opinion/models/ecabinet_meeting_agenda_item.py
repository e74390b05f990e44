# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method


class EcabinetMeetingAgendaItem(models.Model):
    _inherit = "ecabinet.meeting.agenda.item"

    ballot_ids = fields.One2many("ecabinet.ballot", "item_id", string="Votes")

    @public_method
    def action_open_vote(self, secret=False):
        """The chair opens a vote on the item in progress: the members present or
        online vote until the chair closes it."""
        self.ensure_one()
        if not self.env.user.has_group("ecabinet_base.group_chair"):
            raise UserError(self.env._("Only the chair opens a vote."))
        meeting = self.meeting_id
        if meeting.state != "in_progress" or self.state != "in_progress":
            raise UserError(self.env._("Votes are held on the item in progress."))
        # The quorum of the item: members recused from it are out of its base.
        if not self.quorum_reached:
            raise UserError(
                self.env._(
                    "The quorum is not reached (%(present)s present, %(required)s "
                    "required): the session cannot vote.",
                    present=self.quorum_present_count,
                    required=self.quorum_required,
                )
            )
        if self.ballot_ids.filtered(lambda b: b.state == "sent"):
            raise UserError(self.env._("A vote is already open on this item."))
        voters = (
            meeting.attendee_ids.filtered(
                lambda a: a.is_member and a.attendance in ("present", "online")
            ).partner_id
            - self.recused_partner_ids
        )
        committee = meeting.committee_id
        Ballot = self.env["ecabinet.ballot"]
        with Ballot._ecabinet_unlocked("ecabinet.ballot.question"):  # opened sent
            ballot = Ballot.create(
                {
                    "name": self.env._("Vote: %(item)s", item=self.name),
                    "kind": "vote",
                    "committee_id": committee.id,
                    "item_id": self.id,
                    "secret": secret,
                    "question_ids": [fields.Command.create({"name": self.name})],
                    "state": "sent",
                    "sent_date": fields.Datetime.now(),
                    "rule_silence": "abstain",
                    "rule_majority_base": committee.ballot_majority_base,
                    "rule_majority_percent": committee.ballot_majority_percent,
                    "rule_tie": committee.ballot_tie,
                    "chair_partner_id": meeting.chair_id.id,
                }
            )
        ballot._add_voters(voters)
        return ballot

    @public_method
    def action_open_open_vote(self):
        return self.action_open_vote(secret=False)

    @public_method
    def action_open_secret_vote(self):
        return self.action_open_vote(secret=True)
