# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A real HTTP server on loopback standing in for eSMS.vn's brandname SMS API.

It implements the parts of eSMS's API v4 that e-Cabinet uses
(https://developers.esms.vn): ``SendMultipleMessage_V4_post_json`` (JSON body) and
``SendMultipleMessage_V4_post`` (form body), with the fields ApiKey, SecretKey,
Phone, Content, Brandname, SmsType, IsUnicode and RequestId, and the answers
``{"CodeResult": "100", "SMSID": ...}`` (accepted), 101 (wrong ApiKey/SecretKey),
104 (unknown brandname), 108 (number in the wrong format), 99 (number blocked) and
124 (duplicate RequestId: a message with this RequestId was already accepted).

Usage::

    with SmsGatewayServer() as server:
        env["ecabinet.sms.gateway"].create(server.gateway_vals())
        server.mode = "error500"  # or ok, timeout, bad_credentials, bad_number
        ...
        server.requests   # every request received, in order
        server.delivered  # the requests accepted with CodeResult 100
"""

import json
import logging
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl
from uuid import uuid4

JSON_PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/"
FORM_PATH = "/MainService.svc/json/SendMultipleMessage_V4_post/"
MODES = ("ok", "error500", "timeout", "bad_credentials", "bad_number")

_logger = logging.getLogger(__name__)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):  # noqa: N802 (http.server API)
        owner = self.server.owner
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, answer = owner._answer(self.path, self.headers, raw)
        if owner.mode == "timeout":
            # The provider took the message but its answer comes too late.
            owner._release.wait(owner.timeout_delay)
        body = json.dumps(answer).encode() if answer is not None else b"Server Error"
        try:
            self.send_response(status)
            self.send_header(
                "Content-Type",
                "application/json" if answer is not None else "text/plain",
            )
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError as error:  # the client gave up waiting
            _logger.debug("eSMS test server: answer not delivered: %s", error)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass


class SmsGatewayServer:
    """eSMS.vn on 127.0.0.1 and an ephemeral port; see the module's docstring.

    ``mode`` (settable at any time): ``ok``; ``error500`` (HTTP 500, nothing
    sent); ``timeout`` (the message is accepted but the answer is held back
    ``timeout_delay`` seconds, longer than the gateway waits); ``bad_credentials``
    (CodeResult 101); ``bad_number`` (CodeResult 99). In every mode but
    ``error500`` the credentials, the brandname and the number are checked as
    eSMS does, and a RequestId already accepted gets 124 instead of a second
    message.
    """

    def __init__(
        self,
        api_key="esms-test-api-key",
        secret_key="esms-test-secret",
        brandname="UBND",
    ):
        self.api_key = api_key
        self.secret_key = secret_key
        self.brandname = brandname
        self._mode = "ok"
        # Odoo's test harness raises request timeouts under 10 s to 10 s, so the
        # held answer must come later than that to be a timeout for the client.
        self.timeout_delay = 11
        self._lock = threading.Lock()
        self._requests = []
        self._accepted = {}  # RequestId: SMSID
        self._release = threading.Event()
        self._httpd = None
        self._thread = None

    # Context manager ----------------------------------------------------------------

    def __enter__(self):
        self._release.clear()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.owner = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name="esms-test-server", daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._release.set()  # answer the held requests now
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()
        self._httpd = self._thread = None

    @property
    def mode(self):
        return self._mode

    @mode.setter
    def mode(self, mode):
        if mode not in MODES:
            raise ValueError(f"Unknown mode {mode!r}: one of {', '.join(MODES)}")
        self._mode = mode

    # What the tests read --------------------------------------------------------

    @property
    def url(self):
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}{JSON_PATH}"

    @property
    def form_url(self):
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}{FORM_PATH}"

    @property
    def requests(self):
        """Every request, in order: ``{"path", "content_type", "payload" (the
        decoded body), "status" (HTTP), "code" (CodeResult or None)}``."""
        with self._lock:
            return [dict(request) for request in self._requests]

    @property
    def delivered(self):
        """Payloads of the messages accepted (CodeResult 100), in order."""
        return [r["payload"] for r in self.requests if r["code"] == "100"]

    def gateway_vals(self, **overrides):
        """Values of an ``ecabinet.sms.gateway`` talking to this server."""
        return {
            "name": "eSMS (local test server)",
            "provider": "esms",
            "url": self.url,
            "api_key": self.api_key,
            "secret_key": self.secret_key,
            "sender": self.brandname,
            "timeout": 1,
            **overrides,
        }

    # Protocol -------------------------------------------------------------------

    def _answer(self, path, headers, raw):
        content_type = (headers.get("Content-Type") or "").split(";")[0].strip()
        request = {
            "path": path,
            "content_type": content_type,
            "payload": None,
            "status": 200,
            "code": None,
        }
        try:
            if path == JSON_PATH and content_type == "application/json":
                request["payload"] = json.loads(raw.decode())
            elif path == FORM_PATH and content_type == (
                "application/x-www-form-urlencoded"
            ):
                request["payload"] = dict(parse_qsl(raw.decode()))
        except ValueError:
            request["payload"] = None  # answered with HTTP 400
        with self._lock:
            status, answer = self._process(request["payload"])
            request["status"] = status
            request["code"] = answer and answer.get("CodeResult")
            self._requests.append(request)
        return status, answer

    def _process(self, payload):
        if self.mode == "error500":
            return 500, None
        if not isinstance(payload, dict):
            return 400, {"CodeResult": "99", "ErrorMessage": "Invalid request."}
        if (
            self.mode == "bad_credentials"
            or payload.get("ApiKey") != self.api_key
            or payload.get("SecretKey") != self.secret_key
        ):
            return 200, {
                "CodeResult": "101",
                "ErrorMessage": "Incorrect ApiKey or SecretKey.",
            }
        if self.brandname and payload.get("Brandname") != self.brandname:
            return 200, {
                "CodeResult": "104",
                "ErrorMessage": "Brandname/Call code does not exist.",
            }
        if not re.fullmatch(r"(0|84)\d{9}", str(payload.get("Phone") or "")):
            return 200, {
                "CodeResult": "108",
                "ErrorMessage": "Phone number is not in correct format.",
            }
        if self.mode == "bad_number":
            return 200, {
                "CodeResult": "99",
                "ErrorMessage": "The phone number is blocked in the system.",
            }
        request_id = payload.get("RequestId")
        if request_id and request_id in self._accepted:
            return 200, {"CodeResult": "124", "ErrorMessage": "Duplicate RequestId."}
        sms_id = uuid4().hex
        if request_id:
            self._accepted[request_id] = sms_id
        return 200, {"CodeResult": "100", "CountRegenerate": 0, "SMSID": sms_id}
