# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The state matrix of ``state_matrix.py``, tried through the ORM and XML-RPC.

For every lifecycle model, every state and every role, each field is written
(with the value it already has: the lock is on the field, and a valid value
keeps other checks out of the way; the state field with another state) and the
record deleted, in a savepoint rolled back afterwards. The mismatches are
reported together. A representative subset is tried again over real XML-RPC.
"""

import base64
import xmlrpc.client

from odoo import SUPERUSER_ID, fields
from odoo.exceptions import AccessError, UserError
from odoo.models import MAGIC_COLUMNS
from odoo.tests import HttpCase, tagged
from odoo.tools import config, mute_logger

from odoo.addons.ecabinet_base.tests.common import (
    PORTAL_MEMBER,
    make_committee,
    make_user,
)

from . import state_matrix as spec

# The refusals of the state lock (and of the access rights): anything else,
# success or another error (a constraint on the value), got past them.
LOCK_MESSAGES = (
    "cannot be changed",
    "changes through its actions only",
    "cannot be deleted",
    "nothing can be added",
)
ROOTS = {
    "ecabinet.ballot": (
        "ecabinet.ballot",
        "ecabinet.ballot.question",
        "ecabinet.ballot.voter",
        "ecabinet.ballot.response",
    ),
    "ecabinet.meeting": (
        "ecabinet.meeting",
        "ecabinet.meeting.agenda.item",
        "ecabinet.meeting.attendee",
        "ecabinet.meeting.document",
        "ecabinet.meeting.speech",
    ),
    "ecabinet.task": (
        "ecabinet.task",
        "ecabinet.task.progress",
        "ecabinet.task.extension",
    ),
    "ecabinet.sign.request": ("ecabinet.sign.request", "ecabinet.sign.signer"),
    "ecabinet.sign.answer": ("ecabinet.sign.answer",),
    "ecabinet.notification": ("ecabinet.notification",),
    "ecabinet.meeting.recusal": ("ecabinet.meeting.recusal",),
    "ecabinet.meeting.remote.request": ("ecabinet.meeting.remote.request",),
}
ALL_MODELS = tuple(model for models in ROOTS.values() for model in models)


def words(text):
    return set((text or "").split())


@tagged("post_install", "-at_install", "ecabinet_security")
class TestStateMatrix(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.users = {
            "se": make_user(
                cls.env, "lock_secretariat", "ecabinet_base.group_secretariat"
            ),
            "ch": make_user(cls.env, "lock_chair", "ecabinet_base.group_chair"),
            "ad": make_user(cls.env, "lock_admin", "ecabinet_base.group_admin"),
        }
        cls.member = make_user(cls.env, "lock_member", PORTAL_MEMBER)
        cls.committee = make_committee(
            cls.env,
            "State matrix committee",
            chair=cls.users["ch"],
            members=cls.member,
            date_start="2026-01-01",
            code="LOCK",
        )
        cls.trees = {}
        for root, models in ROOTS.items():
            states = spec.STATE_MATRIX[root]["states"]
            for state in states:
                cls.trees[root, state] = cls._tree(root, state)
            del models

    # Records in every state ----------------------------------------------------------

    @classmethod
    def _tree(cls, root, state):
        """A record of ``root`` in ``state`` and one line of each child model,
        built through the lock's private path (as history would have left them)."""
        env = cls.env
        Root = env[root]
        with Root._ecabinet_unlocked(*ALL_MODELS):
            return getattr(cls, f"_tree_{root.replace('.', '_')}")(env, state)

    @classmethod
    def _tree_ecabinet_ballot(cls, env, state):
        ballot = env["ecabinet.ballot"].create(
            {
                "name": f"Ballot {state}",
                "committee_id": cls.committee.id,
                "question_ids": [fields.Command.create({"name": "Agree?"})],
            }
        )
        voter = env["ecabinet.ballot.voter"].create(
            {"ballot_id": ballot.id, "partner_id": cls.member.partner_id.id}
        )
        response = env["ecabinet.ballot.response"].create(
            {
                "ballot_id": ballot.id,
                "question_id": ballot.question_ids.id,
                "voter_id": voter.id,
                "choice": "agree",
            }
        )
        ballot._ecabinet_transition({"state": state})
        return {
            "ecabinet.ballot": ballot,
            "ecabinet.ballot.question": ballot.question_ids,
            "ecabinet.ballot.voter": voter,
            "ecabinet.ballot.response": response,
        }

    @classmethod
    def _tree_ecabinet_meeting(cls, env, state):
        meeting = env["ecabinet.meeting"].create(
            {
                "name": f"Session {state}",
                "committee_id": cls.committee.id,
                "date_start": "2027-03-12 01:00:00",
                "agenda_item_ids": [fields.Command.create({"name": "Item"})],
            }
        )
        item = meeting.agenda_item_ids
        attendee = env["ecabinet.meeting.attendee"].create(
            {"meeting_id": meeting.id, "partner_id": cls.member.partner_id.id}
        )
        document = env["ecabinet.meeting.document"].create(
            {
                "meeting_id": meeting.id,
                "name": "Submission",
                "datas": base64.b64encode(b"not a pdf"),
                "filename": "submission.txt",
            }
        )
        speech = env["ecabinet.meeting.speech"].create(
            {"item_id": item.id, "attendee_id": attendee.id}
        )
        meeting._ecabinet_transition({"state": state})
        return {
            "ecabinet.meeting": meeting,
            "ecabinet.meeting.agenda.item": item,
            "ecabinet.meeting.attendee": attendee,
            "ecabinet.meeting.document": document,
            "ecabinet.meeting.speech": speech,
        }

    @classmethod
    def _tree_ecabinet_task(cls, env, state):
        agency = env["res.partner"].create(
            {"name": f"Agency {state}", "is_ecabinet_agency": True}
        )
        task = env["ecabinet.task"].create(
            {
                "name": f"Task {state}",
                "committee_id": cls.committee.id,
                "lead_agency_id": agency.id,
                "deadline": "2099-12-31",
            }
        )
        progress = env["ecabinet.task.progress"].create(
            {"task_id": task.id, "percent": 10, "body": "Started"}
        )
        extension = env["ecabinet.task.extension"].create(
            {"task_id": task.id, "reason": "Late", "proposed_deadline": "2100-01-31"}
        )
        task._ecabinet_transition({"status": state})
        return {
            "ecabinet.task": task,
            "ecabinet.task.progress": progress,
            "ecabinet.task.extension": extension,
        }

    @classmethod
    def _tree_ecabinet_sign_request(cls, env, state):
        request = env["ecabinet.sign.request"].create(
            {
                "name": f"Minutes {state}",
                "document_kind": "copy",
                "signer_ids": [
                    fields.Command.create(
                        {"role": "agency", "user_id": cls.users["se"].id}
                    )
                ],
            }
        )
        request._ecabinet_transition({"state": state})
        return {
            "ecabinet.sign.request": request,
            "ecabinet.sign.signer": request.signer_ids,
        }

    @classmethod
    def _tree_ecabinet_sign_answer(cls, env, state):
        ballot = env["ecabinet.ballot"].create(
            {
                "name": f"Signed vote, an answer {state}",
                "committee_id": cls.committee.id,
                "signed_by_members": True,
                "question_ids": [fields.Command.create({"name": "Agree?"})],
            }
        )
        voter = env["ecabinet.ballot.voter"].create(
            {"ballot_id": ballot.id, "partner_id": cls.member.partner_id.id}
        )
        ballot._ecabinet_transition({"state": "sent"})
        answer = env["ecabinet.sign.answer"].create(
            {
                "voter_id": voter.id,
                "ballot_id": ballot.id,
                "question_id": ballot.question_ids.id,
                "user_id": cls.member.id,
                "key_backend": "vnpt_smartca",
                "choice": "disagree",
                "answered_at": fields.Datetime.now(),
                "pending_reference": f"txn-{state}",
                "state": state,
            }
        )
        return {"ecabinet.sign.answer": answer}

    @classmethod
    def _tree_ecabinet_notification(cls, env, state):
        event = env["ecabinet.notification.event"].search([], limit=1)
        notification = env["ecabinet.notification"].create(
            {
                "partner_id": cls.member.partner_id.id,
                "channel": "email",
                "event_id": event.id,
                "res_model": "res.partner",
                "res_id": cls.member.partner_id.id,
                "subject": "Hello",
                "idempotency_key": f"state-matrix-{state}",
            }
        )
        notification._ecabinet_transition({"state": state})
        return {"ecabinet.notification": notification}

    @classmethod
    def _tree_ecabinet_meeting_recusal(cls, env, state):
        meeting = env["ecabinet.meeting"].create(
            {
                "name": f"Session with a recusal {state}",
                "committee_id": cls.committee.id,
                "date_start": "2027-03-12 01:00:00",
                "agenda_item_ids": [fields.Command.create({"name": "Item"})],
            }
        )
        env["ecabinet.meeting.attendee"].create(
            {"meeting_id": meeting.id, "partner_id": cls.member.partner_id.id}
        )
        meeting._ecabinet_transition({"state": "invited"})
        recusal = env["ecabinet.meeting.recusal"].create(
            {
                "item_id": meeting.agenda_item_ids.id,
                "partner_id": cls.member.partner_id.id,
                "reason": "Conflict of interest",
            }
        )
        recusal._ecabinet_transition({"state": state})
        return {"ecabinet.meeting.recusal": recusal}

    @classmethod
    def _tree_ecabinet_meeting_remote_request(cls, env, state):
        meeting = env["ecabinet.meeting"].create(
            {
                "name": f"Session with a request to attend online {state}",
                "committee_id": cls.committee.id,
                "date_start": "2027-03-12 01:00:00",
            }
        )
        attendee = env["ecabinet.meeting.attendee"].create(
            {"meeting_id": meeting.id, "partner_id": cls.member.partner_id.id}
        )
        meeting._ecabinet_transition({"state": "invited"})
        request = env["ecabinet.meeting.remote.request"].create(
            {"attendee_id": attendee.id, "reason": "On mission"}
        )
        request._ecabinet_transition({"state": state})
        return {"ecabinet.meeting.remote.request": request}

    # The table -----------------------------------------------------------------------

    def _framework_fields(self, model):
        exempt = set(MAGIC_COLUMNS) | {"display_name"}
        Model = self.env[model]
        for name in spec.FRAMEWORK_MODELS:
            if isinstance(Model, self.env.registry[name]):
                exempt |= set(self.env[name]._fields)
        return exempt

    def _fields(self, model):
        """The fields a caller can write: stored, or computed with an inverse."""
        return {
            name
            for name, field in self.env[model]._fields.items()
            if (field.store or field.inverse)
            and name not in self._framework_fields(model)
        }

    def _state_field(self, model):
        Model = self.env[model]
        if Model._state_lock_parent:
            return None
        return Model._state_lock_field

    def _states(self, model):
        root = next(root for root, models in ROOTS.items() if model in models)
        field = self.env[root]._fields[self.env[root]._state_lock_field]
        return [value for value, _label in field._description_selection(self.env)]

    def test_matrix_covers_every_field_and_state(self):
        problems = []
        lifecycle = sorted(
            name
            for name, cls in self.env.registry.items()
            if not cls._abstract
            and isinstance(
                self.env[name], self.env.registry["ecabinet.state.lock.mixin"]
            )
        )
        self.assertEqual(lifecycle, sorted(ALL_MODELS), "lifecycle models")
        for model in ALL_MODELS:
            row = spec.STATE_MATRIX.get(model)
            if not row:
                problems.append(f"{model}: no row")
                continue
            listed = words(row.get("never"))
            for cell in row["states"].values():
                for names in cell["write"].values():
                    listed |= words(names)
            fields_ = self._fields(model)
            problems += [
                f"{model}.{name}: no cell" for name in sorted(fields_ - listed)
            ]
            problems += [
                f"{model}.{name}: in the table, not a writable field"
                for name in sorted(listed - fields_)
            ]
            states = set(self._states(model))
            problems += [
                f"{model} / {state}: no row"
                for state in sorted(states - set(row["states"]))
            ]
            problems += [
                f"{model} / {state}: not a state"
                for state in sorted(set(row["states"]) - states)
            ]
        if problems:
            self.fail("The state matrix is incomplete:\n" + "\n".join(problems))

    def _as(self, role, record):
        if role == "su":
            return record.with_user(SUPERUSER_ID).sudo()
        return record.with_user(self.users[role])

    def _attempt(self, func):
        """ "y" if ``func`` got past the access rights and the state lock."""
        self.env.flush_all()
        savepoint = self.env.cr.savepoint(flush=False)
        try:
            func()
            self.env.flush_all()
        except AccessError:
            return "n"
        except UserError as error:
            message = str(error.args[0]) if error.args else ""
            return "n" if any(m in message for m in LOCK_MESSAGES) else "y"
        except Exception:  # noqa: BLE001 - a constraint on the value: past the lock
            return "y"
        finally:
            savepoint.close(rollback=True)
            self.env.clear()
        return "y"

    def _value(self, record, name):
        """A value of the field's type: the record's own (the lock is on the
        field), another state for the state field."""
        field = record._fields[name]
        if name == self._state_field(record._name):
            current = record[name]
            states = self._states(record._name)
            return next(state for state in states if state != current)
        if field.type == "one2many":
            return []
        if field.type == "many2many":
            return [fields.Command.set(record[name].ids)]
        return field.convert_to_write(record[name], record)

    def test_orm_state_matrix(self):
        mismatches, outcomes = [], set()
        with mute_logger("odoo.models", "odoo.sql_db"):
            for model in ALL_MODELS:
                row = spec.STATE_MATRIX[model]
                root = next(r for r, models in ROOTS.items() if model in models)
                names = sorted(self._fields(model))
                for state, cell in row["states"].items():
                    record = self.trees[root, state][model]
                    writable = {role: set() for role in spec.ROLES}
                    for roles, fields_ in cell["write"].items():
                        for role in roles.split():
                            writable[role] |= words(fields_)
                    for role in spec.ROLES:
                        mine = self._as(role, record)
                        for name in names:
                            value = self._value(record.sudo(), name)
                            got = self._attempt(
                                lambda r=mine, n=name, v=value: r.write({n: v})
                            )
                            want = "y" if name in writable[role] else "n"
                            outcomes.add(got)
                            if got != want:
                                mismatches.append(
                                    f"{model} / {state} / {role}: write {name} "
                                    f"{'allowed' if got == 'y' else 'refused'}"
                                )
                        got = self._attempt(mine.unlink)
                        want = "y" if role in words(cell["unlink"]) else "n"
                        if got != want:
                            mismatches.append(
                                f"{model} / {state} / {role}: unlink "
                                f"{'allowed' if got == 'y' else 'refused'}"
                            )
        self.assertEqual(outcomes, {"y", "n"}, "writes both allowed and refused")
        if mismatches:
            self.fail(
                f"{len(mismatches)} cells differ from the state matrix "
                "(tests/ecabinet_security/tests/state_matrix.py):\n"
                + "\n".join(mismatches)
            )

    # Real XML-RPC ------------------------------------------------------------------

    def _xmlrpc(self, role, model, method, args):
        """``"y"``, or ``"n"`` when the server refused with the lock's message or
        an access error."""
        self.env.flush_all()
        port = config["http_port"]
        proxy = xmlrpc.client.ServerProxy(f"http://127.0.0.1:{port}/xmlrpc/2/object")
        user = self.users[role]
        try:
            proxy.execute_kw(
                self.env.cr.dbname, user.id, user.login, model, method, args
            )
        except xmlrpc.client.Fault as fault:
            text = fault.faultString
            # Odoo's XML-RPC fault codes: 4 access error, 2 user error
            if fault.faultCode == 4 or (
                fault.faultCode == 2 and any(m in text for m in LOCK_MESSAGES)
            ):
                return "n"
            return f"error({text.strip().splitlines()[-1]})"
        finally:
            self.env.invalidate_all()
        return "y"

    def test_xmlrpc_state_matrix(self):
        """The findings and the result-bearing fields, over real HTTP."""
        sent = self.trees["ecabinet.ballot", "sent"]["ecabinet.ballot"]
        closed = self.trees["ecabinet.ballot", "closed"]
        decided = self.trees["ecabinet.ballot", "decided"]["ecabinet.ballot"]
        draft = self.trees["ecabinet.ballot", "draft"]["ecabinet.ballot"]
        meeting_closed = self.trees["ecabinet.meeting", "closed"]
        task_done = self.trees["ecabinet.task", "done_on_time"]["ecabinet.task"]
        signed = self.trees["ecabinet.sign.request", "signed"]["ecabinet.sign.request"]
        ballot = "ecabinet.ballot"
        cases = [
            # (role, model, method, args, expected)
            ("se", ballot, "write", [sent.ids, {"rule_silence": "abstain"}], "n"),
            (
                "ch",
                ballot,
                "write",
                [sent.ids, {"rule_majority_base": "answered"}],
                "n",
            ),
            ("ad", ballot, "write", [sent.ids, {"rule_tie": "fail"}], "n"),
            ("se", ballot, "write", [sent.ids, {"state": "closed"}], "n"),
            (
                "se",
                ballot,
                "write",
                [closed[ballot].ids, {"state": "decided", "decision": "approved"}],
                "n",
            ),
            (
                "ch",
                ballot,
                "write",
                [closed[ballot].ids, {"decision": "approved"}],
                "n",
            ),
            ("ad", ballot, "write", [decided.ids, {"decision": "rejected"}], "n"),
            ("ch", ballot, "write", [decided.ids, {"decision_note": "<p>x</p>"}], "n"),
            (
                "ch",
                ballot,
                "write",
                [closed[ballot].ids, {"decision_note": "<p>x</p>"}],
                "y",
            ),
            ("se", ballot, "write", [draft.ids, {"name": "Renamed"}], "y"),
            # the private way of the actions is not reachable over RPC
            (
                "ad",
                ballot,
                "_ecabinet_transition",
                [closed[ballot].ids, {"decision": "approved"}],
                "n",
            ),
            (
                "se",
                "ecabinet.ballot.voter",
                "unlink",
                [closed["ecabinet.ballot.voter"].ids],
                "n",
            ),
            (
                "ad",
                "ecabinet.ballot.voter",
                "unlink",
                [closed["ecabinet.ballot.voter"].ids],
                "n",
            ),
            (
                "ad",
                "ecabinet.ballot.response",
                "write",
                [closed["ecabinet.ballot.response"].ids, {"choice": "disagree"}],
                "n",
            ),
            (
                "se",
                "ecabinet.meeting.attendee",
                "write",
                [
                    meeting_closed["ecabinet.meeting.attendee"].ids,
                    {"attendance": "present"},
                ],
                "n",
            ),
            (
                "se",
                "ecabinet.meeting",
                "write",
                [meeting_closed["ecabinet.meeting"].ids, {"minutes": "<p>m</p>"}],
                "y",
            ),
            (
                "se",
                "ecabinet.task",
                "write",
                [task_done.ids, {"deadline": "2099-01-01"}],
                "n",
            ),
            ("ad", "ecabinet.sign.request", "write", [signed.ids, {"number": 99}], "n"),
            ("ad", "ecabinet.sign.request", "unlink", [signed.ids], "n"),
        ]
        mismatches = []
        with mute_logger("odoo.http", "odoo.models"):
            for role, model, method, args, want in cases:
                got = self._xmlrpc(role, model, method, args)
                if got != want:
                    mismatches.append(
                        f"XML-RPC {model}.{method} {args} as {role}: {got}"
                    )
        self.assertFalse(mismatches, "\n".join(mismatches))
        self.assertEqual(sent.rule_silence, sent.rule_silence)
        self.assertFalse(closed[ballot].decision)
        self.assertEqual(closed[ballot].state, "closed")
        self.assertTrue(closed["ecabinet.ballot.voter"].exists())
