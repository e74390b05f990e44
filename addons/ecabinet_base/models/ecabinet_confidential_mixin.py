# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Law 29/2018/QH14 on the protection of state secrets defines three levels.
STATE_SECRET_LEVELS = ("secret", "top_secret", "absolute_secret")
CONFIDENTIALITY_LEVELS = [
    ("normal", "Normal"),
    ("internal", "Internal"),
    ("secret", "Secret (Mật)"),
    ("top_secret", "Top secret (Tối mật)"),
    ("absolute_secret", "Absolute secret (Tuyệt mật)"),
]


class EcabinetConfidentialMixin(models.AbstractModel):
    """Confidentiality of any record that can hold content.

    A model using the mixin lists the fields that hold content in
    ``_confidential_content_fields``. For the three state-secret levels the record
    keeps only its title, level and holder: content fields must stay empty and no
    attachment may be linked to it, whatever the channel (form, RPC, portal, chatter
    or the incoming mail gateway). Internal records are limited to named groups by
    the record rules of the model.
    """

    _name = "ecabinet.confidential.mixin"
    _description = "e-Cabinet Confidentiality"
    _confidential_content_fields = ()

    confidentiality = fields.Selection(
        CONFIDENTIALITY_LEVELS,
        default="normal",
        required=True,
        tracking=True,
        help="State-secret levels (Law 29/2018/QH14) record only the title, the level "
        "and the holder: their content is never stored nor sent over the network.",
    )
    is_state_secret = fields.Boolean(
        compute="_compute_is_state_secret",
        store=True,
        string="State Secret",
    )
    secret_holder_id = fields.Many2one(
        "res.partner",
        string="Holder",
        help="Person or unit that keeps the paper original of a state-secret record.",
    )
    allowed_group_ids = fields.Many2many(
        "res.groups",
        string="Limited to",
        help="For internal records: only these groups may read the record. Leave "
        "empty to limit it to the secretariat.",
    )

    @api.depends("confidentiality")
    def _compute_is_state_secret(self):
        for record in self:
            record.is_state_secret = record.confidentiality in STATE_SECRET_LEVELS

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._check_no_state_secret_content()
        return records

    def write(self, vals):
        result = super().write(vals)
        if "confidentiality" in vals or set(vals) & set(
            self._confidential_content_fields
        ):
            self._check_no_state_secret_content()
        return result

    def _state_secret_error(self):
        self.ensure_one()
        level = dict(self._fields["confidentiality"]._description_selection(self.env))[
            self.confidentiality
        ]
        return ValidationError(
            self.env._(
                "“%(title)s” is classified %(level)s: a state-secret record keeps "
                "only its title, level and holder. Its content must never be stored or "
                "sent through e-Cabinet; hand the paper original over through the "
                "confidential channel.",
                title=self.display_name,
                level=level,
            )
        )

    def _check_no_state_secret_content(self):
        secrets = self.filtered("is_state_secret")
        if not secrets:
            return
        with_size = secrets.with_context(bin_size=True)
        for record in with_size:
            if any(record[name] for name in self._confidential_content_fields):
                raise record._state_secret_error()
        attached = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", secrets.ids),
                    "|",
                    ("res_field", "=", False),
                    ("res_field", "!=", False),
                ],
                limit=1,
            )
        )
        if attached:
            raise secrets.browse(attached.res_id)._state_secret_error()
