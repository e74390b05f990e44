from . import ecabinet_ballot
from . import ecabinet_task
