# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""THE state matrix of e-Cabinet: what may be changed by hand in which state.

Written by hand, independently of the models' ``_state_lock_*`` declarations:
it is the specification they are tested against (``test_state_matrix.py``).

One entry per lifecycle model (``ecabinet.state.lock.mixin``); for a line locked
by its parent, the states are the parent's. Per state:

``write``
    ``{roles: fields}``: the fields these roles may write in that state (roles
    ``se`` secretariat, ``ch`` chair, ``ad`` e-Cabinet administrator, ``su``
    superuser). A field not listed for a role is refused to that role, by the
    access rights or by the state lock.
``unlink``
    the roles that may delete the record in that state (access rights and
    state lock together).

``never`` lists the fields nobody writes by hand in any state (the actions,
the engine or the framework's recomputation set them). Every stored field of
a lifecycle model is in a ``write`` cell or in ``never``, except the fields the
framework owns (``FRAMEWORK_MODELS``, log columns); every state has a row. A
state left as ``{}`` is locked for everyone.

Members, agencies and invitees have no write access to these models (see the
access matrix): their columns would be all refusals, and are left out.
"""

ROLES = ("se", "ch", "ad", "su")
ALL = "se ch ad su"

# Abstract models whose fields the framework writes (chatter, followers,
# activities, portal token, notification counters): not in the table.
FRAMEWORK_MODELS = (
    "mail.thread",
    "mail.activity.mixin",
    "portal.mixin",
    "ecabinet.notification.mixin",
)

BALLOT_DRAFT = (
    "name committee_id secret description question_ids voter_ids document_ids "
    "signed_by_members"
)
MEETING_PREP = (
    "name duration location room_id chair_id user_id agenda_item_ids "
    "attendee_ids document_ids"
)
MEETING_RECORD = "minutes conclusion_number conclusion_date"
ITEM_PREP = (
    "meeting_id sequence name description agency_id presenter_id "
    "planned_duration speaking_limit document_ids invitee_ids conclusion "
    "vote_signed_by_members"
)
ITEM_LIVE = (
    "sequence name description agency_id presenter_id planned_duration "
    "speaking_limit document_ids invitee_ids conclusion minute_notes "
    "vote_signed_by_members"
)
ATTENDEE_PREP = "meeting_id partner_id role item_ids answer decline_reason"
ATTENDEE_LIVE = "item_ids attendance absence_reason decline_reason"
DOCUMENT = (
    "meeting_id sequence name item_ids agency_id datas filename "
    "confidentiality secret_holder_id allowed_group_ids"
)
SPEECH = "item_id attendee_id topic requested_at kind"
TASK = (
    "name description committee_id item_id source_document lead_agency_id "
    "coordinating_agency_ids responsible_id priority is_regular report_period "
    "deadline progress_ids extension_ids"
)
SIGN_DRAFT = (
    "name company_id committee_id report_id res_model res_id document_kind "
    "pades_level user_id signer_ids source_pdf source_filename"
)
LOCKED = {"write": {}, "unlink": ""}

# fmt: off
STATE_MATRIX = {
    # Opinion ballots and votes -------------------------------------------------
    "ecabinet.ballot": {
        "states": {
            "draft":     {"write": {ALL: BALLOT_DRAFT}, "unlink": "ad su"},
            "sent":      LOCKED,  # F3: the rules are frozen once sent
            "closed":    {"write": {"ch ad su": "decision_note"}, "unlink": ""},
            "decided":   LOCKED,  # F2: the decision is the action's
            "cancelled": LOCKED,
        },
        "never": "kind item_id meeting_id company_id state response_ids sent_date "
                 "deadline deadline_at closed_date rule_deadline_days rule_silence "
                 "rule_majority_base rule_majority_percent rule_tie chair_partner_id "
                 "decision decision_date result_published task_ids result "
                 "urn_purge_xid sign_answer_ids",
    },
    "ecabinet.ballot.question": {
        "states": {
            "draft":     {"write": {ALL: "sequence name"}, "unlink": ALL},
            "sent":      LOCKED,
            "closed":    LOCKED,
            "decided":   LOCKED,
            "cancelled": LOCKED,
        },
        "never": "ballot_id result_passed count_agree count_disagree count_other "
                 "count_silent result_base",
    },
    "ecabinet.ballot.voter": {
        "states": {
            "draft":     {"write": {ALL: "partner_id"}, "unlink": ALL},
            "sent":      LOCKED,
            "closed":    LOCKED,  # F4: no member asked is removed
            "decided":   LOCKED,
            "cancelled": LOCKED,
        },
        "never": "ballot_id company_id added_after_sending voted response_ids "
                 "has_answered access_token nudged_at",
    },
    "ecabinet.ballot.response": {
        "states": {
            "draft":     LOCKED,
            "sent":      LOCKED,
            "closed":    LOCKED,
            "decided":   LOCKED,
            "cancelled": LOCKED,
        },
        "never": "ballot_id question_id voter_id choice comment is_silence "
                 "signature_xml signature_filename signed_at signer_subject "
                 "signer_fingerprint",
    },
    # Sessions ------------------------------------------------------------------
    "ecabinet.meeting": {
        "states": {
            "draft": {
                "write": {ALL: f"{MEETING_PREP} committee_id session_type date_start"},
                "unlink": "ad su",
            },
            "agenda_approved": {
                "write": {ALL: f"{MEETING_PREP} session_type date_start"},
                "unlink": "",
            },
            "invited":          {"write": {ALL: MEETING_PREP}, "unlink": ""},
            "in_progress":      {"write": {ALL: f"{MEETING_PREP} {MEETING_RECORD}"},
                                 "unlink": ""},
            "closed":           {"write": {ALL: MEETING_RECORD}, "unlink": ""},
            "minutes_approved": {"write": {ALL: "conclusion_number conclusion_date"},
                                 "unlink": ""},
            "cancelled":        {"write": {}, "unlink": "ad su"},
        },
        "never": "company_id state date_end current_item_id pack_deadline "
                 "pack_sent_date actual_start actual_end planned_minutes "
                 "actual_minutes attendance_rate speaker_count pages_saved "
                 "projector_token remote_request_ids",
    },
    "ecabinet.meeting.agenda.item": {
        "states": {
            "draft":            {"write": {ALL: ITEM_PREP}, "unlink": ALL},
            "agenda_approved":  {"write": {ALL: ITEM_PREP}, "unlink": ALL},
            "invited":          {"write": {ALL: ITEM_PREP}, "unlink": ""},
            "in_progress":      {"write": {ALL: ITEM_LIVE}, "unlink": ""},
            "closed":           {"write": {ALL: "conclusion minute_notes"},
                                 "unlink": ""},
            "minutes_approved": LOCKED,
            "cancelled":        LOCKED,
        },
        "never": "company_id committee_id state actual_start actual_end "
                 "actual_minutes speech_ids comment_ids submitted_by_id ballot_ids "
                 "task_ids recusal_ids",
    },
    "ecabinet.meeting.attendee": {
        "states": {
            "draft":            {"write": {ALL: ATTENDEE_PREP}, "unlink": ALL},
            "agenda_approved":  {"write": {ALL: ATTENDEE_PREP}, "unlink": ALL},
            "invited":          {"write": {ALL: f"{ATTENDEE_PREP} {ATTENDEE_LIVE}"},
                                 "unlink": ALL},
            "in_progress":      {"write": {ALL: ATTENDEE_LIVE}, "unlink": ""},
            "closed":           LOCKED,  # the attendance of a closed session
            "minutes_approved": LOCKED,
            "cancelled":        LOCKED,
        },
        "never": "company_id role_sequence sees_all_items is_member answer_date "
                 "substitute_id substitute_for_id access_token invitation_sent_date "
                 "pack_opened_date check_in_date remote_request_ids",
    },
    "ecabinet.meeting.document": {
        "states": {
            "draft":            {"write": {ALL: DOCUMENT}, "unlink": ALL},
            "agenda_approved":  {"write": {ALL: DOCUMENT}, "unlink": ALL},
            "invited":          {"write": {ALL: DOCUMENT}, "unlink": ALL},
            "in_progress":      {"write": {ALL: DOCUMENT}, "unlink": ALL},
            "closed":           LOCKED,
            "minutes_approved": LOCKED,
            "cancelled":        LOCKED,
        },
        "never": "company_id version version_ids page_count withdrawn view_ids "
                 "is_state_secret",
    },
    "ecabinet.meeting.speech": {
        "states": {
            "draft":            LOCKED,
            "agenda_approved":  LOCKED,
            "invited":          {"write": {ALL: SPEECH}, "unlink": ALL},
            "in_progress":      {"write": {ALL: SPEECH}, "unlink": ALL},
            "closed":           LOCKED,
            "minutes_approved": LOCKED,
            "cancelled":        LOCKED,
        },
        "never": "meeting_id company_id partner_id state started_at ended_at seconds "
                 "limit_seconds rank",
    },
    # A member's recusal from an item: the secretariat corrects the reason while
    # it is in force; it ends through action_withdraw; nobody deletes it.
    "ecabinet.meeting.recusal": {
        "states": {
            "declared":  {"write": {ALL: "reason"}, "unlink": ""},
            "withdrawn": LOCKED,
        },
        "never": "item_id meeting_id company_id partner_id state declared_by_id "
                 "withdrawn_date",
    },
    # A request to attend a session online (ecabinet_meeting_call): nothing is
    # written by hand in any state; admit, refuse and leave change it; nobody
    # deletes it.
    "ecabinet.meeting.remote.request": {
        "states": {
            "requested": LOCKED,
            "admitted":  LOCKED,
            "refused":   LOCKED,
            "left":      LOCKED,
        },
        "never": "attendee_id meeting_id company_id partner_id reason state "
                 "requested_by_id decided_by_id decided_date refusal_reason "
                 "left_date",
    },
    # Tasks (locked by their computed status) -----------------------------------
    "ecabinet.task": {
        "states": {
            "open_within_term": {"write": {ALL: TASK}, "unlink": "ad su"},
            "open_overdue":     {"write": {ALL: TASK}, "unlink": "ad su"},
            "done_on_time":     LOCKED,  # until the secretariat reopens it
            "done_late":        LOCKED,
            "cancelled":        LOCKED,
        },
        "never": "company_id meeting_id date_done cancelled status progress "
                 "completion_requested warned_step ballot_id",
    },
    "ecabinet.task.progress": {
        "states": {
            "open_within_term": {"write": {ALL: "task_id date percent body "
                                                "attachment_ids"}, "unlink": ALL},
            "open_overdue":     {"write": {ALL: "task_id date percent body "
                                                "attachment_ids"}, "unlink": ALL},
            "done_on_time":     LOCKED,
            "done_late":        LOCKED,
            "cancelled":        LOCKED,
        },
        "never": "company_id author_id",
    },
    "ecabinet.task.extension": {
        "states": {
            "open_within_term": {"write": {ALL: "task_id reason proposed_deadline "
                                                "decision_note"}, "unlink": ""},
            "open_overdue":     {"write": {ALL: "task_id reason proposed_deadline "
                                                "decision_note"}, "unlink": ""},
            "done_on_time":     LOCKED,
            "done_late":        LOCKED,
            "cancelled":        LOCKED,
        },
        "never": "company_id old_deadline state requested_by_id decided_by_id",
    },
    # Signatures (an issued document is locked) ---------------------------------
    "ecabinet.sign.request": {
        "states": {
            "draft":       {"write": {ALL: SIGN_DRAFT}, "unlink": "ad su"},
            "in_progress": LOCKED,
            "signed":      LOCKED,
            "refused":     LOCKED,
            "cancelled":   {"write": {}, "unlink": "ad su"},
        },
        "never": "state current_signer_id pdf_file number issue_year symbol "
                 "number_display issue_date numbering_scope refuse_reason "
                 "verification_ids",
    },
    "ecabinet.sign.signer": {
        "states": {
            "draft": {
                "write": {ALL: "request_id sequence role user_id key_backend"},
                "unlink": ALL,
            },
            # the key of a signer still to sign
            "in_progress": {"write": {ALL: "key_backend"}, "unlink": ""},
            "signed":      LOCKED,
            "refused":     LOCKED,
            "cancelled":   LOCKED,
        },
        "never": "partner_id state signed_date certificate_subject "
                 "certificate_issuer certificate_fingerprint refuse_reason "
                 "approval_error pending_reference pending_state next_reminder "
                 "reminder_count",
    },
    # An answer awaiting its member's signature on a phone: nobody's by hand
    "ecabinet.sign.answer": {
        "states": {
            "pending":     LOCKED,  # the choice waits for the signature
            "signed":      LOCKED,
            "refused":     LOCKED,
            "expired":     LOCKED,
            "dropped":     LOCKED,
            "withdrawn":   LOCKED,  # by the member, through their action only
        },
        "never": "voter_id ballot_id question_id company_id member_id user_id "
                 "key_backend choice comment answered_at state reason response_id "
                 "pending_reference pending_state",
    },
    # The outbox ------------------------------------------------------------------
    "ecabinet.notification": {
        "states": {
            "queued":    LOCKED,
            "sending":   LOCKED,
            "sent":      {"write": {}, "unlink": "ad su"},
            "failed":    {"write": {}, "unlink": "ad su"},
            "cancelled": {"write": {}, "unlink": "ad su"},
        },
        "never": "partner_id channel event_id res_model res_id address "
                 "subject body body_html buttons urgent state attempts next_attempt "
                 "sent_date last_error provider_message_id idempotency_key "
                 "attachment_ids mail_id company_id telegram_answer "
                 "telegram_answer_date sms_id",
    },
}
# fmt: on
