# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cast one answer in its own Odoo process, as a request of one worker does:
``python3 vote_worker.py VOTER_ID QUESTION_ID CHOICE <odoo options>``.

The process opens its transaction, prints ``ready``, waits for a line on stdin,
then answers through ``odoo.service.model.retrying`` (the retry on serialisation
failures of Odoo's HTTP layer) and prints ``voted``."""

import sys

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.service.model import retrying


def main(argv):
    voter_id, question_id, choice = int(argv[0]), int(argv[1]), argv[2]
    odoo.tools.config.parse_config(argv[3:])
    registry = Registry(odoo.tools.config["db_name"].split(",")[0])
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        voter = env["ecabinet.ballot.voter"].browse(voter_id)
        question = env["ecabinet.ballot.question"].browse(question_id)
        # The transaction's snapshot starts with this first read.
        voter.ballot_id.read(["state"])
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        sys.stdin.readline()
        tries = []

        def answer():
            tries.append(1)
            return voter.answer(question, choice, "from a worker")

        retrying(answer, env)
    sys.stdout.write(f"voted after {len(tries)} tries\n")


if __name__ == "__main__":
    main(sys.argv[1:])
