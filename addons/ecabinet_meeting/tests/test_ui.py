# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .test_portal import PortalMeetingData


@tagged("post_install", "-at_install")
class TestMeetingUi(PortalMeetingData, HttpCase):
    def test_member_answers_and_opens_the_pack_tour(self):
        self.start_tour(
            "/my/ecabinet/sessions",
            "ecabinet_meeting_member_answers",
            login="m_member0",
        )
        self.env.invalidate_all()
        self.assertEqual(self.member_attendee.answer, "attend")
        view = self.plan_doc.view_ids
        self.assertEqual(view.partner_id, self.member.partner_id)
        self.assertTrue(self.member_attendee.pack_opened_date)
