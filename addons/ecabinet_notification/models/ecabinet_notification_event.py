# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


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
    default_channels = fields.Char(
        default="email",
        help="Codes of the channels used when a member has no preference, "
        "comma-separated (email,sms,telegram); those not installed are skipped.",
    )
    # One "<code> by default" box per channel: channel addons add theirs with the
    # same compute and inverse.
    default_email = fields.Boolean(
        string="Email by default",
        compute="_compute_default_flags",
        inverse="_inverse_default_flags",
    )
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
        help="Short text, for the channels other than email (SMS, Telegram).",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "An event with this code already exists."),
    ]

    def _default_channel_set(self):
        self.ensure_one()
        return {code.strip() for code in (self.default_channels or "").split(",")}

    def _default_channels(self):
        self.ensure_one()
        chosen = self._default_channel_set()
        return [
            code
            for code in self.env["ecabinet.notification"]._channel_codes()
            if code in chosen
        ]

    def _channel_flags(self):
        """The installed channels' ``default_<code>`` boxes."""
        return [
            code
            for code in self.env["ecabinet.notification"]._channel_codes()
            if f"default_{code}" in self._fields
        ]

    @api.depends("default_channels")
    def _compute_default_flags(self):
        for event in self:
            chosen = event._default_channel_set()
            for code in self._channel_flags():
                event[f"default_{code}"] = code in chosen

    def _inverse_default_flags(self):
        for event in self:
            flags = self._channel_flags()
            # channels not installed here keep their place in the list
            kept = [
                code
                for code in sorted(event._default_channel_set() - set(flags))
                if code
            ]
            event.default_channels = ",".join(
                [code for code in flags if event[f"default_{code}"]] + kept
            )
