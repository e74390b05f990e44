# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A database administrator reads a closed secret vote as a forensic examiner
would, and must find no link between a member and a choice.

Every member votes in a transaction of their own that commits, as a request does,
the vote is closed in another one (as after a restart: nothing is left in
memory), and the purge job runs. The examiner then joins the members' rows and the
answers on PostgreSQL's hidden columns (xmin, xmax, ctid), compares the answers'
order with the voting order, the dates, the chatter and tracking, the bus, a
server log captured at DEBUG (SQL included) for the whole run, and the raw pages
of the urn. Positive controls run the same readings while the vote is open and
before the purge: they do find every pair, so the test cannot pass because a
reading is blind.

The class holds no transaction of its own (``BaseCase``, not ``TransactionCase``):
an open test transaction would keep PostgreSQL from erasing anything."""

import logging
import re
import struct
from collections import Counter
from contextlib import contextmanager, suppress

from psycopg2 import errors

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

from odoo.addons.ecabinet_base.tests.common import make_committee

# Twelve members, choices not all equal: a link would show, and the answers in
# voting order (4 agree, 4 disagree, 4 other: 34,650 distinct orders) fall back
# in that order by chance once in 34,650 runs.
CHOICES = [
    "agree",
    "disagree",
    "agree",
    "other",
    "disagree",
    "agree",
    "other",
    "other",
    "disagree",
    "agree",
    "disagree",
    "other",
]
CHOICE_WORD = re.compile(r"(?<![\w-])(agree|disagree|other)(?![\w-])")


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        with suppress(Exception):
            self.lines.append(record.getMessage())


@tagged("post_install", "-at_install", "ecabinet_faults")
class TestSecretVoteForensics(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    @contextmanager
    def committed_env(self):
        with self.registry.cursor() as cr:  # commits on exit
            yield api.Environment(cr, SUPERUSER_ID, {})

    def sql(self, query, params=None):
        with self.registry.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall() if cr.description else None

    # Fixture ------------------------------------------------------------------------

    def setUp(self):
        super().setUp()
        self.log = self._capture_log()
        self.bus_start = self.sql("SELECT COALESCE(max(id), 0) FROM bus_bus")[0][0]
        self.message_start = self.sql("SELECT COALESCE(max(id), 0) FROM mail_message")[
            0
        ][0]
        self.ids_ = {}
        self.addCleanup(self._cleanup)
        with self.committed_env() as env:
            partners = env["res.partner"].create(
                [{"name": f"Forensic member {n:02d}"} for n in range(len(CHOICES))]
            )
            self.ids_["partners"] = partners.ids
            committee = make_committee(
                env,
                "Committee for the forensic reading",
                members=partners,
                date_start="2026-01-01",
            )
            self.ids_["committee"] = committee.id
            meeting = env["ecabinet.meeting"].create(
                {
                    "name": "Session of the forensic reading",
                    "committee_id": committee.id,
                    "date_start": fields.Datetime.now(),
                    "agenda_item_ids": [fields.Command.create({"name": "Item"})],
                }
            )
            self.ids_["meeting"] = meeting.id
            meeting._ecabinet_transition(
                {"state": "in_progress", "pack_sent_date": fields.Date.today()}
            )
            item = meeting.agenda_item_ids
            item._ecabinet_transition({"state": "in_progress"})
            # The vote as opening it leaves it (rules copied, sent): a fixture,
            # written through the state lock.
            Ballot = env["ecabinet.ballot"]
            with Ballot._ecabinet_unlocked("ecabinet.ballot.question"):
                ballot = Ballot.create(
                    {
                        "name": "Secret vote of the forensic reading",
                        "kind": "vote",
                        "secret": True,
                        "committee_id": committee.id,
                        "item_id": item.id,
                        "question_ids": [fields.Command.create({"name": "Approve?"})],
                        "rule_silence": "abstain",
                        "rule_majority_base": "all",
                        "rule_majority_percent": 50.0,
                        "rule_tie": "fail",
                    }
                )
                ballot._add_voters(partners)
                ballot._ecabinet_transition(
                    {"state": "sent", "sent_date": fields.Datetime.now()}
                )
            self.ids_["ballot"] = ballot.id
            self.ids_["question"] = ballot.question_ids.id
            self.voter_of = {
                voter.partner_id.id: voter.id for voter in ballot.voter_ids
            }
        # The member's name -> choice, in voting order.
        self.expected = {}

    def _capture_log(self):
        """Everything Odoo logs, SQL queries included, at DEBUG, into memory; the
        console keeps its own level."""
        capture = _Capture()
        root = logging.getLogger()
        odoo_logger = logging.getLogger("odoo")
        sql_logger = logging.getLogger("odoo.sql_db")
        saved = [(h, h.level) for h in root.handlers]
        levels = (root.level, odoo_logger.level, sql_logger.level)
        for handler, level in saved:
            handler.setLevel(max(level, logging.INFO))
        root.addHandler(capture)
        for logger in (root, odoo_logger, sql_logger):
            logger.setLevel(logging.DEBUG)

        def restore():
            root.removeHandler(capture)
            for handler, level in saved:
                handler.setLevel(level)
            for logger, level in zip(
                (root, odoo_logger, sql_logger), levels, strict=True
            ):
                logger.setLevel(level)

        self.addCleanup(restore)
        return capture

    def _cleanup(self):
        with self.committed_env() as env:
            cr = env.cr
            if self.ids_.get("ballot"):
                cr.execute(
                    "DELETE FROM ecabinet_notification WHERE res_model IN "
                    "('ecabinet.ballot', 'ecabinet.ballot.voter')"
                    " AND res_id IN %s",
                    [(self.ids_["ballot"], *self.voter_of.values())],
                )
                cr.execute(
                    "DELETE FROM ecabinet_ballot WHERE id = %s", [self.ids_["ballot"]]
                )
            cr.execute("DELETE FROM mail_message WHERE id > %s", [self.message_start])
            cr.execute("DELETE FROM bus_bus WHERE id > %s", [self.bus_start])
            if self.ids_.get("meeting"):
                cr.execute(
                    "DELETE FROM ecabinet_meeting WHERE id = %s", [self.ids_["meeting"]]
                )
            if self.ids_.get("committee"):
                cr.execute(
                    "DELETE FROM ecabinet_committee WHERE id = %s",
                    [self.ids_["committee"]],
                )
            if self.ids_.get("partners"):
                cr.execute(
                    "DELETE FROM res_partner WHERE id IN %s",
                    [tuple(self.ids_["partners"])],
                )

    # Steps --------------------------------------------------------------------------

    def _vote(self, partner_id, choice):
        """One member votes in a transaction of their own, which commits."""
        with self.committed_env() as env:
            voter = env["ecabinet.ballot.voter"].browse(self.voter_of[partner_id])
            question = env["ecabinet.ballot.question"].browse(self.ids_["question"])
            voter.answer(question, choice)

    def _voters(self):
        """(partner name, voter id, xmin, xmax, ctid) of the members who voted, in
        voting order (the order of their transactions)."""
        return self.sql(
            """
            SELECT p.name, v.id, v.xmin::text::bigint, v.xmax::text::bigint,
                   v.ctid::text
              FROM ecabinet_ballot_voter v
              JOIN res_partner p ON p.id = v.partner_id
             WHERE v.ballot_id = %s AND v.voted
             ORDER BY v.xmin::text::bigint
            """,
            [self.ids_["ballot"]],
        )

    def _pairs(self, table, on):
        """The examiner's join of the members' rows with ``table``: each member's
        choices through the condition ``on`` (``v`` the member, ``r`` the row)."""
        rows = self.sql(
            f"""
            SELECT p.name, r.choice
              FROM ecabinet_ballot_voter v
              JOIN res_partner p ON p.id = v.partner_id
              JOIN {table} r ON r.ballot_id = v.ballot_id AND {on}
             WHERE v.ballot_id = %s AND v.voted
            """,
            [self.ids_["ballot"]],
        )
        pairs = {}
        for name, choice in rows:
            pairs.setdefault(name, Counter())[choice] += 1
        return pairs

    def assertNoLink(self, pairs, reading):
        """A reading links nobody when it gives every member the same choices."""
        distinct = {tuple(sorted(counter.items())) for counter in pairs.values()}
        self.assertLessEqual(
            len(distinct), 1, f"{reading} tells members apart: {pairs}"
        )

    def _urn_pages(self):
        """The urn's tuples as its raw pages hold them (pageinspect), dead ones
        included: (xmin, xmax, choice), and the pages' bytes."""
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT pg_relation_size('ecabinet_ballot_urn') / "
                "current_setting('block_size')::int"
            )
            pages = cr.fetchone()[0]
            tuples, raw = [], []
            for block in range(pages):
                cr.execute("SELECT get_raw_page('ecabinet_ballot_urn', %s)", [block])
                raw.append(bytes(cr.fetchone()[0]))
                cr.execute(
                    "SELECT t_xmin::text::bigint, t_xmax::text::bigint, t_data "
                    "FROM heap_page_items(get_raw_page('ecabinet_ballot_urn', %s)) "
                    "WHERE t_data IS NOT NULL",
                    [block],
                )
                for xmin, xmax, data in cr.fetchall():
                    # ballot_id int4, question_id int4, choice varchar (short header)
                    data = bytes(data)
                    length = (data[8] >> 1) - 1
                    choice = data[9 : 9 + length].decode()
                    tuples.append((xmin, xmax, choice))
        return tuples, raw

    def _with_pageinspect(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM pg_extension WHERE extname = 'pageinspect'"
            )
            if not cr.fetchone()[0]:
                cr.execute("CREATE EXTENSION pageinspect")
                self.addCleanup(self.sql, "DROP EXTENSION IF EXISTS pageinspect")

    # The reading --------------------------------------------------------------------

    def test_examiner_finds_no_link_after_a_secret_vote_closes(self):
        self._with_pageinspect()
        vote_log_start = len(self.log.lines)
        for partner_id, choice in zip(self.voter_of, CHOICES, strict=True):
            self._vote(partner_id, choice)
            name = self.sql("SELECT name FROM res_partner WHERE id = %s", [partner_id])[
                0
            ][0]
            self.expected[name] = choice
        # A member votes only once, however many transactions they open.
        first = next(iter(self.voter_of))
        with self.assertRaisesRegex(UserError, "already voted"):
            self._vote(first, "disagree")
        vote_log = self.log.lines[vote_log_start:]
        voters = self._voters()
        self.assertEqual([v[0] for v in voters], list(self.expected), "voting order")

        # Positive control: while the vote is open, the urn's rows share each
        # member's transaction id; the examiner's join finds every pair.
        during = self._pairs("ecabinet_ballot_urn", "r.xmin = v.xmin")
        self.assertEqual(
            {name: dict(c) for name, c in during.items()},
            {name: {choice: 1} for name, choice in self.expected.items()},
        )
        # The SQL log of the votes was captured (the members' rows are in it),
        # and no choice is in it.
        for _name, voter_id, *_rest in voters:
            self.assertTrue(
                any(
                    "UPDATE ecabinet_ballot_voter SET voted" in line
                    and f"WHERE id = {voter_id}" in line
                    for line in vote_log
                ),
                "the SQL log is captured",
            )
        self.assertEqual(
            [line for line in vote_log if CHOICE_WORD.search(line)],
            [],
            "no log line of the votes says a choice",
        )
        # The live count works on the urn.
        with self.committed_env() as env:
            ballot = env["ecabinet.ballot"].browse(self.ids_["ballot"])
            self.assertEqual(
                ballot._tally()[self.ids_["question"]], dict(Counter(CHOICES))
            )

        # The vote closes in a new transaction: what was acknowledged is all there
        # is (a crash of the voting workers loses nothing).
        close_log_start = len(self.log.lines)
        with self.committed_env() as env:
            env["ecabinet.ballot"].browse(self.ids_["ballot"])._close()
        close_log = self.log.lines[close_log_start:]

        # Positive control: before the purge the urn's dead rows still hold each
        # member's transaction id and choice in its pages.
        xmin_of = {name: xmin for name, _id, xmin, _xmax, _ctid in voters}
        tuples, _raw = self._urn_pages()
        found = {
            name: choice
            for name, xmin in xmin_of.items()
            for t_xmin, _t_xmax, choice in tuples
            if t_xmin == xmin
        }
        self.assertEqual(found, self.expected, "dead rows readable before the purge")

        with self.committed_env() as env:
            env["ecabinet.ballot"]._cron_purge_urn()
        postponed = [line for line in self.log.lines if "purge postponed" in line]
        self.assertEqual(
            self.sql(
                "SELECT urn_purge_xid FROM ecabinet_ballot WHERE id = %s",
                [self.ids_["ballot"]],
            ),
            [(None,)],
            f"the purge ran (no older transaction held it back): {postponed}",
        )

        # Every acknowledged vote is counted exactly once.
        responses = self.sql(
            """
            SELECT id, choice, voter_id, create_uid, write_uid, create_date,
                   write_date, xmin::text::bigint, xmax::text::bigint, ctid::text
              FROM ecabinet_ballot_response WHERE ballot_id = %s ORDER BY id
            """,
            [self.ids_["ballot"]],
        )
        self.assertEqual(Counter(r[1] for r in responses), Counter(CHOICES))
        with self.committed_env() as env:
            question = env["ecabinet.ballot.question"].browse(self.ids_["question"])
            self.assertEqual(
                (question.count_agree, question.count_disagree, question.count_other),
                (4, 4, 4),
            )

        # The pages: nothing left of the urn's rows of this vote.
        tuples, raw = self._urn_pages()
        voter_xmins = set(xmin_of.values())
        self.assertFalse([t for t in tuples if t[0] in voter_xmins])
        for xmin in voter_xmins:
            pattern = struct.pack("<I", xmin % 2**32)
            self.assertFalse(
                [page for page in raw if pattern in page],
                "no page of the urn holds a member's transaction id",
            )

        # Hidden columns: no join tells members apart.
        for on in (
            "r.xmin = v.xmin",
            "r.xmin = v.xmax",
            "r.xmax = v.xmin",
            "r.xmax = v.xmax",
        ):
            self.assertNoLink(
                self._pairs("ecabinet_ballot_response", on), f"joining on {on}"
            )
        self.assertEqual(len({r[7] for r in responses}), 1, "one transaction id")
        self.assertNotIn(responses[0][7], voter_xmins)

        # Order: the answers are not in voting order (nor in its reverse), by id
        # nor by physical position.
        in_voting_order = list(self.expected.values())
        by_id = [r[1] for r in responses]
        by_ctid = [
            r[1]
            for r in sorted(
                responses, key=lambda r: tuple(map(int, r[9].strip("()").split(",")))
            )
        ]
        for order, reading in ((by_id, "id"), (by_ctid, "ctid")):
            self.assertNotEqual(order, in_voting_order, f"{reading} order")
            self.assertNotEqual(order, in_voting_order[::-1], f"{reading} order")

        # Dates and authors: none of their own.
        with self.committed_env() as env:
            sent_date = env["ecabinet.ballot"].browse(self.ids_["ballot"]).sent_date
        self.assertEqual(
            {(r[2], r[3], r[4], r[5], r[6]) for r in responses},
            {(None, None, None, sent_date, sent_date)},
        )
        voter_dates = self.sql(
            "SELECT DISTINCT write_date, write_uid FROM ecabinet_ballot_voter "
            "WHERE ballot_id = %s",
            [self.ids_["ballot"]],
        )
        self.assertEqual(len(voter_dates), 1, "voting changed no member's dates")

        # Chatter and tracking: no message by a member, none about a member's
        # row, no member named next to a choice.
        names = list(self.expected)
        messages = self.sql(
            "SELECT model, author_id, body::text FROM mail_message WHERE id > %s",
            [self.message_start],
        )
        self.assertFalse(
            [m for m in messages if m[1] in self.ids_["partners"]], "member authors"
        )
        self.assertFalse(
            [m for m in messages if m[0] == "ecabinet.ballot.voter"], "member rows"
        )
        self.assertFalse(
            [
                m
                for m in messages
                if any(name in (m[2] or "") for name in names)
                and CHOICE_WORD.search(m[2] or "")
            ]
        )
        tracking = self.sql(
            """
            SELECT f.model, t.old_value_char, t.new_value_char
              FROM mail_tracking_value t
              JOIN ir_model_fields f ON f.id = t.field_id
             WHERE t.mail_message_id > %s
            """,
            [self.message_start],
        )
        self.assertFalse(
            [t for t in tracking if t[0].startswith("ecabinet.ballot.")],
            "no tracking on a member's row or an answer",
        )

        # Bus: the screens were told that the count changed, never how or by whom.
        bus = self.sql(
            "SELECT channel, message FROM bus_bus WHERE id > %s ORDER BY id",
            [self.bus_start],
        )
        counts = [m for m in bus if '"count"' in m[1]]
        self.assertEqual(len(counts), len(CHOICES), "one message per vote")
        for _channel, message in counts:
            self.assertNotRegex(message, CHOICE_WORD)
        for _channel, message in bus:
            self.assertFalse(
                CHOICE_WORD.search(message) and any(name in message for name in names)
            )

        # The log of the closing names nobody next to a choice.
        for line in close_log:
            if CHOICE_WORD.search(line):
                self.assertFalse([name for name in names if name in line], line)
                self.assertNotIn("ecabinet_ballot_voter", line)

    def test_closing_that_missed_a_vote_is_refused_and_retried(self):
        """A vote committed after the closing transaction took its snapshot: the
        closing fails on a serialisation error instead of leaving the vote in the
        urn, and its retry counts it. A vote whose snapshot predates the closing
        fails the same way, and its retry is refused: nothing is left behind."""
        partners = list(self.voter_of)
        self._vote(partners[0], "agree")
        with self.registry.cursor() as closing_cr:
            closing = api.Environment(closing_cr, SUPERUSER_ID, {})
            ballot = closing["ecabinet.ballot"].browse(self.ids_["ballot"])
            ballot.read(["state"])  # the closing's snapshot starts here
            self._vote(partners[1], "disagree")  # committed meanwhile
            with (
                self.assertRaises(errors.SerializationFailure),
                mute_logger("odoo.sql_db"),
            ):
                ballot._close()
            closing_cr.rollback()
        # A vote that started before the closing commits.
        with self.registry.cursor() as late_cr:
            late = api.Environment(late_cr, SUPERUSER_ID, {})
            voter = late["ecabinet.ballot.voter"].browse(self.voter_of[partners[2]])
            voter.read(["voted"])  # the late vote's snapshot starts here
            with self.committed_env() as env:  # the retried closing
                env["ecabinet.ballot"].browse(self.ids_["ballot"])._close()
            with (
                self.assertRaises(errors.SerializationFailure),
                mute_logger("odoo.sql_db"),
            ):
                voter.answer(
                    late["ecabinet.ballot.question"].browse(self.ids_["question"]),
                    "other",
                )
            late_cr.rollback()
        with self.assertRaisesRegex(UserError, "closed"):
            self._vote(partners[2], "other")
        self.assertEqual(
            sorted(
                self.sql(
                    "SELECT choice FROM ecabinet_ballot_response WHERE ballot_id = %s",
                    [self.ids_["ballot"]],
                )
            ),
            [("agree",), ("disagree",)],
        )
        self.assertEqual(
            self.sql(
                "SELECT count(*) FROM ecabinet_ballot_urn WHERE ballot_id = %s",
                [self.ids_["ballot"]],
            ),
            [(0,)],
        )

    def test_vote_lost_in_a_crash_leaves_no_trace_and_can_be_cast_again(self):
        """A vote whose transaction never commits (the worker died) marks nobody
        and drops nothing; the member votes again; a closing in a new transaction
        counts each acknowledged vote once."""
        partners = list(self.voter_of)
        self._vote(partners[0], "disagree")
        with self.registry.cursor() as crashed_cr:
            crashed = api.Environment(crashed_cr, SUPERUSER_ID, {})
            crashed["ecabinet.ballot.voter"].browse(self.voter_of[partners[1]]).answer(
                crashed["ecabinet.ballot.question"].browse(self.ids_["question"]),
                "agree",
            )
            crashed_cr.rollback()  # the process dies before the commit
        self.assertEqual(
            self.sql(
                "SELECT voted FROM ecabinet_ballot_voter WHERE id = %s",
                [self.voter_of[partners[1]]],
            ),
            [(None,)],
            "not voted",
        )
        self._vote(partners[1], "other")
        with self.assertRaisesRegex(UserError, "already voted"):
            self._vote(partners[1], "agree")
        with self.committed_env() as env:
            env["ecabinet.ballot"].browse(self.ids_["ballot"])._close()
        with self.committed_env() as env:
            env["ecabinet.ballot"]._cron_purge_urn()
            question = env["ecabinet.ballot.question"].browse(self.ids_["question"])
            self.assertEqual(
                (
                    question.count_agree,
                    question.count_disagree,
                    question.count_other,
                    question.count_silent,
                ),
                (0, 1, 1, len(CHOICES) - 2),
            )
