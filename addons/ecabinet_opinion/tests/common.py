# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields

from odoo.addons.ecabinet_base.tests.common import (
    PORTAL_MEMBER,
    ecabinet_calendar,
    make_committee,
    make_user,
)


class BallotCommon:
    """A committee of five (the chair and four members) with the default rules,
    and a secretariat officer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.chair = make_user(
            cls.env,
            "b_chair",
            "ecabinet_base.group_chair",
            email="chair@binhminh.example",
        )
        cls.secretariat = make_user(
            cls.env, "b_secretariat", "ecabinet_base.group_secretariat"
        )
        cls.members = [
            make_user(
                cls.env,
                f"b_member{n}",
                PORTAL_MEMBER,
                email=f"member{n}@binhminh.example",
            )
            for n in range(4)
        ]
        cls.committee = make_committee(
            cls.env,
            "Committee for ballots",
            chair=cls.chair,
            members=cls.members,
            code="B-UBND",
            calendar_id=ecabinet_calendar(cls.env).id,
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
