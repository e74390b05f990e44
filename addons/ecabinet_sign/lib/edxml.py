"""edXML packages (QCVN 102:2016/BTTTT) and signed ballot tally records.

edXML is the envelope Vietnamese agencies exchange electronic documents in
(the Government's VDXP axis and the provinces' LGSP). Layout, as the national
SDKs and the provincial gateways write it::

    edXML  (default namespace http://www.mic.gov.vn/TBT/QCVN_102_2016)
      edXML:edXMLEnvelope
        edXML:edXMLHeader
          edXML:MessageHeader  From, To*, Code, PromulgationInfo, DocumentType,
                               Subject, Content, SignerInfo, DueDate, ToPlaces,
                               OtherInfo, SteeringType, DocumentId
          edXML:TraceHeaderList  TraceHeader* (OrganId, Timestamp)
          ds:Signature           (enveloped XML-DSig, added by sign_edxml)
        edXML:edXMLBody
          edXML:edXMLManifest  Reference* (Description, AttachmentName,
                                           ContentType, ContentId)
      AttachmentEncoded  Attachment* (ContentType, ContentId, Description,
                                      ContentTransferEncoded, AttachmentName)

The signature's reference covers the whole document (``URI=""``), so the
attachments' content is signed too. Values whose coding is not fixed here
(document type codes, priority, steering type) are passed through as given.
Dates are written ``YYYY/MM/DD`` and trace timestamps
``YYYY/MM/DD HH:MM:SS`` (Asia/Ho_Chi_Minh), as the gateways expect.
"""

import base64
import dataclasses
import datetime
import uuid
from zoneinfo import ZoneInfo

from lxml import etree

from . import xmldsig

EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
XLINK_NS = "http://www.w3.org/1999/xlink"
NS = {"edXML": EDXML_NS, "ds": xmldsig.DS_NS}
HEADER_PATH = "/edXML:edXML/edXML:edXMLEnvelope/edXML:edXMLHeader"
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DATE_FORMAT = "%Y/%m/%d"
TIMESTAMP_FORMAT = "%Y/%m/%d %H:%M:%S"


class EdxmlError(ValueError):
    """The data cannot make an edXML package, or the package cannot be read."""


@dataclasses.dataclass
class Organization:
    """An agency (From / To): ``organ_id`` is its code in the national
    catalogue of agency codes (e.g. ``000.00.00.H37``)."""

    organ_id: str
    organ_name: str
    organization_in_charge: str = ""
    organ_add: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""


ORGANIZATION_FIELDS = (
    ("organ_id", "OrganId"),
    ("organization_in_charge", "OrganizationInCharge"),
    ("organ_name", "OrganName"),
    ("organ_add", "OrganAdd"),
    ("email", "Email"),
    ("telephone", "Telephone"),
    ("fax", "Fax"),
    ("website", "Website"),
)


@dataclasses.dataclass
class Attachment:
    name: str
    content: bytes
    content_type: str = "application/pdf"
    content_id: str = ""
    description: str = ""


@dataclasses.dataclass
class TraceHeader:
    organ_id: str
    timestamp: datetime.datetime


@dataclasses.dataclass
class EdxmlDocument:
    """One document sent between agencies (MessageHeader + attachments)."""

    sender: Organization
    recipients: list
    code_number: str
    code_notation: str
    promulgation_place: str
    promulgation_date: datetime.date
    subject: str
    document_type: str = "1"
    type_name: str = ""
    type_detail: str = "0"
    content: str = ""
    signer_full_name: str = ""
    signer_position: str = ""
    signer_competence: str = ""
    due_date: datetime.date | None = None
    to_places: list = dataclasses.field(default_factory=list)
    priority: str = "0"
    sphere_of_promulgation: str = ""
    typer_notation: str = ""
    promulgation_amount: int = 1
    page_amount: int = 1
    appendixes: list = dataclasses.field(default_factory=list)
    steering_type: str = "0"
    document_id: str = ""
    trace_headers: list = dataclasses.field(default_factory=list)
    attachments: list = dataclasses.field(default_factory=list)

    @classmethod
    def from_dict(cls, values):
        """From plain data: ``sender`` / ``recipients`` / ``attachments`` /
        ``trace_headers`` as dictionaries of their dataclass fields, dates as
        ``datetime.date`` or ISO 8601 strings."""
        values = dict(values)
        unknown = set(values) - {field.name for field in dataclasses.fields(cls)}
        if unknown:
            raise EdxmlError("Unknown edXML fields: %s." % ", ".join(sorted(unknown)))
        if "sender" not in values:
            raise EdxmlError("The edXML package cannot be built without: sender.")
        values["sender"] = _as(Organization, values["sender"])
        for key, kind in (
            ("recipients", Organization),
            ("attachments", Attachment),
            ("trace_headers", TraceHeader),
        ):
            values[key] = [_as(kind, item) for item in values.get(key) or ()]
        for key in ("promulgation_date", "due_date"):
            if isinstance(values.get(key), str):
                try:
                    values[key] = datetime.date.fromisoformat(values[key])
                except ValueError:
                    raise EdxmlError(f"{values[key]!r} is not a date.") from None
        try:
            return cls(**values)
        except TypeError as error:
            raise EdxmlError(f"Incomplete edXML data: {error}") from None

    def to_dict(self):
        return dataclasses.asdict(self)

    def default_document_id(self):
        """``{sender code},{YYYY/MM/DD},{number}/{notation}`` as the gateways
        build it."""
        return (
            f"{self.sender.organ_id},"
            f"{self.promulgation_date.strftime(DATE_FORMAT)},"
            f"{self.code_number}/{self.code_notation}"
        )


# Building -------------------------------------------------------------------------


def _as(kind, value):
    if isinstance(value, kind):
        return value
    if not isinstance(value, dict):
        raise EdxmlError(f"Expected the fields of {kind.__name__}, got {value!r}.")
    try:
        return kind(**value)
    except TypeError as error:
        raise EdxmlError(f"Incomplete {kind.__name__}: {error}") from None


def _sub(parent, tag, text=None, namespace=EDXML_NS):
    node = etree.SubElement(parent, f"{{{namespace}}}{tag}" if namespace else tag)
    if text is not None:
        node.text = str(text)
    return node


def _organization(parent, tag, organization):
    node = _sub(parent, tag)
    for attr, child in ORGANIZATION_FIELDS:
        value = getattr(organization, attr)
        if value or attr in ("organ_id", "organ_name"):
            _sub(node, child, value)
    return node


def _check(document):
    missing = [
        label
        for label, value in (
            ("sender code", document.sender and document.sender.organ_id),
            ("sender name", document.sender and document.sender.organ_name),
            ("recipients", document.recipients),
            ("number", document.code_number),
            ("notation", document.code_notation),
            ("place of promulgation", document.promulgation_place),
            ("date of promulgation", document.promulgation_date),
            ("subject", document.subject),
        )
        if not value
    ]
    if missing:
        raise EdxmlError(
            "The edXML package cannot be built without: %s." % ", ".join(missing)
        )
    for recipient in document.recipients:
        if not (recipient.organ_id and recipient.organ_name):
            raise EdxmlError("Every recipient needs an agency code and a name.")


def build_edxml(document, now=None):
    """The edXML package (UTF-8 bytes) for an :class:`EdxmlDocument`.

    A trace header for the sender is added at ``now`` (default: the current
    time) when the document carries none; attachments without a content id
    get a fresh one.
    """
    _check(document)
    root = etree.Element(f"{{{EDXML_NS}}}edXML", nsmap={None: EDXML_NS})
    envelope = etree.SubElement(
        root, f"{{{EDXML_NS}}}edXMLEnvelope", nsmap={"edXML": EDXML_NS}
    )
    header = _sub(envelope, "edXMLHeader")
    message = _sub(header, "MessageHeader")
    _organization(message, "From", document.sender)
    for recipient in document.recipients:
        _organization(message, "To", recipient)
    code = _sub(message, "Code")
    _sub(code, "CodeNumber", document.code_number)
    _sub(code, "CodeNotation", document.code_notation)
    promulgation = _sub(message, "PromulgationInfo")
    _sub(promulgation, "Place", document.promulgation_place)
    _sub(
        promulgation,
        "PromulgationDate",
        document.promulgation_date.strftime(DATE_FORMAT),
    )
    doc_type = _sub(message, "DocumentType")
    _sub(doc_type, "Type", document.document_type)
    _sub(doc_type, "TypeName", document.type_name)
    _sub(doc_type, "TypeDetail", document.type_detail)
    _sub(message, "Subject", document.subject)
    _sub(message, "Content", document.content)
    signer = _sub(message, "SignerInfo")
    _sub(signer, "Competence", document.signer_competence)
    _sub(signer, "Position", document.signer_position)
    _sub(signer, "FullName", document.signer_full_name)
    if document.due_date:
        _sub(message, "DueDate", document.due_date.strftime(DATE_FORMAT))
    places = _sub(message, "ToPlaces")
    for place in document.to_places:
        _sub(places, "Place", place)
    other = _sub(message, "OtherInfo")
    _sub(other, "Priority", document.priority)
    _sub(other, "SphereOfPromulgation", document.sphere_of_promulgation)
    _sub(other, "TyperNotation", document.typer_notation)
    _sub(other, "PromulgationAmount", document.promulgation_amount)
    _sub(other, "PageAmount", document.page_amount)
    appendixes = _sub(other, "Appendixes")
    for appendix in document.appendixes:
        _sub(appendixes, "Appendix", appendix)
    _sub(message, "SteeringType", document.steering_type)
    _sub(message, "DocumentId", document.document_id or document.default_document_id())

    traces = _sub(header, "TraceHeaderList")
    trace_headers = document.trace_headers or [
        TraceHeader(
            document.sender.organ_id,
            now or datetime.datetime.now(datetime.timezone.utc),
        )
    ]
    for trace in trace_headers:
        node = _sub(traces, "TraceHeader")
        _sub(node, "OrganId", trace.organ_id)
        _sub(node, "Timestamp", _timestamp(trace.timestamp))

    body = _sub(envelope, "edXMLBody")
    manifest = _sub(body, "edXMLManifest")
    manifest.set("version", "1.0")
    encoded = None
    for attachment in document.attachments:
        content_id = attachment.content_id or str(uuid.uuid4())
        reference = etree.SubElement(
            manifest, f"{{{EDXML_NS}}}Reference", nsmap={"xlink": XLINK_NS}
        )
        reference.set(f"{{{XLINK_NS}}}href", f"cid:{content_id}")
        reference.set(f"{{{XLINK_NS}}}type", "simple")
        _sub(reference, "Description", attachment.description)
        _sub(reference, "AttachmentName", attachment.name)
        _sub(reference, "ContentType", attachment.content_type)
        _sub(reference, "ContentId", content_id)
        if encoded is None:
            encoded = _sub(root, "AttachmentEncoded")
        item = _sub(encoded, "Attachment")
        _sub(item, "ContentType", attachment.content_type)
        _sub(item, "ContentId", content_id)
        _sub(item, "Description", attachment.description)
        _sub(
            item,
            "ContentTransferEncoded",
            base64.b64encode(attachment.content).decode(),
        )
        _sub(item, "AttachmentName", attachment.name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _timestamp(value):
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.astimezone(VN_TZ).strftime(TIMESTAMP_FORMAT)


# Parsing --------------------------------------------------------------------------


def _text(node, path):
    if node is None:
        return ""
    found = node.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _date(value, label):
    if not value:
        return None
    for fmt in (DATE_FORMAT, "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise EdxmlError(f"The {label} {value!r} is not a date.")


def _read_organization(node):
    return Organization(
        **{attr: _text(node, f"edXML:{child}") for attr, child in ORGANIZATION_FIELDS}
    )


def _int(value, default=0):
    try:
        return int(value)
    except ValueError:
        return default


def parse_edxml(data):
    """An :class:`EdxmlDocument` from edXML bytes (signature left aside)."""
    try:
        tree = xmldsig.parse_xml(data)
    except xmldsig.XmlSignatureError as error:
        raise EdxmlError(str(error)) from None
    root = tree.getroot()
    if root.tag != f"{{{EDXML_NS}}}edXML":
        raise EdxmlError("This is not an edXML package (QCVN 102:2016).")
    message = root.find("edXML:edXMLEnvelope/edXML:edXMLHeader/edXML:MessageHeader", NS)
    if message is None:
        raise EdxmlError("The edXML package has no message header.")
    sender = message.find("edXML:From", NS)
    if sender is None:
        raise EdxmlError("The edXML package names no sender.")
    encoded = {}
    for item in root.findall("edXML:AttachmentEncoded/edXML:Attachment", NS):
        content = "".join(_text(item, "edXML:ContentTransferEncoded").split())
        try:
            encoded[_text(item, "edXML:ContentId")] = base64.b64decode(
                content, validate=True
            )
        except ValueError:
            raise EdxmlError(
                "An attachment of the edXML package is not valid base64."
            ) from None
    attachments = []
    manifest = "edXML:edXMLEnvelope/edXML:edXMLBody/edXML:edXMLManifest/edXML:Reference"
    for reference in root.findall(manifest, NS):
        content_id = _text(reference, "edXML:ContentId").removeprefix("cid:")
        if content_id not in encoded:
            raise EdxmlError(
                f"The attachment {_text(reference, 'edXML:AttachmentName')!r} "
                "is listed but its content is missing."
            )
        attachments.append(
            Attachment(
                name=_text(reference, "edXML:AttachmentName"),
                content=encoded[content_id],
                content_type=_text(reference, "edXML:ContentType"),
                content_id=content_id,
                description=_text(reference, "edXML:Description"),
            )
        )
    traces = []
    trace_path = "edXML:edXMLEnvelope/edXML:edXMLHeader/edXML:TraceHeaderList/"
    for trace in root.findall(trace_path + "edXML:TraceHeader", NS):
        stamp = _text(trace, "edXML:Timestamp")
        try:
            moment = datetime.datetime.strptime(stamp, TIMESTAMP_FORMAT)
        except ValueError:
            raise EdxmlError(f"The trace timestamp {stamp!r} is not valid.") from None
        traces.append(
            TraceHeader(_text(trace, "edXML:OrganId"), moment.replace(tzinfo=VN_TZ))
        )
    return EdxmlDocument(
        sender=_read_organization(sender),
        recipients=[
            _read_organization(node) for node in message.findall("edXML:To", NS)
        ],
        code_number=_text(message, "edXML:Code/edXML:CodeNumber"),
        code_notation=_text(message, "edXML:Code/edXML:CodeNotation"),
        promulgation_place=_text(message, "edXML:PromulgationInfo/edXML:Place"),
        promulgation_date=_date(
            _text(message, "edXML:PromulgationInfo/edXML:PromulgationDate"),
            "date of promulgation",
        ),
        subject=_text(message, "edXML:Subject"),
        document_type=_text(message, "edXML:DocumentType/edXML:Type"),
        type_name=_text(message, "edXML:DocumentType/edXML:TypeName"),
        type_detail=_text(message, "edXML:DocumentType/edXML:TypeDetail"),
        content=_text(message, "edXML:Content"),
        signer_full_name=_text(message, "edXML:SignerInfo/edXML:FullName"),
        signer_position=_text(message, "edXML:SignerInfo/edXML:Position"),
        signer_competence=_text(message, "edXML:SignerInfo/edXML:Competence"),
        due_date=_date(_text(message, "edXML:DueDate"), "due date"),
        to_places=[
            (node.text or "").strip()
            for node in message.findall("edXML:ToPlaces/edXML:Place", NS)
        ],
        priority=_text(message, "edXML:OtherInfo/edXML:Priority"),
        sphere_of_promulgation=_text(
            message, "edXML:OtherInfo/edXML:SphereOfPromulgation"
        ),
        typer_notation=_text(message, "edXML:OtherInfo/edXML:TyperNotation"),
        promulgation_amount=_int(
            _text(message, "edXML:OtherInfo/edXML:PromulgationAmount"), 1
        ),
        page_amount=_int(_text(message, "edXML:OtherInfo/edXML:PageAmount"), 1),
        appendixes=[
            (node.text or "").strip()
            for node in message.findall(
                "edXML:OtherInfo/edXML:Appendixes/edXML:Appendix", NS
            )
        ],
        steering_type=_text(message, "edXML:SteeringType"),
        document_id=_text(message, "edXML:DocumentId"),
        trace_headers=traces,
        attachments=attachments,
    )


# Signing --------------------------------------------------------------------------


def sign_edxml(data, backend):
    """Sign an edXML package with ``backend``: the enveloped ``ds:Signature``
    goes in ``edXMLHeader`` and covers the whole package."""
    parse_edxml(data)  # refuse what is not an edXML package
    return xmldsig.sign_xml(data, backend, parent_path=HEADER_PATH, namespaces=NS)


def prepare_edxml_signature(data, certificates):
    """:func:`.xmldsig.prepare_xml_signature` for an edXML package (remote
    signers that approve on a phone)."""
    parse_edxml(data)
    return xmldsig.prepare_xml_signature(
        data, certificates, parent_path=HEADER_PATH, namespaces=NS
    )


def verify_edxml(data, trust_roots=None, validation_context=None, validation_time=None):
    """Verify the signature of an edXML package (it must sit in edXMLHeader);
    returns an :class:`.xmldsig.XmlSignatureResult`."""
    return xmldsig.verify_xml(
        data,
        trust_roots=trust_roots,
        validation_context=validation_context,
        validation_time=validation_time,
        signature_parent=HEADER_PATH,
        namespaces=NS,
    )


# Ballot tallies -------------------------------------------------------------------

TALLY_NS = "urn:ecabinet:ballot-tally:1"


def ballot_tally_xml(tally):
    """The XML record of a ballot result.

    ``tally``: ``{"name", "reference" (optional), "closed_at" (aware
    datetime), "decision", "eligible" (optional), "questions": [{"title",
    "decision" (optional), "choices": [{"name", "count"}]}]}``.
    """
    for key in ("name", "closed_at", "questions"):
        if not tally.get(key):
            raise EdxmlError(f"The ballot tally has no {key}.")
    closed_at = tally["closed_at"]
    if closed_at.tzinfo is None:
        raise EdxmlError("The closing time of the ballot must carry its time zone.")
    root = etree.Element(f"{{{TALLY_NS}}}BallotTally", nsmap={None: TALLY_NS})
    _sub(root, "Name", tally["name"], TALLY_NS)
    if tally.get("reference"):
        _sub(root, "Reference", tally["reference"], TALLY_NS)
    _sub(root, "ClosedAt", closed_at.astimezone(VN_TZ).isoformat(), TALLY_NS)
    if tally.get("eligible") is not None:
        _sub(root, "Eligible", int(tally["eligible"]), TALLY_NS)
    questions = _sub(root, "Questions", namespace=TALLY_NS)
    for sequence, question in enumerate(tally["questions"], start=1):
        node = _sub(questions, "Question", namespace=TALLY_NS)
        node.set("sequence", str(sequence))
        _sub(node, "Title", question["title"], TALLY_NS)
        choices = _sub(node, "Choices", namespace=TALLY_NS)
        total = 0
        for choice in question.get("choices", ()):
            count = int(choice["count"])
            if count < 0:
                raise EdxmlError("A vote count cannot be negative.")
            total += count
            item = _sub(choices, "Choice", namespace=TALLY_NS)
            item.set("count", str(count))
            item.text = choice["name"]
        node.set("votes", str(total))
        if question.get("decision"):
            _sub(node, "Decision", question["decision"], TALLY_NS)
    _sub(root, "Decision", tally.get("decision") or "", TALLY_NS)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def sign_ballot_tally(tally, backend):
    """The ballot result as signed XML bytes (enveloped XML-DSig)."""
    return xmldsig.sign_xml(ballot_tally_xml(tally), backend)


def parse_ballot_tally(data):
    """The tally dictionary back from its XML record (signature left aside)."""
    tree = xmldsig.parse_xml(data)
    root = tree.getroot()
    if root.tag != f"{{{TALLY_NS}}}BallotTally":
        raise EdxmlError("This is not a ballot tally record.")
    ns = {"t": TALLY_NS}

    def text(node, path):
        found = node.find(path, ns)
        return (found.text or "") if found is not None else ""

    questions = []
    for node in root.findall("t:Questions/t:Question", ns):
        question = {
            "title": text(node, "t:Title"),
            "choices": [
                {"name": choice.text or "", "count": int(choice.get("count"))}
                for choice in node.findall("t:Choices/t:Choice", ns)
            ],
        }
        if node.find("t:Decision", ns) is not None:
            question["decision"] = text(node, "t:Decision")
        questions.append(question)
    tally = {
        "name": text(root, "t:Name"),
        "closed_at": datetime.datetime.fromisoformat(text(root, "t:ClosedAt")),
        "decision": text(root, "t:Decision"),
        "questions": questions,
    }
    if root.find("t:Reference", ns) is not None:
        tally["reference"] = text(root, "t:Reference")
    if root.find("t:Eligible", ns) is not None:
        tally["eligible"] = int(text(root, "t:Eligible"))
    return tally


# Members' signed answers ----------------------------------------------------------

ANSWER_NS = "urn:ecabinet:ballot-answer:1"
ANSWER_FIELDS = ("ballot", "question", "member", "choice")


def ballot_answer_xml(answer):
    """The XML record of one member's answer to one question of an open vote,
    which the member signs (docs/signing.md).

    ``answer``: ``{"ballot": (reference, name), "question": (reference,
    title), "member": (reference, name), "choice": (key, label), "comment"
    (optional), "signed_at" (aware datetime)}``. References are
    ``"model,id"``: they tie the record to the rows it stands for.
    """
    for key in (*ANSWER_FIELDS, "signed_at"):
        if not answer.get(key):
            raise EdxmlError(f"The answer has no {key}.")
    signed_at = answer["signed_at"]
    if signed_at.tzinfo is None:
        raise EdxmlError("The time of the answer must carry its time zone.")
    root = etree.Element(f"{{{ANSWER_NS}}}BallotAnswer", nsmap={None: ANSWER_NS})
    for key in ANSWER_FIELDS:
        reference, text = answer[key]
        node = _sub(root, key.capitalize(), text, ANSWER_NS)
        node.set("ref", str(reference))
    if answer.get("comment"):
        _sub(root, "Comment", answer["comment"], ANSWER_NS)
    _sub(root, "SignedAt", signed_at.astimezone(VN_TZ).isoformat(), ANSWER_NS)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def sign_ballot_answer(answer, backend):
    """The member's answer as signed XML bytes (enveloped XML-DSig)."""
    return xmldsig.sign_xml(ballot_answer_xml(answer), backend)


def prepare_ballot_answer(answer, certificates):
    """:func:`.xmldsig.prepare_xml_signature` for a member's answer (remote
    signers that approve on a phone)."""
    return xmldsig.prepare_xml_signature(ballot_answer_xml(answer), certificates)


def parse_ballot_answer(data):
    """The answer dictionary back from its XML record (signature left aside)."""
    root = xmldsig.parse_xml(data).getroot()
    if root.tag != f"{{{ANSWER_NS}}}BallotAnswer":
        raise EdxmlError("This is not a signed answer.")
    ns = {"a": ANSWER_NS}
    answer = {}
    for key in ANSWER_FIELDS:
        node = root.find(f"a:{key.capitalize()}", ns)
        if node is None:
            raise EdxmlError(f"The answer has no {key}.")
        answer[key] = (node.get("ref") or "", node.text or "")
    comment = root.find("a:Comment", ns)
    if comment is not None:
        answer["comment"] = comment.text or ""
    answer["signed_at"] = datetime.datetime.fromisoformat(
        root.findtext("a:SignedAt", "", ns)
    )
    return answer
