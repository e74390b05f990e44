from . import (
    ecabinet_ballot,
    ecabinet_ballot_voter,
    ecabinet_meeting,
    ecabinet_meeting_agenda_item,
    ecabinet_meeting_attendee,
    ecabinet_meeting_recusal,
    ecabinet_meeting_speech,
    ir_http,
    ir_websocket,
)
