# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, tagged

from odoo.addons.ecabinet_base.tests.common import make_agency
from odoo.addons.ecabinet_opinion.tests.common import BallotCommon


@tagged("post_install", "-at_install")
class TestTasksFromBallot(BallotCommon, TransactionCase):
    def test_an_approved_decision_becomes_tasks(self):
        finance = make_agency(self.env, "Department of Finance")
        justice = make_agency(self.env, "Department of Justice")
        ballot = self._ballot()
        ballot.with_user(self.secretariat).action_send()
        with self.assertRaisesRegex(UserError, "approved decision"):
            ballot.create_tasks(finance)
        ballot.with_user(self.chair).action_close()
        ballot.with_user(self.chair).action_approve()
        wizard = Form(
            self.env["ecabinet.task.assign.wizard"]
            .with_user(self.secretariat)
            .with_context(default_ballot_id=ballot.id)
        )
        wizard.lead_agency_ids.add(finance)
        wizard.lead_agency_ids.add(justice)
        wizard.deadline = "2027-03-31"
        wizard.save().action_assign()
        self.assertEqual(ballot.task_ids.lead_agency_id, finance | justice)
        self.assertEqual(ballot.task_count, 2)
        self.assertEqual(set(ballot.task_ids.mapped("source_document")), {ballot.name})
        self.assertEqual(ballot.task_ids[0].status, "open_within_term")
