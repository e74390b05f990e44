# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import fields, models

_logger = logging.getLogger(__name__)

# Our gateway's outcome, in the words of Odoo's IAP answers, so that the states,
# failure types and tracker updates are those of Odoo's own ``_send``.
GATEWAY_TO_IAP_STATE = {
    "sent": "success",
    "retry": "server_error",
    "credentials": "unregistered",
    "invalid_number": "wrong_number_format",
}


class SmsSms(models.Model):
    _inherit = "sms.sms"

    ecabinet_provider_message_id = fields.Char(
        string="Provider Message ID",
        readonly=True,
        copy=False,
        help="Id given to the message by the company's SMS gateway.",
    )

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        """Send through the company's SMS gateway when it has one, else IAP."""
        gateway = self.env["ecabinet.sms.gateway"].sudo()._get_for_company(False)
        if not gateway:
            return super()._send(
                unlink_failed=unlink_failed,
                unlink_sent=unlink_sent,
                raise_exception=raise_exception,
            )
        self._ecabinet_send_through(
            gateway, unlink_failed=unlink_failed, unlink_sent=unlink_sent
        )

    def _ecabinet_send_through(self, gateway, unlink_failed=False, unlink_sent=False):
        """Post each SMS through ``gateway`` (its uuid is the reference, the same on
        every attempt) and record the outcome on the SMS and its trackers.

        :return: ``{sms id: gateway result}`` (see ``_send_sms_message``)
        """
        results = {}
        down = False  # once the gateway is down, the others wait without a call
        all_sms = self.sudo().with_context(sms_skip_msg_notification=True)
        for sms in all_sms:
            if down:
                result = down
            elif sms.number:
                result = gateway._send_sms_message(sms.number, sms.body, sms.uuid)
                down = result["gateway_down"] and result
            else:
                result = gateway._result(
                    "invalid_number", error=self.env._("The SMS has no number.")
                )
            results[sms.id] = result
            iap_state = GATEWAY_TO_IAP_STATE[result["status"]]
            if success_state := self.IAP_TO_SMS_STATE_SUCCESS.get(iap_state):
                sms.sms_tracker_id._action_update_from_sms_state(success_state)
                vals = {
                    "state": success_state,
                    "failure_type": False,
                    "ecabinet_provider_message_id": result["message_id"],
                }
                if unlink_sent:
                    vals["to_delete"] = True
            else:
                failure_type = self.IAP_TO_SMS_FAILURE_TYPE[iap_state]
                sms.sms_tracker_id._action_update_from_sms_state(
                    "error", failure_type=failure_type, failure_reason=result["error"]
                )
                vals = {"state": "error", "failure_type": failure_type}
                if unlink_failed:
                    vals["to_delete"] = True
            sms.write(vals)
        _logger.info("Posted %s SMS through gateway %s", len(all_sms), gateway.name)
        all_sms.mail_message_id._notify_message_notification_update()
        return results
