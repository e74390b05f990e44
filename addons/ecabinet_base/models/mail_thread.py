# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from ..tools.lang import with_ecabinet_lang


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _ecabinet_texts_lang(self):
        """``self`` in the language of the texts it stores for everyone, for
        e-Cabinet's models only: the other models of the database keep Odoo's
        behaviour (the writer's language)."""
        if self._name.startswith("ecabinet."):
            return with_ecabinet_lang(self)
        return self

    def _track_finalize(self):
        # Tracking values store the labels of selections ("Open → Closed") in the
        # language of the writer: a cron's or an RPC call's would stay in English.
        return super(MailThread, self._ecabinet_texts_lang())._track_finalize()

    def _creation_message(self):
        record = self._ecabinet_texts_lang()
        text = record._ecabinet_creation_message()
        if text:
            return text
        return super(MailThread, record)._creation_message()

    def _ecabinet_creation_message(self):
        """The line logged when the record is created, translated by the model's
        addon (Odoo's "<model description> created" reads the model's name from
        the database, whose translations are loaded after the addon's demo data),
        or an empty string for Odoo's line."""
        return ""
