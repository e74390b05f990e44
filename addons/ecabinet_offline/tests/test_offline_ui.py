# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The offline pack in Chromium: the service worker keeps the pack, the network
is cut with Chromium's network emulation (DevTools protocol, on the page and on
the service worker), the pack still opens, annotations made offline are sent
when the network returns, and a wipe erases everything at the next contact."""

import json
import time
from concurrent.futures import Future
from pathlib import Path

from werkzeug.urls import url_join

from odoo import http
from odoo.http import request
from odoo.tests import HttpCase, tagged

from odoo.addons.ecabinet_base.tests.common import BrowsersMixin

from ..controllers.main import EcabinetOfflineController
from .common import OfflineCommon

TEST_SYNC = "/ecabinet_offline_test/sync"

# JavaScript helpers evaluated in the page.
JS_HELPERS = """
window.__offline = {
    ask(message) {
        return new Promise((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = (event) => resolve(event.data);
            navigator.serviceWorker.controller.postMessage(message, [channel.port2]);
        });
    },
    async store(name) {
        const db = await new Promise((resolve, reject) => {
            const open = indexedDB.open("ecabinet_offline");
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
        });
        if (!db.objectStoreNames.contains(name)) {
            db.close();
            return {};
        }
        const result = await new Promise((resolve, reject) => {
            const transaction = db.transaction(name);
            const store = transaction.objectStore(name);
            const values = store.getAll();
            const keys = store.getAllKeys();
            transaction.oncomplete = () => {
                const map = {};
                keys.result.forEach((k, i) => (map[k] = values.result[i]));
                resolve(map);
            };
            transaction.onerror = () => reject(transaction.error);
        });
        db.close();
        return result;
    },
    async post(url, params) {
        const response = await fetch(url, {
            method: "POST",
            headers: {"Content-Type": "application/json"},
            body: JSON.stringify({jsonrpc: "2.0", method: "call", id: 7, params}),
        });
        return {queued: response.headers.get("X-Ecabinet-Queued") === "1",
                body: await response.json()};
    },
};
true;
"""


@tagged("post_install", "-at_install")
class TestOfflineUi(BrowsersMixin, OfflineCommon, HttpCase):
    browser_size = "820x1180"  # a tablet
    # ECABINET_SCREENSHOTS=1 keeps the screenshots here (the README's come from them)
    screenshots = (
        Path(__file__).resolve().parents[3] / ".odoo-data" / "screenshots" / "offline"
    )

    # The test-only JSON route the queue is checked against (the annotations'
    # route has the same contract: ops applied in order, idempotent by
    # client_uid).
    received = []

    def setUp(self):
        super().setUp()
        received = type(self).received = []
        applied = set()

        def sync(self_controller, ops=(), **kw):
            for op in ops:
                if op["op"] == "create":  # every create sent, duplicates too
                    received.append(op["client_uid"])
                applied.add(op["client_uid"])
            return {"applied": sorted(applied), "uid": request.env.uid}

        sync.routing_type = "json"
        self.env.registry.clear_cache("routing")
        EcabinetOfflineController.ecabinet_offline_test_sync = http.route(
            TEST_SYNC, type="json", auth="user"
        )(sync)

        @self.addCleanup
        def cleanup():
            del EcabinetOfflineController.ecabinet_offline_test_sync
            self.env.registry.clear_cache("routing")

        self.env["ir.config_parameter"].sudo().set_param(
            "ecabinet_offline.queued_paths", TEST_SYNC
        )

    # Chromium ------------------------------------------------------------------------

    def _start_browser(self, login):
        self.worker_sessions = {}
        self.http_request_key = self.canonical_tag + "_browser_js"
        browser = self._browser(login)
        self.cr.flush()
        self.cr.clear()
        return browser

    def _goto(self, browser, path, ready, timeout=60):
        browser.navigate_to(url_join(self.base_url(), path))
        self.assertTrue(browser._wait_ready(ready, timeout=timeout), f"{path}: {ready}")
        self._eval(browser, JS_HELPERS)

    def _session_command(self, browser, session_id, method, params=None):
        """A DevTools command to an attached target (the service worker)."""
        request_id = next(browser._request_id)
        future = browser._responses[request_id] = Future()
        browser.ws.send(
            json.dumps(
                {
                    "id": request_id,
                    "method": method,
                    "params": params or {},
                    "sessionId": session_id,
                }
            )
        )
        return future.result(timeout=10)

    def _network(self, browser, online):
        """Cut or give back the network of the page and of its service worker."""
        conditions = {
            "offline": not online,
            "latency": 0,
            "downloadThroughput": -1,
            "uploadThroughput": -1,
        }
        browser._websocket_request("Network.enable")
        browser._websocket_request(
            "Network.emulateNetworkConditions", params=conditions
        )
        targets = browser._websocket_request("Target.getTargets")["targetInfos"]
        workers = [t for t in targets if t["type"] == "service_worker"]
        self.assertTrue(workers, "no service worker is running")
        for worker in workers:
            # one DevTools session per worker: its conditions are the session's
            if worker["targetId"] not in self.worker_sessions:
                session_id = browser._websocket_request(
                    "Target.attachToTarget",
                    params={"targetId": worker["targetId"], "flatten": True},
                )["sessionId"]
                self._session_command(browser, session_id, "Network.enable")
                self.worker_sessions[worker["targetId"]] = session_id
            self._session_command(
                browser,
                self.worker_sessions[worker["targetId"]],
                "Network.emulateNetworkConditions",
                conditions,
            )

    def _received(self, real):
        """The client ids the server applied, in the order it received them."""
        if not real:
            return list(self.received)
        self._wait_remaining_requests()
        # the service worker may send a request at any time: none runs on the
        # shared cursor while the test reads
        with self.registry.test_lock:
            self.env.invalidate_all()
            return (
                self.env["ecabinet.meeting.annotation"]
                .sudo()
                .search([("user_id", "=", self.member.id)], order="id")
                .mapped("client_uid")
            )

    def _views(self, offline=False):
        """How often the member opened the document (``offline``: of which
        without network), as the server counts."""
        self._wait_remaining_requests()
        with self.registry.test_lock:  # as in _received
            self.env.invalidate_all()
            view = (
                self.env["ecabinet.meeting.document.view"]
                .sudo()
                .search(
                    [
                        ("document_id", "=", self.document.id),
                        ("partner_id", "=", self.member.partner_id.id),
                    ]
                )
            )
            return view.offline_count if offline else view.count

    # The test ------------------------------------------------------------------------

    def test_pack_read_offline_annotations_replayed_then_wiped(self):
        # in Vietnamese: the translations too are read from the device offline
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["web", "portal", "ecabinet_base", "ecabinet_meeting", "ecabinet_offline"],
            ["vi_VN"],
            overwrite=True,
        )
        self.member.lang = "vi_VN"
        browser = self._start_browser("o_member")
        session_url = f"/my/ecabinet/sessions/{self.meeting.id}"
        # 1. online: the worker takes the pack
        self._goto(
            browser,
            session_url,
            "document.body.dataset.ecabinetOffline === 'online'"
            " && !!navigator.serviceWorker.controller",
        )
        docs = self._eval(
            browser,
            """__offline.store("docs").then((docs) => Object.values(docs).map((d) => ({
                id: d.id,
                plain: new TextDecoder().decode(new Uint8Array(d.cipher).slice(0, 5)),
                iv: d.iv.length,
            })))""",
        )
        self.assertEqual(
            sorted(d["id"] for d in docs),
            sorted([self.document.id, self.closed_document.id]),
        )
        for doc in docs:
            self.assertNotEqual(doc["plain"], "%PDF-", "kept in clear")
            self.assertEqual(doc["iv"], 12)
        meta = self._eval(
            browser,
            """__offline.store("meta").then((m) => ({
                packs: !!m.packs && !!m.packs.cipher,
                clear: JSON.stringify(m).includes("Budget"),
                extractable: m.key.key.extractable,
            }))""",
        )
        self.assertEqual(meta, {"packs": True, "clear": False, "extractable": False})
        opened = self._views()
        self.assertEqual(opened, 0, "keeping the pack is not opening it")

        # 2. no network: the pack still opens, from the device
        self._network(browser, online=False)
        self._goto(
            browser,
            session_url,
            "document.querySelector('.o_ecabinet_offline_reader')"
            ".dataset.state === 'ready'",
        )
        shown = self._eval(
            browser,
            """({
                status: document.body.dataset.ecabinetOffline,
                banner: document.querySelector(".o_ecabinet_offline_status")
                    .textContent,
                open: document.querySelector(".o_ecabinet_offline_document a")
                    .textContent,
                titles: [...document.querySelectorAll(".o_ecabinet_offline_document")]
                    .map((li) => li.textContent),
            })""",
        )
        self.assertEqual(shown["status"], "offline")
        self.assertEqual(
            shown["banner"],
            "Không có mạng: đang hiển thị bộ tài liệu lưu trên thiết bị này.",
        )
        self.assertEqual(shown["open"], "Mở")
        self._screenshot(browser, "member-offline-tablet")
        self.assertTrue(any("Budget estimate 2027" in t for t in shown["titles"]))
        self.assertFalse(any("Security plan" in t for t in shown["titles"]))
        pdf = self._eval(
            browser,
            f"""fetch("/my/ecabinet/documents/{self.document.id}/file").then(
                async (r) => ({{
                    status: r.status,
                    offline: r.headers.get("X-Ecabinet-Offline"),
                    type: r.headers.get("Content-Type"),
                    head: new TextDecoder().decode(
                        new Uint8Array(await r.arrayBuffer()).slice(0, 5)),
                }}))""",
        )
        self.assertEqual(
            pdf,
            {"status": 200, "offline": "1", "type": "application/pdf", "head": "%PDF-"},
        )
        self.assertEqual(self._views(), opened, "the open reached the server")
        secret = self._eval(
            browser,
            f"""fetch("/my/ecabinet/documents/{self.secret.id}/file").then(
                () => "served", () => "failed")""",
        )
        self.assertEqual(secret, "failed")

        # 3. annotations made offline are kept, in order: sent to the reader's
        # route (ecabinet_meeting's annotations) when it is installed, else to
        # this test's route of the same contract
        real = "ecabinet.meeting.annotation" in self.env
        sync = "/my/ecabinet/annotations/sync" if real else TEST_SYNC
        for uid in ("note-a", "note-b"):
            op = {
                "op": "create",
                "client_uid": uid,
                "document_id": self.document.id,
                "version": 1,
                "page": 1,
                "kind": "note",
                "data": {"x": 0.1, "y": 0.2},
                "text": f"Written offline ({uid})",
            }
            answer = self._eval(
                browser,
                f"__offline.post({json.dumps(sync)}, {json.dumps({'ops': [op]})})",
            )
            self.assertTrue(answer["queued"])
            self.assertEqual(answer["body"]["result"]["queued"], True)
        self.assertEqual(self._received(real), [])
        # the opening is kept on the device, before the two notes
        self.assertEqual(
            self._eval(browser, '__offline.ask({type: "queue"})'), {"count": 3}
        )
        queued = self._eval(
            browser,
            """__offline.store("queue").then((q) => Object.values(q).map(
                (e) => new URL(e.url).pathname))""",
        )
        self.assertEqual(
            queued,
            ["/my/ecabinet/offline/opens", *[sync] * 2],
        )

        # 4. the network returns: sent once each, in order; the opening made
        # offline is counted, marked offline
        self._network(browser, online=True)
        self.assertEqual(
            self._eval(browser, '__offline.ask({type: "flush"})'), {"sent": 3}
        )
        self.assertEqual(self._received(real), ["note-a", "note-b"])
        self.assertEqual(
            self._eval(browser, '__offline.ask({type: "flush"})'), {"sent": 0}
        )
        self.assertEqual(self._received(real), ["note-a", "note-b"])
        self.assertEqual((self._views(), self._views(offline=True)), (1, 1))
        with self.registry.test_lock:  # as in _received
            reported = self.env["ecabinet.offline.open"].search(
                [("user_id", "=", self.member.id)]
            )
            self.assertEqual(reported.document_id, self.document)
            self.assertEqual(len(reported.client_uid), 36)  # the worker's own id
        # online, a POST goes straight through
        params = {
            "ops": [{"op": "write", "client_uid": "note-a", "text": "Changed online"}],
            "document_ids": [self.document.id],
        }
        answer = self._eval(
            browser, f"__offline.post({json.dumps(sync)}, {json.dumps(params)})"
        )
        self.assertFalse(answer["queued"])
        self.assertNotIn("error", answer["body"])
        self.assertEqual(self._received(real), ["note-a", "note-b"])

        # 5. the secretariat wipes the member's devices: at the next contact the
        # pack, its key and the kept page are gone
        # (once the worker is idle: its requests share the test's cursor)
        self.assertEqual(
            self._eval(browser, '__offline.ask({type: "contact"})')["state"], "online"
        )
        self._wait_remaining_requests()
        with self.registry.test_lock:  # as in _received
            self.attendee.with_user(self.secretariat).action_ecabinet_wipe_devices()
            self.cr.flush()
        browser.navigate_to(url_join(self.base_url(), session_url))
        self.assertTrue(
            browser._wait_ready("location.pathname === '/web/login'"), "not signed out"
        )
        self._eval(browser, JS_HELPERS)
        deadline = time.time() + 30
        while time.time() < deadline:
            left = self._eval(
                browser,
                """Promise.all([__offline.store("docs"), __offline.store("meta"),
                    caches.keys()]).then(([docs, meta, names]) => ({
                    docs: Object.keys(docs).length,
                    meta: Object.keys(meta).filter((k) => k !== "uid"),
                    caches: names.filter((n) => n.startsWith("ecabinet-offline-")),
                }))""",
            )
            if left == {"docs": 0, "meta": [], "caches": []}:
                break
            time.sleep(0.5)
        self.assertEqual(left, {"docs": 0, "meta": [], "caches": []})
        browser.navigate_to("about:blank", wait_stop=True)
        self._wait_remaining_requests()
        with self.registry.test_lock:  # as in _received
            self.env.invalidate_all()
            device = (
                self.env["ecabinet.offline.device"]
                .sudo()
                .search([("user_id", "=", self.member.id)])
            )
            self.assertEqual(device.revoke_reason, "wiped")
            self.assertEqual(len(device.device_uid), 36)  # the worker's random id

    def test_device_offline_too_long_stops_showing_the_pack(self):
        self.committee.offline_max_hours = 0.003  # 10.8 seconds
        browser = self._start_browser("o_member")
        self._goto(
            browser,
            "/my/ecabinet/offline",
            "document.querySelector('.o_ecabinet_offline_reader')"
            ".dataset.state === 'ready' && !!navigator.serviceWorker.controller",
        )
        started = time.time()
        self._network(browser, online=False)
        ready = (
            "document.querySelector('.o_ecabinet_offline_reader')"
            ".dataset.state === '{}'"
        )
        self._goto(browser, "/my/ecabinet/offline", ready.format("ready"))
        time.sleep(max(0, 12 - (time.time() - started)))
        self._goto(browser, "/my/ecabinet/offline", ready.format("locked"))
        self.assertEqual(
            self._eval(browser, "document.body.dataset.ecabinetOffline"), "locked"
        )
        opened = self._eval(
            browser,
            f"""fetch("/my/ecabinet/documents/{self.document.id}/file").then(
                () => "served", () => "failed")""",
        )
        self.assertEqual(opened, "failed")
        # the key is forgotten; the encrypted documents wait for the next contact
        kept = self._eval(
            browser,
            """Promise.all([__offline.store("docs"), __offline.store("meta")]).then(
                ([docs, meta]) => [Object.keys(docs).length, "key" in meta])""",
        )
        self.assertEqual(kept, [2, False])
        # back online: the contact gives the key again
        self._network(browser, online=True)
        self._goto(browser, "/my/ecabinet/offline", ready.format("ready"))
        self.assertEqual(
            self._eval(browser, "document.body.dataset.ecabinetOffline"), "online"
        )
