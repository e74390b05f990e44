from . import ecabinet_notification_event
from . import ecabinet_notification_preference
from . import ecabinet_notification
from . import ecabinet_notification_mixin
from . import res_company
from . import res_config_settings
from . import res_partner
