# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Calls to the Telegram Bot API, for the bot model and the channel.

Every call goes through python-telegram-bot, pointed at the bot's Bot API URL.
Odoo's code is synchronous: each batch of calls runs in its own event loop
(``run_async``) with one HTTP session (``async with bot``).
"""

import asyncio
import concurrent.futures
import hashlib
import logging
import re
from datetime import timedelta

from telegram.error import (
    BadRequest,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

_logger = logging.getLogger(__name__)
# httpx logs every request's URL at INFO, and Bot API URLs contain the bot token.
logging.getLogger("httpx").setLevel(logging.WARNING)

DEFAULT_API_URL = "https://api.telegram.org"
WEBHOOK_PATH = "/ecabinet/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "callback_query"]
LINK_CODE_LIFETIME = timedelta(minutes=15)
MAX_TEXT = 4096  # Telegram's limit for a message
MAX_CALLBACK_DATA = 64  # bytes, Telegram's limit for callback_data
CALLBACK_DATA = re.compile(r"n:(\d{1,18}):([A-Za-z0-9_.-]{1,40})")
# Errors after which the next messages of the batch would fail the same way.
BATCH_ERRORS = (InvalidToken, RetryAfter, TimedOut)


def run_async(coroutine):
    """Run ``coroutine`` to its end from Odoo's synchronous code."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    # A loop already runs in this thread (never in Odoo's workers): use another.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def hash_code(code):
    return hashlib.sha256(code.encode()).hexdigest()


def telegram_chat_id(value):
    """Telegram chat ids are integers; keep anything else as given."""
    text = str(value)
    return int(text) if text.lstrip("-").isdigit() else text


def error_text(error):
    """The error's text, without the bot token python-telegram-bot may put in."""
    if isinstance(error, InvalidToken):
        return "Unauthorized"
    return str(error)


def is_batch_error(error):
    return isinstance(error, BATCH_ERRORS) or (
        isinstance(error, NetworkError) and not isinstance(error, BadRequest)
    )


async def deliver(bot, messages):
    """Send ``messages`` ``[(key, chat_id, text, markup)]`` in one session.

    :return: ``{key: telegram.Message or TelegramError}``; after an error that
        would hit every message (server down, bad token), the rest get it too
        without being tried
    """
    results = {}
    stop = None
    try:
        async with bot:
            for key, chat_id, text, markup in messages:
                try:
                    results[key] = await bot.send_message(
                        chat_id=chat_id, text=text, reply_markup=markup
                    )
                except TelegramError as error:
                    results[key] = error
                    if is_batch_error(error):
                        stop = error
                        break
    except TelegramError as error:  # the session itself failed (getMe)
        stop = error
    for key, *_rest in messages:
        results.setdefault(key, stop)
    return results


async def call_all(bot, calls):
    """Make ``calls`` ``[(method, kwargs)]`` in one session; log the failures."""
    async with bot:
        for method, kwargs in filter(None, calls):
            try:
                await getattr(bot, method)(**kwargs)
            except BadRequest as error:
                if "not modified" in str(error):  # already done
                    _logger.info("Telegram %s: %s", method, error)
                else:
                    _logger.warning("Telegram %s failed: %s", method, error)
            except TelegramError as error:
                _logger.warning("Telegram %s failed: %s", method, error_text(error))
