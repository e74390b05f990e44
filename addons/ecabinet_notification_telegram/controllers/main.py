# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from ..tools.bot_api import SECRET_HEADER, WEBHOOK_PATH

_logger = logging.getLogger(__name__)


class EcabinetTelegramWebhook(http.Controller):
    @http.route(
        WEBHOOK_PATH,
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def ecabinet_telegram_webhook(self, **kwargs):
        """Updates of the e-Cabinet bot (setWebhook). Telegram proves it sent them
        with the secret token given at registration; anything else is refused
        before it is read."""
        secret = request.httprequest.headers.get(SECRET_HEADER)
        bot = request.env["ecabinet.telegram.bot"]._get_for_secret(secret)
        if not bot:
            _logger.warning(
                "Telegram webhook: update refused, %s secret token (from %s)",
                "wrong" if secret else "no",
                request.httprequest.remote_addr,
            )
            return request.make_response("Forbidden", status=403)
        try:
            update = json.loads(request.httprequest.get_data())
            if not isinstance(update, dict) or "update_id" not in update:
                raise ValueError("not an update")
        except ValueError:
            return request.make_response("Bad Request", status=400)
        try:
            bot._handle_update(update)
        except UserError as error:  # the bot is no longer configured
            _logger.warning(
                "Telegram webhook: update %s ignored: %s", update["update_id"], error
            )
        except (KeyError, TypeError):
            # Malformed update: Telegram would send it again and again.
            _logger.warning(
                "Telegram webhook: malformed update %s", update["update_id"]
            )
        return request.make_json_response({"ok": True})
