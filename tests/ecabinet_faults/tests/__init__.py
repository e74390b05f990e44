from . import test_worker_faults
