from . import ecabinet_committee
from . import ecabinet_ballot
from . import ecabinet_ballot_question
from . import ecabinet_ballot_voter
from . import ecabinet_ballot_response
from . import ecabinet_meeting_agenda_item
from . import ecabinet_meeting_recusal
