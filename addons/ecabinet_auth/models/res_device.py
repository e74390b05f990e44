# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import format_datetime

from odoo.addons.ecabinet_base.tools.api import public_method


class ResDevice(models.Model):
    _inherit = "res.device"

    @public_method
    def action_ecabinet_sign_out(self):
        """Sign a device out (a lost tablet or phone): its session ends at once,
        the browsers trusted to skip the code are forgotten, and the person's
        chatter says who did it. The secretariat does it for the devices of
        e-Cabinet users (record rule), anyone for their own devices."""
        self.check_access("read")
        users = self.sudo().user_id
        others = users - self.env.user
        others._ecabinet_check_security_manager()
        for device in self.sudo():
            user = device.user_id
            message = self.env._(
                "Signed out of %(device)s (last used %(date)s from %(ip)s) by "
                "%(name)s.",
                device=device.display_name,
                date=format_datetime(self.env, device.last_activity),
                ip=device.ip_address or "-",
                name=self.env.user.name,
            )
            user._ecabinet_sign_out(device)
            user._ecabinet_log(message)
        return True
