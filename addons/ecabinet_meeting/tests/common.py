# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields

from odoo.addons.ecabinet_base.tests.common import (
    PORTAL_MEMBER,
    ecabinet_calendar,
    force_state,
    make_agency,
    make_committee,
    make_pdf_b64,
    make_user,
)

PDF_2_PAGES = make_pdf_b64(2)


def make_session(committee, name, items, state="invited", **vals):
    """A session of ``committee`` on 12 February 2027 with agenda ``items``
    (names), its attendees generated from the committee and its pack sent on 2
    February, put in ``state``."""
    meeting = committee.env["ecabinet.meeting"].create(
        {
            "name": name,
            "committee_id": committee.id,
            "date_start": "2027-02-12 01:00:00",
            "agenda_item_ids": [fields.Command.create({"name": i}) for i in items],
            **vals,
        }
    )
    meeting.action_generate_attendees()
    return force_state(meeting, state, pack_sent_date="2027-02-02 01:00:00")


class MeetingCommon:
    """A committee of six (chair + five members), the secretariat, an invitee, and a
    regular session on Friday 12 February 2027, just after Tết."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))

        env = cls.env
        cls.chair = make_user(env, "m_chair", "ecabinet_base.group_chair")
        cls.secretariat = make_user(
            env, "m_secretariat", "ecabinet_base.group_secretariat"
        )
        cls.members = [make_user(env, f"m_member{n}", PORTAL_MEMBER) for n in range(5)]
        cls.invitee = make_user(env, "m_invitee", PORTAL_MEMBER)
        cls.outsider = make_user(env, "m_outsider", PORTAL_MEMBER)
        cls.agency = make_agency(cls.env, "Department of Finance")
        cls.calendar = ecabinet_calendar(cls.env)
        cls.committee = make_committee(
            cls.env,
            "Provincial Committee",
            chair=cls.chair,
            members=cls.members,
            secretariat=cls.secretariat,
            code="T-UBND",
            calendar_id=cls.calendar.id,
        )
        cls.other_committee = make_committee(
            cls.env, "Other Committee", chair=cls.outsider
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
