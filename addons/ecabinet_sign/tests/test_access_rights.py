# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged, users

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

    @users("s_clerk")
    def test_signers_of_a_request_sent_for_signature_are_fixed(self):
        """The secretariat may manage the request, not forge its workflow: a
        person's line removed, marked signed or added by hand would let the
        agency signature issue the document without the person's."""
        request = self.env["ecabinet.sign.request"].browse(self.other.id)
        person = request.current_signer_id
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            person.write({"state": "signed"})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            person.unlink()
        with self.assertRaisesRegex(UserError, "nothing can be added"):
            self.env["ecabinet.sign.signer"].create(
                {"request_id": request.id, "role": "agency", "user_id": self.clerk.id}
            )
        with self.assertRaisesRegex(UserError, "through its actions only"):
            request.write({"state": "signed"})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            request.write({"pdf_file": False})
        person.key_backend = "pkcs11"  # the key of a signer to sign may change
        self.assertEqual(request.current_signer_id, person)
        self.assertEqual(person.state, "to_sign")
        # Cancelled and back to draft, the lines can be changed again.
        request.action_cancel()
        request.action_reset_to_draft()
        person.unlink()
        self.assertEqual(request.signer_ids.mapped("role"), ["agency"])

    def test_only_readers_of_the_audit_log_check_it(self):
        Audit = self.env["ecabinet.sign.audit"]
        with self.assertRaises(AccessError):
            Audit.with_user(self.portal_signer).action_check_chain()
        result = Audit.with_user(self.clerk).action_check_chain()
        self.assertEqual(result["params"]["type"], "success")

    def test_verified_signatures_are_seen_as_their_report(self):
        report = self._verify(self.request)
        report.user_id = self.clerk
        line = self.env["ecabinet.sign.verification.line"].create(
            {"verification_id": report.id, "signer": "Nguyễn Văn An"}
        )
        user = new_test_user(
            self.env, login="s_user", groups="ecabinet_base.group_user"
        )
        Line = self.env["ecabinet.sign.verification.line"].with_user(user)
        self.assertFalse(Line.search([("id", "=", line.id)]))
        with self.assertRaises(AccessError):
            Line.browse(line.id).signer  # noqa: B018
        self.assertEqual(
            Line.with_user(self.clerk).search([("id", "=", line.id)]), line
        )

    def test_signing_identities_are_read_by_the_secretariat_only(self):
        partner = self.person.partner_id
        partner.sudo().ecabinet_sign_smartca_user = "001090012345"
        officer = new_test_user(
            self.env,
            login="s_officer",
            groups="base.group_user,ecabinet_base.group_user",
        )
        for user in (self.outsider, self.portal_signer, officer):
            with self.assertRaises(AccessError):
                partner.with_user(user).read(["ecabinet_sign_smartca_user"])
            with self.assertRaises(AccessError):
                partner.with_user(user).read(["ecabinet_sign_image"])
        self.assertEqual(
            partner.with_user(self.clerk).ecabinet_sign_smartca_user, "001090012345"
        )
