# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import datetime, time, timedelta

from pytz import timezone, utc

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.api import public_method
from ..tools.lang import in_ecabinet_lang

_logger = logging.getLogger(__name__)

try:
    import holidays as holidays_lib
except ImportError:  # pragma: no cover - declared in external_dependencies
    holidays_lib = None

# The one place the product names its default time zone (the committees' calendars
# carry their own); everything else asks ecabinet.committee._ecabinet_tz_name().
DEFAULT_TZ = "Asia/Ho_Chi_Minh"
# How far (in calendar days) the helper looks for working days before giving up:
# a calendar with no working day in ten years is misconfigured.
SEARCH_LIMIT_DAYS = 3660


class ResourceCalendar(models.Model):
    """The one working-day helper of e-Cabinet.

    Working days are the calendar's attendances (Monday to Friday by default) minus
    its global time off (public holidays), plus dated attendances (working days the
    government swapped onto a weekend). Every deadline and lead time of the product
    goes through :meth:`ecabinet_add_working_days` and
    :meth:`ecabinet_working_days_between`.
    """

    _inherit = "resource.calendar"

    ecabinet_holiday_years = fields.Char(
        string="Public Holidays Loaded For",
        readonly=True,
        copy=False,
        help="Years whose public holidays were loaded. A year is loaded once, so that "
        "the secretariat's edits are never overwritten.",
    )

    def _ecabinet_tz(self):
        self.ensure_one()
        return timezone(self.tz or DEFAULT_TZ)

    def _ecabinet_working_dates(self, date_from, date_to):
        """Sorted working dates from ``date_from`` to ``date_to``, both included."""
        self.ensure_one()
        if date_to < date_from:
            return []
        tz = self._ecabinet_tz()
        start = tz.localize(datetime.combine(date_from, time.min))
        stop = tz.localize(datetime.combine(date_to, time.max))
        intervals = self._work_intervals_batch(start, stop)[False]
        return sorted({begin.astimezone(tz).date() for begin, _end, _meta in intervals})

    @public_method
    def ecabinet_is_working_day(self, day):
        self.ensure_one()
        day = fields.Date.to_date(day)
        return bool(self._ecabinet_working_dates(day, day))

    @public_method
    def ecabinet_add_working_days(self, day, count):
        """Return the ``count``-th working day after ``day``.

        A negative ``count`` counts backwards (``-3``: three working days before
        ``day``); ``0`` returns ``day`` if it is a working day, else the next one.
        """
        self.ensure_one()
        day = fields.Date.to_date(day)
        if count == 0:
            if self.ecabinet_is_working_day(day):
                return day
            return self.ecabinet_add_working_days(day, 1)
        needed = abs(count)
        window = timedelta(days=max(2 * needed, 14) + 7)
        cursor, seen = day, 0
        while abs((cursor - day).days) < SEARCH_LIMIT_DAYS:
            if count > 0:
                dates = self._ecabinet_working_dates(
                    cursor + timedelta(days=1), cursor + window
                )
                cursor += window
            else:
                dates = self._ecabinet_working_dates(
                    cursor - window, cursor - timedelta(days=1)
                )[::-1]
                cursor -= window
            if seen + len(dates) >= needed:
                return dates[needed - seen - 1]
            seen += len(dates)
        raise UserError(
            self.env._(
                "The working-day calendar “%(calendar)s” has no working day in ten "
                "years: check its working hours.",
                calendar=self.name,
            )
        )

    @public_method
    def ecabinet_working_days_between(self, date_from, date_to):
        """Number of working days after ``date_from`` up to ``date_to`` included.

        It is the inverse of :meth:`ecabinet_add_working_days`:
        ``between(d, add(d, n)) == n``; negative when ``date_to`` is earlier.
        """
        self.ensure_one()
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if date_to < date_from:
            return -self.ecabinet_working_days_between(date_to, date_from)
        return len(self._ecabinet_working_dates(date_from + timedelta(days=1), date_to))

    # Public holidays ------------------------------------------------------------

    @api.model
    def _ecabinet_calendars(self, companies=None):
        """Calendars used by e-Cabinet: the committees' and the companies' defaults."""
        if companies is None:
            companies = self.env["res.company"].search([])
        calendars = (
            self.env["ecabinet.committee"]
            .with_context(active_test=False)
            .search([("company_id", "in", companies.ids)])
            .calendar_id
        )
        for company in companies:
            calendars |= company._ecabinet_default_calendar()
        return calendars

    def _ecabinet_loaded_years(self):
        self.ensure_one()
        return {int(y) for y in (self.ecabinet_holiday_years or "").split(",") if y}

    def _ecabinet_holiday_language(self):
        lang = self.company_id.partner_id.lang or self.env.lang or ""
        return "vi" if lang.startswith("vi") else "en_US"

    def _ecabinet_load_public_holidays(self, years=None, force=False):
        """Load Vietnam's public holidays and swapped working days.

        Holidays (Tết and Hùng Kings' day come from the lunar calendar) become
        global time off of the calendar; working days moved onto a weekend become
        dated attendances. A year already loaded is skipped unless ``force``, and a
        day already off is never loaded twice.
        """
        if holidays_lib is None:
            raise UserError(
                self.env._(
                    "The Python package “holidays” is missing: ask your administrator "
                    "to install e-Cabinet's requirements."
                )
            )
        today = fields.Date.context_today(self)
        years = sorted(years or [today.year, today.year + 1])
        leave_vals = []
        for calendar in self.sudo():
            todo = [
                y for y in years if force or y not in calendar._ecabinet_loaded_years()
            ]
            if not todo:
                continue
            country = holidays_lib.country_holidays(
                "VN", years=todo, language=calendar._ecabinet_holiday_language()
            )
            leave_vals += calendar._ecabinet_holiday_leave_vals(country)
            calendar._ecabinet_add_swapped_working_days(
                sorted(d for d in country.weekend_workdays if d.year in todo)
            )
            calendar.ecabinet_holiday_years = ",".join(
                str(y) for y in sorted(calendar._ecabinet_loaded_years() | set(todo))
            )
        self.env["resource.calendar.leaves"].sudo().create(leave_vals)

    def _ecabinet_holiday_leave_vals(self, country):
        self.ensure_one()
        tz = self._ecabinet_tz()
        days = sorted(country)
        if not days:
            return []
        existing = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", self.id),
                ("resource_id", "=", False),
                ("date_from", "<=", datetime.combine(days[-1], time.max)),
                ("date_to", ">=", datetime.combine(days[0], time.min) - timedelta(1)),
            ]
        )
        taken = set()
        for leave in existing:
            first = utc.localize(leave.date_from).astimezone(tz).date()
            last = utc.localize(leave.date_to).astimezone(tz).date()
            taken |= {first + timedelta(n) for n in range((last - first).days + 1)}
        return [
            {
                "name": country[day],
                "calendar_id": self.id,
                "company_id": self.company_id.id,
                "time_type": "leave",
                "date_from": self._ecabinet_utc(day, time.min),
                "date_to": self._ecabinet_utc(day, time(23, 59, 59)),
            }
            for day in days
            if day not in taken
        ]

    def _ecabinet_utc(self, day, at):
        local = self._ecabinet_tz().localize(datetime.combine(day, at))
        return local.astimezone(utc).replace(tzinfo=None)

    def _ecabinet_add_swapped_working_days(self, days):
        """Make each of ``days`` (weekend days) a working day like a Monday."""
        self.ensure_one()
        model = self.attendance_ids.filtered(
            lambda a: a.dayofweek == "0" and not a.date_from and not a.week_type
        )
        commands = []
        for day in days:
            if self.attendance_ids.filtered(lambda a, d=day: a.date_from == d):
                continue
            commands += [
                fields.Command.create(
                    {
                        "name": self.env._("Swapped working day %(day)s", day=day),
                        "dayofweek": str(day.weekday()),
                        "date_from": day,
                        "date_to": day,
                        "hour_from": attendance.hour_from,
                        "hour_to": attendance.hour_to,
                        "day_period": attendance.day_period,
                    }
                )
                for attendance in model
            ]
        if commands:
            self.attendance_ids = commands

    @api.model
    @in_ecabinet_lang
    def _cron_ecabinet_load_public_holidays(self):
        companies = self.env["res.company"].search(
            [("ecabinet_load_public_holidays", "=", True)]
        )
        calendars = self._ecabinet_calendars(companies)
        calendars._ecabinet_load_public_holidays()
        _logger.info("Public holidays checked for %s calendar(s)", len(calendars))
