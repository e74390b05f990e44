# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import unicodedata
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ecabinet_base.tests.common import pdf_to_text
from odoo.addons.ecabinet_meeting.tests.common import make_session

from .common import DEVICE, OTHER_DEVICE, PACK_PDF, OfflineCommon

OPENS = "/my/ecabinet/offline/opens"
# A report of one opening over HTTP, and what each more opening adds.
OPENS_QUERIES = 19
PER_OPEN = 2

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
        self.assertEqual(
            documents[self.document.id]["pack_url"],
            f"/my/ecabinet/documents/{self.document.id}/file?pack=1",
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


@tagged("post_install", "-at_install")
class TestOfflineOpens(OfflineCommon, HttpCase):
    """The openings a device made from its pack without network, reported at its
    next contact: counted once each, in order, marked offline; refused for a
    document outside the member's pack and for a state secret."""

    def _report(self, *opens):
        return self.json_answer(OPENS, {"opens": list(opens)})

    def _open(self, uid, document, date="2026-12-01T08:15:00.000Z"):
        return {"client_uid": uid, "document_id": document.id, "date": date}

    def _view(self, document=None):
        self.env.invalidate_all()
        return self.env["ecabinet.meeting.document.view"].search(
            [
                ("document_id", "=", (document or self.document).id),
                ("partner_id", "=", self.member.partner_id.id),
            ]
        )

    def test_offline_openings_are_counted_once_in_order(self):
        self.authenticate("o_member", "o_member")
        # fetching the pack's copy is not an opening
        response = self.url_open(
            f"/my/ecabinet/documents/{self.document.id}/file?pack=1"
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self._view())
        first = self._open("open-0001", self.document)
        second = self._open("open-0002", self.document, "2026-12-02T09:30:00Z")
        self.assertIs(self._report(first, second)["result"], True)
        view = self._view()
        self.assertEqual((view.count, view.offline_count), (2, 2))
        self.assertEqual(
            (view.first_date, view.last_date),
            (
                fields.Datetime.to_datetime("2026-12-01 08:15:00"),
                fields.Datetime.to_datetime("2026-12-02 09:30:00"),
            ),
        )
        # sent again (the answer was lost): nothing more
        self.assertIs(self._report(second, first)["result"], True)
        view = self._view()
        self.assertEqual((view.count, view.offline_count), (2, 2))
        # an opening online counts, not as offline; the dates stay in order
        self.url_open(f"/my/ecabinet/documents/{self.document.id}/file")
        view = self._view()
        self.assertEqual((view.count, view.offline_count), (3, 2))
        self.assertEqual(
            view.first_date, fields.Datetime.to_datetime("2026-12-01 08:15:00")
        )
        opens = self.env["ecabinet.offline.open"].search(
            [("user_id", "=", self.member.id)], order="id"
        )
        self.assertEqual(opens.mapped("client_uid"), ["open-0001", "open-0002"])
        self.assertEqual(opens.document_id, self.document)
        # a device whose clock runs ahead: counted at the time of the report
        self.assertIs(
            self._report(
                self._open("open-0003", self.document, "2099-01-01T00:00:00Z")
            )["result"],
            True,
        )
        view = self._view()
        self.assertEqual((view.count, view.offline_count), (4, 3))
        self.assertLess(view.last_date, fields.Datetime.to_datetime("2099-01-01"))
        # another member may use the same ids on their device
        self.authenticate("o_member2", "o_member2")
        self.assertIs(self._report(first)["result"], True)
        self.assertEqual(self._view().count, 4, "the first member's line")

    def test_openings_outside_the_pack_or_of_a_secret_are_refused(self):
        other_meeting = make_session(
            self.other_committee, "Other committee's session", ["Harbour"]
        )
        others = self.env["ecabinet.meeting.document"].create(
            {
                "meeting_id": other_meeting.id,
                "name": "Harbour dredging",
                "datas": PACK_PDF,
                "filename": "harbour.pdf",
            }
        )
        withdrawn = self.env["ecabinet.meeting.document"].create(
            {
                "meeting_id": self.meeting.id,
                "name": "Superseded estimate",
                "datas": PACK_PDF,
                "filename": "old.pdf",
            }
        )
        withdrawn._ecabinet_transition({"withdrawn": True})
        self.authenticate("o_member", "o_member")
        good = self._open("open-0001", self.document)
        for bad, error in (
            (self._open("open-0002", others), "AccessError"),
            (self._open("open-0003", withdrawn), "AccessError"),
            (self._open("open-0004", self.secret), "AccessError"),
            (
                {**self._open("open-0005", self.document), "document_id": 10**7},
                "AccessError",
            ),
            (self._open("x", self.document), "ValidationError"),
            (self._open("open-0006", self.document, "not a date"), "ValidationError"),
        ):
            with self.subTest(bad=bad):
                answer = self._report(good, bad)
                self.assertIn(error, answer["error"]["data"]["name"])
        self.assertIn(
            "state secret",
            self._report(self._open("secret-0001", self.secret))["error"]["data"][
                "message"
            ],
        )
        self.assertFalse(self._view(), "nothing counted, the good one neither")
        self.assertFalse(self._view(self.secret))
        self.assertFalse(self.env["ecabinet.offline.open"].search([]))
        self.assertIn("error", self._report(*[good] * 201))
        self.assertIn("error", self._report("not a list"))
        # signed out: refused
        self.authenticate(None, None)
        self.assertIn("SessionExpired", self._report(good)["error"]["data"]["name"])

    def test_internal_documents_are_kept_with_the_member_name(self):
        self.document.write(
            {
                "confidentiality": "internal",
                "allowed_group_ids": [
                    fields.Command.set(self.env.ref("ecabinet_base.group_member").ids)
                ],
            }
        )
        self.authenticate("o_member", "o_member")
        packs = self.contact()["result"]["packs"]
        kept = {doc["id"]: doc for pack in packs for doc in pack["documents"]}
        response = self.url_open(kept[self.document.id]["pack_url"])
        self.assertEqual(response.status_code, 200)
        self.assertNotEqual(response.content, base64.b64decode(PACK_PDF))
        text = unicodedata.normalize("NFC", pdf_to_text(response.content))
        self.assertIn("Budget estimate page 1", text)
        self.assertIn("Vũ Thị Giang", text)
        self.assertFalse(self._view(), "keeping is not opening")

    def test_report_over_xmlrpc(self):
        self.assertIs(
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                self.member.id,
                "o_member",
                "ecabinet.offline.open",
                "report_opens",
                [[self._open("rpc-00001", self.document)]],
            ),
            True,
        )
        self.assertEqual(self._view().offline_count, 1)

    def test_report_costs_a_fixed_number_of_queries_per_opening(self):
        self.authenticate("o_member", "o_member")
        self._report(self._open("warm-0001", self.document))  # warm the caches
        for count, queries in ((1, OPENS_QUERIES), (3, OPENS_QUERIES + 2 * PER_OPEN)):
            opens = [
                self._open(f"perf-{count}-{n:04d}", self.document) for n in range(count)
            ]
            with self.subTest(opens=count), self.assertQueryCount(queries):
                self.assertIs(self._report(*opens)["result"], True)
        self.assertEqual(self._view().offline_count, 5)
