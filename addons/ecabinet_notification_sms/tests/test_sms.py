# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from contextlib import contextmanager
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged

from odoo.addons.ecabinet_notification.tests.common import NotificationCommon

from .sms_gateway_server import SmsGatewayServer

NUMBER = "+84912345678"


@tagged("post_install", "-at_install")
class TestSmsChannel(NotificationCommon, TransactionCase):
    """SMS leave through the company's HTTP gateway, here a real eSMS.vn stand-in
    on loopback; Odoo's own SMS (composer, templates) take the same way."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.vn")
        cls.event = cls.env.ref("ecabinet_notification.event_test")
        cls.member = cls._member("Nguyễn Văn An", mobile="0912 345 678")

    @classmethod
    def _member(cls, name, **vals):
        """A member who receives the test event by SMS only."""
        partner = cls.env["res.partner"].create({"name": name, **vals})
        cls.env["ecabinet.notification.preference"].create(
            {"partner_id": partner.id, "event_id": cls.event.id, "channel_sms": True}
        )
        return partner

    def setUp(self):
        super().setUp()
        self.server = self.enterContext(SmsGatewayServer())
        self.gateway = self.env["ecabinet.sms.gateway"].create(
            self.server.gateway_vals()
        )

    def _dispatch(self, partner):
        notifications = self.env["ecabinet.notification"].dispatch(
            partner, "ecabinet_notification.event_test", partner
        )
        return notifications.filtered(lambda n: n.channel == "sms")

    def _make_due(self, notification):
        notification._ecabinet_transition(
            {"next_attempt": fields.Datetime.now() - timedelta(seconds=1)}
        )

    # Numbers ----------------------------------------------------------------------

    def test_vietnamese_numbers_are_normalised_to_e164(self):
        Partner = self.env["res.partner"]
        for number in (
            "0912 345 678",
            "+84 912 345 678",
            "84912345678",
            "(+84) 912-345-678",
            "0084 912 345 678",
        ):
            with self.subTest(number=number):
                self.assertEqual(Partner._ecabinet_sms_number(number), (NUMBER, False))
        # The mobile first, else the phone.
        both = Partner.create(
            {"name": "A", "mobile": "0868 123 456", "phone": "0912 345 678"}
        )
        self.assertEqual(both._ecabinet_address_sms(), ("+84868123456", False))
        phone_only = Partner.create({"name": "B", "phone": "0912 345 678"})
        self.assertEqual(phone_only._ecabinet_address_sms(), (NUMBER, False))

    def test_invalid_numbers_are_refused_with_the_reason(self):
        Partner = self.env["res.partner"]
        for number, reason in (
            ("12345", "is not a valid phone number"),
            ("0912 345 67", "is not a valid phone number"),
            ("not a number", "is not a valid phone number"),
            ("028 3822 4567", "is not a mobile number"),  # a landline in HCMC
            ("+33 6 12 34 56 78", "is not a Vietnamese number"),
        ):
            with self.subTest(number=number):
                partner = Partner.create({"name": "Trần Thị Bình", "mobile": number})
                address, problem = partner._ecabinet_address_sms()
                self.assertFalse(address)
                self.assertIn("Trần Thị Bình cannot receive SMS", problem)
                self.assertIn(number, problem)
                self.assertIn(reason, problem)
        nobody = Partner.create({"name": "Lê Văn Cường"})
        self.assertEqual(
            nobody._ecabinet_address_sms(),
            (False, "Lê Văn Cường has no mobile number."),
        )

    def test_member_with_invalid_number_is_reported_and_never_sent(self):
        member = self._member("Phạm Minh Đức")
        # A number stored before numbers were checked when saved.
        self.env.cr.execute(
            "UPDATE res_partner SET mobile = %s WHERE id = %s",
            ["028 3822 4567", member.id],
        )
        member.invalidate_recordset(["mobile"])
        notification = self._dispatch(member)
        self.assertEqual((notification.state, notification.address), ("failed", False))
        self.assertIn("is not a mobile number", notification.last_error)
        self.assertIn(
            "SMS: Phạm Minh Đức cannot receive SMS", member.ecabinet_channel_issue
        )
        self._send_due()
        self.assertEqual(notification.state, "failed")
        self.assertEqual(notification.attempts, 0)
        self.assertFalse(notification.sms_id)
        self.assertEqual(self.server.requests, [])

    # Numbers checked when saved ----------------------------------------------------

    @contextmanager
    def refused(self, message):
        """``assertRaisesRegex`` that rolls back what the call did (as the
        transaction of an RPC call or an import does)."""
        with self.assertRaisesRegex(ValidationError, message) as caught:
            with self.env.cr.savepoint():
                yield caught

    def test_recipient_numbers_are_checked_and_normalised_when_saved(self):
        Partner = self.env["res.partner"]
        agency = Partner.create(
            {
                "name": "Sở Y tế",
                "is_company": True,
                "is_ecabinet_agency": True,
                "mobile": "0912 345 678",
                "phone": "0263 3820 001",
            }
        )
        self.assertEqual((agency.mobile, agency.phone), (NUMBER, "+842633820001"))
        officer = Partner.create(
            {
                "name": "Lê Thị Hoa",
                "parent_id": agency.id,
                "mobile": "(+84) 868-123-456",
            }
        )
        self.assertEqual(officer.mobile, "+84868123456")
        for number, reason in (
            ("0912 345", "is not a valid phone number"),
            ("+1 202 555 0143", "is not a Vietnamese number"),
            ("028 3822 4567", "is not a mobile number"),
        ):
            with self.subTest(number=number):
                with self.refused(reason) as caught:
                    officer.write({"mobile": number})
                message = str(caught.exception)
                self.assertIn("The mobile number of Sở Y tế, Lê Thị Hoa", message)
                self.assertIn(number, message)
                self.assertEqual(officer.mobile, "+84868123456")
        count = Partner.search_count([])
        with self.refused("0912 345 is not a valid"):
            Partner.create(
                {"name": "Typo", "parent_id": agency.id, "mobile": "0912 345"}
            )
        with self.refused("phone number of Sở Y tế"):
            agency.write({"phone": "12"})
        self.assertEqual(Partner.search_count([]), count)
        # Odoo's generic contacts keep what was typed.
        supplier = Partner.create({"name": "Supplier", "mobile": "+1 202 555 0143"})
        self.assertEqual(supplier.mobile, "+1 202 555 0143")
        # ... until they become a recipient: an agency's officer, a committee
        # member, or a person asking for SMS.
        with self.refused("not a Vietnamese number"):
            supplier.parent_id = agency
        with self.refused("not a Vietnamese number"):
            self.env["ecabinet.committee.member"].create(
                {
                    "committee_id": self.env.ref(
                        "ecabinet_base.committee_binh_minh"
                    ).id,
                    "partner_id": supplier.id,
                }
            )
        with self.refused("not a Vietnamese number"):
            self.env["ecabinet.notification.preference"].create(
                {
                    "partner_id": supplier.id,
                    "event_id": self.event.id,
                    "channel_sms": True,
                }
            )
        self.assertFalse(supplier.parent_id)

    def test_import_of_an_invalid_number_saves_nothing(self):
        Partner = self.env["res.partner"]
        count = Partner.search_count([])
        result = Partner.load(
            ["name", "is_ecabinet_agency", "mobile"],
            [["Sở Nội vụ", "1", "0912 345 678"], ["Sở Tư pháp", "1", "0912 345"]],
        )
        self.assertFalse(result["ids"])
        errors = [m["message"] for m in result["messages"] if m["type"] == "error"]
        self.assertIn("The mobile number of Sở Tư pháp is refused", "\n".join(errors))
        self.assertEqual(Partner.search_count([]), count)
        result = Partner.load(
            ["name", "is_ecabinet_agency", "mobile"], [["Sở Nội vụ", "1", "0912345678"]]
        )
        self.assertEqual(Partner.browse(result["ids"]).mobile, NUMBER)

    def test_number_error_is_in_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"].search(
            [("name", "=", "ecabinet_notification")]
        )._update_translations(["vi_VN"])
        Partner = self.env["res.partner"].with_context(lang="vi_VN")
        with self.assertRaisesRegex(ValidationError, "Số di động của Sở Xây dựng"):
            Partner.create(
                {
                    "name": "Sở Xây dựng",
                    "is_ecabinet_agency": True,
                    "mobile": "0912 345",
                }
            )

    # Delivery ---------------------------------------------------------------------

    def test_sms_is_sent_once_with_the_esms_json(self):
        notification = self._dispatch(self.member)
        self.assertEqual((notification.state, notification.address), ("queued", NUMBER))
        self._send_due()
        self._send_due()  # a second run sends nothing again
        self.assertEqual((notification.state, notification.attempts), ("sent", 1))
        [request] = self.server.requests
        sms = notification.sms_id
        self.assertEqual(request["content_type"], "application/json")
        self.assertEqual(
            request["payload"],
            {
                "ApiKey": self.server.api_key,
                "SecretKey": self.server.secret_key,
                "Content": notification.body,
                "Phone": "0912345678",
                "Brandname": "UBND",
                "SmsType": "2",
                "IsUnicode": "1",
                "RequestId": sms.uuid,
            },
        )
        self.assertIn("Nguyễn Văn An", request["payload"]["Content"])
        self.assertEqual(request["code"], "100")
        self.assertTrue(notification.provider_message_id)
        # Odoo's SMS history keeps it, with the provider's id.
        self.assertEqual(
            (sms.state, sms.number, sms.partner_id, sms.to_delete),
            ("pending", NUMBER, self.member, False),
        )
        self.assertEqual(
            sms.ecabinet_provider_message_id, notification.provider_message_id
        )

    def test_gateway_error_500_keeps_the_message_then_sends_it_once(self):
        notification = self._dispatch(self.member)
        self.server.mode = "error500"
        before = fields.Datetime.now()
        self._send_due()
        self.assertEqual((notification.state, notification.attempts), ("queued", 1))
        self.assertIn("HTTP 500", notification.last_error)
        self.assertGreaterEqual(
            notification.next_attempt, before + timedelta(minutes=5)
        )
        self.assertEqual(
            (notification.sms_id.state, notification.sms_id.failure_type),
            ("error", "sms_server"),
        )
        self._send_due()  # not due yet: nothing leaves
        self.assertEqual(len(self.server.requests), 1)
        # The gateway recovers.
        self.server.mode = "ok"
        self._make_due(notification)
        self._send_due()
        self.assertEqual((notification.state, notification.attempts), ("sent", 2))
        self.assertEqual(len(self.server.requests), 2)
        self.assertEqual(len(self.server.delivered), 1)
        self.assertEqual(notification.sms_id.state, "pending")
        # Both attempts used the same SMS, hence the same RequestId.
        self.assertEqual(
            self.env["sms.sms"].search_count([("partner_id", "=", self.member.id)]), 1
        )
        self.assertEqual(
            {r["payload"]["RequestId"] for r in self.server.requests},
            {notification.sms_id.uuid},
        )

    def test_gateway_down_is_called_once_per_batch(self):
        other = self._member("Hoàng Thị Em", mobile="0868 123 456")
        notifications = self._dispatch(self.member) | self._dispatch(other)
        self.server.mode = "error500"
        self._send_due()
        # One call finds the gateway down; the other message waits without one.
        self.assertEqual(len(self.server.requests), 1)
        self.assertEqual(notifications.mapped("state"), ["queued", "queued"])
        self.assertEqual(notifications.mapped("attempts"), [1, 1])
        self.assertIn("HTTP 500", notifications[1].last_error)
        self.server.mode = "ok"
        self._make_due(notifications)
        self._send_due()
        self.assertEqual(notifications.mapped("state"), ["sent", "sent"])
        self.assertEqual(
            sorted(p["Phone"] for p in self.server.delivered),
            ["0868123456", "0912345678"],
        )

    def test_gateway_timeout_retries_without_sending_twice(self):
        notification = self._dispatch(self.member)
        self.server.mode = "timeout"  # eSMS takes it, but its answer is lost
        self._send_due()
        self.assertEqual((notification.state, notification.attempts), ("queued", 1))
        self.assertIn("did not answer in time (1 s)", notification.last_error)
        self.assertGreater(notification.next_attempt, fields.Datetime.now())
        self.server.mode = "ok"
        self._make_due(notification)
        self._send_due()
        # The retry carries the same RequestId: eSMS answers "duplicate" (124)
        # instead of sending it again, and the message counts as sent.
        self.assertEqual((notification.state, notification.attempts), ("sent", 2))
        self.assertEqual([r["code"] for r in self.server.requests], ["100", "124"])
        self.assertEqual(len(self.server.delivered), 1)
        self.assertEqual(
            len({r["payload"]["RequestId"] for r in self.server.requests}), 1
        )

    def test_refused_credentials_keep_the_message_then_fail_then_retry_once(self):
        self.env.company.ecabinet_notification_max_attempts = 2
        self.gateway.secret_key = "an-old-secret"
        notification = self._dispatch(self.member)
        self._send_due()
        self.assertEqual((notification.state, notification.attempts), ("queued", 1))
        self.assertIn("refused the account (code 101)", notification.last_error)
        self.assertIn("Incorrect ApiKey or SecretKey", notification.last_error)
        self.assertEqual(notification.sms_id.failure_type, "sms_acc")
        self._make_due(notification)
        self._send_due()
        self.assertEqual((notification.state, notification.attempts), ("failed", 2))
        self.assertIn("refused the account (code 101)", notification.last_error)
        self.assertIn("refused the account", self.member.ecabinet_channel_issue)
        self.assertEqual(self.server.delivered, [])
        # The administrator fixes the secret; the secretariat sends it again.
        self.gateway.secret_key = self.server.secret_key
        notification.with_user(self.secretariat).action_retry()
        self._send_due()
        self.assertEqual(notification.state, "sent")
        self.assertEqual(len(self.server.requests), 3)
        self.assertEqual(len(self.server.delivered), 1)

    def test_number_refused_by_the_provider_fails_at_once(self):
        notification = self._dispatch(self.member)
        self.server.mode = "bad_number"
        self._send_due()
        self.assertEqual((notification.state, notification.attempts), ("failed", 1))
        self.assertIn(
            "refused the number +84912345678 (code 99)", notification.last_error
        )
        self.assertIn(
            "SMS: The SMS gateway refused the number",
            self.member.ecabinet_channel_issue,
        )
        self.assertEqual(notification.sms_id.failure_type, "sms_number_format")
        self._make_due(notification)
        self._send_due()
        self.assertEqual(len(self.server.requests), 1)

    def test_without_gateway_the_message_waits(self):
        self.gateway.active = False
        notification = self._dispatch(self.member)
        self._send_due()
        self.assertEqual((notification.state, notification.attempts), ("queued", 1))
        self.assertEqual(notification.last_error, "No SMS gateway is configured")
        self.assertEqual(self.server.requests, [])

    def test_outbox_reason_is_in_the_language_of_a_vietnamese_database(self):
        """The cron runs without a language: the reason it stores for the
        secretariat is written in the company's language."""
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["ecabinet_notification"], ["vi_VN"]
        )
        self.env.company.partner_id.lang = "vi_VN"
        self.gateway.active = False
        notification = self._dispatch(self.member)
        self.assertFalse(self.env.context.get("lang"))
        self._send_due()
        self.assertEqual(notification.last_error, "Chưa cấu hình cổng SMS")

    def test_form_payload_gateway(self):
        self.gateway.write(
            {
                "provider": "generic_form",
                "payload_format": "form",
                "url": self.server.form_url,
                "payload_template": '{"ApiKey": "{api_key}", "SecretKey": '
                '"{secret_key}", "Phone": "{phone_digits}", "Content": "{message}", '
                '"Brandname": "{sender}", "SmsType": 2, "RequestId": "{reference}"}',
                "success_field": "CodeResult",
                "success_value": "100",
                "message_id_field": "SMSID",
            }
        )
        notification = self._dispatch(self.member)
        self._send_due()
        self.assertEqual(notification.state, "sent")
        [request] = self.server.requests
        self.assertEqual(request["content_type"], "application/x-www-form-urlencoded")
        self.assertEqual(request["payload"]["Phone"], "84912345678")
        self.assertEqual(request["payload"]["SmsType"], "2")
        self.assertEqual(request["payload"]["Content"], notification.body)

    # Odoo's SMS ----------------------------------------------------------------------

    def test_odoo_sms_composer_goes_through_the_gateway(self):
        body = "Kính mời đồng chí dự phiên họp thường kỳ tháng 12, 8 giờ sáng thứ Hai."
        composer = (
            self.env["sms.composer"]
            .with_context(active_model="res.partner", active_id=self.member.id)
            .create({"body": body, "composition_mode": "comment"})
        )
        composer.action_send_sms()
        [request] = self.server.requests
        self.assertEqual(request["payload"]["Content"], body)
        self.assertEqual(request["payload"]["Phone"], "0912345678")
        # The chatter shows it sent, with the provider's id on the SMS.
        message = self.member.message_ids[0]
        notif = message.notification_ids.filtered(
            lambda n: n.notification_type == "sms"
        )
        self.assertEqual(notif.notification_status, "pending")
        sms = self.env["sms.sms"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(sms.state, "pending")
        self.assertTrue(sms.ecabinet_provider_message_id)
        self.assertEqual(request["payload"]["RequestId"], sms.uuid)

    def test_odoo_sms_failure_is_shown_on_the_chatter(self):
        self.server.mode = "bad_credentials"
        composer = (
            self.env["sms.composer"]
            .with_context(active_model="res.partner", active_id=self.member.id)
            .create({"body": "Thông báo", "composition_mode": "comment"})
        )
        composer.action_send_sms()
        notif = self.member.message_ids[0].notification_ids
        self.assertEqual(
            (notif.notification_status, notif.failure_type), ("exception", "sms_acc")
        )
        self.assertIn("code 101", notif.failure_reason)

    # Configuration ------------------------------------------------------------------

    def test_one_active_gateway_per_company(self):
        with self.assertRaises(ValidationError):
            self.env["ecabinet.sms.gateway"].create(self.server.gateway_vals())
        spare = self.env["ecabinet.sms.gateway"].create(
            self.server.gateway_vals(name="Spare", active=False)
        )
        with self.assertRaises(ValidationError):
            spare.active = True

    def test_provider_presets_and_template_check(self):
        form = Form(self.env["ecabinet.sms.gateway"])
        self.assertEqual(form.provider, "esms")
        self.assertIn("SendMultipleMessage_V4_post_json", form.url)
        self.assertEqual(
            (form.success_field, form.success_value, form.message_id_field),
            ("CodeResult", "100", "SMSID"),
        )
        self.assertEqual(
            json.loads(form.payload_template)["IsUnicode"], "1"
        )  # Vietnamese diacritics
        form.provider = "generic_form"
        self.assertEqual((form.payload_format, form.url), ("form", False))
        self.assertFalse(form.success_field)
        with self.assertRaises(ValidationError):
            self.gateway.payload_template = '["not", "an", "object"]'
        with self.assertRaises(ValidationError):
            self.gateway.payload_template = "{not json"

    def test_send_a_test_sms_from_the_gateway(self):
        self.gateway.test_number = "(+84) 912-345-678"
        action = self.gateway.action_send_test_sms()
        self.assertEqual(action["params"]["type"], "success")
        [request] = self.server.requests
        self.assertEqual(request["payload"]["Phone"], "0912345678")
        self.gateway.test_number = "028 3822 4567"
        with self.assertRaisesRegex(UserError, "is not a mobile number"):
            self.gateway.action_send_test_sms()
        self.gateway.test_number = "0912 345 678"
        self.server.mode = "bad_credentials"
        with self.assertRaisesRegex(UserError, "refused the account"):
            self.gateway.action_send_test_sms()
