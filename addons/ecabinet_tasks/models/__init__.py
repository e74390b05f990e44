from . import ecabinet_committee
from . import ecabinet_task
from . import ecabinet_task_progress
from . import ecabinet_task_extension
from . import ecabinet_meeting_agenda_item
from . import ecabinet_task_agency_report
