# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import phonenumbers

from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.phone_validation.tools.phone_validation import (
    phone_format,
    phone_parse,
)

MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


class ResPartner(models.Model):
    # The SMS channel keeps to its own files (as the Telegram channel does).
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _ecabinet_address_sms(self):
        """The person's mobile (else phone) number in E.164, or why SMS cannot
        reach them."""
        self.ensure_one()
        numbers = [number for number in (self.mobile, self.phone) if number]
        if not numbers:
            return False, self.env._("%(name)s has no mobile number.", name=self.name)
        problems = []
        for number in numbers:
            address, problem = self._ecabinet_sms_number(number)
            if address:
                return address, False
            problems.append(problem)
        return False, self.env._(
            "%(name)s cannot receive SMS: %(reason)s",
            name=self.name,
            reason=problems[0],
        )

    @api.model
    def _ecabinet_sms_number(self, number):
        """``(e164, problem)``: a Vietnamese mobile number normalised to E.164
        (0912 345 678, +84 912 345 678, 84912345678 and (+84) 912-345-678 all give
        +84912345678), or why it cannot receive SMS."""
        _ = self.env._
        try:
            parsed = phone_parse(number, "VN")
            e164 = phone_format(number, "VN", 84, force_format="E164")
        except UserError:
            return False, _("%(number)s is not a valid phone number.", number=number)
        if phonenumbers.region_code_for_number(parsed) != "VN":
            return False, _(
                "%(number)s is not a Vietnamese number; the SMS gateway only "
                "serves Vietnamese mobiles.",
                number=number,
            )
        if phonenumbers.number_type(parsed) not in MOBILE_TYPES:
            return False, _("%(number)s is not a mobile number.", number=number)
        return e164, False
