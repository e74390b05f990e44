# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The live screens of a multi-worker server: its bus (websocket) worker runs
under gevent, which must be able to patch this interpreter with the packages
installed beside Odoo (requirements.txt pins zope.interface and zope.event for
it). Single-worker test servers never run that worker, so nothing else would
notice that every console, tablet and projector stops updating in production."""

import os
import subprocess
import sys
from pathlib import Path

import odoo
from odoo.tests import BaseCase, tagged


@tagged("post_install", "-at_install")
class TestLiveWorkers(BaseCase):
    def test_the_bus_worker_of_a_multi_worker_server_can_start(self):
        # The prefork server starts its bus worker as `odoo-bin gevent ...`:
        # importing odoo then patches the interpreter (odoo/_monkeypatches).
        source = str(Path(odoo.__file__).resolve().parent.parent)
        result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
            [
                sys.executable,
                "-c",
                "import sys; sys.argv = ['odoo-bin', 'gevent']; import odoo; "
                "import gevent.monkey; "
                "print(odoo.evented, gevent.monkey.is_module_patched('socket'))",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env=dict(os.environ, PYTHONPATH=source),
        )
        self.assertEqual(
            (result.returncode, result.stdout.strip()),
            (0, "True True"),
            f"gevent cannot patch this interpreter:\n{result.stderr[-3000:]}",
        )
