# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import models

# What the screens ask for; never subscribed as such (a client could send any
# string): replaced by the session's channel when the user or the token allows it.
LIVE_RE = re.compile(r"ecabinet_live_(\d+)")
PROJECTOR_RE = re.compile(r"ecabinet_projector_([A-Za-z0-9_-]{16,})")


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        channels = list(channels)  # do not alter the caller's list
        Meeting = self.env["ecabinet.meeting"]
        for channel in list(channels):
            if not isinstance(channel, str):
                continue
            if match := LIVE_RE.fullmatch(channel):
                meeting = Meeting._ecabinet_live_for_user(int(match[1]))
            elif match := PROJECTOR_RE.fullmatch(channel):
                meeting = Meeting._ecabinet_from_projector_token(match[1])
            else:
                continue
            channels.remove(channel)
            if meeting:
                channels.append(meeting._ecabinet_live_channel())
        return super()._build_bus_channel_list(channels)
