"""PKCS#11 tokens (USB signing tokens, HSMs) behind :class:`~.backend.SigningBackend`.

The token is found by label (or serial) in the vendor's PKCS#11 module; the
signer certificate is read from the token (or given). The PIN is passed to
:meth:`Pkcs11Backend.login` when the holder signs and goes straight to the
token: it is never kept on the backend::

    backend = Pkcs11Backend("/usr/lib/vendor/libpkcs11.so", token_label="VNPT-CA")
    with backend.login(pin):
        signature = backend.sign_digest(digest, "sha256", backend.mechanism())

Mechanisms: RSASSA-PSS (``CKM_RSA_PKCS_PSS`` on the digest, MGF1 with the
same hash, salt as long as the digest), PKCS#1 v1.5 (``CKM_RSA_PKCS`` on the
DER DigestInfo) and ECDSA (``CKM_ECDSA`` on the digest, the raw ``r || s``
turned into DER as CMS wants it).
"""

import logging

import pkcs11
from asn1crypto import algos
from asn1crypto import x509 as asn1_x509
from pkcs11 import MGF, Attribute, Mechanism, ObjectClass
from pkcs11 import exceptions as p11
from pkcs11.util.ec import encode_ecdsa_signature

from .backend import (
    MECHANISM_ECDSA,
    MECHANISM_RSA_PKCS1V15,
    MECHANISM_RSA_PSS,
    BackendError,
    SigningBackend,
)

_logger = logging.getLogger(__name__)

HASH_MECHANISMS = {
    "sha256": (Mechanism.SHA256, MGF.SHA256),
    "sha384": (Mechanism.SHA384, MGF.SHA384),
    "sha512": (Mechanism.SHA512, MGF.SHA512),
}
DIGEST_SIZES = {"sha256": 32, "sha384": 48, "sha512": 64}

LOGIN_ERRORS = {
    p11.PinIncorrect: "The token PIN is incorrect.",
    p11.PinLocked: "The token PIN is locked; ask the token's issuer to unlock it.",
    p11.PinExpired: "The token PIN has expired; change it with the token's tool.",
    p11.PinLenRange: "The token PIN has the wrong length.",
    p11.PinInvalid: "The token PIN contains characters the token does not accept.",
    p11.TokenNotPresent: "The token is not connected.",
    p11.DeviceRemoved: "The token was removed.",
}


def load_module(module_path):
    """The PKCS#11 library at ``module_path`` (BackendError if it cannot load)."""
    try:
        return pkcs11.lib(module_path)
    except (OSError, RuntimeError, p11.PKCS11Error) as error:
        raise BackendError(
            f"The PKCS#11 module {module_path} cannot be loaded: {error}"
        ) from None


def list_tokens(module_path):
    """``[{"label", "serial", "manufacturer", "model"}]`` of the tokens present."""
    lib = load_module(module_path)
    tokens = []
    for slot in lib.get_slots(token_present=True):
        token = slot.get_token()
        if not token.label:
            continue  # an empty slot (not initialised)
        tokens.append(
            {
                "label": token.label,
                "serial": token.serial.decode(errors="replace").strip(),
                "manufacturer": token.manufacturer_id,
                "model": token.model,
            }
        )
    return tokens


class Pkcs11Backend(SigningBackend):
    """A key on a PKCS#11 token.

    ``key_label`` / ``key_id`` pick the private key (default: the one whose
    ``CKA_ID`` is that of the certificate, or the only key on the token).
    ``signing_cert`` (asn1crypto) and ``chain`` default to the certificates
    stored on the token.
    """

    def __init__(
        self,
        module_path,
        token_label=None,
        token_serial=None,
        key_label=None,
        key_id=None,
        signing_cert=None,
        chain=None,
    ):
        if not (token_label or token_serial):
            raise BackendError("Give the label or the serial number of the token.")
        self.module_path = module_path
        self.token_label = token_label
        self.token_serial = token_serial
        self.key_label = key_label
        self.key_id = key_id
        self._session = None
        self._key = None
        self.lib = load_module(module_path)
        self.token = self._find_token()
        if signing_cert is None:
            signing_cert, token_chain = self._read_certificates()
            if chain is None:
                chain = token_chain
        self.signing_cert = signing_cert
        self.chain = tuple(chain or ())

    def _describe(self):
        return repr(self.token_label or self.token_serial)

    def _find_token(self):
        query = {}
        if self.token_label:
            query["token_label"] = self.token_label
        if self.token_serial:
            query["token_serial"] = self.token_serial.encode()
        try:
            return self.lib.get_token(**query)
        except p11.NoSuchToken:
            raise BackendError(f"No token {self._describe()} is connected.") from None
        except p11.MultipleTokensReturned:
            raise BackendError(
                f"Several tokens match {self._describe()}; give its serial number."
            ) from None

    def _certificate_query(self):
        query = {Attribute.CLASS: ObjectClass.CERTIFICATE}
        if self.key_label:
            query[Attribute.LABEL] = self.key_label
        if self.key_id:
            query[Attribute.ID] = self.key_id
        return query

    def _read_certificates(self):
        try:
            with self.token.open() as session:
                certs = [
                    (
                        obj[Attribute.ID],
                        asn1_x509.Certificate.load(obj[Attribute.VALUE]),
                    )
                    for obj in session.get_objects(
                        {Attribute.CLASS: ObjectClass.CERTIFICATE}
                    )
                ]
                wanted = [
                    (
                        obj[Attribute.ID],
                        asn1_x509.Certificate.load(obj[Attribute.VALUE]),
                    )
                    for obj in session.get_objects(self._certificate_query())
                ]
        except p11.PKCS11Error as error:
            raise BackendError(self._error_text(error)) from None
        signers = [(cert_id, cert) for cert_id, cert in wanted if not cert.ca] or wanted
        if not signers:
            raise BackendError(f"The token {self._describe()} holds no certificate.")
        if len(signers) > 1:
            raise BackendError(
                f"The token {self._describe()} holds several signer certificates; "
                "choose the key by label or id."
            )
        cert_id, signing_cert = signers[0]
        if not self.key_id:
            self.key_id = cert_id
        chain = [cert for _id, cert in certs if cert.ca]
        return signing_cert, chain

    def _error_text(self, error):
        for kind, message in LOGIN_ERRORS.items():
            if isinstance(error, kind):
                return message
        name = type(error).__name__
        return f"The token {self._describe()} reported an error ({name})."

    # Session ---------------------------------------------------------------------

    def login(self, pin):
        """Open a user session with ``pin`` (not kept); use as a context manager
        or call :meth:`close` when done."""
        self.close()
        if not pin:
            raise BackendError("Enter the token PIN.")
        try:
            session = self.token.open(user_pin=str(pin))
        except p11.PKCS11Error as error:
            raise BackendError(self._error_text(error)) from None
        query = {"object_class": ObjectClass.PRIVATE_KEY}
        if self.key_label:
            query["label"] = self.key_label
        if self.key_id:
            query["id"] = self.key_id
        try:
            self._key = session.get_key(**query)
        except p11.NoSuchKey:
            session.close()
            raise BackendError(
                f"The token {self._describe()} has no private key for this certificate."
            ) from None
        except p11.MultipleObjectsReturned:
            session.close()
            raise BackendError(
                f"The token {self._describe()} holds several private keys; "
                "choose the key by label or id."
            ) from None
        except p11.PKCS11Error as error:
            session.close()
            raise BackendError(self._error_text(error)) from None
        self._session = session
        return self

    def close(self):
        self._key = None
        if self._session is not None:
            try:
                self._session.close()
            except p11.PKCS11Error as error:
                # The token is gone; nothing is left to release.
                _logger.debug("PKCS#11 session already closed: %r", error)
            self._session = None

    # Signing ---------------------------------------------------------------------

    def sign_digest(self, digest, digest_algorithm, mechanism):
        if self._key is None:
            raise BackendError("Log in to the token with its PIN before signing.")
        if digest_algorithm not in HASH_MECHANISMS:
            raise BackendError(f"Unsupported digest algorithm {digest_algorithm}.")
        if len(digest) != DIGEST_SIZES[digest_algorithm]:
            raise BackendError(f"This is not a {digest_algorithm} digest.")
        hash_mechanism, mgf = HASH_MECHANISMS[digest_algorithm]
        try:
            if mechanism == MECHANISM_RSA_PSS:
                return self._key.sign(
                    digest,
                    mechanism=Mechanism.RSA_PKCS_PSS,
                    mechanism_param=(hash_mechanism, mgf, len(digest)),
                )
            if mechanism == MECHANISM_RSA_PKCS1V15:
                digest_info = algos.DigestInfo(
                    {
                        "digest_algorithm": {"algorithm": digest_algorithm},
                        "digest": digest,
                    }
                ).dump()
                return self._key.sign(digest_info, mechanism=Mechanism.RSA_PKCS)
            if mechanism == MECHANISM_ECDSA:
                raw = self._key.sign(digest, mechanism=Mechanism.ECDSA)
                return encode_ecdsa_signature(raw)
        except p11.MechanismInvalid:
            raise BackendError(
                f"The token {self._describe()} cannot sign with {mechanism}."
            ) from None
        except p11.PKCS11Error as error:
            raise BackendError(self._error_text(error)) from None
        raise BackendError(f"Unsupported signature mechanism {mechanism}.")
