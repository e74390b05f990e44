# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Remote signing backends against loopback servers speaking the real
protocols (CSC API v1, VNPT SmartCA, Viettel MySign) with real keys."""

import asyncio
import hashlib
import io
import socket

from asn1crypto import algos
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, utils
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.signers.pdf_cms import ExternalSigner
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from odoo.tests import BaseCase, tagged

from ..lib import xmldsig
from ..lib.backend import (
    MECHANISM_ECDSA,
    MECHANISM_RSA_PKCS1V15,
    MECHANISM_RSA_PSS,
    BackendError,
    BackendSigner,
    SignaturePending,
)
from ..lib.remote_backends import CscBackend, ViettelMySignBackend, VnptSmartCaBackend
from .fake_csc_server import PSS, CscServer
from .fake_smartca_server import MySignServer, SmartCaServer
from .pki import get_pki
from .test_lib_pkcs11 import make_pdf

DIGEST = hashlib.sha256("Kết luận phiên họp".encode()).digest()


def serve(case, server):
    """Run ``server`` for the duration of the test (Python 3.10 has no
    ``enterContext``)."""
    server.__enter__()
    case.addCleanup(server.__exit__, None, None, None)
    return server


def verify_pkcs1(cert, signature, digest=DIGEST):
    cert.public_key().verify(
        signature, digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256())
    )


@tagged("post_install", "-at_install")
class TestCscBackend(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pki = get_pki()

    def server(self, **kwargs):
        server = CscServer(
            {
                "cred-rsa": (self.pki.signer.key, self.pki.signer.certificates),
                "cred-ec": (self.pki.ec_signer.key, self.pki.ec_signer.certificates),
            },
            **kwargs,
        )
        return serve(self, server)

    def backend(self, server, **kwargs):
        backend = CscBackend(
            server.url,
            token_url=server.token_url,
            client_id=server.client_id,
            client_secret=server.client_secret,
            **kwargs,
        )
        self.addCleanup(backend.close)
        return backend

    def test_full_flow_pdf(self):
        """OAuth2 token, info, list, credential info, authorize (SAD) and
        signHash with RSASSA-PSS: the PAdES signature validates."""
        server = self.server()
        backend = self.backend(server)
        self.assertEqual(backend.credential_id, "cred-rsa")
        self.assertEqual(backend.signing_cert.dump(), self.pki.signer.asn1.dump())
        self.assertEqual(backend.mechanism(), MECHANISM_RSA_PSS)
        with backend.authorize(pin=server.pin):
            out = signers.sign_pdf(
                IncrementalPdfFileWriter(io.BytesIO(make_pdf())),
                signers.PdfSignatureMetadata(field_name="Signature1"),
                signer=BackendSigner(backend),
            )
        status = validate_pdf_signature(
            PdfFileReader(out).embedded_signatures[0],
            ValidationContext(trust_roots=[self.pki.root.asn1]),
        )
        self.assertTrue(status.intact and status.valid and status.trusted)
        self.assertEqual(status.pkcs7_signature_mechanism, "rsassa_pss")
        self.assertEqual(server.signed, [("cred-rsa", PSS)])
        self.assertEqual(
            [path for path, _payload in server.requests],
            [
                "/oauth2/token",
                "/csc/v1/info",
                "/csc/v1/credentials/list",
                "/csc/v1/credentials/info",
                "/csc/v1/credentials/authorize",
                "/csc/v1/signatures/signHash",
            ],
        )
        # The PIN went to authorize only, and is dropped after signing.
        self.assertEqual(server.requests[4][1]["PIN"], server.pin)
        self.assertNotIn(server.pin, repr(vars(backend)))

    def test_pkcs1_and_ecdsa(self):
        server = self.server(offer_pss=False)
        backend = self.backend(server, credential_id="cred-rsa")
        self.assertEqual(backend.mechanism(), MECHANISM_RSA_PKCS1V15)
        with backend.authorize(pin=server.pin):
            signature = backend.sign_digest(DIGEST, "sha256", MECHANISM_RSA_PKCS1V15)
        verify_pkcs1(self.pki.signer.cert, signature)
        backend = self.backend(server, credential_id="cred-ec")
        self.assertEqual(backend.mechanism(), MECHANISM_ECDSA)
        with backend.authorize(pin=server.pin):
            signed = xmldsig.sign_xml("<BienBan>Thông qua</BienBan>", backend)
        result = xmldsig.verify_xml(signed, trust_roots=[self.pki.root.cert])
        self.assertTrue(result.valid, result.reason)
        self.assertEqual(result.signing_certificate, self.pki.ec_signer.cert)

    def test_invalid_credential(self):
        server = self.server()
        with self.assertRaisesRegex(BackendError, "Invalid parameter credentialID"):
            self.backend(server, credential_id="cred-unknown")
        with self.assertRaisesRegex(BackendError, "did not accept the access token"):
            CscBackend(server.url, access_token="forged")
        with self.assertRaisesRegex(BackendError, "refused the application"):
            CscBackend(
                server.url,
                token_url=server.token_url,
                client_id=server.client_id,
                client_secret="wrong",
            )

    def test_pin_and_sad_errors(self):
        server = self.server()
        backend = self.backend(server)
        with self.assertRaisesRegex(BackendError, "^Enter the PIN"):
            backend.sign_digest(DIGEST, "sha256", MECHANISM_RSA_PSS)
        with backend.authorize(pin="00000000"):
            with self.assertRaisesRegex(
                BackendError, "refused credentials/authorize: The PIN is not valid."
            ):
                backend.sign_digest(DIGEST, "sha256", MECHANISM_RSA_PSS)
        payload = {
            "credentialID": "cred-rsa",
            "hash": ["AAAA"],
            "signAlgo": "1.2.840.113549.1.1.11",
            "SAD": "forged-sad",
        }
        with self.assertRaisesRegex(BackendError, "Invalid parameter SAD"):
            backend.call("signatures/signHash", payload)
        self.assertEqual(server.signed, [])

    def test_unreachable(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with self.assertRaisesRegex(BackendError, "cannot be reached"):
            CscBackend(f"http://127.0.0.1:{port}", access_token="x", timeout=2)


@tagged("post_install", "-at_install")
class TestSmartCaBackend(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pki = get_pki()

    def server(self, **kwargs):
        server = SmartCaServer(
            self.pki.signer.key, self.pki.signer.certificates, **kwargs
        )
        return serve(self, server)

    def backend(self, server, **overrides):
        backend = VnptSmartCaBackend(**server.backend_vals(**overrides))
        self.addCleanup(backend.close)
        return backend

    def start(self, backend, server):
        with self.assertRaises(SignaturePending) as pending:
            backend.sign_digest(DIGEST, "sha256", backend.mechanism())
        reference = pending.exception.reference
        self.assertEqual(server.pending, [reference])
        self.assertIn("VNPT SmartCA app", str(pending.exception))
        return reference

    def test_pending_then_approved(self):
        server = self.server()
        backend = self.backend(server)
        self.assertEqual(backend.signing_cert.dump(), self.pki.signer.asn1.dump())
        self.assertEqual(backend.mechanism(), MECHANISM_RSA_PKCS1V15)
        reference = self.start(backend, server)
        self.assertIsNone(backend.fetch_signature(reference))
        self.assertIsNone(backend.fetch_signature(reference))
        server.approve(reference)
        verify_pkcs1(self.pki.signer.cert, backend.fetch_signature(reference))
        submitted = server.requests[1][1]["sign_files"][0]
        self.assertEqual(submitted["data_to_be_signed"], DIGEST.hex())

    def test_pdf_finished_after_approval(self):
        """pyHanko's interrupted signing: the PDF is prepared and its signed
        attributes hashed, the holder approves on the phone later, and the
        returned signature completes a PAdES signature that validates."""
        server = self.server()
        backend = self.backend(server)
        signer = BackendSigner(backend, prefer_pss=False)
        pdf_signer = signers.PdfSigner(
            signers.PdfSignatureMetadata(
                field_name="Signature1", subfilter=SigSeedSubFilter.PADES
            ),
            signer=signer,
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(make_pdf()))
        prepared, tbs, output = asyncio.run(
            pdf_signer.async_digest_doc_for_signing(writer)
        )
        signed_attrs = asyncio.run(
            signer.signed_attrs(prepared.document_digest, "sha256", use_pades=True)
        )
        digest = hashlib.sha256(signed_attrs.dump()).digest()
        with self.assertRaises(SignaturePending) as pending:
            backend.sign_digest(digest, "sha256", backend.mechanism())
        reference = pending.exception.reference
        # ... the request is saved; later, after the holder approved:
        self.assertIsNone(backend.fetch_signature(reference))
        server.approve(reference)
        external = ExternalSigner(
            backend.signing_cert,
            signer.cert_registry,
            signature_value=backend.fetch_signature(reference),
            signature_mechanism=algos.SignedDigestAlgorithm(
                {"algorithm": "sha256_rsa"}
            ),
        )
        cms_value = asyncio.run(
            external.async_sign_prescribed_attributes("sha256", signed_attrs)
        )
        asyncio.run(
            PdfTBSDocument.async_finish_signing(
                output, prepared, cms_value, post_sign_instr=tbs.post_sign_instructions
            )
        )
        status = validate_pdf_signature(
            PdfFileReader(output).embedded_signatures[0],
            ValidationContext(trust_roots=[self.pki.root.asn1]),
        )
        self.assertTrue(status.intact and status.valid and status.trusted)
        self.assertEqual(status.pkcs7_signature_mechanism, "sha256_rsa")

    def test_xml_signed_after_approval(self):
        """The interrupted flow: prepare, wait for the phone, finish."""
        server = self.server()
        backend = self.backend(server)
        prepared = xmldsig.prepare_xml_signature(
            "<KetQua>Đồng ý: 12</KetQua>", [backend.signing_cert, *backend.chain]
        )
        with self.assertRaises(SignaturePending) as pending:
            backend.sign_digest(
                prepared.digest, prepared.digest_algorithm, prepared.mechanism
            )
        server.approve(pending.exception.reference)
        signature = backend.fetch_signature(pending.exception.reference)
        signed = xmldsig.finish_xml_signature(prepared.xml, signature)
        result = xmldsig.verify_xml(signed, trust_roots=[self.pki.root.cert])
        self.assertTrue(result.valid, result.reason)

    def test_refused(self):
        server = self.server()
        backend = self.backend(server)
        reference = self.start(backend, server)
        server.refuse(reference)
        with self.assertRaisesRegex(
            BackendError, "^The signature was refused in the VNPT SmartCA app.$"
        ):
            backend.fetch_signature(reference)

    def test_expired(self):
        server = self.server()
        backend = self.backend(server)
        reference = self.start(backend, server)
        server.expire(reference)
        with self.assertRaisesRegex(BackendError, "request expired"):
            backend.fetch_signature(reference)
        # Not approved within the service's time limit: expired as well.
        server = self.server(lifetime=0)
        backend = self.backend(server)
        with self.assertRaises(SignaturePending) as pending:
            backend.sign_digest(DIGEST, "sha256", MECHANISM_RSA_PKCS1V15)
        with self.assertRaisesRegex(BackendError, "request expired"):
            backend.fetch_signature(pending.exception.reference)

    def test_errors(self):
        server = self.server()
        with self.assertRaisesRegex(BackendError, "SP_CREDENTIAL_INVALID"):
            self.backend(server, sp_password="wrong")
        backend = self.backend(server)
        with self.assertRaisesRegex(BackendError, "cannot make rsassa_pss"):
            backend.sign_digest(DIGEST, "sha256", MECHANISM_RSA_PSS)
        with self.assertRaisesRegex(BackendError, "TRANSACTION_NOT_FOUND"):
            backend.fetch_signature("no-such-transaction")
        self.assertEqual(server.pending, [])


@tagged("post_install", "-at_install")
class TestMySignBackend(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pki = get_pki()

    def setUp(self):
        super().setUp()
        self.server = serve(
            self,
            MySignServer(self.pki.signer.key, self.pki.signer.certificates),
        )
        self.backend = ViettelMySignBackend(**self.server.backend_vals())
        self.addCleanup(self.backend.close)

    def start(self):
        with self.assertRaises(SignaturePending) as pending:
            self.backend.sign_digest(DIGEST, "sha256", MECHANISM_RSA_PKCS1V15)
        return pending.exception.reference

    def test_pending_then_approved(self):
        self.assertEqual(self.backend.credential_id, self.server.credential_id)
        reference = self.start()
        self.assertIsNone(self.backend.fetch_signature(reference))
        self.server.approve(reference)
        verify_pkcs1(self.pki.signer.cert, self.backend.fetch_signature(reference))

    def test_refused_and_expired(self):
        reference = self.start()
        self.server.refuse(reference)
        with self.assertRaisesRegex(BackendError, "refused in the Viettel MySign app"):
            self.backend.fetch_signature(reference)
        reference = self.start()
        self.server.expire(reference)
        with self.assertRaisesRegex(BackendError, "request expired"):
            self.backend.fetch_signature(reference)

    def test_bad_account(self):
        with self.assertRaisesRegex(BackendError, "Client secret is invalid"):
            ViettelMySignBackend(**self.server.backend_vals(client_secret="wrong"))
