# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from pytz import utc

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoSessions(TransactionCase):
    """The demo tells the product's story on whatever day it is installed: its
    dates are counted in working days from that day (the tests compare them with
    the clock, not with fixed dates)."""

    def setUp(self):
        super().setUp()
        self.next = self.env.ref("ecabinet_meeting.meeting_next", False)
        if not self.next:
            self.skipTest("installed without demo data")
        self.previous = self.env.ref("ecabinet_meeting.meeting_previous")
        self.thematic = self.env.ref("ecabinet_meeting.meeting_thematic")
        self.calendar = self.next.committee_id.calendar_id
        self.now = fields.Datetime.now()

    def _local(self, moment):
        return utc.localize(moment).astimezone(self.calendar._ecabinet_tz())

    def _day(self, moment):
        return self._local(moment).date()

    def test_previous_session_is_held_and_its_minutes_approved(self):
        previous = self.previous
        self.assertEqual(previous.state, "minutes_approved")
        self.assertLess(previous.date_end, self.now)
        self.assertTrue(
            self.calendar.ecabinet_is_working_day(self._day(previous.date_start))
        )
        self.assertEqual(self._local(previous.date_start).hour, 8)
        self.assertLess(previous.actual_start, previous.actual_end)
        self.assertGreater(previous.conclusion_date, self._day(previous.date_start))
        self.assertFalse(previous.pack_late)
        self.assertTrue(previous.quorum_reached)
        self.assertGreater(previous.attendance_rate, 90)
        self.assertEqual(previous.speaker_count, 5)
        for item in previous.agenda_item_ids:
            self.assertEqual(item.state, "done")
            self.assertTrue(
                previous.actual_start
                <= item.actual_start
                < item.actual_end
                <= previous.actual_end
            )

    def test_next_session_is_invited_next_week_with_the_pack_on_time(self):
        nxt = self.next
        session_day = self._day(nxt.date_start)
        self.assertEqual(nxt.state, "invited")
        self.assertGreater(nxt.date_start, self.now)
        self.assertTrue(self.calendar.ecabinet_is_working_day(session_day))
        # The pack went out before now and at least 3 working days ahead.
        self.assertLessEqual(nxt.pack_sent_date, self.now)
        self.assertGreaterEqual(
            self.calendar.ecabinet_working_days_between(
                self._day(nxt.pack_sent_date), session_day
            ),
            nxt.committee_id.lead_days_regular,
        )
        self.assertFalse(nxt.pack_late)
        attendees = nxt.attendee_ids
        self.assertEqual(
            set(attendees.mapped("answer")),
            {"attend", "decline", "substitute", "pending"},
        )
        declined = attendees.filtered(lambda a: a.answer == "decline")
        self.assertTrue(all(declined.mapped("decline_reason")))
        self.assertTrue(
            attendees.filtered(lambda a: a.answer == "substitute").substitute_id
        )
        invitee = attendees.filtered(lambda a: a.role == "invitee")
        self.assertEqual(invitee.item_ids, self.env.ref("ecabinet_meeting.next_item4"))
        for attendee in attendees.filtered("answer_date"):
            self.assertLessEqual(nxt.pack_sent_date, attendee.answer_date)
            self.assertLessEqual(attendee.answer_date, self.now)
        self.assertTrue(nxt.document_ids)
        self.assertTrue(nxt.agenda_item_ids.comment_ids)

    def test_sessions_are_named_after_their_month(self):
        for meeting in self.previous | self.next:
            self.assertEqual(
                meeting.name,
                "Phiên họp thường kỳ tháng "
                + self._day(meeting.date_start).strftime("%m/%Y"),
            )
        self.assertNotEqual(self.previous.name, self.next.name)

    def test_thematic_session_is_a_draft_with_a_proposal_waiting(self):
        self.assertEqual(self.thematic.state, "draft")
        self.assertGreater(self.thematic.date_start, self.next.date_start)
        self.assertTrue(
            self.calendar.ecabinet_is_working_day(self._day(self.thematic.date_start))
        )
        proposed = self.thematic.agenda_item_ids.filtered(
            lambda i: i.state == "proposed"
        )
        self.assertEqual(
            proposed.submitted_by_id, self.env.ref("ecabinet_base.user_agency_stc")
        )
