# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Votes signed by the members with a key approved on a phone (VNPT SmartCA,
Viettel MySign), against the loopback servers speaking their protocols: the
answer waits for its signature, counted nowhere, unchangeable; the job records
it with its signature once approved; refused, expired or the vote closed
first, it is not counted and the member may answer again."""

import base64
import datetime
import functools
import json
import re
import xmlrpc.client

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.base.tests.test_ir_cron import CronMixinCase

from ..lib import edxml
from .test_key_backends import BackendCommon
from .test_signed_answers import SignedAnswerCommon

POLL = "ecabinet_sign.ir_cron_sign_answer_poll"


class PhoneAnswerCommon(SignedAnswerCommon, BackendCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._phone_services(cls.member.partner_id)
        cls.cron = cls.env.ref(POLL)

    def _phone_answer(self, ballot, choice="disagree", key_backend="vnpt_smartca"):
        voter = self.voter(ballot, self.member).with_user(self.member)
        return voter.answer_signed(
            ballot.question_ids.id,
            choice,
            "Cần xem lại phụ lục." if choice == "other" else None,
            key_backend=key_backend,
        )

    def _reference(self, waiting):
        return waiting.sudo().pending_reference

    def _told(self, waiting):
        """The messages telling the member their answer was not counted."""
        return self.env["ecabinet.notification"].search(
            [
                ("res_model", "=", "ecabinet.sign.answer"),
                ("res_id", "=", waiting.id),
                (
                    "event_id",
                    "=",
                    self.env.ref("ecabinet_sign.event_sign_answer_not_counted").id,
                ),
            ],
            order="channel",
        )

    def _assert_not_counted(self, ballot):
        question = ballot.question_ids
        self.assertEqual(
            ballot._tally()[question.id], {"agree": 0, "disagree": 0, "other": 0}
        )
        self.assertEqual(ballot._outcomes()[question.id][1], 0)
        self.assertFalse(
            self.env["ecabinet.ballot.response"].search(
                [
                    ("ballot_id", "=", ballot.id),
                    ("voter_id.partner_id", "=", self.member.partner_id.id),
                ]
            )
        )
        self.assertFalse(self.voter(ballot, self.member).has_answered)
        self.assertEqual(ballot.answered_count, 0)


@tagged("post_install", "-at_install")
class TestPhoneSignedAnswers(PhoneAnswerCommon, CronMixinCase, TransactionCase):
    def _approved_and_counted(self, ballot, server, key_backend):
        asked = set(server.pending)
        with self.capture_triggers(POLL) as triggers:
            waiting = self._phone_answer(ballot, "disagree", key_backend)
        self.assertEqual(waiting._name, "ecabinet.sign.answer")
        self.assertEqual(waiting.state, "pending")
        self.assertEqual(waiting.choice, "disagree")
        self.assertTrue(triggers.records, "the job is woken to ask the service")
        self.assertEqual(set(server.pending) - asked, {self._reference(waiting)})
        # Waiting: counted nowhere (tally, majority, answers, progress).
        self._assert_not_counted(ballot)
        self.assertEqual(ballot.awaiting_signature_partner_ids, self.member.partner_id)
        self.cron.method_direct_trigger()
        self.assertEqual(waiting.state, "pending", "not approved yet")
        self._assert_not_counted(ballot)

        server.approve(self._reference(waiting))
        self.cron.method_direct_trigger()
        self.assertEqual(waiting.state, "signed")
        response = waiting.response_id
        self.assertEqual(response.choice, "disagree")
        self.assertEqual(ballot._tally()[ballot.question_ids.id]["disagree"], 1)
        self.assertTrue(self.voter(ballot, self.member).has_answered)
        self.assertFalse(ballot.awaiting_signature_partner_ids)
        self.assertFalse(waiting.sudo().pending_state, "the laid-out XML is dropped")

        data = base64.b64decode(response.sudo().signature_xml)
        record = edxml.parse_ballot_answer(data)
        self.assertEqual(record["choice"], ("disagree", "Disagree"))
        self.assertEqual(
            record["member"][0], f"res.partner,{self.member.partner_id.id}"
        )
        self.assertEqual(
            record["signed_at"].astimezone(datetime.UTC).replace(tzinfo=None),
            waiting.answered_at,
            "the time the member answered",
        )
        audit = self.env["ecabinet.sign.audit"].search(
            [
                ("res_model", "=", "ecabinet.ballot.response"),
                ("res_id", "=", response.id),
            ]
        )
        self.assertEqual(audit.event, "signed")
        self.assertTrue(audit.evidence, "the revocation evidence of the asking time")

        report = self._verify_file(data)
        self.assertEqual(report.result, "valid", report.line_ids.mapped("error"))
        self.assertEqual(
            report.line_ids.fingerprint,
            self.member.partner_id.ecabinet_sign_certificate_fingerprint,
        )
        tampered = data.replace(b'ref="disagree"', b'ref="agree"', 1)
        self.assertNotEqual(tampered, data)
        report = self._verify_file(tampered)
        self.assertEqual(report.result, "invalid")
        self.assertIn("altered", report.line_ids.problem_text)

    def test_smartca_answer_counts_once_approved_on_the_phone(self):
        self._approved_and_counted(self._signed_vote(), self.smartca, "vnpt_smartca")

    def test_mysign_answer_counts_once_approved_on_the_phone(self):
        self._approved_and_counted(self._signed_vote(), self.mysign, "viettel_mysign")

    def test_refused_on_the_phone_not_counted_then_answered_again(self):
        ballot = self._signed_vote()
        waiting = self._phone_answer(ballot, "agree")
        self.smartca.refuse(self._reference(waiting))
        self.cron.method_direct_trigger()
        self.assertEqual(waiting.state, "refused")
        self.assertIn("refused on the phone", waiting.reason)
        self._assert_not_counted(ballot)
        self.assertIn("is not counted", ballot.message_ids[0].body)
        self.assertNotIn("Agree", ballot.message_ids[0].body, "no choice told")
        # the member is told on their channels, with the reason and the link
        told = self._told(waiting)
        self.assertTrue(told, "the member is told")
        self.assertEqual(told.partner_id, self.member.partner_id)
        email = told.filtered(lambda message: message.channel == "email")
        self.assertIn("was not counted", email.subject)
        self.assertIn("refused on the phone", email.body_html)
        self.assertIn(f"/my/ecabinet/ballots/{ballot.id}", email.body_html)
        self.assertIn("is not counted", email.body)
        self.assertIn(
            told[0],
            self.env["ecabinet.notification"].search(
                ballot._ecabinet_notification_domain()
            ),
            "among the ballot's messages",
        )
        # the member answers again, approved this time
        again = self._phone_answer(ballot, "other")
        self.assertNotEqual(again, waiting)
        self.smartca.approve(self._reference(again))
        self.cron.method_direct_trigger()
        self.assertEqual(again.state, "signed")
        self.assertEqual(ballot._tally()[ballot.question_ids.id]["other"], 1)
        self.assertEqual(waiting.state, "refused", "the refused one stays refused")

    def test_expired_on_the_service_or_never_answered_not_counted(self):
        ballot = self._signed_vote()
        waiting = self._phone_answer(ballot, "agree", "viettel_mysign")
        self.mysign.expire(self._reference(waiting))
        self.cron.method_direct_trigger()
        self.assertEqual(waiting.state, "expired")
        self.assertIn("expired before it was approved", waiting.reason)
        self._assert_not_counted(ballot)
        self.assertIn(
            "expired before it was approved",
            self._told(waiting).filtered(lambda m: m.channel == "email").body_html,
        )
        # A service that keeps saying "waiting": given up after 15 minutes.
        self.smartca.lifetime = 10**12
        waiting = self._phone_answer(ballot, "agree")
        self.cron.method_direct_trigger()
        self.assertEqual(waiting.state, "pending")
        later = fields.Datetime.now() + datetime.timedelta(minutes=16)
        with freeze_time(later):
            self.cron.method_direct_trigger()
        self.assertEqual(waiting.state, "expired")
        self._assert_not_counted(ballot)
        # The service refusing the member's account meanwhile: asked again
        # (the account may come back), given up after 15 minutes as well, so
        # that the member can answer with another key.
        waiting = self._phone_answer(ballot, "agree")
        self.member.partner_id.ecabinet_sign_smartca_user = "079000000000"
        self.cron.method_direct_trigger()
        self.assertEqual(waiting.state, "pending")
        with freeze_time(later):
            self.cron.method_direct_trigger()
        self.assertEqual(waiting.state, "expired")
        self.assertIn("VNPT SmartCA", waiting.reason)
        self._assert_not_counted(ballot)
        response = self._sign_answer(ballot, "agree")
        self.assertEqual(ballot._tally()[ballot.question_ids.id]["agree"], 1)
        self.assertEqual(response.choice, "agree")

    def test_closing_with_answers_awaiting_signature_does_not_count_them(self):
        ballot = self._signed_vote()
        other = self.members[1]
        other.partner_id.ecabinet_sign_certificate = base64.b64encode(
            self.pki.clerk.pem
        )
        self.voter(ballot, other).with_user(other).answer_signed(
            ballot.question_ids.id,
            "agree",
            pkcs12=base64.b64encode(self.pki.clerk.pkcs12()).decode(),
            password="ecabinet-test",
        )
        waiting = self._phone_answer(ballot, "disagree")
        self.assertEqual(
            ballot._tally()[ballot.question_ids.id],
            {"agree": 1, "disagree": 0, "other": 0},
            "the signed answer counts, the one awaiting its signature does not",
        )
        ballot.with_user(self.chair).action_close()
        self.assertEqual(waiting.state, "dropped")
        self.assertIn("closed before the signature was approved", waiting.reason)
        self.assertFalse(self._told(waiting), "the closing note says it")
        question = ballot.question_ids
        self.assertEqual(ballot.rule_silence, "agree")
        self.assertEqual(question.count_disagree, 0)
        # the others' silence counts as agreement; not the member's, who answered
        self.assertEqual(question.count_agree, len(ballot.voter_ids) - 1)
        self.assertFalse(
            ballot.response_ids.filtered(
                lambda r: r.voter_id.partner_id == self.member.partner_id
            ),
            "neither the answer nor a silence",
        )
        notes = ballot.message_ids.mapped("body")
        self.assertTrue(
            any(
                "Not counted" in note and self.member.partner_id.name in note
                for note in notes
            ),
            notes,
        )
        # approved on the phone after the closing: still not counted
        self.smartca.approve(self._reference(waiting))
        self.cron.method_direct_trigger()
        self.assertEqual(waiting.state, "dropped")
        self.assertEqual(question.count_disagree, 0)
        self.assertEqual(ballot._tally()[question.id]["disagree"], 0)

    def test_pending_answer_cannot_be_changed_by_the_member_or_anyone(self):
        ballot = self._signed_vote()
        waiting = self._phone_answer(ballot, "disagree")
        voter = self.voter(ballot, self.member).with_user(self.member)
        with self.assertRaisesRegex(UserError, "awaits your approval"):
            voter.answer_signed(
                ballot.question_ids.id,
                "agree",
                pkcs12=base64.b64encode(self.pki.signer.pkcs12()).decode(),
                password="ecabinet-test",
            )
        with self.assertRaisesRegex(UserError, "awaits your approval"):
            self._phone_answer(ballot, "agree")
        with self.assertRaisesRegex(UserError, "sign yours with your digital"):
            voter.answer(ballot.question_ids, "agree")
        mine = waiting.with_user(self.member)
        self.assertEqual(mine.choice, "disagree", "the member reads it")
        for vals in ({"choice": "agree"}, {"state": "signed"}, {"comment": "x"}):
            with self.assertRaises(AccessError):
                mine.write(vals)
            with self.assertRaises(AccessError):
                waiting.with_user(self.secretariat).write(vals)
            # not even the superuser, outside the signing code
            with self.assertRaises(UserError):
                waiting.sudo().write(vals)
        with self.assertRaises(AccessError):
            mine.unlink()
        with self.assertRaises(UserError):
            waiting.sudo().unlink()
        with self.assertRaises(AccessError):
            self.env["ecabinet.sign.answer"].with_user(self.member).create(
                {
                    "voter_id": voter.id,
                    "ballot_id": ballot.id,
                    "question_id": ballot.question_ids.id,
                    "choice": "agree",
                    "answered_at": fields.Datetime.now(),
                }
            )
        # another member does not even see it
        with self.assertRaises(AccessError):
            waiting.with_user(self.members[1]).choice  # noqa: B018
        self.assertEqual(waiting.state, "pending")
        self.assertEqual(waiting.choice, "disagree")
        self.smartca.approve(self._reference(waiting))
        self.cron.method_direct_trigger()
        self.assertEqual(waiting.response_id.choice, "disagree")

    def test_member_withdraws_the_answer_awaiting_signature(self):
        ballot = self._signed_vote()
        question = ballot.question_ids
        waiting = self._phone_answer(ballot, "disagree")
        voter = self.voter(ballot, self.member)
        # nobody else takes it back: another member, the secretariat, the chair
        for user in (self.members[1], self.secretariat, self.chair):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                voter.with_user(user).withdraw_awaited_answer(question.id)
        self.assertEqual(waiting.state, "pending")
        with self.capture_triggers(POLL):
            self.assertIs(
                voter.with_user(self.member).withdraw_awaited_answer(question.id), True
            )
        self.assertEqual(waiting.state, "withdrawn")
        self.assertIn("withdrew it before approving", waiting.reason)
        self.assertFalse(self._told(waiting), "the member did it: nobody to tell")
        self.assertFalse(waiting.sudo().pending_state, "the laid-out XML is dropped")
        self._assert_not_counted(ballot)
        self.assertFalse(ballot.awaiting_signature_partner_ids)
        self.assertFalse(ballot._awaiting_signature_voters())
        note = ballot.message_ids[0]
        self.assertIn("withdrew their answer", note.body)
        self.assertNotIn("Disagree", note.body, "no choice told")
        self.assertEqual(note.author_id, self.member.partner_id)
        # the member approves on the phone afterwards: ignored
        self.smartca.approve(self._reference(waiting))
        self.cron.method_direct_trigger()
        self.assertEqual(waiting.state, "withdrawn")
        self._assert_not_counted(ballot)
        # nothing left to withdraw; it cannot be written back by hand either
        with self.assertRaisesRegex(UserError, "no answer .* awaiting its signature"):
            voter.with_user(self.member).withdraw_awaited_answer(question.id)
        with self.assertRaises(UserError):
            waiting.sudo().write({"state": "pending"})
        # answered again and approved: that one counts
        again = self._phone_answer(ballot, "agree")
        self.smartca.approve(self._reference(again))
        self.cron.method_direct_trigger()
        self.assertEqual(again.state, "signed")
        self.assertEqual(ballot._tally()[question.id]["agree"], 1)
        self.assertEqual(ballot._tally()[question.id]["disagree"], 0)
        with self.assertRaisesRegex(UserError, "no answer .* awaiting its signature"):
            voter.with_user(self.member).withdraw_awaited_answer(question.id)
        self.assertEqual(again.state, "signed", "a counted answer stays counted")

    def test_withdrawing_an_answer_the_job_finished_meanwhile_is_refused(self):
        ballot = self._signed_vote()
        waiting = self._phone_answer(ballot, "disagree")
        self.smartca.approve(self._reference(waiting))
        # the job signs it between the member's page and the member's click:
        # the withdrawal finds it no longer awaiting (the row is locked first)
        self.cron.method_direct_trigger()
        with self.assertRaisesRegex(UserError, "no longer awaiting its signature"):
            waiting.with_user(self.member)._ecabinet_withdraw()
        self.assertEqual(waiting.state, "signed")
        self.assertEqual(ballot._tally()[ballot.question_ids.id]["disagree"], 1)

    def test_secret_vote_is_never_signed_on_the_phone(self):
        ballot = self._ballot(secret=True)
        ballot.with_user(self.secretariat).action_send()
        asked = len(self.smartca.transactions)
        with self.assertRaisesRegex(UserError, "do not sign their answers"):
            self._phone_answer(ballot, "agree")
        self.assertEqual(len(self.smartca.transactions), asked, "nothing sent")
        self.assertFalse(self.env["ecabinet.sign.answer"].search([]))
        self.assertFalse(self.voter(ballot, self.member).voted)

    def test_someone_elses_phone_key_is_refused_before_asking(self):
        ballot = self._signed_vote()
        self.member.partner_id.ecabinet_sign_certificate = base64.b64encode(
            self.pki.clerk.pem
        )
        asked = len(self.smartca.transactions)
        with self.assertRaisesRegex(UserError, "is not the one registered for"):
            self._phone_answer(ballot)
        self.assertEqual(len(self.smartca.transactions), asked, "nothing asked")
        self.assertFalse(self.env["ecabinet.sign.answer"].search([]))

    def test_session_vote_shows_who_awaits_signature_among_those_not_voted(self):
        vote = self._signed_session_vote()
        meeting = vote.meeting_id
        console = (
            self.env["ir.module.module"]._get("ecabinet_console").state == "installed"
        )
        Bus = self.env["bus.bus"].sudo()
        self.env.cr.precommit.run()  # what opening the vote told the screens
        last = Bus.search([], order="id desc", limit=1).id
        self._phone_answer(vote, "agree")
        self.env.cr.precommit.run()
        told = [
            json.loads(message.message)["payload"]
            for message in Bus.search([("id", ">", last)])
        ]
        if console:
            # the live screens re-read who has not voted
            self.assertIn({"meeting_id": meeting.id, "changes": ["count"]}, told, told)
        as_secretariat = vote.with_user(self.secretariat)
        self.assertIn(self.member.partner_id, as_secretariat.not_voted_partner_ids)
        self.assertEqual(
            as_secretariat.awaiting_signature_partner_ids, self.member.partner_id
        )
        self.assertEqual(vote._tally()[vote.question_ids.id]["agree"], 0)
        voter = self.voter(vote, self.member)
        self.assertEqual(vote._awaiting_signature_voters(), voter)
        if console:
            # the chair's console marks them in its "not voted yet" list
            state = meeting.with_user(self.chair).ecabinet_console_state()
            marks = {
                entry["voter_id"]: entry["awaiting_signature"]
                for entry in state["not_voted"]
            }
            self.assertIs(marks[voter.id], True)
            self.assertEqual(
                [v for v, mark in marks.items() if mark], [voter.id], "only them"
            )
            # the member's tablet: no vote buttons (they cannot sign), the
            # vote's page instead, and their answer shown as waiting
            page = f"/my/ecabinet/ballots/{vote.id}#question-{vote.question_ids.id}"
            mine = meeting.with_user(self.member)._ecabinet_member_state()
            self.assertEqual(mine["open_vote"]["answer_url"], page)
            self.assertIs(mine["open_vote"]["awaiting_signature"], True)
            self.assertIs(mine["open_vote"]["voted"], False)
            other = meeting.with_user(self.members[1])._ecabinet_member_state()
            self.assertEqual(other["open_vote"]["answer_url"], page)
            self.assertIs(other["open_vote"]["awaiting_signature"], False)


@tagged("post_install", "-at_install")
class TestPhoneSignedAnswersRpc(PhoneAnswerCommon, HttpCase):
    def test_member_cannot_change_the_pending_answer_over_xmlrpc(self):
        ballot = self._signed_vote()
        waiting = self._phone_answer(ballot, "disagree")
        voter = self.voter(ballot, self.member)
        call = functools.partial(
            self.xmlrpc_object.execute_kw,
            self.env.cr.dbname,
            self.member.id,
            self.member.login,
        )
        self.assertEqual(
            call("ecabinet.sign.answer", "read", [[waiting.id], ["choice", "state"]])[
                0
            ]["choice"],
            "disagree",
        )
        with mute_logger("odoo.http"):
            for method, args in (
                ("write", [[waiting.id], {"choice": "agree"}]),
                ("write", [[waiting.id], {"state": "signed"}]),
                ("unlink", [[waiting.id]]),
                ("_ecabinet_resume", [[waiting.id]]),
                ("_ecabinet_transition", [[waiting.id], {"choice": "agree"}]),
            ):
                with (
                    self.subTest(method=method),
                    self.assertRaises(xmlrpc.client.Fault),
                ):
                    call("ecabinet.sign.answer", method, args)
            with self.assertRaisesRegex(xmlrpc.client.Fault, "awaits your approval"):
                call(
                    "ecabinet.ballot.voter",
                    "answer_signed",
                    [[voter.id], ballot.question_ids.id, "agree"],
                    {"key_backend": "vnpt_smartca"},
                )
        self.assertEqual(waiting.state, "pending")
        self.assertEqual(waiting.choice, "disagree")
        self.assertEqual(
            self.env["ecabinet.sign.answer"].search_count([]), 1, "no second one"
        )

    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return page, re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_member_answers_from_the_vote_page_and_approves_on_the_phone(self):
        ballot = self._signed_vote()
        url = f"/my/ecabinet/ballots/{ballot.id}"
        self.authenticate(self.member.login, self.member.login)
        page, csrf = self._csrf(url)
        self.assertIn('value="vnpt_smartca"', page.text)
        response = self.url_open(
            f"{url}/answer",
            data={
                "csrf_token": csrf,
                "question_id": ballot.question_ids.id,
                "choice": "agree",
                "key_backend": "vnpt_smartca",
            },
        )
        self.assertIn("o_ecabinet_awaiting_message", response.text)
        self.assertIn("awaits your approval in the app on your phone", response.text)
        self.assertNotIn("o_ecabinet_send_answer", response.text, "no form meanwhile")
        waiting = self.env["ecabinet.sign.answer"].search(
            [("ballot_id", "=", ballot.id)]
        )
        self.smartca.refuse(self._reference(waiting))
        self.env.ref(POLL).method_direct_trigger()
        page, csrf = self._csrf(url)
        self.assertIn("o_ecabinet_not_signed", page.text)
        self.assertIn("refused on the phone", page.text)
        self.assertIn("o_ecabinet_send_answer", page.text, "answer again")
        self.url_open(
            f"{url}/answer",
            data={
                "csrf_token": csrf,
                "question_id": ballot.question_ids.id,
                "choice": "agree",
                "key_backend": "vnpt_smartca",
            },
        )
        again = self.env["ecabinet.sign.answer"].search(
            [("ballot_id", "=", ballot.id), ("state", "=", "pending")]
        )
        self.smartca.approve(self._reference(again))
        self.env.ref(POLL).method_direct_trigger()
        page, _csrf = self._csrf(url)
        self.assertNotIn("o_ecabinet_not_signed", page.text)
        self.assertNotIn("o_ecabinet_awaiting_signature", page.text)
        self.assertIn("o_ecabinet_my_choice", page.text)
        self.assertEqual(again.response_id.choice, "agree")

    def test_member_withdraws_from_the_vote_page_and_over_xmlrpc(self):
        ballot = self._signed_vote()
        url = f"/my/ecabinet/ballots/{ballot.id}"
        waiting = self._phone_answer(ballot, "disagree")
        self.authenticate(self.member.login, self.member.login)
        page, csrf = self._csrf(url)
        self.assertIn("o_ecabinet_withdraw_answer", page.text)
        self.assertNotIn("o_ecabinet_send_answer", page.text)
        # another question's id: refused, nothing changed
        response = self.url_open(
            f"{url}/withdraw", data={"csrf_token": csrf, "question_id": "999999"}
        )
        self.assertIn("o_ecabinet_error", response.text)
        self.assertEqual(waiting.state, "pending")
        response = self.url_open(
            f"{url}/withdraw",
            data={"csrf_token": csrf, "question_id": ballot.question_ids.id},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(waiting.state, "withdrawn")
        self.assertIn("o_ecabinet_not_signed", response.text)
        self.assertIn("withdrew it before approving", response.text)
        self.assertIn("o_ecabinet_send_answer", response.text, "answer again")
        self.assertNotIn("o_ecabinet_withdraw_answer", response.text)
        # over XML-RPC: the member's own answer only
        again = self._phone_answer(ballot, "agree")
        voter = self.voter(ballot, self.member)
        other = self.members[1]
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                other.id,
                other.login,
                "ecabinet.ballot.voter",
                "withdraw_awaited_answer",
                [[voter.id], ballot.question_ids.id],
            )
        self.assertEqual(again.state, "pending")
        self.assertIs(
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                self.member.id,
                self.member.login,
                "ecabinet.ballot.voter",
                "withdraw_awaited_answer",
                [[voter.id], ballot.question_ids.id],
            ),
            True,
        )
        self.assertEqual(again.state, "withdrawn")
        self._assert_not_counted(ballot)

    def test_vote_page_in_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["ecabinet_base", "ecabinet_opinion", "ecabinet_sign"], ["vi_VN"]
        )
        self.member.lang = "vi_VN"
        ballot = self._signed_vote()
        waiting = self._phone_answer(ballot, "agree")
        self.smartca.expire(self._reference(waiting))
        self.env.ref(POLL).method_direct_trigger()
        self.authenticate(self.member.login, self.member.login)
        page = self.url_open(f"/my/ecabinet/ballots/{ballot.id}").text
        self.assertIn("không được tính", page)
        self.assertIn("VNPT SmartCA (phê duyệt trên điện thoại)", page)
        # the message telling the member, in the member's language
        told = self._told(waiting)
        self.assertTrue(told)
        for message in told:
            self.assertIn("không được tính", message.subject or message.body)
            self.assertNotIn("was not counted", message.body)
        self._phone_answer(ballot, "agree")
        page = self.url_open(f"/my/ecabinet/ballots/{ballot.id}").text
        self.assertIn("Rút lại câu trả lời này", page)
