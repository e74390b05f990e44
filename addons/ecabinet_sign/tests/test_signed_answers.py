# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Votes signed by the members: an open vote's answers signed with each
member's own key (XML-DSig over the ballot, the question, the member, the
choice and the time), checked by the verification wizard; never on a secret
vote; refused and not recorded when the key or the certificate is wrong."""

import base64
import datetime
import re

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.ecabinet_meeting.tests.common import make_session
from odoo.addons.ecabinet_opinion.tests.common import BallotCommon

from ..lib import edxml
from .common import SignCommon
from .pki import PASSWORD
from .test_key_backends import BackendCommon


class SignedAnswerCommon(BallotCommon, SignCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls.members[0]
        # The member's certificate, registered by the secretariat.
        cls.member.partner_id.ecabinet_sign_certificate = base64.b64encode(
            cls.pki.signer.pem
        )

    def _signed_vote(self, **vals):
        ballot = self._ballot(
            questions=("Thông qua bảng giá đất 2027?",), signed_by_members=True, **vals
        )
        ballot.with_user(self.secretariat).action_send()
        return ballot

    def _signed_session_vote(self):
        """A session in progress, its members present, and the vote opened on
        its item, whose votes the secretariat set to be signed by the members."""
        meeting = make_session(
            self.committee,
            "Regular session",
            ["Bảng giá đất 2027"],
            state="in_progress",
        )
        item = meeting.agenda_item_ids
        item.with_user(self.secretariat).vote_signed_by_members = True
        item.action_start()
        for attendee in meeting.attendee_ids:
            attendee.action_check_in("present")
        vote = item.with_user(self.chair).action_open_vote()
        return vote

    def _sign_answer(self, ballot, choice="agree", identity=None, password=None):
        voter = self.voter(ballot, self.member).with_user(self.member)
        identity = identity or self.pki.signer
        return voter.answer_signed(
            ballot.question_ids.id,
            choice,
            "Đồng ý với tờ trình." if choice == "other" else None,
            pkcs12=base64.b64encode(identity.pkcs12()).decode(),
            password=(password or PASSWORD).decode(),
        )

    def _verify_file(self, data, name="answer.xml"):
        wizard = self.env["ecabinet.sign.verify.wizard"].create(
            {"pdf_file": base64.b64encode(data), "pdf_filename": name}
        )
        action = wizard.action_verify()
        return self.env["ecabinet.sign.verification"].browse(action["res_id"])

    def _nothing_recorded(self, ballot):
        Response = self.env["ecabinet.ballot.response"]
        self.assertFalse(Response.search([("ballot_id", "=", ballot.id)]))
        self.assertFalse(self.voter(ballot, self.member).has_answered)
        self.assertFalse(
            self.env["ecabinet.sign.audit"].search(
                [("res_model", "=", "ecabinet.ballot.response")]
            )
        )


@tagged("post_install", "-at_install")
class TestSignedAnswers(SignedAnswerCommon, TransactionCase):
    def test_signed_answer_verifies_and_a_changed_byte_fails(self):
        ballot = self._signed_vote()
        response = self._sign_answer(ballot, "disagree")
        self.assertEqual(response.choice, "disagree")
        self.assertEqual(response.voter_id, self.voter(ballot, self.member))
        data = base64.b64decode(response.sudo().signature_xml)
        record = edxml.parse_ballot_answer(data)
        self.assertEqual(record["ballot"][0], f"ecabinet.ballot,{ballot.id}")
        self.assertEqual(
            record["question"],
            (
                f"ecabinet.ballot.question,{ballot.question_ids.id}",
                "Thông qua bảng giá đất 2027?",
            ),
        )
        self.assertEqual(
            record["member"][0], f"res.partner,{self.member.partner_id.id}"
        )
        self.assertEqual(record["choice"], ("disagree", "Disagree"))
        self.assertEqual(
            record["signed_at"].astimezone(datetime.UTC).replace(tzinfo=None),
            response.signed_at,
        )
        self.assertEqual(
            record["signed_at"].utcoffset().total_seconds(), 7 * 3600, "Hà Nội time"
        )
        # counted at once: the signed answer is the answer
        self.assertEqual(ballot._tally()[ballot.question_ids.id]["disagree"], 1)
        self.assertTrue(self.voter(ballot, self.member).has_answered)
        audit = self.env["ecabinet.sign.audit"].search(
            [
                ("res_model", "=", "ecabinet.ballot.response"),
                ("res_id", "=", response.id),
            ]
        )
        self.assertEqual(audit.event, "signed")
        self.assertEqual(
            audit.certificate_fingerprint,
            self.member.partner_id.ecabinet_sign_certificate_fingerprint,
            "signed with the member's registered certificate",
        )

        report = self._verify_file(data)
        self.assertEqual(report.result, "valid", report.line_ids.mapped("error"))
        self.assertEqual(report.line_ids.kind, "xml")
        self.assertEqual(report.line_ids.signer, "Nguyễn Văn An")
        self.assertEqual(
            report.line_ids.fingerprint,
            self.member.partner_id.ecabinet_sign_certificate_fingerprint,
        )

        for tampered in (
            data.replace(b'ref="disagree"', b'ref="agree"', 1),
            # one byte of the member's name
            data.replace(record["member"][1].encode()[:1], b"X", 1),
        ):
            self.assertNotEqual(tampered, data)
            report = self._verify_file(tampered)
            self.assertEqual(report.result, "invalid")
            self.assertFalse(report.line_ids.intact)
            self.assertIn("altered", report.line_ids.problem_text)

    def test_no_answer_buttons_in_the_messages_of_a_signed_vote(self):
        signed = self._signed_vote()
        unsigned = self._ballot()
        unsigned.with_user(self.secretariat).action_send()
        Notification = self.env["ecabinet.notification"]
        for ballot, buttons in ((signed, False), (unsigned, True)):
            sent = Notification.search(
                [
                    ("res_model", "=", "ecabinet.ballot.voter"),
                    ("res_id", "in", ballot.voter_ids.ids),
                ]
            )
            self.assertTrue(sent)
            self.assertEqual(
                {bool(notification.buttons) for notification in sent}, {buttons}
            )

    def test_a_new_signed_answer_replaces_the_answer_and_its_signature(self):
        ballot = self._signed_vote()
        first = self._sign_answer(ballot, "agree")
        first_xml = first.sudo().signature_xml
        second = self._sign_answer(ballot, "other")
        self.assertEqual(first, second, "one answer per member and question")
        self.assertEqual(second.choice, "other")
        self.assertNotEqual(second.sudo().signature_xml, first_xml)
        record = edxml.parse_ballot_answer(
            base64.b64decode(second.sudo().signature_xml)
        )
        self.assertEqual(record["choice"][0], "other")
        self.assertEqual(record["comment"], "Đồng ý với tờ trình.")

    def test_unsigned_answer_is_refused_on_a_signed_vote(self):
        ballot = self._signed_vote()
        voter = self.voter(ballot, self.member).with_user(self.member)
        with self.assertRaisesRegex(UserError, "sign yours with your digital"):
            voter.answer(ballot.question_ids, "agree")
        # a context flag of a caller does not make an answer signed
        with self.assertRaisesRegex(UserError, "sign yours with your digital"):
            voter.with_context(ecabinet_sign_signed_answer=True).answer(
                ballot.question_ids, "agree"
            )
        self._nothing_recorded(ballot)

    def test_secret_vote_refuses_the_option(self):
        with self.assertRaisesRegex(ValidationError, "secret vote"):
            self._ballot(secret=True, signed_by_members=True)
        ballot = self._ballot(secret=True)
        with self.assertRaisesRegex(ValidationError, "secret vote"):
            ballot.with_user(self.secretariat).signed_by_members = True
        signed = self._ballot(signed_by_members=True)
        with self.assertRaisesRegex(ValidationError, "secret vote"):
            signed.with_user(self.secretariat).secret = True
        # a secret vote cannot be answered with a signature either
        ballot.with_user(self.secretariat).action_send()
        with self.assertRaisesRegex(UserError, "do not sign their answers"):
            self._sign_answer(ballot)
        self.assertFalse(self.voter(ballot, self.member).voted)

    def test_option_is_locked_once_the_vote_is_sent(self):
        ballot = self._signed_vote()
        with self.assertRaises(UserError):
            ballot.with_user(self.secretariat).signed_by_members = False
        unsigned = self._ballot()
        unsigned.with_user(self.secretariat).action_send()
        with self.assertRaises(UserError):
            unsigned.with_user(self.secretariat).signed_by_members = True
        self.assertTrue(ballot.signed_by_members)
        self.assertFalse(unsigned.signed_by_members)

    def test_wrong_password_refused_nothing_recorded(self):
        ballot = self._signed_vote()
        with self.assertRaisesRegex(UserError, "wrong password"):
            self._sign_answer(ballot, password=b"not-the-password")
        self._nothing_recorded(ballot)

    def test_expired_certificate_refused_nothing_recorded(self):
        ballot = self._signed_vote()
        self.member.partner_id.ecabinet_sign_certificate = base64.b64encode(
            self.pki.expired_signer.pem
        )
        with self.assertRaisesRegex(UserError, "has expired"):
            self._sign_answer(ballot, identity=self.pki.expired_signer)
        self._nothing_recorded(ballot)

    def test_certificate_of_someone_else_refused_nothing_recorded(self):
        ballot = self._signed_vote()
        with self.assertRaisesRegex(UserError, "is not the one registered for"):
            self._sign_answer(ballot, identity=self.pki.clerk)
        self._nothing_recorded(ballot)
        self.member.partner_id.ecabinet_sign_certificate = False
        with self.assertRaisesRegex(UserError, "No signing certificate is registered"):
            self._sign_answer(ballot)
        self._nothing_recorded(ballot)

    def test_closed_vote_and_another_member_refused(self):
        ballot = self._signed_vote()
        other = self.voter(ballot, self.members[1]).with_user(self.member)
        with self.assertRaises(AccessError):
            other.answer_signed(
                ballot.question_ids.id,
                "agree",
                pkcs12=base64.b64encode(self.pki.signer.pkcs12()).decode(),
                password=PASSWORD.decode(),
            )
        ballot.with_user(self.chair).action_close()
        with self.assertRaisesRegex(UserError, "is closed"):
            self._sign_answer(ballot)

    def test_unknown_or_unconfigured_keys_are_refused_in_words(self):
        ballot = self._signed_vote()
        voter = self.voter(ballot, self.member).with_user(self.member)
        with self.assertRaisesRegex(UserError, "VNPT SmartCA or Viettel MySign"):
            voter.answer_signed(ballot.question_ids.id, "agree", key_backend="fax")
        # a phone key (test_signed_answers_phone) needs the member's user ID
        with self.assertRaisesRegex(UserError, "VNPT SmartCA user ID on the contact"):
            voter.answer_signed(
                ballot.question_ids.id, "agree", key_backend="vnpt_smartca"
            )
        self._nothing_recorded(ballot)
        self.assertFalse(self.env["ecabinet.sign.answer"].search([]))

    def test_certificate_registered_must_be_a_certificate(self):
        with self.assertRaisesRegex(ValidationError, "is not a certificate"):
            self.members[1].partner_id.ecabinet_sign_certificate = base64.b64encode(
                b"not a certificate"
            )


@tagged("post_install", "-at_install")
class TestSignedSessionVote(SignedAnswerCommon, TransactionCase):
    """A vote in session is opened already sent: the agenda item carries the
    choice, made by the secretariat while the session is prepared."""

    def test_open_vote_on_a_signed_item_is_signed_secret_vote_never(self):
        vote = self._signed_session_vote()
        self.assertTrue(vote.signed_by_members)
        voter = self.voter(vote, self.member).with_user(self.member)
        with self.assertRaisesRegex(UserError, "sign yours with your digital"):
            voter.answer(vote.question_ids, "agree")
        response = self._sign_answer(vote, "agree")
        report = self._verify_file(base64.b64decode(response.sudo().signature_xml))
        self.assertEqual(report.result, "valid", report.line_ids.mapped("error"))
        vote.with_user(self.chair).action_close()
        secret = vote.item_id.with_user(self.chair).action_open_secret_vote()
        self.assertFalse(secret.signed_by_members, "a secret vote is never signed")
        secret_voter = self.voter(secret, self.member).with_user(self.member)
        secret_voter.answer(secret.question_ids, "disagree")
        self.assertTrue(secret_voter.voted)


@tagged("post_install", "-at_install")
class TestSignedAnswerCsc(SignedAnswerCommon, BackendCommon, TransactionCase):
    """The member's credential at a CSC remote signing service (the loopback
    stand-in): the service signs with the member's key after the PIN."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._csc_service(
            {
                "cred-member": (cls.pki.signer.key, cls.pki.signer.certificates),
                "cred-clerk": (cls.pki.clerk.key, cls.pki.clerk.certificates),
            }
        )

    def _csc_answer(self, ballot, pin):
        voter = self.voter(ballot, self.member).with_user(self.member)
        return voter.answer_signed(
            ballot.question_ids.id, "agree", key_backend="csc", password=pin
        )

    def test_member_signs_through_the_service(self):
        self.member.partner_id.ecabinet_sign_csc_credential = "cred-member"
        ballot = self._signed_vote()
        response = self._csc_answer(ballot, self.server.pin)
        self.assertEqual(self.server.signed[-1][0], "cred-member")
        report = self._verify_file(base64.b64decode(response.sudo().signature_xml))
        self.assertEqual(report.result, "valid", report.line_ids.mapped("error"))

    def test_wrong_pin_and_someone_elses_credential_refused(self):
        self.member.partner_id.ecabinet_sign_csc_credential = "cred-member"
        ballot = self._signed_vote()
        with self.assertRaisesRegex(UserError, "PIN|authorize"):
            self._csc_answer(ballot, "99999999")
        self._nothing_recorded(ballot)
        self.member.partner_id.ecabinet_sign_csc_credential = "cred-clerk"
        count = len(self.server.signed)
        with self.assertRaisesRegex(UserError, "is not the one registered for"):
            self._csc_answer(ballot, self.server.pin)
        self.assertEqual(len(self.server.signed), count, "the service signed nothing")
        self._nothing_recorded(ballot)


@tagged("post_install", "-at_install")
class TestSignedAnswerPortal(SignedAnswerCommon, HttpCase):
    """The member signs the answer from the vote's page with a PKCS#12 file."""

    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _post(self, ballot, identity, password=PASSWORD):
        url = f"/my/ecabinet/ballots/{ballot.id}"
        return self.url_open(
            f"{url}/answer",
            data={
                "csrf_token": self._csrf(url),
                "question_id": ballot.question_ids.id,
                "choice": "agree",
                "key_backend": "pkcs12",
                "password": password.decode(),
            },
            files={
                "pkcs12_file": ("key.p12", identity.pkcs12(), "application/x-pkcs12")
            },
        )

    def test_member_signs_from_the_vote_page(self):
        ballot = self._signed_vote()
        self.authenticate(self.member.login, self.member.login)
        page = self.url_open(f"/my/ecabinet/ballots/{ballot.id}").text
        self.assertIn('enctype="multipart/form-data"', page)
        self.assertIn('name="pkcs12_file"', page)
        response = self._post(ballot, self.pki.clerk)
        self.assertEqual(response.status_code, 200)
        self.assertIn("is not the one registered for", response.text)
        self._nothing_recorded(ballot)
        response = self._post(ballot, self.pki.signer)
        self.assertIn("message=answered", response.url)
        answer = self.env["ecabinet.ballot.response"].search(
            [("ballot_id", "=", ballot.id)]
        )
        self.assertEqual(answer.choice, "agree")
        report = self._verify_file(base64.b64decode(answer.signature_xml))
        self.assertEqual(report.result, "valid", report.line_ids.mapped("error"))

    def test_vote_page_and_refusals_in_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["ecabinet_base", "ecabinet_opinion", "ecabinet_sign"], ["vi_VN"]
        )
        self.member.lang = "vi_VN"
        ballot = self._signed_vote()
        self.authenticate(self.member.login, self.member.login)
        page = self.url_open(f"/my/ecabinet/ballots/{ballot.id}").text
        self.assertIn("Thành viên ký số ý kiến: ý kiến của bạn chỉ được ghi nhận", page)
        self.assertIn("Dịch vụ ký số từ xa (CSC API)", page)
        self.assertNotIn("Remote signing service", page)
        response = self._post(ballot, self.pki.clerk)
        self.assertIn("không phải chứng thư số đã đăng ký cho", response.text)
        response = self._post(ballot, self.pki.signer, password=b"wrong")
        self.assertIn("Không mở được tệp PKCS#12", response.text)
        self._nothing_recorded(ballot)
        voter = self.voter(ballot, self.member).with_user(self.member)
        with self.assertRaisesRegex(UserError, "Thành viên ký số ý kiến đối với"):
            voter.with_context(lang="vi_VN").answer(ballot.question_ids, "agree")
        with self.assertRaisesRegex(ValidationError, "là biểu quyết kín"):
            self.env["ecabinet.ballot"].with_context(lang="vi_VN").create(
                {
                    "name": "Bầu cử",
                    "committee_id": self.committee.id,
                    "secret": True,
                    "signed_by_members": True,
                }
            )
