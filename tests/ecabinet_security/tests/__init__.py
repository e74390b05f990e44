from . import test_access_matrix
from . import test_portal_security
from . import test_bad_input
from . import test_model_rules
from . import test_state_matrix
from . import test_replica_routes
