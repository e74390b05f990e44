# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.ecabinet_base.tests.common import ReportTextMixin
from odoo.addons.ecabinet_meeting.tests.common import MeetingCommon

RESULT = "ecabinet_opinion.action_report_ballot_result"
MINUTES = "ecabinet_meeting.action_report_minutes"
NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Minh Đức",
    "Hoàng Văn Em",
    "Vũ Thị Giang",
]


@tagged("post_install", "-at_install")
class TestBallotReports(ReportTextMixin, MeetingCommon, HttpCase):
    """The result sheet of a ballot (bảng tổng hợp ý kiến) and the votes in the
    minutes read as Vietnamese administrative documents: what was asked, when, under
    which rules, how many agreed, who answered what (never for a secret vote), what
    the chair decided.
    (An HttpCase: see ReportTextMixin.)"""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee.company_id.write({"name": "Tỉnh Bình Minh", "city": "Bình Minh"})
        cls.people = [cls.chair, *cls.members]
        for user, name in zip(cls.people, NAMES, strict=True):
            user.partner_id.name = name
        cls.name = dict(zip(cls.people, NAMES, strict=True))

        # An opinion ballot of two questions sent to the six members: four answer,
        # two stay silent and are counted as agreeing when it closes.
        cls.ballot = cls._opinion_ballot(
            {
                cls.chair: [("agree", None), ("agree", None)],
                cls.members[0]: [
                    ("disagree", "Mức tăng quá cao so với thu nhập của người dân."),
                    ("disagree", "Hệ số 1,1 chưa phù hợp với khu vực nông thôn."),
                ],
                cls.members[1]: [
                    ("other", "Đề nghị bổ sung giá đất thương mại, dịch vụ."),
                    ("agree", None),
                ],
                cls.members[2]: [
                    ("disagree", "Chưa đánh giá tác động đến thu ngân sách."),
                    ("agree", None),
                ],
            }
        )
        cls.ballot._close()
        cls.ballot._ecabinet_transition(
            {"closed_date": datetime(2026, 12, 2, 17, 30)}  # 00:30 on 3 Dec
        )
        cls.ballot.with_user(cls.chair).action_decide(
            "approved",
            note="<p>Thống nhất hệ số điều chỉnh giá đất năm 2027; giao Sở Tài chính "
            "tiếp thu ý kiến, hoàn chỉnh Bảng giá đất, trình lại.</p>",
        )
        cls.ballot._ecabinet_transition({"decision_date": datetime(2026, 12, 4, 2, 0)})

        # A session with an open vote on the first item, a secret one on the second.
        cls.meeting = cls._meeting(user_id=cls.secretariat.id)
        cls.investment, cls.security = cls.meeting.agenda_item_ids
        cls.open_vote = cls._vote(
            cls.investment,
            {
                cls.chair: "agree",
                cls.members[0]: "agree",
                cls.members[1]: "agree",
                cls.members[2]: "disagree",
                cls.members[3]: "agree",
            },
            opened=datetime(2027, 2, 12, 1, 30),
        )
        cls.secret_vote = cls._vote(
            cls.security,
            {
                cls.chair: "agree",
                cls.members[0]: "agree",
                cls.members[1]: "agree",
                cls.members[2]: "agree",
                cls.members[3]: "other",
            },
            opened=datetime(2027, 2, 12, 2, 40),
            secret=True,
        )

    @classmethod
    def _opinion_ballot(
        cls, answers, name="Phiếu lấy ý kiến về Bảng giá đất điều chỉnh năm 2027"
    ):
        """A ballot sent on 25 November 2026 (deadline 2 December) to the committee,
        with the committee's default rules, and ``answers``: ``{user: [(choice,
        comment) per question]}``."""
        ballot = cls.env["ecabinet.ballot"].create(
            {
                "name": name,
                "committee_id": cls.committee.id,
                "question_ids": [
                    fields.Command.create(
                        {"name": "Bảng giá đất điều chỉnh năm 2027", "sequence": 1}
                    ),
                    fields.Command.create(
                        {"name": "Hệ số điều chỉnh giá đất năm 2027", "sequence": 2}
                    ),
                ],
            }
        )
        ballot.action_add_committee_members()
        ballot._ecabinet_transition(  # sent on a known day
            {
                "state": "sent",
                "sent_date": datetime(2026, 11, 25, 2, 0),  # 09:00 in Hà Nội
                "deadline": "2026-12-02",
                "deadline_at": datetime(2026, 12, 2, 16, 59, 59),
                "rule_deadline_days": 5,
                "rule_silence": "agree",
                "rule_majority_base": "all",
                "rule_majority_percent": 50.0,
                "rule_tie": "chair",
                "chair_partner_id": cls.chair.partner_id.id,
            }
        )
        voters = {voter.partner_id: voter for voter in ballot.voter_ids}
        Response = cls.env["ecabinet.ballot.response"]
        with Response._ecabinet_unlocked():  # answers given before the deadline
            Response.create(
                [
                    {
                        "ballot_id": ballot.id,
                        "question_id": question.id,
                        "voter_id": voters[user.partner_id].id,
                        "choice": choice,
                        "comment": comment,
                    }
                    for user, user_answers in answers.items()
                    for question, (choice, comment) in zip(
                        ballot.question_ids, user_answers, strict=True
                    )
                ]
            )
        return ballot

    @classmethod
    def _vote(cls, item, choices, opened, secret=False, close=True):
        """A vote on ``item`` among the six members, answered through the voting
        engine (anonymously when secret), then closed."""
        Ballot = cls.env["ecabinet.ballot"]
        with Ballot._ecabinet_unlocked():  # a vote is created by the engine
            vote = Ballot.create(
                {
                    "name": f"Biểu quyết: {item.name}",
                    "kind": "vote",
                    "committee_id": cls.committee.id,
                    "item_id": item.id,
                    "secret": secret,
                    "question_ids": [fields.Command.create({"name": item.name})],
                    "rule_silence": "abstain",
                    "rule_majority_base": "all",
                    "rule_majority_percent": 50.0,
                    "rule_tie": "chair",
                    "chair_partner_id": cls.chair.partner_id.id,
                }
            )
        vote._add_voters(cls.committee.current_member_ids.partner_id)
        vote._ecabinet_transition({"state": "sent", "sent_date": opened})
        for user, choice in choices.items():
            voter = vote.voter_ids.filtered(
                lambda v, u=user: v.partner_id == u.partner_id
            )
            comment = "Đề nghị làm rõ kinh phí." if choice == "other" else None
            voter.answer(vote.question_ids, choice, comment=comment)
        if close:
            vote._close()
            vote._ecabinet_transition(
                {"closed_date": fields.Datetime.add(opened, minutes=3)}
            )
        return vote

    # Reading a rendered document ------------------------------------------------

    def _rows(self, table):
        return [
            [self._text(cell) for cell in row.xpath("td")]
            for row in table.xpath("tbody/tr")
        ]

    # Result sheet ---------------------------------------------------------------

    def test_result_sheet_has_the_heading_title_and_dates(self):
        document = self._render(RESULT, self.ballot, user=self.secretariat)
        text = self._text(document)
        self.assertIn("ỦY BAN NHÂN DÂN TỈNH BÌNH MINH", text)
        self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text)
        self.assertIn("Độc lập - Tự do - Hạnh phúc", text)
        # Dated the day the chair decided, in Vietnam.
        self.assertIn("Bình Minh, ngày 04 tháng 12 năm 2026", text)
        self.assertIn(
            "BẢNG TỔNG HỢP Ý KIẾN THÀNH VIÊN UBND "
            "Phiếu lấy ý kiến về Bảng giá đất điều chỉnh năm 2027",
            text,
        )
        self.assertEqual(
            self._texts(document, "o_ecabinet_ballot_info"),
            [
                "- Hình thức: lấy ý kiến thành viên UBND bằng phiếu lấy ý kiến. "
                "- Ngày gửi phiếu: 09:00 ngày 25/11/2026. "
                "- Hạn trả lời: ngày 02/12/2026. "
                # 17:30 UTC on 2 December is 00:30 on 3 December in Hà Nội.
                "- Kết thúc lấy ý kiến: 00:30 ngày 03/12/2026. "
                "- Số thành viên được lấy ý kiến: 6; số thành viên đã trả lời: 4; "
                "không trả lời: 2."
            ],
        )
        self.assertIn("Nơi nhận: - Chủ tịch, các Phó Chủ tịch UBND tỉnh;", text)
        self.assertIn("- Lưu: VT, T-UBND.", text)
        self.assertIn(f"TL. CHỦ TỊCH CHÁNH VĂN PHÒNG {self.secretariat.name}", text)

    def test_result_sheet_states_the_rules_applied(self):
        document = self._render(RESULT, self.ballot)
        self.assertEqual(
            self._texts(document, "o_ecabinet_rules"),
            [
                "- Thời hạn trả lời: trong 5 ngày làm việc kể từ ngày gửi phiếu. "
                "- Thành viên không trả lời đúng thời hạn: được tính là đồng ý và chịu "
                "trách nhiệm về nội dung được lấy ý kiến. "
                "- Nội dung được thông qua khi có trên 50% tổng số thành viên được lấy "
                "ý kiến đồng ý. "
                "- Trường hợp số ý kiến đồng ý và không đồng ý bằng nhau: quyết định "
                "theo ý kiến mà Chủ tịch UBND tỉnh đã cho ý kiến."
            ],
        )
        # Another province's rules, copied on the ballot when it was sent.
        self.ballot._ecabinet_transition(
            {
                "rule_deadline_days": 3,
                "rule_silence": "abstain",
                "rule_majority_base": "answered",
                "rule_majority_percent": 66.67,
                "rule_tie": "fail",
            }
        )
        self.assertEqual(
            self._texts(self._render(RESULT, self.ballot), "o_ecabinet_rules"),
            [
                "- Thời hạn trả lời: trong 3 ngày làm việc kể từ ngày gửi phiếu. "
                "- Thành viên không trả lời: không được tính là đồng ý. "
                "- Nội dung được thông qua khi có trên 66,67% số thành viên đã trả "
                "lời đồng ý. "
                "- Trường hợp số ý kiến đồng ý và không đồng ý bằng nhau: nội dung "
                "không được thông qua."
            ],
        )

    def test_result_sheet_counts_each_question_and_gives_its_outcome(self):
        document = self._render(RESULT, self.ballot)
        self.assertEqual(
            self._rows(self._nodes(document, "o_ecabinet_results")[0]),
            [
                [
                    "1",
                    "Bảng giá đất điều chỉnh năm 2027 Trong số ý kiến đồng ý có 2 "
                    "thành viên không trả lời, tính là đồng ý.",
                    "3",
                    "2",
                    "1",
                    # Strictly more than half of all six members is needed.
                    "Không thông qua (3/6 đồng ý, 50%).",
                ],
                [
                    "2",
                    "Hệ số điều chỉnh giá đất năm 2027 Trong số ý kiến đồng ý có 2 "
                    "thành viên không trả lời, tính là đồng ý.",
                    "5",
                    "1",
                    "0",
                    "Thông qua (5/6 đồng ý, 83,33%).",
                ],
            ],
        )
        # The figures are the voting engine's.
        outcomes = self.ballot._outcomes()
        self.assertEqual(
            [outcomes[q.id] for q in self.ballot.question_ids],
            [(False, 3, 6), (True, 5, 6)],
        )

    def test_result_sheet_lists_every_member_and_marks_silence(self):
        document = self._render(RESULT, self.ballot, user=self.secretariat)
        tables = self._nodes(document, "o_ecabinet_answers")
        self.assertEqual(len(tables), 2, "One table of answers per question.")
        self.assertEqual(
            self._texts(document, "o_ecabinet_item_title"),
            [
                "1. Bảng giá đất điều chỉnh năm 2027",
                "2. Hệ số điều chỉnh giá đất năm 2027",
            ],
        )
        first = {row[1]: row[2:] for row in self._rows(tables[0])}
        silence = ["Không trả lời - tính là đồng ý", ""]
        self.assertEqual(
            first,
            {
                "Nguyễn Văn An Chủ tịch UBND": ["Đồng ý", ""],
                "Trần Thị Bình Ủy viên UBND": [
                    "Không đồng ý",
                    "Mức tăng quá cao so với thu nhập của người dân.",
                ],
                "Lê Văn Cường Ủy viên UBND": [
                    "Ý kiến khác",
                    "Đề nghị bổ sung giá đất thương mại, dịch vụ.",
                ],
                "Phạm Minh Đức Ủy viên UBND": [
                    "Không đồng ý",
                    "Chưa đánh giá tác động đến thu ngân sách.",
                ],
                "Hoàng Văn Em Ủy viên UBND": silence,
                "Vũ Thị Giang Ủy viên UBND": silence,
            },
        )
        second = {row[1].split(" Ủy viên")[0]: row[2] for row in self._rows(tables[1])}
        self.assertEqual(second["Trần Thị Bình"], "Không đồng ý")
        self.assertEqual(second["Lê Văn Cường"], "Đồng ý")
        self.assertEqual(second["Vũ Thị Giang"], "Không trả lời - tính là đồng ý")

    def test_result_sheet_gives_the_chair_decision(self):
        text = self._text(self._render(RESULT, self.ballot))
        self.assertIn(
            "V. Ý KIẾN KẾT LUẬN CỦA CHỦ TỊCH UBND TỈNH Căn cứ kết quả tổng hợp ý kiến, "
            "ngày 04/12/2026, Chủ tịch UBND tỉnh Nguyễn Văn An quyết định: thông qua "
            "nội dung lấy ý kiến. Thống nhất hệ số điều chỉnh giá đất năm 2027;",
            text,
        )

    def test_open_ballot_sheet_is_provisional(self):
        ballot = self._opinion_ballot(
            {self.members[0]: [("agree", None), ("other", "Cần thêm thời gian.")]}
        )
        document = self._render(RESULT, ballot)
        text = self._text(document)
        self.assertRegex(text, r"Bình Minh, ngày tháng năm \d{4}")
        self.assertRegex(
            text,
            r"Kết thúc lấy ý kiến: chưa kết thúc, số liệu tổng hợp đến "
            r"\d\d:\d\d ngày \d\d/\d\d/\d{4}\.",
        )
        self.assertEqual(
            self._texts(document, "o_ecabinet_outcome"),
            ["Đang lấy ý kiến.", "Đang lấy ý kiến."],
        )
        self.assertNotIn("V. Ý KIẾN KẾT LUẬN", text)
        answers = {
            row[1]: row[2]
            for row in self._rows(self._nodes(document, "o_ecabinet_answers")[0])
        }
        self.assertEqual(answers["Trần Thị Bình Ủy viên UBND"], "Đồng ý")
        self.assertEqual(answers["Hoàng Văn Em Ủy viên UBND"], "Chưa trả lời")

    def test_result_sheet_says_when_the_chair_breaks_a_tie(self):
        agree, disagree = [("agree", None)] * 2, [("disagree", "Không phù hợp.")] * 2
        ballot = self._opinion_ballot(
            {
                self.chair: agree,
                self.members[0]: agree,
                self.members[1]: agree,
                self.members[2]: disagree,
                self.members[3]: disagree,
                self.members[4]: disagree,
            }
        )
        ballot._close()
        self.assertEqual(
            self._texts(self._render(RESULT, ballot), "o_ecabinet_outcome"),
            [
                "Thông qua (3/6 đồng ý, 50%); số ý kiến ngang nhau, theo ý kiến của "
                "Chủ tịch."
            ]
            * 2,
        )

    def test_secret_vote_sheet_gives_counts_and_no_name(self):
        document = self._render(RESULT, self.secret_vote, user=self.secretariat)
        text = self._text(document)
        self.assertIn(
            "Hình thức: biểu quyết kín tại Regular session of February 2027, "
            "nội dung “Tết security plan”.",
            text,
        )
        self.assertIn("Mở biểu quyết: 09:40 ngày 12/02/2027.", text)
        self.assertIn(
            "Tổng số thành viên UBND: 6; số thành viên dự họp được biểu quyết: 6; "
            "số thành viên đã biểu quyết: 5.",
            text,
        )
        self.assertEqual(
            self._rows(self._nodes(document, "o_ecabinet_results")[0]),
            [
                [
                    "1",
                    "Tết security plan",
                    "4",
                    "0",
                    "1",
                    "Thông qua (4/6 đồng ý, 66,67%).",
                ]
            ],
        )
        self.assertIn("Số thành viên đã bỏ phiếu: 5/6.", text)
        self.assertFalse(self._nodes(document, "o_ecabinet_answers"))
        for name in NAMES:
            self.assertNotIn(name, text, "A secret vote names nobody.")

    # Votes in the minutes -------------------------------------------------------

    def test_minutes_print_the_closed_votes_of_each_item(self):
        # A vote still open is not in the minutes.
        self._vote(
            self.security,
            {self.chair: "agree"},
            opened=datetime(2027, 2, 12, 3, 0),
            close=False,
        )
        document = self._render(MINUTES, self.meeting, user=self.secretariat)
        items = self._nodes(document, "o_ecabinet_item")
        self.assertEqual(len(items), 2)
        investment, security = (
            item.xpath("div[@class='o_ecabinet_item_votes']")[0] for item in items
        )
        self.assertEqual(
            self._texts(investment, "o_ecabinet_vote_result"),
            [
                "+ Biểu quyết công khai lúc 08:30: tổng số thành viên UBND 6, số thành "
                "viên tham gia biểu quyết 5; đồng ý 4 (66,67%), không đồng ý 1, "
                "ý kiến khác 0. Kết quả: thông qua."
            ],
        )
        self.assertEqual(
            self._texts(investment, "o_ecabinet_vote_names"),
            [
                "Đồng ý (4): Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường, "
                "Hoàng Văn Em. "
                "Không đồng ý (1): Phạm Minh Đức. "
                "Không tham gia biểu quyết (1): Vũ Thị Giang."
            ],
        )
        self.assertEqual(
            self._texts(security, "o_ecabinet_vote_result"),
            [
                "+ Biểu quyết kín lúc 09:40: tổng số thành viên UBND 6, số thành viên "
                "tham gia biểu quyết 5; đồng ý 4 (66,67%), không đồng ý 0, "
                "ý kiến khác 1. Kết quả: thông qua."
            ],
        )
        self.assertFalse(self._nodes(security, "o_ecabinet_vote_names"))
        for name in NAMES:
            self.assertNotIn(name, self._text(security), "A secret vote names nobody.")

    def test_minutes_without_votes_are_unchanged(self):
        meeting = self._meeting()
        document = self._render(MINUTES, meeting)
        for votes in self._nodes(document, "o_ecabinet_item_votes"):
            self.assertEqual(self._text(votes), "")

    # Print menu and PDF ---------------------------------------------------------

    def test_result_sheet_is_in_the_print_menu_of_the_staff(self):
        report = self.env.ref(RESULT)
        self.assertEqual(report.binding_model_id.model, "ecabinet.ballot")
        self.assertEqual(
            report.paperformat_id,
            self.env.ref("ecabinet_meeting.paperformat_ecabinet_a4"),
        )
        self.assertEqual(report.groups_id, self.env.ref("ecabinet_base.group_user"))
        self.assertEqual(
            safe_eval(report.print_report_name, {"object": self.ballot}),
            "Tong hop y kien - Phiếu lấy ý kiến về Bảng giá đất điều chỉnh năm 2027",
        )

    def test_result_sheet_prints_as_pdf(self):
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(RESULT, self.ballot.ids)
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
