from . import ecabinet_sms_gateway
from . import sms_sms
from . import res_partner
from . import ecabinet_committee_member
from . import ecabinet_notification
from . import ecabinet_notification_event
from . import ecabinet_notification_preference
