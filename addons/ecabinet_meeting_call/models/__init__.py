from . import (
    discuss_channel,
    discuss_channel_member,
    ecabinet_meeting,
    ecabinet_meeting_attendee,
    ecabinet_meeting_remote_request,
    ir_http,
)
