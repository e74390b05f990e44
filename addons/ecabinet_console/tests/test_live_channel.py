# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Subscriptions through a real websocket: who receives the session's messages."""

import json

import websocket as ws_client

from odoo.tests import tagged

from odoo.addons.bus.models.bus import dispatch
from odoo.addons.bus.tests.common import WebsocketCase

from .common import LIVE_TYPE, LiveData


@tagged("post_install", "-at_install")
class TestLiveChannel(LiveData, WebsocketCase):
    def _socket(self, login=None):
        """A websocket of ``login`` (public if None) keeping its own session."""
        self.session = None  # keep the sessions of the other sockets
        session = self.authenticate(login, login)
        return self.websocket_connect(cookie=f"session_id={session.sid};")

    def _subscribe(self, socket, channel):
        self.subscribe(socket, [channel], self.env["bus.bus"]._bus_last_id())

    def _dispatch_to_all(self):
        """Stand in for PostgreSQL's NOTIFY (tests never commit): every open
        websocket looks for its notifications."""
        self.env.cr.precommit.run()
        sockets = set()
        for subscribed in dispatch._channels_to_ws.values():
            sockets.update(subscribed)
        for socket in sockets:
            socket.trigger_notification_dispatching()

    def _received(self, socket, timeout=1.5):
        """The live messages the socket receives within ``timeout`` seconds."""
        socket.settimeout(timeout)
        messages = []
        try:
            while True:
                messages += [
                    n["message"]
                    for n in json.loads(socket.recv())
                    if n["message"]["type"] == LIVE_TYPE
                ]
        except ws_client.WebSocketTimeoutException:
            return messages

    def test_only_those_allowed_receive_the_session_messages(self):
        member = self._socket(self.member.login)
        outsider = self._socket(self.outsider.login)
        projector = self._socket()
        intruder = self._socket()
        channel = f"ecabinet_live_{self.meeting.id}"
        self._subscribe(member, channel)
        self._subscribe(outsider, channel)
        self._subscribe(projector, f"ecabinet_projector_{self.meeting.projector_token}")
        self._subscribe(intruder, f"ecabinet_projector_{'x' * 43}")
        self.check_in(self.chair)
        self._dispatch_to_all()
        expected = [
            {
                "type": LIVE_TYPE,
                "payload": {"meeting_id": self.meeting.id, "changes": ["attendance"]},
            }
        ]
        self.assertEqual(self._received(member), expected)
        self.assertEqual(self._received(projector), expected)
        self.assertEqual(self._received(outsider, timeout=0.5), [])
        self.assertEqual(self._received(intruder, timeout=0.5), [])

    def test_public_user_cannot_subscribe_by_session_id_nor_a_closed_token(self):
        token = self.meeting.projector_token
        self.meeting.with_user(self.secretariat).action_close()
        self.env.cr.precommit.run()
        member = self._socket(self.member.login)
        public = self._socket()
        late_projector = self._socket()
        self._subscribe(member, f"ecabinet_live_{self.meeting.id}")
        self._subscribe(public, f"ecabinet_live_{self.meeting.id}")
        self._subscribe(late_projector, f"ecabinet_projector_{token}")
        self.meeting.agenda_item_ids[0].with_user(self.secretariat).write(
            {"conclusion": "Noted."}
        )
        self._dispatch_to_all()
        self.assertEqual(
            [m["payload"]["changes"] for m in self._received(member)], [["conclusion"]]
        )
        self.assertEqual(self._received(public, timeout=0.5), [])
        self.assertEqual(self._received(late_projector, timeout=0.5), [])
