from . import test_ballot_telegram
