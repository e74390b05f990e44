from . import test_access_rights
from . import test_committee
from . import test_confidentiality
from . import test_i18n
from . import test_portal
from . import test_working_days
from . import test_ui
from . import test_person_first
