from . import test_worker_faults
from . import test_concurrent_votes
from . import test_sign_services_down
from . import test_secret_vote_forensics
from . import test_fanout
