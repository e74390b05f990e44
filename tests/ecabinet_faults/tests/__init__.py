from . import test_worker_faults
from . import test_concurrent_votes
