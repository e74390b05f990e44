# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import models
from odoo.http import root

_logger = logging.getLogger(__name__)


class ResUsers(models.Model):
    _inherit = "res.users"

    def _ecabinet_offline_committees(self):
        """The committees on which this user serves today and whose packs are
        kept offline."""
        self.ensure_one()
        seats = (
            self.env["ecabinet.committee.member"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.partner_id.id),
                    ("is_current", "=", True),
                    ("committee_id.offline_enabled", "=", True),
                ]
            )
        )
        return seats.committee_id

    def _ecabinet_offline_devices(self):
        return (
            self.env["ecabinet.offline.device"]
            .sudo()
            .search([("user_id", "in", self.ids), ("state", "=", "active")])
        )

    def _ecabinet_offline_check_left(self):
        """Withdraw the keys of those of these users who no longer serve on a
        committee that keeps packs offline."""
        left = self.filtered(lambda user: not user._ecabinet_offline_committees())
        left._ecabinet_offline_devices()._ecabinet_revoke("left")

    def _ecabinet_offline_wipe(self):
        """Withdraw every offline key of these users and end their sessions, so
        that a lost device cannot ask for a new key: it erases its pack at its
        next contact. Returns the number of keys withdrawn."""
        devices = self._ecabinet_offline_devices()._ecabinet_revoke("wiped")
        sessions = (
            self.env["res.device.log"]
            .sudo()
            .search([("user_id", "in", self.ids), ("revoked", "=", False)])
        )
        identifiers = set(sessions.mapped("session_identifier"))
        identifiers.update(
            device.sudo().session_identifier
            for device in devices
            if device.sudo().session_identifier
        )
        root.session_store.delete_from_identifiers(list(identifiers))
        sessions.write({"revoked": True})
        _logger.info(
            "User %s wiped the devices of users %s (%s offline keys)",
            self.env.uid,
            self.ids,
            len(devices),
        )
        return len(devices)
