# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Real HTTP servers on loopback for the phone-approval signing services.

:class:`SmartCaServer` speaks VNPT SmartCA's API (integration guide v4.1,
``/sca/sp769``): ``v1/credentials/get_certificate``, ``v1/signatures/sign``
(answers ``sig_wait_for_user_confirm``) and
``v1/signatures/sign/{transaction_id}/status``; every answer carries
``status_code`` / ``message`` / ``data`` as VNPT's do, with 401
``SP_CREDENTIAL_INVALID`` for a wrong integration account.

:class:`MySignServer` speaks Viettel MySign's gateway: ``vtss/service/ras/v1/
login`` (bearer token), ``vtss/service/certificates/info``,
``vtss/service/signHash`` (``async``: returns ``transactionId``) and
``vtss/service/requests/status`` (``status`` 4000 waiting, 1 signed with
``signatures``, 4001 expired, 4002 refused).

Both hold a real private key. A request stays pending until the test, playing
the holder on the phone, calls :meth:`approve` (the server then signs the
submitted hash, RSA PKCS#1 v1.5), :meth:`refuse` or :meth:`expire` with the
transaction id; a request not answered within ``lifetime`` seconds expires.
"""

import base64
import secrets
import time

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, utils

from .fake_csc_server import JsonServer


def b64_der(cert):
    return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()


class _PhoneServer(JsonServer):
    def __init__(self, key, certs, lifetime=240):
        super().__init__()
        self.key = key
        self.certs = certs
        self.lifetime = lifetime
        self.transactions = {}  # id: {"hash", "state", "deadline", "signature"}

    def _open(self, transaction_id, digest):
        self.transactions[transaction_id] = {
            "hash": digest,
            "state": "pending",
            "deadline": time.monotonic() + self.lifetime,
            "signature": None,
        }

    def _state(self, transaction_id):
        transaction = self.transactions.get(transaction_id)
        if transaction is None:
            return None
        if (
            transaction["state"] == "pending"
            and time.monotonic() > transaction["deadline"]
        ):
            transaction["state"] = "expired"
        return transaction

    # What the holder does on the phone ----------------------------------------------

    @property
    def pending(self):
        with self.lock:
            return [
                tid
                for tid in self.transactions
                if self._state(tid)["state"] == "pending"
            ]

    def approve(self, transaction_id):
        with self.lock:
            transaction = self._state(transaction_id)
            if transaction["state"] != "pending":
                raise ValueError(
                    f"transaction {transaction_id} is {transaction['state']}"
                )
            transaction["signature"] = self.key.sign(
                transaction["hash"],
                padding.PKCS1v15(),
                utils.Prehashed(hashes.SHA256()),
            )
            transaction["state"] = "signed"

    def refuse(self, transaction_id):
        with self.lock:
            self._state(transaction_id)["state"] = "refused"

    def expire(self, transaction_id):
        with self.lock:
            self._state(transaction_id)["state"] = "expired"


class SmartCaServer(_PhoneServer):
    thread_name = "fake-smartca-server"
    prefix = "/sca/sp769/"

    def __init__(
        self,
        key,
        certs,
        sp_id="4184-ecabinet.apps.signserviceapi.com",
        sp_password="NGNhMzdmOGE-test",
        user_id="001090012345",
        lifetime=240,
    ):
        super().__init__(key, certs, lifetime)
        self.sp_id = sp_id
        self.sp_password = sp_password
        self.user_id = user_id
        self.serial_number = format(certs[0].serial_number, "x")

    @property
    def base_url(self):
        return f"{self.url}/sca/sp769"

    def backend_vals(self, **overrides):
        return {
            "sp_id": self.sp_id,
            "sp_password": self.sp_password,
            "user_id": self.user_id,
            "base_url": self.base_url,
            **overrides,
        }

    @staticmethod
    def answer(code, message, data=None):
        return 200 if code == 200 else code, {
            "status_code": code,
            "message": message,
            "data": data,
        }

    def dispatch(self, path, authorization, payload):
        if not path.startswith(self.prefix):
            return self.answer(404, "NOT_FOUND")
        method = path.removeprefix(self.prefix)
        if method.startswith("v1/signatures/sign/") and method.endswith("/status"):
            transaction_id = method.split("/")[3]
            return self._status(transaction_id)
        if (
            payload.get("sp_id") != self.sp_id
            or payload.get("sp_password") != self.sp_password
        ):
            return self.answer(401, "SP_CREDENTIAL_INVALID")
        if payload.get("user_id") != self.user_id:
            return self.answer(401, "USER_NOT_FOUND")
        if method == "v1/credentials/get_certificate":
            return self._certificate(payload)
        if method == "v1/signatures/sign":
            return self._sign(payload)
        return self.answer(404, "NOT_FOUND")

    def _certificate(self, payload):
        cert = self.certs[0]
        return self.answer(
            200,
            "Success",
            {
                "user_certificates": [
                    {
                        "service_type": "SMARTCA",
                        "service_name": "SMARTCA PERSONAL PRO",
                        "cert_id": "fcfffddf-2bed-4dda-8276-d00b4c3df6c9",
                        "cert_status": "Đang hoạt động",
                        "serial_number": self.serial_number,
                        "cert_subject": cert.subject.rfc4514_string(),
                        "cert_valid_from": cert.not_valid_before_utc.isoformat(),
                        "cert_valid_to": cert.not_valid_after_utc.isoformat(),
                        "cert_data": b64_der(cert),
                        # the issuing CA, and the root when the chain has it
                        "chain_data": {
                            "ca_cert": b64_der(self.certs[1]),
                            "root_cert": b64_der(self.certs[2])
                            if len(self.certs) > 2
                            else None,
                        },
                        "transaction_id": payload.get("transaction_id"),
                    }
                ]
            },
        )

    def _sign(self, payload):
        files = payload.get("sign_files") or []
        transaction_id = payload.get("transaction_id")
        if len(files) != 1 or not transaction_id:
            return self.answer(400, "BAD_REQUEST")
        if transaction_id in self.transactions:
            return self.answer(400, "TRANSACTION_ID_DUPLICATED")
        if payload.get("serial_number") not in (None, "", self.serial_number):
            return self.answer(403, "CREDENTIAL_STATUS_INVALID")
        try:
            digest = bytes.fromhex(files[0]["data_to_be_signed"])
        except (KeyError, ValueError):
            return self.answer(400, "BAD_REQUEST")
        if files[0].get("sign_type") != "hash" or len(digest) != 32:
            return self.answer(400, "BAD_REQUEST")
        self._open(transaction_id, digest)
        return self.answer(
            200,
            "sig_wait_for_user_confirm",
            {"transaction_id": transaction_id, "tran_code": secrets.token_hex(16)},
        )

    def _status(self, transaction_id):
        transaction = self._state(transaction_id)
        if transaction is None:
            return self.answer(400, "TRANSACTION_NOT_FOUND")
        state = transaction["state"]
        if state == "pending":
            return self.answer(
                200,
                "sig_wait_for_user_confirm",
                {"transaction_id": transaction_id, "signatures": None},
            )
        if state == "refused":
            return self.answer(400, "SIG_REJECTED_BY_USER")
        if state == "expired":
            return self.answer(400, "SIG_TRANSACTION_EXPIRED")
        return self.answer(
            200,
            "SUCCESS",
            {
                "transaction_id": transaction_id,
                "signatures": [
                    {
                        "doc_id": transaction_id,
                        "signature_value": base64.b64encode(
                            transaction["signature"]
                        ).decode(),
                        "timestamp_signature": None,
                    }
                ],
            },
        )


class MySignServer(_PhoneServer):
    thread_name = "fake-mysign-server"

    def __init__(
        self,
        key,
        certs,
        client_id="Test_Demo_Mysign",
        client_secret="860c5746f30d705ef9b16e0adbd7b5f6",
        profile_id="adss:ras:profile:001",
        user_id="CMT_001090012345",
        lifetime=120,
    ):
        super().__init__(key, certs, lifetime)
        self.client_id = client_id
        self.client_secret = client_secret
        self.profile_id = profile_id
        self.user_id = user_id
        self.credential_id = "001090012345_2482540_20261129114147"
        self.tokens = set()

    def backend_vals(self, **overrides):
        return {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "profile_id": self.profile_id,
            "user_id": self.user_id,
            "base_url": self.url,
            **overrides,
        }

    def dispatch(self, path, authorization, payload):
        if path == "/vtss/service/ras/v1/login":
            if (
                payload.get("client_id") != self.client_id
                or payload.get("client_secret") != self.client_secret
            ):
                return 400, {
                    "error": "86024",
                    "error_description": "Client secret is invalid",
                }
            if payload.get("user_id") != self.user_id:
                return 400, {
                    "error": "58008",
                    "error_description": "User ID does not exist",
                }
            token = secrets.token_urlsafe(16)
            self.tokens.add(token)
            return 200, {
                "access_token": token,
                "refresh_token": "",
                "token_type": "Bearer",
                "expires_in": "3600",
            }
        if authorization.removeprefix("Bearer ") not in self.tokens:
            return 401, {"error": "401", "error_description": "Unauthorized"}
        if path == "/vtss/service/certificates/info":
            cert = self.certs[0]
            return 200, [
                {
                    "description": "Go>Sign mobile based implicit credential "
                    "authorization",
                    "key": {
                        "status": "enabled",
                        "algo": ["1.2.840.113549.1.1.1"],
                        "len": "2048",
                        "curve": None,
                    },
                    "cert": {
                        "status": "valid",
                        "certificates": [b64_der(c) for c in self.certs],
                        "issuerDN": cert.issuer.rfc4514_string(),
                        "serialNumber": str(cert.serial_number),
                        "subjectDN": cert.subject.rfc4514_string(),
                    },
                    "authMode": "implicit",
                    "multisign": "2147483647",
                    "credential_id": self.credential_id,
                    "scal": "2",
                }
            ]
        if path == "/vtss/service/signHash":
            hashes_ = payload.get("hash") or []
            if (
                payload.get("credentialID") != self.credential_id
                or len(hashes_) != 1
                or payload.get("numSignatures") != 1
            ):
                return 400, {"error": "400", "error_description": "Bad request"}
            transaction_id = secrets.token_hex(16)
            self._open(transaction_id, base64.b64decode(hashes_[0]))
            return 200, {"transactionId": transaction_id}
        if path == "/vtss/service/requests/status":
            transaction = self._state(payload.get("transactionId"))
            if transaction is None:
                return 200, {"status": "4004", "description": "Signing failed"}
            state = transaction["state"]
            if state == "signed":
                value = base64.encodebytes(transaction["signature"]).decode()
                return 200, {"status": "1", "signatures": [value]}
            return 200, {
                "status": {"pending": "4000", "expired": "4001", "refused": "4002"}[
                    state
                ]
            }
        return 404, {"error": "404", "error_description": "Not found"}
