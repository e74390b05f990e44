# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.addons.bus.models.bus import channel_with_db, json_dump
from odoo.addons.ecabinet_meeting.tests.common import (
    PDF_2_PAGES,
    MeetingCommon,
    make_session,
)

LIVE_TYPE = "ecabinet.live/changed"


class LiveData(MeetingCommon):
    """The February session of MeetingCommon, in progress with its attendees and
    a document on its first item; a session of the other committee in progress
    too, where the outsider sits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls.members[0]
        cls.meeting = cls._meeting()
        cls.meeting.action_generate_attendees()
        cls.meeting._ecabinet_transition(
            {"state": "invited", "pack_sent_date": "2027-02-02 01:00:00"}
        )
        cls.item1, cls.item2 = cls.meeting.agenda_item_ids.sorted("sequence")
        cls.plan_doc = cls.env["ecabinet.meeting.document"].create(
            {
                "meeting_id": cls.meeting.id,
                "name": "Draft investment plan",
                "datas": PDF_2_PAGES,
                "filename": "plan.pdf",
                "item_ids": [(6, 0, cls.item1.ids)],
            }
        )
        cls.attendee = {a.partner_id: a for a in cls.meeting.attendee_ids}
        cls.meeting.with_user(cls.secretariat).action_start()
        cls.other_meeting = make_session(
            cls.other_committee, "Session of the other committee", ["Other matter"]
        )
        cls.other_meeting.with_user(cls.secretariat).action_start()
        cls.env.cr.precommit.run()

    def setUp(self):
        super().setUp()
        self.env.cr.precommit.run()
        self._last_bus_id = self.env["bus.bus"].sudo()._bus_last_id()

    def check_in(self, *users, attendance="present"):
        for user in users:
            self.attendee[user.partner_id].with_user(self.secretariat).action_check_in(
                attendance
            )

    def quorum(self):
        """The chair and four members present: the quorum (4 of 6) is reached."""
        self.check_in(self.chair, *self.members[:4])

    def channel_of(self, meeting):
        return json_dump(
            channel_with_db(self.env.cr.dbname, (meeting, "ecabinet_live"))
        )

    def bus_messages(self):
        """The bus messages sent since the last call: [(channel, type, payload)]."""
        self.env.cr.precommit.run()
        notifications = (
            self.env["bus.bus"]
            .sudo()
            .search([("id", ">", self._last_bus_id)], order="id")
        )
        if notifications:
            self._last_bus_id = notifications[-1].id
        result = []
        for notification in notifications:
            message = json.loads(notification.message)
            result.append((notification.channel, message["type"], message["payload"]))
        return result

    def live_messages(self):
        """The live messages sent since the last call: [(channel, changes)]."""
        return [
            (channel, payload["changes"], payload["meeting_id"])
            for channel, kind, payload in self.bus_messages()
            if kind == LIVE_TYPE
        ]

    def assertOneLiveMessage(self, changes, meeting=None):
        meeting = meeting or self.meeting
        self.assertEqual(
            self.live_messages(),
            [(self.channel_of(meeting), changes, meeting.id)],
            "one message, on the session's channel only",
        )
