"""Certificate checks before signing and verification of signed PDFs (no ORM).

Both use pyhanko-certvalidator with the configured trust roots only (NEAC, the
Government Cipher Committee, ...), fetching CRLs and OCSP responses from the
URLs in the certificates, revocation checking in hard-fail mode.
"""

import asyncio
import datetime
import hashlib
import io

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import (
    async_validate_pdf_signature,
    async_validate_pdf_timestamp,
)
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator import errors as cv_errors
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

UTC = datetime.timezone.utc

# Reasons a certificate is refused (codes; the models translate them).
EXPIRED = "expired"
NOT_YET_VALID = "not_yet_valid"
REVOKED = "revoked"
UNTRUSTED = "untrusted"
NO_REVOCATION_INFO = "no_revocation_info"
INVALID = "invalid"


class CertificateRefused(Exception):
    """The certificate must not be used to sign."""

    def __init__(self, code, detail=""):
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = str(detail)


def load_certificate(data):
    """An asn1crypto certificate from DER or PEM bytes (ValueError if neither)."""
    if pem.detect(data):
        _type, _headers, data = pem.unarmor(data)
    try:
        cert = asn1_x509.Certificate.load(data)
        _parsed = cert.native  # parse it all now, not later
    except (ValueError, TypeError) as exc:
        raise ValueError("not an X.509 certificate") from exc
    return cert


def fingerprint(cert):
    """SHA-256 of the DER certificate, hex."""
    return hashlib.sha256(cert.dump()).hexdigest()


def validation_context(trust_roots, other_certs=(), moment=None, fetch=True):
    return ValidationContext(
        trust_roots=list(trust_roots),
        other_certs=list(other_certs),
        allow_fetching=fetch,
        revocation_mode="hard-fail",
        moment=moment,
        # requests, not aiohttp: no session left open after asyncio.run()
        fetcher_backend=RequestsFetcherBackend(per_request_timeout=20),
    )


def revocation_evidence(context):
    """DER bytes of the OCSP responses and CRLs a context fetched."""
    return {
        "ocsp": [resp.dump() for resp in context.ocsps],
        "crl": [crl.dump() for crl in context.crls],
    }


def check_certificate(cert, chain, trust_roots, moment=None):
    """Check validity period, trust path and revocation of a signing certificate.

    Return the revocation evidence (see :func:`revocation_evidence`); raise
    :class:`CertificateRefused` with a reason code otherwise.
    """
    now = moment or datetime.datetime.now(UTC)
    validity = cert["tbs_certificate"]["validity"]
    if now > validity["not_after"].native:
        raise CertificateRefused(EXPIRED, validity["not_after"].native.isoformat())
    if now < validity["not_before"].native:
        raise CertificateRefused(
            NOT_YET_VALID, validity["not_before"].native.isoformat()
        )
    if not trust_roots:
        raise CertificateRefused(UNTRUSTED, "no trust root configured")
    context = validation_context(trust_roots, chain)
    validator = CertificateValidator(
        cert, intermediate_certs=list(chain), validation_context=context
    )
    try:
        asyncio.run(validator.async_validate_usage({"digital_signature"}))
    except cv_errors.RevokedError as exc:
        raise CertificateRefused(REVOKED, exc) from exc
    except cv_errors.ExpiredError as exc:
        raise CertificateRefused(EXPIRED, exc) from exc
    except cv_errors.NotYetValidError as exc:
        raise CertificateRefused(NOT_YET_VALID, exc) from exc
    except cv_errors.InsufficientRevinfoError as exc:
        raise CertificateRefused(NO_REVOCATION_INFO, exc) from exc
    except cv_errors.PathBuildingError as exc:
        raise CertificateRefused(UNTRUSTED, exc) from exc
    except (cv_errors.ValidationError, cv_errors.PathError) as exc:
        raise CertificateRefused(INVALID, exc) from exc
    return revocation_evidence(context)


def _name(cert, attr="common_name"):
    return cert.subject.native.get(attr) or cert.subject.human_friendly


def _status_text(status):
    if status.revoked:
        return REVOKED
    if status.trusted:
        return "trusted"
    return UNTRUSTED


def verify_pdf(pdf_bytes, trust_roots, fetch=True):
    """Validate every signature and document timestamp of a PDF.

    Return ``{"error": str|None, "signatures": [dict]}``; each dict has the
    signer, certificate, integrity, trust, revocation, timestamp and
    modification results and ``ok`` when nothing is wrong.
    """
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        return {"error": f"{exc}", "signatures": []}
    return asyncio.run(_verify_all(reader, embedded, list(trust_roots), fetch))


async def _verify_all(reader, embedded, trust_roots, fetch):
    results = []
    for sig in embedded:
        context = validation_context(trust_roots, fetch=fetch)
        ts_context = validation_context(trust_roots, fetch=fetch)
        result = {
            "field": sig.field_name,
            "kind": "timestamp"
            if sig.sig_object_type == "/DocTimeStamp"
            else "signature",
            "problems": [],
        }
        try:
            if result["kind"] == "timestamp":
                status = await async_validate_pdf_timestamp(
                    sig, validation_context=ts_context
                )
            else:
                status = await async_validate_pdf_signature(
                    sig,
                    signer_validation_context=context,
                    ts_validation_context=ts_context,
                )
        except (SignatureValidationError, PdfError, ValueError) as exc:
            result.update(ok=False, error=str(exc), intact=False, valid=False)
            result["problems"].append("error")
            results.append(result)
            continue
        cert = status.signing_cert
        result.update(
            signer=_name(cert),
            subject=cert.subject.human_friendly,
            issuer=cert.issuer.human_friendly,
            serial=f"{cert.serial_number:X}",
            fingerprint=fingerprint(cert),
            not_after=cert["tbs_certificate"]["validity"]["not_after"].native,
            intact=status.intact,
            valid=status.valid,
            trusted=status.trusted,
            revoked=status.revoked,
            trust=_status_text(status),
            md_algorithm=status.md_algorithm,
            mechanism=status.pkcs7_signature_mechanism
            if hasattr(status, "pkcs7_signature_mechanism")
            else "",
            coverage=status.coverage.name if status.coverage else "",
            modification_level=status.modification_level.name
            if status.modification_level
            else "",
            docmdp_ok=status.docmdp_ok,
            error=None,
        )
        if result["kind"] == "timestamp":
            result["signing_time"] = status.timestamp
            result["timestamp_time"] = status.timestamp
            result["timestamp_ok"] = status.valid and status.intact and status.trusted
        else:
            ts = status.timestamp_validity
            result["signing_time"] = status.signer_reported_dt
            result["timestamp_time"] = ts.timestamp if ts else None
            result["timestamp_ok"] = bool(ts and ts.valid and ts.intact and ts.trusted)
            if ts is None:
                result["problems"].append("no_timestamp")
            elif not result["timestamp_ok"]:
                result["problems"].append("timestamp_invalid")
        if not status.intact or not status.valid:
            result["problems"].append("altered")
        if status.revoked:
            result["problems"].append("revoked")
        elif not status.trusted:
            result["problems"].append("untrusted")
        if status.coverage is None or status.coverage < (
            SignatureCoverageLevel.ENTIRE_REVISION
        ):
            result["problems"].append("coverage")
        if status.docmdp_ok is False or (
            status.modification_level is not None
            and status.modification_level.name == "OTHER"
        ):
            result["problems"].append("modified")
        problems = set(result["problems"]) - {"no_timestamp"}
        result["ok"] = not problems
        results.append(result)
    return {"error": None, "signatures": results}
