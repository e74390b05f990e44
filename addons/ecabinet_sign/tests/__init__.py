from . import test_lib_xmldsig
