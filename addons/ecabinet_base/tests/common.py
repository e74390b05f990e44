# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io

from reportlab.pdfgen import canvas

from odoo import fields
from odoo.tests import new_test_user


def _one_page_pdf():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(100, 750, "Submission")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# A real PDF: uploads are parsed (a damaged PDF is refused).
PDF = base64.b64encode(_one_page_pdf())
SECRET_LEVELS = ("secret", "top_secret", "absolute_secret")


class EcabinetCommon:
    """Two committees, their members and a user for each e-Cabinet role.

    Portal and internal members sit on the committee; ``outsider`` sits on another
    committee only. Passwords equal logins (for HTTP and RPC tests).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Partner = cls.env["res.partner"]
        cls.agency = Partner.create(
            {
                "name": "Department of Finance",
                "is_company": True,
                "is_ecabinet_agency": True,
                "ecabinet_agency_code": "T01.02",
                "ecabinet_agency_type": "department",
            }
        )
        cls.other_agency = Partner.create(
            {
                "name": "Department of Justice",
                "is_company": True,
                "is_ecabinet_agency": True,
                "ecabinet_agency_code": "T01.04",
            }
        )

        def user(login, groups, **kw):
            return new_test_user(
                cls.env, login=login, password=login, groups=groups, **kw
            )

        cls.portal_member = user(
            "t_portal_member", "base.group_portal,ecabinet_base.group_member"
        )
        cls.internal_member = user(
            "t_internal_member", "base.group_user,ecabinet_base.group_member"
        )
        cls.outsider = user(
            "t_outsider", "base.group_portal,ecabinet_base.group_member"
        )
        cls.agency_user = user(
            "t_agency_user", "base.group_portal,ecabinet_base.group_member"
        )
        cls.agency_user.partner_id.parent_id = cls.agency
        cls.staff = user("t_staff", "ecabinet_base.group_user")
        cls.secretariat = user("t_secretariat", "ecabinet_base.group_secretariat")
        cls.chair = user("t_chair", "ecabinet_base.group_chair")
        cls.admin = user("t_ecabinet_admin", "ecabinet_base.group_admin")
        cls.public = cls.env.ref("base.public_user")

        Committee = cls.env["ecabinet.committee"]
        cls.committee = Committee.create(
            {
                "name": "Test Provincial Committee",
                "code": "TPC",
                "term_start": "2026-06-25",
                "term_end": "2031-06-30",
                "member_ids": [
                    cls._member_vals(cls.chair.partner_id, "chair"),
                    cls._member_vals(cls.portal_member.partner_id, "member"),
                    cls._member_vals(cls.internal_member.partner_id, "member"),
                ],
            }
        )
        cls.other_committee = Committee.create(
            {
                "name": "Other Committee",
                "code": "OTH",
                "member_ids": [cls._member_vals(cls.outsider.partner_id, "chair")],
            }
        )
        Document = cls.env["ecabinet.document"]
        cls.document = Document.create(
            {
                "name": "Submission on the 2027 investment plan",
                "committee_id": cls.committee.id,
                "agency_id": cls.agency.id,
                "datas": PDF,
                "filename": "plan.pdf",
            }
        )
        cls.internal_document = Document.create(
            {
                "name": "Draft working regulations",
                "committee_id": cls.committee.id,
                "confidentiality": "internal",
                "allowed_group_ids": [cls.env.ref("ecabinet_base.group_chair").id],
            }
        )
        cls.other_document = Document.create(
            {"name": "Other committee's report", "committee_id": cls.other_committee.id}
        )

    @classmethod
    def _member_vals(cls, partner, position, **kw):
        vals = {"partner_id": partner.id, "position": position}
        vals.update({"date_start": "2026-06-25", **kw})
        return fields.Command.create(vals)
