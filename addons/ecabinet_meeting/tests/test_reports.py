# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import shutil
from datetime import datetime

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.ecabinet_base.tests.common import ReportTextMixin

from .common import MeetingCommon

INVITATION = "ecabinet_meeting.action_report_invitation"
MINUTES = "ecabinet_meeting.action_report_minutes"
CONCLUSION = "ecabinet_meeting.action_report_conclusion"


@tagged("post_install", "-at_install")
class TestMeetingReports(ReportTextMixin, MeetingCommon, HttpCase):
    """The printed documents of a session read as Vietnamese administrative
    documents: heading with the national motto, addressee, agenda, attendance and
    quorum, speakers, numbered conclusions; times in Vietnam's timezone.
    (An HttpCase: see ReportTextMixin.)"""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee.company_id.write({"name": "Tỉnh Bình Minh", "city": "Bình Minh"})
        cls.invitee.partner_id.function = "Giám đốc Công an tỉnh"
        cls.meeting = cls._meeting(user_id=cls.secretariat.id)
        cls.investment, cls.security = cls.meeting.agenda_item_ids
        cls.withdrawn = cls.env["ecabinet.meeting.agenda.item"].create(
            {"meeting_id": cls.meeting.id, "name": "Land price table", "sequence": 3}
        )
        cls.withdrawn.action_withdraw()
        cls.meeting.action_generate_attendees()
        cls.invitee_attendee = cls.env["ecabinet.meeting.attendee"].create(
            {
                "meeting_id": cls.meeting.id,
                "partner_id": cls.invitee.partner_id.id,
                "role": "invitee",
                "item_ids": [fields.Command.set(cls.security.ids)],
            }
        )
        # Before the session: a member sends a substitute.
        cls.meeting._ecabinet_transition({"state": "agenda_approved"})
        cls.substitute_partner = cls.env["res.partner"].create(
            {"name": "Trần Văn Thế", "function": "Phó Giám đốc Sở Xây dựng"}
        )
        cls.substitute = cls._att(cls.members[3]).action_send_substitute(
            cls.substitute_partner, reason="Họp Bộ Xây dựng"
        )
        # The session: check-in, speakers, conclusions.
        cls.meeting._ecabinet_transition(
            {
                "state": "in_progress",
                "actual_start": datetime(2027, 2, 12, 1, 5),
                "actual_end": datetime(2027, 2, 12, 4, 20),
            }
        )
        cls._att(cls.chair).action_check_in("present")
        cls._att(cls.members[0]).action_check_in("present")
        cls._att(cls.members[1]).action_check_in("online")
        cls._att(cls.members[2]).action_check_in("absent", reason="Công tác tại Hà Nội")
        cls._att(cls.members[4]).action_check_in("present")
        cls.substitute.action_check_in("present")
        # A member out of the second item for a conflict of interest.
        cls.recusal = cls.env["ecabinet.meeting.recusal"].create(
            {
                "item_id": cls.security.id,
                "partner_id": cls.members[4].partner_id.id,
                "reason": "Vợ là giám đốc công ty dịch vụ bảo vệ dự thầu",
            }
        )
        cls.investment._ecabinet_transition(
            {
                "state": "done",
                "actual_start": datetime(2027, 2, 12, 1, 10),
                "actual_end": datetime(2027, 2, 12, 2, 5),
                "conclusion": "<p>Thống nhất thông qua kế hoạch đầu tư công.</p>",
                "minute_notes": "Sở Tài chính trình bày kế hoạch.\n\n"
                "Các thành viên đề nghị bổ sung vốn cho huyện miền núi.  ",
            }
        )
        cls.security._ecabinet_transition(
            {
                "state": "done",
                "conclusion": "<p>Giao Công an tỉnh triển khai phương án.</p>",
            }
        )
        Speech = cls.env["ecabinet.meeting.speech"]
        with Speech._ecabinet_unlocked():  # speeches as the session had them
            for attendee, started, seconds, state in (
                (cls._att(cls.members[0]), datetime(2027, 2, 12, 1, 20), 200, "done"),
                (cls._att(cls.members[1]), datetime(2027, 2, 12, 1, 25), 45, "done"),
                (
                    cls._att(cls.members[4]),
                    datetime(2027, 2, 12, 1, 30),
                    0,
                    "requested",
                ),
            ):
                Speech.create(
                    {
                        "item_id": cls.investment.id,
                        "attendee_id": attendee.id,
                        "state": state,
                        "started_at": state == "done" and started,
                        "ended_at": state == "done"
                        and fields.Datetime.add(started, seconds=seconds),
                    }
                )
        cls.meeting.write(
            {
                "conclusion_number": "12",
                "conclusion_date": "2027-03-05",
                "minutes": "<p>Các thành viên thống nhất cao với hai nội dung.</p>",
            }
        )

    @classmethod
    def _att(cls, user):
        return cls.meeting.attendee_ids.filtered(
            lambda a: a.partner_id == user.partner_id
        )

    def test_invitation_is_addressed_to_the_attendee_with_the_session(self):
        member = self._att(self.members[0])
        member._ecabinet_transition(
            {"invitation_sent_date": datetime(2027, 1, 31, 18, 0)}  # 1 Feb in Vietnam
        )
        document = self._render(INVITATION, member)
        text = self._text(document)
        self.assertIn("ỦY BAN NHÂN DÂN TỈNH BÌNH MINH", text)
        self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text)
        self.assertIn("Độc lập - Tự do - Hạnh phúc", text)
        self.assertIn("Số: …/GM-T-UBND", text)
        # Days below 10 and months 1 and 2 take a leading zero (Decree 30/2020).
        self.assertIn("Bình Minh, ngày 01 tháng 02 năm 2027", text)
        self.assertIn("GIẤY MỜI", text)
        # The province in running text: "tỉnh", not "Tỉnh".
        self.assertIn("Ủy ban nhân dân tỉnh Bình Minh trân trọng kính mời", text)
        self.assertIn(
            f"Kính gửi: {self.members[0].partner_id.name} (Ủy viên UBND)", text
        )
        self.assertIn("Regular session of February 2027 (phiên họp thường kỳ)", text)
        # 01:00 UTC is 08:00 in Hà Nội, whatever the reader's timezone.
        self.assertEqual(
            self._texts(document, "o_ecabinet_when"), ["08:00, 12/02/2027"]
        )
        self.assertIn("(thứ Sáu)", text)
        self.assertIn("Địa điểm: Meeting room 1", text)
        self.assertIn(f"Chủ trì: {self.chair.partner_id.name} - Chủ tịch UBND", text)
        self.assertIn(
            f"{self.meeting.get_base_url()}/my/ecabinet/sessions/{self.meeting.id}",
            text,
        )
        # The agenda's points are lettered: the paragraph after it is "5.", not a
        # sixth item.
        self.assertIn("4. Nội dung: a) Public investment plan 2027", text)
        self.assertIn("b) Tết security plan. 5. Tài liệu:", text)
        self.assertIn("Nơi nhận: - Như trên; - Lưu: VT, T-UBND.", text)
        self.assertIn(f"TL. CHỦ TỊCH CHÁNH VĂN PHÒNG {self.secretariat.name}", text)

    def test_letters_minutes_and_messages_are_in_the_committees_time_zone(self):
        # A committee whose working-day calendar is in Tokyo (UTC+9): the session
        # starting at 01:00 UTC is printed, mailed and texted at 10:00.
        self.committee.calendar_id.tz = "Asia/Tokyo"
        member = self._att(self.members[0])
        self.assertEqual(
            self._texts(self._render(INVITATION, member), "o_ecabinet_when"),
            ["10:00, 12/02/2027"],
        )
        self.assertIn(
            "Thời gian: từ 10:05 đến 13:20 ngày 12/02/2027.",
            self._text(self._render(MINUTES, self.meeting)),
        )
        mail = self.env.ref("ecabinet_meeting.mail_template_invitation")
        body = mail._render_field("body_html", member.ids)[member.id]
        self.assertIn("10:00, 12/02/2027", body)
        sms = self.env.ref("ecabinet_meeting.sms_template_invitation")
        text = sms._render_field("body", member.ids)[member.id]
        self.assertIn("10:00 12/02/2027", text)
        cancelled = self.env.ref("ecabinet_meeting.mail_template_session_cancelled")
        body = cancelled._render_field("body_html", self.meeting.ids)[self.meeting.id]
        self.assertIn("10:00, 12/02/2027", body)

    def test_member_letter_lists_every_item_invitee_letter_only_theirs(self):
        member_letter = self._render(INVITATION, self._att(self.members[0]))
        self.assertEqual(
            self._texts(member_letter, "o_ecabinet_agenda"),
            [
                "a) Public investment plan 2027 (Department of Finance trình); "
                "b) Tết security plan."
            ],
        )
        invitee_letter = self._render(INVITATION, self.invitee_attendee)
        self.assertEqual(
            self._texts(invitee_letter, "o_ecabinet_agenda"),
            ["a) Tết security plan."],
        )
        self.assertIn(
            f"Kính gửi: {self.invitee.partner_id.name} (Giám đốc Công an tỉnh)",
            self._text(invitee_letter),
        )

    def test_substitute_letter_names_the_member_replaced(self):
        letter = self._render(INVITATION, self.substitute)
        self.assertIn(
            f"Kính gửi: Trần Văn Thế (dự thay {self.members[3].partner_id.name})",
            self._text(letter),
        )
        # A member's substitute sees every item, as the member would.
        self.assertEqual(
            len(self._nodes(letter, "o_ecabinet_agenda")[0].xpath("li")), 2
        )

    def test_letters_of_several_attendees_print_in_one_document(self):
        attendees = self._att(self.members[0]) | self.invitee_attendee
        document = self._render(INVITATION, attendees)
        self.assertEqual(len(self._nodes(document, "article")), 2)
        self.assertEqual(
            [
                name.split("Kính gửi: ")[1]
                for name in self._texts(document, "o_ecabinet_addressee")
            ],
            [
                f"{self.members[0].partner_id.name} (Ủy viên UBND)",
                f"{self.invitee.partner_id.name} (Giám đốc Công an tỉnh)",
            ],
        )

    def test_minutes_record_attendance_quorum_and_speakers(self):
        document = self._render(MINUTES, self.meeting)
        text = self._text(document)
        self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text)
        self.assertIn("BIÊN BẢN Regular session of February 2027", text)
        self.assertIn("Thời gian: từ 08:05 đến 11:20 ngày 12/02/2027.", text)
        self.assertIn(f"Chủ trì: {self.chair.partner_id.name}.", text)
        self.assertIn(f"Thư ký: {self.secretariat.name}.", text)

        rows = {
            row.xpath("td")[1].xpath("text()")[0].strip(): [
                self._text(cell) for cell in row.xpath("td")[2:]
            ]
            for row in self._nodes(document, "o_ecabinet_attendance")[0].xpath(
                "tbody/tr"
            )
        }
        name = {user: user.partner_id.name for user in [self.chair, *self.members]}
        self.assertEqual(rows[name[self.chair]], ["Chủ tọa", "Có mặt"])
        self.assertEqual(rows[name[self.members[0]]], ["Thành viên UBND", "Có mặt"])
        self.assertEqual(
            rows[name[self.members[1]]], ["Thành viên UBND", "Dự trực tuyến"]
        )
        self.assertEqual(
            rows[name[self.members[2]]],
            ["Thành viên UBND", "Vắng mặt (lý do: Công tác tại Hà Nội)"],
        )
        self.assertEqual(
            rows[name[self.members[3]]],
            [
                "Thành viên UBND",
                "Vắng mặt (lý do: Họp Bộ Xây dựng); cử Trần Văn Thế dự thay",
            ],
        )
        self.assertEqual(
            rows["Trần Văn Thế"], [f"dự thay {name[self.members[3]]}", "Có mặt"]
        )
        self.assertEqual(
            rows[self.invitee.partner_id.name], ["Đại biểu mời", "Không điểm danh"]
        )
        # Chair and three members present of six; the substitute does not count.
        self.assertEqual(
            self._texts(document, "o_ecabinet_quorum"),
            [
                "Số thành viên UBND có mặt: 4/6; số thành viên cần có mặt "
                "(2/3 tổng số thành viên): 4. Phiên họp đủ điều kiện tiến hành."
            ],
        )

        items = self._nodes(document, "o_ecabinet_item")
        self.assertEqual(
            [self._texts(item, "o_ecabinet_item_title")[0] for item in items],
            ["1. Public investment plan 2027", "2. Tết security plan"],
            "A withdrawn item is not in the minutes.",
        )
        investment = self._text(items[0])
        self.assertIn("Cơ quan trình: Department of Finance.", investment)
        self.assertIn("Thời lượng: dự kiến 45 phút; thực tế 55 phút.", investment)
        self.assertIn(
            "Kết luận: Thống nhất thông qua kế hoạch đầu tư công.", investment
        )
        self.assertEqual(
            self._texts(items[0], "o_ecabinet_speakers"),
            [
                f"+ {name[self.members[0]]} (3 phút 20 giây). "
                f"+ {name[self.members[1]]} (45 giây)."
            ],
            "Only the speakers who spoke are listed, in the order they spoke.",
        )
        self.assertEqual(
            [
                self._text(paragraph)
                for paragraph in self._nodes(items[0], "o_ecabinet_minute_notes")[
                    0
                ].xpath("p")
            ],
            [
                "Sở Tài chính trình bày kế hoạch.",
                "Các thành viên đề nghị bổ sung vốn cho huyện miền núi.",
            ],
            "The notes for the minutes, one paragraph a line.",
        )
        self.assertLess(
            investment.index("Diễn biến thảo luận: Sở Tài chính"),
            investment.index("Kết luận:"),
        )
        self.assertNotIn("Diễn biến thảo luận", self._text(items[1]))
        self.assertIn("Ý kiến phát biểu: không có.", self._text(items[1]))
        self.assertIn("Thời lượng: dự kiến 30 phút.", self._text(items[1]))
        for item in items:
            self.assertEqual(
                len(item.xpath("div[@class='o_ecabinet_item_votes']")),
                1,
                "ecabinet_opinion writes the votes of each item there.",
            )
        self.assertIn("Các thành viên thống nhất cao với hai nội dung.", text)
        self.assertIn("Phiên họp kết thúc vào lúc 11:20 ngày 12/02/2027", text)
        self.assertIn(
            f"THƯ KÝ {self.secretariat.name} CHỦ TỌA {name[self.chair]}", text
        )

    def test_invitation_links_to_the_portal_at_the_configured_address(self):
        self.env["ir.config_parameter"].set_param(
            "web.base.url", "https://ecabinet.binhminh.gov.vn"
        )
        document = self._render(INVITATION, self._att(self.members[0]))
        url = f"https://ecabinet.binhminh.gov.vn/my/ecabinet/sessions/{self.meeting.id}"
        [link] = self._nodes(document, "o_ecabinet_portal_url")
        self.assertEqual((link.get("href"), self._text(link)), (url, url))

    def test_session_prints_the_letters_of_all_its_attendees(self):
        report = self.env.ref("ecabinet_meeting.action_report_invitation_meeting")
        self.assertEqual(report.binding_model_id.model, "ecabinet.meeting")
        document = self._render(report.report_name, self.meeting)
        addressees = self._texts(document, "o_ecabinet_addressee")
        self.assertEqual(len(addressees), len(self.meeting.attendee_ids))
        for addressee, attendee in zip(
            addressees, self.meeting.attendee_ids, strict=True
        ):
            self.assertTrue(
                addressee.startswith(f"Kính gửi: {attendee.partner_id.name}"),
                addressee,
            )
        self.assertEqual(
            len(self._nodes(document, "article")), len(self.meeting.attendee_ids)
        )

    def test_minutes_and_notice_are_drafts_until_closed_and_approved(self):
        def marked(report):
            document = self._render(report, self.meeting)
            return self._texts(document, "o_ecabinet_draft_mark")

        draft = ["DỰ THẢO"]
        self.assertEqual(self.meeting.state, "in_progress")
        self.assertEqual(marked(MINUTES), draft)
        self.assertEqual(marked(CONCLUSION), draft)
        self.meeting._ecabinet_transition({"state": "closed"})
        self.assertEqual(marked(MINUTES), [], "Closed: the minutes to sign.")
        self.assertEqual(marked(CONCLUSION), draft)
        self.meeting._ecabinet_transition({"state": "minutes_approved"})
        self.assertEqual(marked(MINUTES), [])
        self.assertEqual(marked(CONCLUSION), [])

    def test_minutes_say_when_the_quorum_is_not_reached(self):
        self._att(self.members[0])._ecabinet_transition({"attendance": "absent"})
        self._att(self.members[1])._ecabinet_transition({"attendance": "absent"})
        text = self._text(self._render(MINUTES, self.meeting))
        self.assertIn("Số thành viên UBND có mặt: 2/6", text)
        self.assertIn("Phiên họp không đủ số thành viên theo quy định.", text)

    def test_minutes_of_a_session_not_held_show_the_planned_time(self):
        meeting = self._meeting()
        text = self._text(self._render(MINUTES, meeting))
        self.assertIn(
            "Thời gian: từ 08:00 đến 12:00 ngày 12/02/2027 (theo kế hoạch).", text
        )

    def test_conclusion_notice_numbers_the_conclusions(self):
        document = self._render(CONCLUSION, self.meeting)
        text = self._text(document)
        self.assertIn("Độc lập - Tự do - Hạnh phúc", text)
        self.assertIn("Số: 12/TB-T-UBND", text)
        self.assertIn("Bình Minh, ngày 05 tháng 3 năm 2027", text)
        self.assertIn(
            f"THÔNG BÁO Kết luận của Chủ tịch UBND tỉnh {self.chair.partner_id.name} "
            "tại Regular session of February 2027",
            text,
        )
        self.assertIn("Ngày 12/02/2027", text)
        self.assertIn("Tham dự có 4/6 thành viên", text)
        items = self._nodes(document, "o_ecabinet_item")
        self.assertEqual(
            [self._text(item) for item in items],
            [
                "1. Public investment plan 2027 (Department of Finance trình) "
                "Thống nhất thông qua kế hoạch đầu tư công.",
                "2. Tết security plan Giao Công an tỉnh triển khai phương án.",
            ],
        )
        self.assertIn(
            "Nơi nhận: - Các thành viên UBND tỉnh; - Department of Finance; "
            "- Lưu: VT, T-UBND.",
            text,
        )
        self.assertIn(f"TL. CHỦ TỊCH CHÁNH VĂN PHÒNG {self.secretariat.name}", text)

    def test_conclusion_notice_skips_items_without_conclusion(self):
        self.investment.conclusion = "<p><br></p>"
        self.meeting.write({"conclusion_number": False, "conclusion_date": False})
        document = self._render(CONCLUSION, self.meeting)
        text = self._text(document)
        self.assertIn("Số: …/TB-T-UBND", text)
        self.assertRegex(text, r"Bình Minh, ngày tháng năm \d{4}")
        items = self._nodes(document, "o_ecabinet_item")
        self.assertEqual(
            [self._texts(item, "o_ecabinet_item_title")[0] for item in items],
            ["1. Tết security plan"],
        )

    def test_reports_are_in_the_print_menu(self):
        for xmlid, model in (
            (INVITATION, "ecabinet.meeting.attendee"),
            (MINUTES, "ecabinet.meeting"),
            (CONCLUSION, "ecabinet.meeting"),
        ):
            report = self.env.ref(xmlid)
            self.assertEqual(report.binding_model_id.model, model)
            self.assertEqual(
                report.paperformat_id,
                self.env.ref("ecabinet_meeting.paperformat_ecabinet_a4"),
            )
        name = safe_eval(
            self.env.ref(INVITATION).print_report_name,
            {"object": self.invitee_attendee},
        )
        self.assertEqual(name, f"Giay moi - {self.invitee.partner_id.name}")

    def test_minutes_print_the_notes_for_the_minutes_of_each_item(self):
        self.assertTrue(shutil.which("pdftotext"), "poppler's pdftotext reads the PDF")
        text = self._pdf_words(MINUTES, self.meeting)
        self.assertIn(
            "1. Public investment plan 2027 - Cơ quan trình: Department of Finance.",
            text,
        )
        self.assertIn(
            "- Diễn biến thảo luận: Sở Tài chính trình bày kế hoạch. Các thành viên "
            "đề nghị bổ sung vốn cho huyện miền núi. - Kết luận: Thống nhất thông qua "
            "kế hoạch đầu tư công.",
            text,
        )
        self.assertEqual(text.count("Diễn biến thảo luận"), 1)

    def test_minutes_print_the_recusals_of_each_item(self):
        document = self._render(MINUTES, self.meeting)
        items = self._nodes(document, "o_ecabinet_item")
        recusals = [self._texts(item, "o_ecabinet_recusals") for item in items]
        name = self.members[4].partner_id.name
        self.assertEqual(
            recusals,
            [[], [f"+ {name}: Vợ là giám đốc công ty dịch vụ bảo vệ dự thầu."]],
        )
        text = self._pdf_words(MINUTES, self.meeting)
        self.assertIn(
            "- Thành viên không tham gia thảo luận, biểu quyết (xung đột lợi ích): "
            f"+ {name}: Vợ là giám đốc công ty dịch vụ bảo vệ dự thầu.",
            text,
        )
        # a withdrawn recusal is not printed
        self.recusal.sudo()._ecabinet_transition({"state": "withdrawn"})
        text = self._text(self._render(MINUTES, self.meeting))
        self.assertNotIn("xung đột lợi ích", text)

    def test_invitation_prints_as_pdf(self):
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(INVITATION, self.invitee_attendee.ids)
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
