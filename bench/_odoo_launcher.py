# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's command line, as ``odoo-bin``, for the multi-worker server of the load
test.

Odoo's prefork server starts its websocket (bus) worker as ``sys.argv[0] gevent
...``. The load test does not use the bus; where gevent cannot patch the
interpreter, that worker would crash and be restarted in a loop, eating the CPU
the measured workers need: then it idles instead (with ECABINET_LOAD_GEVENT=1 it
fails instead, for the runs that need the bus).

Odoo's prefork server listens with a backlog of 8 connections per worker (32 for
4 workers): 200 members connecting in the same second overflow it and the kernel
resets some connections. A deployment puts a buffering reverse proxy in front
(nginx, as Odoo's deployment guide says); the load test stands in for its queue
by listening with a backlog of ECABINET_LOAD_BACKLOG (1024) connections.

(gevent patches this interpreter with the zope.interface / zope.event that
requirements.txt pins for it: tools/scale_demo.py needs the bus worker.)
"""

import os
import signal
import socket
import sys

BACKLOG = int(os.environ.get("ECABINET_LOAD_BACKLOG", "1024"))
_listen = socket.socket.listen


def _listen_with_backlog(self, backlog=0):
    return _listen(self, max(backlog, BACKLOG))


if __name__ == "__main__":
    socket.socket.listen = _listen_with_backlog
    if sys.argv[1:2] == ["gevent"]:
        try:
            import gevent.monkey  # noqa: PLC0415

            gevent.monkey.patch_all()
        except Exception:  # noqa: BLE001 - gevent unusable here
            if os.environ.get("ECABINET_LOAD_GEVENT"):
                raise
            signal.pause()  # idle
            sys.exit(0)
    from odoo.cli.command import main

    main()
