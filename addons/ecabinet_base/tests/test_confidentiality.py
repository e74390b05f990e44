# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCommon

from .common import PDF, SECRET_LEVELS, EcabinetCommon

INCOMING_WITH_FILE = """From: {sender}
To: {to}
Subject: Re: {subject}
Message-ID: <{msg_id}@binhminh.example>
In-Reply-To: {reply_to}
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XXX"

--XXX
Content-Type: text/plain; charset=utf-8

Here is the full text of the plan.
--XXX
Content-Type: application/pdf; name="plan.pdf"
Content-Disposition: attachment; filename="plan.pdf"
Content-Transfer-Encoding: base64

{pdf}
--XXX--
"""


@tagged("post_install", "-at_install")
class TestStateSecrets(EcabinetCommon, MailCommon):
    def _secret(self, level, **vals):
        return self.env["ecabinet.document"].create(
            dict(
                name=f"Security plan ({level})",
                committee_id=self.committee.id,
                confidentiality=level,
                secret_holder_id=self.agency.id,
                **vals,
            )
        )

    def _assert_no_file_on(self, document):
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "ecabinet.document"),
                    ("res_id", "=", document.id),
                    "|",
                    ("res_field", "=", False),
                    ("res_field", "!=", False),
                ]
            )
        )
        self.assertFalse(attachments)

    def test_secret_record_keeps_title_level_and_holder(self):
        for level in SECRET_LEVELS:
            document = self._secret(level)
            self.assertTrue(document.is_state_secret)
            self.assertEqual(document.secret_holder_id, self.agency)
            self.assertFalse(document.datas)

    def test_secret_with_file_refused_on_create(self):
        for level in SECRET_LEVELS:
            with (
                self.subTest(level=level),
                self.assertRaisesRegex(
                    ValidationError, "state-secret record keeps only"
                ),
                self.cr.savepoint(),
            ):
                self._secret(level, datas=PDF, filename="plan.pdf")
        self.assertFalse(
            self.env["ecabinet.document"].search(
                [("name", "=like", "Security plan (%")]
            )
        )

    def test_file_added_to_secret_refused(self):
        for level in SECRET_LEVELS:
            document = self._secret(level)
            with self.subTest(level=level), self.assertRaises(ValidationError):
                with self.cr.savepoint():
                    document.write({"datas": PDF, "filename": "plan.pdf"})
            self._assert_no_file_on(document)

    def test_classifying_a_document_with_content_refused(self):
        for level in SECRET_LEVELS:
            with self.subTest(level=level), self.assertRaises(ValidationError):
                with self.cr.savepoint():
                    self.document.confidentiality = level
            self.assertEqual(self.document.confidentiality, "normal")
            self.assertTrue(self.document.datas, "nothing already saved is lost")

    def test_attachment_on_secret_refused_whatever_the_channel(self):
        for level in SECRET_LEVELS:
            document = self._secret(level)
            with (
                self.subTest(level=level, channel="attachment"),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                self.env["ir.attachment"].create(
                    {
                        "name": "plan.pdf",
                        "datas": PDF,
                        "res_model": document._name,
                        "res_id": document.id,
                    }
                )
            pending = self.env["ir.attachment"].create(
                {"name": "plan.pdf", "datas": PDF, "res_model": "mail.compose.message"}
            )
            with (
                self.subTest(level=level, channel="chatter"),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                document.message_post(body="See attached", attachment_ids=pending.ids)
            with (
                self.subTest(level=level, channel="chatter"),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                document.message_post(
                    body="See attached", attachments=[("plan.pdf", b"%PDF-1.4")]
                )
            self._assert_no_file_on(document)
        # A note without content stays possible: the holder hands the original over.
        document.message_post(body="Original handed to the chair's office.")

    def _reply_with_file(self, document, msg_id):
        document.message_subscribe(partner_ids=self.partner_employee.ids)
        notification = document.message_post(
            body="Please send your remarks", message_type="comment"
        )
        raw = INCOMING_WITH_FILE.format(
            sender=self.partner_employee.email_formatted,
            to="catchall@test.example.com",
            subject=document.name,
            msg_id=msg_id,
            reply_to=notification.message_id,
            pdf=PDF.decode(),
        )
        return self.env["mail.thread"].message_process("ecabinet.document", raw)

    def test_incoming_mail_with_file_refused_on_secret(self):
        document = self._secret("top_secret")
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._reply_with_file(document, "reply-1")
        self._assert_no_file_on(document)
        # The same reply on a normal document is accepted with its file.
        self._reply_with_file(self.internal_document, "reply-2")
        self.assertEqual(self.internal_document.message_attachment_count, 1)

    def test_declassified_document_accepts_content_again(self):
        document = self._secret("secret")
        document.confidentiality = "internal"
        document.datas = PDF
        self.assertTrue(document.datas)
