# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from bisect import bisect_right
from datetime import timedelta

from odoo import fields, models

from odoo.addons.ecabinet_base.models.resource_calendar import SEARCH_LIMIT_DAYS


class EcabinetCommittee(models.Model):
    _inherit = "ecabinet.committee"

    task_warn_days = fields.Integer(
        string="Warn Before Deadline (working days)",
        default=3,
        help="The lead agency is warned this many working days before a task's "
        "deadline, then on the day, then when it is overdue.",
    )
    task_escalation_days = fields.Integer(
        string="Escalate After (working days overdue)",
        default=5,
        help="A task still open this many working days after its deadline is "
        "escalated to the chair (Decision 42/2014/QĐ-TTg on task follow-up).",
    )

    def _task_warning_dates(self, today):
        """``{committee id: (escalate_until, warn_until)}`` on ``today``: an open
        task is escalated when its deadline is on or before ``escalate_until``
        (``task_escalation_days`` working days or more after it), and warned
        before its deadline when that is after today up to ``warn_until``
        (``task_warn_days`` working days left or fewer). Working days come from
        the committee's calendar, once per calendar and delays."""
        day = timedelta(days=1)
        found, dates = {}, {}
        for committee in self:
            escalate = max(committee.task_escalation_days, 0)
            warn = max(committee.task_warn_days, 0)
            calendar = committee.calendar_id
            cache_key = (calendar.id, escalate, warn)
            if cache_key not in found:
                span = 2 * max(escalate, warn) + 31
                while True:
                    working = calendar._ecabinet_working_dates(
                        today - timedelta(days=span), today + timedelta(days=span)
                    )
                    split = bisect_right(working, today)
                    past, future = working[:split], working[split:]
                    enough = len(past) >= escalate and len(future) > warn
                    if enough or span >= SEARCH_LIMIT_DAYS:
                        break
                    span *= 2
                if not escalate:
                    escalate_until = today - day
                elif len(past) >= escalate:
                    escalate_until = past[-escalate] - day
                else:  # not that many working days: never escalated
                    escalate_until = None
                if len(future) > warn:
                    warn_until = future[warn] - day
                else:
                    warn_until = today + timedelta(days=span)
                found[cache_key] = (escalate_until, warn_until)
            dates[committee.id] = found[cache_key]
        return dates
