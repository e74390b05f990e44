# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An opening of a pack's document made on a device without network.

The device keeps each opening it served from its pack, with an id of its own
and the time, and reports them at its next contact, in order; the server counts
each id once in the "who opened what" list (``ecabinet.meeting.document.view``),
marked as made offline.
"""

import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.ecabinet_base.tools.api import public_method

CLIENT_UID_RE = re.compile(r"^[A-Za-z0-9-]{8,64}$")
MAX_OPENS = 200


class EcabinetOfflineOpen(models.Model):
    _name = "ecabinet.offline.open"
    _description = "Document Opened Offline"
    _order = "open_date desc, id desc"
    _rec_name = "client_uid"

    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        related="user_id.partner_id", store=True, string="Person"
    )
    document_id = fields.Many2one(
        "ecabinet.meeting.document",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    client_uid = fields.Char(string="Device's Id", required=True, readonly=True)
    open_date = fields.Datetime(string="Opened On", required=True, readonly=True)

    _sql_constraints = [
        (
            "user_client_uid_uniq",
            "unique(user_id, client_uid)",
            "A device reports an opening once.",
        ),
    ]

    @public_method
    @api.model
    def report_opens(self, opens):
        """Count, in the order given, the openings the user's device made from
        its offline pack: each ``{"client_uid", "document_id", "date"}`` (UTC,
        ``YYYY-MM-DD HH:MM:SS`` or ISO 8601; a date to come, from a clock running
        ahead, counts as now). An id already reported changes
        nothing. A document the user may not read (another member's, withdrawn)
        or a state secret refuses them all (``AccessError``); a malformed one
        too (``ValidationError``): nothing is counted."""
        env = self.env
        if not isinstance(opens, list) or len(opens) > MAX_OPENS:
            raise ValidationError(
                env._("Send a list of at most %s openings.", MAX_OPENS)
            )
        checked = [self._ecabinet_check_open(item) for item in opens]
        Document = env["ecabinet.meeting.document"]
        documents = Document.browse({doc_id for _uid, doc_id, _date in checked})
        if documents.exists() != documents or not documents.has_access("read"):
            raise AccessError(
                env._("These openings name a document that is not in your pack.")
            )
        if any(documents.sudo().mapped("is_state_secret")):
            raise AccessError(
                env._(
                    "A state secret is never kept on a device: its openings are "
                    "not counted."
                )
            )
        known = set(
            self.sudo()
            .search(
                [
                    ("user_id", "=", env.uid),
                    ("client_uid", "in", [uid for uid, _d, _t in checked]),
                ]
            )
            .mapped("client_uid")
        )
        partner = env.user.partner_id
        with env.cr.savepoint():
            for uid, doc_id, date in checked:
                if uid in known:
                    continue
                known.add(uid)
                self.sudo().create(
                    {
                        "user_id": env.uid,
                        "document_id": doc_id,
                        "client_uid": uid,
                        "open_date": date,
                    }
                )
                views = Document.browse(doc_id).sudo()._record_view(partner, when=date)
                for view in views:
                    view.offline_count += 1
        return True

    @api.model
    def _ecabinet_check_open(self, item):
        """``(client_uid, document id, date)`` of one reported opening."""
        env = self.env
        if not (
            isinstance(item, dict)
            and isinstance(item.get("client_uid"), str)
            and CLIENT_UID_RE.match(item["client_uid"])
            and isinstance(item.get("document_id"), int)
            and not isinstance(item["document_id"], bool)
            and isinstance(item.get("date"), str)
        ):
            raise ValidationError(
                env._(
                    "An opening is given as its id on the device, the document's "
                    "id and the date."
                )
            )
        text = item["date"].replace("T", " ").removesuffix("Z")[:19]
        try:
            date = fields.Datetime.to_datetime(text)
        except ValueError:
            date = None
        if not date:
            raise ValidationError(
                env._("“%(date)s” is not a date of an opening.", date=item["date"])
            )
        # a device whose clock runs ahead: counted now rather than lost
        return item["client_uid"], item["document_id"], min(date, fields.Datetime.now())
