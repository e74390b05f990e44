from . import test_telegram
