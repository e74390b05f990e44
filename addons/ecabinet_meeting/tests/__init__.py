from . import test_meeting
from . import test_reports
from . import test_portal
from . import test_ui
from . import test_demo
from . import test_home
from . import test_annotation
from . import test_texts
