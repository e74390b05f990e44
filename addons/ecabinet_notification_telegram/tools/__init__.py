from . import bot_api
