# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Portal of the committee members, invitees and presenting agencies.

Every read goes through the record rules of the signed-in user: the controller
never searches with ``sudo`` what the person may see, and the rules (who may comment
or ask to speak, and when; what an agency may propose) live in the models, so RPC
meets them too. ``sudo`` is used only to call the answer methods of the person's own
attendee record (which members may read but not write), to show the names of
partners portal users may not read, and to list the draft sessions an agency may
propose items to.
"""

import hmac
import json
from collections import defaultdict

from werkzeug.exceptions import NotFound

from odoo import fields, http, tools
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import Stream, request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.ecabinet_base.controllers.portal import MODEL_ERRORS, EcabinetPortal
from odoo.addons.ecabinet_base.models.ecabinet_confidential_mixin import (
    CONFIDENTIALITY_LEVELS,
)

from ..models.ecabinet_meeting_agenda_item import SHOWN_ITEM_STATES
from ..models.ecabinet_meeting_recusal import RECUSAL_MEETING_STATES

ANSWER_STATES = ("invited", "agenda_approved")
# What the pages show of the person's own attendee record, read with it.
MY_ATTENDEE_FIELDS = [
    "partner_id",
    "role",
    "answer",
    "decline_reason",
    "attendance",
    "substitute_id",
    "substitute_for_id",
    "is_member",
]
# The order of the items and documents of one session: the models' own order
# starts with the session (a join of the sessions and their order in the query),
# which a page of one session does not need.
ORDER_IN_MEETING = "sequence, id"
# Levels an agency may give the documents of a proposal: "internal" documents are
# limited to named groups, which the secretariat sets.
PROPOSAL_LEVELS = [level for level in CONFIDENTIALITY_LEVELS if level[0] != "internal"]


class EcabinetMeetingPortal(EcabinetPortal):
    _sessions_per_page = 20

    # Portal home ------------------------------------------------------------------

    def _ecabinet_home_values(self):
        """The next session of the person: the one in progress, else the next
        planned one, with their answer and the button that fits."""
        values = super()._ecabinet_home_values()
        Meeting = request.env["ecabinet.meeting"]
        if not Meeting.has_access("read"):
            return values
        upcoming, _past = self._ecabinet_session_domains()
        meeting = Meeting.search(
            [*upcoming, ("state", "!=", "draft")],
            order="date_start asc, id asc",
            limit=1,
        )
        if not meeting:
            return {**values, "ecabinet_next_meeting": meeting}
        attendee = self._ecabinet_my_attendee(meeting.id)
        url = f"/my/ecabinet/sessions/{meeting.id}"
        if meeting.state == "in_progress":
            action = ("live", self._ecabinet_live_url(meeting) or url)
        elif (
            attendee
            and attendee.answer == "pending"
            and meeting.state in (ANSWER_STATES)
        ):
            action = ("answer", f"{url}#answer")
        else:
            action = ("pack", url)
        return {
            **values,
            "ecabinet_next_meeting": meeting,
            "ecabinet_next_attendee": attendee,
            "ecabinet_next_action": action,
            # The committee's time zone: the session takes place there.
            "ecabinet_next_tz": meeting.committee_id._ecabinet_tz_name(),
        }

    def _ecabinet_live_url(self, meeting):
        """The live page of a session in progress (ecabinet_console gives it)."""
        return False

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "ecabinet_meeting_count" in counters:
            Meeting = request.env["ecabinet.meeting"]
            values["ecabinet_meeting_count"] = (
                Meeting.search_count([]) if Meeting.has_access("read") else 0
            )
        if "ecabinet_proposal_count" in counters:
            values["ecabinet_proposal_count"] = (
                len(self._ecabinet_proposable_sessions())
                if request.env.user._ecabinet_agency()
                else 0
            )
        return values

    # Helpers ------------------------------------------------------------------------

    def _ecabinet_session_domains(self):
        """(upcoming, past): a session is upcoming until it ends or closes."""
        now = fields.Datetime.now()
        planned = ("draft", "agenda_approved", "invited")
        upcoming = [
            "|",
            ("state", "=", "in_progress"),
            "&",
            ("state", "in", planned),
            ("date_end", ">=", now),
        ]
        past = [
            "|",
            ("state", "in", ("closed", "minutes_approved", "cancelled")),
            "&",
            ("state", "in", planned),
            ("date_end", "<", now),
        ]
        return upcoming, past

    def _ecabinet_session_filters(self):
        env = request.env
        return {
            "all": {"label": env._("All")},
            "upcoming": {"label": env._("Upcoming")},
            "past": {"label": env._("Past")},
        }

    def _ecabinet_my_attendee(self, meeting_id):
        """The signed-in person's attendee record, read as them."""
        partner = request.env.user.partner_id
        attendee = request.env["ecabinet.meeting.attendee"].search_fetch(
            [("meeting_id", "=", meeting_id), ("partner_id", "=", partner.id)],
            MY_ATTENDEE_FIELDS,
            limit=1,
            order="id",
        )
        return attendee if attendee.partner_id == partner else attendee.browse()

    # My sessions ------------------------------------------------------------------

    @http.route(
        ["/my/ecabinet/sessions", "/my/ecabinet/sessions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_ecabinet_sessions(self, page=1, filterby="all", **kw):
        Meeting = request.env["ecabinet.meeting"]
        agency = request.env.user._ecabinet_agency()
        if not Meeting.has_access("read"):
            return request.redirect("/my")
        filters = self._ecabinet_session_filters()
        if filterby not in filters:
            filterby = "all"
        upcoming, past = self._ecabinet_session_domains()
        # Upcoming sessions first, soonest first; then past ones, latest first.
        meetings, pager, upcoming_count = self._ecabinet_two_part_page(
            "ecabinet.meeting",
            [
                (upcoming, "date_start asc, id asc")
                if filterby in ("all", "upcoming")
                else None,
                (past, "date_start desc, id desc")
                if filterby in ("all", "past")
                else None,
            ],
            "/my/ecabinet/sessions",
            page,
            self._sessions_per_page,
            url_args={"filterby": filterby},
        )
        offset = pager["offset"]
        attendees = request.env["ecabinet.meeting.attendee"].search(
            [
                ("meeting_id", "in", meetings.ids),
                ("partner_id", "=", request.env.user.partner_id.id),
            ]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "meetings": meetings,
                "upcoming_ids": set(meetings[: max(upcoming_count - offset, 0)].ids),
                "answers": {a.meeting_id.id: a for a in attendees},
                "pager": pager,
                "page_name": "ecabinet_meeting",
                "default_url": "/my/ecabinet/sessions",
                "searchbar_filters": filters,
                "filterby": filterby,
                "can_propose": bool(agency),
            }
        )
        return request.render("ecabinet_meeting.portal_my_ecabinet_sessions", values)

    # Session page -------------------------------------------------------------------

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_ecabinet_session(self, meeting_id, **kw):
        try:
            self._document_check_access("ecabinet.meeting", meeting_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._ecabinet_render_session(meeting_id, message=kw.get("message"))

    def _ecabinet_render_session(self, meeting_id, error=None, post=None, **extra):
        return self._ecabinet_render_page(
            "ecabinet_meeting.portal_my_ecabinet_session",
            self._ecabinet_session_values(meeting_id),
            error,
            post,
            page_name="ecabinet_meeting",
            **extra,
        )

    def _ecabinet_session_values(self, meeting_id):
        """Everything the session page shows, read as the user in a fixed number
        of queries whatever the number of items and documents."""
        env = request.env
        meeting = env["ecabinet.meeting"].browse(meeting_id)
        items = env["ecabinet.meeting.agenda.item"].search_fetch(
            [("meeting_id", "=", meeting.id), ("state", "in", SHOWN_ITEM_STATES)],
            [
                "sequence",
                "name",
                "state",
                "agency_id",
                "presenter_id",
                "planned_duration",
            ],
            order=ORDER_IN_MEETING,
        )
        documents = (
            env["ecabinet.meeting.document"]
            .with_context(bin_size=True)
            .search_fetch(
                [("meeting_id", "=", meeting.id), ("withdrawn", "=", False)],
                [
                    "sequence",
                    "name",
                    "page_count",
                    "confidentiality",
                    "is_state_secret",
                    "secret_holder_id",
                    "filename",
                    "item_ids",
                    "datas",
                ],
                order=ORDER_IN_MEETING,
            )
        )
        documents_by_item = defaultdict(list)
        general_documents = []
        for document in documents:
            # item_ids holds only the items the user may read
            for item in document.item_ids & items:
                documents_by_item[item.id].append(document)
            if not document.item_ids:
                general_documents.append(document)
        # The person's own annotations per document (the reader shows them).
        annotation_counts = {}
        if documents:
            annotation_counts = {
                document.id: count
                for document, count in env["ecabinet.meeting.annotation"]._read_group(
                    [("document_id", "in", documents.ids), ("user_id", "=", env.uid)],
                    ["document_id"],
                    ["__count"],
                )
            }

        attendee = self._ecabinet_my_attendee(meeting.id)
        comments_by_item = defaultdict(list)
        if attendee:
            for comment in env["ecabinet.meeting.comment"].search_fetch(
                [
                    ("item_id", "in", items.ids),
                    ("partner_id", "=", attendee.partner_id.id),
                ],
                ["item_id", "body", "create_date"],
                order="id",
            ):
                comments_by_item[comment.item_id.id].append(comment)

        queue_by_item = defaultdict(list)
        if meeting.state == "in_progress":
            for speech in env["ecabinet.meeting.speech"].search_fetch(
                [
                    ("item_id", "in", items.ids),
                    ("state", "in", ("requested", "speaking")),
                ],
                ["item_id", "attendee_id", "partner_id", "state", "topic"],
                order="requested_at, id",
            ):
                queue_by_item[speech.item_id.id].append(speech)
        my_speeches = {}  # item id: [(speech, position in the queue or 0)]
        for item_id, speeches in queue_by_item.items():
            waiting = [s for s in speeches if s.state == "requested"]
            my_speeches[item_id] = [
                (s, waiting.index(s) + 1 if s in waiting else 0)
                for s in speeches
                if attendee and s.attendee_id == attendee
            ]

        # The person's own recusals in force.
        my_recusals = {
            recusal.item_id.id: recusal
            for recusal in env["ecabinet.meeting.recusal"].search_fetch(
                [
                    ("item_id", "in", items.ids),
                    ("partner_id", "=", env.user.partner_id.id),
                    ("state", "=", "declared"),
                ],
                ["item_id", "reason", "state"],
                order="id",
            )
        }
        partners = (
            meeting.chair_id
            | items.agency_id
            | items.presenter_id
            | documents.secret_holder_id
            | attendee.substitute_id.partner_id
            | attendee.substitute_for_id.partner_id
        )
        attends = attendee._ecabinet_attends()
        return {
            "meeting": meeting,
            "items": items,
            "documents_by_item": documents_by_item,
            "general_documents": general_documents,
            "annotation_counts": annotation_counts,
            "attendee": attendee,
            "comments_by_item": comments_by_item,
            "queue_by_item": queue_by_item,
            "my_speeches": my_speeches,
            "names": self._ecabinet_partner_names(partners),
            "can_answer": bool(attendee) and meeting.state in ANSWER_STATES,
            "can_comment": bool(attendee) and meeting._ecabinet_comments_open(),
            "can_speak": attends and meeting.state == "in_progress",
            "my_recusals": my_recusals,
            "can_recuse": bool(attendee.is_member)
            and meeting.state in RECUSAL_MEETING_STATES,
            "preview_object": False,
        }

    def _ecabinet_session_post(self, meeting_id, action, post, anchor=""):
        """Run ``action`` for the session page (see ``_ecabinet_page_post``)."""
        return self._ecabinet_page_post(
            "ecabinet.meeting",
            meeting_id,
            f"/my/ecabinet/sessions/{meeting_id}",
            self._ecabinet_render_session,
            action,
            post,
            anchor,
        )

    # Answers --------------------------------------------------------------------------

    def _ecabinet_substitute_partner(self, post):
        """Find, or create, the person named to attend in one's place."""
        env = request.env
        name = (post.get("substitute_name") or "").strip()
        email = tools.email_normalize(post.get("substitute_email") or "")
        if not name or not email:
            raise UserError(
                env._(
                    "Give the name and a valid email address of the person who "
                    "attends in your place."
                )
            )
        Partner = env["res.partner"].sudo()
        partner = Partner.search([("email_normalized", "=", email)], limit=1)
        return partner or Partner.create({"name": name, "email": email})

    def _ecabinet_answer(self, attendee, post):
        """Apply the answer in ``post`` to ``attendee`` (already checked: the
        signed-in person's own record, or the one of a valid email link)."""
        answer = post.get("answer")
        reason = post.get("reason")
        if answer == "attend":
            attendee.action_attend()
        elif answer == "decline":
            attendee.action_decline(reason)
        elif answer == "substitute":
            attendee.action_send_substitute(
                self._ecabinet_substitute_partner(post), (reason or "").strip()
            )
        else:
            raise UserError(request.env._("Choose an answer."))
        return "answered"

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/answer",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_ecabinet_session_answer(self, meeting_id, **post):
        def answer():
            attendee = self._ecabinet_my_attendee(meeting_id)
            if not attendee:
                raise UserError(request.env._("You are not invited to this session."))
            return self._ecabinet_answer(attendee.sudo(), post)

        return self._ecabinet_session_post(meeting_id, answer, post, "answer")

    # The reader -----------------------------------------------------------------------

    def _ecabinet_reader_documents(self, meeting):
        """The documents of the session the person may read in the reader, in
        the order of the agenda (an item's documents one after another, then the
        others): never a state secret, never a withdrawn one, never one without
        a file. [(document, item name or "")]"""
        env = request.env
        items = env["ecabinet.meeting.agenda.item"].search_fetch(
            [("meeting_id", "=", meeting.id), ("state", "in", SHOWN_ITEM_STATES)],
            ["sequence", "name"],
        )
        documents = (
            env["ecabinet.meeting.document"]
            .with_context(bin_size=True)
            .search_fetch(
                [
                    ("meeting_id", "=", meeting.id),
                    ("withdrawn", "=", False),
                    ("is_state_secret", "=", False),
                ],
                ["sequence", "name", "page_count", "version", "item_ids", "datas"],
            )
            .filtered("datas")
        )
        result, seen = [], set()
        for item in items:
            for document in documents:
                if item in document.item_ids and document.id not in seen:
                    seen.add(document.id)
                    result.append((document, item.name))
        result += [(d, "") for d in documents if d.id not in seen]
        return result

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/read/<int:document_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_ecabinet_reader(self, meeting_id, document_id, **kw):
        """The reader: the pack's documents one after another, with the person's
        annotations (loaded by the page through the sync route). ``embed=1``:
        without the portal's header and footer, for the panel of the session
        page and the tablet page (same checks)."""
        try:
            meeting = self._document_check_access("ecabinet.meeting", meeting_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        documents = self._ecabinet_reader_documents(meeting)
        if document_id not in [document.id for document, _item in documents]:
            raise NotFound()
        embedded = kw.get("embed") == "1"
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "meeting": meeting,
                "page_name": "ecabinet_meeting",
                "embedded": embedded,
                "reader_props": json.dumps(
                    {
                        "meetingId": meeting.id,
                        "documentId": document_id,
                        "embedded": embedded,
                        # pdf.js speaks it (the browser's language otherwise)
                        "lang": (request.env.lang or "en_US").replace("_", "-"),
                        "backUrl": f"/my/ecabinet/sessions/{meeting.id}"
                        + ("/live" if kw.get("back") == "live" else ""),
                        "documents": [
                            {
                                "id": document.id,
                                "name": document.name,
                                "item": item,
                                "pages": document.page_count,
                                "version": document.version,
                                # the committee may forbid downloads of its level
                                "download": document.download_allowed,
                            }
                            for document, item in documents
                        ],
                    }
                ),
            }
        )
        return request.render("ecabinet_meeting.portal_my_ecabinet_reader", values)

    @http.route("/my/ecabinet/annotations/sync", type="json", auth="user")
    def portal_my_ecabinet_annotations_sync(self, ops=None, document_ids=None, **kw):
        """Apply the client's annotation operations, return the annotations the
        person may see on ``document_ids`` (the model holds every rule)."""
        return request.env["ecabinet.meeting.annotation"].sync_ops(
            ops or [], document_ids or []
        )

    # Written comments ---------------------------------------------------------------

    def _ecabinet_my_item(self, meeting_id, item_id):
        item = request.env["ecabinet.meeting.agenda.item"].search(
            [
                ("id", "=", int(item_id or 0)),
                ("meeting_id", "=", meeting_id),
                ("state", "in", SHOWN_ITEM_STATES),
            ]
        )
        if not item:
            raise UserError(request.env._("This item is not on your agenda."))
        return item

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/comments",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_ecabinet_comment(self, meeting_id, **post):
        def comment():
            # The model checks the window, the author and the item.
            item = self._ecabinet_my_item(meeting_id, post.get("item_id"))
            request.env["ecabinet.meeting.comment"].create(
                {"item_id": item.id, "body": post.get("body") or ""}
            )
            return "commented"

        anchor = f"item-{post.get('item_id') or ''}"
        return self._ecabinet_session_post(meeting_id, comment, post, anchor)

    # Speaking requests --------------------------------------------------------------

    def _ecabinet_request_to_speak(
        self, meeting_id, item_id, topic=None, kind="speech"
    ):
        """Put the signed-in person in the queue of speakers of the item (the
        session page and the live tablet page); the item's model checks who may
        speak, when, and which kinds of request."""
        item = self._ecabinet_my_item(meeting_id, item_id)
        return item.action_request_to_speak(topic, kind=kind)

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/speeches",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_ecabinet_speech(self, meeting_id, **post):
        def request_to_speak():
            self._ecabinet_request_to_speak(
                meeting_id, post.get("item_id"), post.get("topic")
            )
            return "speech"

        anchor = f"item-{post.get('item_id') or ''}"
        return self._ecabinet_session_post(meeting_id, request_to_speak, post, anchor)

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/speeches/<int:speech_id>/cancel",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_ecabinet_speech_cancel(self, meeting_id, speech_id, **post):
        def cancel():
            speech = request.env["ecabinet.meeting.speech"].search(
                [("id", "=", speech_id), ("meeting_id", "=", meeting_id)]
            )
            if not speech:
                raise UserError(request.env._("This speaking request is not yours."))
            speech.action_cancel_request()

        anchor = f"item-{post.get('item_id') or ''}"
        return self._ecabinet_session_post(meeting_id, cancel, post, anchor)

    # Recusals -------------------------------------------------------------------------

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/recusals",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_ecabinet_recusal(self, meeting_id, **post):
        def recuse():
            # The model checks who, on which item and when.
            item = self._ecabinet_my_item(meeting_id, post.get("item_id"))
            request.env["ecabinet.meeting.recusal"].create(
                {"item_id": item.id, "reason": post.get("reason") or ""}
            )
            return "recused"

        anchor = f"item-{post.get('item_id') or ''}"
        return self._ecabinet_session_post(meeting_id, recuse, post, anchor)

    @http.route(
        "/my/ecabinet/sessions/<int:meeting_id>/recusals/<int:recusal_id>/withdraw",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_ecabinet_recusal_withdraw(self, meeting_id, recusal_id, **post):
        def withdraw():
            recusal = request.env["ecabinet.meeting.recusal"].search(
                [("id", "=", recusal_id), ("meeting_id", "=", meeting_id)]
            )
            if not recusal:
                raise UserError(request.env._("This recusal is not yours."))
            recusal.action_withdraw()
            return "recusal_withdrawn"

        anchor = f"item-{post.get('item_id') or ''}"
        return self._ecabinet_session_post(meeting_id, withdraw, post, anchor)

    # Documents ------------------------------------------------------------------------

    @http.route(
        "/my/ecabinet/documents/<int:document_id>/file",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_ecabinet_document_file(self, document_id, download=None, **kw):
        """Open (inline), download (``?download=1``) or print (``?print=1``: the
        file inline, for the browser to print) a document of one's pack; the
        model decides, watermarks internal documents and records it.
        ``?pack=1``: a copy fetched to be kept on the device (the offline pack),
        not counted as an opening."""
        document = request.env["ecabinet.meeting.document"].browse(document_id).exists()
        if not document:
            raise NotFound()
        try:
            document.check_access("read")
        except AccessError as error:
            raise NotFound() from error
        with_size = document.with_context(bin_size=True)
        if with_size.withdrawn or with_size.is_state_secret or not with_size.datas:
            raise NotFound()
        purpose = "download" if download else "print" if kw.get("print") else "open"
        try:
            data, filename = document._ecabinet_file_for(
                request.env.user, purpose, record=not kw.get("pack")
            )
        except MODEL_ERRORS as error:
            values = self._prepare_portal_layout_values()
            values.update(document=document.sudo(), error=error.args[0])
            return request.render(
                "ecabinet_meeting.portal_my_ecabinet_document_refused",
                values,
                status=403,
            )
        stream = Stream(
            type="data",
            data=data,
            size=len(data),
            mimetype=guess_mimetype(data),
            download_name=filename,
            etag=False,
            conditional=False,
        )
        response = stream.get_response(as_attachment=purpose == "download")
        # A copy made for one person at one moment: never served from a cache.
        response.headers["Cache-Control"] = "no-store"
        return response

    # Answers from the email link ----------------------------------------------------

    @http.route(
        "/ecabinet/invitation/<int:attendee_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
    )
    def ecabinet_invitation(self, attendee_id, token, **post):
        attendee = (
            request.env["ecabinet.meeting.attendee"].sudo().browse(attendee_id).exists()
        )
        if not (
            attendee
            and attendee.access_token
            and hmac.compare_digest(attendee.access_token.encode(), token.encode())
        ):
            raise NotFound()
        url = f"/ecabinet/invitation/{attendee.id}/{token}"
        values = {
            "attendee": attendee,
            "meeting": attendee.meeting_id,
            "action_url": url,
            "error": False,
            "post": {},
            "message": post.get("message"),
        }
        if request.httprequest.method == "POST":
            try:
                with request.env.cr.savepoint():
                    self._ecabinet_answer(attendee, post)
            except MODEL_ERRORS as error:
                values.update(error=error.args[0], post=post)
            else:
                return request.redirect(f"{url}?message=answered")
        meeting = attendee.meeting_id
        values.update(
            {
                "can_answer": meeting.state in ANSWER_STATES,
                "tz": attendee.partner_id.tz
                or meeting.user_id.tz
                or request.env.user.tz
                or "UTC",
                "names": self._ecabinet_partner_names(
                    meeting.chair_id
                    | attendee.partner_id
                    | attendee.substitute_id.partner_id
                    | attendee.substitute_for_id.partner_id
                ),
            }
        )
        return request.render("ecabinet_meeting.ecabinet_invitation_answer", values)

    # Agenda items proposed by agencies ----------------------------------------------

    def _ecabinet_proposable_sessions(self):
        """Upcoming draft sessions of the agency's companies: only their name and
        date are shown, agencies need not be invited to them."""
        Meeting = request.env["ecabinet.meeting"]
        return Meeting.sudo().search_fetch(
            Meeting._ecabinet_proposable_domain(),
            ["name", "date_start"],
            order="date_start asc, id asc",
        )

    @http.route(
        "/my/ecabinet/sessions/propose",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_my_ecabinet_propose(self, **post):
        env = request.env
        agency = env.user._ecabinet_agency()
        sessions = self._ecabinet_proposable_sessions() if agency else None
        proposals = env["ecabinet.meeting.agenda.item"]
        if agency:
            proposals = proposals.search(
                [("agency_id", "=", agency.id)], order="create_date desc, id desc"
            )
        return self._ecabinet_submission_page(
            "ecabinet_meeting.portal_my_ecabinet_propose",
            {
                "page_name": "ecabinet_meeting_propose",
                "agency": agency,
                "sessions": sessions,
                "levels": PROPOSAL_LEVELS,
                "message": post.get("message"),
                "proposals": proposals,
                # Agencies need not be invited: the session's name and date only.
                "proposal_sessions": {
                    meeting.id: meeting for meeting in proposals.meeting_id.sudo()
                },
            },
            post,
            lambda: self._ecabinet_create_proposal(agency, sessions, post),
            lambda _item: "/my/ecabinet/sessions/propose?message=proposed",
        )

    def _ecabinet_create_proposal(self, agency, sessions, post):
        env = request.env
        if not agency:
            raise UserError(
                env._("Only the officers of a government agency can propose items.")
            )
        meeting = sessions.filtered(lambda m: str(m.id) == post.get("meeting_id"))
        duration = post.get("planned_duration") or "30"
        if not duration.isdigit():
            raise UserError(env._("The planned duration is a number of minutes."))
        level = self._ecabinet_form_level(post, PROPOSAL_LEVELS)
        files = self._ecabinet_form_files("attachments", "ecabinet.meeting.document")
        # Created as the agency's officer: the model checks the proposal.
        return env["ecabinet.meeting.agenda.item"]._ecabinet_propose(
            meeting.id, (post.get("name") or "").strip(), int(duration), level, files
        )
