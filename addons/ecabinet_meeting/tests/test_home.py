# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.tests import HttpCase, tagged

from .test_portal import PortalMeetingData


@tagged("post_install", "-at_install")
class TestMemberHome(PortalMeetingData, HttpCase):
    """The member's first screen: their next session, and what to do about it."""

    def _card(self):
        page = self.url_open("/my")
        self.assertEqual(page.status_code, 200)
        text = page.text
        self.assertIn("o_ecabinet_home_meeting", text, "the next session card")
        start = text.index("o_ecabinet_home_meeting")
        ends = [
            text.find(marker, start)
            for marker in (
                "o_ecabinet_home_ballots",
                "o_ecabinet_home_tasks",
                "o_portal_docs",
            )
        ]
        return text[start : min(end for end in ends if end > 0)]

    def test_next_session_card_in_the_committee_time_zone(self):
        # The member travels: the session still starts at 08:00 in Hà Nội.
        self.member.tz = "Europe/Paris"
        self.authenticate("m_member0", "m_member0")
        card = self._card()
        self.assertIn(self.meeting.name, card)
        self.assertNotIn(self.draft.name, card, "a draft is not announced")
        self.assertIn("02/12/2027 08:00", card)
        self.assertIn("Meeting room 1", card)
        self.assertIn("No Answer Yet", card)
        self.assertIn(f'href="{self._session_url()}#answer"', card)
        self.assertIn("Answer the invitation", card)

        self.member_attendee.sudo().action_attend()
        card = self._card()
        self.assertIn("Attends", card)
        self.assertIn("o_ecabinet_home_pack", card)
        self.assertIn(f'href="{self._session_url()}"', card)

        self.meeting._ecabinet_transition(
            {"state": "in_progress", "actual_start": fields.Datetime.now()}
        )
        card = self._card()
        self.assertIn("Session in progress", card)
        self.assertRegex(
            card,
            rf'class="btn btn-primary o_ecabinet_home_live" '
            rf'href="{self._session_url()}(/live)?"',
        )

    def test_no_session_planned(self):
        self.meeting._ecabinet_transition({"state": "closed"})
        self.authenticate("m_member0", "m_member0")
        self.assertIn("No session is planned for you.", self._card())


@tagged("post_install", "-at_install")
class TestStaffLanding(PortalMeetingData, HttpCase):
    def test_staff_land_on_the_sessions(self):
        """The web client opens the first app on its first action."""
        action = self.env.ref("ecabinet_meeting.ecabinet_meeting_action")
        for user in (self.secretariat, self.chair):
            with self.subTest(login=user.login):
                menus = self.env["ir.ui.menu"].with_user(user).load_web_menus(False)
                first = menus[menus["root"]["children"][0]]
                self.assertEqual(first["xmlid"], "ecabinet_base.ecabinet_menu_root")
                self.assertEqual(first["actionID"], action.id)
