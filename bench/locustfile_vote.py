# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Locust scenario of the load test (run by ``bench/load_vote.py`` in the
``.venv-load`` environment, which has Locust's gevent; not Odoo's).

One Locust user per member of the scratch database (``-u`` = members, all
spawned at once). Each member:

1. signs in (``GET`` then ``POST /web/login``);
2. waits until every member has signed in; the first ``warm_up`` members open the
   session page and the survey page once, untimed, so that every Odoo worker has
   compiled both features' templates before either is measured (a worker's first
   page compiles them: about 0.9 s, once per worker after a start, which would
   otherwise fall on whichever feature runs first);
3. waits until the warm-up is over, then opens the session page; waits until every
   member has the page, then votes from it, as the portal form does;
4. waits until every member has voted, then opens Odoo's own survey as the
   browser does: ``/survey/start/<survey>`` (which redirects to the survey
   page) and ``/survey/begin/<survey>/<answer>`` (JSON, the question); waits
   until every member has the question, then answers it (``/survey/submit/...``,
   JSON);
5. stops; the last member to stop ends the run.

The phases are separate so that each runs with every member at once: the same
load for ours and for Odoo's, and each write (the vote, the survey's submission)
measured as 200 members sending it at once, not queued behind the other members'
pages. With ``overlap`` (``load_vote.py --overlap``) a member votes, or submits,
as soon as its own page arrived, while the other members' pages are still being
served: the earlier scenario, where a write's wait is mostly the pages ahead of
it. Besides Locust's own CSV and HTML reports, every
request is written to ``samples`` (name, start, seconds, status) for the
harness's percentiles and windows, which Locust's rounded figures do not give.
"""

import json
import os
import re
import time

import gevent
from gevent.event import Event
from locust import FastHttpUser, events, task
from locust.exception import StopUser

CONFIG = json.loads(
    open(os.environ["ECABINET_LOAD_CONFIG"], encoding="utf-8").read()  # noqa: SIM115
)
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
FORM_RE = re.compile(
    r'action="/my/ecabinet/ballots/(\d+)/answer".*?name="question_id" value="(\d+)"',
    re.S,
)
ANSWER_RE = re.compile(r'data-answer-token="([^"]+)"')
CHOICES = ("agree", "disagree", "other")
TIMEOUT = 300


class Gate:
    """Opens once ``count`` members reached it (a barrier for greenlets)."""

    def __init__(self, count):
        self.count = count
        self.arrived = 0
        self.event = Event()

    def wait(self):
        self.arrived += 1
        if self.arrived >= self.count:
            self.event.set()
        self.event.wait()


MEMBERS = len(CONFIG["logins"])
SIGNED_IN, WARMED, OPENED, VOTED, BEGUN, DONE = (Gate(MEMBERS) for _gate in range(6))
OVERLAP = bool(CONFIG.get("overlap"))
WARM_UP = min(CONFIG.get("warm_up", 0), MEMBERS)
SAMPLES = []
ERRORS = []
_next_member = iter(range(MEMBERS))


@events.request.add_listener
def record(request_type, name, response_time, response, exception, **_kw):
    status = getattr(response, "status_code", 0) or 0
    SAMPLES.append(
        {
            "name": name,
            "end": time.time(),
            "seconds": response_time / 1000.0,
            "status": 0 if exception and not status else status,
        }
    )


@events.quitting.add_listener
def dump(environment, **_kw):
    with open(CONFIG["samples"], "w", encoding="utf-8") as out:
        json.dump({"samples": SAMPLES, "errors": ERRORS}, out)


class Member(FastHttpUser):
    """One member of the committee, present in the session."""

    host = CONFIG["base"]
    network_timeout = connection_timeout = TIMEOUT
    insecure = True

    def on_start(self):
        self.n = next(_next_member)
        self.login = CONFIG["logins"][self.n]

    def fail(self, message):
        ERRORS.append(f"{self.login}: {message}")

    @task
    def member(self):
        gates = [SIGNED_IN, WARMED, OPENED, VOTED, BEGUN, DONE]
        try:
            self.sign_in()
            gates.pop(0).wait()
            if self.n < WARM_UP:
                self.warm_up()
            gates.pop(0).wait()
            form = self.open_session()
            self.wait_for_others(gates.pop(0))
            if form:
                self.vote(*form)
            gates.pop(0).wait()
            survey = self.open_survey()
            self.wait_for_others(gates.pop(0))
            if survey:
                self.submit_survey(*survey)
        finally:
            for gate in gates:  # after an error too: the others wait for us
                gate.wait()
            if self.n == 0:  # every member is done: end the run
                gevent.spawn_later(0.1, self.environment.runner.quit)
        raise StopUser()

    def sign_in(self):
        page = self.client.get("/web/login", name="sign in page (GET)")
        csrf = CSRF_RE.search(page.text or "")
        if not csrf:
            self.fail(f"login page {page.status_code}")
            return
        with self.client.post(
            "/web/login",
            data={
                "login": self.login,
                "password": CONFIG["password"],
                "csrf_token": csrf.group(1),
                "redirect": "/my",
            },
            allow_redirects=False,
            name="sign in (POST)",
            catch_response=True,
        ) as response:
            if response.status_code != 303:
                response.failure(f"login {response.status_code}")
                self.fail(f"login {response.status_code}")

    def warm_up(self):
        """Both features' pages once, untimed (names "warm-up: ...")."""
        for url, name in (
            (f"/my/ecabinet/sessions/{CONFIG['meeting']}", "warm-up: session page"),
            (f"/survey/start/{CONFIG['survey']['token']}", "warm-up: survey page"),
        ):
            page = self.client.get(url, name=name)
            if page.status_code != 200:
                self.fail(f"{name} {page.status_code}")

    @staticmethod
    def wait_for_others(gate):
        """Between reading and writing: every member has the page on screen
        (unless ``overlap``: the member writes at once, as before)."""
        if OVERLAP:
            gate.arrived += 1
            if gate.arrived >= gate.count:
                gate.event.set()
        else:
            gate.wait()

    def open_session(self):
        """The session page; its vote form's (ballot, question, csrf token)."""
        page = self.client.get(
            f"/my/ecabinet/sessions/{CONFIG['meeting']}", name="session page (GET)"
        )
        form = FORM_RE.search(page.text or "")
        csrf = CSRF_RE.search(page.text or "")
        if page.status_code != 200 or not form or not csrf:
            self.fail(f"no vote form ({page.status_code})")
            return None
        return form.group(1), form.group(2), csrf.group(1)

    def vote(self, ballot, question, csrf):
        with self.client.post(
            f"/my/ecabinet/ballots/{ballot}/answer",
            data={
                "csrf_token": csrf,
                "meeting_id": str(CONFIG["meeting"]),
                "question_id": question,
                "choice": CHOICES[self.n % 3],
            },
            allow_redirects=False,
            name="vote (POST)",
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 303 or "message=voted" not in location:
                response.failure(f"vote {response.status_code} {location}")
                self.fail(f"vote {response.status_code} {location}")

    def open_survey(self):
        """The survey page and its question (``begin``); what ``submit`` needs."""
        survey = CONFIG["survey"]
        # The browser follows the redirect to the survey page: both are the
        # "survey page" the member waits for.
        page = self.client.get(
            f"/survey/start/{survey['token']}", name="survey page (GET start)"
        )
        answer = ANSWER_RE.search(page.text or "")
        csrf = CSRF_RE.search(page.text or "")
        if page.status_code != 200 or not answer:
            self.fail(f"survey page {page.status_code}")
            return None
        url = f"{survey['token']}/{answer.group(1)}"
        self.rpc(f"/survey/begin/{url}", {}, "survey begin (JSON)")
        return url, csrf

    def submit_survey(self, url, csrf):
        survey = CONFIG["survey"]
        params = {
            str(survey["question"]): str(survey["answers"][self.n % 3]),
            "csrf_token": csrf.group(1) if csrf else "",
        }
        self.rpc(f"/survey/submit/{url}", params, "survey submit (JSON)")

    def rpc(self, url, params, name):
        with self.client.post(
            url,
            json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1},
            name=name,
            catch_response=True,
        ) as response:
            body = {}
            try:
                body = response.json()
            except ValueError:
                pass
            if response.status_code != 200 or "error" in body:
                response.failure(f"{name} {response.status_code} {str(body)[:200]}")
                self.fail(f"{name} {response.status_code} {str(body)[:200]}")
            elif (
                isinstance(body.get("result"), list)
                and "error" in (body["result"][1:2] or [{}])[0]
            ):
                response.failure(f"{name}: {body['result'][1]['error']}")
                self.fail(f"{name}: {body['result'][1]}")
