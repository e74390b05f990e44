from . import test_tasks
from . import test_portal
from . import test_ui
from . import test_views_reports
from . import test_demo
