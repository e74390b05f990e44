from . import ecabinet_telegram_bot
from . import res_partner
from . import ecabinet_notification
from . import ecabinet_notification_event
from . import ecabinet_notification_preference
