# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The rules the portal shows hold over RPC too: each bypass of a controller is
tried through the ORM as the portal user (and through the route where one
exists), and refused by the model."""

import html
import re
from contextlib import contextmanager

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ecabinet_base.tests.common import PortalTestMixin

from .common import SecurityCommon
from .test_access_matrix import MUTED


@tagged("post_install", "-at_install", "ecabinet_security")
class TestRulesInModels(PortalTestMixin, SecurityCommon, HttpCase):
    @contextmanager
    def refused(self, exception, message):
        """``assertRaisesRegex`` that rolls back what the call did (as the
        transaction of an RPC call or a portal request does)."""
        with self.assertRaisesRegex(exception, message), self.env.cr.savepoint():
            yield

    def _post(self, user, url, data, page):
        self.authenticate(user.login, user.login)
        text = self.url_open(page).text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)
        with mute_logger(*MUTED):
            response = self.url_open(url, data={"csrf_token": csrf, **data})
        return html.unescape(response.text)

    def _close_comment_window(self):
        # the clock passes the session's start (its date is locked once invited)
        self.meeting._ecabinet_transition(
            {"date_start": fields.Datetime.subtract(fields.Datetime.now(), hours=1)}
        )

    # Written comments ---------------------------------------------------------------

    def test_member_comments_over_rpc_only_while_the_window_is_open(self):
        member = self.users["member"]
        Comment = self.env["ecabinet.meeting.comment"].with_user(member)
        comment = self.comment.with_user(member)
        early = Comment.create({"item_id": self.item.id, "body": "  Add the road.  "})
        self.assertEqual(early.body, "Add the road.")
        self.assertEqual(early.partner_id, member.partner_id)
        comment.write({"body": "I support the plan, with the road."})
        early.unlink()

        self._close_comment_window()
        count = self.env["ecabinet.meeting.comment"].search_count([])
        with self.refused(UserError, "before the session starts"):
            Comment.create({"item_id": self.item.id, "body": "Too late"})
        with self.refused(UserError, "before the session starts"):
            comment.write({"body": "Changed after the start"})
        with self.refused(UserError, "before the session starts"):
            comment.unlink()
        self.assertEqual(self.env["ecabinet.meeting.comment"].search_count([]), count)
        self.assertEqual(self.comment.body, "I support the plan, with the road.")
        # The secretariat records a comment received on paper, at any time.
        self.env["ecabinet.meeting.comment"].with_user(
            self.users["secretariat"]
        ).create(
            {
                "item_id": self.item.id,
                "partner_id": member.partner_id.id,
                "body": "Received by letter",
            }
        )

    def test_comment_window_also_closes_with_the_session_state(self):
        self.meeting._ecabinet_transition({"state": "cancelled"})
        with self.refused(UserError, "before the session starts"):
            self.env["ecabinet.meeting.comment"].with_user(self.users["member"]).create(
                {"item_id": self.item.id, "body": "Cancelled session"}
            )

    def test_comment_is_the_authors_own_on_an_item_they_may_read(self):
        member = self.users["member"]
        Comment = self.env["ecabinet.meeting.comment"]
        # In someone else's name.
        with self.assertRaises(AccessError):
            Comment.with_user(member).create(
                {
                    "item_id": self.item.id,
                    "partner_id": self.users["chair"].partner_id.id,
                    "body": "Signed by the chair",
                }
            )
        # Moved to another item, or to another author.
        with self.refused(UserError, "stays on its item"):
            self.comment.with_user(member).write({"item_id": self.invitee_item.id})
        # An invitee on an item they are not invited to.
        with self.assertRaises(AccessError):
            Comment.with_user(self.users["invitee"]).create(
                {"item_id": self.item.id, "body": "Not my item"}
            )
        # A member of another committee.
        with self.assertRaises(AccessError):
            Comment.with_user(self.users["other"]).create(
                {"item_id": self.item.id, "body": "Not my committee"}
            )
        # An empty comment.
        with self.refused(UserError, "Write your comment"):
            Comment.with_user(member).create({"item_id": self.item.id, "body": "  "})

    def test_portal_comment_after_the_window_is_refused(self):
        self._close_comment_window()
        count = self.env["ecabinet.meeting.comment"].search_count([])
        url = f"/my/ecabinet/sessions/{self.meeting.id}"
        text = self._post(
            self.users["member"],
            f"{url}/comments",
            {"item_id": str(self.item.id), "body": "Too late"},
            url,
        )
        self.assertIn("Written comments are sent before the session starts.", text)
        self.assertEqual(self.env["ecabinet.meeting.comment"].search_count([]), count)

    # Speaking requests --------------------------------------------------------------

    def test_request_to_speak_is_decided_by_the_model(self):
        Speech = self.env["ecabinet.meeting.speech"]
        member, invitee = self.users["member"], self.users["invitee"]
        count = Speech.search_count([])
        # Not over a plain create: members may not write the queue.
        with self.assertRaises(AccessError):
            Speech.with_user(member).create(
                {
                    "item_id": self.live_item.id,
                    "attendee_id": self.live_member_speech.attendee_id.id,
                }
            )
        # A member of another committee, an invitee on an item not theirs.
        with self.assertRaises(AccessError):
            self.live_item.with_user(self.users["other"]).action_request_to_speak()
        with self.assertRaises(AccessError):
            self.live_item.with_user(invitee).action_request_to_speak()
        # Staff who may read the item but do not attend the session.
        with self.refused(UserError, "Only those who attend"):
            self.live_item.with_user(self.users["office"]).action_request_to_speak()
        # An item of a session not in progress.
        with self.refused(UserError, "while the session is in progress"):
            self.item.with_user(member).action_request_to_speak()
        self.assertEqual(Speech.search_count([]), count)
        # The member who attends: once per item.
        speech_id = self.live_item.with_user(member).action_request_to_speak(
            " Flood map "
        )
        speech = Speech.browse(speech_id)
        self.assertEqual(
            (speech.partner_id, speech.topic, speech.state),
            (member.partner_id, "Flood map", "requested"),
        )
        with self.refused(UserError, "already in the queue"):
            self.live_item.with_user(member).action_request_to_speak()
        # The invitee on their own item.
        self.assertTrue(
            self.live_next_item.with_user(invitee).action_request_to_speak()
        )
        # Checked in as absent: no more.
        self.live_member_speech.attendee_id.attendance = "absent"
        with self.refused(UserError, "Only those who attend"):
            self.live_next_item.with_user(member).action_request_to_speak()

    def test_speech_attendee_must_attend_the_items_session(self):
        with self.refused(UserError, "does not attend the session"):
            self.env["ecabinet.meeting.speech"].create(
                {"item_id": self.live_item.id, "attendee_id": self.attendee.id}
            )

    def test_portal_request_of_an_absent_member_is_refused(self):
        self.live_member_speech.attendee_id.attendance = "absent"
        count = self.env["ecabinet.meeting.speech"].search_count([])
        url = f"/my/ecabinet/sessions/{self.live_meeting.id}"
        text = self._post(
            self.users["member"],
            f"{url}/speeches",
            {"item_id": str(self.live_item.id)},
            url,
        )
        self.assertIn("Only those who attend the session may speak.", text)
        self.assertEqual(self.env["ecabinet.meeting.speech"].search_count([]), count)

    def test_member_withdraws_only_their_own_request(self):
        member = self.users["member"]
        with self.refused(UserError, "not yours"):
            self.live_speech.with_user(member).action_cancel_request()
        with self.assertRaises(AccessError):
            self.live_member_speech.with_user(member).action_cancel()
        with self.assertRaises(AccessError):
            self.live_member_speech.with_user(
                self.users["other"]
            ).action_cancel_request()
        self.assertEqual(self.live_speech.state, "requested")
        self.assertIs(
            self.live_member_speech.with_user(member).action_cancel_request(), True
        )
        self.assertEqual(self.live_member_speech.state, "cancelled")

    # Agency proposals ---------------------------------------------------------------

    def _draft_session(self, **vals):
        return self.env["ecabinet.meeting"].create(
            {
                "name": "Thematic session open to proposals",
                "committee_id": self.committee.id,
                "date_start": fields.Datetime.add(fields.Datetime.now(), days=30),
                **vals,
            }
        )

    def test_agency_proposal_over_rpc_follows_the_portal_rules(self):
        draft = self._draft_session()
        agency = self.users["agency"]
        Item = self.env["ecabinet.meeting.agenda.item"].with_user(agency)
        Document = self.env["ecabinet.meeting.document"].with_user(agency)
        items = self.env["ecabinet.meeting.agenda.item"].search_count([])
        base = {"meeting_id": draft.id, "name": "Land price table 2027"}
        for extra in (
            {"state": "planned"},
            {"agency_id": self.other_committee.member_ids.partner_id.id},
            {"conclusion": "<p>Approved</p>"},
            {"submitted_by_id": self.users["secretariat"].id},
        ):
            with self.subTest(extra=extra), self.assertRaises(AccessError):
                Item.create({**base, **extra})
        past = self._draft_session(
            date_start=fields.Datetime.subtract(fields.Datetime.now(), days=1)
        )
        with self.refused(UserError, "Choose a session"):
            Item.create({**base, "meeting_id": past.id})
        with self.assertRaises(AccessError):
            self.env["ecabinet.meeting.agenda.item"].with_user(
                self.users["member"]
            ).create(base)
        self.assertEqual(
            self.env["ecabinet.meeting.agenda.item"].search_count([]), items
        )
        proposal = Item.create(base)
        self.assertEqual(
            (proposal.state, proposal.agency_id, proposal.submitted_by_id),
            ("proposed", self.agency, agency),
        )
        # Its documents: never "internal", nor on items that are not proposals of
        # the agency.
        link = {
            "meeting_id": draft.id,
            "name": "Draft table",
            "item_ids": [fields.Command.link(proposal.id)],
        }
        with self.assertRaises(AccessError):
            Document.create({**link, "confidentiality": "internal"})
        with self.assertRaises(AccessError):
            Document.create({**link, "withdrawn": True})
        other = self.env["ecabinet.meeting.agenda.item"].create(
            {"meeting_id": draft.id, "name": "Secretariat's item"}
        )
        with self.refused(UserError, "proposal of your agency"):
            Document.create({**link, "item_ids": [fields.Command.link(other.id)]})
        secret = Document.create({**link, "confidentiality": "secret"})
        self.assertEqual(secret.secret_holder_id, self.agency)

    # Ballots ------------------------------------------------------------------------

    def test_answer_after_the_deadline_is_refused_over_rpc(self):
        member = self.users["member"]
        with self.assertRaises(AccessError):
            self.env["ecabinet.ballot.response"].with_user(member).create(
                {
                    "ballot_id": self.ballot.id,
                    "question_id": self.question.id,
                    "voter_id": self.voter.id,
                    "choice": "disagree",
                }
            )
        # the deadline passes (the ballot's dates are locked once sent)
        self.ballot._ecabinet_transition(
            {"deadline_at": fields.Datetime.subtract(fields.Datetime.now(), minutes=1)}
        )
        with self.refused(UserError, "is closed"):
            self.voter.with_user(member).answer(self.question.id, "disagree")
        self.assertEqual(self.response.choice, "agree")
