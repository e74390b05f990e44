# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import phonenumbers

from odoo import api, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.phone_validation.tools.phone_validation import (
    phone_format,
    phone_parse,
)

MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)
# Saving one of these may make a contact's numbers those of an e-Cabinet recipient.
NUMBER_TRIGGERS = {"mobile", "phone", "is_ecabinet_agency", "parent_id"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._ecabinet_check_phone_numbers()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if NUMBER_TRIGGERS & set(vals):
            self._ecabinet_check_phone_numbers()
        return result

    def _ecabinet_is_recipient(self):
        """Whether e-Cabinet sends messages to this contact: an agency, one of its
        officers, a committee member, or a person who asked for SMS."""
        self.ensure_one()
        partner = self.sudo()
        return bool(
            partner.commercial_partner_id.is_ecabinet_agency
            or partner.ecabinet_membership_ids
            or partner.ecabinet_notification_preference_ids.filtered("channel_sms")
        )

    def _ecabinet_check_phone_numbers(self):
        """The numbers of e-Cabinet recipients are checked when saved, not when a
        message fails: the mobile must be a Vietnamese mobile (the SMS gateway
        serves only those), the phone any valid number; both are stored in E.164
        (Odoo's phone_validation)."""
        for partner in self:
            if (
                not (partner.mobile or partner.phone)
                or not partner._ecabinet_is_recipient()
            ):
                continue
            numbers = {}
            if partner.mobile:
                e164, problem = partner._ecabinet_sms_number(partner.mobile)
                if problem:
                    raise ValidationError(
                        self.env._(
                            "The mobile number of %(name)s is refused: %(reason)s "
                            "e-Cabinet sends its SMS to Vietnamese mobile numbers.",
                            name=partner.display_name,
                            reason=problem,
                        )
                    )
                numbers["mobile"] = e164
            if partner.phone:
                try:
                    numbers["phone"] = phone_format(
                        partner.phone, "VN", 84, force_format="E164"
                    )
                except UserError as error:
                    raise ValidationError(
                        self.env._(
                            "The phone number of %(name)s is refused: %(number)s is "
                            "not a valid phone number.",
                            name=partner.display_name,
                            number=partner.phone,
                        )
                    ) from error
            changed = {
                name: number
                for name, number in numbers.items()
                if partner[name] != number
            }
            if changed:
                partner.write(changed)

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
