from . import test_dispatch
from . import test_email
from . import test_sms
from . import test_telegram
from . import test_fanout
