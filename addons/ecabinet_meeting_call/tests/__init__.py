from . import test_remote, test_remote_ui
