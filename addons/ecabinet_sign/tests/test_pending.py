# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from ..lib.backend import BackendError, SignaturePending
from ..lib.pkcs12_backend import Pkcs12Backend
from .common import SignCommon
from .pki import PASSWORD


class PhoneApprovalBackend(Pkcs12Backend):
    """A key whose holder approves each signature on a phone, as with VNPT
    SmartCA or Viettel MySign: the digest is sent, the signature comes later
    (here from the same PKCS#12 key), or never if the holder refuses."""

    def __init__(self, data, password, approve=True):
        super().__init__(data, password)
        self.approve = approve
        self.approved = False
        self.asked = None

    def sign_digest(self, digest, digest_algorithm, mechanism):
        self.asked = (digest, digest_algorithm, mechanism)
        raise SignaturePending("txn-42")

    def fetch_signature(self, reference):
        assert reference == "txn-42"
        if not self.approve:
            raise BackendError("the holder refused on the phone")
        if not self.approved:
            return None
        return Pkcs12Backend.sign_digest(self, *self.asked)

    def close(self):
        """Kept open: the test asks it again later."""


@tagged("post_install", "-at_install")
class TestPendingSignature(SignCommon, TransactionCase):
    def _start(self, level="b_t"):
        request = self._request(self.person, self.clerk, pades_level=level)
        request.action_start()
        return request, request.current_signer_id

    def test_signature_approved_on_a_phone_is_finished_later(self):
        request, line = self._start()
        before = request._pdf_bytes()
        backend = PhoneApprovalBackend(self.pki.signer.pkcs12(), PASSWORD)
        outcome = line.with_user(self.person)._ecabinet_sign(backend=backend)
        self.assertEqual(outcome, "pending")
        self.assertEqual(line.state, "pending")
        self.assertEqual(line.pending_reference, "txn-42")
        self.assertEqual(request.current_signer_id, line)
        self.assertEqual(request._pdf_bytes(), before, "nothing signed yet")
        self.assertEqual(backend.asked[2], "rsassa_pss")

        self.assertEqual(line._ecabinet_resume(backend), "pending", "not approved yet")
        backend.approved = True
        self.assertEqual(line._ecabinet_resume(backend), "signed")
        self.assertEqual(line.state, "signed")
        self.assertFalse(line.sudo().pending_state)
        self.assertEqual(request.current_signer_id.user_id, self.clerk)

        self._sign(request, self.clerk, self.pki.clerk)
        report = self._verify(request)
        self.assertEqual(report.result, "valid", report.line_ids.mapped("problem_text"))
        signed = self.env["ecabinet.sign.audit"].search(
            [("request_id", "=", request.id), ("event", "=", "signed")], order="id"
        )
        self.assertEqual(len(signed), 2)
        self.assertTrue(signed[0].evidence, "the revocation evidence is kept")

    def test_archival_level_after_phone_approval(self):
        request, line = self._start(level="b_lta")
        backend = PhoneApprovalBackend(self.pki.signer.pkcs12(), PASSWORD)
        line.with_user(self.person)._ecabinet_sign(backend=backend)
        backend.approved = True
        line._ecabinet_resume(backend)
        report = self._verify(request)
        self.assertEqual(report.result, "valid", report.line_ids.mapped("problem_text"))
        self.assertIn("timestamp", report.line_ids.mapped("kind"))

    def test_refused_on_the_phone_gives_the_turn_back(self):
        request, line = self._start()
        backend = PhoneApprovalBackend(
            self.pki.signer.pkcs12(), PASSWORD, approve=False
        )
        line.with_user(self.person)._ecabinet_sign(backend=backend)
        self.assertEqual(line._ecabinet_resume(backend), "failed")
        self.assertEqual(line.state, "to_sign")
        self.assertEqual(request.state, "in_progress")
        # and the person can sign again, with the PKCS#12 file this time
        self._sign(request, self.person, self.pki.signer)
        self.assertEqual(line.state, "signed")

    def test_revoked_certificate_is_refused_before_asking_the_phone(self):
        request, line = self._start()
        backend = PhoneApprovalBackend(self.pki.revoked_signer.pkcs12(), PASSWORD)
        with self.assertRaisesRegex(UserError, "revoked"):
            line.with_user(self.person)._ecabinet_sign(backend=backend)
        self.assertIsNone(backend.asked, "no approval asked for a revoked key")
        self.assertEqual(line.state, "to_sign")
