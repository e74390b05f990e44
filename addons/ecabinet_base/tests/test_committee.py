# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from pathlib import Path

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools import mute_logger

from .common import EcabinetCommon


@tagged("post_install", "-at_install")
class TestCommitteeMembership(EcabinetCommon, TransactionCase):
    def test_member_who_left_keeps_history(self):
        membership = self.committee.member_ids.filtered(
            lambda m: m.partner_id == self.portal_member.partner_id
        )
        membership.date_end = "2026-09-30"
        successor = self.env["res.partner"].create({"name": "New Director of Health"})
        self.committee.member_ids = [
            self._member_vals(successor, "member", date_start="2026-10-01")
        ]
        self.assertFalse(membership.is_current)
        self.assertTrue(membership.exists(), "the membership history is kept")
        self.assertNotIn(membership, self.committee.current_member_ids)
        self.assertEqual(self.committee.current_member_count, 3)
        on_sept = self.committee._members_at(date(2026, 9, 15)).partner_id
        on_oct = self.committee._members_at(date(2026, 10, 15)).partner_id
        self.assertIn(self.portal_member.partner_id, on_sept)
        self.assertNotIn(successor, on_sept)
        self.assertIn(successor, on_oct)
        self.assertNotIn(self.portal_member.partner_id, on_oct)
        former = self.env["ecabinet.committee.member"].search(
            [("committee_id", "=", self.committee.id), ("is_current", "=", False)]
        )
        self.assertEqual(former, membership)
        self.assertIn(membership, self.portal_member.partner_id.ecabinet_membership_ids)

    def test_chair_is_the_serving_chair(self):
        self.assertEqual(self.committee.chair_id, self.chair.partner_id)
        chair_line = self.committee.member_ids.filtered(lambda m: m.position == "chair")
        chair_line.date_end = "2026-10-31"
        new_chair = self.env["res.partner"].create({"name": "New Chair"})
        self.committee.member_ids = [
            self._member_vals(new_chair, "chair", date_start="2026-11-01")
        ]
        self.assertEqual(self.committee.chair_id, new_chair)

    def test_two_chairs_at_once_refused(self):
        rival = self.env["res.partner"].create({"name": "Rival Chair"})
        with self.assertRaisesRegex(ValidationError, "already has a chair"):
            self.committee.member_ids = [self._member_vals(rival, "chair")]

    def test_overlapping_membership_of_same_person_refused(self):
        with self.assertRaisesRegex(ValidationError, "already a member"):
            self.committee.member_ids = [
                self._member_vals(
                    self.portal_member.partner_id, "vice_chair", date_start="2027-01-01"
                )
            ]

    def test_membership_ending_before_start_refused(self):
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self.committee.member_ids[:1].date_end = "2020-01-01"
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self.committee.term_end = "2020-01-01"

    def test_archived_membership_no_longer_counts(self):
        line = self.committee.member_ids.filtered(
            lambda m: m.partner_id == self.internal_member.partner_id
        )
        line.active = False
        self.assertEqual(self.committee.current_member_count, 2)
        self.assertEqual(
            self.env["ecabinet.committee"].with_user(self.internal_member).search([]),
            self.env["ecabinet.committee"],
        )

    def test_secretariat_builds_committee_in_form(self):
        form = Form(self.env["ecabinet.committee"].with_user(self.secretariat))
        form.name = "Committee of Bình Minh province"
        with form.member_ids.new() as line:
            line.partner_id = self.chair.partner_id
            line.position = "chair"
            line.job_title = "Chủ tịch UBND tỉnh"
        committee = form.save()
        self.assertEqual(committee.chair_id, self.chair.partner_id)
        self.assertEqual(
            committee.member_ids.display_name,
            f"{self.chair.partner_id.name} (Chủ tịch UBND tỉnh)",
        )
        self.assertEqual(
            committee.calendar_id,
            self.env.ref("ecabinet_base.resource_calendar_ecabinet"),
        )

    def test_agency_code_is_unique(self):
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.env["res.partner"].create(
                {
                    "name": "Copy",
                    "is_ecabinet_agency": True,
                    "ecabinet_agency_code": "T01.02",
                }
            )
            self.env.flush_all()


@tagged("post_install", "-at_install")
class TestCommitteeTimeZone(EcabinetCommon, TransactionCase):
    def test_committee_time_zone_is_its_calendars(self):
        self.committee.calendar_id.tz = "Asia/Tokyo"
        self.assertEqual(self.committee._ecabinet_tz_name(), "Asia/Tokyo")

    def test_default_time_zone_is_written_once_in_the_addons(self):
        """Reports, mail and SMS templates and models ask the committee for its
        time zone; the name itself is written once in Python (the default of the
        calendars), in the default calendar's data record, in demo data, and in the
        ORM-free signing library."""
        addons = Path(get_module_path("ecabinet_base")).parent
        allowed = {
            Path("ecabinet_base/models/resource_calendar.py"),
            Path("ecabinet_base/data/resource_calendar_data.xml"),
        }
        found = []
        for path in sorted(addons.glob("ecabinet_*/**/*")):
            relative = path.relative_to(addons)
            if (
                not path.is_file()
                or path.suffix not in {".py", ".xml", ".js", ".po", ".pot", ".csv"}
                or "tests" in relative.parts
                or relative in allowed
                or relative.parts[:2] == ("ecabinet_sign", "lib")
                or (path.suffix == ".xml" and relative.parts[1] == "demo")
            ):
                continue
            if "Asia/Ho_Chi_Minh" in path.read_text(encoding="utf-8"):
                found.append(str(relative))
        self.assertEqual(found, [])
