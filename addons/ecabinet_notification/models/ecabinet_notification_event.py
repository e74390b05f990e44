# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcabinetNotificationEvent(models.Model):
    """A kind of message (invitation, reminder, ballot, overdue warning...).

    Each addon declares its events as data, with the templates that render them
    and the channels used when a member has no preference of their own.
    """

    _name = "ecabinet.notification.event"
    _description = "e-Cabinet Notification Event"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical key used by the addons.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    model_id = fields.Many2one(
        "ir.model",
        string="Applies to",
        required=True,
        ondelete="cascade",
        help="Model of the records this event is about.",
    )
    model = fields.Char(related="model_id.model", store=True)
    urgent = fields.Boolean(
        help="Urgent messages are delivered during the recipients' quiet hours too."
    )
    default_email = fields.Boolean(string="Email by default", default=True)
    default_sms = fields.Boolean(string="SMS by default")
    default_telegram = fields.Boolean(string="Telegram by default", default=True)
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email Template",
        domain="[('model', '=', model)]",
        required=True,
    )
    sms_template_id = fields.Many2one(
        "sms.template",
        string="Text Template",
        domain="[('model', '=', model)]",
        required=True,
        help="Short text sent by SMS and Telegram.",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "An event with this code already exists."),
    ]

    def _default_channels(self):
        self.ensure_one()
        return [
            channel
            for channel in ("email", "sms", "telegram")
            if self[f"default_{channel}"]
        ]
