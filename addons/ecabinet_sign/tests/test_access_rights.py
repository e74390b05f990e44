# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged, users

from .common import SignCommon


@tagged("post_install", "-at_install")
class TestSignAccessRights(SignCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls._request(cls.portal_signer, cls.clerk)
        cls.request.action_start()
        cls.other = cls._request(cls.person, cls.clerk)
        cls.other.action_start()

    def test_a_user_who_is_not_the_signer_cannot_sign(self):
        line = self.request.current_signer_id
        for user in (self.outsider, self.person, self.clerk):
            with self.assertRaises(AccessError):
                line.with_user(user)._ecabinet_sign(
                    pkcs12=self.pki.signer.pkcs12(), password="ecabinet-test"
                )
        with self.assertRaises(AccessError):
            line.with_user(self.clerk)._ecabinet_refuse("not mine")
        self.assertEqual(line.state, "to_sign")

    @users("s_portal")
    def test_portal_member_reads_only_own_requests(self):
        Request = self.env["ecabinet.sign.request"]
        self.assertEqual(Request.search([]), self.request)
        with self.assertRaises(AccessError):
            Request.browse(self.other.id).name  # noqa: B018
        with self.assertRaises(AccessError):
            Request.browse(self.request.id).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            self.env["ecabinet.sign.signer"].browse(
                self.request.current_signer_id.id
            ).write({"state": "signed"})
        self.assertEqual(
            self.env["ecabinet.sign.signer"].search([]), self.request.signer_ids
        )

    @users("s_outsider")
    def test_outsider_sees_nothing(self):
        self.assertFalse(self.env["ecabinet.sign.request"].search([]))
        self.assertFalse(self.env["ecabinet.sign.signer"].search([]))
        with self.assertRaises(AccessError):
            self.env["ecabinet.sign.verification"].search([])

    @users("s_clerk")
    def test_secretariat_cannot_fake_a_signature(self):
        line = self.env["ecabinet.sign.signer"].browse(self.request.signer_ids[0].id)
        # Fields set by signing are read-only in views; through the ORM the
        # secretariat could write them, but the signature itself is in the PDF
        # and in the audit chain, which it cannot touch.
        with self.assertRaises(AccessError):
            self.env["ecabinet.sign.audit"].create({"event": "signed"})
        with self.assertRaises(UserError):
            line._ecabinet_sign(pkcs12=self.pki.clerk.pkcs12(), password="x")

    def test_wizard_signs_and_never_stores_the_password(self):
        request = self._request(self.person, self.clerk)
        request.action_start()
        Wizard = self.env["ecabinet.sign.wizard"].with_user(self.person)
        action = request.with_user(self.person).action_sign()
        wizard = Wizard.with_context(**action["context"]).create(
            {
                "pkcs12_file": base64.b64encode(self.pki.signer.pkcs12()),
                "password": "ecabinet-test",
            }
        )
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_name = 'ecabinet_sign_wizard' AND column_name = 'password'"
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0, "no column for the password")
        with self.assertRaisesRegex(UserError, "wrong password"):
            wizard.action_sign()
        wizard.pkcs12_file = base64.b64encode(self.pki.signer.pkcs12())
        wizard.with_context(ecabinet_sign_password="ecabinet-test").action_sign()
        self.assertEqual(request.signer_ids[0].state, "signed")
        self.assertFalse(wizard.pkcs12_file, "the key file is dropped once used")

    def test_only_the_current_signer_opens_the_wizard(self):
        with self.assertRaisesRegex(UserError, "not your turn"):
            self.other.with_user(self.clerk).action_sign()

    @users("s_person")
    def test_trust_roots_are_read_only_below_admin(self):
        root = self.env["ecabinet.sign.trust.root"].browse(self.trust_root.id)
        self.assertTrue(root.fingerprint)
        with self.assertRaises(AccessError):
            root.write({"name": "Mine"})
