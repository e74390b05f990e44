# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSignService(TransactionCase):
    """The signing services: one active record per company and provider."""

    def test_one_active_service_per_company_and_provider(self):
        Service = self.env["ecabinet.sign.service"]
        company = self.env.company
        csc = Service.create(
            {"name": "CSC", "provider": "csc", "url": "https://csc.example.vn"}
        )
        # another provider: allowed; a phone service may use the production URL
        smartca = Service.create({"name": "SmartCA", "provider": "vnpt_smartca"})
        self.assertEqual(Service._ecabinet_for(company, "csc"), csc)
        self.assertEqual(Service._ecabinet_for(company, "vnpt_smartca"), smartca)
        self.assertFalse(Service._ecabinet_for(company, "pkcs11"))
        with (
            self.assertRaisesRegex(ValidationError, "already has an active"),
            self.env.cr.savepoint(),
        ):
            Service.create(
                {"name": "CSC 2", "provider": "csc", "url": "https://other.example"}
            )
        with (
            self.assertRaisesRegex(ValidationError, "already has an active"),
            self.env.cr.savepoint(),
        ):
            smartca.provider = "csc"
        # archived first, the new one takes its place
        csc.active = False
        other = Service.create(
            {"name": "CSC 2", "provider": "csc", "url": "https://other.example"}
        )
        self.assertEqual(Service._ecabinet_for(company, "csc"), other)
        with self.assertRaisesRegex(ValidationError, "http:// or https://"):
            other.url = "csc.example.vn"
