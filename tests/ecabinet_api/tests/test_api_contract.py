# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The integrator's contract, case by case: what the first release got wrong over
XML-RPC (finding F7), errors in the caller's language, and the worked example of
docs/integrator-api.md run as written."""

import contextlib
import io
import re
from pathlib import Path

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PDF_B64, XmlRpcCase
from .test_xmlrpc_api import MUTED

DOC = Path(__file__).resolve().parents[3] / "docs" / "integrator-api.md"
# The settings the example starts with, replaced by the test server's.
EXAMPLE_SETTINGS = ("URL", "DB", "SECRETARIAT", "CHAIR", "MEMBER", "COMMITTEE_ID")


@tagged("post_install", "-at_install", "ecabinet_api")
class TestApiContract(XmlRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.meeting = env["ecabinet.meeting"].create(
            {
                "name": "Session for the contract tests",
                "committee_id": cls.committee.id,
                "date_start": "2027-02-12 01:00:00",
            }
        )
        cls.item = env["ecabinet.meeting.agenda.item"].create(
            {
                "meeting_id": cls.meeting.id,
                "name": "Public investment 2027",
                "conclusion": "Approve the plan.",
            }
        )
        cls.task = env["ecabinet.task"].create(
            {
                "name": "Report on disbursement",
                "committee_id": cls.committee.id,
                "item_id": cls.item.id,
                "lead_agency_id": cls.agency.id,
                "deadline": "2027-03-31",
            }
        )

    def _open_secret_vote(self):
        """The session in progress, chair and member present, a secret vote open
        on its item (set up with the ORM: the calls under test go over RPC)."""
        env = self.env
        chair, member = self.users["chair"], self.users["member"]
        attendees = env["ecabinet.meeting.attendee"].create(
            [
                {
                    "meeting_id": self.meeting.id,
                    "partner_id": user.partner_id.id,
                    "role": role,
                }
                for user, role in ((chair, "chair"), (member, "member"))
            ]
        )
        self.meeting._ecabinet_transition(
            {"state": "invited", "pack_sent_date": fields.Datetime.now()}
        )
        self.meeting.with_user(self.users["secretariat"]).action_start()
        attendees.action_check_in("present")
        item = self.item.with_user(chair)
        item.action_start()
        ballot = item.action_open_secret_vote()
        voter = ballot.sudo().voter_ids.filtered(
            lambda v: v.partner_id == member.partner_id
        )
        return ballot, voter

    # F7 -----------------------------------------------------------------------------

    def test_an_action_that_returns_nothing_sends_true(self):
        ballot = self.env["ecabinet.ballot"].create(
            {
                "name": "Ballot sent over XML-RPC",
                "committee_id": self.committee.id,
                "question_ids": [fields.Command.create({"name": "Agree?"})],
            }
        )
        self.assertIs(
            self.call("secretariat", "ecabinet.ballot", "action_send", ballot.ids),
            True,
        )
        self.assertEqual(ballot.state, "sent")
        # and in Python, as sale.order.action_confirm does
        self.assertIs(ballot.with_user(self.users["secretariat"]).action_cancel(), True)

    def test_create_tasks_takes_agency_ids(self):
        agencies = [self.agency.id, self.other_agency.id]
        task_ids = self.call(
            "secretariat",
            "ecabinet.meeting.agenda.item",
            "create_tasks",
            self.item.ids,
            agencies,
            coordinating=[self.other_agency.id],
            deadline="2027-05-31",
        )
        tasks = self.env["ecabinet.task"].browse(task_ids)
        self.assertEqual(tasks.lead_agency_id.ids, agencies)
        self.assertEqual(
            tasks.mapped("deadline"), [fields.Date.to_date("2027-05-31")] * 2
        )
        self.assertEqual(tasks[0].coordinating_agency_ids, self.other_agency)
        # keyword arguments too, and the same refusal as with records
        with mute_logger(*MUTED):
            self.call(
                "secretariat",
                "ecabinet.meeting.agenda.item",
                "create_tasks",
                self.item.ids,
                agencies=[],
                fault="Choose at least one lead agency.",
            )

    def test_report_progress_takes_attachment_ids(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "report.pdf",
                "datas": PDF_B64,
                "res_model": "ecabinet.task",
                "res_id": self.task.id,
            }
        )
        progress_ids = self.call(
            "agency",
            "ecabinet.task",
            "report_progress",
            self.task.ids,
            60,
            "Disbursed 60%",
            attachments=attachment.ids,
        )
        progress = self.env["ecabinet.task.progress"].browse(progress_ids)
        self.assertEqual(progress.task_id, self.task)
        self.assertEqual(progress.attachment_ids, attachment)

    def test_report_progress_refuses_someone_elses_files(self):
        secret = self.env["ir.attachment"].create(
            {
                "name": "someone else's file.pdf",
                "datas": PDF_B64,
                "res_model": "ecabinet.committee",
                "res_id": self.committee.id,
            }
        )
        with mute_logger(*MUTED):
            self.call(
                "agency",
                "ecabinet.task",
                "report_progress",
                self.task.ids,
                60,
                "Disbursed 60%",
                [secret.id],
                fault="access",
            )
        self.assertFalse(self.task.progress_ids)

    def test_python_callers_still_get_records(self):
        """The portal and the wizards use the records a method returns; only RPC
        callers get ids."""
        task = self.task.with_user(self.users["agency"])
        progress = task.report_progress(10, "Started")
        self.assertEqual(progress._name, "ecabinet.task.progress")
        tasks = self.item.create_tasks(self.agency)
        self.assertEqual(tasks._name, "ecabinet.task")

    def test_voting_again_after_success_is_a_clear_refusal(self):
        ballot, voter = self._open_secret_vote()
        question = ballot.question_ids.id
        V = "ecabinet.ballot.voter"
        self.assertEqual(
            self.call("member", V, "answer", voter.ids, question, "agree"), []
        )
        with mute_logger(*MUTED):
            self.call(
                "member",
                V,
                "answer",
                voter.ids,
                question,
                "agree",
                fault="You have already voted.",
            )
        # counted once (a secret vote's choices wait in the urn until it closes)
        self.assertEqual(
            ballot.sudo()._tally()[question], dict(agree=1, disagree=0, other=0)
        )

    # Language -----------------------------------------------------------------------

    def test_errors_come_in_the_callers_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["ecabinet_tasks", "ecabinet_opinion"], ["vi_VN"]
        )
        self.users["agency"].lang = "vi_VN"
        with mute_logger(*MUTED):
            self.call(
                "agency",
                "ecabinet.task",
                "report_progress",
                self.task.ids,
                150,
                "Too much",
                fault="Tiến độ là tỷ lệ phần trăm từ 0 đến 100.",
            )
        # a user who asked for a language in the context gets that one
        with mute_logger(*MUTED):
            error = self.call(
                "agency",
                "ecabinet.task",
                "report_progress",
                self.task.ids,
                150,
                "Too much",
                context={"lang": "en_US"},
                fault="Progress is a percentage from 0 to 100.",
            )
        self.assertNotIn("Tiến độ", error.faultString)

    # The documented example ---------------------------------------------------------

    def test_documented_example_runs(self):
        text = DOC.read_text(encoding="utf-8")
        blocks = re.findall(r"```python\n(.*?)```", text, re.S)
        self.assertTrue(blocks, f"no Python example in {DOC}")
        code = blocks[0]
        for name in EXAMPLE_SETTINGS:
            code, count = re.subn(rf"^{name} = .*$", "", code, count=1, flags=re.M)
            self.assertEqual(count, 1, f"the example no longer sets {name}")
        settings = {
            "URL": self.url,
            "DB": self.db,
            "COMMITTEE_ID": self.committee.id,
        }
        for name, who in (
            ("SECRETARIAT", "secretariat"),
            ("CHAIR", "chair"),
            ("MEMBER", "member"),
        ):
            login = self.users[who].login
            settings[name] = (login, f"{login}-pw-2027")
        self.env.flush_all()
        output = io.StringIO()
        with mute_logger(*MUTED), contextlib.redirect_stdout(output):
            exec(compile(code, str(DOC), "exec"), dict(settings))  # noqa: S102
        printed = output.getvalue()
        self.assertIn("ballot: decided approved", printed)
        self.assertIn("refused: 2", printed)
        ballot = self.env["ecabinet.ballot"].search(
            [("committee_id", "=", self.committee.id)]
        )
        self.assertEqual(ballot.decision, "approved")
        self.assertEqual(
            ballot.response_ids.filtered(
                lambda r: r.voter_id.partner_id == self.users["member"].partner_id
            ).choice,
            "agree",
        )
