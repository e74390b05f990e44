# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging
import re
from uuid import uuid4

import phonenumbers
import requests

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ecabinet_base.tools.api import public_method

_logger = logging.getLogger(__name__)

PLACEHOLDER = re.compile(r"\{(\w+)\}")

# Presets of the providers we know. eSMS.vn, JSON API v4
# (https://developers.esms.vn, "Send OTP/Customer care message" and "Table of error
# codes"): CodeResult 100 = accepted; 101 = wrong ApiKey/SecretKey, 104 = brandname
# not registered, 140 = IP not whitelisted (the account is refused: the message
# waits until an administrator fixes it); 99 = number blocked, 108 = number in the
# wrong format (the number is refused: retrying cannot help); 124 = duplicate
# RequestId (an earlier attempt of this very message was accepted: it is sent).
# Any other code (102 no price list, 103 balance too low...) is retried.
ESMS_TEMPLATE = {
    "ApiKey": "{api_key}",
    "SecretKey": "{secret_key}",
    "Content": "{message}",
    "Phone": "{phone_national}",
    "Brandname": "{sender}",
    "SmsType": "2",  # customer care (brandname) message
    "IsUnicode": "1",  # keep Vietnamese diacritics
    "RequestId": "{reference}",
}
GENERIC_TEMPLATE = {
    "to": "{phone}",
    "text": "{message}",
    "from": "{sender}",
    "reference": "{reference}",
}
PRESETS = {
    "esms": {
        "url": "https://rest.esms.vn/MainService.svc/json/"
        "SendMultipleMessage_V4_post_json/",
        "payload_format": "json",
        "payload_template": json.dumps(ESMS_TEMPLATE, indent=2),
        "success_field": "CodeResult",
        "success_value": "100",
        "message_id_field": "SMSID",
        "error_field": "ErrorMessage",
        "credential_error_values": "101,104,140",
        "invalid_number_values": "99,108",
        "duplicate_values": "124",
    },
    "generic_json": {
        "url": False,
        "payload_format": "json",
        "payload_template": json.dumps(GENERIC_TEMPLATE, indent=2),
        "success_field": False,
        "success_value": False,
        "message_id_field": "id",
        "error_field": "error",
        "credential_error_values": False,
        "invalid_number_values": False,
        "duplicate_values": False,
    },
}
PRESETS["generic_form"] = dict(PRESETS["generic_json"], payload_format="form")


def _values(text):
    return {value.strip() for value in (text or "").split(",") if value.strip()}


def _json_get(data, path):
    """Value at the dotted ``path`` of a JSON answer (``data.id``), or None."""
    for key in path.split("."):
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and key.isdigit() and int(key) < len(data):
            data = data[int(key)]
        else:
            return None
    return data


class EcabinetSmsGateway(models.Model):
    """An HTTP SMS gateway: how to reach a brandname SMS provider.

    Vietnamese providers (eSMS.vn, VNPT, Viettel, VHT...) take one HTTP POST per
    message, JSON or form encoded, with the credentials in the body, and answer with
    a JSON object carrying a result code. The request is built from a template with
    placeholders; the answer is read through the configured field names and codes.
    When a company has an active gateway, every SMS of Odoo (the composer, SMS
    templates, e-Cabinet notifications) goes through it instead of Odoo's IAP.
    """

    _name = "ecabinet.sms.gateway"
    _inherit = ["ecabinet.service.mixin"]
    _description = "SMS Gateway"
    _order = "active desc, name"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    provider = fields.Selection(
        [
            ("esms", "eSMS.vn (JSON API v4)"),
            ("generic_json", "Other provider, JSON"),
            ("generic_form", "Other provider, form"),
        ],
        required=True,
        default="esms",
        help="Choosing a provider fills the protocol settings below with its defaults.",
    )
    url = fields.Char(
        string="URL",
        required=True,
        help="Address the messages are posted to.",
    )
    payload_format = fields.Selection(
        [("json", "JSON"), ("form", "Form (x-www-form-urlencoded)")],
        required=True,
        default="json",
    )
    api_key = fields.Char(string="API Key", groups="ecabinet_base.group_admin")
    secret_key = fields.Char(groups="ecabinet_base.group_admin")
    sender = fields.Char(
        string="Sender Name",
        help="Brandname registered with the provider and the carriers, shown as the "
        "sender of the messages.",
    )
    payload_template = fields.Text(
        required=True,
        help="JSON object posted for each message. Placeholders in its texts: "
        "{phone} (+84912345678), {phone_national} (0912345678), {phone_digits} "
        "(84912345678), {message}, {sender}, {api_key}, {secret_key} and "
        "{reference} (a unique id of the message, the same on every attempt, so "
        "that the provider can refuse a duplicate). With the form format, its keys "
        "are the form fields.",
    )
    success_field = fields.Char(
        help="Field of the answer holding the result code (a dotted path such as "
        "data.status works too). Empty: any successful HTTP status means sent.",
    )
    success_value = fields.Char(
        help="Result code meaning the message was accepted.",
    )
    message_id_field = fields.Char(
        string="Message ID Field",
        help="Field of the answer holding the provider's id of the message.",
    )
    error_field = fields.Char(
        string="Error Message Field",
        help="Field of the answer explaining a refusal.",
    )
    credential_error_values = fields.Char(
        string="Account Refused Codes",
        help="Result codes, comma-separated, meaning the provider refused the "
        "account (wrong keys, unregistered sender name, address not allowed). The "
        "messages stay queued and are tried again until the last attempt.",
    )
    invalid_number_values = fields.Char(
        string="Number Refused Codes",
        help="Result codes, comma-separated, meaning the provider refused the "
        "phone number: the message fails at once and the problem is shown on the "
        "person.",
    )
    duplicate_values = fields.Char(
        string="Already Accepted Codes",
        help="Result codes, comma-separated, meaning the provider already accepted "
        "a message with the same reference (an earlier attempt whose answer was "
        "lost): the message counts as sent and is not sent twice.",
    )
    timeout = fields.Integer(
        string="Timeout (seconds)",
        default=10,
        help="An attempt that gets no answer in this time is tried again later.",
    )
    test_number = fields.Char(help="Phone number the test SMS is sent to.")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            for fname, value in PRESETS[vals.get("provider") or "esms"].items():
                vals.setdefault(fname, value)
        return super().create(vals_list)

    @api.onchange("provider")
    def _onchange_provider(self):
        if self.provider:
            self.update(PRESETS[self.provider])

    @api.constrains("payload_template")
    def _check_payload_template(self):
        for gateway in self:
            try:
                template = json.loads(gateway.payload_template or "")
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The payload template of %(name)s is not valid JSON: %(error)s",
                        name=gateway.name,
                        error=error,
                    )
                ) from error
            if not isinstance(template, dict):
                raise ValidationError(
                    self.env._(
                        "The payload template of %(name)s must be a JSON object.",
                        name=gateway.name,
                    )
                )

    # Sending ----------------------------------------------------------------------

    def _render_payload(self, number, text, reference):
        self.ensure_one()
        values = {
            **self._phone_placeholders(number),
            "message": text or "",
            "sender": self.sender or "",
            "api_key": self.api_key or "",
            "secret_key": self.secret_key or "",
            "reference": reference or "",
        }

        def render(value):
            if isinstance(value, str):
                return PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), value)
            if isinstance(value, dict):
                return {key: render(item) for key, item in value.items()}
            if isinstance(value, list):
                return [render(item) for item in value]
            return value

        return render(json.loads(self.payload_template))

    @api.model
    def _phone_placeholders(self, number):
        number = number or ""
        try:
            parsed = phonenumbers.parse(number, "VN")
        except phonenumbers.NumberParseException:
            return {"phone": number, "phone_national": number, "phone_digits": number}
        e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        national = e164[1:]
        if phonenumbers.region_code_for_number(parsed) == "VN":
            national = re.sub(
                r"\D",
                "",
                phonenumbers.format_number(
                    parsed, phonenumbers.PhoneNumberFormat.NATIONAL
                ),
            )
        return {"phone": e164, "phone_national": national, "phone_digits": e164[1:]}

    def _send_sms_message(self, number, text, reference):
        """Post one message; never raises for a delivery problem.

        :return: ``{"status", "message_id", "error", "gateway_down"}`` where status
            is ``sent``, ``retry`` (temporary: try again later), ``credentials``
            (the provider refused the account) or ``invalid_number`` (the provider
            refused the number: retrying cannot help); ``gateway_down`` says that
            the next messages would fail the same way (no answer, server error,
            account refused), so that a batch stops calling a gateway that is down
        """
        self.ensure_one()
        gateway = self.sudo()
        _ = self.env._
        payload = gateway._render_payload(number, text, reference)
        body = {"json": payload} if gateway.payload_format == "json" else {}
        if gateway.payload_format == "form":
            body["data"] = {
                key: value if isinstance(value, str) else json.dumps(value)
                for key, value in payload.items()
            }
        timeout = gateway.timeout or 10
        try:
            response = requests.post(gateway.url, timeout=timeout, **body)
        except requests.Timeout:
            return self._result(
                "retry",
                error=_(
                    "The SMS gateway did not answer in time (%(seconds)s s).",
                    seconds=timeout,
                ),
                down=True,
            )
        except requests.RequestException as error:
            return self._result(
                "retry",
                error=_("The SMS gateway could not be reached: %(error)s", error=error),
                down=True,
            )
        status = response.status_code
        if status in (401, 403):
            return self._result(
                "credentials",
                error=_(
                    "The SMS gateway refused the credentials (HTTP %(status)s).",
                    status=status,
                ),
            )
        if status >= 400:
            return self._result(
                "retry",
                error=_(
                    "The SMS gateway answered with an error (HTTP %(status)s).",
                    status=status,
                ),
                down=status >= 500,
            )
        try:
            answer = response.json()
        except ValueError:
            return self._result(
                "retry",
                error=_(
                    "The SMS gateway gave an answer that is not JSON "
                    "(HTTP %(status)s).",
                    status=status,
                ),
                down=True,
            )
        return gateway._read_answer(answer, number)

    def _read_answer(self, answer, number):
        self.ensure_one()
        _ = self.env._
        message_id = self.message_id_field and _json_get(answer, self.message_id_field)
        message_id = str(message_id) if message_id not in (None, False, "") else False
        if not self.success_field:
            return self._result("sent", message_id=message_id)
        code = _json_get(answer, self.success_field)
        code = "" if code is None else str(code)
        accepted = code == self.success_value if self.success_value else bool(code)
        if accepted or code in _values(self.duplicate_values):
            return self._result("sent", message_id=message_id)
        detail = (self.error_field and _json_get(answer, self.error_field)) or ""
        if code in _values(self.credential_error_values):
            error = _(
                "The SMS gateway refused the account (code %(code)s): %(detail)s",
                code=code,
                detail=detail,
            )
            return self._result("credentials", error=error)
        if code in _values(self.invalid_number_values):
            error = _(
                "The SMS gateway refused the number %(number)s (code %(code)s): "
                "%(detail)s",
                number=number,
                code=code,
                detail=detail,
            )
            return self._result("invalid_number", error=error)
        error = _(
            "The SMS gateway did not accept the message (code %(code)s): %(detail)s",
            code=code,
            detail=detail,
        )
        return self._result("retry", error=error)

    def _result(self, status, message_id=False, error=False, down=None):
        if error:
            _logger.info("SMS gateway %s: %s", self.display_name, error)
        return {
            "status": status,
            "message_id": message_id,
            "error": error,
            "gateway_down": status == "credentials" if down is None else down,
        }

    # Actions ----------------------------------------------------------------------

    @public_method
    def action_send_test_sms(self):
        self.ensure_one()
        _ = self.env._
        if not self.test_number:
            raise UserError(_("Enter the phone number to send the test SMS to."))
        number, problem = self.env["res.partner"]._ecabinet_sms_number(self.test_number)
        if problem:
            raise UserError(problem)
        result = self._send_sms_message(
            number,
            _(
                "e-Cabinet: test message through the SMS gateway %(name)s.",
                name=self.name,
            ),
            uuid4().hex,
        )
        if result["status"] != "sent":
            raise UserError(result["error"])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "Test SMS accepted by the gateway for %(number)s "
                    "(message id: %(message_id)s).",
                    number=number,
                    message_id=result["message_id"] or "-",
                ),
            },
        }
