# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    ecabinet_committee,
    ecabinet_committee_member,
    ecabinet_meeting_attendee,
    ecabinet_meeting_document_view,
    ecabinet_offline_device,
    ecabinet_offline_open,
    ir_http,
    res_device,
    res_users,
)
