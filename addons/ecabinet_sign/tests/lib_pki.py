# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Keys and certificates the library tests make for themselves.

A test root CA with an RSA 2048 signer and an ECDSA P-256 signer under it, and
an unrelated ("untrusted") root with its own signer. Generated once per process
with ``cryptography``. :class:`KeyBackend` is the plain in-memory
:class:`SigningBackend` over one of these keys (what a PKCS#12 file gives).
"""

import datetime
import functools

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.x509.oid import NameOID

from ..lib.backend import (
    MECHANISM_ECDSA,
    MECHANISM_RSA_PKCS1V15,
    MECHANISM_RSA_PSS,
    BackendError,
    SigningBackend,
)

HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}


def name(common_name, organisation="UBND tỉnh Bình Minh"):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def issue(
    subject,
    public_key,
    issuer_name,
    issuer_key,
    ca=False,
    days=365,
    not_before=None,
):
    """A certificate for ``public_key`` signed by ``issuer_key``."""
    start = not_before or (
        datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False
        )
    )
    if not ca or subject != issuer_name:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    return builder.sign(issuer_key, hashes.SHA256())


def to_asn1(cert):
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def to_pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM)


class Pki:
    """The test certificates (attributes are ``cryptography`` objects)."""

    def __init__(self):
        self.root_key = rsa.generate_private_key(65537, 2048)
        self.root_name = name("e-Cabinet Test Root CA")
        self.root_cert = issue(
            self.root_name,
            self.root_key.public_key(),
            self.root_name,
            self.root_key,
            ca=True,
            days=3650,
        )
        self.rsa_key = rsa.generate_private_key(65537, 2048)
        self.rsa_cert = issue(
            name("Nguyễn Văn An"),
            self.rsa_key.public_key(),
            self.root_name,
            self.root_key,
        )
        self.ec_key = ec.generate_private_key(ec.SECP256R1())
        self.ec_cert = issue(
            name("Trần Thị Bình"),
            self.ec_key.public_key(),
            self.root_name,
            self.root_key,
        )
        self.other_root_key = rsa.generate_private_key(65537, 2048)
        self.other_root_name = name("Untrusted Root CA", "Không rõ")
        self.other_root_cert = issue(
            self.other_root_name,
            self.other_root_key.public_key(),
            self.other_root_name,
            self.other_root_key,
            ca=True,
            days=3650,
        )
        self.other_key = rsa.generate_private_key(65537, 2048)
        self.other_cert = issue(
            name("Lê Văn Giả", "Không rõ"),
            self.other_key.public_key(),
            self.other_root_name,
            self.other_root_key,
        )

    def issue_for(self, public_key, common_name):
        """A signer certificate under the test root for a key held elsewhere."""
        return issue(name(common_name), public_key, self.root_name, self.root_key)

    def crl(self, revoked=()):
        """A CRL of the test root (DER) revoking the given certificates."""
        now = datetime.datetime.now(datetime.timezone.utc)
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.root_name)
            .last_update(now - datetime.timedelta(hours=1))
            .next_update(now + datetime.timedelta(days=1))
            .add_extension(x509.CRLNumber(1), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(
                    self.root_key.public_key()
                ),
                critical=False,
            )
        )
        for cert in revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder()
                .serial_number(cert.serial_number)
                .revocation_date(now - datetime.timedelta(hours=1))
                .build()
            )
        crl = builder.sign(self.root_key, hashes.SHA256())
        return crl.public_bytes(serialization.Encoding.DER)

    def rsa_backend(self):
        return KeyBackend(self.rsa_key, self.rsa_cert, [self.root_cert])

    def ec_backend(self):
        return KeyBackend(self.ec_key, self.ec_cert, [self.root_cert])

    def untrusted_backend(self):
        return KeyBackend(self.other_key, self.other_cert, [self.other_root_cert])


@functools.cache
def pki():
    return Pki()


class KeyBackend(SigningBackend):
    """A private key in memory (as loaded from a PKCS#12 file)."""

    def __init__(self, key, cert, chain=()):
        self.key = key
        self.signing_cert = to_asn1(cert)
        self.chain = tuple(to_asn1(c) for c in chain)

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
