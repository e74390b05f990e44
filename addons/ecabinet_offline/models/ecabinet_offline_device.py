# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The key of one device's offline pack.

A member's browser (its service worker) names itself with a random id and, at
each contact, receives the AES-GCM key that encrypts the documents it keeps, the
time after which it must stop showing them without a new contact, and the list of
documents it may keep. The key is withdrawn (the record revoked) when the member
signs out on that device, leaves the committee, or the secretariat wipes the
member's devices; the device erases its pack at its next contact. Nobody reads the
key through the ORM: only the member's own contact hands it out.
"""

import base64
import re
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

DEVICE_UID_RE = re.compile(r"^[A-Za-z0-9-]{16,64}$")
REVOKE_REASONS = [
    ("signed_out", "Signed out"),
    ("left", "No longer a serving member"),
    ("wiped", "Wiped by the secretariat"),
    ("other_user", "Used by another person"),
]
# Sessions whose pack a member keeps: planned and running ones; closed ones for
# the committee's number of days after they closed.
OPEN_STATES = ("invited", "in_progress")
CLOSED_STATES = ("closed", "minutes_approved")


class EcabinetOfflineDevice(models.Model):
    _name = "ecabinet.offline.device"
    _description = "Offline Device"
    _order = "last_contact_date desc, id desc"
    _rec_name = "device_uid"

    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        related="user_id.partner_id", store=True, string="Person"
    )
    device_uid = fields.Char(string="Device", required=True, readonly=True)
    user_agent = fields.Char(string="Browser", readonly=True)
    # Only the device's own contact reads these (sudo); not even administrators
    # see them in the interface.
    key = fields.Char(readonly=True, groups="base.group_system", copy=False)
    session_identifier = fields.Char(readonly=True, groups="base.group_system")
    issue_date = fields.Datetime(string="Key Issued", readonly=True)
    last_contact_date = fields.Datetime(string="Last Contact", readonly=True)
    expiry_date = fields.Datetime(
        string="Readable Offline Until",
        readonly=True,
        help="The device stops showing the pack after this time if it has not "
        "contacted the server again (the committee's offline limit).",
    )
    state = fields.Selection(
        [("active", "Active"), ("revoked", "Key Withdrawn")],
        default="active",
        required=True,
        readonly=True,
    )
    revoke_date = fields.Datetime(string="Withdrawn On", readonly=True)
    revoke_reason = fields.Selection(REVOKE_REASONS, string="Reason", readonly=True)
    erase_date = fields.Datetime(
        string="Erased On",
        readonly=True,
        help="When the device, told at its next contact, erased its pack.",
    )

    _sql_constraints = [
        ("device_uid_uniq", "unique(device_uid)", "A device id is used once."),
    ]

    # The member's contact -------------------------------------------------------

    @api.model
    def _ecabinet_contact(self, device_uid, session_identifier=None, user_agent=None):
        """What the device of the signed-in user may keep, with its key.

        Returns ``{"wipe": True}`` when the device must erase its pack (its key
        was withdrawn, or it belongs to someone else); raises ``UserError`` for a
        person who is not a serving member of a committee that keeps packs
        offline (their device erases its pack on that refusal too)."""
        user = self.env.user
        if user._is_public():
            raise AccessError(self.env._("Sign in to keep a pack offline."))
        if not isinstance(device_uid, str) or not DEVICE_UID_RE.match(device_uid):
            raise UserError(self.env._("This device id is not valid."))
        committees = user._ecabinet_offline_committees()
        if not committees:
            # The device erases its pack on this refusal; the key was withdrawn
            # when the membership ended (res.users._ecabinet_offline_check_left).
            raise UserError(
                self.env._(
                    "Only the serving members of a committee keep its packs on "
                    "their devices."
                )
            )
        now = fields.Datetime.now()
        device = self.sudo().search([("device_uid", "=", device_uid)])
        if device and device.user_id != user:
            if device.state == "active":
                device._ecabinet_revoke("other_user")
            device._ecabinet_erased()
            return {"wipe": True}
        if device.state == "active" and device.session_identifier != (
            session_identifier or device.session_identifier
        ):
            # The key is bound to the session it was given in: another one means
            # the member signed out (or was signed out) in between.
            device._ecabinet_revoke("signed_out")
        if device.state == "revoked":
            device._ecabinet_erased()
            return {"wipe": True}
        hours = min(committees.mapped("offline_max_hours"))
        vals = {
            "last_contact_date": now,
            "expiry_date": now + timedelta(hours=hours),
            "user_agent": (user_agent or "")[:256],
        }
        if device:
            device.write(vals)
        else:
            device = self.sudo().create(
                {
                    **vals,
                    "session_identifier": session_identifier,
                    "user_id": user.id,
                    "device_uid": device_uid,
                    "key": base64.b64encode(secrets.token_bytes(32)).decode(),
                    "issue_date": now,
                }
            )
        return {
            "wipe": False,
            "user_id": user.id,
            "lang": user.lang,
            "key": device.key,
            "expires_in": int(hours * 3600),
            "expiry": fields.Datetime.to_string(device.expiry_date),
            "packs": self._ecabinet_packs(committees),
        }

    @api.model
    def _ecabinet_packs(self, committees):
        """The sessions whose pack the signed-in member keeps, with the documents
        they may read, read as them: no state secret, nothing withdrawn, only
        what the file route would give them."""
        now = fields.Datetime.now()
        kept_closed = expression.OR(
            [
                [
                    ("committee_id", "=", committee.id),
                    ("state", "in", CLOSED_STATES),
                    (
                        "actual_end",
                        ">=",
                        now - timedelta(days=committee.offline_keep_days),
                    ),
                ]
                for committee in committees
            ]
        )
        domain = expression.AND(
            [
                [
                    ("committee_id", "in", committees.ids),
                    ("attendee_ids.partner_id", "=", self.env.user.partner_id.id),
                ],
                expression.OR([[("state", "in", OPEN_STATES)], kept_closed]),
            ]
        )
        meetings = self.env["ecabinet.meeting"].search_fetch(
            domain,
            ["name", "date_start", "committee_id"],
            order="date_start asc, id asc",
        )
        documents = (
            self.env["ecabinet.meeting.document"]
            .with_context(bin_size=True)
            .search_fetch(
                [
                    ("meeting_id", "in", meetings.ids),
                    ("withdrawn", "=", False),
                    ("is_state_secret", "=", False),
                ],
                ["meeting_id", "name", "version", "filename", "datas"],
            )
        )
        by_meeting = {meeting.id: [] for meeting in meetings}
        for document in documents:
            if not document.datas:
                continue
            by_meeting[document.meeting_id.id].append(
                {
                    "id": document.id,
                    "name": document.name,
                    "filename": document.filename or "",
                    "version": document.version,
                    "url": f"/my/ecabinet/documents/{document.id}/file",
                    # the copy the device keeps: not an opening (the device
                    # reports the openings it serves from it)
                    "pack_url": f"/my/ecabinet/documents/{document.id}/file?pack=1",
                }
            )
        return [
            {
                "id": meeting.id,
                "name": meeting.name,
                "date_start": fields.Datetime.to_string(meeting.date_start),
                # the committee's time zone: the session takes place there
                "tz": meeting.committee_id._ecabinet_tz_name(),
                "url": f"/my/ecabinet/sessions/{meeting.id}",
                "documents": by_meeting[meeting.id],
            }
            for meeting in meetings
        ]

    # Withdrawing keys -------------------------------------------------------------

    def _ecabinet_revoke(self, reason):
        """Withdraw the keys of these devices (the devices erase their pack at
        their next contact)."""
        active = self.sudo().filtered(lambda d: d.state == "active")
        if active:
            active.write(
                {
                    "state": "revoked",
                    "revoke_date": fields.Datetime.now(),
                    "revoke_reason": reason,
                    "key": False,
                }
            )
        return active

    def _ecabinet_erased(self):
        """The device was told to erase its pack."""
        self.sudo().filtered(lambda d: not d.erase_date).write(
            {"erase_date": fields.Datetime.now()}
        )

    # Wiping a member's devices (the secretariat) --------------------------------------

    @api.model
    def _ecabinet_check_can_wipe(self):
        if not self.env.user.has_group("ecabinet_base.group_secretariat"):
            raise UserError(
                self.env._("Only the secretariat can wipe a member's devices.")
            )

    @api.model
    def _ecabinet_wipe_message(self, partner, count):
        return self.env._(
            "Devices of %(person)s wiped: %(count)s offline keys withdrawn and "
            "signed out on every device; each device erases its pack at its next "
            "contact.",
            person=partner.name,
            count=count,
        )
