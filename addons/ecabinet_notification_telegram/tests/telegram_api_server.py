# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A local stand-in for the Telegram Bot API, for python-telegram-bot to talk to.

It answers ``POST|GET /bot<token>/<method>`` with JSON, form or multipart bodies,
like https://api.telegram.org does, for the methods e-Cabinet uses: getMe,
sendMessage, answerCallbackQuery, editMessageReplyMarkup, setWebhook,
deleteWebhook and getWebhookInfo. Answers are ``{"ok": true, "result": ...}``
with Telegram's Message, User and Chat objects; errors are
``{"ok": false, "error_code": ..., "description": ...}`` with Telegram's texts.

``mode`` makes it misbehave:

- ``ok``: work;
- ``error500``: answer 500 Internal Server Error;
- ``timeout``: hold the request (``delay`` seconds), then drop the connection
  without doing anything;
- ``unauthorized``: answer 401 Unauthorized, as for a revoked token;
- ``blocked``: sendMessage answers 403, the member blocked the bot;
- ``chat_not_found``: sendMessage answers 400, the chat does not exist.

``fail_methods`` limits the mode to some methods (``None``: all of them).

Usage::

    with TelegramApiServer("123456:ABC") as api:
        company.ecabinet_telegram_api_url = api.url
        api.mode = "error500"
        ...
        api.calls_of("sendMessage")  # what python-telegram-bot sent
"""

import email.parser
import email.policy
import itertools
import json
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

_logger = logging.getLogger(__name__)

MODES = ("ok", "error500", "timeout", "unauthorized", "blocked", "chat_not_found")
# Parameters sent JSON-serialized in form bodies (the Bot API's "JSON-serialized").
JSON_PARAMETERS = {
    "reply_markup",
    "allowed_updates",
    "show_alert",
    "drop_pending_updates",
    "disable_notification",
    "protect_content",
    "link_preview_options",
    "reply_parameters",
    "entities",
}
INTEGER_PARAMETERS = {"chat_id", "message_id", "max_connections", "cache_time"}
SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
PATH = re.compile(r"/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)/?")


@dataclass
class Call:
    """One request received: its method, decoded parameters and HTTP status
    (0 when the connection was dropped, as in ``timeout`` mode)."""

    method: str
    params: dict
    status: int
    token: str = ""
    at: float = field(default_factory=time.time)

    @property
    def ok(self):
        return self.status == HTTPStatus.OK


class ApiError(Exception):
    def __init__(self, code, description, parameters=None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


class TelegramApiServer:
    def __init__(self, token, bot_username="ecabinet_test_bot", delay=3.0):
        self.token = token
        bot_id = token.split(":")[0]
        self.bot_user = {
            "id": int(bot_id) if bot_id.isdigit() else 1,
            "is_bot": True,
            "first_name": "e-Cabinet",
            "username": bot_username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.mode = "ok"
        self.fail_methods = None
        self.delay = delay
        self.webhook = {}
        self.chats = {}  # chat id: Chat object, for the messages sent there
        self.messages = {}  # (chat id, message id): Message object
        self._calls = []
        self._lock = threading.Lock()
        self._message_ids = itertools.count(1001)
        self._stopping = threading.Event()
        self._server = None
        self._thread = None

    # Context manager ----------------------------------------------------------

    def __enter__(self):
        api = self

        class Handler(ApiRequestHandler):
            server_api = api

        self._stopping.clear()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="telegram-api-server",
            daemon=True,
        )
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    @property
    def url(self):
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # What was received ----------------------------------------------------------

    @property
    def calls(self):
        with self._lock:
            return list(self._calls)

    def calls_of(self, method, ok_only=False):
        return [
            call
            for call in self.calls
            if call.method == method and (call.ok or not ok_only)
        ]

    def reset(self):
        with self._lock:
            self._calls.clear()

    def add_chat(self, chat_id, first_name="Member", username=None):
        chat = {"id": int(chat_id), "type": "private", "first_name": first_name}
        if username:
            chat["username"] = username
        with self._lock:
            self.chats[int(chat_id)] = chat
        return chat

    def _record(self, call):
        with self._lock:
            self._calls.append(call)

    # The Bot API ---------------------------------------------------------------

    def _failing(self, method):
        return self.mode != "ok" and (
            self.fail_methods is None or method in self.fail_methods
        )

    def handle(self, token, method, params):
        """Answer one API request: ``(status, body dict)``, or ``None`` to drop
        the connection."""
        failing = self._failing(method)
        if failing and self.mode == "timeout":
            # Recorded now: the client gives up long before the answer would come.
            self._record(Call(method, params, 0, token))
            self._stopping.wait(self.delay)
            return None
        if token != self.token or (failing and self.mode == "unauthorized"):
            raise ApiError(HTTPStatus.UNAUTHORIZED, "Unauthorized")
        if failing and self.mode == "error500":
            raise ApiError(HTTPStatus.INTERNAL_SERVER_ERROR, "Internal Server Error")
        handler = getattr(self, f"api_{method}", None)
        if not handler:
            raise ApiError(HTTPStatus.NOT_FOUND, "Not Found")
        result = handler(params, failing)
        if isinstance(result, tuple):  # (result, description)
            return HTTPStatus.OK, {
                "ok": True,
                "result": result[0],
                "description": result[1],
            }
        return HTTPStatus.OK, {"ok": True, "result": result}

    def api_getMe(self, params, failing):  # noqa: N802 (Bot API names)
        return self.bot_user

    def _chat(self, params):
        chat_id = params.get("chat_id")
        if chat_id in (None, ""):
            raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: chat_id is empty")
        if not isinstance(chat_id, int):
            raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: chat not found")
        with self._lock:
            chat = self.chats.get(chat_id)
        return chat or {"id": chat_id, "type": "private", "first_name": "Member"}

    @staticmethod
    def _check_markup(markup):
        if markup is None:
            return None
        if not isinstance(markup, dict) or not isinstance(
            markup.get("inline_keyboard"), list
        ):
            raise ApiError(
                HTTPStatus.BAD_REQUEST, "Bad Request: can't parse reply keyboard markup"
            )
        for row in markup["inline_keyboard"]:
            for button in row:
                if not button.get("text"):
                    raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: text is empty")
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise ApiError(
                        HTTPStatus.BAD_REQUEST, "Bad Request: BUTTON_DATA_INVALID"
                    )
        return markup

    def api_sendMessage(self, params, failing):  # noqa: N802
        chat = self._chat(params)
        if failing and self.mode == "blocked":
            raise ApiError(
                HTTPStatus.FORBIDDEN, "Forbidden: bot was blocked by the user"
            )
        if failing and self.mode == "chat_not_found":
            raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: chat not found")
        text = params.get("text") or ""
        if not text.strip():
            raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: message text is empty")
        if len(text) > 4096:
            raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: message is too long")
        markup = self._check_markup(params.get("reply_markup"))
        message = {
            "message_id": next(self._message_ids),
            "from": self.bot_user,
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        if markup:
            message["reply_markup"] = markup
        with self._lock:
            self.messages[(chat["id"], message["message_id"])] = message
        return message

    def api_answerCallbackQuery(self, params, failing):  # noqa: N802
        if not params.get("callback_query_id"):
            raise ApiError(
                HTTPStatus.BAD_REQUEST,
                "Bad Request: query is too old and response "
                "timeout expired or query ID is invalid",
            )
        if len(params.get("text") or "") > 200:
            raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def api_editMessageReplyMarkup(self, params, failing):  # noqa: N802
        chat = self._chat(params)
        key = (chat["id"], params.get("message_id"))
        markup = self._check_markup(params.get("reply_markup"))
        with self._lock:
            message = self.messages.get(key)
            if not message:
                raise ApiError(
                    HTTPStatus.BAD_REQUEST, "Bad Request: message to edit not found"
                )
            if message.get("reply_markup") == markup:
                raise ApiError(
                    HTTPStatus.BAD_REQUEST,
                    "Bad Request: message is not modified: specified new message "
                    "content and reply markup are exactly the same as a current "
                    "content and reply markup of the message",
                )
            if markup:
                message["reply_markup"] = markup
            else:
                message.pop("reply_markup", None)
            message["edit_date"] = int(time.time())
            return dict(message)

    def api_setWebhook(self, params, failing):  # noqa: N802
        url = params.get("url") or ""
        if url and not url.startswith("https://"):
            raise ApiError(
                HTTPStatus.BAD_REQUEST,
                "Bad Request: bad webhook: An HTTPS URL must be provided for webhook",
            )
        secret = params.get("secret_token")
        if secret is not None and not SECRET_TOKEN.fullmatch(secret):
            raise ApiError(
                HTTPStatus.BAD_REQUEST,
                "Bad Request: secret token contains unallowed characters",
            )
        with self._lock:
            self.webhook = {
                "url": url,
                "secret_token": secret,
                "allowed_updates": params.get("allowed_updates"),
            }
        return True, "Webhook was set" if url else "Webhook was deleted"

    def api_deleteWebhook(self, params, failing):  # noqa: N802
        with self._lock:
            self.webhook = {}
        return True, "Webhook was deleted"

    def api_getWebhookInfo(self, params, failing):  # noqa: N802
        with self._lock:
            info = {
                "url": self.webhook.get("url", ""),
                "has_custom_certificate": False,
                "pending_update_count": 0,
            }
            if self.webhook.get("allowed_updates"):
                info["allowed_updates"] = self.webhook["allowed_updates"]
        return info


def _decode(params):
    decoded = {}
    for name, value in params.items():
        if isinstance(value, str) and name in JSON_PARAMETERS:
            try:
                value = json.loads(value)
            except ValueError as error:
                raise ApiError(
                    HTTPStatus.BAD_REQUEST,
                    f"Bad Request: can't parse {name} JSON object",
                ) from error
        elif isinstance(value, str) and name in INTEGER_PARAMETERS:
            value = int(value) if value.lstrip("-").isdigit() else value
        decoded[name] = value
    return decoded


class ApiRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_api = None  # set on the subclass made for each server

    def log_message(self, format, *args):  # noqa: A002 (BaseHTTPRequestHandler API)
        pass  # keep the test log readable

    def do_GET(self):  # noqa: N802 (http.server API)
        self._answer()

    def do_POST(self):  # noqa: N802
        self._answer()

    def _params(self):
        query = dict(parse_qsl(urlsplit(self.path).query))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        content_type = self.headers.get("Content-Type", "")
        params = dict(query)
        if not body:
            return params
        if content_type.startswith("application/json"):
            params.update(json.loads(body))
        elif content_type.startswith("application/x-www-form-urlencoded"):
            params.update(parse_qsl(body.decode()))
        elif content_type.startswith("multipart/form-data"):
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                f"Content-Type: {content_type}\r\n\r\n".encode() + body
            )
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                if part.get_filename():
                    params[name] = part.get_content()
                else:
                    params[name] = part.get_payload(decode=True).decode()
        return params

    def _answer(self):
        api = self.server_api
        match = PATH.fullmatch(urlsplit(self.path).path)
        token, method = (match["token"], match["method"]) if match else ("", "")
        params = {}
        try:
            if not match:
                raise ApiError(HTTPStatus.NOT_FOUND, "Not Found")
            params = _decode(self._params())
            answer = api.handle(token, method, params)
        except ApiError as error:
            body = {
                "ok": False,
                "error_code": int(error.code),
                "description": error.description,
            }
            if error.parameters:
                body["parameters"] = error.parameters
            answer = (error.code, body)
        except ValueError:
            answer = (
                HTTPStatus.BAD_REQUEST,
                {"ok": False, "error_code": 400, "description": "Bad Request"},
            )
        if answer is None:  # timeout: drop the connection, nothing was done
            self.close_connection = True
            return
        status, body = answer
        api._record(Call(method, params, int(status), token))
        payload = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            _logger.info("Telegram API stand-in: client gone before the answer")


# Updates, as Telegram posts them to the webhook --------------------------------

_update_ids = itertools.count(500000001)


def telegram_user(chat_id, first_name="Member", username=None, language_code="en"):
    user = {
        "id": int(chat_id),
        "is_bot": False,
        "first_name": first_name,
        "language_code": language_code,
    }
    if username:
        user["username"] = username
    return user


def message_update(chat_id, text, first_name="Member", username=None, **kw):
    """An Update with a private text message (``/start <code>``, ``/stop``...)."""
    user = telegram_user(chat_id, first_name, username, **kw)
    chat = {"id": int(chat_id), "type": "private", "first_name": first_name}
    if username:
        chat["username"] = username
    message = {
        "message_id": next(_update_ids) % 100000,
        "from": user,
        "chat": chat,
        "date": int(time.time()),
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [
            {"offset": 0, "length": len(text.split(" ")[0]), "type": "bot_command"}
        ]
    return {"update_id": next(_update_ids), "message": message}


def callback_update(chat_id, data, message=None, first_name="Member", username=None):
    """An Update with a callback query: a button of ``message`` (a Message
    object the bot sent, e.g. from ``TelegramApiServer.messages``) pressed by
    the user ``chat_id``."""
    update_id = next(_update_ids)
    query = {
        "id": str(update_id * 7919),
        "from": telegram_user(chat_id, first_name, username),
        "chat_instance": str(-update_id),
        "data": data,
    }
    if message:
        query["message"] = message
    return {"update_id": update_id, "callback_query": query}
