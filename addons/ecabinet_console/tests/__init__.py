from . import test_live_bus, test_live_channel, test_live_routes, test_live_ui
from . import test_live_workers
from . import test_live_recusal
from . import test_live_not_voted
from . import test_live_speaking
from . import test_live_reader_ui
