# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A real HTTP server on loopback speaking the Cloud Signature Consortium API
v1.0.4 (JSON over POST), holding real private keys.

Methods: ``oauth2/token`` (client-credentials grant), ``csc/v1/info``,
``csc/v1/credentials/list``, ``credentials/info``, ``credentials/authorize``
(PIN checked, SAD bound to the hashes, single use, expiring) and
``signatures/signHash`` (RSASSA-PSS with the parameters given in
``signAlgoParams``, sha256WithRSAEncryption, ecdsa-with-SHA256 as DER). Errors
are answered as the specification says: HTTP 400/401 with ``error`` and
``error_description``.

Usage::

    with CscServer({"cred-rsa": (key, [cert, root_cert])}) as server:
        backend = CscBackend(server.url, access_token=server.access_token)
        server.requests  # every (method, payload) received
"""

import base64
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

from asn1crypto import algos
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

PKCS1 = {"1.2.840.113549.1.1.11": hashes.SHA256}
ECDSA = {"1.2.840.10045.4.3.2": hashes.SHA256}
PSS = "1.2.840.113549.1.1.10"


class JsonHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):  # noqa: N802 (http.server API)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        content_type = (self.headers.get("Content-Type") or "").split(";")[0]
        try:
            if content_type == "application/x-www-form-urlencoded":
                payload = dict(parse_qsl(raw.decode()))
            else:
                payload = json.loads(raw.decode() or "{}")
        except ValueError:
            payload = None
        status, answer = self.server.owner.handle(
            self.path, self.headers.get("Authorization") or "", payload
        )
        body = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass


class JsonServer:
    """Threaded HTTP server on 127.0.0.1 and an ephemeral port."""

    thread_name = "fake-json-server"

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []
        self._httpd = None
        self._thread = None

    def __enter__(self):
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), JsonHandler)
        self._httpd.daemon_threads = True
        self._httpd.owner = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=self.thread_name,
            daemon=True,
        )
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    @property
    def url(self):
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def handle(self, path, authorization, payload):
        with self.lock:
            self.requests.append((path, payload))
            if not isinstance(payload, dict):
                return 400, {
                    "error": "invalid_request",
                    "error_description": "Malformed JSON",
                }
            return self.dispatch(path, authorization, payload)

    def dispatch(self, path, authorization, payload):
        raise NotImplementedError


def error(description, code="invalid_request", status=400):
    return status, {"error": code, "error_description": description}


class CscServer(JsonServer):
    """``credentials``: ``{credential_id: (private_key, [cert, *chain])}``
    (``cryptography`` objects). Every credential has the PIN ``pin``."""

    thread_name = "fake-csc-server"

    def __init__(
        self,
        credentials,
        pin="12345678",
        client_id="ecabinet",
        client_secret="csc-client-secret",
        sad_lifetime=300,
        offer_pss=True,
    ):
        super().__init__()
        self.credentials = credentials
        self.pin = pin
        self.client_id = client_id
        self.client_secret = client_secret
        self.access_token = secrets.token_urlsafe(16)
        self.sad_lifetime = sad_lifetime
        self.offer_pss = offer_pss
        self.sads = {}  # SAD: (credential, hashes, expiry)
        self.signed = []  # (credential_id, signAlgo) of every signature made

    @property
    def token_url(self):
        return f"{self.url}/oauth2/token"

    def dispatch(self, path, authorization, payload):
        if path == "/oauth2/token":
            if (
                payload.get("grant_type") != "client_credentials"
                or payload.get("client_id") != self.client_id
                or payload.get("client_secret") != self.client_secret
            ):
                return error("Invalid client credentials", "invalid_client")
            return 200, {
                "access_token": self.access_token,
                "token_type": "Bearer",
                "expires_in": 3600,
            }
        if path == "/csc/v1/info":
            return 200, {
                "specs": "1.0.4.0",
                "name": "e-Cabinet test CSC service",
                "logo": "",
                "region": "VN",
                "lang": "en-US",
                "description": "Loopback CSC service for tests",
                "authType": ["oauth2client"],
                "oauth2": self.url,
                "methods": [
                    "credentials/list",
                    "credentials/info",
                    "credentials/authorize",
                    "signatures/signHash",
                ],
            }
        if authorization != f"Bearer {self.access_token}":
            return error("The access token is not valid", "invalid_token", 401)
        method = path.removeprefix("/csc/v1/")
        handler = {
            "credentials/list": self._list,
            "credentials/info": self._info,
            "credentials/authorize": self._authorize,
            "signatures/signHash": self._sign_hash,
        }.get(method)
        if handler is None:
            return error(f"Unknown method {method}", status=404)
        return handler(payload)

    def _credential(self, payload):
        return self.credentials.get(payload.get("credentialID"))

    def _list(self, payload):
        return 200, {"credentialIDs": list(self.credentials)}

    def _info(self, payload):
        credential = self._credential(payload)
        if credential is None:
            return error("Invalid parameter credentialID")
        key, certs = credential
        if isinstance(key, rsa.RSAPrivateKey):
            algo = ["1.2.840.113549.1.1.1", "1.2.840.113549.1.1.11"]
            if self.offer_pss:
                algo.append(PSS)
        else:
            algo = ["1.2.840.10045.2.1", "1.2.840.10045.4.3.2"]
        cert = certs[0]
        return 200, {
            "key": {"status": "enabled", "algo": algo, "len": key.key_size},
            "cert": {
                "status": "valid",
                "certificates": [
                    base64.b64encode(
                        c.public_bytes(serialization.Encoding.DER)
                    ).decode()
                    for c in certs
                ],
                "issuerDN": cert.issuer.rfc4514_string(),
                "serialNumber": format(cert.serial_number, "x"),
                "subjectDN": cert.subject.rfc4514_string(),
                "validFrom": cert.not_valid_before_utc.strftime("%Y%m%d%H%M%SZ"),
                "validTo": cert.not_valid_after_utc.strftime("%Y%m%d%H%M%SZ"),
            },
            "authMode": "explicit",
            "PIN": {"presence": "true", "format": "N", "label": "PIN"},
            "OTP": {"presence": "false"},
            "multisign": 1,
            "lang": "en-US",
        }

    def _authorize(self, payload):
        if self._credential(payload) is None:
            return error("Invalid parameter credentialID")
        if payload.get("PIN") != self.pin:
            return error("The PIN is not valid", "invalid_pin")
        hashes_ = payload.get("hash") or []
        if int(payload.get("numSignatures") or 0) != len(hashes_) or not hashes_:
            return error("Invalid parameter numSignatures")
        sad = secrets.token_urlsafe(24)
        self.sads[sad] = (
            payload["credentialID"],
            list(hashes_),
            time.monotonic() + self.sad_lifetime,
        )
        return 200, {"SAD": sad, "expiresIn": self.sad_lifetime}

    def _sign_hash(self, payload):
        credential = self._credential(payload)
        if credential is None:
            return error("Invalid parameter credentialID")
        grant = self.sads.pop(payload.get("SAD"), None)  # single use
        if (
            grant is None
            or grant[0] != payload["credentialID"]
            or grant[2] < time.monotonic()
        ):
            return error("Invalid parameter SAD")
        if grant[1] != payload.get("hash"):
            return error("The hash to be signed is not related to the SAD")
        key, _certs = credential
        algorithm = payload.get("signAlgo")
        signatures = []
        for value in payload["hash"]:
            digest = base64.b64decode(value)
            try:
                signature = self._sign(key, algorithm, payload, digest)
            except (ValueError, TypeError, KeyError):
                return error("Invalid parameter signAlgo")
            signatures.append(base64.b64encode(signature).decode())
            self.signed.append((payload["credentialID"], algorithm))
        return 200, {"signatures": signatures}

    def _sign(self, key, algorithm, payload, digest):
        if algorithm == PSS and isinstance(key, rsa.RSAPrivateKey):
            params = algos.RSASSAPSSParams.load(
                base64.b64decode(payload["signAlgoParams"])
            )
            hash_name = params["hash_algorithm"]["algorithm"].native
            hash_class = {"sha256": hashes.SHA256, "sha384": hashes.SHA384}[hash_name]
            pss = padding.PSS(
                mgf=padding.MGF1(hash_class()),
                salt_length=params["salt_length"].native,
            )
            return key.sign(digest, pss, utils.Prehashed(hash_class()))
        if algorithm in PKCS1 and isinstance(key, rsa.RSAPrivateKey):
            prehashed = utils.Prehashed(PKCS1[algorithm]())
            return key.sign(digest, padding.PKCS1v15(), prehashed)
        if algorithm in ECDSA and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(digest, ec.ECDSA(utils.Prehashed(ECDSA[algorithm]())))
        raise ValueError(algorithm)
