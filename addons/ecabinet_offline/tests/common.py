# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import fields
from odoo.tools import mute_logger

from odoo.addons.ecabinet_base.tests.common import (
    PORTAL_MEMBER,
    PortalTestMixin,
    force_state,
    make_committee,
    make_pdf_b64,
    make_user,
)
from odoo.addons.ecabinet_meeting.tests.common import make_session

CONTACT = "/my/ecabinet/offline/contact"
DEVICE = "0f4a1c2e-7b3d-4e8f-9a6b-5c1d2e3f4a5b"
OTHER_DEVICE = "9e8d7c6b-5a49-4382-a716-f5e4d3c2b1a0"
PACK_PDF = make_pdf_b64(2, text="Budget estimate page {page}")


class OfflineCommon(PortalTestMixin):
    """A committee (chair, two portal members, secretariat), its next session
    with a normal, an internal and a "Mật" document, a session closed three days
    ago, and another committee's member."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        cls.chair = make_user(env, "o_chair", "ecabinet_base.group_chair")
        cls.secretariat = make_user(
            env, "o_secretariat", "ecabinet_base.group_secretariat"
        )
        cls.member = make_user(env, "o_member", PORTAL_MEMBER, name="Vũ Thị Giang")
        cls.member2 = make_user(env, "o_member2", PORTAL_MEMBER)
        cls.outsider = make_user(env, "o_outsider", PORTAL_MEMBER)
        cls.staff = make_user(env, "o_staff", "ecabinet_base.group_user")
        cls.committee = make_committee(
            env,
            "Offline Committee",
            chair=cls.chair,
            members=cls.member | cls.member2,
            secretariat=cls.secretariat,
            code="OFF",
        )
        cls.other_committee = make_committee(
            env, "Other Committee", chair=cls.outsider, code="OFF2"
        )
        cls.meeting = make_session(
            cls.committee, "Regular session of February 2027", ["Budget 2027"]
        )
        Document = env["ecabinet.meeting.document"]
        cls.document = Document.create(
            {
                "meeting_id": cls.meeting.id,
                "name": "Budget estimate 2027",
                "datas": PACK_PDF,
                "filename": "budget.pdf",
                "item_ids": [fields.Command.set(cls.meeting.agenda_item_ids.ids)],
            }
        )
        cls.secret = Document.create(
            {
                "meeting_id": cls.meeting.id,
                "name": "Security plan for Tết",
                "confidentiality": "secret",
                "secret_holder_id": cls.secretariat.partner_id.id,
            }
        )
        cls.closed = make_session(
            cls.committee,
            "Extraordinary session of November 2026",
            ["Flood relief"],
            date_start="2026-11-30 01:00:00",
        )
        cls.closed_document = Document.create(
            {
                "meeting_id": cls.closed.id,
                "name": "Flood relief report",
                "datas": PACK_PDF,
                "filename": "floods.pdf",
            }
        )
        force_state(
            cls.closed,
            "closed",
            actual_end=fields.Datetime.subtract(fields.Datetime.now(), days=3),
        )
        cls.attendee = cls.meeting.attendee_ids.filtered(
            lambda a: a.partner_id == cls.member.partner_id
        )

    def json_answer(self, url, params):
        """The whole JSON answer (result or error) of JSON route ``url`` as the
        signed-in user."""
        with mute_logger("odoo.http"):
            response = self.url_open(
                url,
                data=json.dumps(
                    {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
                ),
                headers={"Content-Type": "application/json"},
            )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def contact(self, device=DEVICE, **params):
        """The whole JSON answer of the contact route as the signed-in user."""
        return self.json_answer(CONTACT, {"device_uid": device, **params})

    def device(self, uid=DEVICE):
        return (
            self.env["ecabinet.offline.device"]
            .sudo()
            .search([("device_uid", "=", uid)])
        )
