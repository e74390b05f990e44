from . import ecabinet_meeting_start
