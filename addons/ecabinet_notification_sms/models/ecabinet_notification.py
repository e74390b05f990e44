# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class EcabinetNotification(models.Model):
    _inherit = "ecabinet.notification"

    # Uninstalling the channel removes its messages, which could be neither sent
    # nor retried any more.
    channel = fields.Selection(
        selection_add=[("sms", "SMS")], ondelete={"sms": "cascade"}
    )
    sms_id = fields.Many2one(
        "sms.sms",
        string="SMS",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The SMS in Odoo's SMS history; every attempt reuses it, and its "
        "reference, so that the provider can refuse a duplicate.",
    )

    @api.model
    def _push_channels(self):
        return super()._push_channels() | {"sms"}

    def _send_sms(self):
        """SMS channel: through the active SMS gateway of the message's company."""
        Gateway = self.env["ecabinet.sms.gateway"].sudo()
        for company, notifications in self.grouped("company_id").items():
            gateway = Gateway._get_for_company(company)
            # Why the gateway takes nothing now: the rest of the batch waits for
            # the next attempt instead of each waiting for its timeout.
            down = not gateway and self.env._("No SMS gateway is configured")
            for notification in notifications:
                if down:
                    notification._mark_retry(down)
                    continue
                try:
                    with self.env.cr.savepoint():
                        sms = notification._ecabinet_prepare_sms()
                    with self.env.cr.savepoint():
                        result = sms._ecabinet_send_through(gateway)[sms.id]
                except Exception as error:  # the next messages must still leave
                    _logger.exception("SMS notification %s failed", notification.id)
                    notification._mark_retry(str(error))
                    continue
                if result["gateway_down"]:
                    down = result["error"]
                if result["status"] == "sent":
                    notification._mark_sent(result["message_id"])
                elif result["status"] == "invalid_number":
                    notification._mark_failed(result["error"])
                else:  # retry, or the account refused: queued until the last attempt
                    notification._mark_retry(result["error"])
                notification._commit()

    def _ecabinet_prepare_sms(self):
        self.ensure_one()
        if self.sms_id:
            self.sms_id.write({"state": "outgoing", "failure_type": False})
            return self.sms_id
        sms = (
            self.env["sms.sms"]
            .sudo()
            .create(
                {
                    "partner_id": self.partner_id.id,
                    "number": self.address,
                    "body": self.body,
                    "state": "outgoing",
                }
            )
        )
        self._ecabinet_transition({"sms_id": sms.id})
        return self.sms_id
