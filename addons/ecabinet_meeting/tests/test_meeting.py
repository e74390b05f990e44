# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo import api
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import PDF_2_PAGES, MeetingCommon


@tagged("post_install", "-at_install")
class TestMeetingStateMachine(MeetingCommon, TransactionCase):
    def _invited(self):
        meeting = self._meeting()
        meeting.with_user(self.chair).action_approve_agenda()
        with freeze_time("2027-01-28"):
            meeting.with_user(self.secretariat).action_send_invitations()
        return meeting

    def test_full_life_of_a_session(self):
        meeting = self._meeting()
        self.assertEqual(meeting.chair_id, self.chair.partner_id)
        meeting.with_user(self.chair).action_approve_agenda()
        self.assertEqual(meeting.state, "agenda_approved")
        with freeze_time("2027-01-28"):
            meeting.with_user(self.secretariat).action_send_invitations()
        self.assertEqual(meeting.state, "invited")
        self.assertEqual(
            set(meeting.attendee_ids.mapped("role")), {"chair", "member", "secretariat"}
        )
        self.assertEqual(len(meeting.attendee_ids), 7)
        self.assertFalse(meeting.pack_late)
        meeting.with_user(self.secretariat).action_start()
        meeting.with_user(self.secretariat).action_close()
        meeting.minutes = "<p>Both items adopted.</p>"
        meeting.with_user(self.chair).action_approve_minutes()
        self.assertEqual(meeting.state, "minutes_approved")

    def test_notes_for_the_minutes_are_written_until_the_minutes_are_approved(self):
        meeting = self._invited()
        item = meeting.agenda_item_ids[0].with_user(self.secretariat)
        with self.assertRaisesRegex(UserError, "Notes for the Minutes"):
            item.minute_notes = "Too early."
        meeting.with_user(self.secretariat).action_start()
        item.minute_notes = "The Department of Finance presented the plan."
        meeting.with_user(self.secretariat).action_close()
        item.minute_notes += "\nThe members agreed."
        meeting.minutes = "<p>Both items adopted.</p>"
        meeting.with_user(self.chair).action_approve_minutes()
        with self.assertRaisesRegex(UserError, "Notes for the Minutes"):
            item.minute_notes = "Rewritten."
        self.assertEqual(
            item.minute_notes,
            "The Department of Finance presented the plan.\nThe members agreed.",
        )

    def test_each_illegal_transition_is_refused(self):
        meeting = self._meeting()
        secretariat = meeting.with_user(self.secretariat)
        chair = meeting.with_user(self.chair)
        illegal_in_draft = [
            secretariat.action_send_invitations,
            secretariat.action_start,
            secretariat.action_close,
            chair.action_approve_minutes,
            secretariat.action_reset_to_draft,
        ]
        for action in illegal_in_draft:
            with self.subTest(action=action.__name__), self.assertRaises(UserError):
                action()
        self.assertEqual(meeting.state, "draft")
        chair.action_approve_agenda()
        for action in (chair.action_approve_agenda, secretariat.action_start):
            with self.subTest(action=action.__name__), self.assertRaises(UserError):
                action()
        with freeze_time("2027-01-28"):
            secretariat.action_send_invitations()
        secretariat.action_start()
        secretariat.action_close()
        with self.assertRaisesRegex(UserError, "Draft the minutes"):
            chair.action_approve_minutes()
        self.assertEqual(meeting.state, "closed")
        with self.assertRaises(UserError):
            secretariat.action_cancel()
        with self.assertRaises(UserError):
            secretariat.action_start()

    def test_only_the_chair_starts_and_ends_items(self):
        meeting = self._invited()
        meeting.with_user(self.secretariat).action_start()
        first, second = meeting.agenda_item_ids
        for method in ("action_start", "action_end"):
            item = first if method == "action_start" else second
            with self.subTest(method=method, call="orm"):
                with self.assertRaisesRegex(UserError, "Only the chair"):
                    getattr(item.with_user(self.secretariat), method)()
            with self.subTest(method=method, call="rpc"):
                # what /web/dataset/call_kw runs for the secretariat's browser
                with self.assertRaisesRegex(UserError, "Only the chair"):
                    api.call_kw(
                        self.env(user=self.secretariat)[item._name],
                        method,
                        [item.ids],
                        {},
                    )
        self.assertEqual(meeting.agenda_item_ids.mapped("state"), ["planned"] * 2)
        first.with_user(self.chair).action_start()
        second.with_user(self.chair).action_start()  # ends the first item
        self.assertEqual((first.state, second.state), ("done", "in_progress"))
        with self.assertRaisesRegex(UserError, "Only the chair"):
            second.with_user(self.secretariat).action_end()
        self.assertEqual(meeting.current_item_id, second)
        # closing the session (the secretariat's) still ends the item in progress
        meeting.with_user(self.secretariat).action_close()
        self.assertEqual(second.state, "done")
        self.assertTrue(second.actual_end)
        self.assertFalse(meeting.current_item_id)

    def test_agenda_needs_an_item_and_the_chair(self):
        meeting = self._meeting()
        with self.assertRaisesRegex(UserError, "not allowed"):
            meeting.with_user(self.secretariat).action_approve_agenda()
        with self.assertRaisesRegex(UserError, "not allowed"):
            meeting.with_user(self.members[0]).sudo(False).action_cancel()
        meeting.agenda_item_ids.action_withdraw()
        with self.assertRaisesRegex(UserError, "no agenda item"):
            meeting.with_user(self.chair).action_approve_agenda()

    def test_cancel_tells_invited_attendees(self):
        meeting = self._invited()
        meeting.attendee_ids.filtered(
            lambda a: a.partner_id == self.members[0].partner_id
        ).action_decline("Abroad")
        meeting.with_user(self.secretariat).action_cancel()
        self.assertEqual(meeting.state, "cancelled")
        told = (
            self.env["ecabinet.notification"]
            .search(
                [
                    ("event_id.code", "=", "meeting_cancelled"),
                    ("res_id", "=", meeting.id),
                ]
            )
            .partner_id
        )
        self.assertNotIn(self.members[0].partner_id, told, "who declined is not told")
        self.assertIn(self.members[1].partner_id, told)
        meeting.with_user(self.secretariat).action_reset_to_draft()
        self.assertEqual(meeting.state, "draft")


@tagged("post_install", "-at_install")
class TestLeadTime(MeetingCommon, TransactionCase):
    def test_pack_deadline_counts_working_days_across_tet(self):
        # Session on Friday 12 February 2027; Tết runs 4-10 February.
        regular = self._meeting()
        self.assertEqual(regular.pack_deadline, date(2027, 2, 2))
        extraordinary = self._meeting(session_type="extraordinary")
        self.assertEqual(extraordinary.pack_deadline, date(2027, 2, 11))
        self.committee.lead_days_regular = 5
        self.assertEqual(regular.pack_deadline, date(2027, 1, 29))

    def test_secretariat_is_warned_before_the_pack_is_late(self):
        meeting = self._meeting()
        with freeze_time("2027-01-25"):
            self.env["ecabinet.meeting"]._cron_warn_pack_deadline()
            self.assertFalse(meeting.activity_ids)
            self.assertFalse(meeting.pack_late)
        with freeze_time("2027-02-01"):
            self.env["ecabinet.meeting"]._cron_warn_pack_deadline()
            self.env["ecabinet.meeting"]._cron_warn_pack_deadline()
            warned = self.env.user | self.secretariat
            self.assertEqual(meeting.activity_ids.user_id, warned)
            self.assertEqual(len(meeting.activity_ids), 2, "each warned once")
            warnings = self.env["ecabinet.notification"].search(
                [
                    ("event_id.code", "=", "meeting_pack_deadline"),
                    ("res_id", "=", meeting.id),
                ]
            )
            self.assertEqual(
                warnings.partner_id,
                self.secretariat.partner_id | self.env.user.partner_id,
            )
        with freeze_time("2027-02-03"):
            meeting.invalidate_recordset(["pack_late"])
            self.assertTrue(meeting.pack_late)
            meeting.with_user(self.chair).action_approve_agenda()
            meeting.with_user(self.secretariat).action_send_invitations()
        self.assertTrue(meeting.pack_late)
        self.assertIn("after the legal lead time", meeting.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestAttendance(MeetingCommon, TransactionCase):
    def setUp(self):
        super().setUp()
        self.meeting = self._meeting()
        self.meeting.with_user(self.chair).action_approve_agenda()
        with freeze_time("2027-01-28"):
            self.meeting.with_user(self.secretariat).action_send_invitations()
        self.attendee = {a.partner_id: a for a in self.meeting.attendee_ids}

    def att(self, user):
        return self.attendee[user.partner_id]

    def test_invitations_go_out_with_the_letter(self):
        invitations = self.env["ecabinet.notification"].search(
            [("event_id.code", "=", "meeting_invitation"), ("channel", "=", "email")]
        )
        self.assertEqual(invitations.partner_id, self.meeting.attendee_ids.partner_id)
        # Tests render reports as HTML, stored for what they are (a file named
        # .pdf must be a PDF); ecabinet_security sends real PDF letters.
        self.assertEqual(
            [n.attachment_ids.name for n in invitations],
            [f"Invitation - {n.partner_id.name}.html" for n in invitations],
        )
        self.assertTrue(all(self.meeting.attendee_ids.mapped("invitation_sent_date")))

    def test_decline_needs_a_reason(self):
        with self.assertRaisesRegex(UserError, "reason"):
            self.att(self.members[0]).action_decline("  ")
        self.assertEqual(self.att(self.members[0]).answer, "pending")
        self.att(self.members[0]).action_decline("On mission in Hà Nội")
        self.assertEqual(self.att(self.members[0]).answer, "decline")

    def test_substitute_gets_invitation_and_pack(self):
        deputy = self.env["res.partner"].create(
            {"name": "Deputy Director of Finance", "email": "deputy@binhminh.example"}
        )
        member = self.att(self.members[0])
        substitute = member.action_send_substitute(deputy, "On mission")
        self.assertEqual(member.answer, "substitute")
        self.assertEqual(substitute.role, "substitute")
        self.assertEqual(substitute.substitute_for_id, member)
        self.assertTrue(
            substitute.sees_all_items, "a member's substitute sees the pack"
        )
        self.assertFalse(substitute.is_member)
        sent = self.env["ecabinet.notification"].search(
            [
                ("event_id.code", "=", "meeting_substitute_invitation"),
                ("partner_id", "=", deputy.id),
            ]
        )
        self.assertTrue(sent)
        # Changing one's mind removes the substitute.
        member.action_attend()
        self.assertFalse(substitute.exists())
        with self.assertRaisesRegex(UserError, "someone else"):
            member.action_send_substitute(member.partner_id)
        with self.assertRaisesRegex(UserError, "already invited"):
            member.action_send_substitute(self.members[1].partner_id)

    def test_substitute_checked_in_at_the_door(self):
        absent = self.att(self.members[4]).with_user(self.secretariat)
        substitute = self.env["ecabinet.meeting.attendee"].browse(
            absent.action_check_in_substitute("  Ngô Văn Phó ")
        )
        self.assertEqual(
            (
                substitute.partner_id.name,
                substitute.role,
                substitute.attendance,
                substitute.substitute_for_id,
            ),
            ("Ngô Văn Phó", "substitute", "present", absent),
        )
        self.assertEqual(
            (absent.answer, absent.substitute_id), ("substitute", substitute)
        )
        other = self.att(self.members[3])
        with self.assertRaisesRegex(UserError, "already attends in"):
            absent.action_check_in_substitute("Someone")
        with self.assertRaisesRegex(UserError, "cannot send a substitute"):
            substitute.with_user(self.secretariat).action_check_in_substitute("X")
        with self.assertRaisesRegex(UserError, "Give the name"):
            other.with_user(self.secretariat).action_check_in_substitute("  ")
        with self.assertRaises(AccessError):
            other.with_user(self.members[0]).action_check_in_substitute("Someone")
        self.assertFalse(other.substitute_id)
        draft = self._meeting(name="Session in preparation")
        draft.action_generate_attendees()
        with self.assertRaisesRegex(UserError, "only on the day"):
            draft.attendee_ids[0].with_user(
                self.secretariat
            ).action_check_in_substitute("Someone")

    def test_quorum_counts_members_present_or_online(self):
        meeting = self.meeting
        self.assertEqual((meeting.member_count, meeting.quorum_required), (6, 4))
        self.att(self.chair).action_check_in("present")
        self.att(self.members[0]).action_check_in("present")
        self.att(self.members[1]).action_check_in("online")
        self.att(self.members[2]).action_check_in("absent", reason="Ill")
        self.att(self.secretariat).action_check_in("present")
        self.assertEqual(meeting.present_count, 3, "the secretariat is no member")
        self.assertFalse(meeting.quorum_reached)
        deputy = self.env["res.partner"].create(
            {"name": "Deputy", "email": "d@example.com"}
        )
        substitute = self.att(self.members[3]).action_send_substitute(deputy)
        substitute.action_check_in("present")
        self.assertFalse(meeting.quorum_reached, "substitutes do not count by default")
        self.committee.quorum_counts_substitutes = True
        self.assertTrue(meeting.quorum_reached)
        self.committee.quorum_counts_substitutes = False
        self.att(self.members[4]).action_check_in("present")
        self.assertEqual(meeting.present_count, 4)
        self.assertTrue(meeting.quorum_reached)
        # members online count only when the committee's regulations say so
        self.assertTrue(self.committee.quorum_counts_online, "on by default")
        self.committee.quorum_counts_online = False
        self.assertEqual(meeting.present_count, 3)
        self.assertFalse(meeting.quorum_reached)
        self.committee.quorum_counts_online = True
        self.assertEqual(meeting.present_count, 4)

    def test_telegram_buttons_answer_the_invitation(self):
        member = self.att(self.members[0])
        text = member._ecabinet_notification_action(
            self.env["ecabinet.notification"], "attend"
        )
        self.assertIn("recorded", text)
        self.assertEqual(member.answer, "attend")
        member._ecabinet_notification_action(
            self.env["ecabinet.notification"], "decline"
        )
        self.assertEqual(member.answer, "decline")
        self.meeting.with_user(self.secretariat).action_start()
        with self.assertRaisesRegex(UserError, "closed"):
            member._ecabinet_notification_action(
                self.env["ecabinet.notification"], "attend"
            )

    def test_reminders_go_once_to_those_who_have_not_answered_or_read(self):
        self.att(self.members[0]).action_attend()
        self.att(self.members[1]).action_attend()
        self.meeting.document_ids = [(0, 0, {"name": "Plan", "datas": PDF_2_PAGES})]
        self.meeting.document_ids._record_view(self.members[1].partner_id)
        with freeze_time("2027-02-11 01:00:00"):  # 08:00 the working day before
            self.env["ecabinet.meeting"]._cron_send_reminders()
            self.env["ecabinet.meeting"]._cron_send_reminders()
        # Only this session's (the demo's next session may be due on any day).
        mine = [
            ("channel", "=", "email"),
            ("res_model", "=", "ecabinet.meeting.attendee"),
            ("res_id", "in", self.meeting.attendee_ids.ids),
        ]
        Notification = self.env["ecabinet.notification"]
        answer = Notification.search(
            [("event_id.code", "=", "meeting_reminder_answer"), *mine]
        )
        pack = Notification.search(
            [("event_id.code", "=", "meeting_reminder_pack"), *mine]
        )
        self.assertNotIn(self.members[0].partner_id, answer.partner_id)
        self.assertIn(self.members[2].partner_id, answer.partner_id)
        self.assertEqual(pack.partner_id, self.members[0].partner_id)
        self.assertEqual(len(answer), len(answer.partner_id), "one reminder each")


@tagged("post_install", "-at_install")
class TestSessionProgress(MeetingCommon, TransactionCase):
    def test_items_speakers_and_statistics(self):
        meeting = self._meeting()
        meeting.document_ids = [
            (
                0,
                0,
                {
                    "name": "Plan",
                    "datas": PDF_2_PAGES,
                    "item_ids": [(6, 0, meeting.agenda_item_ids[:1].ids)],
                },
            )
        ]
        meeting.with_user(self.chair).action_approve_agenda()
        with freeze_time("2027-01-28"):
            meeting.with_user(self.secretariat).action_send_invitations()
        first, second = meeting.agenda_item_ids
        with self.assertRaisesRegex(UserError, "Start the session"):
            first.action_start()
        with freeze_time("2027-02-12 01:00:00"):
            meeting.action_start()
            meeting.attendee_ids.filtered(lambda a: a.role != "secretariat")[
                :4
            ].action_check_in("present")
            first.action_start()
        self.assertEqual(meeting.current_item_id, first)
        attendees = meeting.attendee_ids.filtered(lambda a: a.role == "member")
        speeches = self.env["ecabinet.meeting.speech"].create(
            [{"item_id": first.id, "attendee_id": a.id} for a in attendees[:2]]
        )
        with freeze_time("2027-02-12 01:05:00"):
            speeches[0].action_call()
        with freeze_time("2027-02-12 01:08:00"):
            speeches[1].action_call()  # the first speaker's time ends
        self.assertEqual((speeches[0].state, speeches[0].seconds), ("done", 180))
        with freeze_time("2027-02-12 01:50:00"):
            second.action_start()  # ends the first item and its speaker
        self.assertEqual((first.state, first.actual_minutes), ("done", 50))
        self.assertEqual(speeches[1].state, "done")
        with self.assertRaisesRegex(UserError, "in progress"):
            self.env["ecabinet.meeting.speech"].create(
                {"item_id": first.id, "attendee_id": attendees[0].id}
            ).action_call()
        with freeze_time("2027-02-12 02:10:00"):
            meeting.action_close()
        self.assertEqual(second.actual_minutes, 20)
        self.assertEqual((meeting.planned_minutes, meeting.actual_minutes), (75, 70))
        self.assertEqual(meeting.speaker_count, 2)
        self.assertAlmostEqual(meeting.attendance_rate, 400 / 7)
        self.assertEqual(meeting.pages_saved, 2 * 7)

    def test_replacing_a_file_keeps_the_old_version(self):
        meeting = self._meeting()
        document = self.env["ecabinet.meeting.document"].create(
            {
                "meeting_id": meeting.id,
                "name": "Plan",
                "datas": PDF_2_PAGES,
                "filename": "v1.pdf",
            }
        )
        self.assertEqual((document.version, document.page_count), (1, 2))
        document.write({"datas": PDF_2_PAGES, "filename": "v2.pdf"})
        self.assertEqual(document.version, 2)
        self.assertEqual(document.version_ids.mapped("filename"), ["v1.pdf"])
        self.assertEqual(document.version_ids.datas, PDF_2_PAGES)

    def test_withdrawn_item_withdraws_its_own_documents(self):
        meeting = self._meeting()
        first, second = meeting.agenda_item_ids
        own, shared = self.env["ecabinet.meeting.document"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "name": "Own",
                    "item_ids": [(6, 0, first.ids)],
                },
                {
                    "meeting_id": meeting.id,
                    "name": "Shared",
                    "item_ids": [(6, 0, (first | second).ids)],
                },
            ]
        )
        first.action_withdraw()
        self.assertTrue(own.withdrawn)
        self.assertFalse(shared.withdrawn, "still needed by the other item")

    def test_secret_document_holds_no_file(self):
        meeting = self._meeting()
        with self.assertRaisesRegex(Exception, "state-secret"):
            self.env["ecabinet.meeting.document"].create(
                {
                    "meeting_id": meeting.id,
                    "name": "Defence plan",
                    "confidentiality": "secret",
                    "datas": PDF_2_PAGES,
                }
            )
