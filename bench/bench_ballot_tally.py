"""Ballot tally: ``ecabinet.ballot._tally()`` vs the plain SQL count it stands for.

Builds one opinion ballot of 2 questions answered by 5,000 members (10,000 answers,
written with INSERT ... SELECT generate_series for speed), then times
``ballot._tally()`` on cold caches (``env.invalidate_all()`` before each run) and the
plain ``SELECT question_id, choice, count(*) ... GROUP BY 1, 2`` on the same data in
the same run. ``_outcomes()`` (tally + the committee's rules) is reported alongside.
Prints time and queries per answer and the ratio.
"""

from _data import add_answering_members
from _odoo_bench import bench_database, measure, report

MEMBERS = 5000
QUESTIONS = 2
ANSWERS = MEMBERS * QUESTIONS
REPEAT = 7

PLAIN_SQL = """
    SELECT question_id, choice, count(*)
      FROM ecabinet_ballot_response
     WHERE ballot_id = %s
  GROUP BY 1, 2
"""


def build_ballot(env):
    """A closed opinion ballot with ``MEMBERS`` members answering every question:
    6 in 10 agree, 3 disagree, 1 gives another opinion (by the member's rank)."""
    committee = env["ecabinet.committee"].create({"name": "Bench committee"})
    Ballot = env["ecabinet.ballot"]
    with Ballot._ecabinet_unlocked("ecabinet.ballot.question"):  # a closed ballot
        ballot = Ballot.create(
            {
                "name": "Bench ballot",
                "committee_id": committee.id,
                "question_ids": [
                    (0, 0, {"name": f"Question {n + 1}", "sequence": n})
                    for n in range(QUESTIONS)
                ],
                "state": "closed",
                "rule_silence": "agree",
                "rule_majority_base": "all",
                "rule_majority_percent": 50.0,
                "rule_tie": "chair",
            }
        )
    add_answering_members(ballot, MEMBERS)  # members and answers in SQL
    env.cr.execute("ANALYZE ecabinet_ballot_response")
    env.invalidate_all()
    ballot._ecabinet_transition(
        {"chair_partner_id": ballot.voter_ids[:1].partner_id.id}
    )
    env.flush_all()
    return ballot


def main():
    with bench_database(["ecabinet_opinion"]) as env:
        ballot = build_ballot(env)
        results = {}

        def ours(run):
            env.invalidate_all()
            results["ours"] = ballot._tally()

        def outcomes(run):
            env.invalidate_all()
            results["outcomes"] = ballot._outcomes()

        def plain_sql(run):
            env.cr.execute(PLAIN_SQL, [ballot.id])
            results["sql"] = env.cr.fetchall()

        # One untimed run of each warms the ORM's caches and PostgreSQL's buffers.
        ours(-1)
        outcomes(-1)
        plain_sql(-1)
        ours_t, ours_q = measure(env, ours, repeat=REPEAT)
        sql_t, sql_q = measure(env, plain_sql, repeat=REPEAT)
        outcomes_t, outcomes_q = measure(env, outcomes, repeat=REPEAT)

        from_sql = {}
        for question_id, choice, count in results["sql"]:
            from_sql.setdefault(question_id, {})[choice] = count
        assert results["ours"] == from_sql, (results["ours"], from_sql)
        assert sum(sum(c.values()) for c in from_sql.values()) == ANSWERS

        report(
            f"Tally of {ANSWERS} answers ({QUESTIONS} questions x {MEMBERS} members), "
            f"median of {REPEAT} runs on cold ORM caches (same database)",
            [
                ("ballot._tally() (one _read_group)", ours_t, ours_q, ANSWERS),
                ("plain SQL GROUP BY", sql_t, sql_q, ANSWERS),
            ],
            (ours_t, ours_q),
            (sql_t, sql_q),
        )
        report(
            "With the committee's rules: ballot._outcomes() (tally, chair's answers, "
            "members asked)",
            [
                ("ballot._outcomes()", outcomes_t, outcomes_q, ANSWERS),
                ("plain SQL GROUP BY", sql_t, sql_q, ANSWERS),
            ],
            (outcomes_t, outcomes_q),
            (sql_t, sql_q),
        )


if __name__ == "__main__":
    main()
