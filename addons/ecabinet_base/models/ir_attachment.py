# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii

from odoo import api, models
from odoo.exceptions import ValidationError

# Attachments of these models are files that entered e-Cabinet.
ECABINET_MODEL_PREFIX = "ecabinet."
# Changing one of these may change what an attachment holds or where it lies.
FILE_FIELDS = {"raw", "datas", "name", "mimetype", "res_model"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ecabinet_check_file(vals)
        attachments = super().create(vals_list)
        attachments._check_not_on_state_secret()
        return attachments

    def write(self, vals):
        if FILE_FIELDS & set(vals):
            for attachment in self:
                self._ecabinet_check_file(vals, attachment)
        result = super().write(vals)
        if {"res_model", "res_id"} & set(vals):
            self._check_not_on_state_secret()
        return result

    @api.model
    def _ecabinet_check_file(self, vals, attachment=None):
        """Check, before it is stored, a file that lands on an e-Cabinet record,
        whatever brings it (a binary field, a chatter or portal upload, RPC, the
        incoming mail gateway, an import): the size limit for every file; a file
        named .pdf or with the PDF type must be a PDF, readable, without scripts
        (the checks of ``ecabinet.confidential.mixin``). A model whose files are
        evidence kept as received sets ``_ecabinet_check_pdf_files = False``: only
        their size is checked."""
        current = attachment.sudo() if attachment else self.browse()
        res_model = vals.get("res_model", current.res_model) or ""
        if not res_model.startswith(ECABINET_MODEL_PREFIX):
            return
        name = vals.get("name", current.name) or ""
        if "raw" in vals or "datas" in vals:
            content = vals.get("raw")
            if content is None and vals.get("datas"):
                try:
                    content = base64.b64decode(vals["datas"], validate=False)
                except (binascii.Error, ValueError, TypeError) as error:
                    raise ValidationError(
                        self.env._("“%(file)s” could not be read.", file=name)
                    ) from error
        elif current.type == "binary":
            content = current.raw
        else:
            return
        if not content:
            return
        if isinstance(content, str):
            content = content.encode()
        if attachment and not ({"raw", "datas", "mimetype"} & set(vals)):
            mimetype = current.mimetype
        else:
            mimetype = self._compute_mimetype({**vals, "name": name, "raw": content})
        Model = self.env.get(res_model)
        self.env["ecabinet.confidential.mixin"]._check_file_content(
            content,
            name,
            mimetype,
            pdf_checks=getattr(Model, "_ecabinet_check_pdf_files", True),
        )

    def _check_not_on_state_secret(self):
        """Refuse any file linked to a state-secret record.

        Every channel that stores a file on a record ends here: binary fields,
        chatter and portal uploads, RPC and the incoming mail gateway.
        """
        by_model = {}
        for attachment in self.sudo():
            if attachment.res_model and attachment.res_id:
                by_model.setdefault(attachment.res_model, set()).add(attachment.res_id)
        for model_name, res_ids in by_model.items():
            Model = self.env.get(model_name)
            mixin = self.env.registry["ecabinet.confidential.mixin"]
            if Model is None or not isinstance(Model, mixin):
                continue
            secrets = Model.sudo().browse(res_ids).exists().filtered("is_state_secret")
            if secrets:
                raise secrets[:1]._state_secret_error()
