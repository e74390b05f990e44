# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import EcabinetCommon


@tagged("post_install", "-at_install")
class TestUi(EcabinetCommon, HttpCase):
    def test_secretariat_registers_state_secret_tour(self):
        self.start_tour(
            "/odoo/action-ecabinet_base.ecabinet_document_action",
            "ecabinet_base_secret_document",
            login="t_secretariat",
        )
        document = self.env["ecabinet.document"].search(
            [("name", "=", "Tour: defence plan for Tết")]
        )
        self.assertEqual(document.confidentiality, "top_secret")
        self.assertEqual(document.committee_id, self.committee)
        self.assertEqual(document.secret_holder_id, self.agency)
        self.assertFalse(document.datas)
