"""Signing 100 ten-page PDFs: our code path vs pyHanko's own command line.

The same 100 ten-page PDFs (reportlab, generated once) are signed in the same run,
with the same PKCS#12 key and the same local RFC 3161 timestamp authority (the
throw-away PKI of ``_data.py``: a root CA, the signer and the TSA, with an OCSP
responder on loopback), PAdES B-T, RSASSA-PSS, one visible signature each:

- **ours, ORM**: the whole path of a sign request (``ecabinet.sign.request``):
  create it from the uploaded PDF, ``action_start`` (signature field placed with
  ``pdftotext -bbox``), then the signer signs (PKCS#12 opened, certificate checked
  against the trust roots with OCSP, number assigned, stamp, timestamp, audit
  entry with the revocation evidence);
- **ours, library**: ``lib.pdf.prepare`` + ``lib.pdf.sign`` with the PKCS#12
  backend, without ORM, certificate check or numbering: the work pyHanko's command
  line does;
- **pyHanko CLI**: ``pyhanko sign addsig --use-pades --prefer-pss --timestamp-url
  ... pkcs12 in.pdf out.pdf key.p12``, one subprocess per file (the command
  line that comes with pyHanko 0.24).

Prints the time per file of each and the ratios ours / CLI; one output of each
side is verified (signature intact and trusted) so that the comparison is between
working signatures.
"""

import base64
import io
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _data import ThrowAwayPKI
from _odoo_bench import bench_database
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

FILES = 100
PASSWORD = b"ecabinet-bench"
PAGES = 10


def make_pdf(index):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for page in range(PAGES):
        text = pdf.beginText(72, 770)
        text.textLine(f"Document {index + 1}, page {page + 1} of {PAGES}")
        for line in range(40):
            text.textLine(f"Line {line + 1}: public investment plan 2027, item {line}.")
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def main():
    if not shutil.which("pyhanko"):
        sys.exit("pyHanko's command line is missing: pip install -r requirements.txt")
    for name in ("pyhanko", "pyhanko_certvalidator", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    with bench_database(["ecabinet_sign"]) as env, ThrowAwayPKI() as pki:
        compare(env, pki)


def compare(env, pki):
    from asn1crypto import x509 as asn1_x509  # noqa: PLC0415

    from odoo.addons.ecabinet_sign.lib import pdf as pdf_lib  # noqa: PLC0415
    from odoo.addons.ecabinet_sign.lib.pkcs12_backend import (  # noqa: PLC0415
        Pkcs12Backend,
    )
    from odoo.addons.ecabinet_sign.lib.validation import verify_pdf  # noqa: PLC0415

    p12 = pki.pkcs12(PASSWORD)
    print(f"generating {FILES} PDFs of {PAGES} pages ...", flush=True)
    pdfs = [make_pdf(n) for n in range(FILES)]
    roots = [asn1_x509.Certificate.load(pki.root_der)]

    # ours, through the ORM --------------------------------------------------
    env.company.write(
        {
            "ecabinet_sign_tsa_url": pki.tsa_url,
            "ecabinet_sign_pades_level": "b_t",
            "ecabinet_sign_agency_name": "UBND tỉnh Bình Minh",
        }
    )
    env["ecabinet.sign.trust.root"].create(
        {
            "name": "Bench root",
            "kind": "neac",
            "certificate": base64.b64encode(pki.root_pem),
        }
    )
    Request = env["ecabinet.sign.request"]
    env.flush_all()
    start_q, start = env.cr.sql_log_count, time.perf_counter()
    orm_outputs = []
    for index, data in enumerate(pdfs):
        request = Request.create(
            {
                "name": f"Bench {index}",
                "source": "upload",
                "source_pdf": base64.b64encode(data),
                "document_kind": "copy",
                "signer_ids": [(0, 0, {"role": "agency", "user_id": env.user.id})],
            }
        )
        request.action_start()
        request.signer_ids._ecabinet_sign(pkcs12=p12, password=PASSWORD.decode())
        orm_outputs.append(request)
    env.flush_all()
    orm_time = time.perf_counter() - start
    orm_queries = env.cr.sql_log_count - start_q
    orm_sample = orm_outputs[0]._pdf_bytes()

    # ours, library only -----------------------------------------------------
    start = time.perf_counter()
    lib_sample = None
    for data in pdfs:
        backend = Pkcs12Backend(p12, PASSWORD)
        prepared = pdf_lib.prepare(data, kind="copy")
        signed = pdf_lib.sign(
            prepared,
            backend,
            pdf_lib.FIELD_AGENCY,
            level="b_t",
            tsa_url=pki.tsa_url,
            stamp=pdf_lib.agency_stamp("UBND tỉnh Bình Minh", pdf_lib.vn_now()),
        )
        lib_sample = lib_sample or signed
    lib_time = time.perf_counter() - start

    # pyHanko's command line ------------------------------------------------------
    with tempfile.TemporaryDirectory(prefix="ecabinet-bench-sign-") as tmp:
        tmp = Path(tmp)
        (tmp / "key.p12").write_bytes(p12)
        (tmp / "pass").write_bytes(PASSWORD)
        for index, data in enumerate(pdfs):
            (tmp / f"in{index}.pdf").write_bytes(data)
        start = time.perf_counter()
        for index in range(FILES):
            subprocess.run(
                [
                    "pyhanko",
                    "sign",
                    "addsig",
                    "--field",
                    "1/340,790,555,830/Sig",
                    "--use-pades",
                    "--prefer-pss",
                    "--timestamp-url",
                    pki.tsa_url,
                    "pkcs12",
                    "--passfile",
                    str(tmp / "pass"),
                    str(tmp / f"in{index}.pdf"),
                    str(tmp / f"out{index}.pdf"),
                    str(tmp / "key.p12"),
                ],
                check=True,
                capture_output=True,
            )
        cli_time = time.perf_counter() - start
        cli_sample = (tmp / "out0.pdf").read_bytes()

    for name, sample in (
        ("ours, ORM", orm_sample),
        ("ours, library", lib_sample),
        ("pyHanko CLI", cli_sample),
    ):
        sig = verify_pdf(sample, roots)["signatures"][0]
        ok = sig["intact"] and sig["valid"] and sig["trusted"] and sig["timestamp_ok"]
        print(f"  check {name}: intact, trusted, timestamped: {ok}")
        if not ok:
            sys.exit(f"{name} produced an invalid signature: {sig}")

    print(f"\nSigning {FILES} PDFs of {PAGES} pages (PAdES B-T, RSA-PSS 2048)")
    rows = (
        ("ours, ORM (request, check, number, audit)", orm_time),
        ("ours, library (prepare + sign)", lib_time),
        ("pyHanko CLI (subprocess per file)", cli_time),
    )
    for name, seconds in rows:
        print(f"  {name:<44} {seconds:8.2f} s  {seconds / FILES * 1000:8.1f} ms/file")
    print(f"  ORM queries: {orm_queries} ({orm_queries / FILES:.1f} per file)")
    print(f"  ratio ORM / CLI:     {orm_time / cli_time:.2f}x")
    print(f"  ratio library / CLI: {lib_time / cli_time:.2f}x")


if __name__ == "__main__":
    main()
