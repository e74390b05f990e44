# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged

from .common import SignCommon

LIST_FIELDS = ["name", "state", "number_display", "current_signer_id", "audit_count"]


@tagged("post_install", "-at_install")
class TestSignPerformance(SignCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.requests = cls.env["ecabinet.sign.request"]
        for _n in range(8):
            request = cls._request(cls.portal_signer, cls.clerk)
            request.action_start()
            cls.requests |= request

    def _queries(self, func):
        self.env.invalidate_all()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        func()
        return self.env.cr.sql_log_count - before

    def test_request_list_reads_in_the_same_queries_for_2_or_8_requests(self):
        Request = self.env["ecabinet.sign.request"].with_user(self.portal_signer)

        def read(requests):
            return lambda: Request.browse(requests.ids).read(LIST_FIELDS)

        read(self.requests)()  # warm up: groups, rules, translations
        few = self._queries(read(self.requests[:2]))
        many = self._queries(read(self.requests))
        self.assertEqual(few, many)
        self.env.invalidate_all()
        with self.assertQueryCount(many):
            Request.browse(self.requests.ids).read(LIST_FIELDS)

    def test_my_turns_is_one_search(self):
        Signer = self.env["ecabinet.sign.signer"].with_user(self.portal_signer)
        Signer._ecabinet_my_turns()  # warm up: groups and record rules
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            turns = Signer._ecabinet_my_turns()
        self.assertEqual(turns.request_id, self.requests)
