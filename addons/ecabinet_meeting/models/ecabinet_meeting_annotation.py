# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A member's mark on a page of a document: a highlight, a drawing or a pinned
note, stored as data (never by rewriting the PDF).

Private to its author (global record rule, administrators included) unless the
author shares it with the secretariat or the whole committee, who then read it,
marked with the author's name, and cannot change it. Each one keeps the version
of the document it was made on: when the secretariat replaces the file, the mark
is shown on the new version where its page still exists, otherwise listed as
"from version N" (``_ecabinet_reader_data``); it is never deleted for that.

Clients (the reader, the offline pack) send their changes as operations that
name each annotation by a ``client_uid`` of their own: ``sync_ops`` applies them
in order and twice the same operation changes nothing the second time.
"""

import math
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.ecabinet_base.tools.api import public_method

KINDS = [("highlight", "Highlight"), ("ink", "Drawing"), ("note", "Note")]
SHARES = [
    ("private", "Only me"),
    ("secretariat", "The secretariat"),
    ("committee", "The whole committee"),
]
SECRETARIAT = "ecabinet_base.group_secretariat"
BUS_TYPE = "ecabinet.annotation/changed"
COLOR_RE = re.compile(r"#[0-9a-fA-F]{6}")
UID_RE = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# Limits of one annotation's data: a drawing of a few strokes, not a picture.
MAX_RECTS = 200
MAX_STROKES = 100
MAX_POINTS = 5000
MAX_TEXT = 10000
MAX_OPS = 500
# What a client may change of an existing annotation.
WRITABLE = ("data", "text", "share")


class EcabinetMeetingAnnotation(models.Model):
    _name = "ecabinet.meeting.annotation"
    _description = "Annotation on a Document Page"
    _order = "document_id, page, id"

    document_id = fields.Many2one(
        "ecabinet.meeting.document", required=True, ondelete="cascade", index=True
    )
    meeting_id = fields.Many2one(related="document_id.meeting_id", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Author",
        required=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
        index=True,
    )
    version = fields.Integer(
        required=True, help="The version of the document the mark was made on."
    )
    page = fields.Integer(required=True)
    kind = fields.Selection(KINDS, required=True)
    data = fields.Json(
        help="Where the mark is, in fractions of the page's width and height: "
        "rectangles of a highlight, strokes of a drawing, the point of a note."
    )
    text = fields.Text()
    share = fields.Selection(
        SHARES, string="Shared with", required=True, default="private"
    )
    client_uid = fields.Char(required=True, copy=False)

    _sql_constraints = [
        (
            "client_uid_user_unique",
            "UNIQUE(user_id, client_uid)",
            "An annotation of this client already exists.",
        ),
    ]

    # Validation -----------------------------------------------------------------------

    def _ecabinet_fraction(self, value):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not 0 <= value <= 1
        ):
            raise ValidationError(
                self.env._(
                    "A position on the page is a fraction of its size, between 0 and 1."
                )
            )
        return round(float(value), 5)

    def _ecabinet_color(self, data, default):
        color = data.get("color", default)
        if not isinstance(color, str) or not COLOR_RE.fullmatch(color):
            raise ValidationError(
                self.env._("A colour is written #rrggbb (for example #ffd400).")
            )
        return color.lower()

    @api.model
    def _ecabinet_clean_data(self, kind, data, text):
        """The data of an annotation of ``kind``, checked and normalised:
        highlight ``{"rects": [[x, y, w, h], ...], "color"}``, ink
        ``{"strokes": [[[x, y], ...], ...], "color", "width"}``, note
        ``{"x", "y"}`` with a text."""
        env = self.env
        if not isinstance(data, dict):
            raise ValidationError(env._("The data of an annotation is an object."))
        if not isinstance(kind, str):
            kind = ""
        cleaner = {
            "highlight": self._ecabinet_clean_highlight,
            "ink": self._ecabinet_clean_ink,
            "note": self._ecabinet_clean_note,
        }.get(kind)
        if cleaner is None:
            raise ValidationError(
                env._("An annotation is a highlight, a drawing or a note.")
            )
        return cleaner(data, text)

    def _ecabinet_clean_highlight(self, data, text):
        env = self.env
        rects = data.get("rects")
        if not isinstance(rects, list) or not 0 < len(rects) <= MAX_RECTS:
            raise ValidationError(
                env._("A highlight covers 1 to %s rectangles.", MAX_RECTS)
            )
        clean = []
        for rect in rects:
            if not isinstance(rect, list) or len(rect) != 4:
                raise ValidationError(env._("A rectangle is [x, y, width, height]."))
            clean.append([self._ecabinet_fraction(v) for v in rect])
        return {"rects": clean, "color": self._ecabinet_color(data, "#ffd400")}

    def _ecabinet_clean_ink(self, data, text):
        env = self.env
        strokes = data.get("strokes")
        if not isinstance(strokes, list) or not 0 < len(strokes) <= MAX_STROKES:
            raise ValidationError(env._("A drawing has 1 to %s strokes.", MAX_STROKES))
        clean, points = [], 0
        for stroke in strokes:
            if not isinstance(stroke, list) or not stroke:
                raise ValidationError(env._("A stroke is a list of points."))
            line = []
            for point in stroke:
                if not isinstance(point, list) or len(point) != 2:
                    raise ValidationError(env._("A point is [x, y]."))
                line.append([self._ecabinet_fraction(v) for v in point])
            points += len(line)
            clean.append(line)
        if points > MAX_POINTS:
            raise ValidationError(env._("A drawing has at most %s points.", MAX_POINTS))
        width = data.get("width", 2)
        if isinstance(width, bool) or not isinstance(width, int | float):
            width = -1
        if not 0.5 <= width <= 20:
            raise ValidationError(env._("The width of a stroke is between 0.5 and 20."))
        return {
            "strokes": clean,
            "color": self._ecabinet_color(data, "#d62728"),
            "width": float(width),
        }

    def _ecabinet_clean_note(self, data, text):
        env = self.env
        if not (text or "").strip():
            raise ValidationError(env._("Write the note before saving it."))
        return {
            "x": self._ecabinet_fraction(data.get("x")),
            "y": self._ecabinet_fraction(data.get("y")),
        }

    @api.constrains("text")
    def _check_text(self):
        for annotation in self:
            if len(annotation.text or "") > MAX_TEXT:
                raise ValidationError(
                    self.env._("A note has at most %s characters.", MAX_TEXT)
                )

    @api.constrains("page", "version")
    def _check_page(self):
        for annotation in self:
            if annotation.page < 1 or annotation.version < 1:
                raise ValidationError(
                    self.env._("An annotation is on a page of a version of a document.")
                )

    # ORM ------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        annotations = super().create(vals_list)
        annotations._ecabinet_notify()
        return annotations

    def write(self, vals):
        if "user_id" in vals or "document_id" in vals or "client_uid" in vals:
            raise ValidationError(
                self.env._("The author, document and identifier of an annotation stay.")
            )
        audience_before = self._ecabinet_audience()
        result = super().write(vals)
        self._ecabinet_notify(audience_before)
        return result

    def unlink(self):
        audience = self._ecabinet_audience()
        result = super().unlink()
        self._ecabinet_send(audience)
        return result

    # The bus --------------------------------------------------------------------------

    def _ecabinet_audience(self):
        """{document: partners} who see these annotations: their author on every
        device, and those they are shared with."""
        audience = {}
        secretariat = None
        for annotation in self.sudo():
            partners = audience.setdefault(
                annotation.document_id, self.env["res.partner"]
            )
            partners |= annotation.user_id.partner_id
            if annotation.share in ("secretariat", "committee"):
                if secretariat is None:
                    secretariat = self.env.ref(SECRETARIAT).sudo().users.partner_id
                partners |= secretariat
            if annotation.share == "committee":
                partners |= annotation.meeting_id.attendee_ids.filtered(
                    "sees_all_items"
                ).partner_id
            audience[annotation.document_id] = partners
        return audience

    def _ecabinet_notify(self, audience_before=None):
        audience = self._ecabinet_audience()
        for document, partners in (audience_before or {}).items():
            audience[document] = audience.get(document, partners) | partners
        self._ecabinet_send(audience)

    def _ecabinet_send(self, audience):
        """One message per partner and document in a transaction (a sync of many
        operations included): the document's id only, the screens read the
        annotations again through the rules."""
        Bus = self.env["bus.bus"].sudo()
        sent = self.env.cr.precommit.data.setdefault(BUS_TYPE, set())
        for document, partners in audience.items():
            for partner in partners:
                if (partner.id, document.id) not in sent:
                    sent.add((partner.id, document.id))
                    Bus._sendone(partner, BUS_TYPE, {"document_id": document.id})

    # Sync -----------------------------------------------------------------------------

    @api.model
    def _ecabinet_readable_documents(self, document_ids):
        """The documents of ``document_ids`` the user may read in the reader: in
        their pack (the documents' rules), not withdrawn, not a state secret."""
        ids = [
            i for i in document_ids if isinstance(i, int) and not isinstance(i, bool)
        ]
        if len(ids) != len(document_ids):
            raise ValidationError(self.env._("Documents are given by their ids."))
        return self.env["ecabinet.meeting.document"].search_fetch(
            [
                ("id", "in", ids),
                ("withdrawn", "=", False),
                ("is_state_secret", "=", False),
            ],
            ["version", "page_count", "meeting_id"],
        )

    @api.model
    def _ecabinet_check_op(self, op):
        env = self.env
        if not isinstance(op, dict) or op.get("op") not in (
            "create",
            "write",
            "unlink",
        ):
            raise ValidationError(
                env._("Each operation is a create, a write or an unlink.")
            )
        uid = op.get("client_uid")
        if not isinstance(uid, str) or not UID_RE.fullmatch(uid):
            raise ValidationError(
                env._(
                    "Each operation names its annotation by a client identifier "
                    "(1 to 64 letters, digits, dots, dashes, colons)."
                )
            )
        if "share" in op and op["share"] not in dict(SHARES):
            raise ValidationError(
                env._(
                    "An annotation is shared with nobody, the secretariat or the "
                    "committee."
                )
            )
        if "text" in op and not isinstance(op["text"], str | bool):
            raise ValidationError(env._("The text of a note is a string."))
        return uid

    @api.model
    def _ecabinet_create_vals(self, op, uid):
        env = self.env
        document_id = op.get("document_id")
        document = self._ecabinet_readable_documents(
            [document_id] if document_id is not None else []
        )
        if not document:
            raise ValidationError(env._("This document is not in your pack."))
        version = op.get("version", document.version)
        page = op.get("page")
        if (
            isinstance(version, bool)
            or not isinstance(version, int)
            or not 1 <= version <= document.version
        ):
            raise ValidationError(
                env._("This document has versions 1 to %s.", document.version)
            )
        if (
            isinstance(page, bool)
            or not isinstance(page, int)
            or page < 1
            or (version == document.version and page > max(document.page_count, 1))
        ):
            raise ValidationError(
                env._("This document has pages 1 to %s.", max(document.page_count, 1))
            )
        kind = op.get("kind")
        text = op.get("text") or False
        return {
            "document_id": document.id,
            "version": version,
            "page": page,
            "kind": kind,
            "data": self._ecabinet_clean_data(kind, op.get("data", {}), text),
            "text": text,
            "share": op.get("share") or "private",
            "client_uid": uid,
        }

    @public_method
    @api.model
    def sync_ops(self, ops, document_ids=None):
        """Apply a client's operations in order, then return the annotations the
        user may see on ``document_ids``.

        Each operation is ``{"op": "create" | "write" | "unlink", "client_uid",
        "document_id", "version", "page", "kind", "data", "text", "share"}``
        (a write gives what changes of ``data``, ``text``, ``share``). A create
        of a ``client_uid`` the user already has, and a write or an unlink of one
        they do not have (deleted on another device), change nothing. One bad
        operation refuses them all (``ValidationError``), nothing is saved.
        """
        env = self.env
        if not isinstance(ops, list) or len(ops) > MAX_OPS:
            raise ValidationError(
                env._("Send a list of at most %s operations.", MAX_OPS)
            )
        if document_ids is None:
            document_ids = []
        if not isinstance(document_ids, list):
            raise ValidationError(env._("Documents are given by their ids."))
        with env.cr.savepoint():
            for op in ops:
                uid = self._ecabinet_check_op(op)
                mine = self.search(
                    [("user_id", "=", env.uid), ("client_uid", "=", uid)]
                )
                if op["op"] == "create":
                    if not mine:
                        self.create(self._ecabinet_create_vals(op, uid))
                elif op["op"] == "unlink":
                    mine.unlink()
                elif mine:
                    vals = {key: op[key] for key in WRITABLE if key in op}
                    text = vals.get("text", mine.text) or False
                    if "text" in vals:
                        vals["text"] = text
                    if "data" in vals or "text" in vals:
                        vals["data"] = self._ecabinet_clean_data(
                            mine.kind, vals.get("data", mine.data), text
                        )
                    mine.write(vals)
        return self._ecabinet_reader_data(document_ids)

    @api.model
    def _ecabinet_reader_data(self, document_ids):
        """The annotations the user may see on the documents, in a fixed number
        of queries: theirs and those shared with them (read-only, with the
        author's name). One made on an earlier version is ``placed`` on the
        current one when its page still exists, else listed as from its version."""
        documents = self._ecabinet_readable_documents(list(document_ids))
        if not documents:
            return []
        annotations = self.search_fetch(
            [("document_id", "in", documents.ids)],
            [
                "document_id",
                "user_id",
                "version",
                "page",
                "kind",
                "data",
                "text",
                "share",
                "client_uid",
                "write_date",
            ],
        )
        names = {
            user.id: user.partner_id.name
            for user in annotations.user_id.sudo().with_prefetch()
        }
        result = []
        for annotation in annotations:
            document = annotation.document_id
            mine = annotation.user_id.id == self.env.uid
            result.append(
                {
                    "id": annotation.id,
                    "client_uid": annotation.client_uid if mine else False,
                    "document_id": document.id,
                    "version": annotation.version,
                    "current_version": document.version,
                    "page": annotation.page,
                    "placed": annotation.version == document.version
                    or annotation.page <= document.page_count,
                    "kind": annotation.kind,
                    "data": annotation.data or {},
                    "text": annotation.text or "",
                    "share": annotation.share,
                    "mine": mine,
                    "author": names.get(annotation.user_id.id, ""),
                    "write_date": fields.Datetime.to_string(annotation.write_date),
                }
            )
        return result
