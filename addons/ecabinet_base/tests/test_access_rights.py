# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import EcabinetCommon


@tagged("post_install", "-at_install")
class TestAccessRights(EcabinetCommon, TransactionCase):
    def test_groups_are_chained(self):
        chain = ["member", "user", "secretariat", "chair", "admin"]
        groups = [self.env.ref(f"ecabinet_base.group_{name}") for name in chain]
        for lower, higher in zip(groups, groups[1:], strict=False):
            self.assertIn(lower, higher.trans_implied_ids)
        self.assertIn(self.env.ref("base.group_user"), groups[1].trans_implied_ids)
        self.assertNotIn(self.env.ref("base.group_user"), groups[0].implied_ids)
        self.assertTrue(self.admin.has_group("ecabinet_base.group_member"))
        self.assertTrue(
            self.env.ref("base.user_admin").has_group("ecabinet_base.group_admin")
        )

    def test_portal_and_internal_users_can_both_be_members(self):
        self.assertTrue(self.portal_member.share)
        self.assertTrue(self.portal_member.has_group("ecabinet_base.group_member"))
        self.assertFalse(self.internal_member.share)
        for user in self.portal_member | self.internal_member:
            committees = self.env["ecabinet.committee"].with_user(user).search([])
            self.assertEqual(committees, self.committee)

    def test_member_sees_only_own_committees(self):
        Committee = self.env["ecabinet.committee"].with_user(self.outsider)
        self.assertEqual(Committee.search([]), self.other_committee)
        with self.assertRaises(AccessError):
            self.committee.with_user(self.outsider).read(["name"])
        Member = self.env["ecabinet.committee.member"].with_user(self.outsider)
        self.assertEqual(Member.search([]).committee_id, self.other_committee)

    def test_member_cannot_change_committee_or_membership(self):
        for user in self.portal_member | self.internal_member | self.staff:
            with self.assertRaises(AccessError):
                self.committee.with_user(user).write({"name": "Renamed"})
            with self.assertRaises(AccessError):
                self.env["ecabinet.committee"].with_user(user).create({"name": "Mine"})
            with self.assertRaises(AccessError):
                self.committee.member_ids[:1].with_user(user).write(
                    {"position": "chair"}
                )
        self.assertEqual(self.committee.name, "Test Provincial Committee")

    def test_staff_read_all_committees_of_their_company(self):
        committees = self.env["ecabinet.committee"].with_user(self.staff).search([])
        self.assertIn(self.committee, committees)
        self.assertIn(self.other_committee, committees)

    def test_secretariat_manages_committees_but_only_admin_deletes(self):
        committee = (
            self.env["ecabinet.committee"]
            .with_user(self.secretariat)
            .create({"name": "Thematic Committee"})
        )
        committee.write(
            {"member_ids": [self._member_vals(self.staff.partner_id, "member")]}
        )
        self.assertEqual(committee.current_member_count, 1)
        with self.assertRaises(AccessError):
            committee.unlink()
        with self.assertRaises(AccessError):
            committee.with_user(self.chair).unlink()
        committee.with_user(self.admin).unlink()
        self.assertFalse(committee.exists())

    def test_other_company_committee_is_invisible(self):
        company = self.env["res.company"].create({"name": "Other Province"})
        foreign = self.env["ecabinet.committee"].create(
            {"name": "Foreign Committee", "company_id": company.id}
        )
        visible = self.env["ecabinet.committee"].with_user(self.secretariat).search([])
        self.assertNotIn(foreign, visible)
        with self.assertRaises(AccessError):
            foreign.with_user(self.admin).read(["name"])

    def test_internal_document_limited_to_named_groups(self):
        Document = self.env["ecabinet.document"]
        for user in self.portal_member | self.internal_member | self.staff:
            self.assertNotIn(
                self.internal_document, Document.with_user(user).search([])
            )
            with self.assertRaises(AccessError):
                self.internal_document.with_user(user).read(["name"])
        self.assertIn(self.internal_document, Document.with_user(self.chair).search([]))
        self.assertIn(
            self.internal_document, Document.with_user(self.secretariat).search([])
        )

    def test_member_reads_own_committee_documents_only(self):
        docs = self.env["ecabinet.document"].with_user(self.portal_member).search([])
        self.assertIn(self.document, docs)
        self.assertNotIn(self.other_document, docs)
        with self.assertRaises(AccessError):
            self.other_document.with_user(self.portal_member).read(["datas"])

    def test_agency_submits_only_for_itself(self):
        Document = self.env["ecabinet.document"].with_user(self.agency_user)
        own = Document.create(
            {
                "name": "Report of the Department of Finance",
                "committee_id": self.committee.id,
                "agency_id": self.agency.id,
            }
        )
        self.assertEqual(Document.search([]), own | self.document)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            Document.create(
                {
                    "name": "Forged on behalf of Justice",
                    "committee_id": self.committee.id,
                    "agency_id": self.other_agency.id,
                }
            )
        with self.assertRaises(AccessError):
            own.unlink()

    def test_public_user_reads_nothing(self):
        for model in ("ecabinet.committee", "ecabinet.document"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.public).search([])

    def test_secretariat_edits_holidays_and_swapped_days_staff_cannot(self):
        calendar = self.committee.calendar_id
        leave = (
            self.env["resource.calendar.leaves"]
            .with_user(self.secretariat)
            .create(
                {
                    "name": "Day moved by the Prime Minister",
                    "calendar_id": calendar.id,
                    "date_from": "2027-01-01 17:00:00",
                    "date_to": "2027-01-02 16:59:59",
                }
            )
        )
        leave.unlink()
        swapped = {
            "name": "Swapped working day",
            "calendar_id": calendar.id,
            "dayofweek": "5",
            "date_from": "2027-01-09",
            "date_to": "2027-01-09",
            "hour_from": 7.5,
            "hour_to": 11.5,
        }
        with self.assertRaises(AccessError):
            self.env["resource.calendar.leaves"].with_user(self.staff).create(
                {
                    "name": "Not for staff",
                    "calendar_id": calendar.id,
                    "date_from": "2027-01-01 17:00:00",
                    "date_to": "2027-01-02 16:59:59",
                }
            )
        Attendance = self.env["resource.calendar.attendance"]
        Attendance.with_user(self.secretariat).create(swapped).unlink()
        with self.assertRaises(AccessError):
            Attendance.with_user(self.staff).create(swapped)
