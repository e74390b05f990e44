# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

from .common import BallotCommon


@tagged("post_install", "-at_install")
class TestBallotTextsInVietnamese(BallotCommon, TransactionCase):
    """A Vietnamese database: the ballot's chatter (created, sent, closed by the
    cron, the tally) and the message after sending are in Vietnamese, even when
    the code runs without a language (the cron, an RPC call)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(
            ["ecabinet_base", "ecabinet_notification", "ecabinet_opinion"], ["vi_VN"]
        )
        cls.env.company.partner_id.lang = "vi_VN"
        cls.secretariat.lang = "vi_VN"
        for member in cls.members:
            member.partner_id.lang = "vi_VN"

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _sent_ballot(self):
        env = self.env(context={})  # no language, chatter tracked
        ballot = env["ecabinet.ballot"].create(
            {
                "name": "Ý kiến về bảng giá đất 2027",
                "committee_id": self.committee.id,
                "question_ids": [fields.Command.create({"name": "Thông qua?"})],
            }
        )
        self._flush_tracking()  # sent later than created, as in real life
        ballot.with_user(self.secretariat).action_send()
        self._flush_tracking()
        return ballot

    def test_ballot_closed_by_the_cron_has_a_vietnamese_chatter(self):
        ballot = self._sent_ballot()
        self.assertIn("Đã tạo phiếu lấy ý kiến", ballot.message_ids[-1].body)
        ballot._ecabinet_transition(
            {"deadline_at": fields.Datetime.now() - timedelta(minutes=1)}
        )
        self._flush_tracking()
        self.env(context={})["ecabinet.ballot"]._cron_close_expired()
        self._flush_tracking()
        self.assertEqual(ballot.state, "closed")
        changes = ballot.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        ).sorted("id")
        self.assertEqual(
            [(c.old_value_char, c.new_value_char) for c in changes],
            [("Dự thảo", "Đang lấy ý kiến"), ("Đang lấy ý kiến", "Đã kết thúc")],
        )
        # silence counts as agreement: the five members agree
        self.assertTrue(
            any(
                "Thông qua?: 5 đồng ý trên 5, kết quả: thông qua." in m.body
                for m in ballot.message_ids
            ),
            ballot.message_ids.mapped("body"),
        )

    def test_sending_says_how_many_members_were_asked(self):
        self.env["bus.bus"].search([]).unlink()
        ballot = self._sent_ballot()
        messages = [
            json.loads(bus.message)["payload"]["message"]
            for bus in self.env["bus.bus"].search([])
            if json.loads(bus.message)["type"] == "simple_notification"
        ]
        self.assertEqual(
            messages, [f"Đã gửi “{ballot.name}” đến 5 thành viên để lấy ý kiến."]
        )

    def test_notifications_button_counts_the_members_messages(self):
        ballot = self._sent_ballot()
        sent = self.env["ecabinet.notification"].search(
            [
                ("res_model", "=", "ecabinet.ballot.voter"),
                ("res_id", "in", ballot.voter_ids.ids),
            ]
        )
        self.assertTrue(sent, "the ballot is sent to each member asked")
        ballot = ballot.with_user(self.secretariat)
        self.assertEqual(ballot.ecabinet_notification_count, len(sent))
        action = ballot.action_view_ecabinet_notifications()
        self.assertEqual(
            self.env["ecabinet.notification"].search(action["domain"]), sent
        )

    def test_tally_headers_are_the_choices_in_vietnamese(self):
        ballot = self._sent_ballot().with_context(lang="vi_VN")
        self.assertIn(
            "<th>Đồng ý</th><th>Không đồng ý</th><th>Ý kiến khác</th>",
            ballot.tally_html,
        )

    def test_answer_buttons_are_in_the_members_language(self):
        ballot = self._sent_ballot()
        sent = self.env["ecabinet.notification"].search(
            [
                ("res_model", "=", "ecabinet.ballot.voter"),
                ("res_id", "in", ballot.voter_ids.ids),
            ]
        )
        members = self.env["res.partner"].union(*(m.partner_id for m in self.members))
        for notification in sent:
            expected = (
                [["agree", "Đồng ý"], ["disagree", "Không đồng ý"]]
                if notification.partner_id in members
                else [["agree", "Agree"], ["disagree", "Disagree"]]  # the chair's
            )
            self.assertEqual(notification.buttons, expected)
        self.assertIn(self.chair.partner_id, sent.partner_id, "reads English")
