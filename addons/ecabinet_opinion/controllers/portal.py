# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Portal of the members asked on opinion ballots and votes in session.

Every read goes through the record rules of the signed-in user: the rules give a
member the ballots they are asked on, their own row of members asked and their own
answers. ``sudo`` is used only

- by ``ecabinet.ballot.voter.answer`` itself, called on the member's own row (or,
  for the email link, on the row the link's token opens);
- to read the answers of that row (the email link has no signed-in user) and the
  messages the member authored on the ballot's chatter (the history of their
  answers: internal notes, which portal users may not read);
- to show the names of partners, committees and sessions portal users may not read;
- to show the counts of the closed votes on the agenda items the member sees
  (published results: counts only, never who voted what).
"""

import hmac
from collections import defaultdict

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.ecabinet_meeting.controllers.portal import (
    MODEL_ERRORS,
    EcabinetMeetingPortal,
)

from ..models.ecabinet_ballot import CHOICE_KEYS

CLOSED_STATES = ("closed", "decided")
# Votes are opened only once a session is in progress: before, there is none.
VOTE_MEETING_STATES = ("in_progress", "closed", "minutes_approved", "cancelled")


class EcabinetOpinionPortal(EcabinetMeetingPortal):
    _ballots_per_page = 20

    # Portal home ------------------------------------------------------------------

    def _ecabinet_ballot_domain(self):
        """The ballots the signed-in person is asked on (the rules give members
        exactly these; staff see more, so the domain says it too)."""
        return [
            ("voter_ids.partner_id", "=", request.env.user.partner_id.id),
            ("state", "!=", "draft"),
        ]

    def _ecabinet_ballot_todo_domain(self):
        """Open ballots still waiting for the signed-in person's answer."""
        return [
            ("state", "=", "sent"),
            "|",
            ("deadline_at", "=", False),
            ("deadline_at", ">=", fields.Datetime.now()),
            (
                "voter_ids",
                "any",
                [
                    ("partner_id", "=", request.env.user.partner_id.id),
                    ("has_answered", "=", False),
                ],
            ),
        ]

    _home_ballots = 5

    def _ecabinet_home_values(self):
        """The open ballots waiting for the person's answer, soonest deadline
        first, and how many there are."""
        values = super()._ecabinet_home_values()
        Ballot = request.env["ecabinet.ballot"]
        if not Ballot.has_access("read"):
            return values
        domain = self._ecabinet_ballot_domain() + self._ecabinet_ballot_todo_domain()
        ballots = Ballot.search_fetch(
            domain,
            ["name", "deadline_at", "committee_id"],
            order="deadline_at asc, id asc",
            limit=self._home_ballots,
        )
        count = len(ballots)
        if count == self._home_ballots:
            count = Ballot.search_count(domain)
        zones = {
            committee.id: committee._ecabinet_tz_name()
            for committee in ballots.committee_id
        }
        return {
            **values,
            "ecabinet_todo_ballots": ballots,
            "ecabinet_todo_ballot_count": count,
            "ecabinet_ballot_tz": {
                ballot.id: zones[ballot.committee_id.id] for ballot in ballots
            },
        }

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Ballot = request.env["ecabinet.ballot"]
        wanted = {"ecabinet_ballot_count", "ecabinet_ballot_todo_count"}
        if wanted & set(counters):
            allowed = Ballot.has_access("read")
            if "ecabinet_ballot_count" in counters:
                values["ecabinet_ballot_count"] = (
                    Ballot.search_count(self._ecabinet_ballot_domain())
                    if allowed
                    else 0
                )
            if "ecabinet_ballot_todo_count" in counters:
                values["ecabinet_ballot_todo_count"] = (
                    Ballot.search_count(
                        self._ecabinet_ballot_domain()
                        + self._ecabinet_ballot_todo_domain()
                    )
                    if allowed
                    else 0
                )
        return values

    # Helpers ------------------------------------------------------------------------

    def _ecabinet_my_voter(self, ballot_id):
        """The signed-in person's row of members asked, read as them."""
        partner = request.env.user.partner_id
        return request.env["ecabinet.ballot.voter"].search(
            [("ballot_id", "=", ballot_id), ("partner_id", "=", partner.id)],
            limit=1,
            order="id",
        )

    def _ecabinet_choice_labels(self, kind="opinion"):
        """The labels of the choices, the same in a vote and an opinion ballot."""
        return request.env["ecabinet.ballot.response"]._ecabinet_choice_labels()

    def _ecabinet_ballot_open(self, ballot):
        return ballot.state == "sent" and (
            not ballot.deadline_at or fields.Datetime.now() <= ballot.deadline_at
        )

    def _ecabinet_ballot_values(self, ballot, voter, documents):
        """What a ballot page shows to ``voter`` (their row, or an empty
        recordset), read by the caller as the person; ``documents`` are those the
        person may read."""
        env = request.env
        responses = env["ecabinet.ballot.response"]
        history = env["mail.message"]
        if voter and not ballot.secret:
            responses = responses.sudo().search(
                [("voter_id", "=", voter.id), ("ballot_id", "=", ballot.id)]
            )
            # Their answers are internal notes of the ballot, which portal users
            # may not read: only the notes they wrote, without the tracking of a
            # chair's or secretary's actions nor the result posted at closing.
            domain = [
                ("model", "=", "ecabinet.ballot"),
                ("res_id", "=", ballot.id),
                ("author_id", "=", voter.partner_id.id),
                ("message_type", "=", "notification"),
                ("tracking_value_ids", "=", False),
            ]
            if ballot.closed_date:
                domain.append(("date", "<", ballot.closed_date))
            history = history.sudo().search(domain, order="date desc, id desc")
        meeting = ballot.sudo().meeting_id
        is_open = self._ecabinet_ballot_open(ballot)
        return {
            "ballot": ballot,
            "voter": voter,
            "questions": ballot.question_ids,
            "documents": documents,
            "responses": {response.question_id.id: response for response in responses},
            "history": history,
            "choices": self._ecabinet_choice_labels(ballot.kind),
            "is_open": is_open,
            "can_answer": bool(voter)
            and is_open
            and not (ballot.secret and voter.voted),
            "session": meeting and {"id": meeting.id, "name": meeting.name},
            "names": self._ecabinet_partner_names(documents.secret_holder_id),
            "committee_name": ballot.sudo().committee_id.name,
            "show_result": ballot.state in CLOSED_STATES,
        }

    def _ecabinet_question_anchor(self, post):
        question_id = str(post.get("question_id") or "")
        return f"question-{question_id}" if question_id.isdigit() else ""

    def _ecabinet_posted_question(self, ballot, voter, post):
        """The question of ``ballot`` that ``post`` answers, for ``voter``."""
        env = request.env
        if not voter:
            raise UserError(env._("You are not asked on this ballot."))
        question_id = str(post.get("question_id") or "")
        question = ballot.question_ids.filtered(lambda q: str(q.id) == question_id)
        if not question:
            raise UserError(env._("This question is not on this ballot."))
        return question

    def _ecabinet_answer_ballot(self, ballot, voter, post):
        """Record the answer in ``post`` for ``voter`` (already checked: the
        signed-in person's own row, or the one of a valid email link)."""
        env = request.env
        question = self._ecabinet_posted_question(ballot, voter, post)
        choice = post.get("choice")
        if choice not in CHOICE_KEYS:
            raise UserError(env._("Choose agree, disagree or other opinion."))
        voter.answer(question, choice, (post.get("comment") or "").strip())

    # My ballots -----------------------------------------------------------------------

    @http.route(
        ["/my/ecabinet/ballots", "/my/ecabinet/ballots/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_ecabinet_ballots(self, page=1, **kw):
        env = request.env
        Ballot = env["ecabinet.ballot"]
        if not Ballot.has_access("read"):
            return request.redirect("/my")
        mine = self._ecabinet_ballot_domain()
        now = fields.Datetime.now()
        open_domain = [
            *mine,
            ("state", "=", "sent"),
            "|",
            ("deadline_at", "=", False),
            ("deadline_at", ">=", now),
        ]
        # Closed, decided, cancelled, or past the deadline (before the cron
        # closes it).
        other_domain = [
            *mine,
            "|",
            ("state", "!=", "sent"),
            ("deadline_at", "<", now),
        ]
        # Open ballots first, the nearest deadline first; then the others, latest
        # first.
        ballots, pager, open_count = self._ecabinet_two_part_page(
            "ecabinet.ballot",
            [(open_domain, "deadline asc, id desc"), (other_domain, "id desc")],
            "/my/ecabinet/ballots",
            page,
            self._ballots_per_page,
        )
        offset = pager["offset"]
        voters = env["ecabinet.ballot.voter"].search(
            [
                ("ballot_id", "in", ballots.ids),
                ("partner_id", "=", env.user.partner_id.id),
            ]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "ballots": ballots,
                "open_ids": set(ballots[: max(open_count - offset, 0)].ids),
                "my_voters": {voter.ballot_id.id: voter for voter in voters},
                "pager": pager,
                "page_name": "ecabinet_ballot",
                "default_url": "/my/ecabinet/ballots",
            }
        )
        return request.render("ecabinet_opinion.portal_my_ecabinet_ballots", values)

    # Ballot page ----------------------------------------------------------------------

    @http.route(
        "/my/ecabinet/ballots/<int:ballot_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_ecabinet_ballot(self, ballot_id, **kw):
        try:
            self._document_check_access("ecabinet.ballot", ballot_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._ecabinet_render_ballot(ballot_id, message=kw.get("message"))

    def _ecabinet_render_ballot(self, ballot_id, error=None, post=None, **extra):
        ballot = request.env["ecabinet.ballot"].browse(ballot_id)
        return self._ecabinet_render_page(
            "ecabinet_opinion.portal_my_ecabinet_ballot",
            self._ecabinet_ballot_values(
                ballot, self._ecabinet_my_voter(ballot_id), ballot.document_ids
            ),
            error,
            post,
            page_name="ecabinet_ballot",
            action_url=f"/my/ecabinet/ballots/{ballot_id}/answer",
            **extra,
        )

    @http.route(
        "/my/ecabinet/ballots/<int:ballot_id>/answer",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_ecabinet_ballot_answer(self, ballot_id, **post):
        """Answer from the ballot page, or vote from the page of a session (then
        ``meeting_id`` is posted and the session page shows the outcome)."""
        meeting_id = str(post.get("meeting_id") or "")
        if meeting_id.isdigit():
            return self._ecabinet_vote_from_session(int(meeting_id), ballot_id, post)
        return self._ecabinet_ballot_post(
            ballot_id,
            post,
            lambda ballot, voter: self._ecabinet_answer_ballot(ballot, voter, post),
            message="answered",
        )

    def _ecabinet_ballot_post(self, ballot_id, post, action, message=None):
        """A form posted from the ballot's page: ``action(ballot, voter)`` runs
        for the signed-in member (nothing kept if it fails); then back to the
        page at the question, with ``?message=`` if given, or the page again
        with the error and what was posted."""
        try:
            ballot = self._document_check_access("ecabinet.ballot", ballot_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            with request.env.cr.savepoint():
                action(ballot, self._ecabinet_my_voter(ballot_id))
        except MODEL_ERRORS as error:
            return self._ecabinet_render_ballot(
                ballot_id, error=error.args[0], post=post
            )
        query = f"?message={message}" if message else ""
        anchor = self._ecabinet_question_anchor(post)
        return request.redirect(f"/my/ecabinet/ballots/{ballot_id}{query}#{anchor}")

    # Votes on the session page ------------------------------------------------------

    def _ecabinet_vote_from_session(self, meeting_id, ballot_id, post):
        def vote():
            env = request.env
            ballot = env["ecabinet.ballot"].search(
                [
                    ("id", "=", ballot_id),
                    ("kind", "=", "vote"),
                    ("meeting_id", "=", meeting_id),
                ]
            )
            if not ballot:
                raise UserError(env._("You are not among the voters of this vote."))
            self._ecabinet_answer_ballot(
                ballot, self._ecabinet_my_voter(ballot.id), post
            )
            return "voted"

        return self._ecabinet_session_post(meeting_id, vote, post, f"vote-{ballot_id}")

    def _ecabinet_session_values(self, meeting_id):
        values = super()._ecabinet_session_values(meeting_id)
        values.update(
            self._ecabinet_session_vote_values(values["meeting"], values["items"])
        )
        return values

    def _ecabinet_session_vote_values(self, meeting, items):
        """The votes on the items shown, in a fixed number of queries whatever the
        number of items and votes: the open ones the person votes in, and the
        counts of the closed ones."""
        env = request.env
        values = {
            "votes_by_item": defaultdict(list),
            "vote_voters": {},
            "vote_choices": {},
            "vote_counts": {},
            "vote_questions": {},
            "vote_labels": {},
        }
        if meeting.state not in VOTE_MEETING_STATES or not items:
            return values
        partner = env.user.partner_id
        votes = (
            env["ecabinet.ballot"]
            .sudo()
            .search_fetch(
                [
                    ("item_id", "in", items.ids),
                    ("kind", "=", "vote"),
                    ("state", "in", ("sent", *CLOSED_STATES)),
                ],
                ["name", "item_id", "state", "secret"],
                order="id",
            )
        )
        if not votes:
            return values
        # The person's own rows, read as them: the votes they take part in.
        voters = env["ecabinet.ballot.voter"].search_fetch(
            [("ballot_id", "in", votes.ids), ("partner_id", "=", partner.id)],
            ["ballot_id", "voted"],
            order="id",
        )
        voter_by_vote = {voter.ballot_id.id: voter for voter in voters}
        open_votes = votes.filtered(
            lambda v: v.state == "sent" and v.id in voter_by_vote
        )
        closed_votes = votes.filtered(lambda v: v.state in CLOSED_STATES)
        shown = open_votes | closed_votes
        for vote in shown:
            values["votes_by_item"][vote.item_id.id].append(vote)
        named = open_votes.filtered(lambda v: not v.secret)
        if named:
            for response in env["ecabinet.ballot.response"].search_fetch(
                [
                    ("ballot_id", "in", named.ids),
                    ("voter_id", "in", voters.ids),
                ],
                ["ballot_id", "choice"],
                order="id",
            ):
                values["vote_choices"][response.ballot_id.id] = response.choice
        if closed_votes:
            counts = defaultdict(lambda: dict.fromkeys(CHOICE_KEYS, 0))
            for ballot, choice, count in (
                env["ecabinet.ballot.response"]
                .sudo()
                ._read_group(
                    [("ballot_id", "in", closed_votes.ids)],
                    ["ballot_id", "choice"],
                    ["__count"],
                )
            ):
                counts[ballot.id][choice] = count
            values["vote_counts"] = {vote.id: counts[vote.id] for vote in closed_votes}
        questions = (
            env["ecabinet.ballot.question"].search_fetch(
                [("ballot_id", "in", open_votes.ids)],
                ["ballot_id"],
                order="sequence, id",
            )
            if open_votes
            else ()
        )
        values.update(
            {
                "vote_voters": voter_by_vote,
                "vote_questions": {q.ballot_id.id: q for q in questions},
                "vote_labels": self._ecabinet_choice_labels("vote"),
            }
        )
        return values

    # Answers from the email link ----------------------------------------------------

    @http.route(
        "/ecabinet/ballot/<int:voter_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
    )
    def ecabinet_ballot(self, voter_id, token, **post):
        voter = request.env["ecabinet.ballot.voter"].sudo().browse(voter_id).exists()
        if not (
            voter
            and voter.access_token
            and hmac.compare_digest(voter.access_token.encode(), token.encode())
            and voter.ballot_id.state != "draft"
        ):
            raise NotFound()
        url = f"/ecabinet/ballot/{voter.id}/{token}"
        ballot = voter.ballot_id
        error = False
        if request.httprequest.method == "POST":
            try:
                with request.env.cr.savepoint():
                    self._ecabinet_answer_ballot(ballot, voter, post)
            except MODEL_ERRORS as exc:
                error = exc.args[0]
            else:
                anchor = self._ecabinet_question_anchor(post)
                return request.redirect(f"{url}?message=answered#{anchor}")
        # The documents the member may read when signed in; none without an account.
        documents = request.env["ecabinet.document"]
        user = voter.partner_id.user_ids[:1]
        if user and ballot.with_user(user).has_access("read"):
            documents = ballot.with_user(user).document_ids
        values = self._ecabinet_ballot_values(ballot, voter, documents.sudo())
        values.update(
            {
                "action_url": url,
                "error": error,
                "post": post if error else {},
                "message": post.get("message") if not error else False,
                "signed_in": not request.env.user._is_public(),
                "tz": voter.partner_id.tz or request.env.user.tz or "UTC",
            }
        )
        return request.render("ecabinet_opinion.ecabinet_ballot_answer", values)
