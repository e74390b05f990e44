# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged, users

from .common import SignCommon


@tagged("post_install", "-at_install")
class TestAudit(SignCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls._request(cls.person, cls.clerk)
        cls.request.action_start()
        for user, identity in (
            (cls.person, cls.pki.signer),
            (cls.clerk, cls.pki.clerk),
        ):
            cls.request.signer_ids.filtered(lambda s, u=user: s.user_id == u).with_user(
                user
            )._ecabinet_sign(pkcs12=identity.pkcs12(), password="ecabinet-test")
        cls.entries = cls.env["ecabinet.sign.audit"].search(
            [("request_id", "=", cls.request.id)], order="id"
        )

    def test_every_step_is_chained_with_its_evidence(self):
        self.assertEqual(
            self.entries.mapped("event"),
            ["started", "signed", "numbered", "signed", "completed"],
        )
        for previous, entry in zip(self.entries, self.entries[1:], strict=False):
            self.assertEqual(entry.previous_hash, previous.entry_hash)
        signed = self.entries.filtered(lambda e: e.event == "signed")
        self.assertEqual(
            signed.mapped("certificate_fingerprint"),
            [
                self.request.signer_ids[0].certificate_fingerprint,
                self.request.signer_ids[1].certificate_fingerprint,
            ],
        )
        evidence = json.loads(signed[0].evidence)
        self.assertTrue(evidence["ocsp"], "the OCSP responses checked are kept")
        base64.b64decode(evidence["ocsp"][0], validate=True)
        broken, count = self.env["ecabinet.sign.audit"]._check_chain()
        self.assertFalse(broken)
        self.assertGreaterEqual(count, 5)

    def test_row_changed_through_sql_is_detected(self):
        entry = self.entries[1]
        self.env.cr.execute(
            "UPDATE ecabinet_sign_audit SET details = 'person: someone else' "
            "WHERE id = %s",
            [entry.id],
        )
        self.env.invalidate_all()
        broken, _count = self.env["ecabinet.sign.audit"]._check_chain()
        self.assertEqual(broken, entry)
        action = self.env["ecabinet.sign.audit"].action_check_chain()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn(str(entry.id), action["params"]["message"])

    def test_row_deleted_through_sql_is_detected(self):
        self.env.cr.execute(
            "DELETE FROM ecabinet_sign_audit WHERE id = %s", [self.entries[2].id]
        )
        broken, _count = self.env["ecabinet.sign.audit"]._check_chain()
        self.assertEqual(broken, self.entries[3])

    def test_no_one_writes_or_deletes_entries_through_the_orm(self):
        entry = self.entries[0]
        with self.assertRaises(UserError):
            entry.sudo().write({"details": "changed"})
        with self.assertRaises(UserError):
            entry.sudo().unlink()
        with self.assertRaises(UserError):
            self.env["ecabinet.sign.audit"].sudo().create({"event": "signed"})

    @users("s_clerk")
    def test_secretariat_reads_but_cannot_create(self):
        Audit = self.env["ecabinet.sign.audit"]
        self.assertTrue(Audit.search([("request_id", "=", self.request.id)]))
        with self.assertRaises(AccessError):
            Audit.create({"event": "signed"})
        with self.assertRaises(AccessError):
            Audit.browse(self.entries[0].id).write({"details": "x"})

    @users("s_portal")
    def test_members_cannot_read_the_log(self):
        with self.assertRaises(AccessError):
            self.env["ecabinet.sign.audit"].search([])

    def test_chain_check_reads_in_batches(self):
        Audit = self.env["ecabinet.sign.audit"]
        Audit._check_chain()
        self.env.invalidate_all()
        # one query for the chain, one per batch of 500 entries
        with self.assertQueryCount(2):
            Audit._check_chain()
