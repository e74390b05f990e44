# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Attacks on the portal and the controllers: forged posts (CSRF), guessed or
swapped tokens, ids changed in URLs (IDOR), and files downloaded after their
confidentiality was raised."""

import base64
import string

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ecabinet_base.tests.common import PortalTestMixin

from . import access_matrix as spec
from .common import PDF, SecurityCommon, csrf_token
from .test_access_matrix import MUTED, ecabinet_routes

TOKEN_ALPHABET = set(string.ascii_letters + string.digits + "-_")


@tagged("post_install", "-at_install", "ecabinet_security")
class TestPortalSecurity(PortalTestMixin, SecurityCommon, HttpCase):
    def _as(self, role):
        user = self.users[role]
        self.authenticate(user.login, user.login)

    # CSRF -------------------------------------------------------------------------

    def test_every_post_route_refuses_a_request_without_csrf_token(self):
        """A page of another site cannot make a signed-in member post: every
        state-changing route of our addons checks the CSRF token. The Telegram
        webhook is the one route without a session; it checks the secret token
        Telegram sends instead (403 without it, see the routes matrix)."""
        routes = ecabinet_routes(self.env)
        no_csrf = {
            rule
            for rule in routes
            for rl in self.env["ir.http"].routing_map().iter_rules()
            if rl.rule == rule and rl.endpoint.routing.get("csrf") is False
        }
        self.assertEqual(no_csrf, {"/ecabinet/telegram/webhook"})
        self._as("member")
        answer_before = self.attendee.answer
        refused = []
        with mute_logger(*MUTED):
            for rule, methods in sorted(routes.items()):
                if "POST" not in methods or rule in no_csrf:
                    continue
                url = spec.ROUTES[rule]["url"].format(**spec.url_values(self))
                data = {
                    "answer": "decline",
                    "reason": "forged",
                    "body": "forged",
                    "item_id": str(self.item.id),
                    "document_id": str(self.meeting_document.id),
                }
                response = self.url_open(url, data=data, allow_redirects=False)
                if response.status_code != 400:
                    refused.append(f"{rule}: {response.status_code}")
        self.assertFalse(refused, "POST accepted without a CSRF token")
        self.assertEqual(self.attendee.answer, answer_before)
        self.assertTrue(self.annotation.exists())
        self.assertFalse(
            self.env["ecabinet.meeting.comment"].search([("body", "=", "forged")])
        )

    # Tokens -----------------------------------------------------------------------

    def test_access_tokens_are_long_random_and_unique(self):
        Attendee = self.env["ecabinet.meeting.attendee"]
        attendees = Attendee.create(
            [
                {"meeting_id": self.meeting.id, "partner_id": partner.id}
                for partner in self.env["res.partner"].create(
                    [{"name": f"Guest {n}"} for n in range(50)]
                )
            ]
        )
        tokens = attendees.mapped("access_token") + self.ballot.voter_ids.mapped(
            "access_token"
        )
        self.assertEqual(len(set(tokens)), len(tokens))
        for token in tokens:
            # 24 random bytes (secrets.token_urlsafe): 192 bits, 32 characters
            self.assertGreaterEqual(len(token), 32)
            self.assertLessEqual(set(token), TOKEN_ALPHABET)
        # Members may not read the tokens, even their own.
        for record in (self.attendee, self.voter):
            with self.assertRaises(AccessError):
                record.with_user(self.users["member"]).read(["access_token"])

    def test_token_of_one_record_does_not_open_another(self):
        invitee_token = self.invitee_attendee.access_token
        voter = self.voter
        other_voter = self.ballot.voter_ids - voter
        self.authenticate(None, None)
        with mute_logger(*MUTED):
            for url in (
                f"/ecabinet/invitation/{self.attendee.id}/{invitee_token}",
                f"/ecabinet/invitation/{self.attendee.id}/{'x' * 32}",
                f"/ecabinet/invitation/{self.attendee.id}/",
                f"/ecabinet/ballot/{other_voter[:1].id}/{voter.access_token}",
                f"/ecabinet/ballot/{voter.id}/{voter.access_token[:-1]}",
            ):
                response = self.url_open(url, allow_redirects=False)
                self.assertEqual(response.status_code, 404, url)
                self.assertNotIn(self.meeting.name, response.text)
                self.assertNotIn(self.ballot.name, response.text)
            # A forged answer with a swapped token changes nothing.
            response = self.url_open(
                f"/ecabinet/invitation/{self.attendee.id}/{invitee_token}",
                data={
                    "answer": "decline",
                    "reason": "forged",
                    "csrf_token": csrf_token(self.env, self.session),
                },
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.attendee.answer, "pending")
        # The right token opens its own record.
        response = self.url_open(
            f"/ecabinet/invitation/{self.attendee.id}/{self.attendee.access_token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.meeting.name, response.text)

    # IDOR -------------------------------------------------------------------------

    def test_ids_of_another_committee_in_urls_show_nothing(self):
        """A member of committee A changes the ids in the URLs to committee B's
        session, document, ballot and task: redirected home or 404, and the
        titles never appear."""
        self._as("member")
        titles = [
            self.other_meeting.name,
            self.other_meeting_document.name,
            self.other_document.name,
            self.other_ballot.name,
            self.other_task.name,
            self.other_item.name,
        ]
        urls = {
            f"/my/ecabinet/sessions/{self.other_meeting.id}": "home",
            f"/my/ecabinet/documents/{self.other_document.id}": "home",
            f"/my/ecabinet/ballots/{self.other_ballot.id}": "home",
            f"/my/ecabinet/tasks/{self.other_task.id}": "home",
            f"/my/ecabinet/documents/{self.other_meeting_document.id}/file": 404,
            f"/web/content/ecabinet.document/{self.other_document.id}/datas": 404,
            f"/web/content/ecabinet.meeting.document/"
            f"{self.other_meeting_document.id}/datas": 404,
            f"/my/ecabinet/documents/{self.meeting_document.id + 10**6}/file": 404,
        }
        with mute_logger(*MUTED):
            for url, expected in urls.items():
                response = self.url_open(url, allow_redirects=False)
                if expected == "home":
                    self.assertIn(response.status_code, (302, 303), url)
                    self.assertRegex(response.headers["Location"], r"/my(\?|$)", url)
                    response = self.url_open(url)  # follow: the page shown
                else:
                    self.assertEqual(response.status_code, expected, url)
                for title in titles:
                    self.assertNotIn(title, response.text, url)
            # Posting on committee B's session and ballot changes nothing.
            csrf = self._csrf(f"/my/ecabinet/sessions/{self.meeting.id}")
            question = self.other_ballot.question_ids
            for url, data in (
                (
                    f"/my/ecabinet/sessions/{self.other_meeting.id}/comments",
                    {"item_id": self.other_item.id, "body": "IDOR"},
                ),
                (
                    f"/my/ecabinet/ballots/{self.other_ballot.id}/answer",
                    {"question_id": question.id, "choice": "disagree"},
                ),
                (
                    # the id of B's item under A's session
                    f"/my/ecabinet/sessions/{self.meeting.id}/comments",
                    {"item_id": self.other_item.id, "body": "IDOR"},
                ),
            ):
                self.url_open(url, data={"csrf_token": csrf, **data})
        self.assertFalse(
            self.env["ecabinet.meeting.comment"].search([("body", "=", "IDOR")])
        )
        self.assertFalse(self.other_ballot.voter_ids.response_ids)

    # Downloads ----------------------------------------------------------------------

    def test_download_is_checked_again_when_the_level_is_raised(self):
        url = f"/my/ecabinet/documents/{self.meeting_document.id}/file?download=1"
        self._as("member")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))

        # Limited to the chair after the link was shared: the member is refused.
        self.meeting_document.write(
            {
                "confidentiality": "internal",
                "allowed_group_ids": [
                    fields.Command.set(self.env.ref("ecabinet_base.group_chair").ids)
                ],
            }
        )
        with mute_logger(*MUTED):
            self.assertEqual(self.url_open(url).status_code, 404)
            content_url = (
                "/web/content/ecabinet.meeting.document/"
                f"{self.meeting_document.id}/datas"
            )
            self.assertIn(self.url_open(content_url).status_code, (403, 404))
        self._as("chair")
        self.assertEqual(self.url_open(url).status_code, 200)

        # Classified Mật: the content cannot stay ...
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.meeting_document.write({"confidentiality": "secret"})
        self.meeting_document.invalidate_recordset()
        self.assertEqual(self.meeting_document.confidentiality, "internal")
        # ... so it goes with the classification: nobody downloads it any more.
        self.meeting_document.write({"confidentiality": "secret", "datas": False})
        for role in ("chair", "member"):
            self._as(role)
            with mute_logger(*MUTED):
                self.assertEqual(self.url_open(url).status_code, 404, role)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [
                    ("res_model", "=", "ecabinet.meeting.document"),
                    ("res_id", "=", self.meeting_document.id),
                    ("res_field", "=", "datas"),
                ]
            )
        )

    def test_base_document_download_follows_the_record_rules(self):
        url = f"/web/content/ecabinet.document/{self.document.id}/datas"
        self._as("member")
        self.assertEqual(self.url_open(url).content, PDF)
        self._as("other")
        with mute_logger(*MUTED):
            response = self.url_open(url)
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(base64.b64encode(PDF[:30]).decode(), response.text)
