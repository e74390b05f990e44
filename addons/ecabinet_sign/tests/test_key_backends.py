# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sign requests signed through the sign wizard with each key backend: a
PKCS#11 token (SoftHSM2), a CSC API v1 service and VNPT SmartCA / Viettel
MySign (phone approval, finished by the polling cron), against loopback
servers speaking the real protocols."""

import re
import socket

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from ..wizard.ecabinet_sign_wizard import PASSWORD_KEY
from .common import SignCommon
from .fake_csc_server import PSS, CscServer
from .fake_smartca_server import MySignServer, SmartCaServer
from .softhsm import MODULE, PIN, TOKEN, SoftHsm


def free_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


class BackendCommon(SignCommon):
    @classmethod
    def _service(cls, provider, **values):
        """Configure the company's signing service of ``provider``."""
        Service = cls.env["ecabinet.sign.service"]
        service = Service._ecabinet_for(cls.company, provider)
        if service:
            service.write(values)
        else:
            service = Service.create({"name": provider, "provider": provider, **values})
        return service

    @classmethod
    def _smartca_service(cls, server):
        """The company's VNPT SmartCA service: the loopback ``server``."""
        return cls._service(
            "vnpt_smartca",
            url=server.base_url,
            client_id=server.sp_id,
            client_secret=server.sp_password,
        )

    @classmethod
    def _phone_services(cls, partner):
        """Loopback VNPT SmartCA and Viettel MySign services (``cls.smartca``,
        ``cls.mysign``) holding the test PKI's signer key, running for the test
        class, as the company's services; ``partner`` has an account on both."""
        signer = cls.pki.signer
        certs = [signer.cert, cls.pki.intermediate.cert]
        cls.smartca = SmartCaServer(signer.key, certs)
        cls.mysign = MySignServer(signer.key, certs)
        for server in (cls.smartca, cls.mysign):
            server.__enter__()
            cls.addClassCleanup(server.__exit__, None, None, None)
        cls._smartca_service(cls.smartca)
        cls._service(
            "viettel_mysign",
            url=cls.mysign.url,
            client_id=cls.mysign.client_id,
            client_secret=cls.mysign.client_secret,
            profile_id=cls.mysign.profile_id,
        )
        partner.write(
            {
                "ecabinet_sign_smartca_user": cls.smartca.user_id,
                "ecabinet_sign_mysign_user": cls.mysign.user_id,
            }
        )

    @classmethod
    def _csc_service(cls, credentials):
        """A loopback CSC service holding ``credentials`` ({credential id: (key,
        certificates)}), running for the test class, as the company's service."""
        cls.server = CscServer(credentials)
        cls.server.__enter__()
        cls.addClassCleanup(cls.server.__exit__, None, None, None)
        return cls._service(
            "csc",
            url=cls.server.url,
            token_url=cls.server.token_url,
            client_id=cls.server.client_id,
            client_secret=cls.server.client_secret,
        )

    def _start(self):
        request = self._request(self.person, self.clerk)
        request.action_start()
        return request, request.current_signer_id

    def _wizard_sign(self, signer, secret=""):
        wizard = (
            self.env["ecabinet.sign.wizard"]
            .with_user(signer.user_id)
            .create({"signer_id": signer.id})
        )
        return wizard.with_context(**{PASSWORD_KEY: secret}).action_sign()

    def _assert_untouched(self, request, line, before):
        self.assertEqual(line.state, "to_sign")
        self.assertEqual(request.state, "in_progress")
        self.assertEqual(request._pdf_bytes(), before, "nothing signed")
        self.assertFalse(request.number_display)
        self.assertFalse(
            self.env["ecabinet.sign.audit"].search(
                [("request_id", "=", request.id), ("event", "=", "signed")]
            )
        )

    def _finish_and_verify(self, request):
        self._sign(request, self.clerk, self.pki.clerk)
        self.assertEqual(request.state, "signed")
        report = self._verify(request)
        self.assertEqual(report.result, "valid", report.line_ids.mapped("problem_text"))
        return report


@tagged("post_install", "-at_install")
class TestPkcs11Signer(BackendCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A fresh token store; the module is loaded once per process, so SoftHsm
        # reinitialises it (and again at cleanup).
        cls.hsm = SoftHsm.for_class(cls)
        with cls.hsm.session() as session:
            public_key = cls.hsm.generate_rsa(session, "an-sign", b"\x07")
            # Issued by the test CA the company trusts, with OCSP and CRL.
            cls.token_signer = identity = cls.pki.issue_for(
                public_key, "Nguyễn Văn An (token)"
            )
            cls.hsm.store_certificates(
                session,
                [
                    ("an-sign", b"\x07", identity.cert),
                    ("issuing-ca", b"\x08", cls.pki.intermediate.cert),
                ],
            )
        cls.person.partner_id.write(
            {
                "ecabinet_sign_key_backend": "pkcs11",
                "ecabinet_sign_pkcs11_token": TOKEN,
                "ecabinet_sign_pkcs11_key": "an-sign",
            }
        )
        cls._service("pkcs11", module_path=MODULE)

    def test_signed_on_the_token(self):
        request, line = self._start()
        self.assertEqual(line.key_backend, "pkcs11", "taken from the contact")
        self._wizard_sign(line, PIN)
        self.assertEqual(line.state, "signed")
        self.assertEqual(
            line.certificate_subject, self.token_signer.asn1.subject.human_friendly
        )
        report = self._finish_and_verify(request)
        self.assertIn(
            "Nguyễn Văn An (token)", " ".join(report.line_ids.mapped("signer"))
        )

    def test_edxml_signed_on_the_token(self):
        request, line = self._start()
        self._wizard_sign(line, PIN)
        self._sign(request, self.clerk, self.pki.clerk)
        self.company.partner_id.ecabinet_agency_code = "000.00.00.H57"
        agency = self.env["res.partner"].create(
            {
                "name": "Sở Nội vụ",
                "is_ecabinet_agency": True,
                "ecabinet_agency_code": "000.16.30.H57",
            }
        )
        action = request.with_user(self.person).action_export_edxml()
        wizard = (
            self.env["ecabinet.sign.xml.wizard"]
            .with_user(self.person)
            .browse(action["res_id"])
        )
        self.assertEqual(wizard.key_backend, "pkcs11")
        wizard.recipient_ids = agency
        with self.assertRaisesRegex(UserError, "PIN is incorrect"):
            wizard.with_context(**{PASSWORD_KEY: "111111"}).action_sign()
        result = wizard.with_context(**{PASSWORD_KEY: PIN}).action_sign()
        attachment = self.env["ir.attachment"].browse(
            int(result["url"].split("/")[3].split("?")[0])
        )
        report = self.env["ecabinet.sign.verification"]._verify_xml(
            attachment.raw, attachment.name
        )
        self.assertEqual(report.result, "valid", report.line_ids.mapped("error"))
        self.assertEqual(report.line_ids.signer, "Nguyễn Văn An (token)")

    def test_wrong_or_missing_pin(self):
        request, line = self._start()
        before = request._pdf_bytes()
        with self.assertRaisesRegex(UserError, "PIN is incorrect"):
            self._wizard_sign(line, "000000")
        self._assert_untouched(request, line, before)
        with self.assertRaisesRegex(UserError, "Enter the PIN"):
            self._wizard_sign(line, "")
        self._assert_untouched(request, line, before)

    def test_not_configured(self):
        request, line = self._start()
        self._service("pkcs11", module_path=False)
        with self.assertRaisesRegex(UserError, "PKCS#11 module in the signing"):
            self._wizard_sign(line, PIN)
        self._service("pkcs11", module_path=MODULE)
        self.person.partner_id.ecabinet_sign_pkcs11_token = "absent-token"
        with self.assertRaisesRegex(UserError, "USB token is not connected"):
            self._wizard_sign(line, PIN)
        self.assertEqual(line.state, "to_sign")


@tagged("post_install", "-at_install")
class TestCscSigner(BackendCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        signer = cls.pki.signer
        cls._csc_service(
            {
                "cred-an": (
                    signer.key,
                    signer.certificates,
                ),
                "cred-other": (
                    cls.pki.untrusted_signer.key,
                    cls.pki.untrusted_signer.certificates,
                ),
            }
        )
        cls.person.partner_id.write(
            {
                "ecabinet_sign_key_backend": "csc",
                "ecabinet_sign_csc_credential": "cred-an",
            }
        )

    def test_signed_by_the_service(self):
        request, line = self._start()
        self.assertEqual(line.key_backend, "csc")
        self._wizard_sign(line, self.server.pin)
        self.assertEqual(line.state, "signed")
        self.assertEqual(self.server.signed[-1], ("cred-an", PSS))
        authorize = [
            p for path, p in self.server.requests if path.endswith("authorize")
        ]
        self.assertEqual(authorize[-1]["PIN"], self.server.pin)
        self._finish_and_verify(request)

    def test_wrong_pin_and_service_down(self):
        request, line = self._start()
        before = request._pdf_bytes()
        with self.assertRaisesRegex(UserError, "credentials/authorize"):
            self._wizard_sign(line, "99999999")
        self._assert_untouched(request, line, before)
        self._service("csc", url=free_port_url())
        with self.assertRaisesRegex(UserError, "cannot be reached now"):
            self._wizard_sign(line, self.server.pin)
        self._assert_untouched(request, line, before)

    def test_missing_pin(self):
        request, line = self._start()
        with self.assertRaisesRegex(UserError, "Enter the PIN"):
            self._wizard_sign(line, "")
        self.assertEqual(line.state, "to_sign")

    def test_edxml_signed_with_the_clerks_csc_credential(self):
        request, line = self._start()
        self._wizard_sign(line, self.server.pin)
        self._sign(request, self.clerk, self.pki.clerk)
        self.company.partner_id.ecabinet_agency_code = "000.00.00.H57"
        agency = self.env["res.partner"].create(
            {
                "name": "Sở Tư pháp",
                "is_ecabinet_agency": True,
                "ecabinet_agency_code": "000.15.30.H57",
            }
        )
        self.clerk.partner_id.write(
            {
                "ecabinet_sign_key_backend": "csc",
                "ecabinet_sign_csc_credential": "cred-an",
            }
        )
        action = request.with_user(self.clerk).action_export_edxml()
        wizard = (
            self.env["ecabinet.sign.xml.wizard"]
            .with_user(self.clerk)
            .browse(action["res_id"])
        )
        self.assertEqual(wizard.key_backend, "csc", "the clerk's own key")
        wizard.recipient_ids = agency
        count = len(self.server.signed)
        result = wizard.with_context(**{PASSWORD_KEY: self.server.pin}).action_sign()
        self.assertEqual(len(self.server.signed), count + 1)
        attachment = self.env["ir.attachment"].browse(
            int(result["url"].split("/")[3].split("?")[0])
        )
        report = self.env["ecabinet.sign.verification"]._verify_xml(
            attachment.raw, attachment.name
        )
        self.assertEqual(report.result, "valid", report.line_ids.mapped("error"))
        self.assertEqual(report.line_ids.signer, "Nguyễn Văn An")

    def test_untrusted_credential_refused_before_signing(self):
        request, line = self._start()
        self.person.partner_id.ecabinet_sign_csc_credential = "cred-other"
        count = len(self.server.signed)
        with self.assertRaisesRegex(UserError, "does not chain to a trusted root"):
            self._wizard_sign(line, self.server.pin)
        self.assertEqual(len(self.server.signed), count, "the service signed nothing")
        self.assertEqual(line.state, "to_sign")

    def test_secrets_only_for_ecabinet_administrators(self):
        Service = self.env["ecabinet.sign.service"]
        self.assertEqual(
            Service._fields["client_secret"].groups, "ecabinet_base.group_admin"
        )
        service = Service._ecabinet_for(self.company, "csc")
        self.assertEqual(service.client_secret, self.server.client_secret)
        secretariat = self.clerk
        self.assertFalse(secretariat.has_group("ecabinet_base.group_admin"))
        self.assertEqual(service.with_user(secretariat).url, self.server.url)
        with self.assertRaises(AccessError):
            service.with_user(secretariat).read(["client_secret"])
        with self.assertRaises(AccessError):
            service.with_user(secretariat).write({"url": free_port_url()})
        ecabinet_admin = secretariat
        ecabinet_admin.groups_id += self.env.ref("ecabinet_base.group_admin")
        self.assertFalse(ecabinet_admin.has_group("base.group_system"))
        self.assertEqual(
            service.with_user(ecabinet_admin).read(["client_secret"])[0][
                "client_secret"
            ],
            self.server.client_secret,
        )


@tagged("post_install", "-at_install")
class TestPhoneApprovalSigner(BackendCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._phone_services(cls.person.partner_id)
        cls.person.partner_id.ecabinet_sign_key_backend = "vnpt_smartca"
        cls.cron = cls.env.ref("ecabinet_sign.ir_cron_sign_poll")

    def _ask(self, server):
        request, line = self._start()
        before = request._pdf_bytes()
        action = self._wizard_sign(line)
        self.assertEqual(action["params"]["type"], "info", "approve on the phone")
        self.assertEqual(line.state, "pending")
        self.assertEqual(server.pending, [line.pending_reference])
        self.cron.method_direct_trigger()
        self.assertEqual(line.state, "pending", "not approved yet")
        self.assertEqual(request._pdf_bytes(), before)
        return request, line, before

    def test_smartca_approved_then_finished_by_the_cron(self):
        request, line, _before = self._ask(self.smartca)
        self.smartca.approve(line.pending_reference)
        self.cron.method_direct_trigger()
        self.assertEqual(line.state, "signed")
        self.assertEqual(
            line.certificate_subject, self.pki.signer.asn1.subject.human_friendly
        )
        self._finish_and_verify(request)

    def test_mysign_approved_then_finished_by_the_cron(self):
        self.person.partner_id.ecabinet_sign_key_backend = "viettel_mysign"
        request, line, _before = self._ask(self.mysign)
        self.mysign.approve(line.pending_reference)
        self.cron.method_direct_trigger()
        self.assertEqual(line.state, "signed")
        self._finish_and_verify(request)

    def test_refused_on_the_phone(self):
        request, line, before = self._ask(self.smartca)
        self.smartca.refuse(line.pending_reference)
        self.cron.method_direct_trigger()
        self.assertIn("refused on the phone", line.approval_error)
        self._assert_untouched(request, line, before)
        self.assertIn(
            "refused on the phone", request.message_ids[0].body, "told in the chatter"
        )
        # Nothing lost: ask again, approved this time.
        self._wizard_sign(line)
        self.assertFalse(line.approval_error)
        self.smartca.approve(line.pending_reference)
        self.cron.method_direct_trigger()
        self.assertEqual(line.state, "signed")
        self._finish_and_verify(request)

    def test_service_down_while_pending_keeps_waiting(self):
        request, line, before = self._ask(self.smartca)
        self._service("vnpt_smartca", url=free_port_url())
        self.cron.method_direct_trigger()
        self.assertEqual(line.state, "pending", "asked again later")
        self.assertTrue(line.pending_reference)
        self._service("vnpt_smartca", url=self.smartca.base_url)
        self.smartca.approve(line.pending_reference)
        self.cron.method_direct_trigger()
        self.assertEqual(line.state, "signed")


@tagged("post_install", "-at_install")
class TestPhoneApprovalPortal(BackendCommon, HttpCase):
    """A portal member whose key is at VNPT SmartCA signs from /my/sign."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        signer = cls.pki.signer
        cls.smartca = SmartCaServer(
            signer.key, [signer.cert, cls.pki.intermediate.cert]
        )
        cls.smartca.__enter__()
        cls.addClassCleanup(cls.smartca.__exit__, None, None, None)
        cls._smartca_service(cls.smartca)
        cls.portal_signer.partner_id.write(
            {
                "ecabinet_sign_key_backend": "vnpt_smartca",
                "ecabinet_sign_smartca_user": cls.smartca.user_id,
            }
        )

    def test_portal_signer_approves_on_the_phone(self):
        request = self._request(self.portal_signer, self.clerk)
        request.action_start()
        line = request.current_signer_id
        url = f"/my/sign/{request.id}"
        self.authenticate("s_portal", "s_portal")
        page = self.url_open(url)
        self.assertIn("approve the signature in the app on your phone", page.text)
        self.assertNotIn('name="pkcs12"', page.text, "no file to upload")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        answer = self.url_open(f"{url}/sign", data={"csrf_token": csrf})
        self.assertIn("Approve the signature on your phone", answer.text)
        self.assertEqual(line.state, "pending")
        self.smartca.refuse(line.pending_reference)
        self.env.ref("ecabinet_sign.ir_cron_sign_poll").method_direct_trigger()
        self.assertEqual(line.state, "to_sign")
        page = self.url_open(url)
        self.assertIn("Your last signature was not made", page.text)
        self.assertIn("refused on the phone", page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        self.url_open(f"{url}/sign", data={"csrf_token": csrf})
        self.smartca.approve(line.pending_reference)
        self.env.ref("ecabinet_sign.ir_cron_sign_poll").method_direct_trigger()
        self.assertEqual(line.state, "signed")
        self._finish_and_verify(request)
