# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""THE access matrix of e-Cabinet: the specification the security tests check.

One row per model of every e-Cabinet addon, one line per operation (read, write,
create, unlink, each public ``action_*`` method and, on ``ecabinet.*`` models, each
public ``ecabinet_*`` method, which the console calls through RPC), one cell per
role, in the order of the header below. Every role acts on the fixture record named
by ``record`` (or by ``records`` for an operation that needs another one, e.g. the
session in progress; see ``common.py``), which belongs to committee A: ``member``,
``invitee`` and ``agency`` are committee A's people; ``other`` sits on committee B
only, so its column is the "another committee's record" scope.

Other models on which e-Cabinet code defines ``action_*`` methods (res.partner,
res.config.settings) have a row with those actions only.

Cells (ORM and JSON-RPC):
    y  allowed
    n  refused by the access rights or record rules (AccessError)
    u  refused by the model's own checks (UserError / ValidationError): a role
       or state check of an action, or an action that is not for this record now

Roles: public (not signed in), member (portal member of committee A), agency
(portal officer of the agency presenting an item of A), invitee (portal, invited to
one item of A's session only), other (portal member of committee B), staff
(internal user without e-Cabinet group), office (e-Cabinet User, e.g. the clerk),
secretariat, chair, admin (e-Cabinet Administrator, not the superuser).

Adding a model (e.g. ecabinet_sign's ``ecabinet.sign.*``, ecabinet_console's
models): add a fixture record in ``common.py``, a row here with its operations
and, for a route, an entry in ROUTES (``"method": "JSON"`` for ``type="json"``
routes, their params in ``"data"``; outcomes ok / login / 403 / 404 / refused);
the coverage tests fail until then. ``ECABINET_MATRIX_DUMP=1`` logs the observed
cells to review and paste.
"""

import base64

from odoo import fields

OUTCOMES = {
    "y": "allowed",
    "n": "denied (AccessError)",
    "u": "refused (UserError)",
}

# Column headers of the tables below, in the order of ROLES in common.py.
ROLE_HEADER = (
    "pu me ag in ot st of se ch ad"  # pub, mem, age, inv, oth, stf, off, sec, cha, adm
)

# fmt: off
MATRIX = {
    "ecabinet.ballot": {
        "record": "ballot",
        # the console publishes the result of a vote the chair closed
        "records": {"action_publish_result": "closed_vote"},
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  y",
            "action_add_committee_members":       "u  u  u  u  u  u  u  y  y  y",
            "action_approve":                     "u  u  u  u  u  u  u  u  u  u",
            "action_cancel":                      "u  u  u  u  u  u  u  y  y  y",
            "action_close":                       "u  u  u  u  u  u  u  u  y  y",
            "action_decide":                      "u  u  u  u  u  u  u  u  u  u",
            "action_ecabinet_sign_result":        "n  u  n  n  n  n  u  u  u  u",
            "action_ecabinet_sign_result_xml":    "n  u  n  n  n  n  u  u  u  u",
            "action_publish_result":              "u  u  u  u  u  u  u  u  y  y",
            "action_reject":                      "u  u  u  u  u  u  u  u  u  u",
            "action_send":                        "u  u  u  u  u  u  u  u  u  u",
            "action_view_ecabinet_notifications": "n  y  n  n  n  n  y  y  y  y",
            "action_view_ecabinet_sign_requests": "n  y  n  n  n  n  y  y  y  y",
            "action_view_tasks":                  "n  y  n  n  n  n  y  y  y  y",
        },
    },
    "ecabinet.ballot.question": {
        "record": "question",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.ballot.response": {
        "record": "response",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  n  n  n",
            "create":                             "n  n  n  n  n  n  n  n  n  n",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
        },
    },
    "ecabinet.ballot.voter": {
        "record": "voter",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  y  y  y",
            "action_nudge":                       "u  u  u  u  u  u  u  u  u  u",
            "action_view_ecabinet_notifications": "n  y  n  n  n  n  y  y  y  y",
        },
    },
    "ecabinet.committee": {
        "record": "committee",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  y",
        },
    },
    "ecabinet.committee.member": {
        "record": "committee_member",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  y",
            "action_ecabinet_wipe_devices":       "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.document": {
        "record": "document",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  y  n  n  n  y  y  y  y",
            "write":                              "n  n  y  n  n  n  n  y  y  y",
            "create":                             "n  n  y  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  y",
        },
    },
    "ecabinet.meeting": {
        "record": "meeting",
        # the console's moves, on committee A's session in progress
        "records": {
            "ecabinet_call_next_speaker": "live_meeting",
            "ecabinet_console_state": "live_meeting",
            "ecabinet_next_item": "live_meeting",
            "ecabinet_speech_time_up": "live_meeting",
        },
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  y  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  y",
            "action_approve_agenda":              "u  u  u  u  u  u  u  u  u  u",
            "action_approve_minutes":             "u  u  u  u  u  u  u  u  u  u",
            "action_cancel":                      "u  u  u  u  u  u  u  y  y  y",
            "action_close":                       "u  u  u  u  u  u  u  u  u  u",
            "action_ecabinet_sign_conclusion":    "n  u  n  u  n  n  u  u  u  u",
            "action_ecabinet_sign_minutes":       "n  u  n  u  n  n  u  u  u  u",
            "action_generate_attendees":          "u  u  u  u  u  u  u  y  y  y",
            "action_open_console":                "n  n  n  n  n  n  n  y  y  y",
            "action_open_secretariat_console":    "n  n  n  n  n  n  n  y  y  y",
            "action_reset_to_draft":              "u  u  u  u  u  u  u  u  u  u",
            "action_send_invitations":            "u  u  u  u  u  u  u  u  u  u",
            "action_start":                       "u  u  u  u  u  u  u  y  y  y",
            "action_view_ecabinet_notifications": "n  y  n  y  n  n  y  y  y  y",
            "action_view_ecabinet_sign_requests": "n  y  n  y  n  n  y  y  y  y",
            "ecabinet_call_next_speaker":         "n  n  n  n  n  n  n  y  y  y",
            "ecabinet_console_state":             "n  n  n  n  n  n  n  y  y  y",
            "ecabinet_next_item":                 "n  n  n  n  n  n  n  n  y  y",
            "ecabinet_speech_time_up":            "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.meeting.start": {
        "record": "wizard",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  n  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
            "action_start":                       "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.meeting.agenda.item": {
        "record": "item",
        # only the chair moves through the live session's agenda; asking to speak
        # on the item in progress (the chair is already in its queue)
        "records": {
            "action_start": "live_next_item",
            "action_end": "live_item",
            "action_request_to_speak": "live_item",
        },
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  y  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  y  y  y",
            "action_accept":                      "n  u  u  n  n  n  u  u  u  u",
            "action_end":                         "u  u  u  u  u  u  u  u  y  y",
            "action_open_open_vote":              "u  u  u  u  u  u  u  u  u  u",
            "action_open_secret_vote":            "u  u  u  u  u  u  u  u  u  u",
            "action_open_vote":                   "u  u  u  u  u  u  u  u  u  u",
            "action_request_to_speak":            "n  y  n  n  n  n  u  u  u  u",
            "action_start":                       "u  u  u  u  u  u  u  u  y  y",
            "action_withdraw":                    "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.meeting.attendee": {
        "record": "attendee",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  y  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  y  y  y",
            "action_absent":                      "n  n  n  n  n  n  n  y  y  y",
            "action_attend":                      "n  n  n  n  n  n  n  y  y  y",
            "action_check_in":                    "n  n  n  n  n  n  n  y  y  y",
            "action_check_in_substitute":         "n  n  n  n  n  n  n  y  y  y",
            "action_decline":                     "n  n  n  n  n  n  n  y  y  y",
            "action_online":                      "n  n  n  n  n  n  n  y  y  y",
            "action_present":                     "n  n  n  n  n  n  n  y  y  y",
            "action_send_substitute":             "n  n  n  n  n  n  n  y  y  y",
            "action_view_ecabinet_notifications": "n  y  n  y  n  n  y  y  y  y",
            "action_ecabinet_wipe_devices":       "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.meeting.comment": {
        "record": "comment",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  n  y  y  y",
            "write":                              "n  y  n  n  n  n  n  y  y  y",
            "create":                             "n  y  n  n  n  n  n  y  y  y",
            "unlink":                             "n  y  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.meeting.document": {
        "record": "meeting_document",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  y  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  y  y  y",
            "action_restore":                     "n  n  n  n  n  n  n  y  y  y",
            "action_withdraw":                    "n  n  n  n  n  n  n  y  y  y",
            # the file, as the document route sends it (download by default)
            "ecabinet_file":                      "n  y  y  n  n  n  y  y  y  y",
        },
    },
    "ecabinet.meeting.document.version": {
        "record": "document_version",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.meeting.document.view": {
        "record": "document_view",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  n  y  y  y",
            "write":                              "n  n  n  n  n  n  n  n  n  n",
            "create":                             "n  n  n  n  n  n  n  n  n  n",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
        },
    },
    "ecabinet.meeting.annotation": {
        "record": "annotation",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  n  n  n  n",
            "write":                              "n  y  n  n  n  n  n  n  n  n",
            "create":                             "n  y  n  n  n  n  n  n  n  n",
            "unlink":                             "n  y  n  n  n  n  n  n  n  n",
        },
    },
    "ecabinet.meeting.recusal": {
        "record": "recusal",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  y  n  n  n  n  y  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
            "action_withdraw":                    "n  y  n  n  n  n  n  y  y  y",
        },
    },
    # A member's request to attend online (ecabinet_meeting_call): the member
    # asks and may withdraw it; the chair and the secretariat admit or refuse.
    "ecabinet.meeting.remote.request": {
        "record": "remote_request",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  y  n  n  n  n  y  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
            "action_admit":                       "n  n  n  n  n  n  n  y  y  y",
            "action_leave":                       "n  y  n  n  n  n  n  y  y  y",
            "action_refuse":                      "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.meeting.speech": {
        "record": "speech",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  n  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  y  y  y",
            "action_call":                        "n  u  n  n  n  n  n  u  u  u",
            "action_cancel":                      "n  n  n  n  n  n  n  y  y  y",
            "action_cancel_request":              "n  y  n  n  n  n  n  u  u  u",
            "action_done":                        "n  u  n  n  n  n  n  u  u  u",
            "action_extend":                      "n  u  n  n  n  n  n  u  u  u",
            "action_skip":                        "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.notification": {
        "record": "notification",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  n  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  n  n  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  y",
            "action_cancel":                      "n  n  n  n  n  n  n  y  y  y",
            "action_retry":                       "n  n  n  n  n  n  n  y  y  y",
            "action_send_now":                    "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.notification.event": {
        "record": "event",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  y  y  y  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  n  n  y",
            "create":                             "n  n  n  n  n  n  n  n  n  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  y",
        },
    },
    "ecabinet.notification.preference": {
        "record": "preference",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  n  y  y  y",
            "write":                              "n  y  n  n  n  n  n  y  y  y",
            "create":                             "n  y  n  n  n  n  n  y  y  y",
            "unlink":                             "n  y  n  n  n  n  n  y  y  y",
        },
    },
    # ecabinet_offline: a device's key; only the member's own contact (the
    # route, as the member) creates and renews it, the secretariat reads the list
    "ecabinet.offline.device": {
        "record": "offline_device",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  n  y  y  y",
            "write":                              "n  n  n  n  n  n  n  n  n  n",
            "create":                             "n  n  n  n  n  n  n  n  n  n",
            "unlink":                             "n  n  n  n  n  n  n  n  n  y",
        },
    },
    # ecabinet_offline: openings a device reports (the member's report route
    # records them, as the member); the secretariat reads them
    "ecabinet.offline.open": {
        "record": "offline_open",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  n  y  y  y",
            "write":                              "n  n  n  n  n  n  n  n  n  n",
            "create":                             "n  n  n  n  n  n  n  n  n  n",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
        },
    },
    "ecabinet.sms.gateway": {
        "record": "sms_gateway",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  n  y  y  y",
            "write":                              "n  n  n  n  n  n  n  n  n  y",
            "create":                             "n  n  n  n  n  n  n  n  n  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  y",
            "action_send_test_sms":               "n  n  n  n  n  n  n  u  u  u",
        },
    },
    "ecabinet.telegram.bot": {
        "record": "telegram_bot",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  n  y  y  y",
            "write":                              "n  n  n  n  n  n  n  n  n  y",
            "create":                             "n  n  n  n  n  n  n  n  n  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  y",
            "action_new_secret":                  "n  n  n  n  n  n  n  n  n  y",
            "action_register_webhook":            "n  n  n  n  n  n  n  n  n  u",
        },
    },
    "ecabinet.task": {
        "record": "task",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  y  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  y",
            "action_cancel":                      "u  u  u  u  u  u  u  u  y  y",
            "action_confirm_done":                "u  u  u  u  u  u  u  y  y  y",
            "action_reopen":                      "u  u  u  u  u  u  u  y  y  y",
            "action_send_back":                   "u  u  u  u  u  u  u  y  y  y",
            "action_view_ecabinet_notifications": "n  n  y  n  n  n  y  y  y  y",
        },
    },
    "ecabinet.task.agency.report": {
        "record": "agency_report",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  n  n  n",
            "create":                             "n  n  n  n  n  n  n  n  n  n",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
        },
    },
    "ecabinet.task.assign.wizard": {
        "record": "wizard",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  n  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
            "action_assign":                      "n  n  n  n  n  n  n  u  u  u",
        },
    },
    "ecabinet.task.extension": {
        "record": "extension",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  y  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
            "action_approve":                     "n  n  u  n  n  n  u  u  y  y",
            "action_refuse":                      "n  n  u  n  n  n  u  u  y  y",
        },
    },
    "ecabinet.task.progress": {
        "record": "progress",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  y  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.task.report.wizard": {
        "record": "wizard",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  y  y  y  y",
            "create":                             "n  n  n  n  n  n  y  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
            "action_print":                       "n  n  n  n  n  n  y  y  y  y",
        },
    },
    "ecabinet.sign.answer": {
        "record": "sign_answer",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  n  n  n",
            "create":                             "n  n  n  n  n  n  n  n  n  n",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
        },
    },
    "ecabinet.sign.audit": {
        "record": "sign_audit",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  n  y  y  y",
            "write":                              "n  n  n  n  n  n  n  n  n  n",
            "create":                             "n  n  n  n  n  n  n  n  n  n",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
            "action_check_chain":                 "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.sign.request": {
        "record": "sign_request",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  n  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  y",
            "action_cancel":                      "n  n  n  n  n  n  n  y  y  y",
            "action_export_edxml":                "n  u  n  n  n  n  n  u  u  u",
            "action_open_source":                 "n  y  n  n  n  n  n  y  y  y",
            "action_reset_to_draft":              "n  u  n  n  n  n  n  u  u  u",
            "action_sign":                        "n  y  n  n  n  n  n  u  u  u",
            "action_start":                       "n  u  n  n  n  n  n  u  u  u",
            "action_verify":                      "n  n  n  n  n  n  n  y  y  y",
            "action_view_audit":                  "n  n  n  n  n  n  n  y  y  y",
            "action_view_ecabinet_notifications": "n  y  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.sign.service": {
        "record": "sign_service",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  n  y  y  y",
            "write":                              "n  n  n  n  n  n  n  n  n  y",
            "create":                             "n  n  n  n  n  n  n  n  n  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  y",
        },
    },
    "ecabinet.sign.signer": {
        "record": "sign_signer",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  n  n  n  n  n  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "ecabinet.sign.trust.root": {
        "record": "trust_root",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  n  n  y",
            "create":                             "n  n  n  n  n  n  n  n  n  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  y",
        },
    },
    "ecabinet.sign.verification": {
        "record": "verification",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  n  n  n",
            "create":                             "n  n  n  n  n  n  n  n  n  n",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
            "action_print":                       "n  n  n  n  n  n  y  y  y  y",
        },
    },
    "ecabinet.sign.verification.line": {
        "record": "verification_line",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  n  n  n  n",
            "create":                             "n  n  n  n  n  n  n  n  n  n",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
        },
    },
    "ecabinet.sign.verify.wizard": {
        "record": "wizard",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  y  y  y  y",
            "write":                              "n  n  n  n  n  n  y  y  y  y",
            "create":                             "n  n  n  n  n  n  y  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
            "action_verify":                      "n  n  n  n  n  n  y  y  y  y",
        },
    },
    "ecabinet.sign.wizard": {
        "record": "wizard",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  y  y  y  y  n  y  y  y  y",
            "write":                              "n  y  y  y  y  n  y  y  y  y",
            "create":                             "n  y  y  y  y  n  y  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
            "action_refuse":                      "n  y  n  n  n  n  n  n  n  n",
            "action_sign":                        "n  u  n  n  n  n  n  n  n  n",
        },
    },
    "ecabinet.sign.xml.wizard": {
        "record": "wizard",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "read":                               "n  n  n  n  n  n  n  y  y  y",
            "write":                              "n  n  n  n  n  n  n  y  y  y",
            "create":                             "n  n  n  n  n  n  n  y  y  y",
            "unlink":                             "n  n  n  n  n  n  n  n  n  n",
            "action_sign":                        "n  n  n  n  n  n  n  u  u  u",
        },
    },
    "res.partner": {
        # the member's own contact; only the actions e-Cabinet adds
        "record": "member_partner",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "action_ecabinet_send_test_notification": "n  n  n  n  n  n  n  y  y  y",
            "action_ecabinet_telegram_link_code": "n  n  n  n  n  n  n  y  y  y",
            "action_ecabinet_telegram_unlink":    "n  n  n  n  n  n  n  y  y  y",
            "action_view_ecabinet_notifications": "n  y  n  n  n  n  y  y  y  y",
        },
    },
    "res.users": {
        # the member's own user: what the secretariat does for a lost device
        "record": "member_user",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "action_ecabinet_remove_second_factor": "n  n  n  n  n  n  n  y  y  y",
            "action_ecabinet_sign_out_devices":   "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "res.device": {
        # a tablet the member signed in on
        "record": "member_device",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "action_ecabinet_sign_out":           "n  n  n  n  n  n  n  y  y  y",
        },
    },
    "res.config.settings": {
        "record": "wizard",
        "operations": {
            #                                      pu me ag in ot st of se ch ad
            "action_ecabinet_load_public_holidays": "n  n  n  n  n  n  n  n  n  n",
        },
    },
}
# fmt: on

# Arguments of the actions that take some (fixture attribute names are resolved by
# the test: a callable receives the test case).
ACTION_ARGS = {
    ("ecabinet.meeting.attendee", "action_decline"): lambda t: ("Busy",),
    ("ecabinet.meeting.attendee", "action_send_substitute"): lambda t: (
        t.users["office"].partner_id,
        "On a mission",
    ),
    ("ecabinet.meeting.attendee", "action_check_in"): lambda t: ("present",),
    ("ecabinet.meeting.attendee", "action_check_in_substitute"): lambda t: (
        "Lê Văn Phó",
    ),
    ("ecabinet.ballot", "action_decide"): lambda t: ("approved",),
    ("ecabinet.task", "action_send_back"): lambda t: ("Incomplete",),
}

# Values of the wizards, created by each role as their own.
WIZARD_VALUES = {
    "ecabinet.task.assign.wizard": lambda t: {
        "item_id": t.item.id,
        "lead_agency_ids": [fields.Command.set(t.agency.ids)],
        "deadline": "2027-06-30",
    },
    "ecabinet.meeting.start": lambda t: {"meeting_id": t.meeting.id},
    "ecabinet.task.report.wizard": lambda t: {
        "date_from": "2027-01-01",
        "date_to": "2027-12-31",
        "committee_id": t.committee.id,
    },
    "res.config.settings": lambda t: {},
    # the member's turn on the minutes; a reason, so that refusing can succeed
    "ecabinet.sign.wizard": lambda t: {
        "signer_id": t.sign_signer.id,
        "refuse_reason": "The attendance list is wrong",
    },
    "ecabinet.sign.verify.wizard": lambda t: {
        "pdf_file": base64.b64encode(t.sign_request._pdf_bytes()),
        "pdf_filename": "minutes.pdf",
    },
    "ecabinet.sign.xml.wizard": lambda t: {
        "mode": "ballot",
        "ballot_id": t.ballot.id,
    },
}


def url_values(t):
    """Values of the placeholders of the routes' URLs."""
    return {
        "document": t.document.id,
        "meeting": t.meeting.id,
        "meeting_document": t.meeting_document.id,
        "speech": t.speech.id,
        "recusal": t.recusal.id,
        "attendee": t.attendee.id,
        "attendee_token": t.attendee.access_token,
        "ballot": t.ballot.id,
        "voter": t.voter.id,
        "voter_token": t.voter.access_token,
        "task": t.task.id,
        "sign_request": t.sign_request.id,
        "live_meeting": t.live_meeting.id,
        "live_speech": t.live_speech.id,
        "live_member_speech": t.live_member_speech.id,
        "open_vote": t.open_vote.id,
        "projector_token": t.projector_token,
    }


# fmt: off
ROUTES = {
    # The expected outcome per role: ok (200), home (redirected to /my), login
    # (redirected to the login page), done (redirected elsewhere after the
    # action), 400, 403, 404. A JSON route answers ok, login (no session), 403,
    # 404 or refused (a UserError, or {"error": ...} with nothing saved); its
    # "data" are the params ({placeholders} filled as in the URL). A key other
    # than the route's rule names the rule in "rule" (one route, two cases).
    #              pub   mem   age   inv   oth   stf   off   sec   cha   adm
    # the portal home with e-Cabinet's cards (next session, ballots, tasks)
    "/my": {
        "method": "GET",
        "url": "/my",
        "expect": "login ok    ok    ok    ok    ok    ok    ok    ok    ok",
    },
    # the second step of a sign-in the policy covers: only with a pre-session
    "/web/login/ecabinet_2fa": {
        "method": "GET",
        "url": "/web/login/ecabinet_2fa",
        "expect": "login home  home  home  home  done  done  done  done  done",
    },
    "/my/home": {
        "method": "GET",
        "url": "/my/home",
        "expect": "login ok    ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "/my/ecabinet/documents": {
        "method": "GET",
        "url": "/my/ecabinet/documents",
        "expect": "login ok    ok    ok    ok    home  ok    ok    ok    ok",
    },
    "/my/ecabinet/documents/page/<int:page>": {
        "method": "GET",
        "url": "/my/ecabinet/documents/page/2",
        "expect": "login ok    ok    ok    ok    home  ok    ok    ok    ok",
    },
    "/my/ecabinet/documents/<int:document_id>": {
        "method": "GET",
        "url": "/my/ecabinet/documents/{document}",
        "expect": "login ok    ok    home  home  home  ok    ok    ok    ok",
    },
    "/my/ecabinet/documents/new": {
        "method": "POST",
        "url": "/my/ecabinet/documents/new",
        "expect": "login ok    ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "/my/ecabinet/sessions": {
        "method": "GET",
        "url": "/my/ecabinet/sessions",
        "expect": "login ok    ok    ok    ok    home  ok    ok    ok    ok",
    },
    "/my/ecabinet/sessions/page/<int:page>": {
        "method": "GET",
        "url": "/my/ecabinet/sessions/page/2",
        "expect": "login ok    ok    ok    ok    home  ok    ok    ok    ok",
    },
    "/my/ecabinet/sessions/<int:meeting_id>": {
        "method": "GET",
        "url": "/my/ecabinet/sessions/{meeting}",
        "expect": "login ok    home  ok    home  home  ok    ok    ok    ok",
    },
    "/my/ecabinet/sessions/<int:meeting_id>/answer": {
        "method": "POST",
        "url": "/my/ecabinet/sessions/{meeting}/answer",
        "expect": "login ok    home  ok    home  home  ok    ok    ok    ok",
    },
    # the reader of a document of one's pack (404 when not in it)
    "/my/ecabinet/sessions/<int:meeting_id>/read/<int:document_id>": {
        "method": "GET",
        "url": "/my/ecabinet/sessions/{meeting}/read/{meeting_document}",
        "expect": "login ok    home  404   home  home  ok    ok    ok    ok",
    },
    # annotations: every e-Cabinet user syncs their own (the documents' rules
    # filter what comes back); an internal user without e-Cabinet role has none
    "/my/ecabinet/annotations/sync": {
        "method": "JSON",
        "url": "/my/ecabinet/annotations/sync",
        "data": {"ops": []},
        "expect": "login ok    ok    ok    ok    403   ok    ok    ok    ok",
    },
    "/my/ecabinet/sessions/<int:meeting_id>/comments": {
        "method": "POST",
        "url": "/my/ecabinet/sessions/{meeting}/comments",
        "expect": "login ok    home  ok    home  home  ok    ok    ok    ok",
    },
    "/my/ecabinet/sessions/<int:meeting_id>/speeches": {
        "method": "POST",
        "url": "/my/ecabinet/sessions/{meeting}/speeches",
        "expect": "login ok    home  ok    home  home  ok    ok    ok    ok",
    },
    "/my/ecabinet/sessions/<int:meeting_id>/speeches/<int:speech_id>/cancel": {
        "method": "POST",
        "url": "/my/ecabinet/sessions/{meeting}/speeches/{speech}/cancel",
        "expect": "login done  home  ok    home  home  ok    ok    ok    ok",
    },
    "/my/ecabinet/sessions/<int:meeting_id>/recusals": {
        "method": "POST",
        "url": "/my/ecabinet/sessions/{meeting}/recusals",
        "expect": "login ok    home  ok    home  home  ok    ok    ok    ok",
    },
    "/my/ecabinet/sessions/<int:meeting_id>/recusals/<int:recusal_id>/withdraw": {
        "method": "POST",
        "url": "/my/ecabinet/sessions/{meeting}/recusals/{recusal}/withdraw",
        "expect": "login done  home  ok    home  home  ok    ok    ok    ok",
    },
    "/my/ecabinet/documents/<int:document_id>/file": {
        "method": "GET",
        "url": "/my/ecabinet/documents/{meeting_document}/file",
        "expect": "login ok    ok    404   404   404   ok    ok    ok    ok",
    },
    "/ecabinet/invitation/<int:attendee_id>/<string:token>": {
        "method": "GET",
        "url": "/ecabinet/invitation/{attendee}/{attendee_token}",
        "expect": "ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "/my/ecabinet/sessions/propose": {
        "method": "POST",
        "url": "/my/ecabinet/sessions/propose",
        "expect": "login ok    ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "/my/ecabinet/notifications": {
        "method": "GET",
        "url": "/my/ecabinet/notifications",
        "expect": "login ok    ok    ok    ok    home  ok    ok    ok    ok",
    },
    "/my/ecabinet/notifications/telegram/link": {
        "method": "POST",
        "url": "/my/ecabinet/notifications/telegram/link",
        "expect": "login ok    ok    ok    ok    home  ok    ok    ok    ok",
    },
    "/my/ecabinet/notifications/telegram/unlink": {
        "method": "POST",
        "url": "/my/ecabinet/notifications/telegram/unlink",
        "expect": "login done  done  done  done  home  done  done  done  done",
    },
    "/ecabinet/telegram/webhook": {
        "method": "POST",
        "url": "/ecabinet/telegram/webhook",
        "expect": "403   403   403   403   403   403   403   403   403   403",
    },
    "/my/ecabinet/ballots": {
        "method": "GET",
        "url": "/my/ecabinet/ballots",
        "expect": "login ok    ok    ok    ok    home  ok    ok    ok    ok",
    },
    "/my/ecabinet/ballots/page/<int:page>": {
        "method": "GET",
        "url": "/my/ecabinet/ballots/page/2",
        "expect": "login ok    ok    ok    ok    home  ok    ok    ok    ok",
    },
    "/my/ecabinet/ballots/<int:ballot_id>": {
        "method": "GET",
        "url": "/my/ecabinet/ballots/{ballot}",
        "expect": "login ok    home  home  home  home  ok    ok    ok    ok",
    },
    "/my/ecabinet/ballots/<int:ballot_id>/answer": {
        "method": "POST",
        "url": "/my/ecabinet/ballots/{ballot}/answer",
        "expect": "login ok    home  home  home  home  ok    ok    ok    ok",
    },
    "/my/ecabinet/ballots/<int:ballot_id>/withdraw": {
        "method": "POST",
        "url": "/my/ecabinet/ballots/{ballot}/withdraw",
        "expect": "login ok    home  home  home  home  ok    ok    ok    ok",
    },
    "/ecabinet/ballot/<int:voter_id>/<string:token>": {
        "method": "GET",
        "url": "/ecabinet/ballot/{voter}/{voter_token}",
        "expect": "ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "/my/ecabinet/tasks": {
        "method": "GET",
        "url": "/my/ecabinet/tasks",
        "expect": "login ok    ok    ok    ok    home  ok    ok    ok    ok",
    },
    "/my/ecabinet/tasks/page/<int:page>": {
        "method": "GET",
        "url": "/my/ecabinet/tasks/page/2",
        "expect": "login ok    ok    ok    ok    home  ok    ok    ok    ok",
    },
    "/my/ecabinet/tasks/<int:task_id>": {
        "method": "GET",
        "url": "/my/ecabinet/tasks/{task}",
        "expect": "login home  ok    home  home  home  ok    ok    ok    ok",
    },
    "/my/ecabinet/tasks/<int:task_id>/progress": {
        "method": "POST",
        "url": "/my/ecabinet/tasks/{task}/progress",
        "expect": "login home  ok    home  home  home  ok    ok    ok    ok",
    },
    "/my/ecabinet/tasks/<int:task_id>/extension": {
        "method": "POST",
        "url": "/my/ecabinet/tasks/{task}/extension",
        "expect": "login home  ok    home  home  home  ok    ok    ok    ok",
    },
    "/my/sign": {
        "method": "GET",
        "url": "/my/sign",
        "expect": "login ok    ok    ok    ok    home  ok    ok    ok    ok",
    },
    "/my/sign/<int:request_id>": {
        "method": "GET",
        "url": "/my/sign/{sign_request}",
        "expect": "login ok    home  home  home  home  home  ok    ok    ok",
    },
    "/my/sign/<int:request_id>/pdf": {
        "method": "GET",
        "url": "/my/sign/{sign_request}/pdf",
        "expect": "login ok    home  home  home  home  home  ok    ok    ok",
    },
    "/my/sign/<int:request_id>/sign": {
        "method": "POST",
        "url": "/my/sign/{sign_request}/sign",
        "expect": "login ok    home  home  home  home  home  ok    ok    ok",
    },
    "/my/sign/<int:request_id>/refuse": {
        "method": "POST",
        "url": "/my/sign/{sign_request}/refuse",
        "expect": "login ok    home  home  home  home  home  ok    ok    ok",
    },
    # ecabinet_console: the live screens of committee A's session in progress.
    "/ecabinet/live/<int:meeting_id>/state": {
        "method": "JSON",
        "url": "/ecabinet/live/{live_meeting}/state",
        "expect": "login ok    404   ok    404   404   ok    ok    ok    ok",
    },
    "/ecabinet/live/<int:meeting_id>/state (console)": {
        "rule": "/ecabinet/live/<int:meeting_id>/state",
        "method": "JSON",
        "url": "/ecabinet/live/{live_meeting}/state",
        "data": {"screen": "console"},
        "expect": "login 404   404   404   404   404   404   ok    ok    ok",
    },
    "/my/ecabinet/sessions/<int:meeting_id>/live": {
        "method": "GET",
        "url": "/my/ecabinet/sessions/{live_meeting}/live",
        "expect": "login ok    home  ok    home  home  ok    ok    ok    ok",
    },
    "/my/ecabinet/sessions/<int:meeting_id>/live/speak": {
        "method": "JSON",
        "url": "/my/ecabinet/sessions/{live_meeting}/live/speak",
        "data": {"topic": "The fund's audit"},
        "expect": "login ok    404   refused 404 404   refused refused refused refused",
    },
    "/my/ecabinet/sessions/<int:meeting_id>/live/cancel_speech": {
        "method": "JSON",
        "url": "/my/ecabinet/sessions/{live_meeting}/live/cancel_speech",
        "data": {"speech_id": "{live_member_speech}"},
        "expect": "login ok    404   refused 404 404   refused refused refused refused",
    },
    "/my/ecabinet/sessions/<int:meeting_id>/live/recuse": {
        "method": "JSON",
        "url": "/my/ecabinet/sessions/{live_meeting}/live/recuse",
        "data": {"reason": ""},
        "expect": "login refused 404 refused 404 404 refused refused refused refused",
    },
    "/my/ecabinet/sessions/<int:meeting_id>/live/vote": {
        "method": "JSON",
        "url": "/my/ecabinet/sessions/{live_meeting}/live/vote",
        "data": {"ballot_id": "{open_vote}", "choice": "agree"},
        "expect": "login ok    404   refused 404 404   refused refused ok    refused",
    },
    # Remote participation (ecabinet_meeting_call): the member of the live
    # session is in the room (cannot ask to attend online) and has no request to
    # withdraw; the invitee may ask (the request the route before made is the one
    # they withdraw); a private line for those invited.
    "/ecabinet/live/<int:meeting_id>/call": {
        "method": "JSON",
        "url": "/ecabinet/live/{live_meeting}/call",
        "expect": "login ok    404   ok    404   404   ok    ok    ok    ok",
    },
    "/ecabinet/live/<int:meeting_id>/call (console)": {
        "rule": "/ecabinet/live/<int:meeting_id>/call",
        "method": "JSON",
        "url": "/ecabinet/live/{live_meeting}/call",
        "data": {"screen": "console"},
        "expect": "login 404   404   404   404   404   404   ok    ok    ok",
    },
    "/my/ecabinet/sessions/<int:meeting_id>/live/remote": {
        "method": "JSON",
        "url": "/my/ecabinet/sessions/{live_meeting}/live/remote",
        "data": {"reason": "On mission"},
        "expect": "login refused 404 ok    404   404   refused refused refused refused",
    },
    "/my/ecabinet/sessions/<int:meeting_id>/live/remote/leave": {
        "method": "JSON",
        "url": "/my/ecabinet/sessions/{live_meeting}/live/remote/leave",
        "expect": "login refused 404 ok    404   404   refused refused refused refused",
    },
    "/my/ecabinet/sessions/<int:meeting_id>/live/secretariat": {
        "method": "JSON",
        "url": "/my/ecabinet/sessions/{live_meeting}/live/secretariat",
        "expect": "login ok    404   ok    404   404   refused refused ok    refused",
    },
    "/ecabinet/projector/<string:token>": {
        "method": "GET",
        "url": "/ecabinet/projector/{projector_token}",
        "expect": "ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "/ecabinet/projector/<string:token> (wrong token)": {
        "rule": "/ecabinet/projector/<string:token>",
        "method": "GET",
        "url": "/ecabinet/projector/{projector_token}x",
        "expect": "404   404   404   404   404   404   404   404   404   404",
    },
    "/ecabinet/projector/<string:token>/state": {
        "method": "JSON",
        "url": "/ecabinet/projector/{projector_token}/state",
        "expect": "ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
    },
    # ecabinet_offline: the web app (public, no data), the device's contact
    # (serving members only: others are refused) and the offline page
    "/my/ecabinet/offline/manifest.webmanifest": {
        "method": "GET",
        "url": "/my/ecabinet/offline/manifest.webmanifest",
        "expect": "ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "/my/ecabinet/offline/service-worker.js": {
        "method": "GET",
        "url": "/my/ecabinet/offline/service-worker.js",
        "expect": "ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "/my/ecabinet/offline/contact": {
        "method": "JSON",
        "url": "/my/ecabinet/offline/contact",
        "data": {"device_uid": "2f9c1d7e-access-matrix-device"},
        "expect": "login ok    refused refused ok refused refused refused ok refused",
    },
    # the openings a device made offline (an empty report here: the route's
    # own tests report real ones)
    "/my/ecabinet/offline/opens": {
        "method": "JSON",
        "url": "/my/ecabinet/offline/opens",
        "data": {"opens": []},
        "expect": "login ok    ok    ok    ok    403   ok    ok    ok    ok",
    },
    "/my/ecabinet/offline": {
        "method": "GET",
        "url": "/my/ecabinet/offline",
        "expect": "login ok    ok    ok    ok    ok    ok    ok    ok    ok",
    },
    "/ecabinet/projector/<string:token>/state (wrong token)": {
        "rule": "/ecabinet/projector/<string:token>/state",
        "method": "JSON",
        "url": "/ecabinet/projector/{projector_token}x/state",
        "expect": "404   404   404   404   404   404   404   404   404   404",
    },
}
# fmt: on
