# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The PKCS#11 backend against a SoftHSM2 token made by the test.

The keys are generated on the token (they never leave it); the test PKI
certifies their public keys and the certificates are stored on the token
beside them, as a CA delivers a USB token.
"""

import hashlib
import io

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, utils
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from reportlab.pdfgen import canvas

from odoo.tests import BaseCase, tagged

from ..lib import xmldsig
from ..lib.backend import (
    MECHANISM_ECDSA,
    MECHANISM_RSA_PKCS1V15,
    MECHANISM_RSA_PSS,
    BackendError,
    BackendSigner,
)
from ..lib.pkcs11_backend import Pkcs11Backend, list_tokens
from .pki import get_pki
from .softhsm import MODULE, PIN, TOKEN, SoftHsm


def make_pdf():
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Bien ban phien hop thuong ky thang 11")
    page.showPage()
    page.save()
    return out.getvalue()


@tagged("post_install", "-at_install")
class TestPkcs11Backend(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pki = get_pki()
        cls.hsm = SoftHsm.for_class(cls)
        with cls.hsm.session() as session:
            rsa_public = cls.hsm.generate_rsa(session, "rsa-signer", b"\x01")
            cls.rsa = cls.pki.issue_for(rsa_public, "Phạm Minh Châu")
            ec_public = cls.hsm.generate_ec(session, "ec-signer", b"\x02")
            cls.ec = cls.pki.issue_for(ec_public, "Đỗ Thu Hà")
            cls.hsm.store_certificates(
                session,
                [
                    ("rsa-signer", b"\x01", cls.rsa.cert),
                    ("ec-signer", b"\x02", cls.ec.cert),
                    ("issuing-ca", b"\x08", cls.pki.intermediate.cert),
                    ("root-ca", b"\x09", cls.pki.root.cert),
                ],
            )
        cls.rsa_cert, cls.ec_cert = cls.rsa.cert, cls.ec.cert
        cls.digest = hashlib.sha256("Biên bản phiên họp".encode()).digest()

    def backend(self, label="rsa-signer"):
        backend = Pkcs11Backend(MODULE, token_label=TOKEN, key_label=label)
        self.addCleanup(backend.close)
        return backend

    def test_certificates_read_from_token(self):
        backend = self.backend()
        self.assertEqual(backend.signing_cert.dump(), self.rsa.asn1.dump())
        self.assertEqual(
            sorted(cert.dump() for cert in backend.chain),
            sorted(ca.asn1.dump() for ca in (self.pki.intermediate, self.pki.root)),
            "the CA certificates on the token",
        )
        self.assertEqual(backend.mechanism(), MECHANISM_RSA_PSS)
        self.assertEqual(self.backend("ec-signer").mechanism(), MECHANISM_ECDSA)
        self.assertIn(TOKEN, [token["label"] for token in list_tokens(MODULE)])

    def test_rsa_pss(self):
        backend = self.backend()
        with backend.login(PIN):
            signature = backend.sign_digest(self.digest, "sha256", MECHANISM_RSA_PSS)
        pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
        self.rsa_cert.public_key().verify(
            signature, self.digest, pss, utils.Prehashed(hashes.SHA256())
        )
        # PSS is randomised; a PKCS#1 v1.5 check of it must fail.
        with self.assertRaises(Exception):  # noqa: B017 - cryptography's InvalidSignature
            self.rsa_cert.public_key().verify(
                signature,
                self.digest,
                padding.PKCS1v15(),
                utils.Prehashed(hashes.SHA256()),
            )

    def test_rsa_pkcs1v15(self):
        backend = self.backend()
        with backend.login(PIN):
            signature = backend.sign_digest(
                self.digest, "sha256", MECHANISM_RSA_PKCS1V15
            )
        self.rsa_cert.public_key().verify(
            signature, self.digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256())
        )

    def test_ecdsa(self):
        backend = self.backend("ec-signer")
        with backend.login(PIN):
            signature = backend.sign_digest(self.digest, "sha256", MECHANISM_ECDSA)
        # DER-encoded, as CMS wants it.
        utils.decode_dss_signature(signature)
        self.ec_cert.public_key().verify(
            signature, self.digest, ec.ECDSA(utils.Prehashed(hashes.SHA256()))
        )

    def test_wrong_pin(self):
        backend = self.backend()
        with self.assertRaisesRegex(BackendError, "^The token PIN is incorrect.$"):
            backend.login("000000")
        with self.assertRaisesRegex(BackendError, "Log in to the token"):
            backend.sign_digest(self.digest, "sha256", MECHANISM_RSA_PSS)
        with self.assertRaisesRegex(BackendError, "Enter the token PIN"):
            backend.login("")
        # The PIN is not kept anywhere on the backend.
        backend.login(PIN)
        self.assertNotIn(PIN, repr(vars(backend)))

    def test_bad_setup(self):
        with self.assertRaisesRegex(BackendError, "No token 'absent' is connected."):
            Pkcs11Backend(MODULE, token_label="absent")
        with self.assertRaisesRegex(BackendError, "cannot be loaded"):
            Pkcs11Backend("/nonexistent/libpkcs11.so", token_label=TOKEN)
        with self.assertRaisesRegex(BackendError, "no certificate"):
            Pkcs11Backend(MODULE, token_label=TOKEN, key_label="nothing")
        backend = self.backend()
        with backend.login(PIN):
            with self.assertRaisesRegex(BackendError, "not a sha256 digest"):
                backend.sign_digest(b"short", "sha256", MECHANISM_RSA_PSS)

    def test_pdf_signed_with_pyhanko_validates(self):
        """PAdES through BackendSigner with the key on the token."""
        roots = ValidationContext(trust_roots=[self.pki.root.asn1])
        for label, mechanism in (
            ("rsa-signer", "rsassa_pss"),
            ("ec-signer", "sha256_ecdsa"),
        ):
            backend = self.backend(label)
            with backend.login(PIN):
                out = signers.sign_pdf(
                    IncrementalPdfFileWriter(io.BytesIO(make_pdf())),
                    signers.PdfSignatureMetadata(
                        field_name="Signature1",
                        subfilter=SigSeedSubFilter.PADES,
                    ),
                    signer=BackendSigner(backend),
                )
            reader = PdfFileReader(out)
            status = validate_pdf_signature(reader.embedded_signatures[0], roots)
            self.assertTrue(status.intact, label)
            self.assertTrue(status.valid, label)
            self.assertTrue(status.trusted, label)
            self.assertEqual(status.pkcs7_signature_mechanism, mechanism)
            self.assertIn(
                backend.signing_cert.subject.native["common_name"],
                ("Phạm Minh Châu", "Đỗ Thu Hà"),
            )
            self.assertEqual(status.signing_cert.subject, backend.signing_cert.subject)

    def test_xml_signed_on_token(self):
        backend = self.backend()
        with backend.login(PIN):
            signed = xmldsig.sign_xml("<Ket-luan>Đồng ý</Ket-luan>", backend)
        result = xmldsig.verify_xml(signed, trust_roots=[self.pki.root.cert])
        self.assertTrue(result.valid, result.reason)
        self.assertEqual(result.signing_certificate, self.rsa_cert)
