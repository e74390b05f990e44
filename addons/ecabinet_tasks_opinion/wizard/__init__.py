from . import ecabinet_task_assign_wizard
