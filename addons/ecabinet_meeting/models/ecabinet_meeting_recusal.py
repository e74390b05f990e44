# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.ecabinet_base.tools.api import public_method

SECRETARIAT = "ecabinet_base.group_secretariat"
RECUSAL_STATES = [
    ("declared", "Declared"),
    ("withdrawn", "Withdrawn"),
]
# A recusal is declared once the agenda is approved, until the session closes.
RECUSAL_MEETING_STATES = ("agenda_approved", "invited", "in_progress")
RECUSAL_ITEM_STATES = ("planned", "in_progress")


class EcabinetMeetingRecusal(models.Model):
    """A member stays out of an agenda item for a conflict of interest: out of
    its quorum base, its vote and (if the committee says so) its documents.
    Declared by the member (session page or tablet) or recorded by the chair or
    the secretariat; withdrawn by its member or the secretariat until a vote is
    opened on the item."""

    _name = "ecabinet.meeting.recusal"
    _description = "Recusal from an Agenda Item"
    _inherit = ["mail.thread", "ecabinet.state.lock.mixin"]
    _order = "meeting_id desc, item_id, id"
    _rec_name = "partner_id"
    # Declared: the secretariat may correct the reason; withdrawn: a record.
    # Nobody deletes a recusal (the minutes print it); ``action_withdraw`` ends it.
    _state_lock_write = {"declared": {SECRETARIAT: ("reason",)}}
    _state_lock_create = {"declared": ("*",)}
    _state_lock_unlink = {}

    item_id = fields.Many2one(
        "ecabinet.meeting.agenda.item",
        string="Agenda Item",
        required=True,
        ondelete="cascade",
        index=True,
    )
    meeting_id = fields.Many2one(
        related="item_id.meeting_id", store=True, index=True, string="Session"
    )
    company_id = fields.Many2one(related="item_id.company_id", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        default=lambda self: self.env.user.partner_id,
    )
    reason = fields.Text(
        required=True, tracking=True, help="The conflict of interest, in a sentence."
    )
    state = fields.Selection(
        RECUSAL_STATES,
        default="declared",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    declared_by_id = fields.Many2one(
        "res.users",
        string="Recorded by",
        readonly=True,
        copy=False,
        default=lambda self: self.env.user,
    )
    withdrawn_date = fields.Datetime(string="Withdrawn On", readonly=True, copy=False)

    def _ecabinet_creation_message(self):
        return self.env._("Recusal declared")

    @api.model
    def _ecabinet_recusals_managed(self):
        """The chair and the secretariat record any member's recusal."""
        return self.env.su or self.env.user.has_group(SECRETARIAT)

    @api.model_create_multi
    def create(self, vals_list):
        env = self.env
        Item = env["ecabinet.meeting.agenda.item"]
        for vals in vals_list:
            vals["reason"] = (vals.get("reason") or "").strip()
            if not vals["reason"]:
                raise UserError(env._("Give the reason of the recusal."))
            vals.setdefault("partner_id", env.user.partner_id.id)
            if not self._ecabinet_recusals_managed():
                if vals["partner_id"] != env.user.partner_id.id:
                    raise AccessError(env._("You can only declare your own recusal."))
                # the item as the member sees it
                Item.browse(vals.get("item_id") or 0).check_access("read")
            vals["declared_by_id"] = env.user.id
            # checked before anything is written: a refusal leaves nothing
            self._ecabinet_check_declarable(
                Item.sudo().browse(vals.get("item_id") or 0).exists(),
                env["res.partner"].sudo().browse(vals["partner_id"]).exists(),
            )
        # Checked above (who, on which item, when): the portal, the tablet, RPC
        # and imports alike.
        with self._ecabinet_unlocked():
            return super().create(vals_list)

    @api.model
    def _ecabinet_check_declarable(self, item, partner):
        """A serving member recuses once from an item still to be discussed of a
        session whose agenda is approved and not closed."""
        if not item or not partner:
            raise UserError(self.env._("Choose the item and the member."))
        meeting = item.meeting_id
        if (
            meeting.state not in RECUSAL_MEETING_STATES
            or item.state not in RECUSAL_ITEM_STATES
        ):
            raise UserError(
                self.env._(
                    "A recusal is declared on an item still to be discussed, "
                    "once the agenda is approved."
                )
            )
        if partner not in meeting.attendee_ids.filtered("is_member").partner_id:
            raise UserError(
                self.env._(
                    "%(person)s is not a member of the committee invited to this "
                    "session.",
                    person=partner.name,
                )
            )
        if self.sudo().search_count(
            [
                ("item_id", "=", item.id),
                ("partner_id", "=", partner.id),
                ("state", "=", "declared"),
            ]
        ):
            raise UserError(
                self.env._(
                    "%(person)s has already declared a recusal on “%(item)s”.",
                    person=partner.name,
                    item=item.name,
                )
            )
        self._ecabinet_check_not_voted(item, partner)

    @api.model
    def _ecabinet_check_not_voted(self, item, partner):
        """Hook of the voting engine (ecabinet_opinion): a member who has voted
        on the item's open vote can no longer recuse from it."""

    def _ecabinet_vote_opened(self):
        """Whether a vote has been opened on the item (ecabinet_opinion): a
        recusal then stays."""
        self.ensure_one()
        return False

    @public_method
    def action_withdraw(self):
        """The member withdraws their recusal (or the secretariat withdraws one
        recorded by mistake) until a vote is opened on the item."""
        self._ecabinet_check_state(("declared",), self.env._("withdraw"))
        managed = self._ecabinet_recusals_managed()
        for recusal in self:
            if not managed:
                recusal.check_access("read")
                if recusal.partner_id != self.env.user.partner_id:
                    raise AccessError(
                        self.env._("You can only withdraw your own recusal.")
                    )
            if recusal.sudo()._ecabinet_vote_opened():
                raise UserError(
                    self.env._(
                        "A vote has been opened on “%(item)s”: the recusal can no "
                        "longer be withdrawn.",
                        item=recusal.sudo().item_id.name,
                    )
                )
        self.sudo()._ecabinet_transition(
            {"state": "withdrawn", "withdrawn_date": fields.Datetime.now()}
        )
