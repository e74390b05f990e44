# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import hashlib
import json
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ecabinet_base.tools.api import public_method
from odoo.addons.ecabinet_base.tools.lang import in_ecabinet_lang

_logger = logging.getLogger(__name__)

GENESIS = "0" * 64

AUDIT_EVENTS = [
    ("started", "Sent for signature"),
    ("signed", "Signed"),
    ("numbered", "Numbered"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
    ("completed", "Issued"),
    ("verified", "Verified"),
]


class EcabinetSignAudit(models.Model):
    """Append-only, hash-chained log of every signing, refusal and verification.

    Each entry stores ``entry_hash = SHA-256(previous entry_hash + canonical
    content)``; :meth:`_check_chain` recomputes the chain and finds the first
    entry that no longer matches (a row changed or deleted through SQL). The ORM
    refuses every write and unlink, even as superuser; entries are created only
    by the addon's code (:meth:`_append`, with sudo): nobody has create access.
    """

    _name = "ecabinet.sign.audit"
    _description = "Signature Audit Entry"
    _order = "id desc"
    _rec_name = "entry_hash"

    date = fields.Datetime(required=True, readonly=True)
    event = fields.Selection(AUDIT_EVENTS, required=True, readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Integer(string="Document ID", readonly=True)
    request_id = fields.Many2one(
        "ecabinet.sign.request", readonly=True, index=True, ondelete="restrict"
    )
    user_id = fields.Many2one("res.users", readonly=True, ondelete="restrict")
    company_id = fields.Many2one("res.company", readonly=True)
    document_sha256 = fields.Char(string="Document SHA-256", readonly=True)
    certificate_fingerprint = fields.Char(string="Certificate SHA-256", readonly=True)
    certificate_subject = fields.Char(readonly=True)
    details = fields.Text(readonly=True)
    evidence = fields.Text(
        string="Revocation Evidence",
        readonly=True,
        help="OCSP responses and CRLs (DER, base64) checked at that moment.",
    )
    previous_hash = fields.Char(readonly=True)
    entry_hash = fields.Char(readonly=True, index=True)

    _CHAINED = (
        "date",
        "event",
        "res_model",
        "res_id",
        "request_id",
        "user_id",
        "company_id",
        "document_sha256",
        "certificate_fingerprint",
        "certificate_subject",
        "details",
        "evidence",
    )

    @api.model
    def _canonical(self, vals):
        content = {}
        for name in self._CHAINED:
            value = vals.get(name)
            if isinstance(value, models.BaseModel):
                value = value.id
            if name == "date" and value:
                value = fields.Datetime.to_string(fields.Datetime.to_datetime(value))
            content[name] = value or None
        return json.dumps(content, sort_keys=True, ensure_ascii=False)

    @api.model
    def _hash(self, previous, vals):
        payload = (previous + self._canonical(vals)).encode()
        return hashlib.sha256(payload).hexdigest()

    @api.model
    def _append(self, event, request=None, record=None, document=None, **values):
        """Add an entry (the only way to create one). ``document`` is the PDF
        bytes whose SHA-256 is kept; ``evidence`` a dict of DER lists."""
        evidence = values.pop("evidence", None)
        vals = {
            "date": fields.Datetime.now(),
            "event": event,
            "request_id": request.id if request else False,
            "res_model": (record or request)._name if (record or request) else False,
            "res_id": (record or request).id if (record or request) else False,
            "user_id": self.env.user.id,
            "company_id": (request.company_id if request else self.env.company).id,
            "document_sha256": hashlib.sha256(document).hexdigest()
            if document
            else False,
            "evidence": json.dumps(
                {
                    kind: [base64.b64encode(item).decode() for item in items]
                    for kind, items in evidence.items()
                },
                sort_keys=True,
            )
            if evidence
            else False,
            **values,
        }
        return self.sudo().with_context(ecabinet_sign_audit_append=True).create(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.check_access("create")
        if not self.env.context.get("ecabinet_sign_audit_append") or not self.env.su:
            raise UserError(
                self.env._("The signature audit log is written by e-Cabinet only.")
            )
        # One writer at a time: each entry chains to the one before it.
        self.env.cr.execute(f"LOCK TABLE {self._table} IN EXCLUSIVE MODE")
        self.env.cr.execute(
            f"SELECT entry_hash FROM {self._table} ORDER BY id DESC LIMIT 1"
        )
        row = self.env.cr.fetchone()
        previous = row[0] if row else GENESIS
        for vals in vals_list:
            vals["previous_hash"] = previous
            vals["entry_hash"] = previous = self._hash(previous, vals)
        return super().create(vals_list)

    def _refuse_change(self, operation):
        if not self.env.su:
            self.check_access(operation)
        if operation == "write":
            raise UserError(self.env._("Signature audit entries cannot be changed."))
        raise UserError(self.env._("Signature audit entries cannot be deleted."))

    def write(self, vals):
        # Always refused (even as superuser): the log is append-only.
        self._refuse_change("write")
        return super().write(vals)

    def unlink(self):
        self._refuse_change("unlink")
        return super().unlink()

    @api.model
    def _check_chain(self):
        """Recompute the chain; return the first broken entry (or an empty
        recordset) and the number of entries checked."""
        self.env.cr.execute(
            f"SELECT id, previous_hash, entry_hash FROM {self._table} ORDER BY id"
        )
        rows = self.env.cr.fetchall()
        previous = GENESIS
        Audit = self.sudo().with_context(prefetch_fields=False)
        for index in range(0, len(rows), 500):
            chunk = rows[index : index + 500]
            entries = Audit.browse([row[0] for row in chunk])
            entries.fetch(list(self._CHAINED))
            for (entry_id, stored_previous, stored_hash), entry in zip(
                chunk, entries, strict=True
            ):
                vals = {name: entry[name] for name in self._CHAINED}
                if stored_previous != previous or stored_hash != self._hash(
                    previous, vals
                ):
                    return self.browse(entry_id), len(rows)
                previous = stored_hash
        return self.browse(), len(rows)

    @public_method
    def action_check_chain(self):
        # Those who read the log check it (the check itself reads it as sudo).
        self.check_access("read")
        broken, count = self._check_chain()
        if broken:
            message = self.env._(
                "The audit log was altered: entry %(entry)s (%(date)s) does not "
                "match the chain.",
                entry=broken.id,
                date=broken.sudo().date,
            )
            kind = "danger"
        else:
            message = self.env._(
                "The audit log is intact: %(count)s entries checked.", count=count
            )
            kind = "success"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": kind, "message": message, "sticky": bool(broken)},
        }

    @api.model
    @in_ecabinet_lang
    def _cron_check_chain(self):
        broken, count = self._check_chain()
        if broken:
            _logger.error(
                "Signature audit log altered: entry %s breaks the chain (%s entries)",
                broken.id,
                count,
            )
        return broken
