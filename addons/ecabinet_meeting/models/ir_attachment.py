# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# Models whose ``datas`` holds the original file of a document of the pack.
ORIGINAL_FILE_MODELS = (
    "ecabinet.meeting.document",
    "ecabinet.meeting.document.version",
)


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _ecabinet_withheld_originals(self):
        """The attachments among ``self`` that hold the original file of an
        internal document, for a user who does not read originals (see
        ``ecabinet.meeting.original.mixin``)."""
        if (
            not self
            or self.env["ecabinet.meeting.original.mixin"]._ecabinet_reads_originals()
        ):
            return self.browse()
        withheld = self.browse()
        for attachment in self.sudo():
            if attachment.res_field != "datas" or attachment.res_model not in (
                ORIGINAL_FILE_MODELS
            ):
                continue
            holder = self.env[attachment.res_model].sudo().browse(attachment.res_id)
            if holder.exists()._ecabinet_internal_documents():
                withheld |= attachment
        return withheld

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or operation != "read":
            return result
        withheld = self._ecabinet_withheld_originals()
        if withheld:
            return withheld, self.env[
                "ecabinet.meeting.original.mixin"
            ]._ecabinet_original_refusal
        return None

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        query = super()._search(domain, offset, limit, order)
        # Files of fields are found only when the domain names them or their ids
        # (ir.attachment's own rule).
        if self.env.su or not (
            self.env.context.get("skip_res_field_check")
            or any(arg[0] in ("id", "res_field") for arg in domain)
        ):
            return query
        found = self.browse(list(query))
        withheld = found._ecabinet_withheld_originals()
        if not withheld:
            return query
        return (found - withheld)._as_query()
