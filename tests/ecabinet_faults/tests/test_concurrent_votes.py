# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Votes cast at the same instant, each in its own Odoo process and database
connection, through ``odoo.service.model.retrying`` as an HTTP request is: every
vote is counted, a member voting from two devices at once ends with one answer,
and nobody gets an error. (Threads cannot do it inside the test runner, which holds
the registry lock.)"""

import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api, fields, sql_db
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecabinet_base.tests.common import make_committee

WORKER = Path(__file__).with_name("vote_worker.py")
TIMEOUT = 180


@tagged("post_install", "-at_install", "ecabinet_faults")
class TestConcurrentVotes(TransactionCase):
    @contextmanager
    def committed_env(self):
        cr = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            yield api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            # Other connections (the voting threads) read what this one commits.
            cr.commit()  # pylint: disable=invalid-commit
        finally:
            cr.close()

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            partners = env["res.partner"].create(
                [{"name": f"Concurrent member {n}"} for n in range(2)]
            )
            committee = make_committee(
                env,
                "Committee for concurrent votes",
                members=partners,
                date_start="2026-01-01",
            )
            ballot = env["ecabinet.ballot"].create(
                {
                    "name": "Concurrent ballot",
                    "committee_id": committee.id,
                    "question_ids": [fields.Command.create({"name": "Approve?"})],
                }
            )
            ballot.action_send()
            self.ids_ = {
                "partners": partners.ids,
                "committee": committee.id,
                "ballot": ballot.id,
                "question": ballot.question_ids.id,
                "voters": [
                    ballot.voter_ids.filtered(lambda v, p=p: v.partner_id == p).id
                    for p in partners
                ],
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.committed_env() as env:
            ballot = env["ecabinet.ballot"].browse(self.ids_["ballot"])
            # clean-up of a sent ballot and its outbox: past the state lock
            with ballot._ecabinet_unlocked("ecabinet.notification"):
                env["ecabinet.notification"].search(
                    [
                        (
                            "res_model",
                            "in",
                            ("ecabinet.ballot", "ecabinet.ballot.voter"),
                        ),
                        ("res_id", "in", [ballot.id, *self.ids_["voters"]]),
                    ]
                ).unlink()
                env["mail.message"].search(
                    [("model", "=", "ecabinet.ballot"), ("res_id", "=", ballot.id)]
                ).unlink()
                ballot.unlink()
            env["ecabinet.committee"].browse(self.ids_["committee"]).unlink()
            env["res.partner"].browse(self.ids_["partners"]).unlink()

    def _vote_at_once(self, votes):
        """Each (voter id, choice) in its own Odoo process; all have opened their
        transaction before any answers."""
        config = odoo.tools.config
        options = [
            f"--addons-path={config['addons_path']}",
            f"--data-dir={config['data_dir']}",
            f"--database={self.env.cr.dbname}",
            "--log-level=warn",
        ]
        for option in ("db_host", "db_port", "db_user"):
            if config[option]:
                options.append(f"--{option}={config[option]}")
        processes = [
            subprocess.Popen(  # noqa: S603 - our own worker script
                [
                    sys.executable,
                    str(WORKER),
                    str(voter_id),
                    str(self.ids_["question"]),
                    choice,
                    *options,
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for voter_id, choice in votes
        ]
        try:
            for process in processes:
                self.assertEqual(process.stdout.readline().strip(), "ready")
            for process in processes:
                process.stdin.write("go\n")
                process.stdin.flush()
            outputs = [process.communicate(timeout=TIMEOUT)[0] for process in processes]
        finally:
            for process in processes:
                if process.poll() is None:
                    process.kill()
        tries = []
        for process, output in zip(processes, outputs, strict=True):
            self.assertEqual(process.returncode, 0, output)
            tries.append(int(re.search(r"voted after (\d+) tries", output).group(1)))
        return tries

    def _responses(self):
        with self.committed_env() as env:
            env.cr.execute(
                "SELECT voter_id, choice FROM ecabinet_ballot_response "
                "WHERE ballot_id = %s ORDER BY voter_id",
                [self.ids_["ballot"]],
            )
            return env.cr.fetchall()

    def test_two_members_voting_at_once_are_both_counted(self):
        first, second = self.ids_["voters"]
        # Different members do not conflict: no retry was needed.
        self.assertEqual(
            self._vote_at_once([(first, "agree"), (second, "disagree")]), [1, 1]
        )
        self.assertEqual(
            self._responses(), sorted([(first, "agree"), (second, "disagree")])
        )

    def test_one_member_voting_from_two_devices_ends_with_one_answer(self):
        voter = self.ids_["voters"][0]
        tries = self._vote_at_once([(voter, "agree"), (voter, "disagree")])
        # The second waited for the first (row lock), then was retried once on
        # the serialisation failure, and replaced the answer.
        self.assertEqual(sorted(tries), [1, 2])
        responses = self._responses()
        self.assertEqual(len(responses), 1)
        self.assertEqual(responses[0][0], voter)
        self.assertIn(responses[0][1], ("agree", "disagree"))
