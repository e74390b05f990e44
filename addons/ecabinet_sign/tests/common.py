# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import fields
from odoo.tests import new_test_user
from odoo.tools.misc import file_path

from .pki import PASSWORD, get_pki, seal_png, signature_png


def demo_pdf():
    with open(
        file_path("ecabinet_base/demo/to_trinh_dau_tu_cong_2027.pdf"), "rb"
    ) as handle:
        return handle.read()


class SignCommon:
    """The test PKI on loopback (root, issuing CA, OCSP, CRL, TSA) trusted by the
    company; a competent person (chair), a clerk (secretariat) who applies the
    agency signature, a portal member who signs from the portal, an outsider."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.pki = get_pki()
        cls.company = cls.env.company

        def user(login, groups, name):
            return new_test_user(
                cls.env,
                login=login,
                password=login,
                groups=groups,
                name=name,
                email=f"{login}@binhminh.example",
            )

        cls.person = user("s_person", "ecabinet_base.group_chair", "Nguyễn Văn An")
        cls.clerk = user("s_clerk", "ecabinet_base.group_secretariat", "Trần Thị Bình")
        cls.portal_signer = user(
            "s_portal", "base.group_portal,ecabinet_base.group_member", "Lê Văn Cường"
        )
        cls.outsider = user(
            "s_outsider", "base.group_portal,ecabinet_base.group_member", "Phạm Đức"
        )
        cls.person.partner_id.ecabinet_sign_image = base64.b64encode(signature_png())
        cls.company.write(
            {
                "city": "Bình Minh",
                "ecabinet_sign_tsa_url": cls.pki.tsa_url,
                "ecabinet_sign_pades_level": "b_t",
                "ecabinet_sign_agency_name": "UBND tỉnh Bình Minh",
                "ecabinet_sign_seal_image": base64.b64encode(seal_png()),
                "ecabinet_sign_clerk_id": cls.clerk.id,
            }
        )
        cls.trust_root = cls.env["ecabinet.sign.trust.root"].create(
            {
                "name": "Test NEAC root",
                "kind": "neac",
                "certificate": base64.b64encode(cls.pki.root.pem),
                "company_id": cls.company.id,
            }
        )
        cls.pdf = demo_pdf()

    @classmethod
    def _request(cls, person=None, clerk=None, kind="original", **vals):
        signers = []
        if person:
            signers.append(
                fields.Command.create(
                    {"sequence": 10, "role": "person", "user_id": person.id}
                )
            )
        if clerk:
            signers.append(
                fields.Command.create(
                    {"sequence": 20, "role": "agency", "user_id": clerk.id}
                )
            )
        return cls.env["ecabinet.sign.request"].create(
            {
                "name": "Tờ trình kế hoạch đầu tư công 2027",
                "source_pdf": base64.b64encode(cls.pdf),
                "source_filename": "to_trinh.pdf",
                "document_kind": kind,
                "signer_ids": signers,
                **vals,
            }
        )

    def _sign(self, request, user, identity, password=PASSWORD):
        signer = request.signer_ids.filtered(lambda s: s.user_id == user)
        return signer.with_user(user)._ecabinet_sign(
            pkcs12=identity.pkcs12(), password=password.decode()
        )

    def _verify(self, request):
        return self.env["ecabinet.sign.verification"]._verify(
            request._pdf_bytes(), "test.pdf", request=request
        )
