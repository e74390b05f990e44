from . import ecabinet_committee
from . import ecabinet_meeting
from . import ecabinet_meeting_agenda_item
from . import ecabinet_meeting_attendee
from . import ecabinet_meeting_document
from . import ecabinet_meeting_speech
from . import ecabinet_meeting_note
from . import ir_actions_report
