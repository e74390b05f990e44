# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, time

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestWorkingDays(TransactionCase):
    """Deadlines count Vietnam's working days (holidays from the ``holidays`` package).

    Tết Đinh Mùi 2027 runs from Thursday 4 to Wednesday 10 February 2027. In 2024
    the government swapped Monday 29 April off for Saturday 4 May, a working day.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("ecabinet_base.resource_calendar_ecabinet").copy(
            {"name": "Test calendar"}
        )
        cls.calendar._ecabinet_load_public_holidays(years=[2024, 2027])

    def test_deadline_jumps_over_tet(self):
        cal = self.calendar
        self.assertFalse(cal.ecabinet_is_working_day(date(2027, 2, 4)))
        self.assertFalse(cal.ecabinet_is_working_day(date(2027, 2, 10)))
        self.assertEqual(
            cal.ecabinet_add_working_days(date(2027, 2, 3), 1), date(2027, 2, 11)
        )
        # A ballot sent on Tuesday 2 February 2027 with the default 5 working days.
        self.assertEqual(
            cal.ecabinet_add_working_days(date(2027, 2, 2), 5), date(2027, 2, 16)
        )
        self.assertEqual(
            cal.ecabinet_working_days_between(date(2027, 2, 3), date(2027, 2, 11)), 1
        )

    def test_lead_time_counts_backwards_over_tet(self):
        # A pack due 3 working days before a session on Friday 12 February 2027.
        self.assertEqual(
            self.calendar.ecabinet_add_working_days(date(2027, 2, 12), -3),
            date(2027, 2, 2),
        )
        self.assertEqual(
            self.calendar.ecabinet_working_days_between(
                date(2027, 2, 12), date(2027, 2, 2)
            ),
            -3,
        )

    def test_swapped_working_day_counts(self):
        cal = self.calendar
        self.assertTrue(
            cal.ecabinet_is_working_day(date(2024, 5, 4)), "Saturday made a working day"
        )
        self.assertFalse(
            cal.ecabinet_is_working_day(date(2024, 4, 29)), "Monday given off"
        )
        self.assertFalse(
            cal.ecabinet_is_working_day(date(2024, 5, 11)), "other Saturdays stay off"
        )
        self.assertEqual(
            cal.ecabinet_add_working_days(date(2024, 4, 26), 1), date(2024, 5, 2)
        )
        self.assertEqual(
            cal.ecabinet_add_working_days(date(2024, 4, 26), 3), date(2024, 5, 4)
        )
        self.assertEqual(
            cal.ecabinet_working_days_between(date(2024, 5, 3), date(2024, 5, 6)), 2
        )

    def test_add_and_between_are_inverse(self):
        start = date(2027, 1, 25)
        for count in (1, 3, 5, 10, 22, -1, -5, -30):
            end = self.calendar.ecabinet_add_working_days(start, count)
            self.assertTrue(self.calendar.ecabinet_is_working_day(end))
            self.assertEqual(
                self.calendar.ecabinet_working_days_between(start, end), count
            )

    def test_zero_days_is_today_or_next_working_day(self):
        cal = self.calendar
        self.assertEqual(
            cal.ecabinet_add_working_days(date(2027, 2, 3), 0), date(2027, 2, 3)
        )
        self.assertEqual(
            cal.ecabinet_add_working_days(date(2027, 2, 6), 0), date(2027, 2, 11)
        )

    def test_secretariat_adds_a_day_the_government_moved(self):
        utc = self.calendar._ecabinet_utc
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Extra day off decided by the Prime Minister",
                "calendar_id": self.calendar.id,
                "date_from": utc(date(2027, 2, 11), time.min),
                "date_to": utc(date(2027, 2, 11), time(23, 59, 59)),
            }
        )
        self.assertEqual(
            self.calendar.ecabinet_add_working_days(date(2027, 2, 3), 1),
            date(2027, 2, 12),
        )

    def test_loading_twice_creates_no_duplicate_and_keeps_edits(self):
        Leave = self.env["resource.calendar.leaves"]
        domain = [("calendar_id", "=", self.calendar.id)]
        count = Leave.search_count(domain)
        self.assertGreaterEqual(count, 20)
        self.calendar._ecabinet_load_public_holidays(years=[2024, 2027])
        self.assertEqual(Leave.search_count(domain), count)
        # The secretariat removes a holiday: a later run keeps the removal...
        Leave.search(domain + [("date_from", ">=", "2027-01-01")], limit=1).unlink()
        self.calendar._ecabinet_load_public_holidays(years=[2027])
        self.assertEqual(Leave.search_count(domain), count - 1)
        # ...unless the secretariat asks for a reload, which adds no duplicate.
        self.calendar._ecabinet_load_public_holidays(years=[2024, 2027], force=True)
        self.assertEqual(Leave.search_count(domain), count)
        swapped = self.calendar.attendance_ids.filtered("date_from")
        self.assertEqual(set(swapped.mapped("date_from")), {date(2024, 5, 4)})

    def test_yearly_cron_loads_next_year_for_committee_calendars(self):
        committee = self.env["ecabinet.committee"].create(
            {"name": "Committee with its own calendar", "calendar_id": self.calendar.id}
        )
        this_year = str(date.today().year)
        self.assertIn(this_year, committee.calendar_id.ecabinet_holiday_years)
        with freeze_time("2027-12-01"):
            self.env["resource.calendar"]._cron_ecabinet_load_public_holidays()
        self.assertIn("2028", self.calendar.ecabinet_holiday_years.split(","))
        # Tết Mậu Thân 2028 falls on Wednesday 26 January 2028.
        self.assertFalse(self.calendar.ecabinet_is_working_day(date(2028, 1, 26)))

    def test_company_can_turn_the_yearly_load_off(self):
        self.env.company.ecabinet_load_public_holidays = False
        self.env["ecabinet.committee"].create(
            {"name": "Committee", "calendar_id": self.calendar.id}
        )
        with freeze_time("2027-12-01"):
            self.env["resource.calendar"]._cron_ecabinet_load_public_holidays()
        self.assertNotIn("2028", self.calendar.ecabinet_holiday_years.split(","))
        self.assertTrue(self.calendar.ecabinet_is_working_day(date(2028, 1, 26)))

    def test_settings_button_loads_holidays(self):
        settings = self.env["res.config.settings"].create({})
        action = settings.action_ecabinet_load_public_holidays()
        self.assertEqual(action["params"]["type"], "success")
        default = self.env.ref("ecabinet_base.resource_calendar_ecabinet")
        today = date.today()
        self.assertIn(str(today.year + 1), default.ecabinet_holiday_years.split(","))

    def test_query_count_does_not_grow_with_the_number_of_days(self):
        cal = self.calendar
        self.env.flush_all()
        for count in (5, 60, -60):
            self.env.invalidate_all()
            with self.assertQueryCount(5):
                cal.ecabinet_add_working_days(date(2027, 2, 2), count)
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            cal.ecabinet_working_days_between(date(2027, 1, 1), date(2027, 12, 31))
