# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# The kinds of e-Cabinet users a company may require a second factor of.
SECOND_FACTOR_KINDS = [
    ("member", "Committee member"),
    ("agency", "Agency officer"),
    ("staff", "Office staff"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    ecabinet_2fa_member = fields.Boolean(
        string="Two-Factor Sign-in for Committee Members",
        help="Committee members and invitees sign in with an authenticator code or "
        "a passkey after their password; those without one set it up at their "
        "next sign-in.",
    )
    ecabinet_2fa_agency = fields.Boolean(
        string="Two-Factor Sign-in for Agency Officers",
        help="The officers of government agencies sign in with an authenticator "
        "code or a passkey after their password.",
    )
    ecabinet_2fa_staff = fields.Boolean(
        string="Two-Factor Sign-in for Office Staff",
        help="The office's staff (secretariat, chair, administrators) sign in with "
        "an authenticator code or a passkey after their password.",
    )
