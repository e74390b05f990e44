from . import test_two_factor
from . import test_enrol_ui
