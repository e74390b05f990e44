# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""THE SoftHSM2 fixture of the tests: a token store in a temporary directory,
one token, keys generated on it (they never leave it) and certificates stored
beside them, as a CA delivers a USB token."""

import os
import shutil
import subprocess
import tempfile

import pkcs11
from asn1crypto import keys
from cryptography.hazmat.primitives import serialization
from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass
from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters
from pkcs11.util.rsa import encode_rsa_public_key

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN = "ecabinet-test-token"
PIN = "246810"
SO_PIN = "13579111"


def _spki_from_pkcs1(pkcs1_der):
    """SubjectPublicKeyInfo DER around a PKCS#1 RSAPublicKey."""
    return keys.PublicKeyInfo(
        {
            "algorithm": {"algorithm": "rsa"},
            "public_key": keys.RSAPublicKey.load(pkcs1_der),
        }
    ).dump()


class SoftHsm:
    """A SoftHSM2 token store in a temporary directory for this process, with
    one initialised token :data:`TOKEN` (user PIN :data:`PIN`).

    The module is loaded once per process: the store is made the module's one
    (``SOFTHSM2_CONF``, reinitialised) until :meth:`cleanup`."""

    def __init__(self):
        if not (os.path.exists(MODULE) and shutil.which("softhsm2-util")):
            raise RuntimeError("SoftHSM2 is required for these tests (see README).")
        self.directory = tempfile.mkdtemp(prefix="ecabinet-softhsm-")
        os.mkdir(os.path.join(self.directory, "tokens"))
        self.conf = os.path.join(self.directory, "softhsm2.conf")
        with open(self.conf, "w", encoding="utf-8") as conf:
            conf.write(
                f"directories.tokendir = {self.directory}/tokens\n"
                "objectstore.backend = file\nlog.level = ERROR\n"
                "slots.removable = false\n"
            )
        self.previous_conf = os.environ.get("SOFTHSM2_CONF")
        os.environ["SOFTHSM2_CONF"] = self.conf
        subprocess.run(
            [
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                TOKEN,
                "--pin",
                PIN,
                "--so-pin",
                SO_PIN,
            ],
            check=True,
            capture_output=True,
        )
        self.lib = pkcs11.lib(MODULE)
        self.lib.reinitialize()

    @classmethod
    def for_class(cls, test_class):
        """A fresh store for ``test_class``, removed after its tests."""
        hsm = cls()
        test_class.addClassCleanup(hsm.cleanup)
        return hsm

    def cleanup(self):
        if self.previous_conf is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = self.previous_conf
        self.lib.reinitialize()
        shutil.rmtree(self.directory, ignore_errors=True)

    def session(self):
        return self.lib.get_token(token_label=TOKEN).open(user_pin=PIN, rw=True)

    @staticmethod
    def generate_rsa(session, label, key_id):
        """An RSA 2048 key pair on the token; its public key (cryptography)."""
        public, _private = session.generate_keypair(
            KeyType.RSA, 2048, store=True, label=label, id=key_id
        )
        return serialization.load_der_public_key(
            _spki_from_pkcs1(encode_rsa_public_key(public))
        )

    @staticmethod
    def generate_ec(session, label, key_id):
        """An ECDSA P-256 key pair on the token; its public key (cryptography)."""
        params = session.create_domain_parameters(
            KeyType.EC,
            {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
            local=True,
        )
        public, _private = params.generate_keypair(store=True, label=label, id=key_id)
        return serialization.load_der_public_key(encode_ec_public_key(public))

    @staticmethod
    def store_certificates(session, certificates):
        """Store ``(label, id, cryptography certificate)`` on the token."""
        for label, cert_id, cert in certificates:
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: label,
                    Attribute.ID: cert_id,
                    Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
                    Attribute.SUBJECT: cert.subject.public_bytes(),
                    Attribute.ISSUER: cert.issuer.public_bytes(),
                }
            )
