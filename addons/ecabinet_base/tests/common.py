# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shared test toolkit of the e-Cabinet addons.

Every addon's tests build their world from these pieces rather than copies of
them: users in the e-Cabinet groups (:func:`make_user`), agencies and their portal
officers (:func:`make_agency`, :func:`make_agency_user`), committees with their
seats (:func:`make_committee`, :func:`seat`), real PDF files (:func:`make_pdf`),
documents rendered to the text a reader sees (:class:`ReportTextMixin`,
:func:`pdf_to_text`), real browsers (:class:`BrowsersMixin`), portal requests and
JSON-RPC calls (:class:`PortalTestMixin`) and records forced into a state
(:func:`force_state`). :class:`EcabinetCommon` is ``ecabinet_base``'s own world.
"""

import base64
import copy
import io
import json
import os
import re
import subprocess
import tempfile
import unicodedata
from concurrent.futures import Future
from pathlib import Path
from unittest.mock import patch

from lxml import etree, html
from reportlab.pdfgen import canvas

from odoo import fields
from odoo.sql_db import TestCursor
from odoo.tests import new_test_user
from odoo.tests.common import ChromeBrowser
from odoo.tools import mute_logger

from odoo.addons.bus.models.bus import dispatch, hashable
from odoo.addons.bus.websocket import WebsocketConnectionHandler

PORTAL_MEMBER = "base.group_portal,ecabinet_base.group_member"
INTERNAL_MEMBER = "base.group_user,ecabinet_base.group_member"
# The first day of the committees' term in the tests.
TERM_START = "2026-06-25"
SECRET_LEVELS = ("secret", "top_secret", "absolute_secret")
# The elements that start a new line of text for a reader.
BLOCKS = ("div", "p", "li", "ul", "table", "tr", "td", "th", "br")
# A token in a page: a form's hidden field or the page's script (web.layout).
CSRF_RE = re.compile(r'csrf_token(?:" value="|: ")([^"]+)"')


# Files --------------------------------------------------------------------------


def make_pdf(pages=1, text="Page {page}"):
    """The bytes of a real PDF of ``pages`` pages, each with ``text`` (where
    ``{page}`` is its number): uploads are parsed and a damaged PDF is refused."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for page in range(pages):
        pdf.drawString(100, 750, text.format(page=page + 1))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_pdf_b64(pages=1, text="Page {page}"):
    """:func:`make_pdf`, base64-encoded as Odoo stores binary fields."""
    return base64.b64encode(make_pdf(pages, text))


PDF = make_pdf_b64(text="Submission")


# People, agencies, committees -----------------------------------------------------


def make_user(env, login, groups, **values):
    """A user in ``groups`` (XML ids, comma-separated) whose password is its login
    (for HTTP and RPC tests) and email ``<login>@binhminh.example`` unless
    ``values`` say otherwise."""
    values.setdefault("password", login)
    values.setdefault("email", f"{login}@binhminh.example")
    return new_test_user(env, login=login, groups=groups, **values)


def make_agency(env, name, **values):
    """An agency (a company partner marked as an e-Cabinet agency)."""
    return env["res.partner"].create(
        {"name": name, "is_company": True, "is_ecabinet_agency": True, **values}
    )


def make_agency_user(env, login, agency, groups=PORTAL_MEMBER, **values):
    """A portal user working for ``agency`` (its contact under the agency)."""
    user = make_user(env, login, groups, **values)
    user.partner_id.parent_id = agency
    return user


def seat(person, position="member", date_start=TERM_START, **values):
    """The command that seats ``person`` (a user or a partner) on a committee."""
    partner = person.partner_id if person._name == "res.users" else person
    return fields.Command.create(
        {
            "partner_id": partner.id,
            "position": position,
            "date_start": date_start,
            **values,
        }
    )


def ecabinet_calendar(env, holiday_years=(2027,)):
    """The e-Cabinet working-day calendar with Vietnam's public holidays of
    ``holiday_years`` loaded."""
    calendar = env.ref("ecabinet_base.resource_calendar_ecabinet")
    if holiday_years:
        calendar._ecabinet_load_public_holidays(years=list(holiday_years))
    return calendar


def make_committee(
    env,
    name,
    chair=None,
    members=(),
    secretariat=None,
    date_start=TERM_START,
    **values,
):
    """A committee chaired by ``chair`` with ``members`` (users or partners, seated
    from ``date_start``) and ``secretariat`` (users) as its secretariat."""
    seats = [seat(chair, "chair", date_start)] if chair else []
    seats += [seat(member, "member", date_start) for member in members]
    if secretariat:
        values["secretariat_user_ids"] = [fields.Command.set(secretariat.ids)]
    return env["ecabinet.committee"].create(
        {"name": name, "member_ids": seats, **values}
    )


def force_state(records, state, **values):
    """Put lifecycle ``records`` in ``state`` (with ``values``) directly, as a
    fixture does: the path through their ``action_*`` methods is tested elsewhere,
    and the state-lock mechanism lets only ``_ecabinet_transition`` write it."""
    records._ecabinet_transition({"state": state, **values})
    return records


# Documents as a reader sees them ----------------------------------------------------


def html_text(node):
    """The text of an HTML node as a reader sees it: blocks apart, spaces
    collapsed."""
    node = copy.deepcopy(node)
    for block in node.iter(*BLOCKS):
        block.text = " " + (block.text or "")
        block.tail = " " + (block.tail or "")
    return " ".join(node.text_content().split())


def pdf_to_text(data, *options):
    """The text of PDF ``data`` (bytes) as ``pdftotext`` (poppler) reads it,
    with ``options`` (such as ``-layout``)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(data)
        tmp.flush()
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", *options, tmp.name, "-"],
            capture_output=True,
            check=True,
        ).stdout.decode()


def pdf_words(data):
    """The words of PDF ``data`` as one line of text (``pdftotext``, composed
    Vietnamese letters, single spaces): what a reader reads, for ``assertIn``."""
    return " ".join(unicodedata.normalize("NFC", pdf_to_text(data)).split())


class ReportTextMixin:
    """Reading a rendered QWeb report in a test case: ``self._render(report,
    records)`` gives the HTML document without its style sheet; ``_text``,
    ``_nodes`` and ``_texts`` read it by CSS class.

    Mix it into an ``HttpCase`` (a TransactionCase whose HTTP requests share the
    test's cursor) where a test prints a PDF: wkhtmltopdf fetches the report's style
    sheets from the server, which would otherwise wait for the test's transaction
    to end."""

    def _render(self, report, records, user=None):
        """The rendered document (as ``user`` if given), without its style
        sheet."""
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user)
        content, _format = Report._render_qweb_html(report, records.ids)
        document = html.document_fromstring(content)
        etree.strip_elements(document, "style", "script", with_tail=False)
        return document

    def _pdf_words(self, report, records):
        """The words of ``report`` printed as a PDF for ``records``
        (:func:`pdf_words`)."""
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(report_format, "pdf")
        return pdf_words(pdf)

    def _text(self, node):
        return html_text(node)

    def _nodes(self, node, css_class):
        return node.xpath(f".//*[contains(concat(' ', @class, ' '), ' {css_class} ')]")

    def _texts(self, node, css_class):
        return [self._text(found) for found in self._nodes(node, css_class)]


# Real browsers ---------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Where ``ECABINET_SCREENSHOTS=1`` writes the screenshots the README shows.
README_SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
_original_commit = TestCursor.commit


def _commit_and_notify(cursor):
    """Commit, then wake the websockets of the channels sent to (NOTIFY imbus)."""
    cursor.flush()  # runs the pre-commit hooks that create the bus messages
    channels = set(cursor.postcommit.data.get("bus.bus.channels", ()))
    _original_commit(cursor)
    sockets = set()
    for channel in channels:
        sockets.update(dispatch._channels_to_ws.get(hashable(channel), ()))
    for socket in sockets:
        socket.trigger_notification_dispatching()


class BrowsersMixin:
    """Chromiums of their own in an ``HttpCase``, each signed in as someone, at a
    size, running tours, evaluating code and taking screenshots.

    ``live_bus = True``: the browsers receive the bus's messages. Tests never
    commit, so PostgreSQL's NOTIFY, which wakes the websockets in production,
    never fires: ``TestCursor.commit`` is wrapped to wake the websockets
    subscribed to the channels the transaction sent to, as NOTIFY would; the
    browsers run Odoo's own bus service and websocket worker.

    ``screenshots``: the folder ``ECABINET_SCREENSHOTS=1`` writes the
    screenshots into (they are taken and checked in every run)."""

    live_bus = False
    screenshots = README_SCREENSHOTS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.live_bus:
            cls.startClassPatcher(
                patch.object(
                    WebsocketConnectionHandler, "websocket_allowed", return_value=True
                )
            )
            cls.startClassPatcher(
                patch.object(TestCursor, "commit", _commit_and_notify)
            )

    def setUp(self):
        super().setUp()
        self._browsers = []

    def _browser(self, login, size=None, mobile=None):
        """A Chromium of its own, signed in as ``login`` (public if None), at
        ``size`` (width, height) if given."""
        browser = ChromeBrowser(self, success_signal="tour succeeded")
        if not self._browsers:
            self.addCleanup(self._stop_browsers)
        self._browsers.append(browser)
        self.session = None  # keep the sessions of the other browsers
        self.authenticate(login, login, browser=browser)
        if size:
            self._resize(browser, size, mobile)
        return browser

    def _resize(self, browser, size, mobile=None):
        """Show the page at ``size``; as a phone's (``mobile``) below 800 px
        wide unless told."""
        width, height = size
        browser._websocket_request(
            "Emulation.setDeviceMetricsOverride",
            params={
                "width": width,
                "height": height,
                "deviceScaleFactor": 1,
                "mobile": width < 800 if mobile is None else mobile,
            },
        )

    def _stop_browsers(self):
        """Close the browsers and wait for their last requests: the test reads
        the database on the cursor their requests use."""
        while self._browsers:
            self._browsers.pop().stop()
        self._wait_remaining_requests()

    def _open(self, browser, url, tour):
        """Open ``url`` and wait until tour ``tour`` can start there."""
        self.env.flush_all()
        browser.navigate_to(self.base_url() + url, wait_stop=False)
        self.assertTrue(
            browser._wait_ready(f"odoo.isTourReady({tour!r})"), f"{tour} not ready"
        )

    def _run(self, browser, tour, url, timeout=180):
        """Run tour ``tour`` in ``browser`` (several may run in a row)."""
        options = {
            "stepDelay": 0,
            "keepWatchBrowser": False,
            "debug": False,
            "startUrl": url,
            "delayToCheckUndeterminisms": 0,
        }
        browser._result = Future()
        browser._wait_code_ok(
            f"odoo.startTour({tour!r}, {json.dumps(options)})", timeout
        )

    def _eval(self, browser, code, timeout=60):
        """The value of JavaScript ``code`` (promises awaited) in the page."""
        result = browser._websocket_request(
            "Runtime.evaluate",
            params={"expression": code, "awaitPromise": True, "returnByValue": True},
            timeout=timeout,
        )
        if "exceptionDetails" in result:
            self.fail(f"{code}\n{result['exceptionDetails']}")
        return result["result"].get("value")

    def _screenshot(self, browser, name):
        """Capture the screen; write it into ``screenshots`` if asked to."""
        data = browser._websocket_request(
            "Page.captureScreenshot", params={"format": "png"}, timeout=30
        )["data"]
        png = base64.b64decode(data)
        self.assertTrue(png.startswith(PNG_SIGNATURE), f"{name} is not a PNG")
        if os.environ.get("ECABINET_SCREENSHOTS") == "1":
            self.screenshots.mkdir(parents=True, exist_ok=True)
            (self.screenshots / f"{name}.png").write_bytes(png)


# Portal and JSON-RPC ---------------------------------------------------------------


class PortalTestMixin:
    """Requests of an ``HttpCase`` as a browser makes them."""

    def url_open(self, *args, **kwargs):
        # The request runs on its own cursor and cache: write what the test
        # changed before, read what the request changed after.
        self.env.flush_all()
        response = super().url_open(*args, **kwargs)
        self.env.invalidate_all()
        return response

    def _csrf(self, url):
        """A CSRF token of the page at ``url`` (which must open)."""
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return CSRF_RE.search(page.text).group(1)

    def _rpc(self, model, method, *args, **kwargs):
        """The result of ``/web/dataset/call_kw`` as the signed-in user."""
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _rpc_body(self, model, method, *args, **kwargs):
        """The whole JSON answer of ``/web/dataset/call_kw`` (with ``error``
        where the call failed; the server's log of the failure is muted)."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": kwargs,
            },
        }
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/web/dataset/call_kw/{model}/{method}",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        return response.json()

    def _rpc_error(self, model, method, *args):
        """``(exception name, message)`` a JSON-RPC call ends with."""
        error = self._rpc_body(model, method, *args)["error"]["data"]
        return error["name"], error["message"]


# ecabinet_base's own world ----------------------------------------------------------


class EcabinetCommon:
    """Two committees, their members and a user for each e-Cabinet role.

    Portal and internal members sit on the committee; ``outsider`` sits on another
    committee only. Passwords equal logins (for HTTP and RPC tests).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        cls.agency = make_agency(
            env,
            "Department of Finance",
            ecabinet_agency_code="T01.02",
            ecabinet_agency_type="department",
        )
        cls.other_agency = make_agency(
            env, "Department of Justice", ecabinet_agency_code="T01.04"
        )
        cls.portal_member = make_user(env, "t_portal_member", PORTAL_MEMBER)
        cls.internal_member = make_user(env, "t_internal_member", INTERNAL_MEMBER)
        cls.outsider = make_user(env, "t_outsider", PORTAL_MEMBER)
        cls.agency_user = make_agency_user(env, "t_agency_user", cls.agency)
        cls.staff = make_user(env, "t_staff", "ecabinet_base.group_user")
        cls.secretariat = make_user(
            env, "t_secretariat", "ecabinet_base.group_secretariat"
        )
        cls.chair = make_user(env, "t_chair", "ecabinet_base.group_chair")
        cls.admin = make_user(env, "t_ecabinet_admin", "ecabinet_base.group_admin")
        cls.public = env.ref("base.public_user")

        cls.committee = make_committee(
            env,
            "Test Provincial Committee",
            chair=cls.chair,
            members=cls.portal_member | cls.internal_member,
            code="TPC",
            term_start="2026-06-25",
            term_end="2031-06-30",
        )
        cls.other_committee = make_committee(
            env, "Other Committee", chair=cls.outsider, code="OTH"
        )
        Document = env["ecabinet.document"]
        cls.document = Document.create(
            {
                "name": "Submission on the 2027 investment plan",
                "committee_id": cls.committee.id,
                "agency_id": cls.agency.id,
                "datas": PDF,
                "filename": "plan.pdf",
            }
        )
        cls.internal_document = Document.create(
            {
                "name": "Draft working regulations",
                "committee_id": cls.committee.id,
                "confidentiality": "internal",
                "allowed_group_ids": [cls.env.ref("ecabinet_base.group_chair").id],
            }
        )
        cls.other_document = Document.create(
            {"name": "Other committee's report", "committee_id": cls.other_committee.id}
        )

    @classmethod
    def _member_vals(cls, partner, position, **kw):
        return seat(partner, position, **kw)
