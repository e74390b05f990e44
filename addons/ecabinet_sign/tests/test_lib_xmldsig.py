# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

import xmlsec
from cryptography.hazmat.primitives import serialization
from lxml import etree
from pyhanko_certvalidator import ValidationContext

from odoo.tests import BaseCase, tagged

from ..lib import xmldsig
from ..lib.backend import BackendError, SignaturePending, SigningBackend
from .pki import get_pki

RECORD = (
    "<Record xmlns='urn:ecabinet:test'>"
    "<Title lang='vi'>Biên bản phiên họp thường kỳ tháng 11</Title>"
    "<Decision>Thông qua</Decision>"
    "<Votes choice='yes'>12</Votes><Votes choice='no'>1</Votes>"
    "</Record>"
)


class PhoneBackend(SigningBackend):
    """Answers later, like a service that waits for the holder's phone."""

    def __init__(self, backend):
        self.inner = backend
        self.signing_cert = backend.signing_cert
        self.chain = backend.chain

    def sign_digest(self, digest, digest_algorithm, mechanism):
        raise SignaturePending("tx-1")


@tagged("post_install", "-at_install")
class TestXmlDsig(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pki = get_pki()
        cls.roots = [cls.pki.root.cert]
        cls.signed = xmldsig.sign_xml(RECORD, cls.pki.signer.backend())

    def tree(self, data=None):
        return etree.fromstring(data or self.signed)

    def assertTampered(self, data, reason="changed after signing"):
        result = xmldsig.verify_xml(data, trust_roots=self.roots)
        self.assertFalse(result.valid)
        self.assertFalse(result.intact)
        self.assertIn(reason, result.reason)
        return result

    def test_round_trip_rsa(self):
        result = xmldsig.verify_xml(self.signed, trust_roots=self.roots)
        self.assertTrue(result.valid, result.reason)
        self.assertTrue(result.trusted)
        self.assertEqual(result.reason, "")
        self.assertIn("CN=Nguyễn Văn An", result.signer_subject)
        self.assertEqual(result.signing_certificate, self.pki.signer.cert)
        self.assertEqual(result.signature_method, xmldsig.RSA_SHA256)
        signature = self.tree().find("ds:Signature", xmldsig.NS)
        self.assertEqual(
            signature.find("ds:SignedInfo/ds:CanonicalizationMethod", xmldsig.NS).get(
                "Algorithm"
            ),
            xmldsig.EXC_C14N,
        )
        # The chain travels in KeyInfo/X509Data: signer first, then its issuers
        # up to the root.
        self.assertEqual(result.certificates, self.pki.signer.certificates)
        # The content is untouched by signing.
        self.assertEqual(
            self.tree().findtext("{urn:ecabinet:test}Title"),
            "Biên bản phiên họp thường kỳ tháng 11",
        )

    def test_round_trip_ecdsa(self):
        signed = xmldsig.sign_xml(RECORD, self.pki.ec_signer.backend())
        result = xmldsig.verify_xml(signed, trust_roots=self.roots)
        self.assertTrue(result.valid, result.reason)
        self.assertEqual(result.signature_method, xmldsig.ECDSA_SHA256)
        self.assertIn("CN=ECDSA Signer", result.signer_subject)
        # XML-DSig ECDSA values are r || s (64 bytes on P-256), not DER.
        value = self.tree(signed).findtext(
            "ds:Signature/ds:SignatureValue", None, xmldsig.NS
        )
        self.assertEqual(len(base64.b64decode(value)), 64)

    def test_xmlsec_native_signature_verifies(self):
        """A document signed by libxmlsec itself with the key verifies here too
        (the two implementations agree on the format)."""
        tree = etree.fromstring(RECORD.encode())
        node = xmlsec.template.create(
            tree,
            xmlsec.constants.TransformExclC14N,
            xmlsec.constants.TransformRsaSha256,
        )
        tree.append(node)
        ref = xmlsec.template.add_reference(
            node, xmlsec.constants.TransformSha256, uri=""
        )
        xmlsec.template.add_transform(ref, xmlsec.constants.TransformEnveloped)
        xmlsec.template.add_transform(ref, xmlsec.constants.TransformExclC14N)
        x509_data = xmlsec.template.add_x509_data(xmlsec.template.ensure_key_info(node))
        xmlsec.template.x509_data_add_certificate(x509_data)
        key_pem = self.pki.signer.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        key = xmlsec.Key.from_memory(key_pem, xmlsec.constants.KeyDataFormatPem)
        # the signer's certificate and its issuing CA travel in KeyInfo
        for identity in (self.pki.signer, self.pki.intermediate):
            key.load_cert_from_memory(
                identity.pem, xmlsec.constants.KeyDataFormatCertPem
            )
        context = xmlsec.SignatureContext()
        context.key = key
        context.sign(node)
        result = xmldsig.verify_xml(etree.tostring(tree), trust_roots=self.roots)
        self.assertTrue(result.valid, result.reason)
        # ... and libxmlsec verifies ours against the certificate alone.
        ours = self.tree()
        context = xmlsec.SignatureContext()
        context.key = xmlsec.Key.from_memory(
            self.pki.signer.pem, xmlsec.constants.KeyDataFormatCertPem
        )
        context.verify(ours.find("ds:Signature", xmldsig.NS))

    def test_changed_text_detected(self):
        self.assertTampered(self.signed.replace(b">12<", b">13<"))

    def test_changed_attribute_detected(self):
        tree = self.tree()
        tree.find("{urn:ecabinet:test}Votes").set("choice", "no")
        self.assertTampered(etree.tostring(tree))

    def test_added_element_detected(self):
        tree = self.tree()
        etree.SubElement(tree, "{urn:ecabinet:test}Votes").text = "99"
        self.assertTampered(etree.tostring(tree))

    def test_changed_signature_value_detected(self):
        tree = self.tree()
        node = tree.find("ds:Signature/ds:SignatureValue", xmldsig.NS)
        raw = bytearray(base64.b64decode(node.text))
        raw[10] ^= 0xFF
        node.text = base64.b64encode(bytes(raw)).decode()
        self.assertTampered(etree.tostring(tree))

    def test_swapped_certificate_detected(self):
        """Another person's certificate in KeyInfo: the signature no longer
        matches, the document is not attributed to them."""
        tree = self.tree()
        node = tree.find(
            "ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509Certificate", xmldsig.NS
        )
        other = self.pki.untrusted_signer.cert.public_bytes(serialization.Encoding.DER)
        node.text = base64.b64encode(other).decode()
        root = tree.find("ds:Signature/ds:KeyInfo/ds:X509Data", xmldsig.NS)[1]
        root.getparent().remove(root)
        result = self.assertTampered(etree.tostring(tree))
        self.assertIsNone(result.signing_certificate)
        self.assertEqual(result.signer_subject, "")

    def test_removed_signature_detected(self):
        tree = self.tree()
        tree.remove(tree.find("ds:Signature", xmldsig.NS))
        result = xmldsig.verify_xml(etree.tostring(tree), trust_roots=self.roots)
        self.assertFalse(result.valid)
        self.assertEqual(result.reason, "The document is not signed.")

    def test_partial_reference_refused(self):
        """A signature over part of the document only (wrapping attacks) is
        refused even though the signed part is intact."""
        tree = self.tree()
        tree.find("ds:Signature/ds:SignedInfo/ds:Reference", xmldsig.NS).set(
            "URI", "#x"
        )
        result = xmldsig.verify_xml(etree.tostring(tree))
        self.assertFalse(result.valid)
        self.assertEqual(
            result.reason, "The signature does not cover the whole document."
        )

    def test_second_signature_refused(self):
        tree = self.tree()
        tree.append(
            etree.fromstring(etree.tostring(tree.find("ds:Signature", xmldsig.NS)))
        )
        result = xmldsig.verify_xml(etree.tostring(tree))
        self.assertFalse(result.valid)
        self.assertEqual(result.reason, "The document holds more than one signature.")

    def test_sha1_signature_refused(self):
        tree = etree.fromstring(RECORD.encode())
        node = xmlsec.template.create(
            tree, xmlsec.constants.TransformExclC14N, xmlsec.constants.TransformRsaSha1
        )
        tree.append(node)
        ref = xmlsec.template.add_reference(
            node, xmlsec.constants.TransformSha1, uri=""
        )
        xmlsec.template.add_transform(ref, xmlsec.constants.TransformEnveloped)
        key_pem = self.pki.signer.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        context = xmlsec.SignatureContext()
        context.key = xmlsec.Key.from_memory(key_pem, xmlsec.constants.KeyDataFormatPem)
        context.sign(node)
        result = xmldsig.verify_xml(etree.tostring(tree))
        self.assertFalse(result.valid)
        self.assertIn("weak or unsupported", result.reason)

    def test_untrusted_signer_reported(self):
        """Intact, but signed by someone outside the trust store."""
        signed = xmldsig.sign_xml(RECORD, self.pki.untrusted_signer.backend())
        result = xmldsig.verify_xml(signed, trust_roots=self.roots)
        self.assertTrue(result.intact)
        self.assertFalse(result.trusted)
        self.assertFalse(result.valid)
        self.assertEqual(
            result.reason, "The signer's certificate does not chain to a trusted root."
        )
        self.assertIn("CN=Untrusted Signer", result.signer_subject)
        # Re-signing a tampered document with another key is caught the same way.
        forged = xmldsig.sign_xml(
            RECORD.replace(">12<", ">40<"), self.pki.untrusted_signer.backend()
        )
        self.assertFalse(xmldsig.verify_xml(forged, trust_roots=self.roots).valid)
        # Without trust roots only integrity is checked, and trust is unknown.
        result = xmldsig.verify_xml(signed)
        self.assertTrue(result.valid)
        self.assertIsNone(result.trusted)

    def test_trust_checked_at_validation_time(self):
        """The signer chains to the root, but not at a time the certificate
        was not valid."""
        moment = self.pki.signer.cert.not_valid_after_utc.replace(year=2040)
        result = xmldsig.verify_xml(
            self.signed, trust_roots=self.roots, validation_time=moment
        )
        self.assertTrue(result.intact)
        self.assertFalse(result.trusted)
        self.assertIn("expired", result.reason)

    def test_revocation_through_validation_context(self):
        """The trust hook takes a full validation context: a CRL revoking the
        signer makes the signature untrusted, one that does not keeps it."""
        for revoked, trusted in (([], True), ([self.pki.signer.cert], False)):
            context = ValidationContext(
                trust_roots=[self.pki.root.asn1],
                crls=[
                    self.pki.crl(self.pki.root, revoked=[]),
                    self.pki.crl(self.pki.intermediate, revoked=revoked),
                ],
                revocation_mode="require",
            )
            result = xmldsig.verify_xml(self.signed, validation_context=context)
            self.assertTrue(result.intact)
            self.assertEqual(result.trusted, trusted)
        self.assertEqual(result.reason, "The signer's certificate has been revoked.")

    def test_two_step_signing_for_pending_backends(self):
        backend = self.pki.signer.backend()
        with self.assertRaises(SignaturePending):
            xmldsig.sign_xml(RECORD, PhoneBackend(backend))
        prepared = xmldsig.prepare_xml_signature(
            RECORD, [backend.signing_cert, *backend.chain]
        )
        # Unfinished: the document is not yet validly signed.
        self.assertFalse(xmldsig.verify_xml(prepared.xml).valid)
        value = backend.sign_digest(
            prepared.digest, prepared.digest_algorithm, prepared.mechanism
        )
        signed = xmldsig.finish_xml_signature(prepared.xml, value)
        self.assertTrue(xmldsig.verify_xml(signed, trust_roots=self.roots).valid)

    def test_key_not_matching_certificate_refused(self):
        """A token or service signing with another key than the certificate's
        is caught when signing, not by the recipient."""
        mismatched = self.pki.signer.backend(key=self.pki.untrusted_signer.key)
        with self.assertRaisesRegex(BackendError, "not the certificate's"):
            xmldsig.sign_xml(RECORD, mismatched)

    def test_bad_input(self):
        result = xmldsig.verify_xml(b"<not-closed>")
        self.assertFalse(result.valid)
        self.assertIn("not well-formed XML", result.reason)
        with self.assertRaisesRegex(xmldsig.XmlSignatureError, "not well-formed"):
            xmldsig.sign_xml(b"<a>", self.pki.signer.backend())
        with self.assertRaisesRegex(xmldsig.XmlSignatureError, "already signed"):
            xmldsig.sign_xml(self.signed, self.pki.signer.backend())
        # No DTD: entities could make the signed text differ from what is shown.
        evil = (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM '
            b'"file:///etc/passwd">]><r>&x;</r>'
        )
        with self.assertRaisesRegex(xmldsig.XmlSignatureError, "DTD"):
            xmldsig.sign_xml(evil, self.pki.signer.backend())
        self.assertEqual(
            xmldsig.verify_xml(evil).reason, "Documents with a DTD are not accepted."
        )
