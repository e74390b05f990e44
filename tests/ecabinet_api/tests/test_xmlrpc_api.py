# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every public method of every e-Cabinet model, called over XML-RPC as an
integrator calls it: logged in with a password, ids only, no context."""

import base64
import datetime

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.ecabinet_sign.tests.pki import PASSWORD, get_pki

from .common import PDF_B64, XmlRpcCase, ecabinet_defined, public_methods

MUTED = ("odoo.http", "odoo.addons.base.controllers.rpc", "odoo.service.model")

# Public methods the scenario does not call, and why. Keep it short: a method
# belongs here only when calling it over XML-RPC cannot be done in a test.
EXEMPT = {}
# (Odoo's hooks such as ``init``, marked ``@api.private`` by Odoo, are left out
# by ``public_methods``: Odoo refuses them over RPC, get_public_method.)


def in_future(days):
    moment = datetime.datetime.now() + datetime.timedelta(days=days)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


@tagged("post_install", "-at_install", "ecabinet_api")
class TestXmlRpcApi(XmlRpcCase):
    # Opinion ballots ----------------------------------------------------------------

    def _ballots(self):
        B = "ecabinet.ballot"
        question = {"name": "Approve the 2027 land price table?"}
        ballot = self.call(
            "secretariat",
            B,
            "create",
            {
                "name": "Opinion on the land price table (API)",
                "committee_id": self.committee.id,
                "question_ids": [(0, 0, question)],
            },
        )
        self.assertIs(
            self.call("secretariat", B, "action_add_committee_members", [ballot]), True
        )
        self.assertIs(self.call("secretariat", B, "action_send", [ballot]), True)
        # retried after success: a refusal in words, not a marshalling fault
        self.call("secretariat", B, "action_send", [ballot], fault="user")
        [values] = self.rpc_read("secretariat", B, [ballot], ["question_ids", "state"])
        self.assertEqual(values["state"], "sent")
        question_id = values["question_ids"][0]
        voter = self._my_voter("member", ballot)
        responses = self.call(
            "member",
            "ecabinet.ballot.voter",
            "answer",
            [voter],
            question_id,
            "agree",
            "Agreed.",
        )
        self.assertEqual(len(responses), 1)
        # a changed answer replaces the first one
        self.assertEqual(
            self.call(
                "member",
                "ecabinet.ballot.voter",
                "answer",
                [voter],
                question_id,
                "disagree",
            ),
            responses,
        )
        self.assertEqual(
            self.call(
                "member",
                "ecabinet.ballot.voter",
                "action_view_ecabinet_notifications",
                [voter],
            )["type"],
            "ir.actions.act_window",
        )
        self.assertIs(self.call("chair", B, "action_close", [ballot]), True)
        self.assertEqual(
            self.call("secretariat", B, "action_view_ecabinet_notifications", [ballot])[
                "res_model"
            ],
            "ecabinet.notification",
        )
        self.call("chair", B, "action_close", [ballot], fault="user")
        self.assertIs(self.call("chair", B, "action_approve", [ballot]), True)
        self.call("chair", B, "action_approve", [ballot], fault="user")
        for method in (
            "action_ecabinet_sign_result",
            "action_ecabinet_sign_result_xml",
        ):
            action = self.call("secretariat", B, method, [ballot])
            self.assertTrue(action["res_id"])
        xml_wizard = action["res_id"]
        requests = self.call(
            "secretariat", B, "action_view_ecabinet_sign_requests", [ballot]
        )
        self.assertEqual(requests["res_model"], "ecabinet.sign.request")
        self.assertEqual(
            requests["domain"],
            [["res_model", "=", B], ["res_id", "=", ballot]],
            "the result sheet's request",
        )
        # signing needs the user's key: refused in words without one
        self.call(
            "secretariat",
            "ecabinet.sign.xml.wizard",
            "action_sign",
            [xml_wizard],
            fault="user",
        )
        tasks = self.call(
            "secretariat",
            B,
            "create_tasks",
            [ballot],
            [self.agency.id, self.other_agency.id],
            deadline="2027-06-30",
            coordinating=[self.other_agency.id],
        )
        self.assertEqual(len(tasks), 2)
        self.assertEqual(
            self.call("secretariat", B, "action_view_tasks", [ballot])["res_model"],
            "ecabinet.task",
        )
        wizard = self.call(
            "secretariat",
            "ecabinet.task.assign.wizard",
            "create",
            {
                "ballot_id": ballot,
                "lead_agency_ids": [(6, 0, [self.agency.id])],
                "deadline": "2027-07-31",
            },
        )
        action = self.call(
            "secretariat", "ecabinet.task.assign.wizard", "action_assign", [wizard]
        )
        self.assertEqual(action["res_model"], "ecabinet.task")

        # a second ballot: rejected through action_decide, a third: rejected,
        # a fourth: cancelled
        ids = [
            self.call(
                "secretariat",
                B,
                "create",
                {
                    "name": f"Opinion {number} (API)",
                    "committee_id": self.committee.id,
                    "question_ids": [(0, 0, question)],
                },
            )
            for number in (2, 3, 4)
        ]
        for ballot_id in ids[:2]:
            self.call("secretariat", B, "action_send", [ballot_id])
            self.call("chair", B, "action_close", [ballot_id])
        self.assertIs(
            self.call("chair", B, "action_decide", [ids[0]], "rejected", "Not now."),
            True,
        )
        self.assertIs(self.call("chair", B, "action_reject", [ids[1]]), True)
        self.assertIs(self.call("secretariat", B, "action_cancel", [ids[2]]), True)
        return tasks

    def _my_voter(self, who, ballot):
        partner = self.users[who].partner_id.id
        [voter] = self.call(
            who,
            "ecabinet.ballot.voter",
            "search",
            [("ballot_id", "=", ballot), ("partner_id", "=", partner)],
        )
        return voter

    # Sessions -----------------------------------------------------------------------

    def _session(self):
        M = "ecabinet.meeting"
        I = "ecabinet.meeting.agenda.item"  # noqa: E741
        A = "ecabinet.meeting.attendee"
        meeting = self.call(
            "secretariat",
            M,
            "create",
            {
                "name": "Regular session (API)",
                "committee_id": self.committee.id,
                "session_type": "regular",
                "date_start": in_future(30),
                "location": "Room 1",
            },
        )
        items = [
            self.call(
                "secretariat",
                I,
                "create",
                {
                    "meeting_id": meeting,
                    "name": name,
                    "agency_id": self.agency.id,
                    "planned_duration": 20,
                    "sequence": sequence,
                },
            )
            for sequence, name in enumerate(
                ("Public investment 2027", "School meals", "Street lighting"), 1
            )
        ]
        # an agency proposes an item over RPC, as it does on the portal
        proposal = self.call(
            "agency", I, "create", {"meeting_id": meeting, "name": "Ward boundaries"}
        )
        self.assertIs(self.call("secretariat", I, "action_accept", [proposal]), True)
        self.assertIs(self.call("secretariat", I, "action_withdraw", [proposal]), True)
        document = self.call(
            "secretariat",
            "ecabinet.meeting.document",
            "create",
            {
                "meeting_id": meeting,
                "name": "Draft investment plan",
                "datas": PDF_B64,
                "filename": "plan.pdf",
                "item_ids": [(4, items[0])],
            },
        )
        for method in ("action_withdraw", "action_restore"):
            self.assertIs(
                self.call(
                    "secretariat", "ecabinet.meeting.document", method, [document]
                ),
                True,
            )
        # the file as the document route sends it, and a purpose that is none
        file = self.call(
            "secretariat", "ecabinet.meeting.document", "ecabinet_file", [document]
        )
        self.assertEqual(
            (file["filename"], file["mimetype"], file["datas"]),
            ("plan.pdf", "application/pdf", PDF_B64),
        )
        self.call(
            "secretariat",
            "ecabinet.meeting.document",
            "ecabinet_file",
            [document],
            "burn",
            fault="user",
        )
        self.assertIs(
            self.call("secretariat", M, "action_generate_attendees", [meeting]), True
        )
        self.assertIs(self.call("chair", M, "action_approve_agenda", [meeting]), True)
        self.assertIs(
            self.call("secretariat", M, "action_send_invitations", [meeting]), True
        )
        self.call("secretariat", M, "action_send_invitations", [meeting], fault="user")
        # a member marks a page of the pack as the reader does (sent twice, kept
        # once); another member sees none of it; bad data is refused in words
        N = "ecabinet.meeting.annotation"
        mark = {
            "op": "create",
            "client_uid": "api-1",
            "document_id": document,
            "version": 1,
            "page": 1,
            "kind": "highlight",
            "data": {"rects": [[0.1, 0.2, 0.5, 0.05]]},
            "share": "private",
        }
        seen = self.call("member", N, "sync_ops", [mark], [document])
        self.assertEqual(
            [(a["kind"], a["page"], a["mine"]) for a in seen], [("highlight", 1, True)]
        )
        self.assertEqual(self.call("member", N, "sync_ops", [mark], [document]), seen)
        self.assertEqual(self.call("member2", N, "sync_ops", [], [document]), [])
        self.call(
            "member",
            N,
            "sync_ops",
            [{**mark, "client_uid": "api-2", "data": {"rects": [[2, 0, 0, 0]]}}],
            [document],
            fault="user",
        )
        attendees = {
            who: self.call(
                "secretariat",
                A,
                "search",
                [
                    ("meeting_id", "=", meeting),
                    ("partner_id", "=", self.users[who].partner_id.id),
                ],
            )[0]
            for who in ("chair", "member", "member2", "member3")
        }
        self.assertIs(
            self.call(
                "secretariat", A, "action_decline", [attendees["member2"]], "Ill"
            ),
            True,
        )
        self.assertIs(
            self.call("secretariat", A, "action_attend", [attendees["member2"]]), True
        )
        substitute = self.call(
            "secretariat",
            A,
            "action_send_substitute",
            [attendees["member3"]],
            self.deputy.id,
            "On mission abroad",
        )
        self.assertEqual(len(substitute), 1)
        self.assertEqual(
            self.call(
                "secretariat",
                A,
                "action_view_ecabinet_notifications",
                [attendees["member"]],
            )["res_model"],
            "ecabinet.notification",
        )
        # a member declares a recusal on an item and withdraws it over RPC; the
        # secretariat records one for another member; no reason: refused in words
        R = "ecabinet.meeting.recusal"
        recusal = self.call(
            "member", R, "create", {"item_id": items[1], "reason": "My spouse bids."}
        )
        self.call(
            "member", R, "create", {"item_id": items[1], "reason": ""}, fault="user"
        )
        self.assertIs(self.call("member", R, "action_withdraw", [recusal]), True)
        self.call("member", R, "action_withdraw", [recusal], fault="user")
        recorded = self.call(
            "secretariat",
            R,
            "create",
            {
                "item_id": items[1],
                "partner_id": self.users["member2"].partner_id.id,
                "reason": "Shareholder of the bidder",
            },
        )
        [values] = self.rpc_read("secretariat", I, [items[1]], ["quorum_member_count"])
        self.assertEqual(
            values["quorum_member_count"],
            self.rpc_read("secretariat", M, [meeting], ["member_count"])[0][
                "member_count"
            ]
            - 1,
        )
        self.assertIs(self.call("secretariat", R, "action_withdraw", [recorded]), True)
        # the form asks first (a wizard saying the quorum); integrators start at once
        start = self.call(
            "secretariat", "ecabinet.meeting.start", "create", {"meeting_id": meeting}
        )
        self.assertIs(self.call("secretariat", M, "action_start", [meeting]), True)
        # started already: the wizard's button is refused in words
        self.call(
            "secretariat",
            "ecabinet.meeting.start",
            "action_start",
            [start],
            fault="user",
        )
        self._remote(attendees["member"])
        self.assertIs(
            self.call(
                "secretariat",
                A,
                "action_check_in",
                [attendees["chair"], attendees["member"]],
                "present",
            ),
            True,
        )
        for method in ("action_online", "action_absent", "action_present"):
            self.assertIs(
                self.call("secretariat", A, method, [attendees["member2"]]), True
            )
        door = self.call(
            "secretariat",
            A,
            "action_check_in_substitute",
            [attendees["member2"]],
            "Trần Văn Bình",
        )
        self.assertIsInstance(door, int)
        for method in ("action_open_console", "action_open_secretariat_console"):
            self.assertEqual(
                self.call("secretariat", M, method, [meeting])["type"],
                "ir.actions.client",
            )
        self.assertIs(self.call("chair", I, "action_start", [items[0]]), True)
        state = self.call("secretariat", M, "ecabinet_console_state", [meeting])
        self.assertIsInstance(state, dict)

        # speakers
        S = "ecabinet.meeting.speech"
        speeches = [
            self.call(
                "secretariat",
                S,
                "create",
                {"item_id": items[0], "attendee_id": attendees[who]},
            )
            for who in ("member", "member2", "chair", "member")
        ]
        self.assertIs(self.call("chair", S, "action_call", [speeches[0]]), True)
        self.assertIs(self.call("chair", S, "action_done", [speeches[0]]), True)
        self.assertIs(self.call("chair", S, "action_skip", [speeches[1]]), True)
        self.assertIs(self.call("secretariat", S, "action_cancel", [speeches[2]]), True)
        self.assertEqual(
            self.call("secretariat", M, "ecabinet_call_next_speaker", [meeting]),
            speeches[3],
        )
        # the chair gives the speaker more time (seconds, nothing else); the
        # time is not up, so the console's end of countdown ends nothing
        self.assertIs(self.call("chair", S, "action_extend", [speeches[3]], 30), True)
        self.call(
            "chair", S, "action_extend", [speeches[3]], "30", fault="number of seconds"
        )
        self.assertEqual(
            self.call("chair", M, "ecabinet_speech_time_up", [meeting]), []
        )
        # someone present asks from the tablet (the chair: their earlier request
        # was cancelled), then withdraws the request
        request = self.call(
            "chair", I, "action_request_to_speak", [items[0]], "Ngân sách quận 3"
        )
        self.assertIsInstance(request, int)
        self.assertIs(self.call("chair", S, "action_cancel_request", [request]), True)
        # a point of order is taken before the queue
        order = self.call(
            "chair", I, "action_request_to_speak", [items[0]], kind="point_of_order"
        )
        self.call(
            "chair",
            I,
            "action_request_to_speak",
            [items[0]],
            kind="motion",
            fault="point of order or a reply",
        )
        self.assertEqual(
            self.call("chair", M, "ecabinet_call_next_speaker", [meeting]), order
        )

        # votes: secret, then open, then open again by the generic action
        B = "ecabinet.ballot"
        vote = self.call("chair", I, "action_open_secret_vote", [items[0]])
        self.assertEqual(len(vote), 1)
        [question] = self.rpc_read("chair", B, vote, ["question_ids"])[0][
            "question_ids"
        ]
        voter = self._my_voter("member", vote[0])
        self.assertEqual(
            self.call(
                "member", "ecabinet.ballot.voter", "answer", [voter], question, "agree"
            ),
            [],
        )
        # the retry of an integrator whose first call succeeded
        self.call(
            "member",
            "ecabinet.ballot.voter",
            "answer",
            [voter],
            question,
            "agree",
            fault="already voted",
        )
        # the secretariat reminds the chair, present, who has not voted yet; not
        # twice in a minute, and not a member who has voted
        V = "ecabinet.ballot.voter"
        chair_voter = self._my_voter("chair", vote[0])
        self.assertIs(self.call("secretariat", V, "action_nudge", [chair_voter]), True)
        self.call("secretariat", V, "action_nudge", [chair_voter], fault="user")
        self.call("secretariat", V, "action_nudge", [voter], fault="user")
        self.assertIs(self.call("chair", B, "action_close", vote), True)
        self.assertIs(self.call("chair", B, "action_publish_result", vote), True)
        for method, args in (
            ("action_open_open_vote", ()),
            ("action_open_vote", (False,)),
        ):
            vote = self.call("chair", I, method, [items[0]], *args)
            self.assertEqual(len(vote), 1)
            self.call("chair", B, "action_close", vote)

        # conclusion and tasks from it
        self.call(
            "secretariat",
            I,
            "write",
            [items[0]],
            {"conclusion": "Approve the plan; report monthly."},
        )
        tasks = self.call(
            "secretariat",
            I,
            "create_tasks",
            [items[0]],
            [self.agency.id],
            deadline="2027-09-30",
        )
        self.assertEqual(len(tasks), 1)
        wizard = self.call(
            "secretariat",
            "ecabinet.task.assign.wizard",
            "create",
            {"item_id": items[0], "lead_agency_ids": [(6, 0, [self.other_agency.id])]},
        )
        self.assertEqual(
            self.call(
                "secretariat", "ecabinet.task.assign.wizard", "action_assign", [wizard]
            )["res_model"],
            "ecabinet.task",
        )

        # the chair moves on: next item, then its end, then the last item's end
        self.assertEqual(
            self.call("chair", M, "ecabinet_next_item", [meeting]), items[1]
        )
        self.assertIs(self.call("chair", I, "action_end", [items[1]]), True)
        self.assertEqual(
            self.call("chair", M, "ecabinet_next_item", [meeting]), items[2]
        )
        self.assertIs(self.call("chair", M, "ecabinet_next_item", [meeting]), False)
        self.assertIs(self.call("secretariat", M, "action_close", [meeting]), True)
        self.call("secretariat", M, "action_close", [meeting], fault="user")
        self.call(
            "secretariat", M, "write", [meeting], {"minutes": "<p>The minutes.</p>"}
        )
        minutes = self.call("secretariat", M, "action_ecabinet_sign_minutes", [meeting])
        self.assertIs(self.call("chair", M, "action_approve_minutes", [meeting]), True)
        conclusion = self.call(
            "secretariat", M, "action_ecabinet_sign_conclusion", [meeting]
        )
        self.assertNotEqual(minutes["res_id"], conclusion["res_id"])
        self.assertEqual(
            self.call(
                "secretariat", M, "action_view_ecabinet_sign_requests", [meeting]
            )["res_model"],
            "ecabinet.sign.request",
        )
        self.assertEqual(
            self.call(
                "secretariat", M, "action_view_ecabinet_notifications", [meeting]
            )["res_model"],
            "ecabinet.notification",
        )
        self.assertEqual(
            self.call(
                "secretariat",
                "ecabinet.sign.request",
                "action_open_source",
                [minutes["res_id"]],
            )["res_id"],
            meeting,
        )

        # another session: cancelled, then reopened
        other = self.call(
            "secretariat",
            M,
            "create",
            {
                "name": "Extraordinary session (API)",
                "committee_id": self.committee.id,
                "session_type": "extraordinary",
                "date_start": in_future(40),
            },
        )
        self.assertIs(self.call("secretariat", M, "action_cancel", [other]), True)
        self.assertIs(
            self.call("secretariat", M, "action_reset_to_draft", [other]), True
        )
        return meeting, tasks

    # Tasks --------------------------------------------------------------------------

    def _tasks(self, tasks):
        T = "ecabinet.task"
        task = tasks[0]
        attachment = self.call(
            "secretariat",
            "ir.attachment",
            "create",
            {
                "name": "disbursement.pdf",
                "datas": PDF_B64,
                "res_model": T,
                "res_id": task,
            },
        )
        progress = self.call(
            "agency", T, "report_progress", [task], 40, "Disbursed 40%", [attachment]
        )
        self.assertEqual(len(progress), 1)
        [values] = self.rpc_read(
            "secretariat", "ecabinet.task.progress", progress, ["attachment_ids"]
        )
        self.assertEqual(values["attachment_ids"], [attachment])
        self.assertEqual(
            self.call("secretariat", T, "action_view_ecabinet_notifications", [task])[
                "res_model"
            ],
            "ecabinet.notification",
        )
        E = "ecabinet.task.extension"
        first = self.call(
            "agency", T, "request_extension", [task], "2027-12-31", "Capital plan late"
        )
        self.assertEqual(len(first), 1)
        self.assertIs(self.call("chair", E, "action_approve", first), True)
        self.call("chair", E, "action_approve", first, fault="user")
        second = self.call(
            "agency", T, "request_extension", [task], "2028-03-31", "Still waiting"
        )
        self.assertIs(self.call("chair", E, "action_refuse", second), True)
        self.call("agency", T, "report_progress", [task], 100, "Done")
        self.assertIs(
            self.call("secretariat", T, "action_send_back", [task], "Missing report"),
            True,
        )
        self.assertIs(self.call("secretariat", T, "action_confirm_done", [task]), True)
        self.call("secretariat", T, "action_confirm_done", [task], fault="user")
        self.assertIs(self.call("secretariat", T, "action_reopen", [task]), True)
        self.assertIs(self.call("chair", T, "action_cancel", [task]), True)
        wizard = self.call(
            "secretariat",
            "ecabinet.task.report.wizard",
            "create",
            {
                "date_from": "2026-01-01",
                "date_to": "2028-12-31",
                "committee_id": self.committee.id,
            },
        )
        self.assertEqual(
            self.call(
                "secretariat", "ecabinet.task.report.wizard", "action_print", [wizard]
            )["type"],
            "ir.actions.report",
        )

    # Signatures ---------------------------------------------------------------------

    def _signatures(self):
        R = "ecabinet.sign.request"
        request = self.call(
            "secretariat",
            R,
            "create",
            {
                "name": "Decision on street lighting (API)",
                "source_pdf": PDF_B64,
                "committee_id": self.committee.id,
                "signer_ids": [
                    (
                        0,
                        0,
                        {
                            "sequence": 10,
                            "role": "person",
                            "user_id": self.users["chair"].id,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "sequence": 20,
                            "role": "agency",
                            "user_id": self.users["secretariat"].id,
                        },
                    ),
                ],
            },
        )
        self.assertIs(self.call("secretariat", R, "action_start", [request]), True)
        self.assertEqual(
            self.call(
                "secretariat", R, "action_view_ecabinet_notifications", [request]
            )["res_model"],
            "ecabinet.notification",
        )
        self.call("secretariat", R, "action_start", [request], fault="user")
        self.assertEqual(
            self.call("secretariat", R, "action_view_audit", [request])["res_model"],
            "ecabinet.sign.audit",
        )
        self.assertIs(
            self.call("secretariat", R, "action_open_source", [request]), False
        )
        report = self.call("secretariat", R, "action_verify", [request])
        self.assertEqual(report["res_model"], "ecabinet.sign.verification")
        self.assertEqual(
            self.call(
                "secretariat",
                "ecabinet.sign.verification",
                "action_print",
                [report["res_id"]],
            )["type"],
            "ir.actions.report",
        )
        self.call("secretariat", R, "action_export_edxml", [request], fault="user")
        action = self.call("chair", R, "action_sign", [request])
        W = "ecabinet.sign.wizard"
        wizard = self.call(
            "chair", W, "create", {"signer_id": action["context"]["default_signer_id"]}
        )
        # signing needs a key: refused in words without one
        self.call("chair", W, "action_sign", [wizard], fault="user")
        self.call("chair", W, "write", [wizard], {"refuse_reason": "Wrong figures"})
        self.assertEqual(
            self.call("chair", W, "action_refuse", [wizard])["type"],
            "ir.actions.act_window_close",
        )
        [values] = self.rpc_read("secretariat", R, [request], ["state"])
        self.assertEqual(values["state"], "refused")
        self.assertIs(
            self.call("secretariat", R, "action_reset_to_draft", [request]), True
        )
        self.assertIs(self.call("secretariat", R, "action_cancel", [request]), True)
        audit = self.call(
            "admin",
            "ecabinet.sign.audit",
            "search",
            [("request_id", "=", request)],
            limit=1,
        )
        self.assertEqual(
            self.call("admin", "ecabinet.sign.audit", "action_check_chain", audit)[
                "type"
            ],
            "ir.actions.client",
        )
        verify = self.call(
            "clerk",
            "ecabinet.sign.verify.wizard",
            "create",
            {"pdf_file": PDF_B64, "pdf_filename": "unsigned.pdf"},
        )
        self.assertEqual(
            self.call(
                "clerk", "ecabinet.sign.verify.wizard", "action_verify", [verify]
            )["res_model"],
            "ecabinet.sign.verification",
        )

    def _signed_votes(self):
        """A vote signed by the members: refused on a secret vote, an unsigned
        answer refused, a signed one recorded and verified."""
        B = "ecabinet.ballot"
        pki = get_pki()
        self.env["ecabinet.sign.trust.root"].create(
            {
                "name": "Test NEAC root (API)",
                "kind": "neac",
                "certificate": base64.b64encode(pki.root.pem),
                "company_id": self.committee.company_id.id,
            }
        )
        self.users["member"].partner_id.ecabinet_sign_certificate = base64.b64encode(
            pki.signer.pem
        )
        values = {
            "name": "Signed vote on the bus routes (API)",
            "committee_id": self.committee.id,
            "signed_by_members": True,
            "question_ids": [(0, 0, {"name": "Approve the new bus routes?"})],
        }
        self.call("secretariat", B, "create", {**values, "secret": True}, fault="user")
        ballot = self.call("secretariat", B, "create", values)
        self.assertIs(self.call("secretariat", B, "action_send", [ballot]), True)
        self.call(
            "secretariat",
            B,
            "write",
            [ballot],
            {"signed_by_members": False},
            fault="user",
        )
        [question] = self.rpc_read("secretariat", B, [ballot], ["question_ids"])[0][
            "question_ids"
        ]
        voter = self._my_voter("member", ballot)
        V = "ecabinet.ballot.voter"
        self.call("member", V, "answer", [voter], question, "agree", fault="sign yours")
        self.call(
            "member",
            V,
            "answer_signed",
            [voter],
            question,
            "agree",
            False,
            "pkcs12",
            base64.b64encode(pki.signer.pkcs12()).decode(),
            "wrong password",
            fault="wrong password",
        )
        responses = self.call(
            "member",
            V,
            "answer_signed",
            [voter],
            question,
            "agree",
            False,
            "pkcs12",
            base64.b64encode(pki.signer.pkcs12()).decode(),
            PASSWORD.decode(),
        )
        self.assertEqual(len(responses), 1)
        # Only an answer awaiting its signature on a phone can be withdrawn
        # (the phone case: ecabinet_sign's test_signed_answers_phone).
        self.call(
            "member",
            V,
            "withdraw_awaited_answer",
            [voter],
            question,
            fault="no answer to",
        )
        [response] = self.rpc_read(
            "secretariat",
            "ecabinet.ballot.response",
            responses,
            ["choice", "signature_xml", "signed_at"],
        )
        self.assertEqual(response["choice"], "agree")
        self.assertTrue(response["signed_at"])
        W = "ecabinet.sign.verify.wizard"
        wizard = self.call(
            "secretariat",
            W,
            "create",
            {"pdf_file": response["signature_xml"], "pdf_filename": "answer.xml"},
        )
        report = self.call("secretariat", W, "action_verify", [wizard])
        [values] = self.rpc_read(
            "secretariat", "ecabinet.sign.verification", [report["res_id"]], ["result"]
        )
        self.assertEqual(values["result"], "valid")

    # Notifications, contacts, settings, calendar -------------------------------------

    def _notifications(self, meeting):
        N = "ecabinet.notification"
        member = self.users["member"].partner_id.id
        queued = self.call(
            "secretariat",
            N,
            "dispatch",
            ["ecabinet.meeting", [meeting]],
            "ecabinet_meeting.event_session_cancelled",
            [member],
            key="api-test",
        )
        self.assertTrue(queued)
        self.assertIs(self.call("secretariat", N, "action_cancel", queued), True)
        self.assertIs(self.call("secretariat", N, "action_retry", queued), True)
        self.call("secretariat", N, "action_retry", queued, fault="user")
        self.assertIs(self.call("secretariat", N, "action_send_now", queued), True)
        P = "res.partner"
        for method in (
            "action_ecabinet_send_test_notification",
            "action_view_ecabinet_notifications",
        ):
            self.assertEqual(
                self.call("secretariat", P, method, [member])["res_model"], N
            )
        self.assertEqual(
            self.call("secretariat", P, "action_ecabinet_telegram_link_code", [member])[
                "type"
            ],
            "ir.actions.client",
        )
        self.assertIs(
            self.call("secretariat", P, "action_ecabinet_telegram_unlink", [member]),
            True,
        )
        gateway = self.call(
            "admin",
            "ecabinet.sms.gateway",
            "create",
            {"name": "Closed port (API test)", "url": "http://127.0.0.1:9/sms"},
        )
        # the gateway does not answer: said in words
        self.call(
            "admin",
            "ecabinet.sms.gateway",
            "action_send_test_sms",
            [gateway],
            fault="user",
        )
        B = "ecabinet.telegram.bot"
        bot = self.call("admin", B, "create", {"name": "API test bot"})
        # no token yet: said in words
        self.call("admin", B, "action_register_webhook", [bot], fault="user")
        self.assertEqual(
            self.call("admin", B, "action_new_secret", [bot])["type"],
            "ir.actions.client",
        )
        S = "res.config.settings"
        settings = self.call("admin", S, "create", {})
        self.assertEqual(
            self.call("admin", S, "action_ecabinet_load_public_holidays", [settings])[
                "type"
            ],
            "ir.actions.client",
        )
        C = "resource.calendar"
        calendar = [self.calendar.id]
        self.assertIs(
            self.call("clerk", C, "ecabinet_is_working_day", calendar, "2027-01-02"),
            False,
        )
        self.assertEqual(
            self.call(
                "clerk", C, "ecabinet_add_working_days", calendar, "2027-01-04", 1
            ),
            "2027-01-05",
        )
        self.assertEqual(
            self.call(
                "clerk",
                C,
                "ecabinet_working_days_between",
                calendar,
                "2027-01-04",
                "2027-01-05",
            ),
            1,
        )

    # The offline pack ---------------------------------------------------------------

    def _offline(self, meeting):
        """The secretariat wipes a member's devices (keys withdrawn, signed out);
        a member may not."""
        person = self.users["member3"].partner_id.id
        seat = self.call(
            "secretariat",
            "ecabinet.committee.member",
            "search",
            [("committee_id", "=", self.committee.id), ("partner_id", "=", person)],
        )
        attendee = self.call(
            "secretariat",
            "ecabinet.meeting.attendee",
            "search",
            [("meeting_id", "=", meeting), ("partner_id", "=", person)],
        )
        for model, ids in (
            ("ecabinet.committee.member", seat),
            ("ecabinet.meeting.attendee", attendee),
        ):
            self.assertTrue(ids)
            self.assertIs(
                self.call("secretariat", model, "action_ecabinet_wipe_devices", ids),
                True,
            )
            self.call(
                "member", model, "action_ecabinet_wipe_devices", ids, fault="access"
            )
        # a member's tablet reports an opening made without network (sent twice,
        # counted once); a document outside the member's pack is refused
        OPEN = "ecabinet.offline.open"
        documents = self.call(
            "member",
            "ecabinet.meeting.document",
            "search",
            [("meeting_id", "=", meeting)],
        )
        self.assertTrue(documents)
        opening = {
            "client_uid": "api-offline-open-1",
            "document_id": documents[0],
            "date": "2026-01-02 03:04:05",
        }
        for _again in range(2):
            self.assertIs(self.call("member", OPEN, "report_opens", [opening]), True)
        self.assertEqual(
            self.call(
                "secretariat",
                OPEN,
                "search_count",
                [("client_uid", "=", opening["client_uid"])],
            ),
            1,
        )
        self.call(
            "member",
            OPEN,
            "report_opens",
            [{**opening, "client_uid": "api-offline-open-2", "document_id": 10**7}],
            fault="access",
        )

    # Sign-in security (ecabinet_auth) -----------------------------------------------

    def _sign_in_security(self):
        member = self.users["member3"]
        # a tablet the member signed in on (Odoo's device log)
        self.env["res.device.log"].sudo().create(
            {
                "session_identifier": "api-lost-tablet",
                "platform": "android",
                "browser": "chrome",
                "ip_address": "127.0.0.1",
                "user_id": member.id,
                "first_activity": "2027-01-04 01:00:00",
                "last_activity": "2027-01-05 01:00:00",
                "revoked": False,
            }
        )
        self.env.flush_all()
        [device] = self.call(
            "secretariat", "res.device", "search", [("user_id", "=", member.id)]
        )
        self.call(
            "member", "res.device", "action_ecabinet_sign_out", [device], fault="access"
        )
        self.assertIs(
            self.call(
                "secretariat", "res.device", "action_ecabinet_sign_out", [device]
            ),
            True,
        )
        self.assertFalse(
            self.call(
                "secretariat", "res.device", "search", [("user_id", "=", member.id)]
            )
        )
        for method in (
            "action_ecabinet_sign_out_devices",
            "action_ecabinet_remove_second_factor",
        ):
            self.call("member", "res.users", method, [member.id], fault="access")
            self.assertIs(
                self.call("secretariat", "res.users", method, [member.id]), True
            )
        # the policy turned on: members without a second factor are listed
        self.env.company.ecabinet_2fa_member = True
        self.env.flush_all()
        missing = self.call(
            "secretariat",
            "res.users",
            "search",
            [
                ("ecabinet_2fa_required", "=", True),
                ("ecabinet_2fa_enrolled", "=", False),
            ],
        )
        self.assertIn(member.id, missing)
        self.env.company.ecabinet_2fa_member = False
        self.env.flush_all()

    def _remote(self, attendee):
        """A member who cannot come asks to attend online (ecabinet_meeting_call);
        the secretariat refuses, then admits the second request; the member
        leaves (checked in as absent). Only the secretariat decides."""
        R = "ecabinet.meeting.remote.request"
        A = "ecabinet.meeting.attendee"
        asked = self.call(
            "member", R, "create", {"attendee_id": attendee, "reason": "On mission"}
        )
        self.call("member", R, "action_admit", [asked], fault="access")
        self.call("member", R, "create", {"attendee_id": attendee}, fault="user")
        self.assertIs(
            self.call("secretariat", R, "action_refuse", [asked], "Come in person"),
            True,
        )
        again = self.call("member", R, "create", {"attendee_id": attendee})
        self.assertIs(self.call("secretariat", R, "action_admit", [again]), True)
        self.call("secretariat", R, "action_admit", [again], fault="user")
        [values] = self.rpc_read("secretariat", A, [attendee], ["attendance"])
        self.assertEqual(values["attendance"], "online")
        self.assertIs(self.call("member", R, "action_leave", [again]), True)
        self.call("member", R, "action_leave", [again], fault="user")
        [values] = self.rpc_read("secretariat", A, [attendee], ["attendance"])
        self.assertEqual(values["attendance"], "absent")

    # The test -----------------------------------------------------------------------

    def test_integrator_calls_every_public_method(self):
        with mute_logger(*MUTED):
            self._ballots()
            meeting, tasks = self._session()
            self._tasks(tasks)
            self._signatures()
            self._signed_votes()
            self._notifications(meeting)
            self._offline(meeting)
            self._sign_in_security()
        missing = sorted(public_methods(self.env) - self.called - set(EXEMPT))
        self.assertFalse(
            missing,
            "public methods neither called over XML-RPC by this test nor exempted "
            "(with a reason) in EXEMPT:\n"
            + "\n".join(f"{model}.{method}" for model, method in missing),
        )
        stale = sorted(set(EXEMPT) - public_methods(self.env))
        self.assertFalse(stale, f"EXEMPT lists methods that do not exist: {stale}")

    def test_every_public_method_is_an_api_method(self):
        """The last definition of each public method (the one RPC runs) carries
        @public_method, so ids come in and True/ids/dicts go out."""
        missing = [
            f"{model}.{method} ({ecabinet_defined(self.env, model, method)[0]._module})"
            for model, method in sorted(public_methods(self.env) - set(EXEMPT))
            if not getattr(
                getattr(type(self.env[model]), method), "_ecabinet_public", False
            )
        ]
        self.assertFalse(
            missing,
            "public methods without @public_method "
            "(odoo.addons.ecabinet_base.tools.api) on their last override:\n"
            + "\n".join(missing),
        )
