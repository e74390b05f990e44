# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime
from zoneinfo import ZoneInfo

from lxml import etree

from odoo.tests import BaseCase, tagged

from ..lib import edxml, xmldsig
from .pki import get_pki

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.7\n% Bi\xc3\xaan b\xe1\xba\xa3n h\xe1\xbb\x8dp\n%%EOF\n"


def document(**overrides):
    values = {
        "sender": edxml.Organization(
            "000.00.00.H99",
            "Ủy ban nhân dân tỉnh Bình Minh",
            organization_in_charge="Văn phòng UBND tỉnh",
            email="vanphong@binhminh.gov.vn",
        ),
        "recipients": [
            edxml.Organization("000.00.12.H99", "Sở Nội vụ tỉnh Bình Minh"),
            edxml.Organization("000.00.13.H99", "Sở Tài chính tỉnh Bình Minh"),
        ],
        "code_number": "125",
        "code_notation": "TB-UBND",
        "promulgation_place": "Bình Minh",
        "promulgation_date": datetime.date(2026, 11, 27),
        "subject": "Thông báo kết luận phiên họp thường kỳ tháng 11 năm 2026",
        "document_type": "4",
        "type_name": "Thông báo",
        "content": "Kết luận của Chủ tịch UBND tỉnh tại phiên họp ngày 25/11/2026.",
        "signer_full_name": "Nguyễn Văn An",
        "signer_position": "Chủ tịch",
        "signer_competence": "Thay mặt",
        "due_date": datetime.date(2026, 12, 15),
        "to_places": ["Như trên", "Lưu: VT, TH"],
        "priority": "1",
        "sphere_of_promulgation": "Trong tỉnh",
        "typer_notation": "NVA",
        "promulgation_amount": 15,
        "page_amount": 3,
        "appendixes": ["Phụ lục I: Danh mục nhiệm vụ"],
        "attachments": [
            edxml.Attachment(
                "thong-bao-ket-luan.pdf", PDF, "application/pdf", "", "Văn bản"
            ),
            edxml.Attachment(
                "phu-luc.xml",
                "<PhuLuc>Nhiệm vụ</PhuLuc>".encode(),
                "application/xml",
            ),
        ],
    }
    values.update(overrides)
    return edxml.EdxmlDocument(**values)


@tagged("post_install", "-at_install")
class TestEdxml(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pki = get_pki()
        cls.roots = [cls.pki.root.cert]
        cls.now = datetime.datetime(2026, 11, 27, 9, 30, tzinfo=VN)
        cls.package = edxml.build_edxml(document(), now=cls.now)
        cls.signed = edxml.sign_edxml(cls.package, cls.pki.signer.backend())

    def test_round_trip(self):
        """build -> sign -> parse -> verify, Vietnamese text intact."""
        result = edxml.verify_edxml(self.signed, trust_roots=self.roots)
        self.assertTrue(result.valid, result.reason)
        self.assertIn("CN=Nguyễn Văn An", result.signer_subject)
        parsed = edxml.parse_edxml(self.signed)
        original = document()
        for field in (
            "sender",
            "recipients",
            "code_number",
            "code_notation",
            "promulgation_place",
            "promulgation_date",
            "subject",
            "document_type",
            "type_name",
            "content",
            "signer_full_name",
            "signer_position",
            "signer_competence",
            "due_date",
            "to_places",
            "priority",
            "sphere_of_promulgation",
            "typer_notation",
            "promulgation_amount",
            "page_amount",
            "appendixes",
        ):
            self.assertEqual(getattr(parsed, field), getattr(original, field), field)
        self.assertEqual(parsed.document_id, "000.00.00.H99,2026/11/27,125/TB-UBND")
        self.assertEqual(
            [(a.name, a.content, a.content_type) for a in parsed.attachments],
            [(a.name, a.content, a.content_type) for a in original.attachments],
        )
        self.assertEqual(parsed.attachments[0].description, "Văn bản")
        self.assertEqual(
            [(t.organ_id, t.timestamp) for t in parsed.trace_headers],
            [("000.00.00.H99", self.now)],
        )

    def test_from_plain_data(self):
        """Plain dictionaries (what a model hands over) build the same package."""
        values = document().to_dict()
        values["promulgation_date"] = "2026-11-27"
        values["due_date"] = "2026-12-15"
        rebuilt = edxml.EdxmlDocument.from_dict(values)
        self.assertEqual(rebuilt, document())
        parsed = edxml.parse_edxml(edxml.build_edxml(rebuilt, now=self.now))
        self.assertEqual(parsed.subject, rebuilt.subject)
        self.assertEqual(parsed.recipients, rebuilt.recipients)
        with self.assertRaisesRegex(edxml.EdxmlError, "Unknown edXML fields: colour."):
            edxml.EdxmlDocument.from_dict(dict(values, colour="red"))
        with self.assertRaisesRegex(edxml.EdxmlError, "Incomplete Organization"):
            edxml.EdxmlDocument.from_dict(dict(values, sender={"organ_id": "X"}))
        with self.assertRaisesRegex(edxml.EdxmlError, "is not a date"):
            edxml.EdxmlDocument.from_dict(dict(values, due_date="15/12/2026"))

    def test_layout(self):
        """The elements sit where QCVN 102 gateways look for them."""
        root = etree.fromstring(self.signed)
        ns = edxml.NS
        self.assertEqual(root.tag, "{http://www.mic.gov.vn/TBT/QCVN_102_2016}edXML")
        header = root.find("edXML:edXMLEnvelope/edXML:edXMLHeader", ns)
        self.assertEqual(
            [etree.QName(child).localname for child in header],
            ["MessageHeader", "TraceHeaderList", "Signature"],
        )
        self.assertEqual(header[2].tag, f"{{{xmldsig.DS_NS}}}Signature")
        message = header.find("edXML:MessageHeader", ns)
        self.assertEqual(
            message.findtext("edXML:From/edXML:OrganId", None, ns), "000.00.00.H99"
        )
        self.assertEqual(len(message.findall("edXML:To", ns)), 2)
        self.assertEqual(
            message.findtext("edXML:PromulgationInfo/edXML:PromulgationDate", None, ns),
            "2026/11/27",
        )
        self.assertEqual(
            header.findtext(
                "edXML:TraceHeaderList/edXML:TraceHeader/edXML:Timestamp", None, ns
            ),
            "2026/11/27 09:30:00",
        )
        reference = root.find(
            "edXML:edXMLEnvelope/edXML:edXMLBody/edXML:edXMLManifest/edXML:Reference",
            ns,
        )
        content_id = reference.findtext("edXML:ContentId", None, ns)
        self.assertEqual(
            reference.get("{http://www.w3.org/1999/xlink}href"), f"cid:{content_id}"
        )
        encoded = root.find("edXML:AttachmentEncoded/edXML:Attachment", ns)
        self.assertEqual(encoded.findtext("edXML:ContentId", None, ns), content_id)
        self.assertEqual(
            base64.b64decode(
                encoded.findtext("edXML:ContentTransferEncoded", None, ns)
            ),
            PDF,
        )

    def test_changed_subject_detected(self):
        tampered = self.signed.replace(
            "tháng 11 năm 2026".encode(), "tháng 12 năm 2026".encode()
        )
        self.assertNotEqual(tampered, self.signed)
        result = edxml.verify_edxml(tampered, trust_roots=self.roots)
        self.assertFalse(result.valid)
        self.assertIn("changed after signing", result.reason)

    def test_changed_attachment_detected(self):
        """The attachments are outside the envelope but inside the signature."""
        root = etree.fromstring(self.signed)
        node = root.find(
            "edXML:AttachmentEncoded/edXML:Attachment/edXML:ContentTransferEncoded",
            edxml.NS,
        )
        node.text = base64.b64encode(PDF.replace(b"1.7", b"1.4")).decode()
        result = edxml.verify_edxml(etree.tostring(root), trust_roots=self.roots)
        self.assertFalse(result.valid)
        self.assertIn("changed after signing", result.reason)

    def test_signature_elsewhere_refused(self):
        """A generic enveloped signature on the root is not an edXML signature."""
        signed = xmldsig.sign_xml(self.package, self.pki.signer.backend())
        self.assertTrue(xmldsig.verify_xml(signed).valid)
        result = edxml.verify_edxml(signed)
        self.assertFalse(result.valid)
        self.assertEqual(result.reason, "The signature is not in its expected place.")

    def test_untrusted_sender(self):
        signed = edxml.sign_edxml(self.package, self.pki.untrusted_signer.backend())
        result = edxml.verify_edxml(signed, trust_roots=self.roots)
        self.assertTrue(result.intact)
        self.assertFalse(result.valid)
        self.assertIn("trusted root", result.reason)

    def test_ecdsa_and_prepared_signing(self):
        backend = self.pki.ec_signer.backend()
        prepared = edxml.prepare_edxml_signature(
            self.package, [backend.signing_cert, *backend.chain]
        )
        value = backend.sign_digest(
            prepared.digest, prepared.digest_algorithm, prepared.mechanism
        )
        signed = xmldsig.finish_xml_signature(prepared.xml, value)
        result = edxml.verify_edxml(signed, trust_roots=self.roots)
        self.assertTrue(result.valid, result.reason)
        self.assertEqual(result.signature_method, xmldsig.ECDSA_SHA256)

    def test_bad_data(self):
        with self.assertRaisesRegex(edxml.EdxmlError, "without: number, subject"):
            edxml.build_edxml(document(subject="", code_number=""))
        with self.assertRaisesRegex(edxml.EdxmlError, "recipients"):
            edxml.build_edxml(document(recipients=[]))
        with self.assertRaisesRegex(edxml.EdxmlError, "not an edXML package"):
            edxml.parse_edxml(b"<Record/>")
        with self.assertRaisesRegex(edxml.EdxmlError, "not an edXML package"):
            edxml.sign_edxml(b"<Record/>", self.pki.signer.backend())
        with self.assertRaisesRegex(edxml.EdxmlError, "not well-formed"):
            edxml.parse_edxml(b"<edXML")
        root = etree.fromstring(self.package)
        encoded = root.find("edXML:AttachmentEncoded", edxml.NS)
        encoded.remove(encoded[0])
        with self.assertRaisesRegex(edxml.EdxmlError, "thong-bao-ket-luan.pdf"):
            edxml.parse_edxml(etree.tostring(root))


@tagged("post_install", "-at_install")
class TestBallotTally(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pki = get_pki()
        cls.tally = {
            "name": "Biểu quyết thông qua Tờ trình số 45/TTr-SNV",
            "reference": "ecabinet.ballot,7",
            "closed_at": datetime.datetime(2026, 11, 25, 10, 15, tzinfo=VN),
            "eligible": 15,
            "decision": "Thông qua",
            "questions": [
                {
                    "title": "Đồng ý thông qua Tờ trình?",
                    "choices": [
                        {"name": "Đồng ý", "count": 12},
                        {"name": "Không đồng ý", "count": 1},
                        {"name": "Không biểu quyết", "count": 2},
                    ],
                    "decision": "Thông qua (12/15)",
                },
                {
                    "title": "Giao Sở Nội vụ chủ trì triển khai?",
                    "choices": [
                        {"name": "Đồng ý", "count": 15},
                        {"name": "Không đồng ý", "count": 0},
                    ],
                },
            ],
        }

    def test_signed_and_verified(self):
        signed = edxml.sign_ballot_tally(self.tally, self.pki.signer.backend())
        result = xmldsig.verify_xml(signed, trust_roots=[self.pki.root.cert])
        self.assertTrue(result.valid, result.reason)
        self.assertEqual(edxml.parse_ballot_tally(signed), self.tally)
        root = etree.fromstring(signed)
        ns = {"t": edxml.TALLY_NS}
        self.assertEqual(
            root.findtext("t:ClosedAt", None, ns), "2026-11-25T10:15:00+07:00"
        )
        self.assertEqual(
            [q.get("votes") for q in root.findall("t:Questions/t:Question", ns)],
            ["15", "15"],
        )

    def test_changed_count_detected(self):
        signed = edxml.sign_ballot_tally(self.tally, self.pki.ec_signer.backend())
        tampered = signed.replace(b'count="1"', b'count="9"')
        self.assertNotEqual(tampered, signed)
        result = xmldsig.verify_xml(tampered, trust_roots=[self.pki.root.cert])
        self.assertFalse(result.valid)
        self.assertIn("changed after signing", result.reason)

    def test_bad_tally(self):
        with self.assertRaisesRegex(edxml.EdxmlError, "no questions"):
            edxml.ballot_tally_xml(dict(self.tally, questions=[]))
        with self.assertRaisesRegex(edxml.EdxmlError, "time zone"):
            edxml.ballot_tally_xml(
                dict(self.tally, closed_at=datetime.datetime(2026, 11, 25, 10, 15))
            )
        bad = dict(
            self.tally,
            questions=[{"title": "?", "choices": [{"name": "x", "count": -1}]}],
        )
        with self.assertRaisesRegex(edxml.EdxmlError, "negative"):
            edxml.ballot_tally_xml(bad)
