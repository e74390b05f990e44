# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import DEVICE, OTHER_DEVICE, PACK_PDF, OfflineCommon

# A device's contact as a member: the key, the expiry and the pack's list, the
# same whatever the number of sessions' documents.
CONTACT_QUERIES = 13


@tagged("post_install", "-at_install")
class TestOfflineRoutes(OfflineCommon, HttpCase):
    # The web app ------------------------------------------------------------------

    def test_manifest_is_scoped_to_the_member_pages(self):
        response = self.url_open("/my/ecabinet/offline/manifest.webmanifest")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/manifest+json")
        manifest = response.json()
        self.assertEqual(manifest["scope"], "/my/ecabinet/")
        self.assertTrue(manifest["start_url"].startswith("/my/ecabinet/"))
        self.assertEqual(manifest["display"], "standalone")
        for icon in manifest["icons"]:
            self.assertEqual(self.url_open(icon["src"]).status_code, 200)
        self.assertEqual(
            {icon["sizes"] for icon in manifest["icons"]}, {"192x192", "512x512"}
        )

    def test_manifest_scope_under_a_language_prefix(self):
        url = "/my/ecabinet/offline/manifest.webmanifest?scope="
        manifest = self.url_open(url + "/vi/my/ecabinet/").json()
        self.assertEqual(manifest["scope"], "/vi/my/ecabinet/")
        self.assertEqual(manifest["start_url"], "/vi/my/ecabinet/sessions")
        for wrong in ("/", "/odoo/", "//evil.example/my/ecabinet/", "/vi/my/"):
            manifest = self.url_open(url + wrong).json()
            self.assertEqual(manifest["scope"], "/my/ecabinet/", wrong)

    def test_service_worker_is_allowed_the_member_scope(self):
        response = self.url_open("/my/ecabinet/offline/service-worker.js")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/javascript"))
        # the pages register /my/ecabinet/, or /vi/my/ecabinet/ under a language
        self.assertEqual(response.headers["Service-Worker-Allowed"], "/")
        self.assertEqual(response.headers["Cache-Control"], "no-cache")
        self.assertIn('"scope": "/my/ecabinet/"', response.text)
        self.assertIn('"/my/ecabinet/annotations/sync"', response.text)

    def test_member_pages_link_the_manifest(self):
        self.authenticate("o_member", "o_member")
        page = self.url_open("/my/ecabinet/sessions")
        self.assertIn('rel="manifest"', page.text)
        self.assertIn('data-scope="/my/ecabinet/"', page.text)
        self.assertNotIn('rel="manifest" href="/my/ecabinet', self.url_open("/my").text)
        offline = self.url_open("/my/ecabinet/offline")
        self.assertEqual(offline.status_code, 200)
        self.assertIn("o_ecabinet_offline_reader", offline.text)
        # the page holds no document title: the list is in the encrypted store
        self.assertNotIn("Budget estimate 2027", offline.text)

    # The key ----------------------------------------------------------------------

    def test_signed_out_person_gets_no_key(self):
        error = self.contact()["error"]
        self.assertIn("SessionExpired", error["data"]["name"])
        self.assertFalse(self.device())

    def test_member_gets_one_key_per_device(self):
        self.authenticate("o_member", "o_member")
        first = self.contact()["result"]
        self.assertFalse(first["wipe"])
        self.assertEqual(len(base64.b64decode(first["key"])), 32)
        self.assertEqual(first["expires_in"], 72 * 3600)
        again = self.contact()["result"]
        self.assertEqual(again["key"], first["key"])
        other = self.contact(OTHER_DEVICE)["result"]
        self.assertNotEqual(other["key"], first["key"])
        devices = self.device() | self.device(OTHER_DEVICE)
        self.assertEqual(devices.user_id, self.member)
        self.assertEqual(devices.mapped("state"), ["active", "active"])
        # the device's expiry is the committee's limit after its last contact
        device = self.device()
        self.assertAlmostEqual(
            device.expiry_date,
            device.last_contact_date + timedelta(hours=72),
            delta=timedelta(seconds=1),
        )
        # nobody reads the key through the ORM, not even the secretariat
        self.assertNotIn(
            "key",
            self.env["ecabinet.offline.device"]
            .with_user(self.secretariat)
            .fields_get(),
        )

    def test_bad_device_id_refused(self):
        self.authenticate("o_member", "o_member")
        error = self.contact("../../etc")["error"]
        self.assertEqual(error["data"]["name"], "odoo.exceptions.UserError")
        self.assertFalse(self.env["ecabinet.offline.device"].sudo().search([]))

    def test_only_serving_members_keep_packs(self):
        for login in ("o_staff", "o_secretariat"):
            self.authenticate(login, login)
            error = self.contact()["error"]
            self.assertEqual(error["data"]["name"], "odoo.exceptions.UserError")
        self.other_committee.offline_enabled = False
        self.authenticate("o_outsider", "o_outsider")
        self.assertIn("error", self.contact())
        self.assertFalse(self.device())

    def test_pack_lists_readable_documents_never_a_state_secret(self):
        self.authenticate("o_member", "o_member")
        packs = self.contact()["result"]["packs"]
        self.assertEqual(
            [pack["name"] for pack in packs],
            [
                "Extraordinary session of November 2026",
                "Regular session of February 2027",
            ],
        )
        documents = {doc["id"]: doc for pack in packs for doc in pack["documents"]}
        self.assertIn(self.document.id, documents)
        self.assertNotIn(self.secret.id, documents)
        self.assertEqual(
            documents[self.document.id]["url"],
            f"/my/ecabinet/documents/{self.document.id}/file",
        )
        # what the worker fetches is the pack's own route, which refuses the secret
        with mute_logger("odoo.http"):
            secret = self.url_open(f"/my/ecabinet/documents/{self.secret.id}/file")
        self.assertEqual(secret.status_code, 404)
        # another committee's member gets none of it
        self.authenticate("o_outsider", "o_outsider")
        self.assertEqual(self.contact(OTHER_DEVICE)["result"]["packs"], [])

    def test_closed_session_pack_erased_after_the_committee_days(self):
        self.authenticate("o_member", "o_member")
        names = [p["name"] for p in self.contact()["result"]["packs"]]
        self.assertIn(self.closed.name, names)
        self.committee.offline_keep_days = 2  # closed three days ago
        names = [p["name"] for p in self.contact()["result"]["packs"]]
        self.assertNotIn(self.closed.name, names)
        self.assertIn(self.meeting.name, names)

    def test_committee_limits_checked(self):
        with self.assertRaises(UserError):
            self.committee.offline_max_hours = 0

    # Withdrawing the key ------------------------------------------------------------

    def test_sign_out_withdraws_the_device_key(self):
        self.authenticate("o_member", "o_member")
        self.assertFalse(self.contact()["result"]["wipe"])
        self.url_open("/web/session/logout")
        # the session that received the key is over: no contact gets it again
        self.assertIn("SessionExpired", self.contact()["error"]["data"]["name"])
        # signed in again: this device's key is withdrawn and its pack erased
        self.authenticate("o_member", "o_member")
        self.assertTrue(self.contact()["result"]["wipe"])
        self.assertEqual(self.device().state, "revoked")
        self.assertEqual(self.device().revoke_reason, "signed_out")
        self.assertTrue(self.device().erase_date)
        self.assertTrue(self.contact()["result"]["wipe"])
        # a new device id (a fresh pack) is a new key
        self.assertFalse(self.contact(OTHER_DEVICE)["result"]["wipe"])

    def test_signing_a_device_out_from_the_account_withdraws_its_key(self):
        self.authenticate("o_member", "o_member")
        self.contact()
        sessions = (
            self.env["res.device"].sudo().search([("user_id", "=", self.member.id)])
        )
        self.assertTrue(sessions)
        sessions._revoke()
        self.assertEqual(self.device().revoke_reason, "signed_out")
        self.assertIn("SessionExpired", self.contact()["error"]["data"]["name"])

    def test_secretariat_wipes_a_member_devices(self):
        self.authenticate("o_member", "o_member")
        self.contact()
        self.contact(OTHER_DEVICE)
        self.attendee.with_user(self.secretariat).action_ecabinet_wipe_devices()
        devices = self.device() | self.device(OTHER_DEVICE)
        self.assertEqual(devices.mapped("state"), ["revoked", "revoked"])
        self.assertEqual(set(devices.mapped("revoke_reason")), {"wiped"})
        self.assertFalse(devices.sudo().mapped("key")[0])
        self.assertIn(
            "Devices of Vũ Thị Giang wiped", self.attendee.message_ids[0].body
        )
        # the lost device is signed out: no new key for it
        error = self.contact()["error"]
        self.assertIn("SessionExpired", error["data"]["name"])
        self.authenticate("o_member", "o_member")
        self.assertTrue(self.contact()["result"]["wipe"])
        self.assertTrue(self.contact(OTHER_DEVICE)["result"]["wipe"])

    def test_wipe_from_the_committee_seat(self):
        self.authenticate("o_member", "o_member")
        self.contact()
        seat = self.committee.member_ids.filtered(
            lambda m: m.partner_id == self.member.partner_id
        )
        seat.with_user(self.secretariat).action_ecabinet_wipe_devices()
        self.assertEqual(self.device().revoke_reason, "wiped")
        self.assertIn(
            "Devices of Vũ Thị Giang wiped", self.committee.message_ids[0].body
        )

    def test_only_the_secretariat_wipes(self):
        for user in (self.member, self.member2, self.staff):
            with self.assertRaises(UserError):
                self.attendee.with_user(user).action_ecabinet_wipe_devices()
        self.authenticate("o_member", "o_member")
        self.contact()
        self.assertEqual(self.device().state, "active")

    def test_leaving_the_committee_withdraws_the_key(self):
        self.authenticate("o_member", "o_member")
        self.contact()
        seat = self.committee.member_ids.filtered(
            lambda m: m.partner_id == self.member.partner_id
        )
        seat.date_end = fields.Date.subtract(fields.Date.today(), days=1)
        self.assertEqual(self.device().revoke_reason, "left")
        for device in (self.device().device_uid, OTHER_DEVICE):
            error = self.contact(device)["error"]
            self.assertEqual(error["data"]["name"], "odoo.exceptions.UserError")
        self.assertFalse(self.device(OTHER_DEVICE))

    def test_device_of_someone_else_is_wiped(self):
        self.authenticate("o_member", "o_member")
        self.contact()
        self.authenticate("o_member2", "o_member2")
        self.assertTrue(self.contact()["result"]["wipe"])
        self.assertEqual(self.device().revoke_reason, "other_user")
        self.assertEqual(self.device().user_id, self.member)

    def test_member_reads_it_in_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["ecabinet_base", "ecabinet_offline"], ["vi_VN"], overwrite=True
        )
        (self.member | self.staff).lang = "vi_VN"
        self.authenticate("o_member", "o_member")
        page = self.url_open("/my/ecabinet/offline").text
        self.assertIn("Bộ tài liệu lưu trên thiết bị này", page)
        self.assertNotIn("Pack kept on this device", page)
        self.authenticate("o_staff", "o_staff")
        self.assertEqual(
            self.contact()["error"]["data"]["message"],
            "Chỉ thành viên đương nhiệm của Ủy ban mới được lưu bộ tài liệu trên "
            "thiết bị của mình.",
        )

    def test_contact_costs_the_same_queries_whatever_the_pack(self):
        Device = self.env["ecabinet.offline.device"].with_user(self.member)
        session = "s" * 42
        Device._ecabinet_contact(DEVICE, session)  # the device's first contact
        for documents in (2, 7):
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(CONTACT_QUERIES):
                packs = Device._ecabinet_contact(DEVICE, session)["packs"]
            self.assertEqual(sum(len(p["documents"]) for p in packs), documents)
            # five more documents in the next session's pack
            self.env["ecabinet.meeting.document"].create(
                [
                    {
                        "meeting_id": self.meeting.id,
                        "name": f"Annex {n}",
                        "datas": PACK_PDF,
                        "filename": f"annex{n}.pdf",
                    }
                    for n in range(5)
                ]
            )
