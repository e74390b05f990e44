# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import fields
from odoo.tests import HttpCase, tagged, warmup

COUNTERS = [
    "ecabinet_document_count",
    "ecabinet_meeting_count",
    "ecabinet_proposal_count",
    "ecabinet_ballot_count",
    "ecabinet_ballot_todo_count",
    "ecabinet_task_count",
    "ecabinet_task_overdue_count",
]
OPEN_STATUSES = ("open_within_term", "open_overdue")


@tagged("post_install", "-at_install")
class TestDemoMemberHome(HttpCase):
    """The first screen of the demo's members, in Vietnamese: their next session,
    the ballots waiting for them, their agency's tasks, every tile with its count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls.env.ref("ecabinet_base.user_stc", False)
        if not cls.member:
            cls.skipTest(cls, "installed without demo data")
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(
            [
                "ecabinet_base",
                "ecabinet_meeting",
                "ecabinet_opinion",
                "ecabinet_tasks",
                "ecabinet_notification",
            ],
            ["vi_VN"],
            overwrite=True,
        )
        cls.internal_member = cls.env.ref("ecabinet_base.user_snv")
        cls.next_meeting = cls.env.ref("ecabinet_meeting.meeting_next")
        (cls.member | cls.internal_member).write({"lang": "vi_VN"})

    def _vn(self, record, value, fmt):
        tz = record.committee_id.calendar_id.tz
        return fields.Datetime.context_timestamp(
            record.with_context(tz=tz), value
        ).strftime(fmt)

    def _open_ballots(self, user):
        partner = user.partner_id
        return (
            self.env["ecabinet.ballot"]
            .with_user(user)
            .search(
                [
                    ("state", "=", "sent"),
                    ("deadline_at", ">=", fields.Datetime.now()),
                    (
                        "voter_ids",
                        "any",
                        [("partner_id", "=", partner.id), ("has_answered", "=", False)],
                    ),
                ]
            )
        )

    def test_portal_member_home_in_vietnamese(self):
        self.authenticate("member.stc", "member.stc")
        page = self.url_open("/my").text
        # The next session: its title, date and place, the member's answer.
        self.assertIn("Phiên họp sắp tới", page)
        self.assertIn(self.next_meeting.name, page)
        self.assertIn(
            self._vn(self.next_meeting, self.next_meeting.date_start, "%d/%m/%Y %H:%M"),
            page,
        )
        attendee = self.next_meeting.attendee_ids.filtered(
            lambda a: a.partner_id == self.member.partner_id
        )
        self.assertEqual(attendee.answer, "attend")
        self.assertIn("Tham dự", page)
        self.assertIn("Mở tài liệu phiên họp", page)
        # The ballots: the demo member has answered the open one.
        self.assertFalse(self._open_ballots(self.member))
        self.assertRegex(page, r"o_ecabinet_home_ballot_count[^>]*>0<")
        self.assertIn("Không có phiếu nào đang chờ ông/bà trả lời.", page)
        # The tasks of the member's agency, open and overdue.
        Task = self.env["ecabinet.task"].with_user(self.member)
        open_count = Task.search_count([("status", "in", OPEN_STATUSES)])
        overdue = Task.search_count([("status", "=", "open_overdue")])
        self.assertGreater(open_count, 0)
        self.assertRegex(
            page, rf"o_ecabinet_home_task_open_count[^>]*>{open_count}</span> đang"
        )
        self.assertRegex(
            page, rf"o_ecabinet_home_task_overdue_count[^>]*>{overdue}</span> quá hạn"
        )
        # No English left on the cards.
        for english in ("Next session", "Ballots awaiting", "All tasks", "Deadline"):
            self.assertNotIn(english, page)

        counters = self.make_jsonrpc_request("/my/counters", {"counters": COUNTERS})
        self.assertEqual(
            counters,
            {
                "ecabinet_document_count": self.env["ecabinet.document"]
                .with_user(self.member)
                .search_count([]),
                "ecabinet_meeting_count": self.env["ecabinet.meeting"]
                .with_user(self.member)
                .search_count([]),
                "ecabinet_proposal_count": counters["ecabinet_proposal_count"],
                "ecabinet_ballot_count": self.env["ecabinet.ballot"]
                .with_user(self.member)
                .search_count(
                    [
                        ("voter_ids.partner_id", "=", self.member.partner_id.id),
                        ("state", "!=", "draft"),
                    ]
                ),
                "ecabinet_ballot_todo_count": 0,
                "ecabinet_task_count": open_count,
                "ecabinet_task_overdue_count": overdue,
            },
        )
        # Every e-Cabinet tile carries its count, also once the counters are known.
        page = self.url_open("/my").text
        for counter in COUNTERS:
            if counter == "ecabinet_ballot_todo_count":
                continue
            with self.subTest(counter=counter):
                self.assertRegex(
                    page,
                    rf'o_ecabinet_tile_count" data-placeholder_count="{counter}"',
                )

    def test_internal_member_sees_the_ballot_waiting_for_them(self):
        ballots = self._open_ballots(self.internal_member)
        self.assertEqual(len(ballots), 1)
        self.authenticate("member.snv", "member.snv")
        page = self.url_open("/my").text
        self.assertIn("Phiếu lấy ý kiến chờ trả lời", page)
        self.assertRegex(page, r"o_ecabinet_home_ballot_count[^>]*>1<")
        self.assertIn(f'href="/my/ecabinet/ballots/{ballots.id}"', page)
        self.assertIn(ballots.name, page)
        self.assertIn(
            "Hạn trả lời: <span>"
            + self._vn(ballots, ballots.deadline_at, "%d/%m/%Y %H:%M"),
            page,
        )
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["ecabinet_ballot_todo_count"]}
        )
        self.assertEqual(counters, {"ecabinet_ballot_todo_count": 1})

    @warmup
    def test_home_runs_a_fixed_number_of_queries(self):
        self.authenticate("member.stc", "member.stc")
        self.url_open("/my")  # warm the caches
        with self.assertQueryCount(33):
            page = self.url_open("/my")
        self.assertEqual(page.status_code, 200)
        self.assertTrue(re.search("o_ecabinet_home_meeting", page.text))
