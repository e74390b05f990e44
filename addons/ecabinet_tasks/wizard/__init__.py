from . import ecabinet_task_report_wizard
