# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One world for the security suites: a user per role, two committees, and one
record of every e-Cabinet model on the first committee.

Every role acts on the records of committee A ("own" committee of the member,
the invitee and the agency); ``other`` sits on committee B only, so its column of
the matrix is the "another committee's record" scope.
"""

import base64
import hashlib
import hmac
import time

from odoo import fields, http

from odoo.addons.ecabinet_base.tests.common import (
    PORTAL_MEMBER,
    make_agency,
    make_agency_user,
    make_committee,
    make_pdf,
    make_user,
)
from odoo.addons.ecabinet_sign.lib import pdf as sign_pdf
from odoo.addons.ecabinet_sign.tests.pki import get_pki

ROLES = (
    "public",
    "member",
    "agency",
    "invitee",
    "other",
    "staff",
    "office",
    "secretariat",
    "chair",
    "admin",
)


PDF = make_pdf(2)


def csrf_token(env, session):
    """The CSRF token of ``session``, as ``http.Request.csrf_token`` makes it."""
    secret = env["ir.config_parameter"].sudo().get_param("database.secret")
    max_ts = int(time.time() + http.CSRF_TOKEN_SALT)
    digest = hmac.new(
        secret.encode("ascii"), f"{session.sid}{max_ts}".encode(), hashlib.sha1
    ).hexdigest()
    return f"{digest}o{max_ts}"


class SecurityCommon:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        cls.agency = make_agency(
            env, "Sở Tài chính (security test)", email="stc-sec@binhminh.example"
        )

        cls.users = {
            "public": env.ref("base.public_user"),
            "member": make_user(env, "sec_member", PORTAL_MEMBER),
            "agency": make_agency_user(env, "sec_agency", cls.agency),
            "invitee": make_user(env, "sec_invitee", PORTAL_MEMBER),
            "other": make_user(env, "sec_other", PORTAL_MEMBER),
            "staff": make_user(env, "sec_staff", "base.group_user"),
            "office": make_user(env, "sec_office", "ecabinet_base.group_user"),
            "secretariat": make_user(
                env, "sec_secretariat", "ecabinet_base.group_secretariat"
            ),
            "chair": make_user(env, "sec_chair", "ecabinet_base.group_chair"),
            "admin": make_user(env, "sec_admin", "ecabinet_base.group_admin"),
        }
        member = cls.users["member"]
        cls.member_partner = member.partner_id
        cls.member_user = member
        # a tablet the member signed in on (Odoo's device log)
        env["res.device.log"].sudo().create(
            {
                "session_identifier": "sec-member-tablet",
                "platform": "android",
                "browser": "chrome",
                "ip_address": "127.0.0.1",
                "user_id": member.id,
                "first_activity": "2027-01-04 01:00:00",
                "last_activity": "2027-01-05 01:00:00",
                "revoked": False,
            }
        )
        cls.member_device = env["res.device"].search(
            [("session_identifier", "=", "sec-member-tablet")]
        )
        calendar = env.ref("ecabinet_base.resource_calendar_ecabinet")
        cls.committee = make_committee(
            env,
            "Committee A (security test)",
            chair=cls.users["chair"],
            members=member,
            secretariat=cls.users["secretariat"],
            code="SEC-A",
            calendar_id=calendar.id,
        )
        cls.other_committee = make_committee(
            env,
            "Committee B (security test)",
            chair=cls.users["other"],
            code="SEC-B",
            calendar_id=calendar.id,
        )
        cls.committee_member = cls.committee.member_ids.filtered(
            lambda m: m.partner_id == member.partner_id
        )
        # ecabinet_offline: the key of the member's tablet
        cls.offline_device = (
            env["ecabinet.offline.device"]
            .sudo()
            .create(
                {
                    "user_id": member.id,
                    "device_uid": "5b0e6a52-security-tablet",
                    "key": base64.b64encode(b"k" * 32).decode(),
                }
            )
            .sudo(False)
        )
        cls.document = env["ecabinet.document"].create(
            {
                "name": "Submission on the 2027 investment plan",
                "committee_id": cls.committee.id,
                "agency_id": cls.agency.id,
                "datas": base64.b64encode(PDF),
                "filename": "plan.pdf",
            }
        )

        # A session whose pack is out (as action_send_invitations leaves it).
        Meeting = env["ecabinet.meeting"]
        cls.meeting = Meeting.create(
            {
                "name": "Regular session of February 2027 (security test)",
                "committee_id": cls.committee.id,
                "session_type": "regular",
                "date_start": "2027-02-12 01:00:00",
                "location": "Meeting room 1",
            }
        )
        Item = env["ecabinet.meeting.agenda.item"]
        cls.item = Item.create(
            {
                "meeting_id": cls.meeting.id,
                "name": "Public investment plan 2027",
                "agency_id": cls.agency.id,
                "planned_duration": 45,
                "sequence": 1,
            }
        )
        cls.invitee_item = Item.create(
            {
                "meeting_id": cls.meeting.id,
                "name": "Tết security plan",
                "planned_duration": 30,
                "sequence": 2,
            }
        )
        Attendee = env["ecabinet.meeting.attendee"]
        cls.chair_attendee, cls.attendee, cls.invitee_attendee = Attendee.create(
            [
                {
                    "meeting_id": cls.meeting.id,
                    "partner_id": cls.users["chair"].partner_id.id,
                    "role": "chair",
                },
                {
                    "meeting_id": cls.meeting.id,
                    "partner_id": member.partner_id.id,
                    "role": "member",
                },
                {
                    "meeting_id": cls.meeting.id,
                    "partner_id": cls.users["invitee"].partner_id.id,
                    "role": "invitee",
                    "item_ids": [fields.Command.set(cls.invitee_item.ids)],
                },
            ]
        )
        cls.meeting._ecabinet_transition(
            {"state": "invited", "pack_sent_date": fields.Datetime.now()}
        )
        MeetingDocument = env["ecabinet.meeting.document"]
        cls.meeting_document = MeetingDocument.create(
            {
                "meeting_id": cls.meeting.id,
                "name": "Draft investment plan",
                "agency_id": cls.agency.id,
                "datas": base64.b64encode(PDF),
                "filename": "plan.pdf",
                "item_ids": [fields.Command.link(cls.item.id)],
            }
        )
        # A new file keeps the first one as a version.
        cls.meeting_document.datas = base64.b64encode(make_pdf(3))
        cls.document_version = cls.meeting_document.version_ids[:1]
        cls.meeting_document._record_view(member.partner_id)
        cls.document_view = cls.meeting_document.view_ids[:1]
        # ecabinet_offline: an opening the member's tablet made without network
        cls.offline_open = (
            env["ecabinet.offline.open"]
            .sudo()
            .create(
                {
                    "user_id": member.id,
                    "document_id": cls.meeting_document.id,
                    "client_uid": "security-offline-open",
                    "open_date": fields.Datetime.now(),
                }
            )
            .sudo(False)
        )
        cls.speech = env["ecabinet.meeting.speech"].create(
            {"item_id": cls.item.id, "attendee_id": cls.attendee.id}
        )
        cls.annotation = (
            env["ecabinet.meeting.annotation"]
            .with_user(member)
            .create(
                {
                    "document_id": cls.meeting_document.id,
                    "version": cls.meeting_document.version,
                    "page": 2,
                    "kind": "note",
                    "data": {"x": 0.5, "y": 0.5},
                    "text": "Check p. 2",
                    "client_uid": "matrix-note",
                }
            )
            .with_env(env)
        )
        cls.comment = (
            env["ecabinet.meeting.comment"]
            .with_user(member)
            .create({"item_id": cls.item.id, "body": "I support the plan."})
            .with_env(env)
        )
        cls.recusal = (
            env["ecabinet.meeting.recusal"]
            .with_user(member)
            .create({"item_id": cls.item.id, "reason": "My spouse leads the bidder."})
            .with_env(env)
        )

        # The member asks to attend the session online (ecabinet_meeting_call)
        cls.remote_request = (
            env["ecabinet.meeting.remote.request"]
            .with_user(member)
            .create({"attendee_id": cls.attendee.id, "reason": "On mission"})
            .with_env(env)
        )

        # Notifications
        cls.event = env.ref("ecabinet_meeting.event_invitation")
        Notification = env["ecabinet.notification"]
        Notification.dispatch(cls.attendee, cls.event, member.partner_id)
        cls.notification = Notification.search(
            [
                ("res_model", "=", "ecabinet.meeting.attendee"),
                ("res_id", "=", cls.attendee.id),
            ],
            limit=1,
        )
        cls.preference = env["ecabinet.notification.preference"].create(
            {
                "partner_id": member.partner_id.id,
                "event_id": cls.event.id,
                "channel_email": True,
            }
        )
        cls.sms_gateway = env["ecabinet.sms.gateway"].create(
            {"name": "Test gateway", "url": "http://127.0.0.1:9/sms"}
        )
        cls.telegram_bot = env["ecabinet.telegram.bot"].create(
            {"name": "Test bot", "url": "http://127.0.0.1:9"}
        )

        # An opinion ballot sent to the committee, answered by the member.
        cls.ballot = env["ecabinet.ballot"].create(
            {
                "name": "Opinion on the land price table",
                "committee_id": cls.committee.id,
                "question_ids": [
                    fields.Command.create({"name": "Approve the land price table?"})
                ],
            }
        )
        cls.ballot.action_add_committee_members()
        cls.ballot.action_send()
        cls.question = cls.ballot.question_ids
        cls.voter = cls.ballot.voter_ids.filtered(
            lambda v: v.partner_id == member.partner_id
        )
        cls.voter.with_user(member).answer(cls.question, "agree")
        cls.response = env["ecabinet.ballot.response"].search(
            [("voter_id", "=", cls.voter.id)]
        )

        # A task from the first item, led by the agency, with a report and a request.
        cls.task = env["ecabinet.task"].create(
            {
                "name": "Report on public investment disbursement",
                "committee_id": cls.committee.id,
                "item_id": cls.item.id,
                "lead_agency_id": cls.agency.id,
                "deadline": "2027-03-31",
            }
        )
        agency_task = cls.task.with_user(cls.users["agency"])
        cls.progress = agency_task.report_progress(40, "Disbursed 40%").with_env(env)
        cls.extension = agency_task.request_extension(
            fields.Date.to_date("2027-04-30"), "Waiting for the capital plan"
        ).with_env(env)
        cls.agency_report = env["ecabinet.task.agency.report"].search(
            [("lead_agency_id", "=", cls.agency.id)], limit=1
        )

        # A signature request on committee A's minutes, signed first by the
        # member (their turn now), then by the secretariat for the agency; the
        # document as action_start leaves it (without rendering the report).
        cls.sign_request = env["ecabinet.sign.request"].create(
            {
                "name": "Minutes - Regular session of February 2027",
                "report_id": env.ref("ecabinet_meeting.action_report_minutes").id,
                "res_model": cls.meeting._name,
                "res_id": cls.meeting.id,
                "committee_id": cls.committee.id,
                "signer_ids": [
                    fields.Command.create(
                        {"sequence": 10, "role": "person", "user_id": member.id}
                    ),
                    fields.Command.create(
                        {
                            "sequence": 20,
                            "role": "agency",
                            "user_id": cls.users["secretariat"].id,
                        }
                    ),
                ],
            }
        )
        prepared = sign_pdf.prepare(PDF, person_name=member.partner_id.name)
        cls.sign_request._ecabinet_transition(
            {"state": "in_progress", "pdf_file": base64.b64encode(prepared)}
        )
        cls.sign_request.signer_ids._ecabinet_transition({"state": "waiting"})
        cls.sign_signer = cls.sign_request.signer_ids.sorted("sequence")[0]
        cls.sign_signer._ecabinet_turn()
        cls.sign_audit = env["ecabinet.sign.audit"]._append(
            "started", request=cls.sign_request, document=prepared
        )
        # The member's answer to the ballot awaiting its signature on the phone
        # (VNPT SmartCA), as answer_signed leaves it.
        SignAnswer = env["ecabinet.sign.answer"]
        with SignAnswer._ecabinet_unlocked():
            cls.sign_answer = SignAnswer.create(
                {
                    "voter_id": cls.voter.id,
                    "ballot_id": cls.ballot.id,
                    "question_id": cls.question.id,
                    "user_id": member.id,
                    "key_backend": "vnpt_smartca",
                    "choice": "disagree",
                    "answered_at": fields.Datetime.now(),
                    "pending_reference": "txn-security-test",
                }
            )
        cls.trust_root = env["ecabinet.sign.trust.root"].create(
            {
                "name": "Test root (security test)",
                "kind": "neac",
                "certificate": base64.b64encode(get_pki().root.pem),
            }
        )
        cls.sign_service = env["ecabinet.sign.service"].create(
            {
                "name": "CSC (security test)",
                "provider": "csc",
                "url": "https://csc.example.invalid/csc/v1",
                "client_id": "ecabinet",
                "client_secret": "not-for-members",
            }
        )
        # A verification report of an uploaded PDF, made by the clerk.
        cls.verification = (
            env["ecabinet.sign.verification"]
            .with_user(cls.users["office"])
            ._verify(cls.sign_request._pdf_bytes(), "minutes.pdf")
            .with_env(env)
        )
        cls.verification_line = env["ecabinet.sign.verification.line"].create(
            {
                "verification_id": cls.verification.id,
                "field_name": sign_pdf.FIELD_PERSON,
                "kind": "signature",
                "signer": "Nguyễn Văn An",
            }
        )

        # Committee B's records, for the IDOR tests.
        cls.other_meeting = Meeting.create(
            {
                "name": "Confidential session of committee B",
                "committee_id": cls.other_committee.id,
                "date_start": "2027-02-19 01:00:00",
            }
        )
        Attendee.create(
            {
                "meeting_id": cls.other_meeting.id,
                "partner_id": cls.users["other"].partner_id.id,
                "role": "chair",
            }
        )
        cls.other_meeting._ecabinet_transition(
            {"state": "invited", "pack_sent_date": fields.Datetime.now()}
        )
        cls.other_item = Item.create(
            {"meeting_id": cls.other_meeting.id, "name": "Land recovery in ward 7"}
        )
        cls.other_meeting_document = MeetingDocument.create(
            {
                "meeting_id": cls.other_meeting.id,
                "name": "Compensation table of ward 7",
                "datas": base64.b64encode(PDF),
                "filename": "ward7.pdf",
                "item_ids": [fields.Command.link(cls.other_item.id)],
            }
        )
        cls.other_document = env["ecabinet.document"].create(
            {
                "name": "Report of committee B on ward 7",
                "committee_id": cls.other_committee.id,
                "datas": base64.b64encode(PDF),
                "filename": "b.pdf",
            }
        )
        cls.other_ballot = env["ecabinet.ballot"].create(
            {
                "name": "Ballot of committee B on ward 7",
                "committee_id": cls.other_committee.id,
                "question_ids": [fields.Command.create({"name": "Recover the land?"})],
            }
        )
        cls.other_ballot.action_add_committee_members()
        cls.other_ballot.action_send()
        other_agency = make_agency(env, "Sở Tư pháp (security test)")
        cls.other_task = env["ecabinet.task"].create(
            {
                "name": "Task of committee B on ward 7",
                "committee_id": cls.other_committee.id,
                "lead_agency_id": other_agency.id,
                "deadline": "2027-03-31",
            }
        )

        # Committee A's session running live (ecabinet_console): the chair's
        # speaking request waits on the item in progress, the member's on the next
        # one; a vote was closed on the item and another is open.
        cls.live_meeting = Meeting.create(
            {
                "name": "Extraordinary session of March 2027 (security test)",
                "committee_id": cls.committee.id,
                "session_type": "extraordinary",
                "date_start": "2027-03-05 01:00:00",
                "location": "Meeting room 2",
            }
        )
        cls.live_item, cls.live_next_item = Item.create(
            [
                {
                    "meeting_id": cls.live_meeting.id,
                    "name": "Flood relief fund",
                    "planned_duration": 30,
                    "sequence": 1,
                },
                {
                    "meeting_id": cls.live_meeting.id,
                    "name": "School meals programme",
                    "planned_duration": 20,
                    "sequence": 2,
                },
            ]
        )
        live_chair, live_member, _live_invitee = Attendee.create(
            [
                {
                    "meeting_id": cls.live_meeting.id,
                    "partner_id": cls.users["chair"].partner_id.id,
                    "role": "chair",
                },
                {
                    "meeting_id": cls.live_meeting.id,
                    "partner_id": member.partner_id.id,
                    "role": "member",
                },
                {
                    "meeting_id": cls.live_meeting.id,
                    "partner_id": cls.users["invitee"].partner_id.id,
                    "role": "invitee",
                    "item_ids": [fields.Command.set(cls.live_next_item.ids)],
                },
            ]
        )
        cls.live_meeting._ecabinet_transition(
            {"state": "invited", "pack_sent_date": fields.Datetime.now()}
        )
        cls.live_meeting.with_user(cls.users["secretariat"]).action_start()
        (live_chair | live_member).action_check_in("present")
        cls.live_item.with_user(cls.users["chair"]).action_start()
        Speech = env["ecabinet.meeting.speech"]
        cls.live_speech = Speech.create(
            {"item_id": cls.live_item.id, "attendee_id": live_chair.id}
        )
        cls.live_member_speech = Speech.create(
            {"item_id": cls.live_next_item.id, "attendee_id": live_member.id}
        )
        chair_item = cls.live_item.with_user(cls.users["chair"])
        cls.closed_vote = chair_item.action_open_vote().with_env(env)
        cls.closed_vote.with_user(cls.users["chair"]).action_close()
        cls.open_vote = chair_item.action_open_vote().with_env(env)
        cls.projector_token = cls.live_meeting.projector_token
