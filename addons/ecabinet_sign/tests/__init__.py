from . import test_lib_xmldsig
from . import test_lib_edxml
from . import test_lib_pkcs11
from . import test_lib_remote
