"""The benchmarks' own data builders: nothing here comes from an addon's tests.

- :func:`add_answering_members`: thousands of members answering a ballot, written
  in bulk with SQL (the ORM would take about a minute for 10,000 answers);
- :func:`open_vote_with_members`: a session in progress, its members present and
  able to sign in, a vote open on its current item (for HTTP clients);
- :class:`SmtpSink`: a real SMTP server on loopback (aiosmtpd) that Odoo sends to
  (``route``), counting what it receives;
- :class:`ThrowAwayPKI`: a root CA, a signer and a timestamp authority made with
  ``cryptography``, and one loopback HTTP server answering OCSP and RFC 3161
  timestamp requests, so that signing and validation run as against a real CA.
"""

import datetime
import email
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Share of the answers by the member's rank modulo 10: 0-5 agree, 6-8 disagree,
# 9 another opinion (6 in 10, 3 in 10, 1 in 10).
CHOICE_BY_RANK = ["agree"] * 6 + ["disagree"] * 3 + ["other"]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Members --------------------------------------------------------------------------


def add_answering_members(ballot, count):
    """``count`` new partners, each a member of ``ballot`` who answered every
    question (choices by rank, see ``CHOICE_BY_RANK``).

    Only the columns the voting engine reads are written; the ORM caches are
    invalidated afterwards since the ORM did not see these rows.
    """
    env = ballot.env
    cr = env.cr
    env.flush_all()
    stamp = "now() AT TIME ZONE 'UTC'"
    cr.execute(
        f"""INSERT INTO res_partner (name, complete_name, active, type,
                                     create_date, write_date)
            SELECT 'Bench member ' || i, 'Bench member ' || i, TRUE, 'contact',
                   {stamp}, {stamp}
              FROM generate_series(1, %s) AS i
         RETURNING id""",
        [count],
    )
    partner_ids = sorted(row[0] for row in cr.fetchall())
    cr.execute(
        f"""INSERT INTO ecabinet_ballot_voter (ballot_id, company_id, partner_id,
                has_answered, voted, added_after_sending, create_date, write_date)
            SELECT %s, %s, pid, TRUE, FALSE, FALSE, {stamp}, {stamp}
              FROM unnest(%s::int[]) WITH ORDINALITY AS p(pid, pos)
             ORDER BY pos
         RETURNING id""",
        [ballot.id, ballot.company_id.id, partner_ids],
    )
    voter_ids = sorted(row[0] for row in cr.fetchall())
    choices = [CHOICE_BY_RANK[(rank + 1) % 10] for rank in range(len(voter_ids))]
    cr.execute(
        f"""INSERT INTO ecabinet_ballot_response (ballot_id, question_id, voter_id,
                choice, is_silence, create_date, write_date)
            SELECT %s, q.id, v.voter_id, v.choice, FALSE, {stamp}, {stamp}
              FROM unnest(%s::int[], %s::varchar[]) AS v(voter_id, choice)
             CROSS JOIN ecabinet_ballot_question q
             WHERE q.ballot_id = %s""",
        [ballot.id, voter_ids, choices, ballot.id],
    )
    env.invalidate_all()


def open_vote_with_members(env, count, password, prefix="scale.member"):
    """A committee of ``count`` new portal members (logins ``<prefix>000``...,
    all with ``password``) and the admin as chair; its session in progress with
    everyone present, and a vote open on its current item.

    ``env`` is a superuser environment; returns ``(meeting, ballot, logins)``.
    """
    from odoo import Command, fields  # noqa: PLC0415

    env = env(context=dict(env.context, tracking_disable=True, no_reset_password=True))
    groups = [env.ref("base.group_portal").id, env.ref("ecabinet_base.group_member").id]
    users = env["res.users"].create(
        [
            {
                "name": f"Member {n:03d}",
                "login": f"{prefix}{n:03d}",
                "email": f"{prefix}{n:03d}@binhminh.example",
                "groups_id": [Command.set(groups)],
            }
            for n in range(count)
        ]
    )
    # One password hash for all (hashing each would take minutes).
    users[0].password = password
    env.flush_all()
    env.cr.execute("SELECT password FROM res_users WHERE id = %s", [users[0].id])
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE id IN %s",
        [env.cr.fetchone()[0], tuple(users.ids)],
    )
    chair = env.ref("base.user_admin").partner_id
    partners = chair | users.partner_id
    since = "2026-01-01"
    committee = env["ecabinet.committee"].create(
        {
            "name": "Scale-out committee",
            "code": prefix.upper()[:8],
            "calendar_id": env.ref("ecabinet_base.resource_calendar_ecabinet").id,
            "member_ids": [
                Command.create(
                    {
                        "partner_id": partner.id,
                        "position": "chair" if partner == chair else "member",
                        "date_start": since,
                    }
                )
                for partner in partners
            ],
        }
    )
    now = fields.Datetime.now()
    meeting = env["ecabinet.meeting"].create(
        {
            "name": "Scale-out session",
            "committee_id": committee.id,
            "date_start": now,
            "location": "Room 1",
        }
    )
    item = env["ecabinet.meeting.agenda.item"].create(
        {"meeting_id": meeting.id, "name": "Public investment plan 2027"}
    )
    Attendee = env["ecabinet.meeting.attendee"]
    with Attendee._ecabinet_unlocked():  # checked in without a session day
        Attendee.create(
            [
                {
                    "meeting_id": meeting.id,
                    "partner_id": partner.id,
                    "role": "chair" if partner == chair else "member",
                    "answer": "attend",
                    "attendance": "present",
                }
                for partner in partners
            ]
        )
    meeting._ecabinet_transition(
        {
            "state": "in_progress",
            "pack_sent_date": now,
            "actual_start": now,
            "current_item_id": item.id,
        }
    )
    item._ecabinet_transition({"state": "in_progress", "actual_start": now})
    return meeting, item.action_open_vote(), users.mapped("login")


# Mail -----------------------------------------------------------------------------


def email_only_event(env, code, model="res.partner"):
    """A notification event sent by email only, with the test templates of
    ``ecabinet_notification``; other channels' fields are set off where the
    installed addons have them."""
    Event = env["ecabinet.notification.event"]
    wanted = {
        "name": code.title(),
        "code": code,
        "model_id": env["ir.model"]._get_id(model),
        "mail_template_id": env.ref("ecabinet_notification.mail_template_test").id,
    }
    if "default_channels" in Event._fields:  # the channels are addons
        wanted["default_channels"] = "email"
    else:
        for name in Event._fields:
            if name.startswith("default_"):  # default_email, default_sms, ...
                wanted[name] = name == "default_email"
    if "sms_template_id" in Event._fields:  # required, although not sent here
        wanted["sms_template_id"] = env.ref(
            "ecabinet_notification.sms_template_test"
        ).id
    return Event.create(wanted)


class SmtpSink:
    """``with SmtpSink() as sink:`` receives mail on ``sink.port`` (127.0.0.1);
    ``sink.messages`` lists ``(recipients, email.message.Message)``."""

    def __init__(self):
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        self.port = _free_port()
        self.messages = []
        self._guard = threading.Lock()
        self._server = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd)
        parsed = email.message_from_bytes(envelope.content)
        with self._guard:
            self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"

    def route(self, env):
        """Make Odoo send through this sink: a mail server first in line, and an
        address for the company to send from."""
        env["ir.mail_server"].create(
            {
                "name": "Loopback",
                "smtp_host": "127.0.0.1",
                "smtp_port": self.port,
                "smtp_encryption": "none",
                "sequence": 1,
            }
        )
        env.company.email = "vanphong@binhminh.example"

    def __enter__(self):
        from aiosmtpd.controller import Controller  # noqa: PLC0415

        self._server = Controller(self, hostname="127.0.0.1", port=self.port)
        self._server.start()
        return self

    def __exit__(self, *exc_info):
        self._server.stop()


# Signing --------------------------------------------------------------------------


class ThrowAwayPKI:
    """A root CA signing a person's (or clerk's) certificate and a TSA's, RSA
    2048, valid from yesterday for a year; the certificates name the loopback
    OCSP responder, which says "good" for every certificate of the root.

    ``pki.root_pem`` / ``pki.root_der`` (trust root), ``pki.pkcs12(password)`` (the
    signer's key and certificate), ``pki.tsa_url``. Use as a context manager (the
    server runs inside the block).
    """

    def __init__(self, signer_name="Văn phòng UBND tỉnh Bình Minh"):
        from cryptography import x509  # noqa: PLC0415
        from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: PLC0415

        self._x509 = x509
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = None
        self._now = datetime.datetime.now(datetime.timezone.utc)
        self._keys = {
            role: rsa.generate_private_key(public_exponent=65537, key_size=2048)
            for role in ("root", "signer", "tsa")
        }
        self.root = self._issue("root", "Bench Root CA", ca=True)
        self.signer = self._issue("signer", signer_name)
        self.tsa = self._issue("tsa", "Bench Timestamp Authority", timestamping=True)

    @property
    def tsa_url(self):
        return f"{self.url}/tsa"

    def _issue(self, role, common_name, ca=False, timestamping=False):
        from cryptography.hazmat.primitives import hashes  # noqa: PLC0415
        from cryptography.x509.oid import (  # noqa: PLC0415
            AuthorityInformationAccessOID,
            ExtendedKeyUsageOID,
            NameOID,
        )

        x509 = self._x509
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "e-Cabinet bench"),
                x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            ]
        )
        key = self._keys[role]
        issuer = subject if ca else self.root.subject
        cert = (
            x509.CertificateBuilder(
                issuer_name=issuer,
                subject_name=subject,
                public_key=key.public_key(),
                serial_number=x509.random_serial_number(),
                not_valid_before=self._now - datetime.timedelta(days=1),
                not_valid_after=self._now + datetime.timedelta(days=365),
            )
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), True)
            .add_extension(x509.KeyUsage(**self._key_usage(ca, timestamping)), True)
        )
        if timestamping:
            cert = cert.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True
            )
        if not ca:
            ocsp_url = x509.UniformResourceIdentifier(f"{self.url}/ocsp")
            cert = cert.add_extension(
                x509.AuthorityInformationAccess(
                    [
                        x509.AccessDescription(
                            AuthorityInformationAccessOID.OCSP, ocsp_url
                        )
                    ]
                ),
                False,
            )
        return cert.sign(self._keys["root"], hashes.SHA256())

    @staticmethod
    def _key_usage(ca, timestamping):
        """The KeyUsage flags: a CA signs certificates; a person or the clerk
        signs with non-repudiation; the TSA signs timestamps only."""
        usage = dict.fromkeys(
            (
                "digital_signature",
                "content_commitment",
                "key_encipherment",
                "data_encipherment",
                "key_agreement",
                "key_cert_sign",
                "crl_sign",
                "encipher_only",
                "decipher_only",
            ),
            False,
        )
        if ca:
            usage.update(key_cert_sign=True, crl_sign=True)
        else:
            usage.update(digital_signature=True, content_commitment=not timestamping)
        return usage

    def _der(self, cert):
        from cryptography.hazmat.primitives import serialization  # noqa: PLC0415

        return cert.public_bytes(serialization.Encoding.DER)

    @property
    def root_der(self):
        return self._der(self.root)

    @property
    def root_pem(self):
        from cryptography.hazmat.primitives import serialization  # noqa: PLC0415

        return self.root.public_bytes(serialization.Encoding.PEM)

    def pkcs12(self, password):
        from cryptography.hazmat.primitives import serialization  # noqa: PLC0415
        from cryptography.hazmat.primitives.serialization import (  # noqa: PLC0415
            pkcs12,
        )

        return pkcs12.serialize_key_and_certificates(
            b"bench signer",
            self._keys["signer"],
            self.signer,
            [self.root],
            serialization.BestAvailableEncryption(password),
        )

    # The loopback services ----------------------------------------------------------

    def _ocsp(self, body):
        from cryptography.hazmat.primitives import hashes  # noqa: PLC0415
        from cryptography.hazmat.primitives.serialization import (  # noqa: PLC0415
            Encoding,
        )
        from cryptography.x509 import ocsp  # noqa: PLC0415

        request = ocsp.load_der_ocsp_request(body)
        known = {c.serial_number: c for c in (self.signer, self.tsa)}
        cert = known.get(request.serial_number)
        if cert is None:
            status = ocsp.OCSPResponseStatus.UNAUTHORIZED
            return ocsp.OCSPResponseBuilder.build_unsuccessful(status).public_bytes(
                Encoding.DER
            )
        now = datetime.datetime.now(datetime.timezone.utc)
        algorithm = (
            hashes.SHA256()
            if request.hash_algorithm.name == "sha256"
            else hashes.SHA1()
        )
        response = (
            ocsp.OCSPResponseBuilder()
            .add_response(
                cert=cert,
                issuer=self.root,
                algorithm=algorithm,
                cert_status=ocsp.OCSPCertStatus.GOOD,
                this_update=now - datetime.timedelta(minutes=1),
                next_update=now + datetime.timedelta(hours=1),
                revocation_time=None,
                revocation_reason=None,
            )
            .responder_id(ocsp.OCSPResponderEncoding.HASH, self.root)
        )
        for extension in request.extensions:
            if isinstance(extension.value, self._x509.OCSPNonce):
                response = response.add_extension(extension.value, critical=False)
        return response.sign(self._keys["root"], hashes.SHA256()).public_bytes(
            Encoding.DER
        )

    def _timestamper(self):
        from asn1crypto import keys, x509  # noqa: PLC0415
        from cryptography.hazmat.primitives import serialization  # noqa: PLC0415
        from pyhanko.sign.timestamps.dummy_client import (  # noqa: PLC0415
            DummyTimeStamper,
        )

        key_der = self._keys["tsa"].private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        return DummyTimeStamper(
            tsa_cert=x509.Certificate.load(self._der(self.tsa)),
            tsa_key=keys.PrivateKeyInfo.load(key_der),
        )

    def __enter__(self):
        from asn1crypto import tsp  # noqa: PLC0415

        timestamper = self._timestamper()
        answers = {
            "/ocsp": ("application/ocsp-response", self._ocsp),
            "/tsa": (
                "application/timestamp-reply",
                lambda body: timestamper.request_tsa_response(
                    tsp.TimeStampReq.load(body)
                ).dump(),
            ),
        }

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server API)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if self.path not in answers:
                    self.send_error(404)
                    return
                content_type, answer = answers[self.path]
                payload = answer(body)
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self._server.shutdown()
        self._server.server_close()
