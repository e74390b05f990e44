from . import test_upgrade
