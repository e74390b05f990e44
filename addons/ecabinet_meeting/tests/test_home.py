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

    def test_saved_note_is_confirmed_with_its_time(self):
        self.member.tz = "Asia/Ho_Chi_Minh"
        self.authenticate("m_member0", "m_member0")
        response = self._post(
            f"{self._session_url()}/notes",
            {"document_id": self.plan_doc.id, "page": "2", "body": "Check the figures"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("?message=note", response.url)
        note = self.env["ecabinet.meeting.note"].search(
            [("document_id", "=", self.plan_doc.id)]
        )
        saved_at = fields.Datetime.context_timestamp(
            note.with_context(tz="Asia/Ho_Chi_Minh"), note.write_date
        ).strftime("%H:%M")
        # On top of the page, and next to the note, its document's notes open.
        self.assertIn(f"Note saved at <span>{saved_at}</span>.", response.text)
        self.assertRegex(
            response.text,
            rf'(?s)id="document-{self.plan_doc.id}">.*?<details class="mt-2 '
            r'o_ecabinet_notes" open="[^"]+">.*?o_ecabinet_note_saved',
        )
        self.assertEqual(response.text.count("o_ecabinet_note_saved"), 1)
        # A plain visit of the page shows no confirmation.
        self.assertNotIn("Note saved at", self.url_open(self._session_url()).text)
        response = self._post(
            f"{self._session_url()}/notes/{note.id}/delete",
            {"document_id": self.plan_doc.id},
        )
        self.assertIn("Note deleted.", response.text)


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
