# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        # /web/content and /web/image: the original of an internal document is
        # the secretariat's (ecabinet.meeting.original.mixin)
        if isinstance(record, self.pool["ecabinet.meeting.original.mixin"]):
            record._ecabinet_check_original_access([field_name])
        return super()._record_to_stream(record, field_name)
