# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.pdf import PdfFileReader

from odoo.addons.ecabinet_base.models.ecabinet_confidential_mixin import (
    STATE_SECRET_LEVELS,
)
from odoo.addons.ecabinet_base.tools.api import public_method

_logger = logging.getLogger(__name__)
SECRETARIAT = "ecabinet_base.group_secretariat"
PACK_OPEN_STATES = ("draft", "agenda_approved", "invited", "in_progress")

# What an agency's officer gives with the documents of a proposal.
PROPOSAL_DOCUMENT_FIELDS = {
    "meeting_id",
    "name",
    "filename",
    "datas",
    "confidentiality",
    "secret_holder_id",
    "agency_id",
    "item_ids",
}


class EcabinetMeetingDocument(models.Model):
    """A document of a session's pack. Replacing its file keeps the previous
    version; a withdrawn document disappears from everyone's pack."""

    _name = "ecabinet.meeting.document"
    _description = "Session Document"
    _inherit = [
        "mail.thread",
        "ecabinet.confidential.mixin",
        "ecabinet.state.lock.mixin",
    ]
    _order = "meeting_id, sequence, id"
    # Locked by the session: the pack of a closed session is its record. The
    # version is kept by replacing the file; withdrawing is an action.
    _state_lock_parent = "meeting_id"
    _state_lock_write = {
        state: {
            SECRETARIAT: (
                "meeting_id",
                "sequence",
                "name",
                "item_ids",
                "agency_id",
                "datas",
                "filename",
                "confidentiality",
                "secret_holder_id",
                "allowed_group_ids",
            )
        }
        for state in PACK_OPEN_STATES
    }
    _state_lock_create = {state: (SECRETARIAT,) for state in PACK_OPEN_STATES}
    _state_lock_unlink = {state: (SECRETARIAT,) for state in PACK_OPEN_STATES}
    _confidential_content_fields = ("datas",)

    meeting_id = fields.Many2one(
        "ecabinet.meeting", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Title", required=True, tracking=True)
    item_ids = fields.Many2many(
        "ecabinet.meeting.agenda.item",
        "ecabinet_meeting_document_item_rel",
        "document_id",
        "item_id",
        string="Items",
    )
    agency_id = fields.Many2one(
        "res.partner",
        string="Submitting Agency",
        domain=[("is_ecabinet_agency", "=", True)],
    )
    datas = fields.Binary(string="File", attachment=True)
    filename = fields.Char()
    version = fields.Integer(default=1, readonly=True, copy=False)
    version_ids = fields.One2many(
        "ecabinet.meeting.document.version", "document_id", string="Earlier Versions"
    )
    page_count = fields.Integer(
        compute="_compute_page_count", store=True, string="Pages"
    )
    withdrawn = fields.Boolean(tracking=True, copy=False)
    view_ids = fields.One2many(
        "ecabinet.meeting.document.view", "document_id", string="Opened by"
    )

    def _ecabinet_creation_message(self):
        return self.env._("Session document added")

    @api.depends("datas")
    def _compute_page_count(self):
        for document in self:
            document.page_count = document._count_pages()

    def _count_pages(self):
        if not self.datas:
            return 0
        try:
            reader = PdfFileReader(
                io.BytesIO(base64.b64decode(self.datas)), strict=False
            )
            return len(reader.pages)
        except Exception:  # noqa: BLE001 - any non-PDF file counts as one page
            return 1

    @api.model_create_multi
    def create(self, vals_list):
        if self.env["ecabinet.meeting.agenda.item"]._ecabinet_agenda_managed():
            return super().create(vals_list)
        for vals in vals_list:
            self._ecabinet_check_proposal_document(vals)
        # The documents of an agency's own proposal, checked above: the session's
        # state lock (the secretariat's pack) has nothing more to say about them.
        with self._ecabinet_unlocked():
            return super().create(vals_list)

    @api.model
    def _ecabinet_check_proposal_document(self, vals):
        """An agency's officer adds the documents of its own proposals, at any
        level but "internal" (limited to groups the secretariat names); a state
        secret is recorded as held by the agency. ``vals`` is completed."""
        env = self.env
        agency = env.user._ecabinet_agency()
        if not agency:
            raise AccessError(
                env._("Only the officers of a government agency can propose items.")
            )
        level = vals.get("confidentiality") or "normal"
        if set(vals) - PROPOSAL_DOCUMENT_FIELDS or level == "internal":
            raise AccessError(
                env._(
                    "An agency gives the title, file and confidentiality level "
                    "(normal or a state-secret level) of the documents it proposes; "
                    "the secretariat sets the rest."
                )
            )
        if vals.get("agency_id", agency.id) != agency.id:
            raise AccessError(env._("An agency proposes items on its own behalf."))
        items = env["ecabinet.meeting.agenda.item"].sudo()
        for command in vals.get("item_ids") or ():
            if command[0] == fields.Command.LINK:
                items |= items.browse(command[1])
            elif command[0] == fields.Command.SET:
                items |= items.browse(command[2])
            else:
                raise AccessError(env._("An agency proposes items on its own behalf."))
        if not items or any(
            item.agency_id != agency
            or item.state != "proposed"
            or item.meeting_id.id != vals.get("meeting_id")
            for item in items
        ):
            raise UserError(
                env._("Add the documents to a proposal of your agency in this session.")
            )
        vals.update(
            agency_id=agency.id,
            confidentiality=level,
            secret_holder_id=agency.id if level in STATE_SECRET_LEVELS else False,
        )

    def write(self, vals):
        if "datas" in vals:
            for document in self.filtered("datas"):
                document._archive_version()
            if vals.get("datas"):
                self.env.add_to_compute(self._fields["page_count"], self)
        return super().write(vals)

    def _archive_version(self):
        self.ensure_one()
        self.env["ecabinet.meeting.document.version"].sudo().create(
            {
                "document_id": self.id,
                "version": self.version,
                "datas": self.datas,
                "filename": self.filename,
            }
        )
        self._ecabinet_transition({"version": self.version + 1})

    @public_method
    def action_withdraw(self):
        self.check_access("write")
        self._ecabinet_check_state_open()
        self._ecabinet_transition({"withdrawn": True})

    @public_method
    def action_restore(self):
        self.check_access("write")
        self._ecabinet_check_state_open()
        self._ecabinet_transition({"withdrawn": False})

    def _ecabinet_check_state_open(self):
        for document in self:
            if document.meeting_id.state not in PACK_OPEN_STATES:
                raise document._ecabinet_lock_error(document.meeting_id, ["withdrawn"])

    def _record_view(self, partner):
        """Remember that ``partner`` opened the document (for reminders and the
        secretariat's follow-up)."""
        View = self.env["ecabinet.meeting.document.view"].sudo()
        now = fields.Datetime.now()
        for document in self:
            view = View.search(
                [("document_id", "=", document.id), ("partner_id", "=", partner.id)]
            )
            if view:
                view.write({"last_date": now, "count": view.count + 1})
            else:
                View.create(
                    {
                        "document_id": document.id,
                        "partner_id": partner.id,
                        "first_date": now,
                        "last_date": now,
                    }
                )
        self.meeting_id.attendee_ids.filtered(
            lambda a: a.partner_id == partner
        )._mark_pack_opened()
