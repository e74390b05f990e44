# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.tests import new_test_user


class BallotCommon:
    """A committee of five (the chair and four members) with the default rules,
    and a secretariat officer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.chair = new_test_user(
            cls.env,
            login="b_chair",
            groups="ecabinet_base.group_chair",
            email="chair@binhminh.example",
        )
        cls.secretariat = new_test_user(
            cls.env, login="b_secretariat", groups="ecabinet_base.group_secretariat"
        )
        cls.members = [
            new_test_user(
                cls.env,
                login=f"b_member{n}",
                password=f"b_member{n}",
                groups="base.group_portal,ecabinet_base.group_member",
                email=f"member{n}@binhminh.example",
            )
            for n in range(4)
        ]
        calendar = cls.env.ref("ecabinet_base.resource_calendar_ecabinet")
        calendar._ecabinet_load_public_holidays(years=[2027])
        cls.committee = cls.env["ecabinet.committee"].create(
            {
                "name": "Committee for ballots",
                "code": "B-UBND",
                "calendar_id": calendar.id,
                "member_ids": [
                    fields.Command.create(
                        {
                            "partner_id": cls.chair.partner_id.id,
                            "position": "chair",
                            "date_start": "2026-06-25",
                        }
                    )
                ]
                + [
                    fields.Command.create(
                        {
                            "partner_id": user.partner_id.id,
                            "position": "member",
                            "date_start": "2026-06-25",
                        }
                    )
                    for user in cls.members
                ],
            }
        )

    @classmethod
    def _ballot(cls, questions=("Approve the 2027 land price table?",), **vals):
        return cls.env["ecabinet.ballot"].create(
            {
                "name": "Opinion on the land price table",
                "committee_id": cls.committee.id,
                "question_ids": [fields.Command.create({"name": q}) for q in questions],
                **vals,
            }
        )

    def voter(self, ballot, user):
        return ballot.voter_ids.filtered(lambda v: v.partner_id == user.partner_id)
