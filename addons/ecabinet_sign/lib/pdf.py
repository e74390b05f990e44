"""PAdES signing of administrative documents with pyHanko (no ORM).

The document is prepared once (:func:`prepare`): empty signature fields for the
competent person and the agency, and text fields for the number / symbol and
the issue date, placed where the rendered document shows them (found with
poppler's ``pdftotext -bbox``). Signing (:func:`sign`) fills one signature
field with a visible stamp laid out as Decree 30/2020 Appendix I asks;
:func:`fill_fields` fills the number and date as an incremental update that the
first (certifying, DocMDP level 2) signature allows.
"""

import asyncio
import base64
import datetime
import hashlib
import html
import io
import re
import shutil
import subprocess
import tempfile
import zoneinfo

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from PIL import Image
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.content import RawContent
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.timestamps.requests_client import HTTPTimeStamper
from pyhanko.sign.validation.dss import async_add_validation_info
from pyhanko.stamp import StaticStampStyle, TextStampStyle

from .backend import (
    MECHANISM_ECDSA,
    MECHANISM_RSA_PKCS1V15,
    MECHANISM_RSA_PSS,
    BackendSigner,
    SignaturePending,
    SigningBackend,
)
from .fonts import FontFactory, pick_font

TZ_VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"

FIELD_PERSON = "ChuKyCaNhan"
FIELD_AGENCY = "ChuKyCoQuan"
FIELD_NUMBER = "SoKyHieu"
FIELD_DATE = "NgayBanHanh"

LEVELS = ("b_b", "b_t", "b_lt", "b_lta")


class PdfSignError(Exception):
    """The PDF cannot be prepared or signed; the message is for the user."""


class TimestampUnavailable(PdfSignError):
    """The timestamp authority cannot be reached or does not answer a timestamp:
    nothing was signed (a B-T signature without its timestamp is not made)."""


def vn_now():
    return datetime.datetime.now(TZ_VN).replace(microsecond=0)


def iso_vn(moment):
    """ISO 8601 with the Asia/Ho_Chi_Minh offset, e.g. 2026-11-29T21:50:25+07:00."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.astimezone(TZ_VN).replace(microsecond=0).isoformat()


def vn_date_text(day):
    """'ngày 05 tháng 3 năm 2027': Decree 30 pads days below 10, and months 1, 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


# ---------------------------------------------------------------- layout


def page_words(pdf_bytes):
    """Words of each page as ``[(width, height, [(text, x0, y0, x1, y1)])]`` in
    PDF coordinates (origin bottom left), read with ``pdftotext -bbox``."""
    if not shutil.which("pdftotext"):
        return []
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(pdf_bytes)
        tmp.flush()
        try:
            out = subprocess.run(
                ["pdftotext", "-bbox", tmp.name, "-"],
                capture_output=True,
                check=True,
                timeout=60,
            ).stdout.decode("utf-8", "replace")
        except (subprocess.SubprocessError, OSError):
            return []
    pages = []
    for match in re.finditer(
        r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S
    ):
        width, height = float(match[1]), float(match[2])
        words = [
            (
                html.unescape(w[5]),
                float(w[1]),
                height - float(w[4]),
                float(w[3]),
                height - float(w[2]),
            )
            for w in re.finditer(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                r'yMax="([\d.]+)">(.*?)</word>',
                match[3],
            )
            for w in [(None, *w.groups())]
        ]
        pages.append((width, height, words))
    return pages


def _find_sequence(words, tokens):
    """Boxes of the last occurrence of ``tokens`` (consecutive words)."""
    found = None
    if not tokens:
        return None
    for index in range(len(words) - len(tokens) + 1):
        chunk = words[index : index + len(tokens)]
        if [w[0].casefold() for w in chunk] == [t.casefold() for t in tokens]:
            found = (
                min(w[1] for w in chunk),
                min(w[2] for w in chunk),
                max(w[3] for w in chunk),
                max(w[4] for w in chunk),
            )
    return found


def compute_layout(pdf_bytes, kind="original", person_name=None):
    """Where the fields go: ``{name: (page_index, (x0, y0, x1, y1))}``."""
    if kind != "original":
        # Copies and attachments: agency text at the top right of page 1.
        width, height = _first_page_size(pdf_bytes)
        return {FIELD_AGENCY: (0, (width - 255, height - 52, width - 40, height - 12))}
    pages = page_words(pdf_bytes)
    if not pages:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        count = int(reader.root["/Pages"]["/Count"])
        width, height = _first_page_size(pdf_bytes)
        pages = [(width, height, [])] * count
    last = len(pages) - 1
    width, height, _words = pages[0]
    result = {}
    lw, lh, last_words = pages[last]
    name_box = _find_sequence(last_words, (person_name or "").split())
    if name_box:
        # Between the name and the title above it (Appendix I).
        centre = (name_box[0] + name_box[2]) / 2
        above = [
            w[2]
            for w in last_words
            if w[2] > name_box[3] + 1 and w[1] < centre + 70 and w[3] > centre - 70
        ]
        top = min(min(above, default=name_box[3] + 70) - 2, name_box[3] + 80)
        sig = (centre - 70, name_box[3] + 2, centre + 70, top)
    else:
        sig = (lw - 230, 80, lw - 90, 144)
    result[FIELD_PERSON] = (last, sig)
    # The seal (about 36 mm) covers the left third of the personal signature.
    seal = 100
    third = sig[0] + (sig[2] - sig[0]) / 3
    mid = (sig[1] + sig[3]) / 2
    result[FIELD_AGENCY] = (last, (third - seal, mid - seal / 2, third, mid + seal / 2))
    first_words = pages[0][2]
    number_box = _find_sequence(first_words, ["Số:"])
    if number_box:
        result[FIELD_NUMBER] = (
            0,
            (
                number_box[2] + 2,
                number_box[1] - 5,
                number_box[2] + 150,
                number_box[3] + 5,
            ),
        )
    else:
        result[FIELD_NUMBER] = (0, (40, height - 110, 220, height - 92))
    date_box = None
    for index, word in enumerate(first_words):
        if word[0] == "ngày" and any(
            w[0] == "tháng" for w in first_words[index + 1 : index + 3]
        ):
            end = next(
                (
                    w
                    for w in first_words[index + 1 : index + 8]
                    if w[0].rstrip(".").isdigit() and len(w[0].rstrip(".")) == 4
                ),
                None,
            )
            date_box = (
                word[1] - 1,
                word[2] - 5,
                max((end or word)[3] + 1, word[1] + 175),
                word[4] + 5,
            )
            break
    result[FIELD_DATE] = (
        0,
        date_box or (width - 260, height - 110, width - 40, height - 92),
    )
    return result


def _first_page_size(pdf_bytes):
    """Width and height of page 1 (the MediaBox is inheritable in the tree)."""
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    node, box = reader.root["/Pages"], None
    while True:
        box = node.get("/MediaBox", box)
        if node.get("/Type") != "/Pages" or not node.get("/Kids"):
            break
        node = node["/Kids"][0].get_object()
    box = box or [0, 0, 595, 842]
    return float(box[2]) - float(box[0]), float(box[3]) - float(box[1])


def prepare(pdf_bytes, kind="original", person_name=None):
    """Add the empty signature fields (and number/date text fields for an
    original) to a freshly rendered PDF; return the new PDF bytes."""
    try:
        places = compute_layout(pdf_bytes, kind=kind, person_name=person_name)
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
        for name in (FIELD_PERSON, FIELD_AGENCY):
            if name in places:
                page, box = places[name]
                fields.append_signature_field(
                    writer,
                    fields.SigFieldSpec(
                        sig_field_name=name,
                        on_page=page,
                        box=tuple(int(v) for v in box),
                    ),
                )
        for name in (FIELD_NUMBER, FIELD_DATE):
            if name in places:
                _add_text_field(writer, name, *places[name])
        out = io.BytesIO()
        writer.write(out)
    except (PdfError, ValueError, KeyError) as exc:
        raise PdfSignError(str(exc)) from exc
    return out.getvalue()


def _add_text_field(writer, name, page_index, box):
    page_ref = writer.find_page_for_modification(page_index)[0]
    page = page_ref.get_object()
    widget = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): pdf_string(name),
            pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/Ff"): generic.NumberObject(0),
            pdf_name("/Rect"): generic.ArrayObject(
                generic.FloatObject(round(v, 2)) for v in box
            ),
            pdf_name("/DA"): pdf_string("/Helv 13 Tf 0 g"),
            pdf_name("/P"): page_ref,
        }
    )
    widget_ref = writer.add_object(widget)
    annots = page.get("/Annots")
    if annots is None:
        page[pdf_name("/Annots")] = generic.ArrayObject([widget_ref])
    else:
        annots.get_object().append(widget_ref)
        if isinstance(annots, generic.IndirectObject):
            writer.mark_update(annots)
    writer.update_container(page)
    root = writer.root
    form = root.get("/AcroForm")
    if form is None:
        form = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        root[pdf_name("/AcroForm")] = writer.add_object(form)
        writer.update_root()
    form = form.get_object()
    form["/Fields"].append(widget_ref)
    if "/DR" not in form:
        helv = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/Type1"),
                pdf_name("/BaseFont"): pdf_name("/Helvetica"),
            }
        )
        form[pdf_name("/DR")] = generic.DictionaryObject(
            {
                pdf_name("/Font"): generic.DictionaryObject(
                    {pdf_name("/Helv"): writer.add_object(helv)}
                )
            }
        )
    writer.update_container(form)


def field_names(pdf_bytes):
    """Names of the form fields of a PDF (signature and text fields)."""
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    form = reader.root.get("/AcroForm")
    if not form:
        return []
    return [str(f.get_object().get("/T")) for f in form.get_object()["/Fields"]]


def fill_fields(pdf_bytes, values, font_path=DEFAULT_FONT, font_size=13):
    """Fill text fields (``{name: text}``) in an incremental update, with an
    appearance drawn in ``font_path`` over a white background (it hides the
    placeholder printed in the document)."""
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
        form = writer.root["/AcroForm"].get_object()
        todo = dict(values)
        for ref in form["/Fields"]:
            field = ref.get_object()
            name = str(field.get("/T"))
            if name not in todo:
                continue
            text = todo.pop(name)
            x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
            width, height = x1 - x0, y1 - y0
            size = min(font_size, int(height * 0.55))
            style = TextStampStyle(
                stamp_text="%(value)s",
                border_width=0,
                background=RawContent(
                    f"1 g 0 0 {width:.2f} {height:.2f} re f".encode(),
                    box=layout.BoxConstraints(width, height),
                ),
                background_opacity=1,
                background_layout=layout.SimpleBoxLayoutRule(
                    x_align=layout.AxisAlignment.ALIGN_MIN,
                    y_align=layout.AxisAlignment.ALIGN_MIN,
                    margins=layout.Margins.uniform(0),
                    inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
                ),
                inner_content_layout=layout.SimpleBoxLayoutRule(
                    x_align=layout.AxisAlignment.ALIGN_MIN,
                    y_align=layout.AxisAlignment.ALIGN_MID,
                    margins=layout.Margins(left=1, right=1, top=0, bottom=0),
                    inner_content_scaling=layout.InnerScaling.NO_SCALING,
                ),
                text_box_style=TextBoxStyle(
                    font=FontFactory(pick_font(font_path, text), font_size=size),
                    font_size=size,
                    box_layout_rule=layout.SimpleBoxLayoutRule(
                        x_align=layout.AxisAlignment.ALIGN_MIN,
                        y_align=layout.AxisAlignment.ALIGN_MIN,
                        margins=layout.Margins.uniform(0),
                    ),
                ),
            )
            stamp = style.create_stamp(
                writer, layout.BoxConstraints(width, height), {"value": text}
            )
            appearance = stamp.as_form_xobject()
            field[pdf_name("/V")] = pdf_string(text)
            field[pdf_name("/AP")] = generic.DictionaryObject(
                {pdf_name("/N"): writer.add_object(appearance)}
            )
            writer.update_container(field)
        if todo:
            raise PdfSignError(
                f"The PDF has no field {', '.join(sorted(todo))} to fill."
            )
        out = io.BytesIO()
        writer.write(out)
    except (PdfError, KeyError) as exc:
        raise PdfSignError(str(exc)) from exc
    return out.getvalue()


# ---------------------------------------------------------------- stamps


def _image(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    return image


def person_stamp(signature_image=None, name=None, font_path=DEFAULT_FONT):
    """Personal signature: the signature image centred in the field (Appendix I);
    the name in text only when no image was uploaded."""
    if signature_image:
        return StaticStampStyle(
            background=PdfImage(_image(signature_image)),
            background_opacity=1,
            border_width=0,
            background_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins.uniform(0),
            ),
        ), {}
    return TextStampStyle(
        stamp_text="%(name)s",
        border_width=0,
        text_box_style=TextBoxStyle(
            font=FontFactory(pick_font(font_path, name or ""), font_size=12),
            font_size=12,
        ),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
        ),
    ), {"name": name or ""}


def agency_stamp(agency, moment, seal_image=None, font_path=DEFAULT_FONT, size=None):
    """Agency signature: the seal image, agency name and signing time (ISO 8601,
    +07:00). Without a seal image (copies, attachments): the text only, Times
    New Roman metrics (Liberation Serif) 10 pt, black."""
    params = {"agency": agency, "time": iso_vn(moment)}
    size = size or (7 if seal_image else 10)
    text_style = TextBoxStyle(
        font=FontFactory(pick_font(font_path, agency), font_size=size),
        font_size=size,
    )  # black: the PDF default fill colour
    if seal_image:
        return TextStampStyle(
            stamp_text="%(agency)s\n%(time)s",
            border_width=0,
            background=PdfImage(_image(seal_image)),
            background_opacity=1,
            background_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins.uniform(0),
            ),
            inner_content_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MIN,
                margins=layout.Margins.uniform(1),
            ),
            text_box_style=text_style,
        ), params
    return TextStampStyle(
        stamp_text="%(agency)s\n%(time)s",
        border_width=0,
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MAX,
            y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins.uniform(0),
        ),
        text_box_style=text_style,
    ), params


# ---------------------------------------------------------------- signing


def _timestamper(level, tsa_url, timestamper):
    if level not in LEVELS:
        raise PdfSignError(f"Unknown PAdES level {level}")
    if level == "b_b":
        return None
    if timestamper is None:
        if not tsa_url:
            raise PdfSignError(
                "PAdES B-T needs a timestamp authority: set its URL in the settings."
            )
        timestamper = HTTPTimeStamper(tsa_url, timeout=30)
    return timestamper


class _KnownSignature(SigningBackend):
    """A signature value obtained earlier (the holder approved on a phone): the
    CMS is assembled around it, the signing key is not needed any more."""

    def __init__(self, certificate, chain, signature):
        self.signing_cert = certificate
        self.chain = tuple(chain)
        self._signature = signature

    def sign_digest(self, digest, digest_algorithm, mechanism):
        return self._signature


def sign(
    pdf_bytes,
    backend,
    field_name,
    *,
    level="b_t",
    tsa_url=None,
    timestamper=None,
    validation_context=None,
    certify=False,
    stamp=None,
    reason=None,
    location=None,
    name=None,
):
    """Sign ``field_name`` with ``backend`` (a :class:`SigningBackend`); return
    the signed PDF bytes. ``stamp`` is ``(style, text_params)`` or ``None``.

    pyHanko's interrupted signing: the document digest and the signed attributes
    are computed first, the backend signs their digest, then the CMS is put in
    place. A backend that needs the holder's approval raises
    :class:`SignaturePending`, carrying in ``state`` what :func:`finish` needs
    to complete the same document later (JSON-serialisable)."""
    timestamper = _timestamper(level, tsa_url, timestamper)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=certify,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        embed_validation_info=level in ("b_lt", "b_lta"),
        use_pades_lta=level == "b_lta",
        validation_context=validation_context if level in ("b_lt", "b_lta") else None,
        reason=reason,
        location=location,
        name=name,
    )
    style, params = stamp or (None, None)
    # Services that make PKCS#1 v1.5 signatures only (VNPT SmartCA, Viettel
    # MySign, some CSC services) get asked for that; PSS otherwise.
    signer = BackendSigner(
        backend, prefer_pss=backend.mechanism() != MECHANISM_RSA_PKCS1V15
    )
    pdf_signer = signers.PdfSigner(
        meta, signer=signer, timestamper=timestamper, stamp_style=style
    )
    try:
        return asyncio.run(
            _sign(
                pdf_bytes,
                pdf_signer,
                signer,
                backend,
                params,
                level,
                validation_context,
            )
        )
    except TimestampRequestError as exc:
        raise TimestampUnavailable(_timestamp_error(exc)) from exc
    except (PdfError, SigningError) as exc:
        raise PdfSignError(str(exc)) from exc


def _timestamp_error(exc):
    """pyHanko's message, with the cause (connection refused, HTTP 500...)."""
    cause = exc.__cause__
    return f"{exc}: {cause}" if cause else str(exc)


async def _sign(pdf_bytes, pdf_signer, signer, backend, params, level, context):
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    prepared, tbs, output = await pdf_signer.async_digest_doc_for_signing(
        writer, existing_fields_only=True, appearance_text_params=params
    )
    md = tbs.md_algorithm
    signed_attrs = await signer.signed_attrs(
        prepared.document_digest, md, use_pades=True
    )
    mechanism = signer.get_signature_mechanism_for_digest(md)
    state = {
        "pdf": base64.b64encode(output.getvalue()).decode(),
        "document_digest": prepared.document_digest.hex(),
        "reserved": [prepared.reserved_region_start, prepared.reserved_region_end],
        "signed_attrs": base64.b64encode(signed_attrs.dump()).decode(),
        "md": md,
        "certificate": base64.b64encode(backend.signing_cert.dump()).decode(),
        "chain": [base64.b64encode(c.dump()).decode() for c in backend.chain],
        "level": level,
        "mechanism": _mechanism_kind(mechanism),
    }
    digest = hashlib.new(md, signed_attrs.dump()).digest()
    try:
        signature = backend.sign_digest(digest, md, _mechanism_kind(mechanism))
    except SignaturePending as pending:
        pending.state = state
        raise
    return await _finish(
        state,
        signature,
        pdf_signer.default_timestamper,
        tbs.post_sign_instructions,
        context,
    )


def _mechanism_kind(mechanism):
    name = mechanism.signature_algo
    if name == "rsassa_pss":
        return MECHANISM_RSA_PSS
    if name.endswith("ecdsa"):
        return MECHANISM_ECDSA
    return MECHANISM_RSA_PKCS1V15


def finish(
    state, signature, *, tsa_url=None, timestamper=None, validation_context=None
):
    """Complete a signature left pending by :func:`sign` with the signature
    value the backend returned later. B-LT and B-LTA data are added after the
    signature (validation data in the DSS, then a document timestamp)."""
    timestamper = _timestamper(state["level"], tsa_url, timestamper)
    try:
        return asyncio.run(
            _finish(state, signature, timestamper, None, validation_context)
        )
    except TimestampRequestError as exc:
        raise TimestampUnavailable(_timestamp_error(exc)) from exc
    except (PdfError, SigningError, ValueError) as exc:
        raise PdfSignError(str(exc)) from exc


async def _finish(state, signature, timestamper, post_sign, context):
    certificate = asn1_x509.Certificate.load(base64.b64decode(state["certificate"]))
    chain = [asn1_x509.Certificate.load(base64.b64decode(c)) for c in state["chain"]]
    md = state["md"]
    signer = BackendSigner(
        _KnownSignature(certificate, chain, signature),
        prefer_pss=state.get("mechanism") != MECHANISM_RSA_PKCS1V15,
    )
    signature_cms = await signer.async_sign_prescribed_attributes(
        md,
        signed_attrs=cms.CMSAttributes.load(base64.b64decode(state["signed_attrs"])),
        timestamper=timestamper,
    )
    output = io.BytesIO(base64.b64decode(state["pdf"]))
    prepared = PreparedByteRangeDigest(
        document_digest=bytes.fromhex(state["document_digest"]),
        reserved_region_start=state["reserved"][0],
        reserved_region_end=state["reserved"][1],
    )
    await PdfTBSDocument.async_finish_signing(
        output,
        prepared,
        signature_cms,
        post_sign_instr=post_sign,
        validation_context=context,
    )
    data = output.getvalue()
    if post_sign is None and state["level"] in ("b_lt", "b_lta"):
        data = await _add_long_term_data(data, state["level"], timestamper, context)
    return data


async def _add_long_term_data(data, level, timestamper, context):
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    out = await async_add_validation_info(reader.embedded_signatures[-1], context)
    data = out.getvalue()
    if level == "b_lta":
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        out = await signers.PdfTimeStamper(timestamper).async_timestamp_pdf(
            writer, "sha256", validation_context=context
        )
        data = out.getvalue()
    return data
