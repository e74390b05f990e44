from . import test_tasks_from_ballot
from . import test_portal_home
