# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.ecabinet_base.tools.api import public_method


class EcabinetNotificationMixin(models.AbstractModel):
    """For records that notify people: their messages and a smart button."""

    _name = "ecabinet.notification.mixin"
    _description = "e-Cabinet Notified Record"

    ecabinet_notification_count = fields.Integer(
        compute="_compute_ecabinet_notification_count",
        groups="ecabinet_base.group_secretariat",
    )

    def _compute_ecabinet_notification_count(self):
        Notification = self.env["ecabinet.notification"].sudo()
        for record in self:
            record.ecabinet_notification_count = (
                Notification.search_count(record._ecabinet_notification_domain())
                if record.id
                else 0
            )

    def _ecabinet_notified_records(self):
        """The records whose messages are this record's: itself, and the records
        it sends through (a session's attendees, a ballot's members asked)."""
        self.ensure_one()
        return [self]

    def _ecabinet_notification_domain(self):
        """The outbox's messages sent for this record or one of its parts."""
        self.ensure_one()
        return expression.OR(
            [("res_model", "=", records._name), ("res_id", "in", records.ids)]
            for records in self.sudo()._ecabinet_notified_records()
            if records
        )

    def _ecabinet_notify(self, event, recipients, **kwargs):
        # Trusted path: the record's own code decides who is told about it.
        return (
            self.env["ecabinet.notification"]
            .sudo()
            .dispatch(self, event, recipients, **kwargs)
        )

    def _ecabinet_notification_action(self, notification, action):
        """Handle an answer given with a button of a message (the channels that
        offer buttons, such as Telegram); return a short text for the person.
        Addons override it for their actions."""
        raise UserError(self.env._("This answer is not possible here."))

    @public_method
    def action_view_ecabinet_notifications(self):
        self.ensure_one()
        self.check_access("read")
        Notification = self.env["ecabinet.notification"]
        return Notification._action_view(
            Notification.search(self._ecabinet_notification_domain()),
            self.env._("Notifications"),
        )
