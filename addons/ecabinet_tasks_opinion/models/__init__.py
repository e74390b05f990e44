from . import ecabinet_ballot
