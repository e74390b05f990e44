# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from freezegun import freeze_time

from odoo.tests import Form, TransactionCase, tagged

from .common import MeetingCommon


@tagged("post_install", "-at_install")
class TestSessionTextsInVietnamese(MeetingCommon, TransactionCase):
    """A Vietnamese database: what e-Cabinet writes for everyone (chatter lines,
    messages after an action, the question before starting) is in Vietnamese,
    even when the code runs without a language (a cron, an RPC call)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(
            ["ecabinet_base", "ecabinet_notification", "ecabinet_meeting"], ["vi_VN"]
        )
        cls.env.company.partner_id.lang = "vi_VN"
        (cls.chair | cls.secretariat).lang = "vi_VN"
        for member in cls.members:
            member.partner_id.lang = "vi_VN"

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _invited(self):
        # like a cron or an RPC call: no language, chatter tracked
        env = self.env(context={})
        meeting = self._meeting().with_env(env)
        meeting.with_user(self.chair).action_approve_agenda()
        with freeze_time("2027-01-28"):
            meeting.with_user(self.secretariat).action_send_invitations()
        self._flush_tracking()  # and the messages to the bus
        return meeting

    def test_other_models_of_the_database_keep_odoos_language_rule(self):
        """Only e-Cabinet's models write their stored texts in the committee's
        language: a contact created without a language is logged as Odoo logs it
        (in the writer's language, here none: English), though the company is
        Vietnamese."""
        env = self.env(context={})
        partner = env["res.partner"].create({"name": "Nguyễn Văn Khách"})
        self._flush_tracking()
        self.assertIn("Contact created", partner.message_ids[-1].body)

    def test_chatter_of_a_session_written_without_language_is_vietnamese(self):
        env = self.env(context={})
        meeting = env["ecabinet.meeting"].create(
            {
                "name": "Phiên họp tháng 2/2027",
                "committee_id": self.committee.id,
                "date_start": "2027-02-12 01:00:00",
            }
        )
        self._flush_tracking()
        self.assertIn("Đã tạo phiên họp", meeting.message_ids[-1].body)
        meeting._ecabinet_transition({"state": "cancelled"})  # as a cron would
        self._flush_tracking()
        changes = meeting.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(
            (changes.old_value_char, changes.new_value_char), ("Dự thảo", "Đã hủy")
        )

    def test_start_asks_first_and_says_the_quorum_is_not_reached(self):
        meeting = self._invited()
        wizard = Form(
            self.env["ecabinet.meeting.start"]
            .with_user(self.secretariat)
            .with_context(lang="vi_VN", default_meeting_id=meeting.id)
        ).save()
        self.assertFalse(wizard.quorum_reached)
        self.assertEqual(
            wizard.summary,
            "Có mặt 0/6 thành viên: chưa đủ số thành viên cần có mặt tối thiểu "
            "(4 thành viên, 2/3 tổng số thành viên).",
        )
        self.assertEqual(
            meeting.state, "invited", "opening the question starts nothing"
        )
        for user in (self.chair, *self.members[:3]):
            meeting.attendee_ids.filtered(
                lambda a, user=user: a.partner_id == user.partner_id
            ).action_check_in("present")
        wizard.invalidate_recordset()
        self.assertTrue(wizard.quorum_reached)
        self.assertIn("Có mặt 4/6 thành viên: đã đủ", wizard.summary)
        wizard.action_start()
        self.assertEqual(meeting.state, "in_progress")

    def test_sending_invitations_says_how_many_were_told(self):
        self.env["bus.bus"].search([]).unlink()
        meeting = self._invited()
        notifications = [
            json.loads(bus.message)
            for bus in self.env["bus.bus"].search([])
            if json.loads(bus.message)["type"] == "simple_notification"
        ]
        count = len(meeting.attendee_ids)
        self.assertEqual(
            [n["payload"]["message"] for n in notifications],
            [
                f"Đã gửi giấy mời và tài liệu phiên họp “{meeting.name}” đến "
                f"{count} người dự họp."
            ],
        )

    def test_notifications_button_counts_the_attendees_messages(self):
        meeting = self._invited()
        sent = self.env["ecabinet.notification"].search(
            [
                ("res_model", "=", "ecabinet.meeting.attendee"),
                ("res_id", "in", meeting.attendee_ids.ids),
            ]
        )
        self.assertTrue(sent, "the invitations hang on the attendees")
        meeting = meeting.with_user(self.secretariat)
        self.assertEqual(meeting.ecabinet_notification_count, len(sent))
        action = meeting.action_view_ecabinet_notifications()
        self.assertEqual(
            self.env["ecabinet.notification"].search(action["domain"]), sent
        )

    def test_invitation_buttons_are_in_the_members_language(self):
        meeting = self._invited()
        member = self.members[0].partner_id
        sent = self.env["ecabinet.notification"].search(
            [
                ("res_model", "=", "ecabinet.meeting.attendee"),
                ("res_id", "in", meeting.attendee_ids.ids),
                ("partner_id", "=", member.id),
            ]
        )
        self.assertTrue(sent)
        self.assertEqual(
            sent[0].buttons,
            [["attend", "Tôi sẽ tham dự"], ["decline", "Tôi không thể tham dự"]],
        )
