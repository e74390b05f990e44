# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member portal as an installable web app with an offline pack.

- ``/my/ecabinet/offline/manifest.webmanifest``: the web app's manifest, scoped to
  the member's pages ``/my/ecabinet/`` (Odoo's own ``/web/manifest.webmanifest``
  is the backend's, scope ``/odoo``).
- ``/my/ecabinet/offline/service-worker.js``: the service worker, registered by
  the pages for the scope ``/my/ecabinet/`` (or ``/<lang>/my/ecabinet/`` when the
  URL carries a language, which its ``Service-Worker-Allowed`` header permits;
  the manifest takes that scope as a parameter). Both are public
  (they hold no data), as Odoo's are: a signed-out device must still be able to
  update its worker, which then erases the pack.
- ``/my/ecabinet/offline/contact`` (JSON, signed in): the device's key and the
  list of documents it keeps (``ecabinet.offline.device._ecabinet_contact``).
- ``/my/ecabinet/offline/opens`` (JSON, signed in): the openings the device
  made from its pack without network, reported at its next contact
  (``ecabinet.offline.open.report_opens``).
- ``/my/ecabinet/offline``: the page that shows the pack kept on the device;
  the worker serves it from its cache when there is no network.

The documents themselves are fetched by the worker through the pack's own
access-checked route ``/my/ecabinet/documents/<id>/file?pack=1`` (internal
documents with the member's name, as every copy; not counted as an opening).
"""

import hashlib
import json
import re

from odoo import http
from odoo.http import request
from odoo.modules.module import get_manifest
from odoo.tools import file_open

from odoo.addons.portal.controllers.portal import CustomerPortal

SCOPE = "/my/ecabinet/"
SCOPE_RE = re.compile(r"^(/[a-z]{2,3}(_[A-Za-z]{2,4})?)?/my/ecabinet/$")
WORKER_URL = "/my/ecabinet/offline/service-worker.js"
MANIFEST_URL = "/my/ecabinet/offline/manifest.webmanifest"
CONTACT_URL = "/my/ecabinet/offline/contact"
OPENS_URL = "/my/ecabinet/offline/opens"
OFFLINE_PAGE_URL = "/my/ecabinet/offline"
WORKER_SOURCE = "ecabinet_offline/static/src/sw/service_worker.js"
# JSON routes whose POSTs the worker keeps while the network is down and sends
# again, in order, when it returns (the server makes them idempotent, e.g. by
# the client's id of each operation). More can be added by the system parameter
# ``ecabinet_offline.queued_paths`` (comma-separated paths).
QUEUED_PATHS = ("/my/ecabinet/annotations/sync",)


class EcabinetOfflineController(CustomerPortal):
    def _ecabinet_offline_config(self):
        extra = (
            request.env["ir.config_parameter"]
            .sudo()
            .get_param("ecabinet_offline.queued_paths", "")
        )
        queued = [*QUEUED_PATHS, *(p.strip() for p in extra.split(",") if p.strip())]
        return {
            "scope": SCOPE,
            "contactUrl": CONTACT_URL,
            "opensUrl": OPENS_URL,
            "offlinePage": OFFLINE_PAGE_URL,
            "documentPattern": r"^/my/ecabinet/documents/(\d+)/file$",
            "queuedPaths": queued,
            "version": get_manifest("ecabinet_offline")["version"],
        }

    @http.route(MANIFEST_URL, type="http", auth="public", methods=["GET"])
    def ecabinet_offline_manifest(self, scope=None):
        # the member's pages, under a language's prefix when their URL has one
        if not (scope and SCOPE_RE.match(scope)):
            scope = SCOPE
        company = request.env.company.sudo()
        manifest = {
            "id": scope,
            "name": request.env._("e-Cabinet: %(company)s", company=company.name),
            "short_name": request.env._("e-Cabinet"),
            "description": request.env._(
                "Session packs of the committee members, also without network."
            ),
            "scope": scope,
            "start_url": f"{scope}sessions",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#714B67",
            "prefer_related_applications": False,
            "icons": [
                {
                    "src": f"/ecabinet_offline/static/img/icon-{size}.png",
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                }
                for size in (192, 512)
            ],
        }
        return request.make_json_response(
            manifest,
            headers={
                "Content-Type": "application/manifest+json",
                "Cache-Control": "no-cache",
            },
        )

    @http.route(WORKER_URL, type="http", auth="public", methods=["GET"])
    def ecabinet_offline_service_worker(self):
        config = self._ecabinet_offline_config()
        with file_open(WORKER_SOURCE) as source:
            body = source.read()
        # The configuration and the source name the worker's version: a new one
        # installs itself when either changes.
        config["version"] += "-" + hashlib.sha256(body.encode()).hexdigest()[:12]
        content = f"const ECABINET_OFFLINE = {json.dumps(config)};\n{body}"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "text/javascript; charset=utf-8"),
                # the pages of the member under any language's prefix too
                # (/vi/my/ecabinet/): the page registers the exact scope
                ("Service-Worker-Allowed", "/"),
                ("Cache-Control", "no-cache"),
            ],
        )

    @http.route(CONTACT_URL, type="json", auth="user", methods=["POST"])
    def ecabinet_offline_contact(self, device_uid=None, **kw):
        return request.env["ecabinet.offline.device"]._ecabinet_contact(
            device_uid,
            session_identifier=request.session.sid[:42],
            user_agent=request.httprequest.user_agent.string,
        )

    @http.route(OPENS_URL, type="json", auth="user", methods=["POST"])
    def ecabinet_offline_opens(self, opens=None, **kw):
        return request.env["ecabinet.offline.open"].report_opens(opens)

    @http.route(
        OFFLINE_PAGE_URL, type="http", auth="user", methods=["GET"], website=True
    )
    def ecabinet_offline_page(self, **kw):
        values = self._prepare_portal_layout_values()
        values["page_name"] = "ecabinet_offline"
        return request.render("ecabinet_offline.portal_my_ecabinet_offline", values)
