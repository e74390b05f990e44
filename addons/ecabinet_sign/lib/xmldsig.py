"""Enveloped XML-DSig signatures (docs/signing.md, requirement 13) over any key backend.

Signatures made here: one ``ds:Signature`` whose single ``ds:Reference`` has
``URI=""`` (the whole document) with the enveloped-signature and exclusive C14N
transforms, SHA-256 digests, RSA-SHA256 (PKCS#1 v1.5, the only RSA scheme the
XML-DSig 1.1 recommendation names) or ECDSA-SHA256, and a ``ds:KeyInfo`` holding
the signer's certificate chain in ``ds:X509Data``.

The signature value comes from a :class:`~.backend.SigningBackend`, so PKCS#12
files, PKCS#11 tokens and remote hash-signing services sign XML as they sign
PDFs: libxmlsec builds the template and the reference digest, and the
canonicalised ``ds:SignedInfo`` is hashed here and signed by the backend. A
backend that needs the holder's approval elsewhere raises
:class:`~.backend.SignaturePending`; :func:`prepare_xml_signature` and
:func:`finish_xml_signature` split the work around that wait.

:func:`verify_xml` checks the structure (one signature, covering the whole
document, with allowed algorithms only), the signature with libxmlsec against
the embedded certificate, and optionally the signer's chain to the given trust
roots with pyhanko-certvalidator.
"""

import asyncio
import base64
import dataclasses
import functools
import hashlib

import xmlsec
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from lxml import etree
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    InvalidCertificateError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
)

from .backend import MECHANISM_ECDSA, MECHANISM_RSA_PKCS1V15, BackendError

DS_NS = "http://www.w3.org/2000/09/xmldsig#"
NS = {"ds": DS_NS}

EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
C14N_METHODS = {
    EXC_C14N,
    "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
    "http://www.w3.org/2006/12/xml-c14n11",
}
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
# Accepted when verifying: SHA-256 or stronger (Circular 15/2025).
SIGNATURE_METHODS = {
    RSA_SHA256: ("rsa", hashes.SHA256),
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": ("rsa", hashes.SHA384),
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": ("rsa", hashes.SHA512),
    ECDSA_SHA256: ("ec", hashes.SHA256),
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384": ("ec", hashes.SHA384),
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512": ("ec", hashes.SHA512),
}
DIGEST_METHODS = {
    "http://www.w3.org/2001/04/xmlenc#sha256",
    "http://www.w3.org/2001/04/xmldsig-more#sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512",
}
# RSA keys must be at least 2048 bits, EC keys 256 bits (requirement 7).
MIN_KEY_BITS = {"rsa": 2048, "ec": 256}


class XmlSignatureError(ValueError):
    """The XML cannot be signed (not well-formed, no place for the signature)."""


@dataclasses.dataclass
class XmlSignatureResult:
    """What :func:`verify_xml` found.

    ``intact``: the signature is well-formed, covers the whole document and
    matches it and the embedded signer certificate. ``trusted``: the signer
    chains to one of the trust roots (``None`` when no roots were given).
    ``reason``: why it is not valid (empty when it is).
    """

    intact: bool = False
    trusted: bool | None = None
    reason: str = ""
    signer_subject: str = ""
    signing_certificate: x509.Certificate | None = None
    certificates: list = dataclasses.field(default_factory=list)
    signature_method: str = ""
    trust_reason: str = ""

    @property
    def valid(self):
        return self.intact and self.trusted is not False

    def __bool__(self):
        return self.valid


@dataclasses.dataclass
class PreparedXmlSignature:
    """A document with its signature laid out, waiting for the signature value.

    ``digest`` (a ``digest_algorithm`` hash of the canonical ``ds:SignedInfo``)
    is what the key backend signs with ``mechanism``; hand the result to
    :func:`finish_xml_signature` with ``xml``.
    """

    xml: bytes
    digest: bytes
    digest_algorithm: str
    mechanism: str


# Parsing --------------------------------------------------------------------------


def _parser():
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        remove_blank_text=False,
        remove_comments=False,
        huge_tree=False,
    )


def parse_xml(xml):
    """An lxml tree from bytes, str or an element (copied); safe parser."""
    if isinstance(xml, etree._ElementTree):
        xml = xml.getroot()
    if isinstance(xml, etree._Element):
        return etree.ElementTree(etree.fromstring(etree.tostring(xml), _parser()))
    if isinstance(xml, str):
        xml = xml.encode()
    try:
        tree = etree.ElementTree(etree.fromstring(xml, _parser()))
    except etree.XMLSyntaxError as error:
        raise XmlSignatureError(
            f"The document is not well-formed XML: {error}"
        ) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        # Entities could make the signed text differ from the displayed text.
        raise XmlSignatureError("Documents with a DTD are not accepted.")
    return tree


def _serialize(tree):
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def _c14n(element):
    return etree.tostring(element, method="c14n", exclusive=True, with_comments=False)


# Certificates ---------------------------------------------------------------------


def to_cryptography(cert):
    """A ``cryptography`` certificate from asn1crypto, DER or PEM bytes."""
    if isinstance(cert, x509.Certificate):
        return cert
    if isinstance(cert, asn1_x509.Certificate):
        return x509.load_der_x509_certificate(cert.dump())
    if isinstance(cert, str):
        cert = cert.encode()
    if cert.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_certificate(cert)
    return x509.load_der_x509_certificate(cert)


def _to_asn1(cert):
    der = to_cryptography(cert).public_bytes(serialization.Encoding.DER)
    return asn1_x509.Certificate.load(der)


def _key_kind(public_key):
    if isinstance(public_key, rsa.RSAPublicKey):
        return "rsa"
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        return "ec"
    return "other"


# Signing --------------------------------------------------------------------------


@functools.cache
def _scratch_key(kind):
    """A throwaway key: libxmlsec computes the reference digest with it, then
    the signature value is replaced by the backend's."""
    if kind == "rsa":
        private = rsa.generate_private_key(65537, 2048)
    else:
        private = ec.generate_private_key(ec.SECP256R1())
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return pem


def _find_parent(tree, parent_path, namespaces):
    root = tree.getroot()
    if not parent_path:
        return root
    found = root.xpath(parent_path, namespaces=namespaces or {})
    if len(found) != 1 or not isinstance(found[0], etree._Element):
        raise XmlSignatureError(
            f"The document has no single element {parent_path} to hold the signature."
        )
    return found[0]


def prepare_xml_signature(xml, certificates, parent_path=None, namespaces=None):
    """Lay out an enveloped signature for the signer of ``certificates``.

    ``certificates``: the signer's certificate first, then its chain
    (asn1crypto, ``cryptography``, DER or PEM). ``parent_path``: XPath of the
    element that receives ``ds:Signature`` (default: the root element).
    Returns a :class:`PreparedXmlSignature`.
    """
    certs = [to_cryptography(cert) for cert in certificates]
    if not certs:
        raise XmlSignatureError("A signer certificate is required to sign XML.")
    kind = _key_kind(certs[0].public_key())
    if kind == "rsa":
        method, mechanism = xmlsec.constants.TransformRsaSha256, MECHANISM_RSA_PKCS1V15
    elif kind == "ec":
        method, mechanism = xmlsec.constants.TransformEcdsaSha256, MECHANISM_ECDSA
    else:
        raise XmlSignatureError("Only RSA and ECDSA keys can sign XML.")
    tree = parse_xml(xml)
    parent = _find_parent(tree, parent_path, namespaces)
    if tree.getroot().xpath("//ds:Signature", namespaces=NS):
        raise XmlSignatureError("The document is already signed.")
    signature = xmlsec.template.create(
        tree.getroot(), xmlsec.constants.TransformExclC14N, method, ns="ds"
    )
    parent.append(signature)
    reference = xmlsec.template.add_reference(
        signature, xmlsec.constants.TransformSha256, uri=""
    )
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformEnveloped)
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformExclC14N)
    # libxmlsec computes DigestValue (and a scratch signature value).
    context = xmlsec.SignatureContext()
    context.key = xmlsec.Key.from_memory(
        _scratch_key(kind), xmlsec.constants.KeyDataFormatPem
    )
    try:
        context.sign(signature)
    except xmlsec.Error as error:
        raise XmlSignatureError(f"The document cannot be signed: {error}") from None
    key_info = etree.SubElement(signature, f"{{{DS_NS}}}KeyInfo")
    x509_data = etree.SubElement(key_info, f"{{{DS_NS}}}X509Data")
    for cert in certs:
        node = etree.SubElement(x509_data, f"{{{DS_NS}}}X509Certificate")
        der = cert.public_bytes(serialization.Encoding.DER)
        node.text = base64.b64encode(der).decode()
    signature.find("ds:SignatureValue", NS).text = ""
    signed_info = signature.find("ds:SignedInfo", NS)
    digest = hashlib.sha256(_c14n(signed_info)).digest()
    return PreparedXmlSignature(_serialize(tree), digest, "sha256", mechanism)


def _ecdsa_raw(der_signature, key_bits):
    """XML-DSig wants r || s, each as long as the curve order (RFC 4050)."""
    size = (key_bits + 7) // 8
    try:
        r, s = utils.decode_dss_signature(der_signature)
    except ValueError:
        if len(der_signature) == 2 * size:  # already raw
            return der_signature
        raise
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def finish_xml_signature(prepared_xml, signature):
    """Put the backend's ``signature`` (raw RSA, or DER ECDSA as backends
    return it) into the prepared document; returns the signed XML bytes."""
    tree = parse_xml(prepared_xml)
    nodes = tree.getroot().xpath("//ds:Signature", namespaces=NS)
    if len(nodes) != 1:
        raise XmlSignatureError("The prepared document has no signature to finish.")
    node = nodes[0]
    method = node.find("ds:SignedInfo/ds:SignatureMethod", NS).get("Algorithm")
    cert = _embedded_certificates(node)[0]
    if method == ECDSA_SHA256:
        try:
            signature = _ecdsa_raw(signature, cert.public_key().key_size)
        except ValueError:
            raise BackendError(
                "The key backend returned an unreadable signature."
            ) from None
    node.find("ds:SignatureValue", NS).text = base64.b64encode(signature).decode()
    # A key that is not the certificate's would give a document nobody can verify.
    if not _verify_signed_info(node, cert):
        raise BackendError(
            "The signature does not match the signer certificate: the key used "
            "is not the certificate's."
        )
    return _serialize(tree)


def sign_xml(xml, backend, parent_path=None, namespaces=None):
    """Sign ``xml`` (bytes, str or element) with ``backend`` and return the
    signed XML bytes. Raises :class:`~.backend.SignaturePending` when the
    backend waits for the holder (then use :func:`prepare_xml_signature`)."""
    if backend.signing_cert is None:
        raise BackendError("The key backend has no signer certificate.")
    prepared = prepare_xml_signature(
        xml, [backend.signing_cert, *backend.chain], parent_path, namespaces
    )
    value = backend.sign_digest(
        prepared.digest, prepared.digest_algorithm, prepared.mechanism
    )
    return finish_xml_signature(prepared.xml, value)


# Verification ---------------------------------------------------------------------


def _embedded_certificates(signature):
    certs = []
    for node in signature.findall("ds:KeyInfo/ds:X509Data/ds:X509Certificate", NS):
        try:
            der = base64.b64decode("".join((node.text or "").split()), validate=True)
            certs.append(x509.load_der_x509_certificate(der))
        except ValueError:
            continue
    return certs


def _check_structure(tree, signature_parent, namespaces):
    """The one signature node, or a reason why the structure is not acceptable."""
    root = tree.getroot()
    signatures = root.xpath("//ds:Signature", namespaces=NS)
    if not signatures:
        return None, "The document is not signed."
    if len(signatures) > 1:
        return None, "The document holds more than one signature."
    signature = signatures[0]
    if signature_parent:
        expected = root.xpath(signature_parent, namespaces=namespaces or {})
        if len(expected) != 1 or signature.getparent() is not expected[0]:
            return None, "The signature is not in its expected place."
    signed_info = signature.find("ds:SignedInfo", NS)
    if signed_info is None or signature.find("ds:SignatureValue", NS) is None:
        return None, "The signature is incomplete."
    c14n = signed_info.find("ds:CanonicalizationMethod", NS)
    if c14n is None or c14n.get("Algorithm") not in C14N_METHODS:
        return None, "The signature uses an unsupported canonicalisation."
    method = signed_info.find("ds:SignatureMethod", NS)
    if method is None or method.get("Algorithm") not in SIGNATURE_METHODS:
        return None, "The signature uses a weak or unsupported algorithm."
    references = signed_info.findall("ds:Reference", NS)
    if len(references) != 1 or references[0].get("URI") != "":
        return None, "The signature does not cover the whole document."
    reference = references[0]
    transforms = [
        node.get("Algorithm")
        for node in reference.findall("ds:Transforms/ds:Transform", NS)
    ]
    if (
        not transforms
        or transforms[0] != ENVELOPED
        or any(algo not in C14N_METHODS for algo in transforms[1:])
    ):
        return None, "The signature uses unsupported transforms."
    digest = reference.find("ds:DigestMethod", NS)
    if digest is None or digest.get("Algorithm") not in DIGEST_METHODS:
        return None, "The signature uses a weak or unsupported digest algorithm."
    return signature, ""


def _verify_with(signature, cert):
    pem = cert.public_bytes(serialization.Encoding.PEM)
    context = xmlsec.SignatureContext()
    context.key = xmlsec.Key.from_memory(pem, xmlsec.constants.KeyDataFormatCertPem)
    try:
        context.verify(signature)
    except xmlsec.Error:
        return False
    return True


def _verify_signed_info(signature, cert):
    """Same check as libxmlsec's on ds:SignedInfo, independently (cryptography)."""
    method = signature.find("ds:SignedInfo/ds:SignatureMethod", NS).get("Algorithm")
    kind, algorithm = SIGNATURE_METHODS[method]
    data = _c14n(signature.find("ds:SignedInfo", NS))
    value = base64.b64decode(
        "".join(signature.find("ds:SignatureValue", NS).text.split())
    )
    key = cert.public_key()
    try:
        if kind == "rsa":
            key.verify(value, data, padding.PKCS1v15(), algorithm())
        else:
            size = len(value) // 2
            der = utils.encode_dss_signature(
                int.from_bytes(value[:size], "big"), int.from_bytes(value[size:], "big")
            )
            key.verify(der, data, ec.ECDSA(algorithm()))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def check_trust(
    signing_cert,
    other_certs=(),
    trust_roots=(),
    validation_context=None,
    validation_time=None,
):
    """``(trusted, reason)`` for the signer's path to ``trust_roots``.

    ``validation_context``: a ready pyhanko-certvalidator context (revocation
    policy, CRLs/OCSP responses, fetching) replacing the simple one built
    from ``trust_roots``.
    """
    others = [_to_asn1(cert) for cert in other_certs]
    if validation_context is None:
        validation_context = ValidationContext(
            trust_roots=[_to_asn1(cert) for cert in trust_roots],
            other_certs=others,
            moment=validation_time,
            allow_fetching=False,
            revocation_mode="soft-fail",
        )
    validator = CertificateValidator(
        _to_asn1(signing_cert),
        intermediate_certs=others,
        validation_context=validation_context,
    )
    try:
        asyncio.run(validator.async_validate_usage(set()))
    except PathBuildingError:
        return False, "The signer's certificate does not chain to a trusted root."
    except RevokedError:
        return False, "The signer's certificate has been revoked."
    except ExpiredError:
        return False, "The signer's certificate has expired or is not yet valid."
    except (PathValidationError, InvalidCertificateError) as error:
        return False, f"The signer's certificate is not valid: {error}"
    return True, ""


def verify_xml(
    xml,
    trust_roots=None,
    validation_context=None,
    validation_time=None,
    signature_parent=None,
    namespaces=None,
):
    """Verify the enveloped signature of ``xml``; returns an
    :class:`XmlSignatureResult` (never raises on a bad document).

    ``trust_roots``: certificates the signer must chain to (skipped when
    neither they nor ``validation_context`` are given). ``signature_parent``:
    XPath of the element that must hold the signature.
    """
    result = XmlSignatureResult()
    try:
        tree = parse_xml(xml)
    except XmlSignatureError as error:
        result.reason = str(error)
        return result
    signature, reason = _check_structure(tree, signature_parent, namespaces)
    if signature is None:
        result.reason = reason
        return result
    result.signature_method = signature.find(
        "ds:SignedInfo/ds:SignatureMethod", NS
    ).get("Algorithm")
    certs = _embedded_certificates(signature)
    result.certificates = certs
    if not certs:
        result.reason = "The signature carries no signer certificate."
        return result
    kind = SIGNATURE_METHODS[result.signature_method][0]
    signer = next(
        (
            cert
            for cert in certs
            if _key_kind(cert.public_key()) == kind
            and _verify_with(signature, cert)
            and _verify_signed_info(signature, cert)
        ),
        None,
    )
    if signer is None:
        result.reason = (
            "The signature does not match the document or the signer certificate: "
            "the document was changed after signing."
        )
        return result
    result.signing_certificate = signer
    result.signer_subject = signer.subject.rfc4514_string()
    if signer.public_key().key_size < MIN_KEY_BITS[kind]:
        result.reason = "The signer's key is too short."
        return result
    result.intact = True
    if trust_roots or validation_context is not None:
        result.trusted, result.trust_reason = check_trust(
            signer,
            [cert for cert in certs if cert is not signer],
            trust_roots or (),
            validation_context,
            validation_time,
        )
        result.reason = result.trust_reason
    return result
