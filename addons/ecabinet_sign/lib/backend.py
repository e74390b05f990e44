"""One signing interface for every key backend.

docs/architecture.md: ``backend.sign(digest) -> signature`` for PKCS#12 files, PKCS#11
tokens and remote hash-signing services; pyHanko assembles the CMS / PAdES
structure around it through :class:`BackendSigner`.

A backend that needs the holder's approval on another device (VNPT SmartCA,
Viettel MySign, a CSC service with asynchronous authorisation) raises
:class:`SignaturePending` from :meth:`SigningBackend.sign_digest`; the caller
keeps the interrupted PDF (pyHanko's interrupted signing) and later calls
:meth:`SigningBackend.fetch_signature` with the reference until it returns the
signature.
"""

import abc
import hashlib

from asn1crypto import algos
from asn1crypto import x509 as asn1_x509
from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko_certvalidator.registry import SimpleCertificateStore

# Mechanisms a backend is asked for (docs/signing.md, requirement 7): RSASSA-PSS when
# creating RSA signatures, PKCS#1 v1.5 only if a token cannot do PSS, ECDSA.
# RSASSA-PSS is always MGF1 with the digest's hash and a salt as long as the digest
# (what tokens, CSC services and HSMs support; pyHanko's default would be the
# maximal salt length, which many tokens refuse).
MECHANISM_RSA_PSS = "rsassa_pss"
MECHANISM_RSA_PKCS1V15 = "rsassa_pkcs1v15"
MECHANISM_ECDSA = "ecdsa"


class BackendError(Exception):
    """A backend could not sign; the message is shown to the signer."""


class SignatureExpired(BackendError):
    """The holder did not approve the signature on the phone in time."""


class SignaturePending(Exception):  # noqa: N818 - a state, not an error
    """The holder must approve on another device; poll with the reference."""

    def __init__(self, reference, message=None):
        super().__init__(message or reference)
        self.reference = reference


class SigningBackend(abc.ABC):
    """A private key somewhere, and the certificates that go with it."""

    #: asn1crypto certificate of the signer
    signing_cert: asn1_x509.Certificate = None
    #: other certificates of the chain (intermediates; the root may be left out)
    chain: tuple = ()

    def mechanism(self):
        """Signature mechanism for this key (one of the MECHANISM_* names)."""
        algo = self.signing_cert.public_key.algorithm
        if algo == "rsa":
            return MECHANISM_RSA_PSS
        if algo == "ec":
            return MECHANISM_ECDSA
        raise BackendError(f"Unsupported key algorithm: {algo}")

    @abc.abstractmethod
    def sign_digest(self, digest, digest_algorithm, mechanism):
        """Return the raw signature of ``digest`` (already hashed with
        ``digest_algorithm``, e.g. ``"sha256"``) made with ``mechanism``.

        ECDSA signatures are returned DER-encoded (as CMS wants them).
        Raise :class:`SignaturePending` when the holder approves elsewhere,
        :class:`BackendError` when the key cannot sign.
        """

    def fetch_signature(self, reference):
        """Signature for a pending request, or ``None`` while still pending.

        Raise :class:`BackendError` when the holder refused or it expired.
        """
        raise BackendError("This backend signs immediately; nothing is pending.")

    def close(self):
        """Release sessions (tokens, HTTP clients)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class BackendSigner(Signer):
    """pyHanko signer that hashes what pyHanko gives it and asks the backend."""

    def __init__(self, backend, prefer_pss=True, embed_roots=True):
        registry = SimpleCertificateStore.from_certs(
            [backend.signing_cert, *backend.chain]
        )
        super().__init__(
            prefer_pss=prefer_pss,
            embed_roots=embed_roots,
            signing_cert=backend.signing_cert,
            cert_registry=registry,
        )
        self.backend = backend

    def get_signature_mechanism_for_digest(self, digest_algorithm):
        mechanism = super().get_signature_mechanism_for_digest(digest_algorithm)
        if mechanism.signature_algo != "rsassa_pss" or not digest_algorithm:
            return mechanism
        return algos.SignedDigestAlgorithm(
            {
                "algorithm": "rsassa_pss",
                "parameters": pss_params(digest_algorithm),
            }
        )

    async def async_sign_raw(self, data, digest_algorithm, dry_run=False):
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        name = mechanism.signature_algo
        if name == "rsassa_pss":
            kind = MECHANISM_RSA_PSS
        elif name.endswith("_ecdsa") or name == "ecdsa":
            kind = MECHANISM_ECDSA
        else:
            kind = MECHANISM_RSA_PKCS1V15
        if dry_run:
            # pyHanko only wants the size of the signature here.
            # An ECDSA signature is a DER SEQUENCE of two INTEGERs, each up to
            # one byte longer than the key size: 2 * (n + 1) + 6 bytes at most.
            size = (self.signing_cert.public_key.bit_size + 7) // 8
            if kind == MECHANISM_ECDSA:
                size = 2 * (size + 1) + 6
            return bytes(size)
        digest = hashlib.new(digest_algorithm, data).digest()
        return self.backend.sign_digest(digest, digest_algorithm, kind)


def pss_params(digest_algorithm):
    """RSASSA-PSS parameters used for every RSA signature we create."""
    digest_algorithm = digest_algorithm.lower()
    return algos.RSASSAPSSParams(
        {
            "hash_algorithm": algos.DigestAlgorithm({"algorithm": digest_algorithm}),
            "mask_gen_algorithm": algos.MaskGenAlgorithm(
                {
                    "algorithm": "mgf1",
                    "parameters": algos.DigestAlgorithm(
                        {"algorithm": digest_algorithm}
                    ),
                }
            ),
            "salt_length": hashlib.new(digest_algorithm).digest_size,
        }
    )
