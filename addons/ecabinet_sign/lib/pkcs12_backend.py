"""PKCS#12 files (.p12 / .pfx) uploaded by the signer, opened with a password
given at signing time and never kept."""

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.hazmat.primitives.serialization import pkcs12

from .backend import (
    MECHANISM_ECDSA,
    MECHANISM_RSA_PKCS1V15,
    MECHANISM_RSA_PSS,
    BackendError,
    SigningBackend,
)

HASHES = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


def _asn1(cert):
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


class Pkcs12Backend(SigningBackend):
    """Key and certificates from a PKCS#12 container."""

    def __init__(self, data, password):
        if isinstance(password, str):
            password = password.encode()
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, password or None)
        except (ValueError, TypeError) as exc:
            raise BackendError(
                "The PKCS#12 file cannot be opened: wrong password or not a "
                "PKCS#12 file."
            ) from exc
        if key is None or cert is None:
            raise BackendError("The PKCS#12 file holds no private key and certificate.")
        if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
            raise BackendError("Only RSA and ECDSA keys can sign.")
        self._key = key
        self.signing_cert = _asn1(cert)
        self.chain = tuple(_asn1(c) for c in extra or () if c.subject != c.issuer)

    def sign_digest(self, digest, digest_algorithm, mechanism):
        try:
            algorithm = HASHES[digest_algorithm.lower()]()
        except KeyError as exc:
            raise BackendError(f"Unsupported digest: {digest_algorithm}") from exc
        prehashed = utils.Prehashed(algorithm)
        if mechanism == MECHANISM_ECDSA:
            return self._key.sign(digest, ec.ECDSA(prehashed))
        if mechanism == MECHANISM_RSA_PSS:
            return self._key.sign(
                digest,
                padding.PSS(
                    mgf=padding.MGF1(algorithm), salt_length=algorithm.digest_size
                ),
                prehashed,
            )
        if mechanism == MECHANISM_RSA_PKCS1V15:
            return self._key.sign(digest, padding.PKCS1v15(), prehashed)
        raise BackendError(f"Unsupported mechanism: {mechanism}")

    def close(self):
        self._key = None
