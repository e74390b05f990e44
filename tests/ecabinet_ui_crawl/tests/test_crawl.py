# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every e-Cabinet screen opened in Chromium, in Vietnamese, for every role and size.

For each role (secretariat, chair, member internal and portal, agency, invitee) and
each size (desktop, tablet, phone) one Chromium is started and logged in as the
role's demo user, whose language is vi_VN. Python drives the crawl screen by
screen through the DevTools protocol:

* backend roles: the web client is loaded once, then every e-Cabinet menu visible
  to the user is opened through the action service, in every view type of its
  window action (a form on a demo record the user can read), and on that form each
  header or stat button of a safe allow-list (buttons that open a view, a wizard,
  the console or a report; see ``static/tests/ui_crawl.js``) is clicked;
* portal roles (and the internal member): every portal and live route of ours on
  demo records the user can read, the projector and the email-link answer pages.

A screen fails on an error dialog, a JavaScript error or exception, an HTTP 4xx/5xx
of a page or request, a JSON-RPC error, and on any visible text equal to one of our
English source terms (msgids of each addon's ``.pot`` translated differently in its
``vi.po``). Truncated column headers, badges, kanban and console titles are reported
in the log (not a failure). ``ECABINET_SCREENSHOTS=1`` saves a PNG per screen;
``ECABINET_CRAWL_REPORT=<file>`` writes every screen's findings as JSON lines.
"""

import base64
import contextlib
import json
import logging
import os
import re
import time
from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged
from odoo.tests.common import HOST, ChromeBrowser, _find_executable
from odoo.tools import html2plaintext

try:
    import websocket
except ImportError:  # pragma: no cover - checked loudly in setUpClass
    websocket = None

_logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[3]
JS_FILE = Path(__file__).resolve().parents[1] / "static" / "tests" / "ui_crawl.js"
LANG = "vi_VN"

SIZES = {
    "desktop": ("1440x900", False),
    "tablet": ("820x1180", True),
    "phone": ("390x844", True),
}
# Every backend screen is opened at desktop size. At tablet and phone size the
# backend crawl opens the screens used on the move: the list, kanban and form
# views of sessions, ballots, tasks and the outbox, with the console and the
# "Thông báo" buttons; the other menus, the analysis views (pivot, graph,
# calendar, activity) and the other buttons (reports, related lists) are left to
# the desktop crawl, which keeps the 18 crawls within minutes on a small machine.
# Portal, live and email-link pages are opened at every size.
SMALL_SIZE_MODELS = (
    "ecabinet.meeting",
    "ecabinet.ballot",
    "ecabinet.task",
    "ecabinet.notification",
)
SMALL_SIZE_VIEW_TYPES = ("list", "kanban", "form")
SMALL_SIZE_BUTTONS = (
    "action_open_console",
    "action_open_secretariat_console",
    "action_view_ecabinet_notifications",
)
# The form of a model is opened on a record in one of these states when there is
# one, so that its buttons (console, notifications) are there.
PREFERRED_RECORDS = {
    "ecabinet.meeting": [("state", "in", ("in_progress", "invited"))],
    "ecabinet.ballot": [("state", "=", "open")],
}
VIEW_TYPES = ("list", "kanban", "form", "pivot", "graph", "calendar", "activity")
PLACEHOLDER_RE = re.compile(r"%\([^)]*\)[sdif]|%[sdif]|\{[^}]*\}")
TECHNICAL_RE = re.compile(r"[\w\-/]*[_.][\w.\-/]*")


def _norm(text):
    return " ".join((text or "").split())


def plausible_ui_term(msgid):
    """A msgid that can be shown as a whole text on a screen: not a single
    character, a number, a placeholder, markup or a technical name."""
    text = _norm(msgid)
    if len(text) < 2 or not re.search(r"[A-Za-z]{2}", text):
        return False
    if "<" in text and ">" in text:
        return False
    if TECHNICAL_RE.fullmatch(text) and not text.endswith("."):
        return False
    return True


def english_terms(addon_names):
    """(terms, patterns): our English source terms left untranslated would be
    one of ``terms`` exactly or match one of ``patterns`` (terms with
    placeholders, as JavaScript regular expressions)."""
    terms, patterns = set(), set()
    for name in sorted(addon_names):
        path = get_module_path(name)
        i18n = Path(path or "", "i18n")
        pot, vi_po = i18n / f"{name}.pot", i18n / "vi.po"
        if not pot.is_file():
            continue
        translated = {}
        if vi_po.is_file():
            translated = {e.msgid: e.msgstr for e in polib.pofile(str(vi_po))}
        for entry in polib.pofile(str(pot)):
            msgid = entry.msgid
            if translated.get(msgid) == msgid or not plausible_ui_term(msgid):
                continue
            text = _norm(msgid)
            if PLACEHOLDER_RE.search(text):
                parts = PLACEHOLDER_RE.split(text)
                if sum(len(re.sub(r"\W", "", p)) for p in parts) < 4:
                    continue
                patterns.add("^" + ".+?".join(re.escape(p) for p in parts) + "$")
            else:
                terms.add(text)
    return sorted(terms), sorted(patterns)


class CrawlBrowser(ChromeBrowser):
    """Odoo's test Chromium, keeping what goes wrong instead of stopping: console
    errors, uncaught exceptions and HTTP 4xx/5xx responses are collected in
    ``events`` and read by the crawl after each screen."""

    def __init__(self, test_case):
        self.events = []
        super().__init__(test_case)
        self._handlers["Network.responseReceived"] = self._crawl_response
        self._websocket_request("Network.enable")
        # The committee's people read times in Vietnam's time zone, as their
        # browsers do (the web client shows times in the browser's zone).
        self._websocket_request(
            "Emulation.setTimezoneOverride", params={"timezoneId": "Asia/Ho_Chi_Minh"}
        )

    def _handle_console(self, type, args=None, stackTrace=None, **kw):  # pylint: disable=redefined-builtin
        if type != "error":
            return super()._handle_console(type, args=args, stackTrace=stackTrace, **kw)
        message = " ".join(str(self._from_remoteobject(arg)) for arg in args or [])
        self._logger.warning("browser console error: %s", message)
        self.events.append(f"console error: {message[:500]}")

    def _handle_exception(self, exceptionDetails, timestamp):
        message = exceptionDetails.get("text", "")
        exception = exceptionDetails.get("exception")
        if exception:
            message += " " + str(self._from_remoteobject(exception))
        self._logger.warning("browser exception: %s", message)
        self.events.append(f"JavaScript exception: {message[:500]}")

    def _crawl_response(self, response, type=None, **kw):  # pylint: disable=redefined-builtin
        status, url = response.get("status", 0), response.get("url", "")
        if status >= 400 and url.startswith(f"http://{HOST}"):
            self.events.append(f"HTTP {status} ({type}) {url}")

    def evaluate(self, expression, timeout=60):
        result = self._websocket_request(
            "Runtime.evaluate",
            params={
                "expression": expression,
                "awaitPromise": True,
                "returnByValue": True,
            },
            timeout=timeout,
        )
        if result.get("exceptionDetails"):
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get(
                "text"
            )
            raise RuntimeError(str(text)[:500])
        return result["result"].get("value")

    def screenshot(self, path):
        result = self._websocket_request("Page.captureScreenshot", timeout=30)
        path.write_bytes(base64.b64decode(result["data"]))


@tagged("post_install", "-at_install")
class TestUiCrawl(HttpCase):
    """One test per role, each crawling desktop, tablet and phone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A skipped browser test is not a passing one: fail loudly.
        if websocket is None:
            raise AssertionError(
                "the UI crawl needs the Python package websocket-client"
            )
        try:
            _find_executable()
        except Exception as error:
            raise AssertionError(f"the UI crawl needs Chromium: {error}") from error
        env = cls.env
        env["res.lang"]._activate_lang(LANG)
        env["ir.module.module"].search(
            [("state", "=", "installed")]
        )._update_translations(LANG)
        cls.addons = env["ir.module.module"].search(
            [("state", "=", "installed"), ("name", "=like", "ecabinet\\_%")]
        )
        cls.terms, cls.patterns = english_terms(
            name
            for name in cls.addons.mapped("name")
            if Path(get_module_path(name) or "").parent.name == "addons"
        )
        _logger.info(
            "UI crawl: %s English terms and %s patterns of %s addons",
            len(cls.terms),
            len(cls.patterns),
            len(cls.addons),
        )
        Users = env["res.users"].with_context(active_test=False)
        cls.users = {
            role: Users.search([("login", "=", login)])
            for role, login in (
                ("secretariat", "secretariat"),
                ("chair", "chair"),
                ("member_internal", "member.snv"),
                ("member_portal", "member.stc"),
                ("agency", "agency.stc"),
            )
        }
        missing = [role for role, user in cls.users.items() if not user]
        if missing:
            raise AssertionError(f"the demo data has no user for {missing}")
        cls.users["invitee"] = cls._invitee_user()
        for user in cls.users.values():
            user.sudo().write({"lang": LANG})
        env["ir.default"].set("res.partner", "lang", LANG)
        cls.stored_english = cls._texts_stored_at_install()
        cls._start_a_session()
        cls.screens_dir = None
        if os.environ.get("ECABINET_SCREENSHOTS") == "1":
            cls.screens_dir = Path(
                os.environ.get("ECABINET_SCREENSHOTS_DIR")
                or REPO_ROOT / ".odoo-data" / "screenshots"
            )
            cls.screens_dir.mkdir(parents=True, exist_ok=True)
            _logger.info("UI crawl: screenshots in %s", cls.screens_dir)
        cls.report_file = os.environ.get("ECABINET_CRAWL_REPORT")

    @classmethod
    def _texts_stored_at_install(cls):
        """Texts the records already hold: chatter lines and outbox errors written
        when the test database was installed, in the database's language of the
        time (English: ``run_tests.py`` installs without ``--load-language``,
        unlike ``make run``). They are data written once, not labels of a screen;
        the texts written during the crawl (session started, vote opened) are
        checked like any label, and the language stored texts are written in is
        tested by ``ecabinet_meeting`` / ``ecabinet_opinion`` ``test_texts``."""
        cr = cls.env.cr
        cr.execute(
            "SELECT body FROM mail_message WHERE body IS NOT NULL"
            " UNION SELECT last_error FROM ecabinet_notification"
            " WHERE last_error IS NOT NULL"
        )
        return {_norm(html2plaintext(text or "")) for (text,) in cr.fetchall()} - {""}

    @classmethod
    def _invitee_user(cls):
        """A portal user for the partner invited to one item of the next session."""
        attendee = cls.env["ecabinet.meeting.attendee"].search(
            [
                ("role", "=", "invitee"),
                ("meeting_id.state", "in", ("invited", "in_progress")),
            ],
            limit=1,
        )
        if not attendee:
            raise AssertionError("the demo data has no invitee to one agenda item")
        partner = attendee.partner_id
        user = partner.user_ids[:1]
        if not user:
            user = (
                cls.env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": partner.name,
                        "login": "invitee.crawl",
                        "password": "invitee.crawl",
                        "partner_id": partner.id,
                        "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])],
                    }
                )
            )
        cls.passwords = {"invitee.crawl": "invitee.crawl"}
        return user

    @classmethod
    def _start_a_session(cls):
        """The next session in progress, its first item on the floor and a vote
        open: the console, the live tablet page and the projector show their
        live state."""
        meeting = cls.env.ref("ecabinet_meeting.meeting_next")
        chair = cls.users["chair"]
        try:
            with cls.env.cr.savepoint():
                for attendee in meeting.attendee_ids.filtered(
                    lambda a: a.role != "invitee" and a.answer != "decline"
                ):
                    attendee.with_user(cls.users["secretariat"]).action_present()
                meeting.with_user(chair).action_start()
                meeting.with_user(chair).ecabinet_next_item()
                item = meeting.agenda_item_ids.filtered(
                    lambda i: i.state == "in_progress"
                )[:1]
                if item and hasattr(item, "action_open_open_vote"):
                    item.with_user(chair).action_open_open_vote()
        except Exception as error:  # noqa: BLE001 - the crawl goes on with the demo as is
            _logger.warning(
                "UI crawl: the next session could not be started: %s", error
            )
        meeting._ecabinet_ensure_projector_token()
        cls.meeting = meeting

    # ------------------------------------------------------------------ screens

    def _backend_screens(self, user):
        """(menu path, menu id, action id, model, view type, record id) of every
        e-Cabinet menu visible to ``user``."""
        Menu = self.env["ir.ui.menu"].with_user(user)
        root = self.env.ref("ecabinet_base.ecabinet_menu_root")
        visible = Menu._visible_menu_ids()
        menus = Menu.browse(visible).filtered(
            lambda m: m.action and m.parent_path.startswith(root.parent_path)
        )
        screens = []
        for menu in menus.sorted(lambda m: m.parent_path):
            action = menu.action.sudo()
            if action._name != "ir.actions.act_window":
                continue
            path = " / ".join(
                m.with_context(lang=LANG).name
                for m in Menu.sudo().browse(
                    [int(x) for x in menu.parent_path.split("/")[:-1]]
                )
            )
            Model = self.env[action.res_model].with_user(user)
            if not Model.has_access("read"):
                continue
            modes = [m for m in (action.view_mode or "").split(",") if m in VIEW_TYPES]
            for mode in modes:
                res_id = False
                if mode == "form" and not Model.is_transient():
                    record = Model.search(
                        PREFERRED_RECORDS.get(action.res_model, []), limit=1
                    )
                    record = record or Model.search([], limit=1)
                    if not record:
                        continue
                    res_id = record.id
                screens.append(
                    (path, menu.id, action.id, action.res_model, mode, res_id)
                )
        return screens

    def _portal_urls(self, role, user):
        env = self.env(user=user)
        urls = [
            "/my",
            "/my/ecabinet/sessions",
            "/my/ecabinet/ballots",
            "/my/ecabinet/tasks",
            "/my/ecabinet/documents",
            "/my/ecabinet/notifications",
            "/my/sign",
        ]
        if role == "agency":
            urls += ["/my/ecabinet/sessions/propose", "/my/ecabinet/documents/new"]
        if "ecabinet.offline.device" in self.env:  # ecabinet_offline
            urls.append("/my/ecabinet/offline")

        def first(model, domain=(), limit=1, order=None):
            Model = env[model]
            if not Model.has_access("read"):
                return Model
            return Model.search(list(domain), limit=limit, order=order)

        partner = user.partner_id
        attendees = (
            self.env["ecabinet.meeting.attendee"]
            .sudo()
            .search([("partner_id", "=", partner.id)], order="id desc")
        )
        for meeting in attendees.meeting_id:
            urls.append(f"/my/ecabinet/sessions/{meeting.id}")
            if meeting.state in ("invited", "in_progress"):
                urls.append(f"/my/ecabinet/sessions/{meeting.id}/live")
        # the reader, on the first document of the pack the person may read
        for document in first(
            "ecabinet.meeting.document",
            [
                ("meeting_id", "in", attendees.meeting_id.ids),
                ("is_state_secret", "=", False),
                ("withdrawn", "=", False),
                ("datas", "!=", False),
            ],
        ):
            urls.append(
                f"/my/ecabinet/sessions/{document.meeting_id.id}/read/{document.id}"
            )
        for attendee in attendees.filtered(
            lambda a: a.meeting_id.state in ("invited", "in_progress")
        )[:1]:
            urls.append(
                f"/ecabinet/invitation/{attendee.id}/{attendee.sudo().access_token}"
            )
        for ballot in first("ecabinet.ballot", limit=2, order="id desc"):
            urls.append(f"/my/ecabinet/ballots/{ballot.id}")
        voter = (
            self.env["ecabinet.ballot.voter"]
            .sudo()
            .search(
                [("partner_id", "=", partner.id), ("ballot_id.state", "=", "open")],
                limit=1,
            )
        )
        if voter:
            urls.append(f"/ecabinet/ballot/{voter.id}/{voter.access_token}")
        for task in first("ecabinet.task", limit=2):
            urls.append(f"/my/ecabinet/tasks/{task.id}")
        for document in first("ecabinet.document"):
            urls.append(f"/my/ecabinet/documents/{document.id}")
        for request in first("ecabinet.sign.request"):
            urls.append(f"/my/sign/{request.id}")
        if role == "member_portal" and self.meeting.sudo().projector_token:
            urls.append(f"/ecabinet/projector/{self.meeting.sudo().projector_token}")
        return list(dict.fromkeys(urls))

    # ------------------------------------------------------------------ crawl

    def _record(self, browser, role, size, screen, started):
        """The findings of the screen as it is now in ``browser``."""
        try:
            found = browser.evaluate("window.ecabinetUiCrawl.collect()", timeout=30)
        except Exception as error:  # noqa: BLE001 - a page that cannot be read is a finding
            found = {"english": [], "errors": [f"crawl: {error}"], "truncations": []}
        english = [
            text
            for text in found.get("english", [])
            if _norm(text) not in self.stored_english
        ]
        found["english"] = english
        errors = found.get("errors", []) + found.get("rpcErrors", [])
        errors += browser.events[started:]
        result = {
            "role": role,
            "size": size,
            "screen": screen,
            "url": found.get("url", ""),
            "english": found.get("english", []),
            "errors": errors,
            "truncations": found.get("truncations", []),
            "buttons": found.get("buttons", []),
        }
        if role == "self-test":
            return result
        if self.screens_dir:
            slug = re.sub(r"[^\w]+", "_", screen).strip("_")[:90]
            browser.screenshot(self.screens_dir / f"{role}_{size}_{slug}.png")
        if self.report_file:
            with open(self.report_file, "a", encoding="utf-8") as report:
                report.write(json.dumps(result, ensure_ascii=False) + "\n")
        return result

    def _load(self, browser, url, ready):
        started = len(browser.events)
        browser.navigate_to(f"{self.base_url()}{url}", wait_stop=True)
        browser._wait_ready("document.readyState === 'complete'", timeout=30)
        browser.evaluate(JS_FILE.read_text(encoding="utf-8"))
        browser.evaluate(
            f"window.ecabinetUiCrawl.setTerms({json.dumps(self.terms)}, "
            f"{json.dumps(self.patterns)})"
        )
        if ready:
            browser._wait_ready(ready, timeout=30)
        return started

    BACKEND_READY = (
        "!!(odoo.__WOWL_DEBUG__ && odoo.__WOWL_DEBUG__.root"
        " && document.querySelector('.o_action_manager > *'))"
    )

    def _crawl_backend(self, browser, role, size, screens):
        results = []
        started = self._load(browser, "/odoo", self.BACKEND_READY)
        results.append(self._record(browser, role, size, "start /odoo", started))
        for path, menu_id, action_id, model, view_type, res_id in screens:
            if size != "desktop" and (
                view_type not in SMALL_SIZE_VIEW_TYPES or model not in SMALL_SIZE_MODELS
            ):
                continue
            screen = f"{path} [{view_type}]"
            spec = {
                "menuId": menu_id,
                "actionId": action_id,
                "viewType": view_type,
                "resId": res_id,
            }
            started = len(browser.events)
            try:
                browser.evaluate(
                    f"window.ecabinetUiCrawl.openAction({json.dumps(spec)})"
                )
            except Exception as error:  # noqa: BLE001
                browser.events.append(f"crawl: cannot open {screen}: {error}")
            result = self._record(browser, role, size, screen, started)
            results.append(result)
            for button in result["buttons"]:
                if size != "desktop" and button["name"] not in SMALL_SIZE_BUTTONS:
                    continue
                started = len(browser.events)
                try:
                    browser.evaluate(
                        f"window.ecabinetUiCrawl.openAction({json.dumps(spec)})"
                    )
                    browser.evaluate(
                        f"window.ecabinetUiCrawl.clickButton({json.dumps(button['name'])})"
                    )
                except Exception as error:  # noqa: BLE001
                    browser.events.append(f"crawl: button {button['name']}: {error}")
                label = f"{screen} → {button['label']} ({button['name']})"
                results.append(self._record(browser, role, size, label, started))
        return results

    def _crawl_portal(self, browser, role, size, urls):
        results = []
        for url in urls:
            try:
                started = self._load(browser, url, ready=None)
            except Exception as error:  # noqa: BLE001
                browser.events.append(f"crawl: cannot load {url}: {error}")
                started = 0
            results.append(self._record(browser, role, size, url, started))
        return results

    @contextlib.contextmanager
    def _browser(self, user, size):
        """A Chromium of ``size`` logged in as ``user`` (as HttpCase.browser_js)."""
        self.browser_size, self.touch_enabled = SIZES[size]
        browser = CrawlBrowser(self)
        try:
            self.http_request_key = self.canonical_tag + "_browser_js"
            password = self.passwords.get(user.login, user.login)
            self.authenticate(user.login, password, browser=browser)
            browser.set_cookie("frontend_lang", LANG, "/", HOST)
            self.http_request_strict_check = True
            self.cr.flush()
            self.cr.clear()
            yield browser
        finally:
            browser.stop()
            self._wait_remaining_requests()
            self.http_request_key = self.canonical_tag
            self.opener.cookies["test_request_key"] = self.http_request_key

    def _crawl(self, role):
        user = self.users[role]
        # Screens and URLs are read from the database before any browser runs:
        # the test cursor is shared with the browser's requests.
        screens = self._backend_screens(user) if user._is_internal() else []
        urls = []
        if not user._is_internal() or role == "member_internal":
            urls = self._portal_urls(role, user)
        results = []
        for size in SIZES:
            start = time.monotonic()
            with self._browser(user, size) as browser:
                if screens:
                    results += self._crawl_backend(browser, role, size, screens)
                if urls:
                    results += self._crawl_portal(browser, role, size, urls)
            count = sum(1 for r in results if r["size"] == size)
            elapsed = time.monotonic() - start
            _logger.info(
                "UI crawl %s/%s: %s screens in %.1f s", role, size, count, elapsed
            )
        self._report(role, results)

    def _report(self, role, results):
        truncated = [
            f"{r['role']}/{r['size']} {r['screen']} ({r['url']}): {text}"
            for r in results
            for text in r["truncations"]
        ]
        if truncated:
            _logger.info(
                "UI crawl %s: %s truncated labels:\n%s",
                role,
                len(truncated),
                "\n".join(truncated),
            )
        failures = []
        for r in results:
            problems = []
            if r["english"]:
                problems.append(
                    "English: " + " | ".join(f"'{t}'" for t in r["english"])
                )
            if r["errors"]:
                problems.append("errors: " + " | ".join(r["errors"]))
            if problems:
                failures.append(
                    f"{r['role']}/{r['size']} {r['screen']} ({r['url']}): "
                    + "; ".join(problems)
                )
        self.assertFalse(
            failures,
            f"UI crawl as {role}: {len(failures)} of {len(results)} screens have "
            "untranslated English terms or errors:\n" + "\n".join(failures),
        )

    # ------------------------------------------------------------------ tests

    def test_crawl_reports_english_errors_and_http_failures(self):
        """The crawl's checks can fail: an English term shown on a page, a console
        error, an HTTP 404 and an error dialog of the web client are reported."""
        term = "Ask to speak" if "Ask to speak" in self.terms else self.terms[0]
        with self._browser(self.users["member_portal"], "phone") as browser:
            started = self._load(browser, "/my", ready=None)
            browser.evaluate(
                "const span = document.createElement('span');"
                f"span.textContent = {json.dumps(term)};"
                "document.body.prepend(span);"
                "console.error('crawl self-test error');"
            )
            page = self._record(browser, "self-test", "phone", "/my", started)
            started = self._load(browser, "/my/ecabinet/no-such-page", ready=None)
            missing = self._record(browser, "self-test", "phone", "404", started)
        self.assertIn(term, page["english"])
        self.assertTrue(any("crawl self-test error" in e for e in page["errors"]))
        self.assertTrue(any(e.startswith("HTTP 404") for e in missing["errors"]))
        admin = self.env.ref("base.user_admin").id
        with self._browser(self.users["secretariat"], "desktop") as browser:
            self._load(browser, "/odoo", ready=self.BACKEND_READY)
            started = len(browser.events)
            # A call refused by the server (the secretariat renaming another
            # user: an access error), left to the web client's error handling as
            # a button's would be: its error dialog.
            browser.evaluate(
                "odoo.__WOWL_DEBUG__.root.env.services.orm"
                f".write('res.users', [{admin}], {{name: 'crawl'}}); true"
            )
            dialog = self._record(
                browser, "self-test", "desktop", "error dialog", started
            )
        _logger.info("UI crawl self-test, error dialog: %s", dialog["errors"])
        self.assertTrue(
            any(e.startswith("Error dialog") for e in dialog["errors"]),
            "an error dialog of the web client is reported",
        )

    def test_crawl_secretariat(self):
        self._crawl("secretariat")

    def test_crawl_chair(self):
        self._crawl("chair")

    def test_crawl_member_internal(self):
        self._crawl("member_internal")

    def test_crawl_member_portal(self):
        self._crawl("member_portal")

    def test_crawl_agency(self):
        self._crawl("agency")

    def test_crawl_invitee(self):
        self._crawl("invitee")
