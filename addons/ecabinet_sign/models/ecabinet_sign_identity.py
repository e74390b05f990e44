# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii
import datetime
import logging

from odoo import fields, models
from odoo.exceptions import UserError

from ..lib import edxml
from ..lib.backend import BackendError, SignaturePending
from ..lib.pkcs11_backend import Pkcs11Backend
from ..lib.pkcs12_backend import Pkcs12Backend
from ..lib.remote_backends import CscBackend, ViettelMySignBackend, VnptSmartCaBackend
from ..lib.validation import (
    EXPIRED,
    INVALID,
    NO_REVOCATION_INFO,
    NOT_YET_VALID,
    REVOKED,
    UNTRUSTED,
    CertificateRefused,
    check_certificate,
)
from ..lib.xmldsig import XmlSignatureError
from .res_partner import KEY_BACKENDS

_logger = logging.getLogger(__name__)

# Seconds between two questions to a signing service about a signature awaiting
# its approval on the holder's phone.
POLL_DELAY = 30


class EcabinetSignIdentity(models.AbstractModel):
    """Whose key signs, and where it is: a user (their contact holds their
    identity at the token or the signing service) and a key backend. The
    factory of :class:`SigningBackend` objects for the signature lines of a
    request and the signed XML records."""

    _name = "ecabinet.sign.identity"
    _description = "Signing Identity"

    user_id = fields.Many2one("res.users")
    partner_id = fields.Many2one(related="user_id.partner_id")
    key_backend = fields.Selection(
        "_selection_key_backend",
        string="Key",
        help="Where the signer's private key is: a PKCS#12 file uploaded at "
        "signing time, a USB token, or a remote signing service.",
    )

    def _selection_key_backend(self):
        """The key backends this identity may use (their labels in the user's
        language, those of the contacts' *Signing Key*)."""
        labels = dict(
            self.env["res.partner"]
            ._fields["ecabinet_sign_key_backend"]
            ._description_selection(self.env)
        )
        return [(key, labels[key]) for key, _label in KEY_BACKENDS]

    def _ecabinet_sign_company(self):
        """The company whose signing services and trust roots are used."""
        return self.env.company

    # Key backends -------------------------------------------------------------

    def _ecabinet_signing_backend(self, **material):
        """The :class:`SigningBackend` of this identity's key. ``material`` is
        what the signer gives at signing time (a PKCS#12 file and its password...).
        Another backend: add it to ``key_backend`` and a method
        ``_ecabinet_backend_<name>(**material)``."""
        self.ensure_one()
        method = getattr(self, f"_ecabinet_backend_{self.key_backend}", None)
        if method is None:
            raise UserError(self.env._("This key backend is not available."))
        try:
            return method(**material)
        except BackendError as exc:
            raise UserError(self._backend_message(exc)) from exc

    def _ecabinet_key_material(self, pkcs12=None, password=None):
        """What the signer gives at signing time for this identity's key:
        ``pkcs12`` (base64) and its ``password``, or the ``password`` as the PIN
        of a token or a remote credential."""
        if self.key_backend != "pkcs12":
            return {"pin": password or ""}
        if isinstance(pkcs12, str):
            pkcs12 = pkcs12.encode()
        try:
            data = base64.b64decode(b"".join((pkcs12 or b"").split()), validate=True)
        except (binascii.Error, ValueError, TypeError) as exc:
            raise UserError(
                self.env._(
                    "The PKCS#12 file cannot be opened: wrong password or not a "
                    "PKCS#12 file."
                )
            ) from exc
        return {"pkcs12": data, "password": password or ""}

    def _ecabinet_sign_with_key(
        self, build, material=None, backend=None, check=None, failure=None
    ):
        """Sign with this identity's key, the one way for every signature: open
        the key (``backend``, or the one ``material`` opens), check its
        certificate (validity, trust path, revocation; then ``check(cert)`` if
        given), and return ``build(backend, evidence)``; the key is closed after.
        The backend's errors become translated :class:`UserError`; ``failure``
        words the error of a document that cannot be signed (``"... %s"``)."""
        self.ensure_one()
        backend = backend or self._ecabinet_signing_backend(**(material or {}))
        try:
            evidence = self._ecabinet_check_certificate(backend)
            if check is not None:
                check(backend.signing_cert)
            return build(backend, evidence)
        except SignaturePending as pending:
            raise UserError(
                self.env._("This key needs an approval on a phone; use another key.")
            ) from pending
        except BackendError as exc:
            raise UserError(self._backend_message(exc)) from exc
        except (edxml.EdxmlError, XmlSignatureError) as exc:
            raise UserError(
                (failure or self.env._("The XML record cannot be signed: %s")) % exc
            ) from exc
        finally:
            backend.close()

    # Signatures approved on a phone (VNPT SmartCA, Viettel MySign) ----------
    # A model whose signatures wait for the holder's approval names the cron
    # that polls them, and defines ``state`` ("pending" while waiting) and
    # ``_ecabinet_resume()`` (asks the service once).
    _ecabinet_poll_cron = None

    def _ecabinet_trigger_poll(self):
        """Ask the service again in ``POLL_DELAY`` seconds."""
        self.env.ref(self._ecabinet_poll_cron).sudo()._trigger(
            at=fields.Datetime.now() + datetime.timedelta(seconds=POLL_DELAY)
        )

    def _ecabinet_poll_pending(self):
        """Ask the signing services whether the signatures awaiting their
        approval were approved, each in a savepoint of its own; again later
        while some still wait. Return those that were waiting."""
        pending = self.search([("state", "=", "pending")])
        for record in pending:
            try:
                with self.env.cr.savepoint():
                    record._ecabinet_resume()
            except (UserError, BackendError) as exc:
                _logger.warning(
                    "%s %s awaiting its signature: %s", self._name, record.id, exc
                )
        if self.search_count([("state", "=", "pending")], limit=1):
            self._ecabinet_trigger_poll()
        return pending

    def _backend_message(self, exc):
        message = str(exc)
        if "wrong password" in message:
            return self.env._(
                "The PKCS#12 file cannot be opened: wrong password or not a "
                "PKCS#12 file."
            )
        if "PIN is incorrect" in message or "invalid PIN" in message.lower():
            return self.env._("The PIN is incorrect; nothing was signed.")
        if message.startswith("Enter the") and "PIN" in message:
            return self.env._("Enter the PIN of your token or signing credential.")
        if "cannot be reached" in message or "did not answer within" in message:
            return self.env._(
                "The signing service cannot be reached now; nothing was signed. "
                "Try again later. (%s)",
                message,
            )
        if "No token" in message and "is connected" in message:
            return self.env._(
                "Your USB token is not connected to the signing server. (%s)",
                message,
            )
        if "was refused in the" in message:
            return self.env._("The signature was refused on the phone. (%s)", message)
        if "expired before it was approved" in message:
            return self.env._(
                "The signature request expired before it was approved on the "
                "phone. (%s)",
                message,
            )
        return self.env._("The key cannot sign: %s", message)

    def _ecabinet_service(self):
        """The company's signing service of this identity's key backend."""
        return self.env["ecabinet.sign.service"]._ecabinet_for(
            self._ecabinet_sign_company(), self.key_backend
        )

    def _ecabinet_backend_missing(self, what):
        return UserError(
            self.env._(
                "The %(backend)s key of %(name)s is not configured: %(what)s.",
                backend=dict(
                    self._fields["key_backend"]._description_selection(self.env)
                )[self.key_backend],
                name=self.partner_id.name,
                what=what,
            )
        )

    def _ecabinet_backend_pkcs12(self, pkcs12=None, password=None, **_material):
        if not pkcs12:
            raise UserError(self.env._("Choose your PKCS#12 (.p12, .pfx) file."))
        return Pkcs12Backend(pkcs12, password or "")

    def _ecabinet_backend_pkcs11(self, pin=None, **_material):
        """A USB token on the server: the module is the company's PKCS#11
        service, the token and key labels are on the signer's contact, the PIN
        is typed at signing time and only handed to the token."""
        module = self._ecabinet_service().module_path
        if not module:
            raise self._ecabinet_backend_missing(
                self.env._("PKCS#11 module in the signing services")
            )
        partner = self.partner_id.sudo()
        if not partner.ecabinet_sign_pkcs11_token:
            raise self._ecabinet_backend_missing(
                self.env._("token label on the contact")
            )
        backend = Pkcs11Backend(
            module,
            token_label=partner.ecabinet_sign_pkcs11_token,
            key_label=partner.ecabinet_sign_pkcs11_key or None,
        )
        try:
            backend.login(pin)
        except BackendError:
            backend.close()
            raise
        return backend

    def _ecabinet_backend_csc(self, pin=None, otp=None, **_material):
        """A credential at a CSC API v1 service; the PIN / OTP is typed at
        signing time and only sent to the service."""
        service = self._ecabinet_service()
        if not service.url:
            raise self._ecabinet_backend_missing(
                self.env._("CSC service URL in the signing services")
            )
        backend = CscBackend(
            service.url,
            token_url=service.token_url,
            client_id=service.client_id,
            client_secret=service.client_secret,
            credential_id=self.partner_id.sudo().ecabinet_sign_csc_credential or None,
        )
        if pin or otp:
            backend.authorize(pin=pin or None, otp=otp or None)
        return backend

    def _ecabinet_backend_vnpt_smartca(self, **_material):
        """VNPT SmartCA: built from the stored configuration only (the cron
        rebuilds it to ask whether the holder approved)."""
        user = self.partner_id.sudo().ecabinet_sign_smartca_user
        if not user:
            raise self._ecabinet_backend_missing(
                self.env._("VNPT SmartCA user ID on the contact")
            )
        service = self._ecabinet_service()
        return VnptSmartCaBackend(
            service.client_id,
            service.client_secret,
            user,
            base_url=service.url or VnptSmartCaBackend.PRODUCTION_URL,
        )

    def _ecabinet_backend_viettel_mysign(self, **_material):
        """Viettel MySign: built from the stored configuration only."""
        user = self.partner_id.sudo().ecabinet_sign_mysign_user
        if not user:
            raise self._ecabinet_backend_missing(
                self.env._("Viettel MySign user ID on the contact")
            )
        service = self._ecabinet_service()
        return ViettelMySignBackend(
            service.client_id,
            service.client_secret,
            service.profile_id,
            user,
            base_url=service.url or ViettelMySignBackend.PRODUCTION_URL,
        )

    # Certificate check ----------------------------------------------------------

    def _refusal_message(self, refused):
        messages = {
            EXPIRED: self.env._(
                "The certificate has expired (valid until %s). Renew it with your "
                "certification authority.",
            ),
            NOT_YET_VALID: self.env._("The certificate is not valid yet (from %s)."),
            REVOKED: self.env._(
                "The certificate has been revoked by its certification authority (%s)."
            ),
            UNTRUSTED: self.env._(
                "The certificate does not chain to a trusted root (NEAC or "
                "Government Cipher Committee) configured in the settings (%s)."
            ),
            NO_REVOCATION_INFO: self.env._(
                "The revocation status (OCSP/CRL) of the certificate cannot be "
                "checked (%s)."
            ),
            INVALID: self.env._("The certificate cannot be used to sign (%s)."),
        }
        return self.env._(
            "Signing refused: %s", messages[refused.code] % refused.detail
        )

    def _ecabinet_check_certificate(self, backend):
        """Refuse a certificate that is not valid, trusted and unrevoked now;
        the revocation evidence otherwise."""
        roots = self.env["ecabinet.sign.trust.root"]._ecabinet_roots(
            self._ecabinet_sign_company()
        )
        try:
            return check_certificate(backend.signing_cert, backend.chain, roots)
        except CertificateRefused as refused:
            raise UserError(self._refusal_message(refused)) from refused
