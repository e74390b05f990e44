"""Remote hash-signing services behind :class:`~.backend.SigningBackend`.

* :class:`CscBackend`: a client of the Cloud Signature Consortium API v1.0.4
  (``/csc/v1/info``, ``credentials/list``, ``credentials/info``,
  ``credentials/authorize`` for the SAD, ``signatures/signHash``) with an
  OAuth2 bearer token (given, or fetched with the client-credentials grant).
* :class:`VnptSmartCaBackend`: VNPT SmartCA (integration guide v4.1,
  ``/sca/sp769``): ``v1/credentials/get_certificate``, ``v1/signatures/sign``
  (the holder approves on the VNPT SmartCA phone app), then
  ``v1/signatures/sign/{transaction_id}/status`` until signed.
* :class:`ViettelMySignBackend`: Viettel MySign (remote signing gateway):
  ``vtss/service/ras/v1/login``, ``vtss/service/certificates/info``,
  ``vtss/service/signHash`` (asynchronous) and ``vtss/service/requests/status``.

The phone-approval services raise :class:`~.backend.SignaturePending` with the
transaction id from :meth:`sign_digest`; the caller keeps the interrupted
document and calls :meth:`fetch_signature` with that id until it returns the
signature (``None`` while the holder has not answered; ``BackendError`` when
they refused or the request expired).

Every HTTP call has a timeout; transport and protocol errors become
:class:`~.backend.BackendError` with a message meant for the signer.
"""

import base64
import binascii
import logging
import uuid

import requests
from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.asymmetric import utils

from .backend import (
    MECHANISM_ECDSA,
    MECHANISM_RSA_PKCS1V15,
    MECHANISM_RSA_PSS,
    BackendError,
    SignatureExpired,
    SignaturePending,
    SigningBackend,
    pss_params,
)

_logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 20  # seconds, per HTTP request

OID_RSA = "1.2.840.113549.1.1.1"
OID_RSA_PSS = "1.2.840.113549.1.1.10"
OID_EC = "1.2.840.10045.2.1"
DIGEST_OIDS = {
    "sha256": "2.16.840.1.101.3.4.2.1",
    "sha384": "2.16.840.1.101.3.4.2.2",
    "sha512": "2.16.840.1.101.3.4.2.3",
}
PKCS1_OIDS = {
    "sha256": "1.2.840.113549.1.1.11",
    "sha384": "1.2.840.113549.1.1.12",
    "sha512": "1.2.840.113549.1.1.13",
}
ECDSA_OIDS = {
    "sha256": "1.2.840.10045.4.3.2",
    "sha384": "1.2.840.10045.4.3.3",
    "sha512": "1.2.840.10045.4.3.4",
}


def _load_certificate(data, what="certificate"):
    """asn1crypto certificate from base64 DER (or PEM text)."""
    if not data:
        raise BackendError(f"The signing service sent no {what}.")
    text = data.strip()
    if text.startswith("-----BEGIN"):
        text = "".join(line for line in text.splitlines() if "-----" not in line)
    try:
        return asn1_x509.Certificate.load(base64.b64decode("".join(text.split())))
    except (ValueError, binascii.Error):
        raise BackendError(f"The signing service sent an unreadable {what}.") from None


def _decode_signature(value):
    """Raw signature bytes from the base64 a service returns.

    A service that wraps the signature in a CMS SignedData (some return
    PKCS#7 for hash signing) has the signer's signature value extracted.
    """
    if not value:
        raise BackendError("The signing service returned an empty signature.")
    try:
        raw = base64.b64decode("".join(value.split()), validate=True)
    except (ValueError, binascii.Error):
        raise BackendError(
            "The signing service returned an unreadable signature."
        ) from None
    if raw[:1] == b"\x30":
        try:
            info = cms.ContentInfo.load(raw)
            if info["content_type"].native == "signed_data":
                return info["content"]["signer_infos"][0]["signature"].native
        except (ValueError, TypeError, KeyError, IndexError):
            return raw  # a DER ECDSA signature, not CMS
    return raw


def _ecdsa_der(signature, cert):
    """ECDSA signatures as DER (some services return the raw r || s)."""
    size = (cert.public_key.bit_size + 7) // 8
    if len(signature) == 2 * size and signature[:1] != b"\x30":
        return utils.encode_dss_signature(
            int.from_bytes(signature[:size], "big"),
            int.from_bytes(signature[size:], "big"),
        )
    return signature


class _HttpBackend(SigningBackend):
    """JSON over HTTPS with timeouts and readable errors."""

    service_name = "The signing service"

    def __init__(self, base_url, timeout=DEFAULT_TIMEOUT, verify=True):
        if not base_url:
            raise BackendError(f"{self.service_name}: no address is configured.")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.verify = verify
        self.http = requests.Session()

    def close(self):
        self.http.close()

    def _request(self, path, payload=None, headers=None, form=False):
        """POST and decode the JSON answer: ``(http_status, body)``."""
        url = path if path.startswith("http") else f"{self.base_url}/{path}"
        try:
            response = self.http.post(
                url,
                json=None if form else (payload or {}),
                data=payload if form else None,
                headers=headers,
                timeout=self.timeout,
                verify=self.verify,
            )
        except requests.Timeout:
            raise BackendError(
                f"{self.service_name} did not answer within {self.timeout} seconds."
            ) from None
        except requests.RequestException as error:
            raise BackendError(
                f"{self.service_name} cannot be reached: {type(error).__name__}."
            ) from None
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code >= 500 or body is None:
            raise BackendError(
                f"{self.service_name} failed (HTTP {response.status_code})."
            )
        return response.status_code, body


# CSC API v1 -----------------------------------------------------------------------


class CscBackend(_HttpBackend):
    """A credential of a CSC API v1.0.4 remote signing service.

    ``base_url``: the service root (``{base_url}/csc/v1/...``).
    ``access_token``: an OAuth2 bearer token, or ``token_url`` with
    ``client_id`` / ``client_secret`` to get one (client-credentials grant).
    ``credential_id``: default, the first credential the user has.
    The PIN / OTP of the credential go to :meth:`authorize` (held only until
    :meth:`close`) when the holder signs.
    """

    service_name = "The remote signing service"

    def __init__(
        self,
        base_url,
        access_token=None,
        credential_id=None,
        token_url=None,
        client_id=None,
        client_secret=None,
        user_id=None,
        timeout=DEFAULT_TIMEOUT,
        verify=True,
    ):
        super().__init__(base_url, timeout, verify)
        self._token = access_token
        self.token_url = token_url
        self.client_id = client_id
        self.client_secret = client_secret
        self.user_id = user_id
        self._secret = None
        if not self._token:
            self._fetch_token()
        self.service_info = self.call("info", {"lang": "en-US"}, auth=False)
        self.credential_id = credential_id or self._first_credential()
        self._load_credential()

    # Protocol ------------------------------------------------------------------------

    def _fetch_token(self):
        if not (self.token_url and self.client_id and self.client_secret):
            raise BackendError(
                f"{self.service_name}: give an access token or the OAuth2 client."
            )
        status, body = self._request(
            self.token_url,
            {
                "grant_type": "client_credentials",
                "client_id": self.client_id,
                "client_secret": self.client_secret,
            },
            form=True,
        )
        if not isinstance(body, dict):
            body = {}
        if status != 200 or not body.get("access_token"):
            raise BackendError(
                f"{self.service_name} refused the application's credentials: "
                f"{body.get('error_description') or body.get('error') or status}."
            )
        self._token = body["access_token"]

    def call(self, method, payload, auth=True):
        """One CSC method (``credentials/list`` ...); the decoded answer."""
        headers = {"Authorization": f"Bearer {self._token}"} if auth else None
        status, body = self._request(f"csc/v1/{method}", payload, headers)
        if not isinstance(body, dict):
            raise BackendError(f"{self.service_name} gave an unreadable answer.")
        if status != 200:
            description = body.get("error_description") or body.get("error")
            if status == 401:
                raise BackendError(
                    f"{self.service_name} did not accept the access token: "
                    f"{description or 'unauthorised'}."
                )
            raise BackendError(
                f"{self.service_name} refused {method}: {description or status}."
            )
        return body

    def _first_credential(self):
        payload = {"maxResults": 10}
        if self.user_id:
            payload["userID"] = self.user_id
        ids = self.call("credentials/list", payload).get("credentialIDs") or []
        if not ids:
            raise BackendError(f"{self.service_name} lists no signing credential.")
        return ids[0]

    def _load_credential(self):
        info = self.call(
            "credentials/info",
            {
                "credentialID": self.credential_id,
                "certificates": "chain",
                "certInfo": True,
                "authInfo": True,
            },
        )
        self.credential_info = info
        key = info.get("key") or {}
        if key.get("status", "enabled") != "enabled":
            raise BackendError(f"{self.service_name}: the signing key is disabled.")
        cert = info.get("cert") or {}
        if cert.get("status", "valid") != "valid":
            raise BackendError(
                f"{self.service_name}: the certificate is {cert.get('status')}."
            )
        certs = [_load_certificate(item) for item in cert.get("certificates") or []]
        if not certs:
            raise BackendError(f"{self.service_name} sent no certificate.")
        self.signing_cert = certs[0]
        self.chain = tuple(certs[1:])
        self.key_algorithms = set(key.get("algo") or ())
        self.auth_mode = info.get("authMode", "explicit")

    def mechanism(self):
        kind = self.signing_cert.public_key.algorithm
        if kind == "rsa":
            # PSS when the service offers it (requirement 7), else PKCS#1 v1.5.
            if OID_RSA_PSS in self.key_algorithms or not self.key_algorithms:
                return MECHANISM_RSA_PSS
            return MECHANISM_RSA_PKCS1V15
        return super().mechanism()

    def authorize(self, pin=None, otp=None):
        """Keep the holder's PIN / OTP for the next signature (until
        :meth:`close`); use as a context manager."""
        self._secret = {"PIN": pin, "OTP": otp}
        return self

    def close(self):
        self._secret = None
        return super().close()

    def _sad(self, hash_b64):
        payload = {
            "credentialID": self.credential_id,
            "numSignatures": 1,
            "hash": [hash_b64],
        }
        for key, value in (self._secret or {}).items():
            if value:
                payload[key] = value
        if self.auth_mode == "explicit" and not self._secret:
            raise BackendError("Enter the PIN of the remote signing credential.")
        body = self.call("credentials/authorize", payload)
        if not body.get("SAD"):
            raise BackendError(f"{self.service_name} did not authorise the signature.")
        return body["SAD"]

    def sign_digest(self, digest, digest_algorithm, mechanism):
        if digest_algorithm not in DIGEST_OIDS:
            raise BackendError(f"Unsupported digest algorithm {digest_algorithm}.")
        hash_b64 = base64.b64encode(digest).decode()
        payload = {
            "credentialID": self.credential_id,
            "hash": [hash_b64],
            "hashAlgo": DIGEST_OIDS[digest_algorithm],
        }
        if mechanism == MECHANISM_RSA_PSS:
            payload["signAlgo"] = OID_RSA_PSS
            payload["signAlgoParams"] = base64.b64encode(
                pss_params(digest_algorithm).dump()
            ).decode()
        elif mechanism == MECHANISM_RSA_PKCS1V15:
            payload["signAlgo"] = PKCS1_OIDS[digest_algorithm]
        elif mechanism == MECHANISM_ECDSA:
            payload["signAlgo"] = ECDSA_OIDS[digest_algorithm]
        else:
            raise BackendError(f"Unsupported signature mechanism {mechanism}.")
        payload["SAD"] = self._sad(hash_b64)
        signatures = self.call("signatures/signHash", payload).get("signatures") or []
        if len(signatures) != 1:
            raise BackendError(f"{self.service_name} returned no signature.")
        signature = _decode_signature(signatures[0])
        if mechanism == MECHANISM_ECDSA:
            signature = _ecdsa_der(signature, self.signing_cert)
        return signature


# Phone approval services ----------------------------------------------------------


class _PhoneApprovalBackend(_HttpBackend):
    """Services that sign a hash with RSA PKCS#1 v1.5 after the holder
    approves on a phone."""

    def mechanism(self):
        if self.signing_cert.public_key.algorithm == "rsa":
            return MECHANISM_RSA_PKCS1V15
        return MECHANISM_ECDSA

    def _check_mechanism(self, digest_algorithm, mechanism):
        if digest_algorithm != "sha256":
            raise BackendError(f"{self.service_name} signs SHA-256 hashes only.")
        if mechanism != self.mechanism():
            raise BackendError(
                f"{self.service_name} cannot make {mechanism} signatures; "
                f"it makes {self.mechanism()} signatures."
            )

    def _finish(self, value):
        signature = _decode_signature(value)
        if self.mechanism() == MECHANISM_ECDSA:
            signature = _ecdsa_der(signature, self.signing_cert)
        return signature


class VnptSmartCaBackend(_PhoneApprovalBackend):
    """VNPT SmartCA: ``sp_id`` / ``sp_password`` of the integrating system
    (issued by VNPT), ``user_id`` the holder's citizen ID number.

    Production ``https://gwsca.vnpt.vn/sca/sp769``, test
    ``https://rmgateway.vnptit.vn/sca/sp769``.
    """

    service_name = "VNPT SmartCA"
    PRODUCTION_URL = "https://gwsca.vnpt.vn/sca/sp769"
    WAITING = ("sig_wait_for_user_confirm", "pending", "waiting")
    # Answers naming a refusal or an expiry (the guide does not list them).
    REFUSED = ("reject", "refuse", "cancel", "denied", "từ chối", "huỷ", "hủy")
    EXPIRED = ("expire", "timeout", "time out", "hết hạn", "quá hạn")

    def __init__(
        self,
        sp_id,
        sp_password,
        user_id,
        base_url=PRODUCTION_URL,
        serial_number=None,
        description="e-Cabinet",
        file_type="pdf",
        timeout=DEFAULT_TIMEOUT,
        verify=True,
    ):
        super().__init__(base_url, timeout, verify)
        if not (sp_id and sp_password):
            raise BackendError("VNPT SmartCA: the integration account is not set.")
        if not user_id:
            raise BackendError("VNPT SmartCA: the holder's user ID is not set.")
        self.sp_id = sp_id
        self.sp_password = sp_password
        self.user_id = user_id
        self.serial_number = serial_number
        self.description = description
        self.file_type = file_type
        self._load_certificate()

    def _call(self, path, payload):
        body = {"sp_id": self.sp_id, "sp_password": self.sp_password, **payload}
        status, answer = self._request(path, body)
        if not isinstance(answer, dict):
            raise BackendError("VNPT SmartCA gave an unreadable answer.")
        code = answer.get("status_code", status)
        try:
            code = int(code)
        except (TypeError, ValueError):
            code = status
        return code, answer

    def _error(self, code, answer):
        message = answer.get("message") or f"status {code}"
        if code == 401:
            return BackendError(
                f"VNPT SmartCA refused the integration account or user: {message}."
            )
        if code == 403:
            return BackendError(
                f"VNPT SmartCA: the certificate is not valid: {message}."
            )
        return BackendError(f"VNPT SmartCA refused the request: {message}.")

    def _load_certificate(self):
        code, answer = self._call(
            "v1/credentials/get_certificate",
            {
                "user_id": self.user_id,
                "serial_number": self.serial_number or "",
                "transaction_id": str(uuid.uuid4()),
            },
        )
        if code != 200:
            raise self._error(code, answer)
        certificates = (answer.get("data") or {}).get("user_certificates") or []
        if self.serial_number:
            certificates = [
                c for c in certificates if c.get("serial_number") == self.serial_number
            ]
        else:
            # Personal signing certificates before the organisation's seals.
            certificates.sort(key=lambda c: c.get("service_type") != "SMARTCA")
        if not certificates:
            raise BackendError("VNPT SmartCA has no certificate for this user.")
        chosen = certificates[0]
        self.serial_number = chosen.get("serial_number")
        self.certificate_info = chosen
        self.signing_cert = _load_certificate(chosen.get("cert_data"))
        chain = chosen.get("chain_data") or {}
        self.chain = tuple(
            _load_certificate(chain[key], "CA certificate")
            for key in ("ca_cert", "root_cert")
            if chain.get(key)
        )

    def sign_digest(self, digest, digest_algorithm, mechanism):
        self._check_mechanism(digest_algorithm, mechanism)
        transaction_id = str(uuid.uuid4())
        code, answer = self._call(
            "v1/signatures/sign",
            {
                "user_id": self.user_id,
                "transaction_id": transaction_id,
                "transaction_desc": self.description,
                "serial_number": self.serial_number,
                "sign_files": [
                    {
                        "file_type": self.file_type,
                        "data_to_be_signed": digest.hex(),
                        "doc_id": transaction_id,
                        "sign_type": "hash",
                    }
                ],
            },
        )
        if code != 200:
            raise self._error(code, answer)
        reference = (answer.get("data") or {}).get("transaction_id") or transaction_id
        raise SignaturePending(
            reference, "Approve the signature in the VNPT SmartCA app on your phone."
        )

    def fetch_signature(self, reference):
        code, answer = self._call(f"v1/signatures/sign/{reference}/status", {})
        message = (answer.get("message") or "").strip()
        data = answer.get("data") or {}
        signatures = [
            item.get("signature_value")
            for item in data.get("signatures") or ()
            if item.get("signature_value")
        ]
        if code == 200 and message.upper() == "SUCCESS" and signatures:
            return self._finish(signatures[0])
        lowered = message.lower()
        if any(word in lowered for word in self.REFUSED):
            raise BackendError("The signature was refused in the VNPT SmartCA app.")
        if any(word in lowered for word in self.EXPIRED):
            raise SignatureExpired(
                "The signature request expired before it was approved in the "
                "VNPT SmartCA app."
            )
        if code == 200 and (not message or lowered in self.WAITING):
            return None
        raise self._error(code, answer)


class ViettelMySignBackend(_PhoneApprovalBackend):
    """Viettel MySign: ``client_id`` / ``client_secret`` / ``profile_id`` of
    the integrating system, ``user_id`` the holder's MySign account
    (``CMT_...``)."""

    service_name = "Viettel MySign"
    PRODUCTION_URL = "https://remotesigning.viettel.vn"
    # requests/status answers (MySign integration document).
    SIGNED = "1"
    WAITING = ("0", "4000", "6000")
    EXPIRED = "4001"
    REFUSED = "4002"

    def __init__(
        self,
        client_id,
        client_secret,
        profile_id,
        user_id,
        base_url=PRODUCTION_URL,
        credential_id=None,
        description="e-Cabinet",
        timeout=DEFAULT_TIMEOUT,
        verify=True,
    ):
        super().__init__(base_url, timeout, verify)
        if not (client_id and client_secret and profile_id):
            raise BackendError("Viettel MySign: the integration account is not set.")
        if not user_id:
            raise BackendError("Viettel MySign: the holder's user ID is not set.")
        self.client_id = client_id
        self.client_secret = client_secret
        self.profile_id = profile_id
        self.user_id = user_id
        self.credential_id = credential_id
        self.description = description
        self._token = None
        self._login()
        self._load_certificate()

    def _login(self):
        status, body = self._request(
            "vtss/service/ras/v1/login",
            {
                "client_id": self.client_id,
                "client_secret": self.client_secret,
                "profile_id": self.profile_id,
                "user_id": self.user_id,
            },
        )
        if not isinstance(body, dict):
            body = {}
        if status != 200 or not body.get("access_token"):
            raise BackendError(
                "Viettel MySign refused the integration account or user: "
                f"{body.get('error_description') or body.get('error') or status}."
            )
        self._token = body["access_token"]

    def _call(self, path, payload, expect=dict):
        headers = {"Authorization": f"Bearer {self._token}"}
        status, body = self._request(path, payload, headers)
        if status == 401:
            self._login()  # the token lasts an hour
            headers = {"Authorization": f"Bearer {self._token}"}
            status, body = self._request(path, payload, headers)
        if status != 200:
            description = (
                (body.get("error_description") or body.get("error") or status)
                if isinstance(body, dict)
                else status
            )
            raise BackendError(f"Viettel MySign refused the request: {description}.")
        if not isinstance(body, expect):
            raise BackendError("Viettel MySign gave an unreadable answer.")
        return body

    def _load_certificate(self):
        body = self._call(
            "vtss/service/certificates/info",
            {
                "client_id": self.client_id,
                "client_secret": self.client_secret,
                "profile_id": self.profile_id,
                "user_id": self.user_id,
                "certificates": "chain",
                "certInfo": True,
                "authInfo": True,
            },
            expect=list,
        )
        credentials = body
        if self.credential_id:
            credentials = [
                c for c in credentials if c.get("credential_id") == self.credential_id
            ]
        credentials = [
            c for c in credentials if (c.get("cert") or {}).get("status") == "valid"
        ]
        if not credentials:
            raise BackendError("Viettel MySign has no valid certificate for this user.")
        chosen = credentials[0]
        self.credential_id = chosen["credential_id"]
        certs = [_load_certificate(c) for c in chosen["cert"].get("certificates") or []]
        if not certs:
            raise BackendError("Viettel MySign sent no certificate.")
        self.signing_cert = certs[0]
        self.chain = tuple(certs[1:])

    def sign_digest(self, digest, digest_algorithm, mechanism):
        self._check_mechanism(digest_algorithm, mechanism)
        document_id = str(uuid.uuid4())
        body = self._call(
            "vtss/service/signHash",
            {
                "client_id": self.client_id,
                "client_secret": self.client_secret,
                "credentialID": self.credential_id,
                "numSignatures": 1,
                # MySign wants free text base64-encoded (UTF-8).
                "description": base64.b64encode(self.description.encode()).decode(),
                "documents": [
                    {
                        "document_id": document_id,
                        "document_name": base64.b64encode(
                            self.description.encode()
                        ).decode(),
                    }
                ],
                "hash": [base64.b64encode(digest).decode()],
                "hashAlgo": DIGEST_OIDS[digest_algorithm],
                "signAlgo": OID_RSA
                if self.mechanism() == MECHANISM_RSA_PKCS1V15
                else OID_EC,
                "async": 1,
            },
        )
        if not body.get("transactionId"):
            raise BackendError("Viettel MySign did not start the signature request.")
        raise SignaturePending(
            body["transactionId"],
            "Approve the signature in the Viettel MySign app on your phone.",
        )

    def fetch_signature(self, reference):
        body = self._call("vtss/service/requests/status", {"transactionId": reference})
        status = str(body.get("status", ""))
        if status == self.SIGNED:
            signatures = body.get("signatures") or []
            if not signatures:
                raise BackendError("Viettel MySign returned no signature.")
            return self._finish(signatures[0])
        if status in self.WAITING:
            return None
        if status == self.REFUSED:
            raise BackendError("The signature was refused in the Viettel MySign app.")
        if status == self.EXPIRED:
            raise SignatureExpired(
                "The signature request expired before it was approved in the "
                "Viettel MySign app."
            )
        description = body.get("description") or body.get("error_description")
        message = f"Viettel MySign could not sign (status {status})"
        if description:
            message += f": {description}"
        raise BackendError(message + ".")
