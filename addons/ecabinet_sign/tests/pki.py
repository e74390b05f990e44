# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""THE test PKI of e-Cabinet, on loopback: a root CA, an intermediate CA, signers
(valid RSA, revoked, expired, from another root, ECDSA P-256), an RFC 3161
timestamp authority, an OCSP responder and CRLs over HTTP on 127.0.0.1.

Every certificate carries the AIA (OCSP, CA issuers) and CRL distribution point
URLs of the local server, so pyHanko's validator fetches real responses. The PKI
is generated once per process (RSA keys are slow) with :func:`get_pki`; the
library tests (no database) and the other addons' tests use the same one.
:meth:`Identity.backend` is the plain in-memory :class:`SigningBackend` of an
identity (what a PKCS#12 file gives); :meth:`TestPKI.issue_for` certifies a key
held elsewhere (a token, a remote service).
"""

import datetime
import io
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from ..lib.backend import (
    MECHANISM_ECDSA,
    MECHANISM_RSA_PKCS1V15,
    MECHANISM_RSA_PSS,
    BackendError,
    SigningBackend,
)

UTC = datetime.timezone.utc
PASSWORD = b"ecabinet-test"
HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}


def _name(common_name, org="Binh Minh test PKI"):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


class Identity:
    """A key and its certificate (cryptography objects) with handy exports."""

    def __init__(self, key, cert, issuer=None):
        self.key = key
        self.cert = cert
        self.issuer = issuer

    @property
    def der(self):
        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def pem(self):
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def asn1(self):
        return asn1_x509.Certificate.load(self.der)

    @property
    def chain(self):
        """Issuers up to (not including) the root."""
        chain, issuer = [], self.issuer
        while issuer is not None and issuer.issuer is not None:
            chain.append(issuer)
            issuer = issuer.issuer
        return chain

    @property
    def root(self):
        identity = self
        while identity.issuer is not None:
            identity = identity.issuer
        return identity

    @property
    def certificates(self):
        """The certificate, then its issuers up to the root (cryptography)."""
        return [self.cert] + [i.cert for i in (*self.chain, self.root) if i != self]

    def backend(self, key=None):
        """The in-memory backend of this key (or of another ``key``, to test a
        key that does not match its certificate), its chain up to the root."""
        return KeyBackend(key or self.key, self.cert, self.certificates[1:])

    def key_pem(self):
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def pkcs12(self, password=PASSWORD):
        return pkcs12.serialize_key_and_certificates(
            b"signer",
            self.key,
            self.cert,
            [i.cert for i in self.chain],
            serialization.BestAvailableEncryption(password),
        )


class _PublicKeyOnly:
    """A key held elsewhere (a token): the CA only needs its public half."""

    def __init__(self, public_key):
        self._public_key = public_key

    def public_key(self):
        return self._public_key


class KeyBackend(SigningBackend):
    """A private key in memory (as loaded from a PKCS#12 file)."""

    def __init__(self, key, cert, chain=()):
        self.key = key
        self.signing_cert = asn1_x509.Certificate.load(
            cert.public_bytes(serialization.Encoding.DER)
        )
        self.chain = tuple(
            asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
            for c in chain
        )

    def sign_digest(self, digest, digest_algorithm, mechanism):
        algorithm = HASHES[digest_algorithm]()
        prehashed = utils.Prehashed(algorithm)
        if mechanism == MECHANISM_ECDSA:
            return self.key.sign(digest, ec.ECDSA(prehashed))
        if mechanism == MECHANISM_RSA_PSS:
            pss = padding.PSS(
                mgf=padding.MGF1(algorithm), salt_length=algorithm.digest_size
            )
            return self.key.sign(digest, pss, prehashed)
        if mechanism == MECHANISM_RSA_PKCS1V15:
            return self.key.sign(digest, padding.PKCS1v15(), prehashed)
        raise BackendError(f"Unsupported mechanism {mechanism}")


class TestPKI:
    """Builds the certificates; :meth:`start` serves OCSP, CRL and TSA."""

    def __init__(self):
        self.server = None
        self.base_url = None
        self.failing_services = set()  # "tsa", "ocsp", "crl": answer HTTP 500
        self.revoked = {}  # serial -> revocation time
        self.cas = []
        self.issued = []  # certificates of keys held elsewhere (issue_for)
        self.now = datetime.datetime.now(UTC)

    # ------------------------------------------------------------ building
    def _cert(
        self,
        subject,
        key,
        issuer,
        ca=False,
        not_before=None,
        not_after=None,
        eku=None,
        path_length=None,
    ):
        issuer_name = issuer.cert.subject if issuer else subject
        issuer_key = issuer.key if issuer else key
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before or self.now - datetime.timedelta(days=30))
            .not_valid_after(not_after or self.now + datetime.timedelta(days=365))
            .add_extension(
                x509.BasicConstraints(ca=ca, path_length=path_length), critical=True
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                critical=False,
            )
        )
        if ca:
            usage = {"key_cert_sign": True, "crl_sign": True}
        else:
            usage = {"digital_signature": True, "content_commitment": not eku}
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=usage.get("digital_signature", False),
                content_commitment=usage.get("content_commitment", False),
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=usage.get("key_cert_sign", False),
                crl_sign=usage.get("crl_sign", False),
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        if eku:
            builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
        if issuer:
            slug = self._slug(issuer)
            builder = (
                builder.add_extension(
                    x509.AuthorityKeyIdentifier.from_issuer_public_key(
                        issuer.key.public_key()
                    ),
                    critical=False,
                )
                .add_extension(
                    x509.AuthorityInformationAccess(
                        [
                            x509.AccessDescription(
                                x509.AuthorityInformationAccessOID.OCSP,
                                x509.UniformResourceIdentifier(
                                    f"{self.base_url}/ocsp/{slug}"
                                ),
                            ),
                            x509.AccessDescription(
                                x509.AuthorityInformationAccessOID.CA_ISSUERS,
                                x509.UniformResourceIdentifier(
                                    f"{self.base_url}/ca/{slug}.cer"
                                ),
                            ),
                        ]
                    ),
                    critical=False,
                )
                .add_extension(
                    x509.CRLDistributionPoints(
                        [
                            x509.DistributionPoint(
                                full_name=[
                                    x509.UniformResourceIdentifier(
                                        f"{self.base_url}/crl/{slug}.crl"
                                    )
                                ],
                                relative_name=None,
                                reasons=None,
                                crl_issuer=None,
                            )
                        ]
                    ),
                    critical=False,
                )
            )
        cert = builder.sign(issuer_key, hashes.SHA256())
        identity = Identity(key, cert, issuer)
        if ca:
            self.cas.append(identity)
        return identity

    def _slug(self, ca):
        return str(self.cas.index(ca))

    @staticmethod
    def rsa_key():
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def build(self):
        self.start()
        day = datetime.timedelta(days=1)
        self.root = self._cert(
            _name("Binh Minh Test Root CA"), self.rsa_key(), None, ca=True
        )
        self.intermediate = self._cert(
            _name("Binh Minh Test Issuing CA"),
            self.rsa_key(),
            self.root,
            ca=True,
            path_length=0,
        )
        self.other_root = self._cert(
            _name("Untrusted Root CA", org="Elsewhere"),
            self.rsa_key(),
            None,
            ca=True,
        )
        self.signer = self._cert(
            _name("Nguyễn Văn An"), self.rsa_key(), self.intermediate
        )
        self.clerk = self._cert(
            _name("Văn phòng UBND tỉnh Bình Minh"), self.rsa_key(), self.intermediate
        )
        self.revoked_signer = self._cert(
            _name("Revoked Signer"), self.rsa_key(), self.intermediate
        )
        self.revoked[self.revoked_signer.cert.serial_number] = self.now - day
        self.expired_signer = self._cert(
            _name("Expired Signer"),
            self.rsa_key(),
            self.intermediate,
            not_before=self.now - 400 * day,
            not_after=self.now - 10 * day,
        )
        self.untrusted_signer = self._cert(
            _name("Untrusted Signer", org="Elsewhere"), self.rsa_key(), self.other_root
        )
        self.ec_signer = self._cert(
            _name("ECDSA Signer"),
            ec.generate_private_key(ec.SECP256R1()),
            self.intermediate,
        )
        self.tsa = self._cert(
            _name("Binh Minh Test TSA"),
            self.rsa_key(),
            self.intermediate,
            eku=[ExtendedKeyUsageOID.TIME_STAMPING],
        )
        self.timestamper = DummyTimeStamper(
            tsa_cert=self.tsa.asn1,
            tsa_key=asn1_keys.PrivateKeyInfo.load(
                self.tsa.key.private_bytes(
                    serialization.Encoding.DER,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            ),
            certs_to_embed=[self.intermediate.asn1],
        )
        return self

    def issue_for(self, public_key, common_name, issuer=None):
        """An identity (without private key) certifying a key held elsewhere;
        the OCSP responder answers for it."""
        identity = self._cert(
            _name(common_name), _PublicKeyOnly(public_key), issuer or self.intermediate
        )
        self.issued.append(identity)
        return identity

    @property
    def tsa_url(self):
        return f"{self.base_url}/tsa"

    # ------------------------------------------------------------ responses
    def _ca_by_slug(self, slug):
        return self.cas[int(slug)]

    def crl(self, ca, revoked=None):
        """The CRL of ``ca`` (DER): the PKI's revocations, or ``revoked`` (the
        certificates to list instead)."""
        if revoked is not None:
            when = datetime.datetime.now(UTC) - datetime.timedelta(hours=1)
            revoked = {cert.serial_number: when for cert in revoked}
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(ca.cert.subject)
            .last_update(datetime.datetime.now(UTC) - datetime.timedelta(minutes=5))
            .next_update(datetime.datetime.now(UTC) + datetime.timedelta(days=1))
            .add_extension(x509.CRLNumber(1), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
                critical=False,
            )
        )
        for serial, when in (self.revoked if revoked is None else revoked).items():
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder()
                .serial_number(serial)
                .revocation_date(when)
                .build()
            )
        return builder.sign(ca.key, hashes.SHA256()).public_bytes(
            serialization.Encoding.DER
        )

    def ocsp_response(self, ca, body):
        request = ocsp.load_der_ocsp_request(body)
        serial = request.serial_number
        subject = None
        for identity in self._all_identities():
            if (
                identity.cert.serial_number == serial
                and identity.cert.issuer == ca.cert.subject
            ):
                subject = identity
        if subject is None:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(
                ocsp.OCSPResponseStatus.UNAUTHORIZED
            ).public_bytes(serialization.Encoding.DER)
        now = datetime.datetime.now(UTC)
        revoked_at = self.revoked.get(serial)
        builder = ocsp.OCSPResponseBuilder().add_response(
            cert=subject.cert,
            issuer=ca.cert,
            algorithm=hashes.SHA256()
            if request.hash_algorithm.name == "sha256"
            else hashes.SHA1(),
            cert_status=ocsp.OCSPCertStatus.REVOKED
            if revoked_at
            else ocsp.OCSPCertStatus.GOOD,
            this_update=now - datetime.timedelta(minutes=1),
            next_update=now + datetime.timedelta(hours=12),
            revocation_time=revoked_at,
            revocation_reason=x509.ReasonFlags.key_compromise if revoked_at else None,
        )
        builder = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, ca.cert)
        for ext in request.extensions:
            if isinstance(ext.value, x509.OCSPNonce):
                builder = builder.add_extension(ext.value, critical=False)
        return builder.sign(ca.key, hashes.SHA256()).public_bytes(
            serialization.Encoding.DER
        )

    def _all_identities(self):
        return [
            value for value in vars(self).values() if isinstance(value, Identity)
        ] + self.issued

    def tsa_response(self, body):
        req = tsp.TimeStampReq.load(body)
        return self.timestamper.request_tsa_response(req).dump()

    # ------------------------------------------------------------ server
    def start(self):
        pki = self

        class Handler(BaseHTTPRequestHandler):
            def _send(self, status, ctype, payload):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _failing(self, parts):
                if parts[0] in pki.failing_services:
                    self._send(500, "text/plain", b"internal server error")
                    return True
                return False

            def do_GET(self):  # noqa: N802 - http.server API
                parts = self.path.strip("/").split("/")
                if self._failing(parts):
                    return
                try:
                    if parts[0] == "crl":
                        ca = pki._ca_by_slug(parts[1].split(".")[0])
                        return self._send(200, "application/pkix-crl", pki.crl(ca))
                    if parts[0] == "ca":
                        ca = pki._ca_by_slug(parts[1].split(".")[0])
                        return self._send(200, "application/pkix-cert", ca.der)
                except (IndexError, ValueError):
                    return self._send(400, "text/plain", b"bad request")
                self._send(404, "text/plain", b"not found")

            def do_POST(self):  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                parts = self.path.strip("/").split("/")
                if self._failing(parts):
                    return
                if parts[0] == "tsa":
                    return self._send(
                        200, "application/timestamp-reply", pki.tsa_response(body)
                    )
                if parts[0] == "ocsp" and len(parts) > 1:
                    ca = pki._ca_by_slug(parts[1])
                    return self._send(
                        200,
                        "application/ocsp-response",
                        pki.ocsp_response(ca, body),
                    )
                self._send(404, "text/plain", b"not found")

            def log_message(self, *args):
                pass

        # The same port when restarted: the certificates name these URLs.
        port = int(self.base_url.rsplit(":", 1)[1]) if self.base_url else 0
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @contextmanager
    def stopped(self):
        """OCSP, CRL and TSA down (connection refused) inside the block."""
        self.stop()
        try:
            yield
        finally:
            self.start()

    @contextmanager
    def failing(self, *services):
        """``services`` ("tsa", "ocsp", "crl") answer HTTP 500 inside the block."""
        self.failing_services = set(services)
        try:
            yield
        finally:
            self.failing_services = set()


_PKI = None


def get_pki():
    """The process-wide test PKI (built and served on first use)."""
    global _PKI  # noqa: PLW0603 - one PKI and one loopback server per process
    if _PKI is None:
        _PKI = TestPKI().build()
    return _PKI


def signature_png():
    """A blue handwritten-like signature on a transparent background."""
    from PIL import Image, ImageDraw  # noqa: PLC0415

    image = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.line(
        [(20, 90), (60, 20), (90, 95), (130, 30), (170, 90), (220, 40), (280, 70)],
        fill=(20, 40, 200, 255),
        width=6,
    )
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def seal_png():
    """A red round seal on a transparent background."""
    from PIL import Image, ImageDraw  # noqa: PLC0415

    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((5, 5, 195, 195), outline=(220, 0, 0, 255), width=8)
    draw.ellipse((40, 40, 160, 160), outline=(220, 0, 0, 255), width=4)
    draw.regular_polygon((100, 100, 30), 5, fill=(220, 0, 0, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
