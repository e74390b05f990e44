# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Levels whose documents leave e-Cabinet as files (state secrets never do).
DOWNLOAD_LEVELS = ("normal", "internal")


class EcabinetCommittee(models.Model):
    _inherit = "ecabinet.committee"

    meeting_ids = fields.One2many("ecabinet.meeting", "committee_id", string="Sessions")
    meeting_count = fields.Integer(compute="_compute_meeting_count")
    quorum_numerator = fields.Integer(
        string="Quorum (numerator)",
        default=2,
        help="A session may hold votes when at least this fraction of the serving "
        "members is present: two thirds by default (Law on Local Government 2015, "
        "art. 114).",
    )
    quorum_denominator = fields.Integer(string="Quorum (denominator)", default=3)
    quorum_counts_substitutes = fields.Boolean(
        string="Substitutes Count for the Quorum",
        help="Count a person attending in a member's place (người dự thay) as present "
        "for the quorum. Off by default: a substitute attends but does not vote.",
    )
    quorum_counts_online = fields.Boolean(
        string="Members Online Count for the Quorum",
        default=True,
        help="Count a member admitted to attend the session online (dự trực tuyến) "
        "as present for the quorum. On by default: the Government's e-Cabinet "
        "counts the members who join by video (its first session: 21 in the "
        "room, 4 online); the committee's working regulations decide (new model "
        "working regulations: Decree 314/2025/NĐ-CP).",
    )
    recusal_hides_documents = fields.Boolean(
        string="Recused Members Do Not See the Item's Documents",
        help="A member who declares a conflict of interest on an item stays out of "
        "its quorum base and its vote (Law on Organisation of Local Government; "
        "the committee's working regulations); with this setting the "
        "documents of that item are also hidden from them. Off by default: most "
        "working regulations keep the pack open to every member.",
    )
    lead_days_regular = fields.Integer(
        string="Pack Lead Time, Regular Sessions",
        default=3,
        help="Working days before a regular session by which the pack must be sent "
        "(Law on Local Government 2015: at least 3 working days).",
    )
    lead_days_extraordinary = fields.Integer(
        string="Pack Lead Time, Extraordinary Sessions",
        default=1,
        help="Working days before an extraordinary session (1 by default).",
    )
    lead_days_thematic = fields.Integer(
        string="Pack Lead Time, Thematic Sessions", default=3
    )
    speaking_limit_regular = fields.Integer(
        string="Speaking Time, Regular Sessions (s)",
        default=300,
        help="Seconds a speaker has the floor in a regular session, unless the "
        "item sets its own time or the chair extends it; 0: no limit.",
    )
    speaking_limit_extraordinary = fields.Integer(
        string="Speaking Time, Extraordinary Sessions (s)", default=300
    )
    speaking_limit_thematic = fields.Integer(
        string="Speaking Time, Thematic Sessions (s)", default=420
    )
    speaking_warning = fields.Integer(
        string="Speaking Time Warning (s)",
        default=30,
        help="The screens warn the speaker and the chair this many seconds before "
        "the speaker's time is up (the chair's console beeps).",
    )
    speaking_auto_stop = fields.Boolean(
        string="Stop Speakers When Their Time Is Up",
        help="When the time is up the speech ends by itself, at the limit. Off by "
        "default: the screens show that the time is up and the chair ends the "
        "speech or gives more time.",
    )
    forbid_download_normal = fields.Boolean(
        string="No Download of Normal Documents",
        help="Members read the normal documents of this committee's packs on "
        "screen and may print them, but cannot download them.",
    )
    forbid_download_internal = fields.Boolean(
        string="No Download of Internal Documents",
        help="Members read the internal documents of this committee's packs on "
        "screen and may print them (with their name and the time on every page), "
        "but cannot download them.",
    )

    @api.constrains("quorum_numerator", "quorum_denominator")
    def _check_quorum(self):
        for committee in self:
            if not 0 < committee.quorum_numerator <= committee.quorum_denominator:
                raise ValidationError(
                    self.env._("The quorum must be a fraction between 0 and 1.")
                )

    @api.constrains(
        "speaking_limit_regular",
        "speaking_limit_extraordinary",
        "speaking_limit_thematic",
        "speaking_warning",
    )
    def _check_speaking_limits(self):
        for committee in self:
            if (
                min(
                    committee.speaking_limit_regular,
                    committee.speaking_limit_extraordinary,
                    committee.speaking_limit_thematic,
                    committee.speaking_warning,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("Speaking times and their warning are not negative.")
                )

    def _compute_meeting_count(self):
        counts = dict(
            self.env["ecabinet.meeting"]._read_group(
                [("committee_id", "in", self.ids)], ["committee_id"], ["__count"]
            )
        )
        for committee in self:
            committee.meeting_count = counts.get(committee, 0)

    def _quorum_required(self, members):
        """Smallest number of people present that reaches the quorum."""
        self.ensure_one()
        return -(-members * self.quorum_numerator // self.quorum_denominator)

    def _ecabinet_download_forbidden(self, level):
        """Whether the committee forbids downloading the documents of ``level``
        (state secrets never leave e-Cabinet, whatever the setting)."""
        self.ensure_one()
        return (
            bool(self[f"forbid_download_{level}"]) if level in DOWNLOAD_LEVELS else True
        )

    def _lead_days(self, session_type):
        self.ensure_one()
        return self[f"lead_days_{session_type}"]

    def _speaking_limit(self, session_type):
        """Seconds a speaker has in a session of ``session_type`` (0: no limit)."""
        self.ensure_one()
        return self[f"speaking_limit_{session_type}"]
