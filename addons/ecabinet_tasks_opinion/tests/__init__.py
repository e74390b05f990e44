from . import test_tasks_from_ballot
