# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        attachments = super().create(vals_list)
        attachments._check_not_on_state_secret()
        return attachments

    def write(self, vals):
        result = super().write(vals)
        if {"res_model", "res_id"} & set(vals):
            self._check_not_on_state_secret()
        return result

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
