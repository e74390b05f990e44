# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPersonFirst(TransactionCase):
    """Lists of people (attendees, voters, the console) name the person first:
    "Agency, Name" hid the name behind the agency in a narrow column."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agency = cls.env["res.partner"].create(
            {"name": "Sở Tài chính", "is_company": True, "is_ecabinet_agency": True}
        )
        cls.person = cls.env["res.partner"].create(
            {"name": "Hoàng Văn Em", "parent_id": cls.agency.id}
        )

    def test_people_of_an_agency_are_named_person_first_in_lists(self):
        person = self.person.with_context(ecabinet_person_first=True)
        self.assertEqual(person.display_name, "Hoàng Văn Em (Sở Tài chính)")

    def test_elsewhere_odoo_naming_is_kept(self):
        self.assertEqual(self.person.display_name, "Sở Tài chính, Hoàng Văn Em")
        agency = self.agency.with_context(ecabinet_person_first=True)
        self.assertEqual(agency.display_name, "Sở Tài chính")

    def test_the_same_record_is_named_by_its_context(self):
        """display_name depends on the context key: no stale cached name."""
        self.assertEqual(self.person.display_name, "Sở Tài chính, Hoàng Văn Em")
        self.assertEqual(
            self.person.with_context(ecabinet_person_first=True).display_name,
            "Hoàng Văn Em (Sở Tài chính)",
        )
