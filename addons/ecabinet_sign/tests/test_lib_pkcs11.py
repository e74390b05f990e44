# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The PKCS#11 backend against a SoftHSM2 token made by the test.

The keys are generated on the token (they never leave it); the test root CA
certifies their public keys and the certificates are stored on the token
beside them, as a CA delivers a USB token.
"""

import hashlib
import io
import os
import shutil
import subprocess
import tempfile

import pkcs11
from asn1crypto import keys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, utils
from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass
from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters
from pkcs11.util.rsa import encode_rsa_public_key
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
from .lib_pki import pki, to_asn1

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN = "ecabinet-test-token"
PIN = "246810"
SO_PIN = "13579111"


def make_pdf():
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Bien ban phien hop thuong ky thang 11")
    page.showPage()
    page.save()
    return out.getvalue()


class SoftHsm:
    """A SoftHSM2 token store in a temporary directory for this process."""

    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="ecabinet-softhsm-")
        os.mkdir(os.path.join(self.directory, "tokens"))
        self.conf = os.path.join(self.directory, "softhsm2.conf")
        with open(self.conf, "w", encoding="utf-8") as conf:
            conf.write(
                f"directories.tokendir = {self.directory}/tokens\n"
                "objectstore.backend = file\nlog.level = ERROR\n"
                "slots.removable = false\n"
            )
        self.previous_conf = os.environ.get("SOFTHSM2_CONF")
        os.environ["SOFTHSM2_CONF"] = self.conf
        subprocess.run(
            [
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                TOKEN,
                "--pin",
                PIN,
                "--so-pin",
                SO_PIN,
            ],
            check=True,
            capture_output=True,
        )
        # The module is loaded once per process: make it read this store.
        self.lib = pkcs11.lib(MODULE)
        self.lib.reinitialize()

    def cleanup(self):
        if self.previous_conf is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = self.previous_conf
        self.lib.reinitialize()
        shutil.rmtree(self.directory, ignore_errors=True)


@tagged("post_install", "-at_install")
class TestPkcs11Backend(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not (os.path.exists(MODULE) and shutil.which("softhsm2-util")):
            raise RuntimeError("SoftHSM2 is required for these tests (see README).")
        cls.pki = pki()
        cls.hsm = SoftHsm()
        cls.addClassCleanup(cls.hsm.cleanup)
        token = cls.hsm.lib.get_token(token_label=TOKEN)
        with token.open(user_pin=PIN, rw=True) as session:
            public, _private = session.generate_keypair(
                KeyType.RSA, 2048, store=True, label="rsa-signer", id=b"\x01"
            )
            rsa_public = serialization.load_der_public_key(
                _spki_from_pkcs1(encode_rsa_public_key(public))
            )
            cls.rsa_cert = cls.pki.issue_for(rsa_public, "Phạm Minh Châu")
            params = session.create_domain_parameters(
                KeyType.EC,
                {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
                local=True,
            )
            public, _private = params.generate_keypair(
                store=True, label="ec-signer", id=b"\x02"
            )
            ec_public = serialization.load_der_public_key(encode_ec_public_key(public))
            cls.ec_cert = cls.pki.issue_for(ec_public, "Đỗ Thu Hà")
            for label, cert_id, cert in (
                ("rsa-signer", b"\x01", cls.rsa_cert),
                ("ec-signer", b"\x02", cls.ec_cert),
                ("root-ca", b"\x09", cls.pki.root_cert),
            ):
                session.create_object(
                    {
                        Attribute.CLASS: ObjectClass.CERTIFICATE,
                        Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                        Attribute.TOKEN: True,
                        Attribute.LABEL: label,
                        Attribute.ID: cert_id,
                        Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
                        Attribute.SUBJECT: cert.subject.public_bytes(),
                        Attribute.ISSUER: cert.issuer.public_bytes(),
                    }
                )
        cls.digest = hashlib.sha256("Biên bản phiên họp".encode()).digest()

    def backend(self, label="rsa-signer"):
        backend = Pkcs11Backend(MODULE, token_label=TOKEN, key_label=label)
        self.addCleanup(backend.close)
        return backend

    def test_certificates_read_from_token(self):
        backend = self.backend()
        self.assertEqual(backend.signing_cert.dump(), to_asn1(self.rsa_cert).dump())
        self.assertEqual(
            [cert.dump() for cert in backend.chain],
            [to_asn1(self.pki.root_cert).dump()],
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
        roots = ValidationContext(trust_roots=[to_asn1(self.pki.root_cert)])
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
        result = xmldsig.verify_xml(signed, trust_roots=[self.pki.root_cert])
        self.assertTrue(result.valid, result.reason)
        self.assertEqual(result.signing_certificate, self.rsa_cert)


def _spki_from_pkcs1(pkcs1_der):
    """SubjectPublicKeyInfo DER around a PKCS#1 RSAPublicKey."""
    return keys.PublicKeyInfo(
        {
            "algorithm": {"algorithm": "rsa"},
            "public_key": keys.RSAPublicKey.load(pkcs1_der),
        }
    ).dump()
