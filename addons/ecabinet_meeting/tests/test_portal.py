# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import re

import lxml.html

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged, warmup
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.ecabinet_base.tests.common import (
    PortalTestMixin,
    make_agency,
    make_agency_user,
)

from .common import PDF_2_PAGES, MeetingCommon


class PortalMeetingData(PortalTestMixin, MeetingCommon):
    """An invited session: members see the whole agenda, the invitee the security
    item only; agencies' officers propose items to a draft session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls.members[0]
        cls.other_member = cls.members[1]
        cls.other_agency = make_agency(cls.env, "Department of Justice")
        cls.agency_officer = make_agency_user(cls.env, "p_finance_officer", cls.agency)
        cls.other_agency_officer = make_agency_user(
            cls.env, "p_justice_officer", cls.other_agency
        )

        cls.meeting = cls._invited_meeting()
        cls.plan_item, cls.security_item = cls.meeting.agenda_item_ids.sorted(
            "sequence"
        )
        Document = cls.env["ecabinet.meeting.document"]
        cls.plan_doc = Document.create(
            cls._document_vals(cls.meeting, cls.plan_item, "Draft investment plan")
        )
        cls.security_doc = Document.create(
            cls._document_vals(cls.meeting, cls.security_item, "Security plan for Tết")
        )
        cls.secret_doc = Document.create(
            {
                "meeting_id": cls.meeting.id,
                "name": "Annex on defence works",
                "confidentiality": "secret",
                "secret_holder_id": cls.agency.id,
                "item_ids": [fields.Command.link(cls.plan_item.id)],
            }
        )
        cls.withdrawn_doc = Document.create(
            cls._document_vals(cls.meeting, cls.plan_item, "Superseded estimate")
        )
        cls.withdrawn_doc._ecabinet_transition({"withdrawn": True})
        cls.invitee_attendee = cls.meeting.attendee_ids.filtered(
            lambda a: a.partner_id == cls.invitee.partner_id
        )
        cls.member_attendee = cls.meeting.attendee_ids.filtered(
            lambda a: a.partner_id == cls.member.partner_id
        )

        # A draft session open to proposals, with one from each agency.
        cls.draft = cls.env["ecabinet.meeting"].create(
            {
                "name": "Regular session of March 2027",
                "committee_id": cls.committee.id,
                "date_start": "2027-03-12 01:00:00",
            }
        )
        Item = cls.env["ecabinet.meeting.agenda.item"]
        with Item._ecabinet_unlocked():  # proposals, as the portal creates them
            cls.finance_proposal = Item.create(
                {
                    "meeting_id": cls.draft.id,
                    "name": "Budget estimate revision",
                    "state": "proposed",
                    "agency_id": cls.agency.id,
                }
            )
            cls.justice_proposal = Item.create(
                {
                    "meeting_id": cls.draft.id,
                    "name": "Legal aid programme",
                    "state": "proposed",
                    "agency_id": cls.other_agency.id,
                }
            )

    @classmethod
    def _invited_meeting(cls, **vals):
        """A session whose pack is out: chair, members and an invitee for the
        second item. Set up directly, as ``action_send_invitations`` would."""
        meeting = cls._meeting(**vals)
        security_item = meeting.agenda_item_ids.sorted("sequence")[1]
        Attendee = cls.env["ecabinet.meeting.attendee"]
        Attendee.create(
            [
                {
                    "meeting_id": meeting.id,
                    "partner_id": cls.chair.partner_id.id,
                    "role": "chair",
                },
                *(
                    {
                        "meeting_id": meeting.id,
                        "partner_id": m.partner_id.id,
                        "role": "member",
                    }
                    for m in cls.members
                ),
                {
                    "meeting_id": meeting.id,
                    "partner_id": cls.invitee.partner_id.id,
                    "role": "invitee",
                    "item_ids": [fields.Command.set(security_item.ids)],
                },
            ]
        )
        meeting._ecabinet_transition(
            {"state": "invited", "pack_sent_date": fields.Datetime.now()}
        )
        return meeting

    @classmethod
    def _document_vals(cls, meeting, item, name):
        return {
            "meeting_id": meeting.id,
            "name": name,
            "datas": PDF_2_PAGES,
            "filename": f"{name}.pdf",
            "item_ids": [fields.Command.link(item.id)],
        }

    # Helpers for HTTP tests -------------------------------------------------------

    def _session_url(self, meeting=None):
        return f"/my/ecabinet/sessions/{(meeting or self.meeting).id}"

    def _file_url(self, document, download=False):
        return f"/my/ecabinet/documents/{document.id}/file" + (
            "?download=1" if download else ""
        )

    def _post(self, url, data, page=None, files=None):
        data = {"csrf_token": self._csrf(page or self._session_url()), **data}
        return self.url_open(url, data=data, files=files)


@tagged("post_install", "-at_install")
class TestMeetingPortal(PortalMeetingData, HttpCase):
    # Access matrix ------------------------------------------------------------------

    def test_member_sees_the_whole_agenda_and_pack(self):
        Document = self.env["ecabinet.meeting.document"]
        visible = self.plan_doc | self.security_doc | self.secret_doc
        # ORM
        self.assertEqual(
            Document.with_user(self.member).search(
                [("meeting_id", "=", self.meeting.id)]
            ),
            visible,
        )
        # Portal
        self.authenticate("m_member0", "m_member0")
        listing = self.url_open("/my/ecabinet/sessions")
        self.assertIn(self.meeting.name, listing.text)
        self.assertNotIn(self.draft.name, listing.text, "draft sessions stay hidden")
        page = self.url_open(self._session_url())
        self.assertEqual(page.status_code, 200)
        for name in (
            self.plan_item.name,
            self.security_item.name,
            "Department of Finance",
        ):
            self.assertIn(name, page.text)
        for document in visible:
            self.assertIn(document.name, page.text)
        self.assertIn(self._file_url(self.plan_doc), page.text)
        self.assertIn(self._file_url(self.plan_doc, download=True), page.text)
        self.assertIn("Held by", page.text, "state secrets name their holder")
        self.assertNotIn("Other documents", page.text)
        self.assertNotIn(self._file_url(self.secret_doc), page.text)
        for document in (self.plan_doc, self.security_doc):
            response = self.url_open(self._file_url(document))
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.content, base64.b64decode(PDF_2_PAGES))
        # JSON-RPC
        rows = self._rpc(
            "ecabinet.meeting.document",
            "search_read",
            [("meeting_id", "=", self.meeting.id)],
            fields=["name"],
        )
        self.assertEqual({r["id"] for r in rows}, set(visible.ids))

    def test_invitee_sees_only_the_documents_of_their_item(self):
        Document = self.env["ecabinet.meeting.document"]
        # ORM
        self.assertEqual(
            Document.with_user(self.invitee).search(
                [("meeting_id", "=", self.meeting.id)]
            ),
            self.security_doc,
        )
        with self.assertRaises(AccessError):
            self.plan_doc.with_user(self.invitee).read(["name"])
        # Portal
        self.authenticate("m_invitee", "m_invitee")
        page = self.url_open(self._session_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.security_item.name, page.text)
        self.assertIn(self.security_doc.name, page.text)
        self.assertNotIn(self.plan_item.name, page.text)
        self.assertNotIn(self.plan_doc.name, page.text)
        self.assertNotIn(self.secret_doc.name, page.text)
        self.assertEqual(
            self.url_open(self._file_url(self.security_doc)).status_code, 200
        )
        self.assertEqual(self.url_open(self._file_url(self.plan_doc)).status_code, 404)
        # JSON-RPC
        with (
            mute_logger("odoo.http"),
            self.assertRaisesRegex(JsonRpcException, "AccessError"),
        ):
            self._rpc("ecabinet.meeting.document", "read", [self.plan_doc.id], ["name"])
        rows = self._rpc(
            "ecabinet.meeting.agenda.item",
            "search_read",
            [("meeting_id", "=", self.meeting.id)],
            fields=["name"],
        )
        self.assertEqual([r["id"] for r in rows], self.security_item.ids)

    def test_documents_of_no_item_are_for_the_whole_session(self):
        general = self.env["ecabinet.meeting.document"].create(
            {
                "meeting_id": self.meeting.id,
                "name": "Seating plan",
                "datas": PDF_2_PAGES,
                "filename": "seating.pdf",
            }
        )
        self.authenticate("m_member0", "m_member0")
        page = self.url_open(self._session_url())
        self.assertIn("Other documents", page.text)
        self.assertIn(general.name, page.text)
        self.authenticate("m_invitee", "m_invitee")
        self.assertNotIn(general.name, self.url_open(self._session_url()).text)
        self.assertEqual(self.url_open(self._file_url(general)).status_code, 404)

    def test_agency_officer_sees_own_proposals_not_others(self):
        Item = self.env["ecabinet.meeting.agenda.item"]
        proposed = [("state", "=", "proposed")]
        # ORM
        self.assertEqual(
            Item.with_user(self.agency_officer).search(proposed), self.finance_proposal
        )
        self.assertEqual(
            Item.with_user(self.other_agency_officer).search(proposed),
            self.justice_proposal,
        )
        # JSON-RPC
        self.authenticate("p_finance_officer", "p_finance_officer")
        rows = self._rpc(
            "ecabinet.meeting.agenda.item", "search_read", proposed, fields=["name"]
        )
        self.assertEqual([r["id"] for r in rows], self.finance_proposal.ids)
        with (
            mute_logger("odoo.http"),
            self.assertRaisesRegex(JsonRpcException, "AccessError"),
        ):
            self._rpc(
                "ecabinet.meeting.agenda.item",
                "read",
                self.justice_proposal.ids,
                ["name"],
            )
        # Portal: proposals on the proposal page; uninvited, no session page
        page = self.url_open("/my/ecabinet/sessions/propose")
        self.assertIn(self.finance_proposal.name, page.text)
        self.assertNotIn(self.justice_proposal.name, page.text)
        self.assertIn(self.draft.name, page.text, "the draft session can be chosen")
        listing = self.url_open("/my/ecabinet/sessions")
        self.assertIn("/my/ecabinet/sessions/propose", listing.text)
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["ecabinet_meeting_count", "ecabinet_proposal_count"]},
        )
        self.assertEqual(counters["ecabinet_meeting_count"], 0)
        open_sessions = self.env["ecabinet.meeting"].search_count(
            [("state", "=", "draft"), ("date_start", ">", fields.Datetime.now())]
        )
        self.assertTrue(open_sessions)
        self.assertEqual(counters["ecabinet_proposal_count"], open_sessions)
        response = self.url_open(self._session_url(), allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))

    def test_member_of_another_committee_sees_nothing(self):
        # ORM
        self.assertFalse(
            self.env["ecabinet.meeting"]
            .with_user(self.outsider)
            .search([("id", "=", self.meeting.id)])
        )
        # Portal
        self.authenticate("m_outsider", "m_outsider")
        response = self.url_open(self._session_url(), allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertNotIn(self.meeting.name, self.url_open("/my/ecabinet/sessions").text)
        for document in (self.plan_doc, self.security_doc):
            self.assertEqual(self.url_open(self._file_url(document)).status_code, 404)
        # JSON-RPC
        for model, record in (
            ("ecabinet.meeting", self.meeting),
            ("ecabinet.meeting.document", self.plan_doc),
        ):
            with (
                self.subTest(model=model),
                mute_logger("odoo.http"),
                self.assertRaisesRegex(JsonRpcException, "AccessError"),
            ):
                self._rpc(model, "read", record.ids, ["name"])

    def test_public_is_sent_to_login(self):
        self.authenticate(None, None)
        for url in (
            "/my/ecabinet/sessions",
            self._session_url(),
            self._file_url(self.plan_doc),
            "/my/ecabinet/sessions/propose",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertIn("/web/login", response.url)
                self.assertNotIn(self.plan_doc.name, response.text)

    def test_withdrawn_document_disappears_for_everyone(self):
        for login in ("m_member0", "m_chair", "m_secretariat"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                page = self.url_open(self._session_url())
                self.assertEqual(page.status_code, 200)
                self.assertIn(self.plan_doc.name, page.text)
                self.assertNotIn(self.withdrawn_doc.name, page.text)
                response = self.url_open(self._file_url(self.withdrawn_doc))
                self.assertEqual(response.status_code, 404)
        self.plan_doc.action_withdraw()
        self.authenticate("m_member0", "m_member0")
        self.assertNotIn(self.plan_doc.name, self.url_open(self._session_url()).text)
        self.assertEqual(self.url_open(self._file_url(self.plan_doc)).status_code, 404)

    # Answers --------------------------------------------------------------------------

    def _answer(self, **data):
        return self._post(f"{self._session_url()}/answer", data)

    def test_member_attends(self):
        self.authenticate("m_member0", "m_member0")
        response = self._answer(answer="attend")
        self.assertIn("Your answer is recorded", response.text)
        self.assertEqual(self.member_attendee.answer, "attend")
        self.assertTrue(self.member_attendee.answer_date)

    def test_decline_without_reason_shows_the_error_and_saves_nothing(self):
        self.authenticate("m_member0", "m_member0")
        response = self._answer(answer="decline", reason="  ")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_ecabinet_error", response.text)
        self.assertIn("Give the reason why you cannot attend.", response.text)
        self.assertNotIn("Traceback", response.text)
        self.member_attendee.invalidate_recordset()
        self.assertEqual(self.member_attendee.answer, "pending")

    def test_decline_with_reason(self):
        self.authenticate("m_member0", "m_member0")
        self._answer(answer="decline", reason="Mission to Hà Nội")
        self.assertEqual(self.member_attendee.answer, "decline")
        self.assertEqual(self.member_attendee.decline_reason, "Mission to Hà Nội")

    def test_substitute_gets_an_attendee_and_the_invitation(self):
        self.authenticate("m_member0", "m_member0")
        response = self._answer(
            answer="substitute",
            substitute_name="Trần Văn Phó",
            substitute_email="pho.tv@binhminh.example",
            reason="On leave",
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("o_ecabinet_error", response.text)
        self.assertEqual(self.member_attendee.answer, "substitute")
        substitute = self.member_attendee.substitute_id
        self.assertEqual(substitute.partner_id.name, "Trần Văn Phó")
        self.assertEqual(substitute.partner_id.email, "pho.tv@binhminh.example")
        self.assertEqual(substitute.role, "substitute")
        self.assertTrue(substitute.sees_all_items)
        notifications = self.env["ecabinet.notification"].search(
            [
                ("res_model", "=", "ecabinet.meeting.attendee"),
                ("res_id", "=", substitute.id),
            ]
        )
        self.assertTrue(notifications, "the substitute's invitation is queued")
        self.assertEqual(
            notifications.event_id,
            self.env.ref("ecabinet_meeting.event_substitute_invitation"),
        )
        self.assertEqual(notifications.partner_id, substitute.partner_id)
        self.assertIn("Trần Văn Phó", response.text)

    def test_substitute_needs_a_name_and_an_email(self):
        self.authenticate("m_member0", "m_member0")
        response = self._answer(
            answer="substitute", substitute_name="Trần Văn Phó", substitute_email="nope"
        )
        self.assertIn("valid email address", response.text)
        self.assertIn('value="Trần Văn Phó"', response.text, "typed values are kept")
        self.assertEqual(self.member_attendee.answer, "pending")

    def test_answer_forms_are_compact_until_one_is_needed(self):
        """On a phone the answer must not fill the first screen: one button to
        attend; the forms that ask for a reason or a substitute open on demand,
        and open by themselves again when their answer was refused."""
        self.authenticate("m_member0", "m_member0")
        page = lxml.html.fromstring(self.url_open(self._session_url()).text)
        for panel in ("o_ecabinet_decline_panel", "o_ecabinet_substitute_panel"):
            classes = page.get_element_by_id(panel).classes
            self.assertIn("collapse", classes)
            self.assertNotIn("show", classes, f"{panel} starts closed")
        refused = self._answer(
            answer="substitute", substitute_name="Trần Văn Phó", substitute_email="nope"
        )
        page = lxml.html.fromstring(refused.text)
        self.assertIn(
            "show", page.get_element_by_id("o_ecabinet_substitute_panel").classes
        )
        self.assertNotIn(
            "show", page.get_element_by_id("o_ecabinet_decline_panel").classes
        )

    def test_email_link_answers_without_signing_in(self):
        self.authenticate(None, None)
        token = self.member_attendee.access_token
        with mute_logger("odoo.http"):
            wrong = self.url_open(
                f"/ecabinet/invitation/{self.member_attendee.id}/{'0' * 32}"
            )
        self.assertEqual(wrong.status_code, 404)
        other = self.invitee_attendee
        with mute_logger("odoo.http"):
            swapped = self.url_open(f"/ecabinet/invitation/{other.id}/{token}")
        self.assertEqual(swapped.status_code, 404, "a token opens its own invitation")
        url = f"/ecabinet/invitation/{self.member_attendee.id}/{token}"
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.meeting.name, page.text)
        self.assertNotIn(self.plan_doc.name, page.text)
        response = self._post(url, {"answer": "decline"}, page=url)
        self.assertIn("Give the reason why you cannot attend.", response.text)
        self.assertEqual(self.member_attendee.answer, "pending")
        response = self._post(url, {"answer": "attend"}, page=url)
        self.assertIn("Your answer is recorded", response.text)
        self.assertEqual(self.member_attendee.answer, "attend")

    def test_answers_close_with_the_session(self):
        self.meeting._ecabinet_transition({"state": "in_progress"})
        self.authenticate("m_member0", "m_member0")
        page = self.url_open(self._session_url())
        self.assertNotIn("o_ecabinet_attend", page.text)
        response = self._answer(answer="attend")
        self.assertIn("are closed", response.text)
        self.assertEqual(self.member_attendee.answer, "pending")

    # Reading the pack -----------------------------------------------------------------

    def test_opening_a_document_records_the_view(self):
        self.authenticate("m_member0", "m_member0")
        self.assertFalse(self.member_attendee.pack_opened_date)
        response = self.url_open(self._file_url(self.plan_doc))
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("attachment", response.headers.get("Content-Disposition", ""))
        download = self.url_open(self._file_url(self.plan_doc, download=True))
        self.assertIn("attachment", download.headers["Content-Disposition"])
        view = self.plan_doc.view_ids
        self.assertEqual(view.partner_id, self.member.partner_id)
        self.assertEqual((view.count, view.download_count), (1, 1))
        self.member_attendee.invalidate_recordset()
        self.assertTrue(self.member_attendee.pack_opened_date)
        other = self.meeting.attendee_ids.filtered(
            lambda a: a.partner_id == self.other_member.partner_id
        )
        self.assertFalse(other.pack_opened_date)

    def test_written_comment_before_the_session(self):
        self.authenticate("m_member0", "m_member0")
        response = self._post(
            f"{self._session_url()}/comments",
            {"item_id": self.plan_item.id, "body": "Prioritise the ring road"},
        )
        self.assertIn("Your comment is sent", response.text)
        self.assertIn("Prioritise the ring road", response.text)
        comment = self.plan_item.comment_ids
        self.assertEqual(comment.partner_id, self.member.partner_id)
        self.authenticate("m_invitee", "m_invitee")
        response = self._post(
            f"{self._session_url()}/comments",
            {"item_id": self.plan_item.id, "body": "Not my item"},
        )
        self.assertIn("This item is not on your agenda.", response.text)
        self.assertEqual(self.plan_item.comment_ids, comment)

    # During the session ---------------------------------------------------------------

    def test_speaking_request_joins_the_queue(self):
        self.meeting._ecabinet_transition({"state": "in_progress"})
        self.plan_item._ecabinet_transition({"state": "in_progress"})
        Speech = self.env["ecabinet.meeting.speech"]
        Speech.create(
            {
                "item_id": self.plan_item.id,
                "attendee_id": self.meeting.attendee_ids.filtered(
                    lambda a: a.partner_id == self.other_member.partner_id
                ).id,
            }
        )
        self.authenticate("m_member0", "m_member0")
        response = self._post(
            f"{self._session_url()}/speeches",
            {"item_id": self.plan_item.id, "topic": "Land clearance"},
        )
        self.assertIn("You are in the queue of speakers.", response.text)
        speech = Speech.search([("attendee_id", "=", self.member_attendee.id)])
        self.assertEqual((speech.state, speech.topic), ("requested", "Land clearance"))
        position = re.search(
            r'class="o_ecabinet_queue_position">(\d+)<', response.text
        ).group(1)
        self.assertEqual(position, "2")
        again = self._post(
            f"{self._session_url()}/speeches", {"item_id": self.plan_item.id}
        )
        self.assertIn("already in the queue", again.text)
        self._post(f"{self._session_url()}/speeches/{speech.id}/cancel", {})
        self.assertEqual(speech.state, "cancelled")

    def test_who_declined_cannot_ask_to_speak(self):
        self.member_attendee.write({"answer": "decline", "decline_reason": "Away"})
        self.meeting._ecabinet_transition({"state": "in_progress"})
        self.authenticate("m_member0", "m_member0")
        response = self._post(
            f"{self._session_url()}/speeches", {"item_id": self.plan_item.id}
        )
        self.assertIn("Only those who attend the session may speak.", response.text)
        self.assertFalse(
            self.env["ecabinet.meeting.speech"].search(
                [("attendee_id", "=", self.member_attendee.id)]
            )
        )

    # Agencies' proposals --------------------------------------------------------------

    def _propose(self, level, files=None, name="Land price table 2027", page=None):
        return self._post(
            "/my/ecabinet/sessions/propose",
            {
                "meeting_id": self.draft.id,
                "name": name,
                "planned_duration": "20",
                "confidentiality": level,
            },
            page=page or "/my/ecabinet/sessions/propose",
            files=files,
        )

    def test_agency_proposes_an_item_with_its_documents(self):
        self.authenticate("p_finance_officer", "p_finance_officer")
        pdf = base64.b64decode(PDF_2_PAGES)
        response = self._propose(
            "normal",
            files=[
                ("attachments", ("table.pdf", pdf, "application/pdf")),
                ("attachments", ("annex.pdf", pdf, "application/pdf")),
            ],
        )
        self.assertIn("Your proposal is sent to the secretariat.", response.text)
        item = self.env["ecabinet.meeting.agenda.item"].search(
            [("name", "=", "Land price table 2027")]
        )
        self.assertEqual(item.meeting_id, self.draft)
        self.assertEqual(item.state, "proposed")
        self.assertEqual(item.agency_id, self.agency)
        self.assertEqual(item.submitted_by_id, self.agency_officer)
        self.assertEqual(item.planned_duration, 20)
        self.assertEqual(
            sorted(item.document_ids.mapped("name")), ["annex.pdf", "table.pdf"]
        )
        self.assertEqual(item.document_ids.agency_id, self.agency)
        self.assertEqual(item.document_ids.mapped("page_count"), [2, 2])
        self.assertIn("Land price table 2027", response.text)

    def test_agency_proposal_with_a_secret_file_is_refused(self):
        self.authenticate("p_finance_officer", "p_finance_officer")
        pdf = base64.b64decode(PDF_2_PAGES)
        response = self._propose(
            "top_secret",
            files=[("attachments", ("defence.pdf", pdf, "application/pdf"))],
            name="Defence works",
        )
        self.assertIn("o_ecabinet_error", response.text)
        self.assertIn("state-secret record keeps only", response.text)
        self.assertIn('value="Defence works"', response.text)
        self.assertFalse(
            self.env["ecabinet.meeting.agenda.item"].search(
                [("name", "=", "Defence works")]
            )
        )
        # Without the file, the secret is recorded: title, level and holder.
        self._propose("top_secret", name="Defence works")
        item = self.env["ecabinet.meeting.agenda.item"].search(
            [("name", "=", "Defence works")]
        )
        self.assertEqual(item.document_ids.confidentiality, "top_secret")
        self.assertEqual(item.document_ids.secret_holder_id, self.agency)
        self.assertFalse(item.document_ids.datas)

    def test_agency_proposal_with_a_false_pdf_saves_nothing(self):
        self.authenticate("p_finance_officer", "p_finance_officer")
        response = self._propose(
            "normal",
            files=[
                ("attachments", ("table.pdf", base64.b64decode(PDF_2_PAGES), "")),
                ("attachments", ("annex.pdf", b"Not a PDF", "application/pdf")),
            ],
        )
        self.assertIn("o_ecabinet_error", response.text)
        self.assertIn("“annex.pdf” is named .pdf but is not a PDF file.", response.text)
        self.assertIn('value="Land price table 2027"', response.text)
        self.assertIn("Select the files again.", response.text)
        self.assertFalse(
            self.env["ecabinet.meeting.agenda.item"].search(
                [("name", "=", "Land price table 2027")]
            )
        )
        self.assertFalse(
            self.env["ecabinet.meeting.document"].search([("name", "=", "table.pdf")])
        )

    def test_only_agencies_propose(self):
        self.authenticate("m_member0", "m_member0")
        page = self.url_open("/my/ecabinet/sessions/propose")
        self.assertIn("Only the officers of a government agency", page.text)
        # No form for them: a forged post is refused all the same.
        response = self._propose("normal", page=self._session_url())
        self.assertIn("o_ecabinet_error", response.text)
        self.assertFalse(
            self.env["ecabinet.meeting.agenda.item"].search(
                [("name", "=", "Land price table 2027")]
            )
        )

    # Listing and home -----------------------------------------------------------------

    def test_sessions_listed_upcoming_first_then_past(self):
        past = self._invited_meeting(
            name="Regular session of October 2026", date_start="2026-10-09 01:00:00"
        )
        later = self._invited_meeting(
            name="Regular session of April 2027", date_start="2027-04-09 01:00:00"
        )
        past._ecabinet_transition({"state": "closed"})
        self.authenticate("m_member0", "m_member0")
        text = self.url_open("/my/ecabinet/sessions").text
        order = [text.index(m.name) for m in (self.meeting, later, past)]
        self.assertEqual(order, sorted(order))
        upcoming = self.url_open("/my/ecabinet/sessions?filterby=upcoming").text
        self.assertIn(later.name, upcoming)
        self.assertNotIn(past.name, upcoming)
        old = self.url_open("/my/ecabinet/sessions?filterby=past").text
        self.assertIn(past.name, old)
        self.assertNotIn(later.name, old)
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["ecabinet_meeting_count", "ecabinet_proposal_count"]},
        )
        self.assertEqual(counters["ecabinet_meeting_count"], 3)
        self.assertEqual(counters["ecabinet_proposal_count"], 0)
        home = self.url_open("/my")
        self.assertIn("/my/ecabinet/sessions", home.text)

    # Performance ----------------------------------------------------------------------

    @warmup
    def test_session_page_runs_a_constant_number_of_queries(self):
        Document = self.env["ecabinet.meeting.document"]
        Annotation = self.env["ecabinet.meeting.annotation"]
        meetings = []
        for count in (5, 50):
            meeting = self._invited_meeting(name=f"Session with {count} documents")
            items = meeting.agenda_item_ids
            documents = Document.create(
                [
                    self._document_vals(meeting, items[n % 2], f"Document {n}")
                    for n in range(count)
                ]
            )
            Annotation.with_user(self.member).create(
                [
                    {
                        "document_id": d.id,
                        "version": 1,
                        "page": 1,
                        "kind": "note",
                        "data": {"x": 0.5, "y": 0.5},
                        "text": "Read",
                        "client_uid": f"perf-{d.id}",
                    }
                    for d in documents
                ]
            )
            meetings.append(meeting)
        self.authenticate("m_member0", "m_member0")
        for meeting in meetings:
            self.url_open(self._session_url(meeting))  # warm the caches
        for meeting in meetings:
            # 20 with every addon installed: the member's recusals are one of them.
            with self.subTest(meeting=meeting.name), self.assertQueryCount(20):
                page = self.url_open(self._session_url(meeting))
            self.assertEqual(page.status_code, 200)
