# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One state-lock mechanism for every lifecycle model.

A model inherits ``ecabinet.state.lock.mixin`` and declares, by class attributes,
what may change in which state and for whom; ``create``, ``write`` and ``unlink``
enforce it for every caller, the superuser included. The state itself changes
only through the model's actions, which write it with ``_ecabinet_transition``;
the engine's own internal writes (an answer recorded, the silence rule applied)
run inside ``_ecabinet_unlocked``. Both are private methods: RPC cannot call them,
and their flag lives in a context variable of the running code, which no request
parameter or context key can set.
"""

import contextvars
from contextlib import contextmanager

from odoo import api, models
from odoo.exceptions import UserError
from odoo.models import MAGIC_COLUMNS

ALL = "__all__"
ANYONE = "*"

# Model names whose lock is lifted for the code running inside
# ``_ecabinet_unlocked`` (per thread and task, never from a request).
_UNLOCKED = contextvars.ContextVar("ecabinet_state_unlocked", default=frozenset())
# Merged declarations, per model class (a registry reload makes new classes).
_TABLES = {}

# Abstract models whose fields the framework writes (mail thread, activities,
# portal token, notification links): never locked.
FRAMEWORK_MODELS = (
    "mail.thread",
    "mail.activity.mixin",
    "portal.mixin",
    "ecabinet.notification.mixin",
)


class EcabinetStateLockMixin(models.AbstractModel):
    """Records locked by their state (or by their parent's state).

    Class attributes of the inheriting model:

    ``_state_lock_field``
        the Selection field holding the state (``"state"``); for a child line,
        the field of the parent.
    ``_state_lock_initial``
        the state of a new record when the state field has no default (a
        computed status).
    ``_state_lock_parent``
        for a child line, the Many2one (or path of Many2one, the first stored
        on the line) to the record whose state locks it (``"ballot_id"``,
        ``"item_id.meeting_id"``); ``None`` for a lifecycle model.
    ``_state_lock_write``
        ``{state: {group xmlid or "*": ("field", ...) or "__all__"}}``: the
        fields each group may write in each state. A state left out is locked
        for everyone. The state field is never writable: actions change it.
    ``_state_lock_create`` / ``_state_lock_unlink``
        ``{state: (group xmlid or "*", ...)}``: who may create / delete a record
        in that state (for a child line: in the parent's state). A created
        lifecycle record starts in its default state, and its values must be
        writable in that state.
    """

    _name = "ecabinet.state.lock.mixin"
    _description = "e-Cabinet State Lock"

    _state_lock_field = "state"
    _state_lock_initial = None
    _state_lock_parent = None
    _state_lock_write = {}
    _state_lock_create = {}
    _state_lock_unlink = {}

    # Declaration helpers ------------------------------------------------------

    @api.model
    def _ecabinet_lock_exempt_fields(self):
        """Fields the framework writes (log columns, mail thread, activities,
        portal token) and non-stored fields without inverse: never locked."""
        exempt = set(MAGIC_COLUMNS)
        for name in FRAMEWORK_MODELS:
            if name in self.env and isinstance(self, self.env.registry[name]):
                exempt.update(self.env[name]._fields)
        for name, field in self._fields.items():
            if field.compute and not field.store and not field.inverse:
                exempt.add(name)
        return exempt

    @api.model
    def _ecabinet_lock_table(self, attr):
        """The declaration ``attr`` of this model, merged over the classes that
        extend it: an addon adding fields to a lifecycle model declares only its
        own (``{"closed": {group: ("minute_notes",)}}``).

        ``{state: {group: set of fields or "__all__"}}``."""
        key = (type(self), attr)
        if key not in _TABLES:
            _TABLES[key] = self._ecabinet_lock_merge(attr)
        return _TABLES[key]

    @api.model
    def _ecabinet_lock_merge(self, attr):
        table = {}
        for cls in reversed(type(self).__mro__):
            for state, entries in (vars(cls).get(attr) or {}).items():
                if isinstance(entries, (tuple, list, set, frozenset)):
                    entries = dict.fromkeys(entries, ())
                merged = table.setdefault(state, {})
                for group, value in entries.items():
                    if value == ALL or merged.get(group) == ALL:
                        merged[group] = ALL
                    else:
                        merged[group] = set(merged.get(group, ())) | set(value)
        return table

    @api.model
    def _ecabinet_lock_allowed(self, state, attr):
        """The groups' entries of the declaration ``attr`` in ``state`` that the
        current user holds (all of them for the superuser, who has no more than
        the roles together)."""
        entries = self._ecabinet_lock_table(attr).get(state) or {}
        user = self.env.user
        return [
            value
            for group, value in entries.items()
            if group == ANYONE or self.env.su or user.has_group(group)
        ]

    @api.model
    def _ecabinet_lock_writable(self, state):
        """The set of fields the current user may write in ``state``."""
        writable = set()
        for value in self._ecabinet_lock_allowed(state, "_state_lock_write"):
            if value == ALL:
                writable.update(self._fields)
            else:
                writable.update(value)
        if not self._state_lock_parent:
            writable.discard(self._state_lock_field)
        return writable

    def _ecabinet_lock_owner(self):
        """The record whose state locks ``self`` (one record)."""
        self.ensure_one()
        if self._state_lock_parent:
            return self.sudo().mapped(self._state_lock_parent)
        return self.sudo()

    @api.model
    def _ecabinet_lock_check_rights(self, operation):
        """A user without the access right is refused as such (AccessError)
        before the state is looked at (no query: the model's rights only)."""
        if not self.env.su:
            self.browse().check_access(operation)

    @api.model
    def _ecabinet_lock_is_unlocked(self):
        """Inside ``_ecabinet_unlocked``, or while modules load their data files
        (as the superuser, before the registry serves any request: demo data
        builds closed sessions and decided ballots directly)."""
        if not self.env.registry.ready and self.env.su:
            return True
        return self._name in _UNLOCKED.get()

    # Errors -------------------------------------------------------------------

    def _ecabinet_lock_state_label(self, owner):
        field = owner._fields[self._state_lock_field]
        labels = dict(field._description_selection(self.env))
        state = owner[self._state_lock_field]
        return (labels.get(state) or str(state)).lower()

    def _ecabinet_lock_error(self, owner, field_names):
        labels = ", ".join(
            f"“{self._fields[name]._description_string(self.env)}”"
            for name in sorted(field_names)
        )
        return UserError(
            self.env._(
                "“%(record)s” is %(state)s: %(fields)s cannot be changed.",
                record=owner.display_name or self.env["ir.model"]._get(self._name).name,
                state=self._ecabinet_lock_state_label(owner),
                fields=labels,
            )
        )

    # Enforcement --------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self._ecabinet_lock_is_unlocked():
            self._ecabinet_lock_check_rights("create")
            for vals in vals_list:
                self._ecabinet_lock_check_create(vals)
        return super().create(vals_list)

    @api.model
    def _ecabinet_lock_check_create(self, vals):
        state_field = self._state_lock_field
        if self._state_lock_parent:
            first, *rest = self._state_lock_parent.split(".")
            Parent = self.env[self._fields[first].comodel_name]
            owner = Parent.sudo().browse(vals.get(first)).exists()
            if rest:
                owner = owner.mapped(".".join(rest))
            if not owner:
                return  # the required field's own error follows
            state = owner[state_field]
            if not self._ecabinet_lock_allowed(state, "_state_lock_create"):
                raise UserError(
                    self.env._(
                        "“%(record)s” is %(state)s: nothing can be added to it.",
                        record=owner.display_name,
                        state=self._ecabinet_lock_state_label(owner),
                    )
                )
        else:
            state = self._state_lock_initial or self.default_get([state_field]).get(
                state_field
            )
            owner = self.new({state_field: state})
            if vals.get(state_field, state) != state:
                raise UserError(
                    self.env._(
                        "A new record starts as %(state)s: its state changes "
                        "through its actions only.",
                        state=self._ecabinet_lock_state_label(owner),
                    )
                )
            if not self._ecabinet_lock_allowed(state, "_state_lock_create"):
                raise UserError(
                    self.env._(
                        "You cannot create a record of “%(model)s”.",
                        model=self.env["ir.model"]._get(self._name).name,
                    )
                )
        refused = (
            set(vals)
            - self._ecabinet_lock_writable(state)
            - self._ecabinet_lock_exempt_fields()
            # the state of a new record, or the parent a new line belongs to
            - {
                self._state_lock_parent.split(".")[0]
                if self._state_lock_parent
                else state_field
            }
        )
        if refused:
            raise self._ecabinet_lock_error(owner, refused)

    def write(self, vals):
        if vals and self and not self._ecabinet_lock_is_unlocked():
            self._ecabinet_lock_check_rights("write")
            self._ecabinet_lock_check_write(vals)
        return super().write(vals)

    def _ecabinet_lock_check_write(self, vals):
        state_field = self._state_lock_field
        if not self._state_lock_parent and state_field in vals:
            for record in self:
                if vals[state_field] != record[state_field]:
                    raise UserError(
                        self.env._(
                            "The state of “%(record)s” changes through its "
                            "actions only.",
                            record=record.display_name,
                        )
                    )
        names = set(vals) - self._ecabinet_lock_exempt_fields()
        if not names:
            return
        first = (self._state_lock_parent or "").split(".")[0]
        if first in names:
            # moved to another parent: the new one must accept it
            self._ecabinet_lock_check_create({first: vals[first]})
        for record in self:
            owner = record._ecabinet_lock_owner()
            refused = (
                names
                - record._ecabinet_lock_writable(owner[state_field])
                - {state_field if not self._state_lock_parent else ""}
            )
            if refused:
                raise record._ecabinet_lock_error(owner, refused)

    def unlink(self):
        if self and not self._ecabinet_lock_is_unlocked():
            self._ecabinet_lock_check_rights("unlink")
            for record in self:
                owner = record._ecabinet_lock_owner()
                state = owner[self._state_lock_field]
                if not record._ecabinet_lock_allowed(state, "_state_lock_unlink"):
                    raise UserError(
                        self.env._(
                            "“%(record)s” is %(state)s: %(what)s cannot be deleted.",
                            record=owner.display_name,
                            state=record._ecabinet_lock_state_label(owner),
                            what=record.display_name,
                        )
                    )
        return super().unlink()

    # What the model's own code uses ---------------------------------------------

    @contextmanager
    def _ecabinet_unlocked(self, *model_names):
        """Lift the lock of this model (and of ``model_names``, e.g. the child
        lines an engine method writes) for the code inside the block. For the
        engine's own writes only: the caller has checked who acts and when."""
        token = _UNLOCKED.set(_UNLOCKED.get() | {self._name, *model_names})
        try:
            yield
        finally:
            _UNLOCKED.reset(token)

    def _ecabinet_transition(self, vals):
        """Write ``vals`` (the new state and what comes with it) through the lock:
        called by the model's actions after their checks. The state field is
        tracked, so the change is in the chatter."""
        with self._ecabinet_unlocked():
            return self.write(vals)

    def _ecabinet_check_state(self, allowed, action):
        """Refuse ``action`` (a translated verb) unless every record is in one of
        the ``allowed`` states."""
        for record in self:
            if record[self._state_lock_field] not in allowed:
                raise UserError(
                    self.env._(
                        "“%(record)s” is %(state)s: you cannot %(action)s it.",
                        record=record.display_name,
                        state=record._ecabinet_lock_state_label(record),
                        action=action,
                    )
                )

    def _ecabinet_check_group(self, group, action):
        """Refuse ``action`` (a translated verb) to a user outside ``group``."""
        if not self.env.user.has_group(group):
            # the records are not read: the user may not be allowed to
            raise UserError(
                self.env._(
                    "You are not allowed to %(action)s this record (%(model)s).",
                    action=action,
                    model=self.env["ir.model"].sudo()._get(self._name).name,
                )
            )
