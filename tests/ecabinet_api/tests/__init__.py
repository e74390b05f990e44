from . import test_xmlrpc_api
from . import test_api_contract
