# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""TSA and OCSP down while a document is being signed.

The test PKI of ecabinet_sign (tests/pki.py) serves OCSP, CRLs and the RFC 3161
timestamp authority on loopback; here it is stopped (connection refused),
answers HTTP 500, or the company points to a closed port. Every case must end
with the signature refused by a clear, translated message before anything is
changed (the PDF as it was, the signer still to sign, no number taken, no audit
entry, no message), and the same signature made once the service is back.
"""

import socket

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecabinet_sign.tests.common import SignCommon

TSA_DOWN = "timestamp authority .* cannot be reached"
REVOCATION_DOWN = "revocation status \\(OCSP/CRL\\) of the certificate cannot be"


def closed_port():
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install", "ecabinet_faults")
class TestSignServicesDown(SignCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls._request(cls.person, cls.clerk)
        cls.request.action_start()

    def _state(self):
        request = self.request
        self.env.invalidate_all()
        return {
            "pdf": request._pdf_bytes(),
            "request": (request.state, request.number, request.number_display),
            "signers": [
                (s.user_id.login, s.state, s.certificate_fingerprint)
                for s in request.signer_ids.sorted("sequence")
            ],
            "audit": self.env["ecabinet.sign.audit"].search_count(
                [("request_id", "=", request.id)]
            ),
            "messages": len(request.message_ids),
        }

    def _assert_refused(self, user, identity, pattern):
        before = self._state()
        with self.assertRaisesRegex(UserError, pattern):
            self._sign(self.request, user, identity)
        self.assertEqual(self._state(), before, "nothing changed")
        signer = self.request.signer_ids.filtered(lambda s: s.user_id == user)
        self.assertEqual(signer.state, "to_sign", "still to sign")
        self.assertEqual(self.request.current_signer_id, signer)

    def _sign_both(self):
        self._sign(self.request, self.person, self.pki.signer)
        self._sign(self.request, self.clerk, self.pki.clerk)
        self.assertEqual(self.request.state, "signed")
        self.assertEqual(self.request.number, 1, "one number, taken once")
        report = self._verify(self.request)
        self.assertEqual(report.result, "valid", report.line_ids.mapped("problem_text"))

    def test_tsa_answering_500_refuses_then_signs_when_back(self):
        with self.pki.failing("tsa"):
            self._assert_refused(self.person, self.pki.signer, TSA_DOWN)
        self._sign(self.request, self.person, self.pki.signer)
        # The clerk's signature numbers the document first: the number is not
        # taken (nor written in the PDF) when the timestamp then fails.
        with self.pki.failing("tsa"):
            self._assert_refused(self.clerk, self.pki.clerk, TSA_DOWN)
        self.assertFalse(self.request.number)
        self._sign(self.request, self.clerk, self.pki.clerk)
        self.assertEqual(self.request.state, "signed")
        self.assertEqual(self.request.number, 1)
        report = self._verify(self.request)
        self.assertEqual(report.result, "valid", report.line_ids.mapped("problem_text"))

    def test_tsa_on_a_closed_port_refuses_in_vietnamese(self):
        url = self.company.ecabinet_sign_tsa_url
        self.company.ecabinet_sign_tsa_url = f"http://127.0.0.1:{closed_port()}/tsa"
        self._assert_refused(self.person, self.pki.signer, TSA_DOWN)
        self.env["res.lang"]._activate_lang("vi_VN")
        with self.assertRaisesRegex(
            UserError, "không kết nối được với dịch vụ cấp dấu thời gian"
        ):
            self._sign(
                self.request.with_context(lang="vi_VN"),
                self.person.with_context(lang="vi_VN"),
                self.pki.signer,
            )
        self.company.ecabinet_sign_tsa_url = url
        self._sign_both()

    def test_ocsp_and_crl_answering_500_refuse_then_sign_when_back(self):
        with self.pki.failing("ocsp", "crl"):
            self._assert_refused(self.person, self.pki.signer, REVOCATION_DOWN)
        self._sign_both()

    def test_pki_stopped_refuses_then_signs_when_back(self):
        with self.pki.stopped():
            self._assert_refused(self.person, self.pki.signer, REVOCATION_DOWN)
        self._sign(self.request, self.person, self.pki.signer)
        with self.pki.stopped():
            self._assert_refused(self.clerk, self.pki.clerk, REVOCATION_DOWN)
        self._sign(self.request, self.clerk, self.pki.clerk)
        self.assertEqual(self.request.state, "signed")
        self.assertEqual(self.request.number, 1)
