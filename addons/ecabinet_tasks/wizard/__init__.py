from . import ecabinet_task_report_wizard
from . import ecabinet_task_assign_wizard
