# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .resource_calendar import DEFAULT_TZ


class EcabinetCommittee(models.Model):
    _name = "ecabinet.committee"
    _description = "People's Committee"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "term_start desc, name"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(help="Short symbol used in document numbers, e.g. UBND.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    term_start = fields.Date(tracking=True)
    term_end = fields.Date(tracking=True)
    member_ids = fields.One2many(
        "ecabinet.committee.member", "committee_id", string="Members"
    )
    current_member_ids = fields.One2many(
        "ecabinet.committee.member",
        compute="_compute_current_members",
        string="Current Members",
    )
    current_member_count = fields.Integer(compute="_compute_current_members")
    chair_id = fields.Many2one("res.partner", compute="_compute_current_members")
    secretariat_user_ids = fields.Many2many(
        "res.users",
        string="Secretariat",
        domain=[("share", "=", False)],
        help="Staff of the office who prepare this committee's sessions and follow "
        "its notifications.",
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Days",
        required=True,
        default=lambda self: self.env.company._ecabinet_default_calendar(),
        help="Working-day calendar used for every deadline and lead time of this "
        "committee (public holidays and swapped working days included).",
    )
    description = fields.Html()

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A committee code must be unique per company.",
        ),
    ]

    def _ecabinet_creation_message(self):
        return self.env._("Committee created")

    @api.model_create_multi
    def create(self, vals_list):
        committees = super().create(vals_list)
        committees._load_public_holidays()
        return committees

    def write(self, vals):
        result = super().write(vals)
        if "calendar_id" in vals:
            self._load_public_holidays()
        return result

    def _load_public_holidays(self):
        self.filtered(
            "company_id.ecabinet_load_public_holidays"
        ).calendar_id._ecabinet_load_public_holidays()

    @api.constrains("term_start", "term_end")
    def _check_term(self):
        for committee in self:
            if (
                committee.term_start
                and committee.term_end
                and committee.term_end < committee.term_start
            ):
                raise ValidationError(
                    self.env._(
                        "The term of %(committee)s ends before it starts.",
                        committee=committee.name,
                    )
                )

    @api.depends(
        "member_ids.active",
        "member_ids.date_start",
        "member_ids.date_end",
        "member_ids.position",
    )
    @api.depends_context("date")
    def _compute_current_members(self):
        for committee in self:
            current = committee.member_ids.filtered("is_current")
            committee.current_member_ids = current
            committee.current_member_count = len(current)
            committee.chair_id = current.filtered(lambda m: m.position == "chair")[
                :1
            ].partner_id

    def _members_at(self, day):
        """Members of the committee serving on ``day``."""
        self.ensure_one()
        return self.member_ids.filtered(lambda member: member._serves_on(day))

    def _is_member(self, partner, day=None):
        """Whether ``partner`` serves on the committee on ``day`` (default today)."""
        self.ensure_one()
        day = day or fields.Date.context_today(self)
        return partner in self._members_at(day).partner_id

    def _ecabinet_tz_name(self):
        """The committee's time zone (its working-day calendar's): every date and
        time printed, mailed or texted for the committee is shown in it."""
        self.ensure_one()
        return self.sudo().calendar_id.tz or DEFAULT_TZ

    # Demo data -------------------------------------------------------------------

    def _ecabinet_demo_day(self, days=0):
        """The working day ``days`` working days after today (before it when
        negative; 0: today if it is a working day, else the next one), on the
        committee's calendar and in its time zone.

        The demo data dates its sessions, ballots and tasks with it (``<field
        model="ecabinet.committee" eval="obj(ref(...))._ecabinet_demo_day(-3)"/>``)
        so that they are alive on the day they are installed and never fall on a
        weekend or a public holiday.
        """
        self.ensure_one()
        calendar = self.calendar_id
        today = datetime.now(calendar._ecabinet_tz()).date()
        return calendar.ecabinet_add_working_days(today, days)

    def _ecabinet_demo_time(self, days=0, hour=8, minute=0, second=0):
        """That time of the day (committee's time zone) on
        :meth:`_ecabinet_demo_day`, as Odoo stores it (naive UTC)."""
        self.ensure_one()
        return self.calendar_id._ecabinet_utc(
            self._ecabinet_demo_day(days), time(hour, minute, second)
        )
