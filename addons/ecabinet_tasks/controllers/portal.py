# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Portal of the agencies: the tasks they lead or coordinate, their progress
reports and their extension requests.

Every read goes through the record rules of the signed-in user: the controller
never searches with ``sudo`` what the person may see. ``sudo`` is used only to show
the names of partners and sessions portal users may not read, to store the files of
a progress report (written by ``report_progress`` with sudo after its own checks)
and to give those files their download tokens.
"""

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.ecabinet_base.controllers.portal import EcabinetPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

OPEN_STATUSES = ("open_within_term", "open_overdue")
DONE_STATUSES = ("done_on_time", "done_late")
STATUS_BADGES = {
    "open_within_term": "text-bg-info",
    "open_overdue": "text-bg-danger",
    "done_on_time": "text-bg-success",
    "done_late": "text-bg-warning",
    "cancelled": "text-bg-secondary",
}
EXTENSION_BADGES = {
    "requested": "text-bg-warning",
    "approved": "text-bg-success",
    "refused": "text-bg-danger",
}


class EcabinetTaskPortal(EcabinetPortal):
    _tasks_per_page = 20

    # Portal home ------------------------------------------------------------------

    _home_tasks = 3

    def _ecabinet_home_values(self):
        """The open tasks of the person's agency (or all they may read), how many
        are overdue, and the nearest deadlines."""
        values = super()._ecabinet_home_values()
        Task = request.env["ecabinet.task"]
        if not Task.has_access("read"):
            return values
        counts = dict.fromkeys(OPEN_STATUSES, 0)
        for status, count in Task._read_group(
            [("status", "in", OPEN_STATUSES)], ["status"], ["__count"]
        ):
            counts[status] = count
        tasks = Task.search_fetch(
            [("status", "in", OPEN_STATUSES)],
            ["name", "deadline", "status"],
            order="deadline asc, id asc",
            limit=self._home_tasks,
        )
        return {
            **values,
            "ecabinet_home_tasks": tasks,
            "ecabinet_task_open_total": sum(counts.values()),
            "ecabinet_task_overdue_total": counts["open_overdue"],
            "ecabinet_task_badges": STATUS_BADGES,
        }

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Task = request.env["ecabinet.task"]
        readable = Task.has_access("read")
        if "ecabinet_task_count" in counters:
            values["ecabinet_task_count"] = (
                Task.search_count([("status", "in", OPEN_STATUSES)]) if readable else 0
            )
        if "ecabinet_task_overdue_count" in counters:
            values["ecabinet_task_overdue_count"] = (
                Task.search_count([("status", "=", "open_overdue")]) if readable else 0
            )
        return values

    # Helpers ------------------------------------------------------------------------

    def _ecabinet_task_filters(self):
        env = request.env
        return {
            "all": {"label": env._("All"), "domain": []},
            "open": {
                "label": env._("Open"),
                "domain": [("status", "in", OPEN_STATUSES)],
            },
            "overdue": {
                "label": env._("Overdue"),
                "domain": [("status", "=", "open_overdue")],
            },
            "done": {
                "label": env._("Completed"),
                "domain": [("status", "in", DONE_STATUSES)],
            },
        }

    def _ecabinet_task_roles(self, agency):
        """Lead or coordinating: only for the officers of an agency."""
        env = request.env
        if not agency:
            return {}
        return {
            "all": {"label": env._("Lead or coordinating"), "domain": []},
            "lead": {
                "label": env._("We lead"),
                "domain": [("lead_agency_id", "=", agency.id)],
            },
            "coordinating": {
                "label": env._("We coordinate"),
                "domain": [("coordinating_agency_ids", "in", agency.ids)],
            },
        }

    def _ecabinet_can_act(self, task):
        """Whether the page offers the forms: the model checks again on submit."""
        user = request.env.user
        if task.date_done or task.cancelled:
            return False
        if user.has_group("ecabinet_base.group_secretariat"):
            return True
        agency = user._ecabinet_agency()
        return bool(agency) and agency in (
            task.lead_agency_id | task.coordinating_agency_ids
        )

    # My tasks -------------------------------------------------------------------------

    @http.route(
        ["/my/ecabinet/tasks", "/my/ecabinet/tasks/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_ecabinet_tasks(self, page=1, filterby="open", role="all", **kw):
        Task = request.env["ecabinet.task"]
        if not Task.has_access("read"):
            return request.redirect("/my")
        agency = request.env.user._ecabinet_agency()
        filters = self._ecabinet_task_filters()
        if filterby not in filters:
            filterby = "open"
        roles = self._ecabinet_task_roles(agency)
        if role not in roles:
            role = "all"
        domain = filters[filterby]["domain"] + (roles[role]["domain"] if roles else [])
        url_args = {"filterby": filterby}
        if roles:
            url_args["role"] = role
        pager = portal_pager(
            url="/my/ecabinet/tasks",
            url_args=url_args,
            total=Task.search_count(domain),
            page=page,
            step=self._tasks_per_page,
        )
        tasks = Task.search(
            domain,
            order="deadline asc, id asc",
            limit=self._tasks_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "tasks": tasks,
                "agency": agency,
                "names": self._ecabinet_partner_names(tasks.lead_agency_id),
                "status_badges": STATUS_BADGES,
                "pager": pager,
                "page_name": "ecabinet_task",
                "default_url": "/my/ecabinet/tasks",
                "searchbar_filters": filters,
                "filterby": filterby,
                "roles": roles,
                "role": role,
            }
        )
        return request.render("ecabinet_tasks.portal_my_ecabinet_tasks", values)

    # Task page --------------------------------------------------------------------

    @http.route(
        "/my/ecabinet/tasks/<int:task_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_ecabinet_task(self, task_id, **kw):
        try:
            self._document_check_access("ecabinet.task", task_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._ecabinet_render_task(task_id, message=kw.get("message"))

    def _ecabinet_render_task(self, task_id, error=None, post=None, **extra):
        return self._ecabinet_render_page(
            "ecabinet_tasks.portal_my_ecabinet_task",
            self._ecabinet_task_values(task_id),
            error,
            post,
            page_name="ecabinet_task",
            **extra,
        )

    def _ecabinet_task_values(self, task_id):
        env = request.env
        task = env["ecabinet.task"].browse(task_id)
        reports = env["ecabinet.task.progress"].search(
            [("task_id", "=", task.id)], order="date desc, id desc"
        )
        extensions = env["ecabinet.task.extension"].search(
            [("task_id", "=", task.id)], order="id desc"
        )
        # The reports are read as the user: their files are for the same people.
        files = reports.sudo().attachment_ids
        files.filtered(lambda a: not a.access_token).generate_access_token()
        files_by_report = {
            report.id: report.sudo().attachment_ids for report in reports
        }
        # The conclusion the task comes from: its name and session only.
        item = task.item_id.sudo()
        partners = (
            task.lead_agency_id
            | task.coordinating_agency_ids
            | task.responsible_id
            | reports.author_id
            | extensions.requested_by_id
        )
        agency = env.user._ecabinet_agency()
        role = False
        if agency == task.lead_agency_id:
            role = "lead"
        elif agency and agency in task.coordinating_agency_ids:
            role = "coordinating"
        return {
            "task": task,
            "item": item,
            "meeting": item.meeting_id,
            "reports": reports,
            "files_by_report": files_by_report,
            "extensions": extensions,
            "names": self._ecabinet_partner_names(partners),
            "status_badges": STATUS_BADGES,
            "extension_badges": EXTENSION_BADGES,
            "role": role,
            "can_act": self._ecabinet_can_act(task),
        }

    def _ecabinet_task_post(self, task_id, action, post, anchor=""):
        """Run ``action(task)`` for the task page (see ``_ecabinet_page_post``)."""
        return self._ecabinet_page_post(
            "ecabinet.task",
            task_id,
            f"/my/ecabinet/tasks/{task_id}",
            self._ecabinet_render_task,
            lambda: action(request.env["ecabinet.task"].browse(task_id)),
            post,
            anchor,
        )

    # Progress reports -----------------------------------------------------------------

    @http.route(
        "/my/ecabinet/tasks/<int:task_id>/progress",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_ecabinet_task_progress(self, task_id, **post):
        def report(task):
            env = request.env
            percent = (post.get("percent") or "").strip()
            if not percent.isdigit():
                raise UserError(env._("Progress is a percentage from 0 to 100."))
            uploads = self._ecabinet_form_files("attachments", "ecabinet.task.progress")
            progress = task.report_progress(int(percent), post.get("text") or "")
            if uploads:
                # report_progress checked the agency; the report is written with
                # sudo, so are its files.
                files = (
                    env["ir.attachment"]
                    .sudo()
                    .create(
                        [
                            {
                                "name": filename,
                                "raw": content,
                                "res_model": "ecabinet.task.progress",
                                "res_id": progress.id,
                            }
                            for filename, content in uploads
                        ]
                    )
                )
                files.generate_access_token()
                progress.sudo().attachment_ids = [
                    fields.Command.link(f.id) for f in files
                ]
            return "progress"

        return self._ecabinet_task_post(task_id, report, post, "progress")

    # Extension requests -------------------------------------------------------------

    @http.route(
        "/my/ecabinet/tasks/<int:task_id>/extension",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_ecabinet_task_extension(self, task_id, **post):
        def ask(task):
            env = request.env
            try:
                proposed = fields.Date.to_date(
                    (post.get("proposed_deadline") or "").strip()
                )
            except ValueError as error:
                raise UserError(
                    env._("Give the proposed deadline as a date.")
                ) from error
            task.request_extension(proposed, post.get("reason") or "")
            return "extension"

        return self._ecabinet_task_post(task_id, ask, post, "extension")
