# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io

from reportlab.pdfgen import canvas

from odoo import fields
from odoo.tests import new_test_user


def make_pdf(pages):
    """A real PDF of ``pages`` pages, base64-encoded as Odoo stores binaries."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for page in range(pages):
        pdf.drawString(100, 750, f"Page {page + 1}")
        pdf.showPage()
    pdf.save()
    return base64.b64encode(buffer.getvalue())


PDF_2_PAGES = make_pdf(2)


class MeetingCommon:
    """A committee of six (chair + five members), the secretariat, an invitee, and a
    regular session on Friday 12 February 2027, just after Tết."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))

        def user(login, groups):
            return new_test_user(
                cls.env,
                login=login,
                password=login,
                groups=groups,
                email=f"{login}@binhminh.example",
            )

        cls.chair = user("m_chair", "ecabinet_base.group_chair")
        cls.secretariat = user("m_secretariat", "ecabinet_base.group_secretariat")
        cls.members = [
            user(f"m_member{n}", "base.group_portal,ecabinet_base.group_member")
            for n in range(5)
        ]
        cls.invitee = user("m_invitee", "base.group_portal,ecabinet_base.group_member")
        cls.outsider = user(
            "m_outsider", "base.group_portal,ecabinet_base.group_member"
        )
        cls.agency = cls.env["res.partner"].create(
            {
                "name": "Department of Finance",
                "is_company": True,
                "is_ecabinet_agency": True,
            }
        )
        cls.calendar = cls.env.ref("ecabinet_base.resource_calendar_ecabinet")
        cls.calendar._ecabinet_load_public_holidays(years=[2027])
        Member = fields.Command.create
        cls.committee = cls.env["ecabinet.committee"].create(
            {
                "name": "Provincial Committee",
                "code": "T-UBND",
                "calendar_id": cls.calendar.id,
                "secretariat_user_ids": [fields.Command.set(cls.secretariat.ids)],
                "member_ids": [
                    Member(
                        {
                            "partner_id": cls.chair.partner_id.id,
                            "position": "chair",
                            "date_start": "2026-06-25",
                        }
                    )
                ]
                + [
                    Member(
                        {
                            "partner_id": u.partner_id.id,
                            "position": "member",
                            "date_start": "2026-06-25",
                        }
                    )
                    for u in cls.members
                ],
            }
        )
        cls.other_committee = cls.env["ecabinet.committee"].create(
            {
                "name": "Other Committee",
                "member_ids": [
                    Member(
                        {
                            "partner_id": cls.outsider.partner_id.id,
                            "position": "chair",
                            "date_start": "2026-06-25",
                        }
                    )
                ],
            }
        )

    @classmethod
    def _meeting(cls, **vals):
        meeting = cls.env["ecabinet.meeting"].create(
            {
                "name": "Regular session of February 2027",
                "committee_id": cls.committee.id,
                "session_type": "regular",
                "date_start": "2027-02-12 01:00:00",  # 08:00 in Hà Nội
                "location": "Meeting room 1",
                **vals,
            }
        )
        cls.env["ecabinet.meeting.agenda.item"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "name": "Public investment plan 2027",
                    "agency_id": cls.agency.id,
                    "planned_duration": 45,
                    "sequence": 1,
                },
                {
                    "meeting_id": meeting.id,
                    "name": "Tết security plan",
                    "planned_duration": 30,
                    "sequence": 2,
                },
            ]
        )
        return meeting
