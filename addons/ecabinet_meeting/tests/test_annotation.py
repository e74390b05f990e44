# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Annotations on the pages of the pack: private to their author through the ORM,
RPC, the reader's routes and the bus; shared ones read-only for their audience;
kept across the document's versions; synced idempotently; bad data refused
whole; the notes of the previous release migrated into pinned notes."""

import base64
from pathlib import Path

from odoo.exceptions import AccessError, ValidationError
from odoo.modules.migration import load_script
from odoo.tests import HttpCase, tagged, warmup
from odoo.tools import mute_logger

from odoo.addons.bus.models.bus import channel_with_db, json_dump
from odoo.addons.ecabinet_base.tests.common import make_pdf

from .test_portal import PortalMeetingData

Annotation = "ecabinet.meeting.annotation"
SYNC = "/my/ecabinet/annotations/sync"
MIGRATION = (
    Path(__file__).resolve().parents[1]
    / "migrations"
    / "18.0.1.2.0"
    / "post-migrate.py"
)


@tagged("post_install", "-at_install")
class TestAnnotations(PortalMeetingData, HttpCase):
    def setUp(self):
        super().setUp()
        self.bus_start = self.env["bus.bus"].sudo()._bus_last_id()

    def _op(self, uid, op="create", **values):
        return {
            "op": op,
            "client_uid": uid,
            "document_id": self.plan_doc.id,
            "version": self.plan_doc.version,
            "page": 1,
            "kind": "highlight",
            "data": {"rects": [[0.1, 0.2, 0.5, 0.04]], "color": "#FFD400"},
            "share": "private",
            **values,
        }

    def _sync(self, user, ops, documents=None):
        documents = self.plan_doc if documents is None else documents
        return self.env[Annotation].with_user(user).sync_ops(ops, documents.ids)

    def _bus_partners(self):
        """The partners the bus was told about since the test started."""
        channels = {
            json_dump(channel_with_db(self.env.cr.dbname, p)): p
            for p in self.env["res.partner"].search([])
        }
        messages = self.env["bus.bus"].sudo().search([("id", ">", self.bus_start)])
        return self.env["res.partner"].union(
            *(
                channels[m.channel]
                for m in messages
                if m.channel in channels and "ecabinet.annotation/changed" in m.message
            )
        )

    # Privacy --------------------------------------------------------------------------

    def test_a_private_mark_is_its_authors_only(self):
        seen = self._sync(self.member, [self._op("a1")])
        self.assertEqual(len(seen), 1)
        self.assertEqual(seen[0]["data"]["color"], "#ffd400")
        mark = self.env[Annotation].search([("client_uid", "=", "a1")])
        self.assertEqual(mark.user_id, self.member)
        # ORM: nobody else reads, writes or deletes it, not even the administrator
        for user in (
            self.other_member,
            self.secretariat,
            self.chair,
            self.env.ref("base.user_admin"),
        ):
            with self.subTest(login=user.login):
                as_user = self.env[Annotation].with_user(user)
                self.assertFalse(as_user.search([("id", "=", mark.id)]))
                with self.assertRaises(AccessError):
                    mark.with_user(user).read(["text"])
                with self.assertRaises(AccessError):
                    mark.with_user(user).write({"text": "x"})
                self.assertEqual(self._sync(user, []), [])
                # a write or unlink of the same uid by another user is theirs: none
                self._sync(user, [self._op("a1", "unlink")])
                self.assertTrue(mark.exists())
        # the bus told the author's devices only
        self.assertEqual(self._bus_partners(), self.member.partner_id)

    def test_a_sync_of_many_marks_sends_one_message(self):
        self._sync(self.member, [self._op(f"m{n}") for n in range(30)])
        messages = (
            self.env["bus.bus"]
            .sudo()
            .search([("id", ">", self.bus_start)])
            .filtered(lambda m: "ecabinet.annotation/changed" in m.message)
        )
        self.assertEqual(len(messages), 1)
        self.assertIn(f'"document_id":{self.plan_doc.id}}}', messages.message)

    def test_rpc_and_route_show_others_nothing(self):
        self._sync(
            self.member,
            [
                self._op(
                    "a1",
                    kind="note",
                    data={"x": 0.5, "y": 0.5},
                    text="Check the figures",
                )
            ],
        )
        self.authenticate("m_member1", "m_member1")
        rows = self._rpc(Annotation, "search_read", [], fields=["text"])
        self.assertEqual(rows, [])
        seen = self.make_jsonrpc_request(
            SYNC, {"ops": [], "document_ids": [self.plan_doc.id]}
        )
        self.assertEqual(seen, [])
        page = self.url_open(
            f"/my/ecabinet/sessions/{self.meeting.id}/read/{self.plan_doc.id}"
        )
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Check the figures", page.text)
        self.authenticate("m_member0", "m_member0")
        seen = self.make_jsonrpc_request(
            SYNC, {"ops": [], "document_ids": [self.plan_doc.id]}
        )
        self.assertEqual([a["text"] for a in seen], ["Check the figures"])

    def test_shared_marks_are_read_only_for_their_audience(self):
        self._sync(
            self.member,
            [self._op("s1", share="secretariat"), self._op("c1", share="committee")],
        )
        marks = self.env[Annotation].search([("client_uid", "in", ("s1", "c1"))])
        secretariat_view = self._sync(self.secretariat, [])
        self.assertEqual(len(secretariat_view), 2)
        self.assertTrue(
            all(
                not a["mine"] and a["author"] == self.member.partner_id.name
                for a in secretariat_view
            )
        )
        self.assertFalse(any(a["client_uid"] for a in secretariat_view))
        other_view = self._sync(self.other_member, [])
        self.assertEqual([a["share"] for a in other_view], ["committee"])
        # the invitee of the other item does not read the plan's document
        self.assertEqual(self._sync(self.invitee, []), [])
        self.assertEqual(self._sync(self.outsider, []), [])
        for user in (self.secretariat, self.other_member):
            with self.subTest(login=user.login), self.assertRaises(AccessError):
                marks.with_user(user).write({"text": "changed"})
            with self.assertRaises(AccessError):
                marks.with_user(user).unlink()
        partners = self._bus_partners()
        self.assertIn(self.secretariat.partner_id, partners)
        self.assertIn(self.other_member.partner_id, partners)
        self.assertNotIn(self.outsider.partner_id, partners)
        # unshared: the committee loses it, the author keeps it
        self._sync(
            self.member, [{"op": "write", "client_uid": "c1", "share": "private"}]
        )
        self.assertEqual(self._sync(self.other_member, []), [])

    # The state secret never reaches the reader ----------------------------------------

    def test_no_mark_on_a_state_secret_or_another_pack(self):
        for document in (self.secret_doc, self.withdrawn_doc):
            with (
                self.subTest(document=document.name),
                self.assertRaises(ValidationError),
            ):
                self._sync(self.member, [self._op("x", document_id=document.id)])
        with self.assertRaises(ValidationError):
            self._sync(self.invitee, [self._op("x")])
        self.assertFalse(self.env[Annotation].search([]))
        self.authenticate("m_member0", "m_member0")
        for document in (self.secret_doc, self.withdrawn_doc):
            page = self.url_open(
                f"/my/ecabinet/sessions/{self.meeting.id}/read/{document.id}"
            )
            self.assertEqual(page.status_code, 404)
        page = self.url_open(
            f"/my/ecabinet/sessions/{self.meeting.id}/read/{self.plan_doc.id}"
        )
        self.assertNotIn("Annex on defence works", page.text)
        self.assertIn("Security plan for T", page.text)

    def test_embedded_reader_keeps_the_same_checks(self):
        """The reader in the panel of the session page is the same route with
        ``embed=1``: a state secret, a withdrawn document or another session's
        document answer 404; a document of the pack opens without the portal's
        header and footer. The session page's link is a plain link."""
        other = self._invited_meeting(name="Regular session of April 2027")
        other_doc = self.env["ecabinet.meeting.document"].create(
            self._document_vals(other, other.agenda_item_ids[:1], "Another pack")
        )
        self.authenticate("m_member0", "m_member0")
        reader = f"/my/ecabinet/sessions/{self.meeting.id}/read/"
        for document in (self.secret_doc, self.withdrawn_doc, other_doc):
            with self.subTest(document=document.name):
                page = self.url_open(f"{reader}{document.id}?embed=1")
                self.assertEqual(page.status_code, 404)
        page = self.url_open(f"{reader}{self.plan_doc.id}?embed=1")
        self.assertEqual(page.status_code, 200)
        self.assertIn('name="ecabinet_meeting.reader"', page.text)
        self.assertNotIn("<header", page.text)
        self.assertNotIn("<footer", page.text)
        self.assertIn("<header", self.url_open(f"{reader}{self.plan_doc.id}").text)
        self.assertIn(
            f'href="{reader}{self.plan_doc.id}"',
            self.url_open(self._session_url()).text,
        )

    # Idempotent sync and bad input ----------------------------------------------------

    def test_sync_is_idempotent_by_client_uid(self):
        ops = [
            self._op("i1"),
            self._op(
                "i2",
                kind="ink",
                data={"strokes": [[[0.1, 0.1], [0.2, 0.3]]], "width": 3},
            ),
            {
                "op": "write",
                "client_uid": "i1",
                "data": {"rects": [[0.2, 0.2, 0.1, 0.1]]},
            },
            {"op": "unlink", "client_uid": "i2"},
            {"op": "unlink", "client_uid": "never-seen"},
            {"op": "write", "client_uid": "never-seen", "text": "x"},
        ]
        first = self._sync(self.member, ops)
        again = self._sync(self.member, ops)
        self.assertEqual(first, again)
        self.assertEqual(
            [(a["client_uid"], a["data"]["rects"]) for a in first],
            [("i1", [[0.2, 0.2, 0.1, 0.1]])],
        )
        self.assertEqual(self.env[Annotation].search_count([]), 1)

    def test_bad_operations_save_nothing(self):
        bad = [
            {"op": "paint", "client_uid": "b"},
            self._op("b", client_uid=""),
            self._op("b", kind="circle"),
            self._op("b", page=0),
            self._op("b", page=3),
            self._op("b", version=2),
            self._op("b", share="everyone"),
            self._op("b", data={"rects": []}),
            self._op("b", data={"rects": [[0, 0, 1.5, 0]]}),
            self._op("b", data={"rects": [[0, 0, 1, 0]], "color": "red"}),
            self._op("b", kind="ink", data={"strokes": [[[0.1]]]}),
            self._op("b", kind="ink", data={"strokes": [[[0.1, 0.1]]], "width": 100}),
            self._op("b", kind="note", data={"x": 0.1, "y": 0.1}, text="  "),
            self._op("b", document_id="1"),
        ]
        for op in bad:
            with self.subTest(op=op), self.assertRaises(ValidationError):
                # a good operation first: refused with the bad one
                self._sync(self.member, [self._op("good"), op])
            self.assertFalse(self.env[Annotation].search([]))
        with self.assertRaises(ValidationError):
            self._sync(self.member, "not a list")
        # over the route: an error in words, nothing saved
        self.authenticate("m_member0", "m_member0")
        with mute_logger("odoo.http"):
            response = self.url_open(
                SYNC,
                data=json_dump(
                    {
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {"ops": [self._op("good"), self._op("b", page=0)]},
                    }
                ),
                headers={"Content-Type": "application/json"},
            ).json()
        self.assertEqual(
            response["error"]["data"]["name"], "odoo.exceptions.ValidationError"
        )
        self.assertFalse(self.env[Annotation].search([]))

    # Versions -------------------------------------------------------------------------

    def test_marks_survive_a_new_version(self):
        self._sync(
            self.member,
            [
                self._op("p1", page=1),
                self._op(
                    "p2", page=2, kind="note", data={"x": 0.3, "y": 0.4}, text="On p. 2"
                ),
            ],
        )
        # the secretariat replaces the file with a one-page version
        self.plan_doc.with_user(self.secretariat).write(
            {"datas": base64.b64encode(make_pdf(1)), "filename": "plan-v2.pdf"}
        )
        self.assertEqual((self.plan_doc.version, self.plan_doc.page_count), (2, 1))
        seen = {a["client_uid"]: a for a in self._sync(self.member, [])}
        self.assertEqual(set(seen), {"p1", "p2"}, "nothing is lost")
        self.assertTrue(seen["p1"]["placed"])
        self.assertEqual(
            (
                seen["p2"]["placed"],
                seen["p2"]["version"],
                seen["p2"]["current_version"],
            ),
            (False, 1, 2),
        )
        # a new mark goes on the new version; the old version's page 2 is still valid
        self._sync(
            self.member, [self._op("p3", version=2), self._op("p4", version=1, page=2)]
        )
        with self.assertRaises(ValidationError):
            self._sync(self.member, [self._op("p5", version=2, page=2)])

    # Query counts ---------------------------------------------------------------------

    @warmup
    def test_sync_and_reader_cost_the_same_whatever_the_marks(self):
        self.authenticate("m_member0", "m_member0")
        reader = f"/my/ecabinet/sessions/{self.meeting.id}/read/{self.plan_doc.id}"
        counts = []
        for count in (2, 40):
            self.env[Annotation].search([]).sudo().unlink()
            self._sync(
                self.member,
                [
                    self._op(f"q{count}-{n}", share="committee" if n % 2 else "private")
                    for n in range(count)
                ],
            )
            self._sync(
                self.other_member,
                [self._op(f"o{count}-{n}", share="committee") for n in range(count)],
            )
            self.env.flush_all()
            self.make_jsonrpc_request(
                SYNC, {"ops": [], "document_ids": [self.plan_doc.id]}
            )
            with self.assertQueryCount(6):
                seen = self.make_jsonrpc_request(
                    SYNC, {"ops": [], "document_ids": [self.plan_doc.id]}
                )
            self.assertEqual(len(seen), 2 * count)
            with self.assertQueryCount(14):
                self.url_open(reader)
            # embedded in the panel of the session page: the same checks
            with self.assertQueryCount(14):
                self.url_open(f"{reader}?embed=1")
            counts.append(len(seen))
        self.assertEqual(counts, [4, 80])

    # Migration ------------------------------------------------------------------------

    def test_notes_of_the_previous_release_become_pinned_notes(self):
        cr = self.env.cr
        cr.execute(
            """CREATE TABLE ecabinet_meeting_note (
                   id serial PRIMARY KEY, document_id int, meeting_id int,
                   user_id int, page int, body text, create_uid int,
                   create_date timestamp, write_uid int, write_date timestamp)"""
        )
        cr.execute(
            """INSERT INTO ecabinet_meeting_note
                   (document_id, meeting_id, user_id, page, body, create_uid,
                    create_date, write_uid, write_date)
               VALUES (%(d)s, %(m)s, %(u)s, 2, 'Check the figures', %(u)s,
                       '2027-01-02 03:04:05', %(u)s, '2027-01-02 03:04:05'),
                      (%(d)s, %(m)s, %(u)s, NULL, 'Whole document', %(u)s,
                       '2027-01-03 03:04:05', %(u)s, '2027-01-03 03:04:05'),
                      (%(d)s, %(m)s, %(u)s, 9, 'Past the end', %(u)s,
                       '2027-01-04 03:04:05', %(u)s, '2027-01-04 03:04:05')""",
            {"d": self.plan_doc.id, "m": self.meeting.id, "u": self.member.id},
        )
        script = load_script(str(MIGRATION), "ecabinet_meeting_post_migrate")
        script.migrate(cr, "18.0.1.1.0")
        script.migrate(cr, "18.0.1.1.0")  # twice: nothing more
        self.env.invalidate_all()
        notes = self.env[Annotation].search([], order="create_date")
        self.assertEqual(
            notes.mapped("text"),
            ["Check the figures", "Whole document", "Past the end"],
        )
        self.assertEqual(notes.mapped("page"), [2, 1, 2])
        self.assertEqual([n.data["note_page"] for n in notes], [2, None, 9])
        self.assertEqual(set(notes.mapped("kind")), {"note"})
        self.assertEqual(set(notes.mapped("share")), {"private"})
        self.assertEqual(notes.user_id, self.member)
        self.assertEqual(str(notes[0].create_date), "2027-01-02 03:04:05")
        # private as before
        self.assertFalse(self.env[Annotation].with_user(self.other_member).search([]))
        self.assertEqual(len(self._sync(self.member, [])), 3)
