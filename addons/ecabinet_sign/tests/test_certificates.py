# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import SignCommon


@tagged("post_install", "-at_install")
class TestCertificateChecks(SignCommon, TransactionCase):
    """Before signing, the certificate's validity, trust path to the configured
    roots and revocation (OCSP / CRL from the loopback PKI) are checked; an
    invalid one is refused and the document is left as it was."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls._request(cls.person, cls.clerk)
        cls.request.action_start()
        cls.prepared = cls.request._pdf_bytes()

    def _assert_refused(self, identity, pattern, password=None):
        kwargs = {"password": password} if password else {}
        with self.assertRaisesRegex(UserError, pattern):
            self._sign(self.request, self.person, identity, **kwargs)
        self.assertEqual(self.request._pdf_bytes(), self.prepared)
        self.assertEqual(self.request.current_signer_id.state, "to_sign")
        self.assertFalse(
            self.env["ecabinet.sign.audit"].search(
                [("request_id", "=", self.request.id), ("event", "=", "signed")]
            )
        )

    def test_revoked_certificate_is_refused(self):
        self._assert_refused(self.pki.revoked_signer, "revoked")

    def test_expired_certificate_is_refused(self):
        self._assert_refused(self.pki.expired_signer, "expired")

    def test_certificate_of_an_untrusted_root_is_refused(self):
        self._assert_refused(self.pki.untrusted_signer, "trusted root")

    def test_without_trust_root_every_certificate_is_refused(self):
        self.trust_root.active = False
        self._assert_refused(self.pki.signer, "trusted root")

    def test_wrong_password_is_refused(self):
        self._assert_refused(self.pki.signer, "wrong password", password=b"guess")

    def test_not_a_pkcs12_file_is_refused(self):
        signer = self.request.current_signer_id.with_user(self.person)
        with self.assertRaisesRegex(UserError, "PKCS#12"):
            signer._ecabinet_sign(pkcs12=b"not a key", password="x")
        with self.assertRaisesRegex(UserError, "PKCS#12"):
            signer._ecabinet_sign(pkcs12=b"", password="x")

    def test_refusal_message_is_translated(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        with self.assertRaisesRegex(UserError, "thu hồi"):
            self._sign(
                self.request.with_context(lang="vi_VN"),
                self.person.with_context(lang="vi_VN"),
                self.pki.revoked_signer,
            )

    def test_trust_root_must_be_a_ca_certificate(self):
        with self.assertRaisesRegex(ValidationError, "not a certification authority"):
            self.env["ecabinet.sign.trust.root"].create(
                {
                    "name": "A signer",
                    "certificate": base64.b64encode(self.pki.signer.der),
                }
            )
        with self.assertRaisesRegex(ValidationError, "not an X.509 certificate"):
            self.env["ecabinet.sign.trust.root"].create(
                {"name": "Junk", "certificate": base64.b64encode(b"junk")}
            )
        self.assertEqual(
            self.trust_root.subject,
            "Common Name: Binh Minh Test Root CA, Organization: Binh Minh test PKI, "
            "Country: VN",
        )
