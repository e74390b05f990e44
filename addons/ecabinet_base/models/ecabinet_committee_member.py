# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

POSITIONS = [
    ("chair", "Chair (Chủ tịch)"),
    ("vice_chair", "Vice-Chair (Phó Chủ tịch)"),
    ("member", "Member (Ủy viên)"),
]


class EcabinetCommitteeMember(models.Model):
    _name = "ecabinet.committee.member"
    _description = "Committee Membership"
    _order = "committee_id, sequence, date_start, id"
    _rec_names_search = ["partner_id.name", "job_title"]

    committee_id = fields.Many2one(
        "ecabinet.committee", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="committee_id.company_id", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="restrict"
    )
    user_id = fields.Many2one(
        "res.users",
        compute="_compute_user_id",
        string="Login",
        help="Internal or portal login of the person, if any.",
    )
    sequence = fields.Integer(default=10)
    position = fields.Selection(POSITIONS, required=True, default="member")
    job_title = fields.Char(
        string="Office Held", help="E.g. Director of the Department of Finance."
    )
    agency_id = fields.Many2one(
        "res.partner",
        domain=[("is_ecabinet_agency", "=", True)],
        help="Agency the member heads or represents.",
    )
    date_start = fields.Date(
        string="From", required=True, default=fields.Date.context_today
    )
    date_end = fields.Date(string="To", help="Leave empty while the member serves.")
    active = fields.Boolean(
        default=True,
        help="Archive a membership entered by mistake; to record that "
        "a member left, set the end date so their history is kept.",
    )
    is_current = fields.Boolean(
        compute="_compute_is_current", search="_search_is_current", string="Serving"
    )

    @api.depends("partner_id.user_ids")
    def _compute_user_id(self):
        for member in self:
            member.user_id = member.partner_id.with_context(active_test=False).user_ids[
                :1
            ]

    @api.depends("partner_id", "position", "job_title")
    def _compute_display_name(self):
        positions = dict(self._fields["position"]._description_selection(self.env))
        for member in self:
            member.display_name = "%s (%s)" % (
                member.partner_id.name or "",
                member.job_title or positions.get(member.position, ""),
            )

    @api.depends("date_start", "date_end", "active")
    @api.depends_context("date")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for member in self:
            member.is_current = member._serves_on(today)

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Unsupported search on “Serving”."))
        today = fields.Date.context_today(self)
        domain = [
            ("date_start", "<=", today),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", today),
        ]
        if (operator == "=") != value:
            return ["!", *expression.normalize_domain(domain)]
        return domain

    def _serves_on(self, day):
        self.ensure_one()
        return (
            self.active
            and self.date_start <= day
            and (not self.date_end or self.date_end >= day)
        )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for member in self:
            if member.date_end and member.date_end < member.date_start:
                raise ValidationError(
                    self.env._(
                        "The membership of %(person)s ends before it starts.",
                        person=member.partner_id.name,
                    )
                )

    @api.constrains("committee_id", "partner_id", "date_start", "date_end", "position")
    def _check_overlaps(self):
        for member in self:
            others = member.committee_id.member_ids - member
            for other in others:
                if not member._overlaps(other):
                    continue
                if other.partner_id == member.partner_id:
                    raise ValidationError(
                        self.env._(
                            "%(person)s is already a member of %(committee)s for "
                            "part of this period.",
                            person=member.partner_id.name,
                            committee=member.committee_id.name,
                        )
                    )
                if member.position == "chair" and other.position == "chair":
                    raise ValidationError(
                        self.env._(
                            "%(committee)s already has a chair (%(chair)s) for part "
                            "of this period.",
                            committee=member.committee_id.name,
                            chair=other.partner_id.name,
                        )
                    )

    def _overlaps(self, other):
        far = fields.Date.to_date("9999-12-31")
        return self.date_start <= (other.date_end or far) and other.date_start <= (
            self.date_end or far
        )
