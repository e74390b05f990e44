# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import NotificationCommon


@tagged("post_install", "-at_install")
class TestDispatch(NotificationCommon, TransactionCase):
    def test_same_message_is_never_queued_twice(self):
        Notification = self.env["ecabinet.notification"]
        first = Notification.dispatch(self.members[:3], self.email_event, lambda p: p)
        self.assertEqual(len(first), 3)
        again = Notification.dispatch(self.members[:3], self.email_event, lambda p: p)
        self.assertFalse(again)
        second_reminder = Notification.dispatch(
            self.members[:3], self.email_event, lambda p: p, key="reminder-2"
        )
        self.assertEqual(len(second_reminder), 3)
        self.assertEqual(
            Notification.search_count([("event_id", "=", self.email_event.id)]), 6
        )

    def test_message_is_rendered_for_each_recipient(self):
        notification = self.env["ecabinet.notification"].dispatch(
            self.members[0], self.email_event, self.members[0]
        )
        self.assertEqual(notification.subject, "e-Cabinet test message")
        self.assertIn("Member 000", notification.body_html)
        self.assertIn("Member 000", notification.body)
        self.assertEqual(notification.address, "member000@binhminh.example")
        self.assertEqual(notification.record_ref, self.members[0])

    def test_preference_overrides_event_defaults(self):
        member = self.members[0]
        self.env["ecabinet.notification.preference"].create(
            {
                "partner_id": member.id,
                "event_id": self.email_event.id,
                "channel_email": True,
            }
        )
        self.assertEqual(member._ecabinet_channels_for(self.email_event), ["email"])
        empty = self.env["ecabinet.notification.preference"].create(
            {"partner_id": self.members[1].id, "event_id": self.email_event.id}
        )
        self.assertEqual(
            empty.partner_id._ecabinet_channels_for(self.email_event),
            ["email"],
            "a preference without any channel falls back to the event's defaults",
        )

    def test_member_without_email_is_reported_not_lost(self):
        member = self.env["res.partner"].create({"name": "Nobody Reachable"})
        notification = self.env["ecabinet.notification"].dispatch(
            member, self.email_event, member
        )
        self.assertEqual(notification.state, "failed")
        self.assertIn("no valid email address", notification.last_error)
        self.assertIn("no valid email address", member.ecabinet_channel_issue)
        self._send_due()
        self.assertEqual(notification.state, "failed", "never retried by the cron")
        self.assertEqual(notification.attempts, 0)

    def test_quiet_hours_hold_push_messages_until_morning(self):
        member = self.members[0]
        member.write(
            {
                "ecabinet_quiet_hours": True,
                "ecabinet_quiet_from": 21.0,
                "ecabinet_quiet_to": 7.0,
                "tz": "Asia/Ho_Chi_Minh",
            }
        )
        # 22:30 in Hà Nội is 15:30 UTC; quiet hours end at 07:00, i.e. 00:00 UTC.
        now = datetime(2026, 12, 3, 15, 30)
        self.assertEqual(
            member._ecabinet_after_quiet_hours(now), datetime(2026, 12, 4, 0, 0)
        )
        # 05:00 in Hà Nội (22:00 UTC the day before): held until 07:00 that morning.
        self.assertEqual(
            member._ecabinet_after_quiet_hours(datetime(2026, 12, 3, 22, 0)),
            datetime(2026, 12, 4, 0, 0),
        )
        # 10:00 in Hà Nội: not quiet.
        noon = datetime(2026, 12, 4, 3, 0)
        self.assertEqual(member._ecabinet_after_quiet_hours(noon), noon)
        with freeze_time(now):
            email = self.env["ecabinet.notification"].dispatch(
                member, self.email_event, member
            )
        self.assertEqual(email.next_attempt, now, "email is not held back")

    def test_secretariat_cancels_and_retries(self):
        notification = self.env["ecabinet.notification"].dispatch(
            self.members[0], self.email_event, self.members[0]
        )
        outbox = notification.with_user(self.secretariat)
        outbox.action_cancel()
        self.assertEqual(notification.state, "cancelled")
        self._send_due()
        self.assertEqual(notification.state, "cancelled", "a cancelled message stays")
        outbox.action_retry()
        self.assertEqual(notification.state, "queued")
        self.assertEqual(notification.attempts, 0)
        notification._ecabinet_transition({"state": "sent"})
        with self.assertRaises(UserError):
            outbox.action_cancel()

    def test_secretariat_opens_the_outbox(self):
        """The outbox's list and form load for the secretariat (get_views reads the
        selection of the Record field, built from ir.model)."""
        notification = self.env["ecabinet.notification"].dispatch(
            self.members[:1], self.email_event, lambda p: p
        )
        Outbox = self.env["ecabinet.notification"].with_user(self.secretariat)
        views = Outbox.get_views([(False, "list"), (False, "form"), (False, "search")])
        self.assertIn("record_ref", views["models"]["ecabinet.notification"]["fields"])
        record = Outbox.browse(notification.id).web_read(
            {"record_ref": {}, "partner_id": {"fields": {"display_name": {}}}}
        )
        self.assertEqual(record[0]["partner_id"]["id"], self.members[0].id)

    def test_members_see_only_their_own_messages(self):
        member_user = self.env["res.users"].create(
            {
                "name": "Portal member",
                "login": "n_portal_member",
                "partner_id": self.members[0].id,
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("base.group_portal").id,
                            self.env.ref("ecabinet_base.group_member").id,
                        ],
                    )
                ],
            }
        )
        notifications = self.env["ecabinet.notification"].dispatch(
            self.members[:2], self.email_event, lambda p: p
        )
        Notification = self.env["ecabinet.notification"].with_user(member_user)
        own = notifications.filtered(lambda n: n.partner_id == self.members[0])
        self.assertEqual(Notification.search([]), own)
        with self.assertRaises(AccessError):
            notifications.filtered(lambda n: n.partner_id == self.members[1]).with_user(
                member_user
            ).read(["body"])
        with self.assertRaises(AccessError):
            notifications.with_user(member_user).action_retry()

    def test_only_code_and_the_secretariat_dispatch(self):
        """A member calling dispatch (as RPC would) cannot make the outbox write
        to anyone; the secretariat can, and code does with sudo."""
        member = self.env["res.users"].create(
            {
                "name": "Curious member",
                "login": "n_curious_member",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("base.group_portal").id,
                            self.env.ref("ecabinet_base.group_member").id,
                        ],
                    )
                ],
            }
        )
        Notification = self.env["ecabinet.notification"]
        with self.assertRaises(AccessError):
            Notification.with_user(member).dispatch(
                self.members[0], self.email_event, self.members[:5]
            )
        sent = Notification.with_user(self.secretariat).dispatch(
            self.members[0], self.email_event, self.members[0]
        )
        self.assertEqual(len(sent), 1)

    def test_dispatch_query_count_does_not_grow_with_recipients(self):
        """Queuing a message for 10 or 100 members costs the same queries."""
        Notification = self.env["ecabinet.notification"]
        about = self.env.ref("base.main_partner")
        Notification.dispatch(about, self.email_event, self.members[0], key="warmup")
        for recipients in (self.members[:10], self.members[10:110]):
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(QUERIES_DISPATCH):
                queued = Notification.dispatch(
                    about, self.email_event, recipients, key=len(recipients)
                )
            self.assertEqual(len(queued), len(recipients))


# Queries of one dispatch, whatever the number of recipients: existing keys, the
# recipients' preferences and addresses, rendering, one INSERT, the cron trigger.
QUERIES_DISPATCH = 11
