# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import secrets
from datetime import time, timedelta

from markupsafe import Markup, escape
from psycopg2 import errors

from odoo import api, fields, models, sql_db
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.ecabinet_base.tools.api import public_method
from odoo.addons.ecabinet_base.tools.lang import in_ecabinet_lang

from .ecabinet_committee import MAJORITY_BASES, SILENCE_RULES, TIE_RULES

_logger = logging.getLogger(__name__)

# The three choices of every ballot and vote, and their one wording: screens,
# sheets and messages take their labels from here (``ecabinet.ballot.response.
# _ecabinet_choice_labels``). "Other opinion" ("Ý kiến khác") is the legal term of
# the third choice, in a vote too (no "abstain").
CHOICES = [
    ("agree", "Agree"),
    ("disagree", "Disagree"),
    ("other", "Other opinion"),
]
CHOICE_KEYS = tuple(choice for choice, _label in CHOICES)
SECRETARIAT = "ecabinet_base.group_secretariat"
CHAIR = "ecabinet_base.group_chair"
STATES = [
    ("draft", "Draft"),
    ("sent", "Open"),
    ("closed", "Closed"),
    ("decided", "Decided"),
    ("cancelled", "Cancelled"),
]
RESULTS = [
    ("passed", "Passed"),
    ("partly", "Partly passed"),
    ("not_passed", "Not passed"),
]
# The choices of the secret votes still open (created by the question model's
# ``init``); see readme/SECRET.md.
URN_TABLE = "ecabinet_ballot_urn"


class EcabinetBallot(models.Model):
    """One voting engine: a written opinion ballot between sessions (phiếu lấy ý
    kiến) or a vote on an agenda item during a session (biểu quyết)."""

    _name = "ecabinet.ballot"
    _description = "Ballot"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "ecabinet.notification.mixin",
        "ecabinet.state.lock.mixin",
    ]
    _order = "id desc"
    # What may change in which state (the rules are frozen when the ballot is
    # sent; the result and the decision are set by the actions only).
    _state_lock_write = {
        "draft": {
            SECRETARIAT: (
                "name",
                "committee_id",
                "secret",
                "description",
                "question_ids",
                "voter_ids",
                "document_ids",
            ),
        },
        "closed": {CHAIR: ("decision_note",)},
    }
    _state_lock_create = {"draft": (SECRETARIAT,)}
    _state_lock_unlink = {"draft": ("*",)}

    name = fields.Char(string="Subject", required=True, tracking=True)
    kind = fields.Selection(
        [("opinion", "Opinion ballot"), ("vote", "Vote in session")],
        required=True,
        default="opinion",
        readonly=True,
    )
    committee_id = fields.Many2one("ecabinet.committee", required=True, index=True)
    company_id = fields.Many2one(related="committee_id.company_id", store=True)
    item_id = fields.Many2one(
        "ecabinet.meeting.agenda.item", string="Agenda Item", index=True, readonly=True
    )
    meeting_id = fields.Many2one(
        related="item_id.meeting_id", store=True, string="Session", index=True
    )
    secret = fields.Boolean(
        string="Secret Vote",
        help="Nobody, administrators included, can tell how a member voted; each "
        "member still votes once.",
    )
    description = fields.Html()
    state = fields.Selection(
        STATES, default="draft", required=True, tracking=True, copy=False, index=True
    )
    question_ids = fields.One2many(
        "ecabinet.ballot.question", "ballot_id", string="Questions", copy=True
    )
    voter_ids = fields.One2many(
        "ecabinet.ballot.voter", "ballot_id", string="Members Asked"
    )
    response_ids = fields.One2many("ecabinet.ballot.response", "ballot_id")
    document_ids = fields.Many2many(
        "ecabinet.document",
        string="Documents",
        help="Submissions and drafts the members need to answer.",
    )
    sent_date = fields.Datetime(readonly=True, copy=False)
    deadline = fields.Date(readonly=True, copy=False, tracking=True)
    deadline_at = fields.Datetime(
        string="Closes At", readonly=True, copy=False, help="End of the deadline day."
    )
    closed_date = fields.Datetime(readonly=True, copy=False)
    # Rules copied from the committee when the ballot is sent
    rule_deadline_days = fields.Integer(
        string="Answer Within (working days)", readonly=True
    )
    rule_silence = fields.Selection(SILENCE_RULES, string="No Answer", readonly=True)
    rule_majority_base = fields.Selection(
        MAJORITY_BASES, string="Majority", readonly=True
    )
    rule_majority_percent = fields.Float(string="More Than (%)", readonly=True)
    rule_tie = fields.Selection(TIE_RULES, string="On a Tie", readonly=True)
    chair_partner_id = fields.Many2one(
        "res.partner", string="Chair", readonly=True, help="Breaks a tie."
    )
    # Live figures
    answered_count = fields.Integer(compute="_compute_progress", compute_sudo=True)
    voter_count = fields.Integer(compute="_compute_progress", compute_sudo=True)
    not_voted_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_not_voted_partner_ids",
        compute_sudo=True,
        string="Present, Not Voted Yet",
        groups="ecabinet_base.group_secretariat",
        help="During an open vote in session: the members present (in the room or "
        "online) asked to vote who have not voted yet. Names only, never a choice.",
    )
    tally_html = fields.Html(
        compute="_compute_tally_html", compute_sudo=True, sanitize=False, string="Tally"
    )
    decision = fields.Selection(
        [("approved", "Approved"), ("rejected", "Rejected")],
        tracking=True,
        copy=False,
        readonly=True,
    )
    decision_note = fields.Html(copy=False, string="Chair's Decision")
    decision_date = fields.Datetime(readonly=True, copy=False)
    result = fields.Selection(
        RESULTS,
        readonly=True,
        copy=False,
        help="Written when the ballot closes, from the outcome of each question "
        "(see the questions' counts).",
    )
    urn_purge_xid = fields.Char(
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="Technical: the transaction that emptied this secret vote's urn, until "
        "the urn's old rows are erased.",
    )

    def _ecabinet_notified_records(self):
        # the ballot and its reminders go to the members asked
        return super()._ecabinet_notified_records() + [self.voter_ids]

    def _ecabinet_creation_message(self):
        if self.kind == "vote":
            return self.env._("Vote created")
        return self.env._("Opinion ballot created")

    @api.depends("voter_ids.has_answered")
    def _compute_progress(self):
        for ballot in self:
            ballot.voter_count = len(ballot.voter_ids)
            ballot.answered_count = len(ballot.voter_ids.filtered("has_answered"))

    @api.depends("voter_ids.has_answered", "state")
    def _compute_not_voted_partner_ids(self):
        for ballot in self:
            ballot.not_voted_partner_ids = ballot._not_voted_voters().partner_id

    def _not_voted_voters(self):
        """The members asked by this open vote in session who are present (room
        or online) and have not voted: whether each has voted, never how."""
        self.ensure_one()
        if self.kind != "vote" or self.state != "sent":
            return self.env["ecabinet.ballot.voter"]
        present = (
            self.meeting_id.attendee_ids.filtered(
                lambda a: a.attendance in ("present", "online")
            ).partner_id
            # recused after the vote opened: they do not vote on it
            - self.item_id.recused_partner_ids
        )
        return self.voter_ids.filtered(
            lambda v: not v.has_answered and v.partner_id in present
        )

    def _ecabinet_answer_page(self):
        """The page where the members answer this vote when the live screens'
        buttons cannot record their answer (an addon's rule: each answer is
        signed with the member's key there), or False. No query here."""
        self.ensure_one()
        return False

    def _awaiting_signature_voters(self):
        """The members asked whose answer waits for something before it counts
        (an addon's rule: the member's signature, approved on a phone): not
        voted yet, which the live screens show apart. None here, no query."""
        self.ensure_one()
        return self.env["ecabinet.ballot.voter"]

    @api.depends("response_ids.choice", "voter_ids", "state")
    def _compute_tally_html(self):
        labels = self.env["ecabinet.ballot.response"]._ecabinet_choice_labels()
        for ballot in self:
            if not ballot.question_ids or ballot.state == "draft":
                ballot.tally_html = False
                continue
            tally = ballot._tally()
            outcomes = ballot._outcomes(tally) if ballot.rule_majority_base else {}
            rows = []
            for question in ballot.question_ids:
                counts = tally[question.id]
                cells = "".join(f"<td>{counts[choice]}</td>" for choice in labels)
                passed = outcomes.get(question.id, (False,))[0]
                verdict = self.env._("passed") if passed else self.env._("not passed")
                rows.append(
                    f"<tr><td>{escape(question.name)}</td>{cells}<td>{verdict}</td></tr>"
                )
            head = "".join(f"<th>{escape(label)}</th>" for label in labels.values())
            ballot.tally_html = Markup(
                "<table class='table table-sm'><thead><tr><th>%s</th>%s<th>%s</th>"
                "</tr></thead><tbody>%s</tbody></table>"
            ) % (
                self.env._("Question"),
                Markup(head),
                self.env._("Result"),
                Markup("".join(rows)),
            )

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for ballot in self:
            ballot.access_url = f"/my/ecabinet/ballots/{ballot.id}"
        return result

    # State machine ------------------------------------------------------------

    @public_method
    def action_add_committee_members(self):
        """Ask every serving member of the committee."""
        self._ecabinet_check_group(
            "ecabinet_base.group_secretariat", self.env._("ask the committee on")
        )
        for ballot in self:
            ballot._add_voters(ballot.committee_id.current_member_ids.partner_id)

    def _add_voters(self, partners):
        self.ensure_one()
        new = partners - self.voter_ids.partner_id
        if not new:
            return self.env["ecabinet.ballot.voter"]
        Voter = self.env["ecabinet.ballot.voter"]
        with Voter._ecabinet_unlocked():
            voters = Voter.create(
                [
                    {
                        "ballot_id": self.id,
                        "partner_id": partner.id,
                        "added_after_sending": self.state == "sent"
                        and self.kind == "opinion",
                    }
                    for partner in new
                ]
            )
        if self.state == "sent":
            voters._send_ballot()
        return voters

    @public_method
    def action_send(self):
        self._ecabinet_check_group(
            "ecabinet_base.group_secretariat", self.env._("send")
        )
        self._ecabinet_check_state(("draft",), self.env._("send"))
        now = fields.Datetime.now()
        for ballot in self:
            if not ballot.question_ids:
                raise UserError(
                    self.env._("“%(ballot)s” has no question.", ballot=ballot.name)
                )
            if not ballot.voter_ids:
                ballot.action_add_committee_members()
            committee = ballot.committee_id
            calendar = committee.calendar_id
            today = fields.Date.context_today(ballot)
            deadline = calendar.ecabinet_add_working_days(
                today, committee.ballot_deadline_days
            )
            ballot._ecabinet_transition(
                {
                    "state": "sent",
                    "sent_date": now,
                    "deadline": deadline,
                    "deadline_at": calendar._ecabinet_utc(deadline, time(23, 59, 59)),
                    "rule_deadline_days": committee.ballot_deadline_days,
                    "rule_silence": committee.ballot_silence,
                    "rule_majority_base": committee.ballot_majority_base,
                    "rule_majority_percent": committee.ballot_majority_percent,
                    "rule_tie": committee.ballot_tie,
                    "chair_partner_id": committee.chair_id.id,
                }
            )
            ballot.voter_ids._send_ballot()
            ballot._schedule()
            self.env.user._bus_send(
                "simple_notification",
                {
                    "type": "success",
                    "message": self.env._(
                        "“%(ballot)s” was sent to %(count)s members.",
                        ballot=ballot.name,
                        count=len(ballot.voter_ids),
                    ),
                },
            )

    def _schedule(self):
        """Wake the crons when reminders are due and when the ballot closes."""
        remind = self.env.ref("ecabinet_opinion.ir_cron_ballot_reminders")
        close = self.env.ref("ecabinet_opinion.ir_cron_ballot_close")
        now = fields.Datetime.now()
        for ballot in self.filtered(lambda b: b.kind == "opinion"):
            remind._trigger(at=max(ballot._reminder_time(), now))
            close._trigger(at=ballot.deadline_at)

    def _reminder_time(self):
        self.ensure_one()
        committee = self.committee_id
        calendar = committee.calendar_id
        day = calendar.ecabinet_add_working_days(
            self.deadline, -committee.ballot_reminder_days
        )
        return calendar._ecabinet_utc(day, time(8, 0))

    @public_method
    def action_close(self):
        """Close the ballot and apply the silence rule to who did not answer."""
        self._ecabinet_check_group("ecabinet_base.group_chair", self.env._("close"))
        self._close()

    def _close(self):
        self._ecabinet_check_state(("sent",), self.env._("close"))
        self._empty_urn()
        for ballot in self:
            if ballot.kind == "opinion" and ballot.rule_silence == "agree":
                ballot._apply_silence()
            ballot._ecabinet_transition(
                {"state": "closed", "closed_date": fields.Datetime.now()}
            )
            tally = ballot._tally()
            outcomes = ballot._outcomes(tally)
            ballot._store_outcome(tally, outcomes)
            ballot.message_post(
                body=ballot._result_summary(outcomes), subtype_xmlid="mail.mt_note"
            )

    def _store_outcome(self, tally, outcomes):
        """Write the outcome computed at closing on the questions and the ballot,
        so that integrators read it (XML-RPC) instead of parsing the tally."""
        self.ensure_one()
        silences = dict(
            self.env["ecabinet.ballot.response"]
            .sudo()
            ._read_group(
                [("ballot_id", "=", self.id), ("is_silence", "=", True)],
                ["question_id"],
                ["__count"],
            )
        )
        voter_count = len(self.voter_ids)
        # Written once, at closing, through the lock (nobody writes them by hand).
        with self._ecabinet_unlocked("ecabinet.ballot.question"):
            self._store_outcome_unlocked(tally, outcomes, silences, voter_count)

    def _store_outcome_unlocked(self, tally, outcomes, silences, voter_count):
        for question in self.question_ids:
            counts = tally[question.id]
            passed, _agree, base = outcomes[question.id]
            answered = sum(counts.values()) - silences.get(question, 0)
            question.sudo().write(
                {
                    "result_passed": passed,
                    "count_agree": counts["agree"],
                    "count_disagree": counts["disagree"],
                    "count_other": counts["other"],
                    "count_silent": max(voter_count - answered, 0),
                    "result_base": base,
                }
            )
        passed = [outcomes[question.id][0] for question in self.question_ids]
        if all(passed):
            result = "passed"
        elif any(passed):
            result = "partly"
        else:
            result = "not_passed"
        self.write({"result": result})

    def _empty_urn(self):
        """Move the choices of these secret votes out of the urn into anonymous
        answers, in the transaction that ends the vote (closing or cancelling):
        in a random order, all with the time the vote opened and no author, so
        their ids, physical order, dates and transaction id say nothing about who
        voted when. The urn's deleted rows still carry each member's transaction
        id until they are erased: the purge job (``_cron_purge_urn``) is
        triggered to do it as soon as no transaction can still see them."""
        secret = self.filtered("secret")
        if not secret:
            return
        self.env.flush_all()
        cr = self.env.cr
        # A vote committed after this transaction's snapshot updated its member's
        # row: locking the rows then fails on a serialisation error (and the
        # closing is retried), so no acknowledged vote is left behind.
        cr.execute(
            "SELECT id FROM ecabinet_ballot_voter WHERE ballot_id IN %s FOR UPDATE",
            [tuple(secret.ids)],
        )
        cr.execute(
            f"DELETE FROM {URN_TABLE} WHERE ballot_id IN %s "
            "RETURNING ballot_id, question_id, choice",
            [tuple(secret.ids)],
        )
        rows = cr.fetchall()
        if rows:
            secrets.SystemRandom().shuffle(rows)
            opened = {ballot.id: ballot.sent_date for ballot in secret}
            values = [
                (ballot_id, question_id, choice, opened[ballot_id])
                for ballot_id, question_id, choice in rows
            ]
            cr.execute(
                "INSERT INTO ecabinet_ballot_response (ballot_id, question_id, "
                "choice, is_silence, create_date, write_date) VALUES "
                + ", ".join(["(%s, %s, %s, FALSE, %s, %s)"] * len(values)),
                [
                    v
                    for ballot_id, question_id, choice, date in values
                    for v in (ballot_id, question_id, choice, date, date)
                ],
            )
        cr.execute(
            "UPDATE ecabinet_ballot SET urn_purge_xid = "
            "(txid_current() %% 4294967296)::text WHERE id IN %s",
            [tuple(secret.ids)],
        )
        self.env.invalidate_all()
        self.env.ref("ecabinet_opinion.ir_cron_ballot_urn_purge").sudo()._trigger()

    @api.model
    def _cron_purge_urn(self):
        """Erase the urn's deleted rows (they carry the transaction id of each
        member's vote) once no transaction can still see them: ``VACUUM`` removes
        them, ``VACUUM FULL`` rewrites the urn into a new file with the rows of the
        open votes only and empties the old one. Everything runs on a connection
        of its own in autocommit (``VACUUM`` cannot run in a transaction), so that
        this job's own snapshot does not hold the rows back. Triggered by each
        closing; triggers itself again while the rows may still be seen.

        Not ``@in_ecabinet_lang`` (it writes no text): finding the language reads
        the database, and the snapshot taken then would hold the rows back."""
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            cr._cnx.autocommit = True
            try:
                done = self._purge_urn(cr)
            finally:
                cr.execute("RESET lock_timeout")
                cr._cnx.autocommit = False
        if done is False:
            cron = self.env.ref("ecabinet_opinion.ir_cron_ballot_urn_purge").sudo()
            cron._trigger(at=fields.Datetime.now() + timedelta(minutes=1))

    @api.model
    def _purge_urn(self, cr):
        """Erase the urn's removed rows on ``cr`` (autocommit) if a closing asks
        for it and nothing can still see the rows it deleted; ``False`` to try
        again later."""
        cr.execute(
            "SELECT id, urn_purge_xid FROM ecabinet_ballot "
            "WHERE urn_purge_xid IS NOT NULL"
        )
        pending = cr.fetchall()
        if not pending:
            return None
        holders = self._urn_rows_visible(cr, [xid for _id, xid in pending])
        if holders:
            # A transaction older than a closing still runs: VACUUM FULL would
            # copy the rows it may see.
            _logger.info("Urn purge postponed: %s", ", ".join(holders))
            return False
        cr.execute("SET lock_timeout = '10s'")
        try:
            # VACUUM removes the rows; then VACUUM FULL rewrites the pages, whose
            # free space still holds the removed rows' bytes. VACUUM FULL alone
            # would keep them: its own snapshot counts every transaction running
            # in the cluster, other databases included (readme/SECRET.md).
            cr.execute(SQL("VACUUM %s", SQL.identifier(URN_TABLE)))
            cr.execute(
                "SELECT n_dead_tup FROM pg_stat_user_tables WHERE relid = %s::regclass",
                [URN_TABLE],
            )
            dead = cr.fetchone()
            if dead and dead[0]:
                _logger.info("Urn purge postponed: %s rows not removed yet", dead[0])
                return False
            cr.execute(SQL("VACUUM FULL %s", SQL.identifier(URN_TABLE)))
        except errors.LockNotAvailable:
            _logger.info("Urn purge postponed: the urn is busy")
            return False
        cr.execute(
            "UPDATE ecabinet_ballot SET urn_purge_xid = NULL WHERE id IN %s",
            [tuple(ballot_id for ballot_id, _xid in pending)],
        )
        _logger.info("Secret votes' urn purged after %s closed votes", len(pending))
        return True

    @api.model
    def _urn_rows_visible(self, cr, xids):
        """What may still see rows deleted by the transactions ``xids`` (then VACUUM
        keeps them): the sessions of this database, replication slots (a replica's
        feedback) and prepared transactions as old as the newest of ``xids``."""
        cr.execute(
            """
            WITH closing AS (SELECT min(age(x::xid)) AS age FROM unnest(%s) x)
            SELECT format('session %%s (%%s, %%s)', pid, backend_type, state)
              FROM pg_stat_activity, closing
             WHERE datname = current_database()
               AND pid <> pg_backend_pid()
               AND (age(backend_xmin) >= closing.age
                    OR age(backend_xid) >= closing.age)
             UNION ALL
            SELECT format('replication slot %%s', slot_name)
              FROM pg_replication_slots, closing
             WHERE (database IS NULL OR database = current_database())
               AND age(xmin) >= closing.age
             UNION ALL
            SELECT format('prepared transaction %%s', gid)
              FROM pg_prepared_xacts, closing
             WHERE database = current_database()
               AND age(transaction) >= closing.age
            """,
            [list(xids)],
        )
        return [row[0] for row in cr.fetchall()]

    def _apply_silence(self):
        """A member who has not answered a question by the deadline agrees, and is
        accountable for it (the response says so)."""
        self.ensure_one()
        vals = []
        answered = {
            (response.voter_id.id, response.question_id.id)
            for response in self.response_ids
        } | self._silence_exempt()
        # A member who voted secretly has answered: their answer names nobody.
        for voter in self.voter_ids.filtered(lambda v: not v.voted):
            for question in self.question_ids:
                if (voter.id, question.id) not in answered:
                    vals.append(
                        {
                            "ballot_id": self.id,
                            "question_id": question.id,
                            "voter_id": voter.id,
                            "choice": "agree",
                            "is_silence": True,
                        }
                    )
        Response = self.env["ecabinet.ballot.response"].sudo()
        with Response._ecabinet_unlocked():
            Response.create(vals)

    def _silence_exempt(self):
        """``{(voter id, question id)}`` the silence rule leaves out: members
        who did answer, though their answer could not be counted (an addon's
        rule, e.g. an answer still awaiting its signature at the closing)."""
        self.ensure_one()
        return set()

    @public_method
    def action_decide(self, decision, note=None):
        self._ecabinet_check_group("ecabinet_base.group_chair", self.env._("decide"))
        self._ecabinet_check_state(("closed",), self.env._("decide"))
        if decision not in ("approved", "rejected"):
            raise UserError(self.env._("Choose to approve or reject."))
        self._ecabinet_transition(
            {
                "state": "decided",
                "decision": decision,
                "decision_note": note or self.decision_note,
                "decision_date": fields.Datetime.now(),
            }
        )

    @public_method
    def action_approve(self):
        self.action_decide("approved")

    @public_method
    def action_reject(self):
        self.action_decide("rejected")

    @public_method
    def action_cancel(self):
        self._ecabinet_check_group(
            "ecabinet_base.group_secretariat", self.env._("cancel")
        )
        self._ecabinet_check_state(("draft", "sent"), self.env._("cancel"))
        self._empty_urn()
        self._ecabinet_transition({"state": "cancelled"})

    @api.model
    @in_ecabinet_lang
    def _cron_close_expired(self):
        expired = self.search(
            [
                ("state", "=", "sent"),
                ("kind", "=", "opinion"),
                ("deadline_at", "<=", fields.Datetime.now()),
            ]
        )
        expired._close()

    @api.model
    @in_ecabinet_lang
    def _cron_send_reminders(self):
        now = fields.Datetime.now()
        for ballot in self.search([("state", "=", "sent"), ("kind", "=", "opinion")]):
            if ballot._reminder_time() <= now < ballot.deadline_at:
                ballot.voter_ids.filtered(
                    lambda v: not v.has_answered
                )._ecabinet_notify(
                    "ecabinet_opinion.event_ballot_reminder",
                    lambda voter: voter.partner_id,
                    key="reminder",
                )

    # Answers ------------------------------------------------------------------

    def _check_open(self):
        self.ensure_one()
        if self.state != "sent" or (
            self.deadline_at and fields.Datetime.now() > self.deadline_at
        ):
            raise UserError(
                self.env._(
                    "“%(ballot)s” is closed: answers are no longer accepted.",
                    ballot=self.name,
                )
            )

    # Tally --------------------------------------------------------------------

    def _tally(self):
        """``{question_id: {choice: count}}``, recomputed from the responses in one
        query whatever their number, plus (an open secret vote) the urn's choices
        counted in one more."""
        counts = {
            question.id: dict.fromkeys(CHOICE_KEYS, 0) for question in self.question_ids
        }
        groups = (
            self.env["ecabinet.ballot.response"]
            .sudo()
            ._read_group(
                [("ballot_id", "in", self.ids)],
                ["question_id", "choice"],
                ["__count"],
            )
        )
        for question, choice, count in groups:
            counts.setdefault(question.id, dict.fromkeys(CHOICE_KEYS, 0))
            counts[question.id][choice] += count
        secret = self.filtered(lambda b: b.secret and b.state == "sent")
        if secret:
            self.env.cr.execute(
                f"SELECT question_id, choice, count(*) FROM {URN_TABLE} "
                "WHERE ballot_id IN %s GROUP BY question_id, choice",
                [tuple(secret.ids)],
            )
            for question_id, choice, count in self.env.cr.fetchall():
                counts.setdefault(question_id, dict.fromkeys(CHOICE_KEYS, 0))
                counts[question_id][choice] += count
        return counts

    def _outcomes(self, tally=None):
        """``{question_id: (passed, agree, base)}`` under the ballot's rules;
        ``tally`` is ``_tally()`` when the caller already has it."""
        self.ensure_one()
        tally = tally or self._tally()
        chair_choices = self._chair_choices()
        base_all = self._members_count()
        result = {}
        for question in self.question_ids:
            votes = tally[question.id]
            answered = sum(votes.values())
            base = base_all if self.rule_majority_base != "answered" else answered
            agree, disagree = votes["agree"], votes["disagree"]
            threshold = base * (self.rule_majority_percent or 50.0) / 100.0
            passed = agree > threshold
            # Decree 138/2016: "as many for as against" is a tie.
            is_tie = agree == disagree and agree > 0
            if is_tie and self.rule_tie == "chair" and not self.secret:
                passed = chair_choices.get(question.id) == "agree"
            result[question.id] = (passed, agree, base)
        return result

    def _members_count(self):
        """All the members a majority is counted on: those asked, or for a vote in
        session the committee's serving members (not only those present) not
        recused from the item."""
        self.ensure_one()
        if self.kind == "vote":
            # less the members recused from the item
            return self.item_id.quorum_member_count
        return (
            self.env["ecabinet.ballot.voter"]
            .sudo()
            .search_count([("ballot_id", "=", self.id)])
        )

    def _chair_choices(self):
        """The chair's answer per question (it breaks a tie), read in one query."""
        if self.secret or not self.chair_partner_id:
            return {}
        responses = (
            self.env["ecabinet.ballot.response"]
            .sudo()
            .search_fetch(
                [
                    ("ballot_id", "=", self.id),
                    ("voter_id.partner_id", "=", self.chair_partner_id.id),
                ],
                ["question_id", "choice"],
            )
        )
        return {response.question_id.id: response.choice for response in responses}

    def _result_summary(self, outcomes=None):
        self.ensure_one()
        outcomes = outcomes or self._outcomes()
        lines = []
        for question in self.question_ids:
            passed, agree, base = outcomes[question.id]
            lines.append(
                self.env._(
                    "%(question)s: %(agree)s agree out of %(base)s, %(result)s.",
                    question=question.name,
                    agree=agree,
                    base=base,
                    result=self.env._("passed") if passed else self.env._("not passed"),
                )
            )
        return "\n".join(lines)

    @api.constrains("item_id", "kind")
    def _check_vote_item(self):
        for ballot in self:
            if ballot.kind == "vote" and not ballot.item_id:
                raise ValidationError(self.env._("A vote belongs to an agenda item."))
