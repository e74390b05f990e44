from . import test_ballot
from . import test_vote
from . import test_reports
from . import test_tally
from . import test_portal
from . import test_ui
from . import test_demo
from . import test_state_lock
