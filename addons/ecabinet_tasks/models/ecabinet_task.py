# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import threading
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, create_index

from odoo.addons.ecabinet_base.tools.api import public_method
from odoo.addons.ecabinet_base.tools.lang import in_ecabinet_lang

_logger = logging.getLogger(__name__)

STATUSES = [
    ("open_within_term", "Open, within term"),
    ("open_overdue", "Open, overdue"),
    ("done_on_time", "Completed on time"),
    ("done_late", "Completed late"),
    ("cancelled", "Cancelled"),
]
OPEN_STATUSES = ("open_within_term", "open_overdue")
SECRETARIAT = "ecabinet_base.group_secretariat"
# What the secretariat edits on an open task; completion, cancellation,
# extensions and warnings are the actions'. A closed task is locked until the
# secretariat reopens it (tracked).
TASK_FIELDS = (
    "name",
    "description",
    "committee_id",
    "item_id",
    "source_document",
    "lead_agency_id",
    "coordinating_agency_ids",
    "responsible_id",
    "priority",
    "is_regular",
    "report_period",
    "deadline",
    "progress_ids",
    "extension_ids",
)
# Warning steps, in order: each is sent once per task and deadline.
STEPS = ["before", "due", "overdue", "escalation"]


class EcabinetTask(models.Model):
    """A task assigned by a conclusion or a decision (nhiệm vụ), followed until it
    is done. Its status follows the national task-tracking taxonomy and is computed
    from its dates, never typed."""

    _name = "ecabinet.task"
    _description = "Assigned Task"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "ecabinet.notification.mixin",
        "ecabinet.state.lock.mixin",
    ]
    _order = "deadline, id"
    _state_lock_field = "status"
    _state_lock_initial = "open_within_term"
    _state_lock_write = {status: {SECRETARIAT: TASK_FIELDS} for status in OPEN_STATUSES}
    _state_lock_create = {"open_within_term": (SECRETARIAT,)}
    _state_lock_unlink = {status: ("*",) for status in OPEN_STATUSES}

    name = fields.Char(required=True, tracking=True)
    description = fields.Html()
    committee_id = fields.Many2one("ecabinet.committee", required=True, index=True)
    company_id = fields.Many2one(related="committee_id.company_id", store=True)
    item_id = fields.Many2one(
        "ecabinet.meeting.agenda.item", string="Conclusion of", index=True
    )
    meeting_id = fields.Many2one(related="item_id.meeting_id", store=True)
    source_document = fields.Char(
        string="Assigning Document",
        help="Number and symbol of the conclusion notice or decision, e.g. "
        "215/TB-UBND.",
    )
    lead_agency_id = fields.Many2one(
        "res.partner",
        required=True,
        domain=[("is_ecabinet_agency", "=", True)],
        index=True,
        tracking=True,
    )
    coordinating_agency_ids = fields.Many2many(
        "res.partner",
        string="Coordinating Agencies",
        domain=[("is_ecabinet_agency", "=", True)],
    )
    responsible_id = fields.Many2one(
        "res.partner", string="Person Responsible", tracking=True
    )
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Important"), ("2", "Urgent")], default="0"
    )
    is_regular = fields.Boolean(
        string="Regular Duty",
        help="A recurring duty without a final deadline: the agency reports every "
        "period.",
    )
    report_period = fields.Selection(
        [("month", "Monthly"), ("quarter", "Quarterly"), ("year", "Yearly")],
        default="month",
    )
    deadline = fields.Date(tracking=True, index=True)
    date_done = fields.Date(
        string="Completed On", readonly=True, copy=False, tracking=True
    )
    cancelled = fields.Boolean(readonly=True, copy=False, tracking=True)
    status = fields.Selection(
        STATUSES,
        compute="_compute_status",
        store=True,
        index=True,
        tracking=True,
    )
    progress = fields.Integer(
        compute="_compute_progress", store=True, string="Progress (%)"
    )
    progress_ids = fields.One2many(
        "ecabinet.task.progress", "task_id", string="Reports"
    )
    extension_ids = fields.One2many(
        "ecabinet.task.extension", "task_id", string="Extension Requests"
    )
    completion_requested = fields.Boolean(readonly=True, copy=False)
    warned_step = fields.Selection(
        [(step, step) for step in STEPS],
        readonly=True,
        copy=False,
        help="Last warning sent for the current deadline.",
    )

    def _ecabinet_creation_message(self):
        return self.env._("Task assigned")

    @api.depends("deadline", "date_done", "cancelled", "is_regular")
    def _compute_status(self):
        today = fields.Date.context_today(self)
        for task in self:
            task.status = task._status_on(today)

    def _status_on(self, day):
        self.ensure_one()
        if self.cancelled:
            return "cancelled"
        if self.date_done:
            late = self.deadline and self.date_done > self.deadline
            return "done_late" if late else "done_on_time"
        if self.deadline and not self.is_regular and day > self.deadline:
            return "open_overdue"
        return "open_within_term"

    @api.depends("progress_ids.percent", "progress_ids.date")
    def _compute_progress(self):
        for task in self:
            last = task.progress_ids.sorted(lambda p: (p.date, p.id))[-1:]
            task.progress = last.percent if last else 0

    @api.constrains("deadline", "is_regular")
    def _check_deadline(self):
        for task in self:
            if not task.is_regular and not task.deadline:
                raise ValidationError(
                    self.env._(
                        "Give “%(task)s” a deadline, or mark it a regular duty.",
                        task=task.name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if "deadline" in vals:
            # a new deadline, new warnings
            self._ecabinet_transition({"warned_step": False})
        return result

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for task in self:
            task.access_url = f"/my/ecabinet/tasks/{task.id}"
        return result

    # Life of a task ---------------------------------------------------------------

    def _check_agency(self):
        """Progress and extensions come from the lead or a coordinating agency, or
        the secretariat; checked here because the records are written with sudo."""
        if self.env.su or self.env.user.has_group("ecabinet_base.group_secretariat"):
            return
        self.check_access("read")
        agency = self.env.user._ecabinet_agency()
        for task in self:
            if not agency or agency not in (
                task.lead_agency_id | task.coordinating_agency_ids
            ):
                raise AccessError(
                    self.env._(
                        "Only the agencies in charge of “%(task)s” report on it.",
                        task=task.name,
                    )
                )

    @public_method
    def action_confirm_done(self, day=None):
        """The secretariat confirms completion (on the day reported)."""
        if not self.env.user.has_group("ecabinet_base.group_secretariat"):
            raise UserError(self.env._("Only the secretariat confirms completion."))
        self._ecabinet_check_state(OPEN_STATUSES, self.env._("confirm"))
        for task in self:
            done_day = (
                day
                or (
                    task.progress_ids.filtered(lambda p: p.percent == 100)
                    .sorted("date")[-1:]
                    .date
                )
                or fields.Date.context_today(task)
            )
            task._ecabinet_transition(
                {"date_done": done_day, "completion_requested": False}
            )

    @public_method
    def action_send_back(self, reason=None):
        """The secretariat does not accept the report of completion."""
        if not self.env.user.has_group("ecabinet_base.group_secretariat"):
            raise UserError(self.env._("Only the secretariat sends a report back."))
        self._ecabinet_check_state(OPEN_STATUSES, self.env._("send back"))
        reason = (reason or "").strip() or self.env._("Completion not confirmed.")
        for task in self:
            task._ecabinet_transition({"completion_requested": False})
            task.message_post(body=reason, subtype_xmlid="mail.mt_comment")

    @public_method
    def action_cancel(self):
        if not self.env.user.has_group("ecabinet_base.group_chair"):
            raise UserError(self.env._("Only the chair cancels a task."))
        self._ecabinet_check_state(OPEN_STATUSES, self.env._("cancel"))
        self._ecabinet_transition({"cancelled": True})

    @public_method
    def action_reopen(self):
        if not self.env.user.has_group("ecabinet_base.group_secretariat"):
            raise UserError(self.env._("Only the secretariat reopens a task."))
        self._ecabinet_transition({"date_done": False, "cancelled": False})

    @public_method
    def request_extension(self, proposed_deadline, reason):
        """An agency asks to move the deadline; the chair decides."""
        self.ensure_one()
        self._check_agency()
        self._ecabinet_check_state(OPEN_STATUSES, self.env._("extend"))
        proposed = fields.Date.to_date(proposed_deadline)
        if self.is_regular:
            raise UserError(self.env._("A regular duty has no deadline to extend."))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the extension."))
        if not proposed or (self.deadline and proposed <= self.deadline):
            raise UserError(
                self.env._("Propose a deadline later than the current one.")
            )
        if proposed <= fields.Date.context_today(self):
            raise UserError(self.env._("Propose a deadline after today."))
        Extension = self.env["ecabinet.task.extension"].sudo()
        with Extension._ecabinet_unlocked():
            return Extension.create(
                {
                    "task_id": self.id,
                    "reason": reason.strip(),
                    "proposed_deadline": proposed,
                    "old_deadline": self.deadline,
                    "requested_by_id": self.env.user.partner_id.id,
                }
            )

    @public_method(attachments="ir.attachment")
    def report_progress(self, percent, text, attachments=None):
        """An agency reports progress; 100% asks the secretariat to confirm."""
        self.ensure_one()
        self._check_agency()
        self._ecabinet_check_state(OPEN_STATUSES, self.env._("report on"))
        if not 0 <= percent <= 100:
            raise UserError(self.env._("Progress is a percentage from 0 to 100."))
        if not (text or "").strip():
            raise UserError(self.env._("Describe the progress made."))
        if attachments and not self.env.su:
            # files given by id (RPC): the caller's own uploads or the task's
            foreign = attachments.sudo().filtered(
                lambda a: (
                    a.create_uid != self.env.user
                    and (a.res_model, a.res_id) != (self._name, self.id)
                )
            )
            if foreign:
                raise AccessError(
                    self.env._("You can only attach your own files or the task's.")
                )
        Progress = self.env["ecabinet.task.progress"].sudo()
        with Progress._ecabinet_unlocked():
            report = Progress.create(
                {
                    "task_id": self.id,
                    "percent": percent,
                    "body": text.strip(),
                    "attachment_ids": [fields.Command.set(attachments.ids)]
                    if attachments
                    else False,
                    "author_id": self.env.user.partner_id.id,
                }
            )
        if percent == 100:
            self.sudo()._ecabinet_transition({"completion_requested": True})
        return report

    # Warnings and escalation ------------------------------------------------------

    # A task still to warn: open, not escalated yet. The cron walks these through a
    # partial index by deadline, up to the latest deadline warned today, so that its
    # cost follows the tasks near a threshold and not all the tasks (done,
    # escalated, regular).
    _TO_WARN = (
        "date_done IS NULL AND cancelled IS NOT TRUE AND is_regular IS NOT TRUE"
        " AND warned_step IS DISTINCT FROM 'escalation'"
    )
    # An open task within its term: the status cron reads these by deadline.
    _WITHIN_TERM = (
        "status = 'open_within_term' AND date_done IS NULL"
        " AND cancelled IS NOT TRUE AND is_regular IS NOT TRUE"
    )

    @api.private
    def init(self):
        result = super().init()
        create_index(
            self.env.cr,
            "ecabinet_task_to_warn_deadline_index",
            self._table,
            ["deadline", "id"],
            where=self._TO_WARN,
        )
        create_index(
            self.env.cr,
            "ecabinet_task_within_term_deadline_index",
            self._table,
            ["deadline"],
            where=self._WITHIN_TERM,
        )
        return result

    def _due_step(self, today, escalate_until, warn_until):
        """The warning step a task has reached on ``today``, if any; the dates
        are its committee's (``ecabinet.committee._task_warning_dates``): escalated
        when the deadline is on or before ``escalate_until``, warned before it when
        the deadline is after today up to ``warn_until``. ``_tasks_to_warn`` says
        the same in SQL."""
        self.ensure_one()
        if self.is_regular or not self.deadline or self.date_done or self.cancelled:
            return False
        if escalate_until and self.deadline <= escalate_until:
            return "escalation"
        if self.deadline < today:
            return "overdue"
        if self.deadline == today:
            return "due"
        if self.deadline <= warn_until:
            return "before"
        return False

    @api.model
    @in_ecabinet_lang
    def _cron_warn(self, batch_size=1000, max_batches=None):
        """Warn agencies before, on and after deadlines and escalate to the chair;
        in batches that commit outside tests, so a crash resumes where it stopped.
        Each step is sent once per task and deadline (``warned_step`` and the
        dispatch's idempotency key). Only the tasks that reached a step they were
        not warned of are read (``_tasks_to_warn``)."""
        today = fields.Date.context_today(self)
        committees = (
            self.env["ecabinet.committee"].with_context(active_test=False).search([])
        )
        bounds = committees._task_warning_dates(today)
        testing = getattr(threading.current_thread(), "testing", False)
        after, batches = None, 0
        while max_batches is None or batches < max_batches:
            tasks = self._tasks_to_warn(today, bounds, after, batch_size)
            if not tasks:
                break
            tasks._warn(today, bounds)
            after, batches = (tasks[-1].deadline, tasks[-1].id), batches + 1
            if not testing:
                self.env.cr.commit()  # pylint: disable=invalid-commit
            self.env.invalidate_all()

    @api.model
    def _tasks_to_warn(self, today, bounds, after=None, limit=None):
        """Tasks that reached on ``today`` a warning step later than the last one
        sent, by deadline and id (after ``after``, a ``(deadline, id)``): the SQL of
        ``_due_step``, walking the partial index of the tasks still to warn up to
        the latest deadline warned today; ``bounds`` gives the committees'
        ``(escalate_until, warn_until)`` by id."""
        if not bounds:
            return self.browse()
        self.flush_model(
            ["committee_id", "deadline", "date_done", "cancelled", "is_regular"]
            + ["status", "warned_step"]
        )
        committee_ids = list(bounds)
        self.env.cr.execute(
            SQL(
                """
            SELECT task.id
              FROM ecabinet_task task
              JOIN unnest(%(committees)s::int[], %(escalate)s::date[],
                          %(warn)s::date[]) AS bound(committee_id, escalate_until,
                                                     warn_until)
                ON bound.committee_id = task.committee_id
             WHERE %(to_warn)s
               AND task.deadline <= %(latest)s
               AND %(after)s
               AND CASE
                   WHEN task.deadline <= bound.escalate_until THEN TRUE
                   WHEN task.deadline < %(today)s
                   THEN task.warned_step IS DISTINCT FROM 'overdue'
                   WHEN task.deadline = %(today)s
                   THEN task.warned_step IS NULL OR task.warned_step = 'before'
                   ELSE task.deadline <= bound.warn_until AND task.warned_step IS NULL
                   END
             ORDER BY task.deadline, task.id
             LIMIT %(limit)s
            """,
                committees=committee_ids,
                escalate=[bounds[c][0] for c in committee_ids],
                warn=[bounds[c][1] for c in committee_ids],
                to_warn=SQL(self._TO_WARN),
                latest=max(warn for _escalate, warn in bounds.values()),
                after=SQL("(task.deadline, task.id) > (%s, %s)", *after)
                if after
                else SQL("TRUE"),
                today=today,
                limit=limit,
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    def _warn(self, today, bounds=None):
        if bounds is None:
            bounds = self.committee_id._task_warning_dates(today)
        order = {step: n for n, step in enumerate(STEPS)}
        by_status, by_step = defaultdict(list), defaultdict(list)
        for task in self:
            status = task._status_on(today)
            if task.status != status:
                by_status[status].append(task.id)
            step = task._due_step(today, *bounds[task.committee_id.id])
            if not step or (
                task.warned_step and order[task.warned_step] >= order[step]
            ):
                continue
            by_step[step].append(task.id)
        for status, ids in by_status.items():
            # the date changed it (the status cron had not run yet)
            self.browse(ids)._ecabinet_transition({"status": status})
        Notification = self.env["ecabinet.notification"].sudo()
        for step, ids in by_step.items():
            tasks = self.browse(ids)
            Notification.dispatch(
                tasks,
                f"ecabinet_tasks.event_task_{step}",
                lambda task, step=step: task._warning_recipients(step),
                key=lambda task: str(task.deadline),
            )
            tasks._ecabinet_transition({"warned_step": step})

    def _warning_recipients(self, step):
        self.ensure_one()
        agency = self.lead_agency_id
        people = (
            self.responsible_id
            or agency.child_ids.filtered(lambda p: p.user_ids)[:1]
            or agency
        )
        if step == "escalation":
            return self.committee_id.chair_id or people
        return people

    @api.model
    @in_ecabinet_lang
    def _cron_refresh_status(self):
        """Statuses change with the date: the open tasks within their term whose
        deadline passed become overdue, in one UPDATE over the partial index of
        the tasks within term (it reads only those that change)."""
        today = fields.Date.context_today(self)
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "UPDATE ecabinet_task SET status = 'open_overdue'"
                " WHERE %s AND deadline < %s",
                SQL(self._WITHIN_TERM),
                today,
            )
        )
        self.invalidate_model(["status"])
