# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import SUPERUSER_ID, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.ecabinet_confidential_mixin import CONFIDENTIALITY_LEVELS

# Errors of the models that a portal page shows to the person instead of a traceback.
MODEL_ERRORS = (UserError, ValidationError, AccessError)


class EcabinetPortal(CustomerPortal):
    """Portal of e-Cabinet; the other addons' portal controllers extend it."""

    _documents_per_page = 20

    def _document_check_access(self, model_name, document_id, access_token=None):
        """Odoo's check, with the record rules of e-Cabinet's records applied in
        the database.

        Odoo checks one record by evaluating the rules' domain in Python on the
        record: for a session or a ballot, whose rules go through its attendees
        or voters, that reads every attendee and partner of the session (200
        members: 400 records and their fields, on each page and each vote). A
        search on the id applies the same rules as one SQL query. When the search
        finds nothing, Odoo's own check runs and raises its error (no record, no
        access, or a valid access token)."""
        if model_name.startswith("ecabinet.") and not access_token:
            Model = request.env[model_name]
            if Model.with_context(active_test=False).search_count(
                [("id", "=", int(document_id))], limit=1
            ):
                return Model.browse(document_id).with_user(SUPERUSER_ID)
        return super()._document_check_access(model_name, document_id, access_token)

    def _ecabinet_partner_names(self, partners):
        """Names of partners that portal users may not read themselves; a person
        first, their agency after ("Name (Agency)")."""
        partners = partners.sudo().with_context(ecabinet_person_first=True)
        return {partner.id: partner.display_name for partner in partners}

    def _ecabinet_two_part_page(self, model, parts, url, page, step, url_args=None):
        """One page of a portal list shown in two parts, each in its own order
        (upcoming sessions then past ones, open ballots then the others).

        ``parts``: two ``(domain, order)``, or ``None`` for a part the list's filter
        leaves out. Returns ``(records, pager, first_count)``: the page's records, the
        portal pager, and how many records the first part has in all (the first
        ``first_count - pager["offset"]`` records of the page belong to it)."""
        Model = request.env[model]
        counts = [Model.search_count(part[0]) if part else 0 for part in parts]
        pager = portal_pager(
            url=url, url_args=url_args, total=sum(counts), page=page, step=step
        )
        offset = pager["offset"]
        records = Model.browse()
        (first, then), first_count = parts, counts[0]
        if offset < first_count:
            records = Model.search(first[0], order=first[1], offset=offset, limit=step)
        if len(records) < step and counts[1]:
            records |= Model.search(
                then[0],
                order=then[1],
                offset=max(offset - first_count, 0),
                limit=step - len(records),
            )
        return records, pager, first_count

    def _ecabinet_render_page(
        self, template, page_values, error=None, post=None, **extra
    ):
        """Render a record's portal page: the portal layout, ``page_values``,
        and the error and typed values of a failed form (see
        :meth:`_ecabinet_page_post`)."""
        values = self._prepare_portal_layout_values()
        values.update(page_values)
        values.update({"error": error, "post": post or {}}, **extra)
        return request.render(template, values)

    def _ecabinet_page_post(self, model, res_id, url, render, action, post, anchor=""):
        """Run ``action()`` for the portal page of ``model``/``res_id``.

        The record is checked as the user first (no access: back to /my). The
        models' errors roll the action back and are shown on the page by
        ``render(res_id, error=, post=, error_anchor=)``, with what was typed;
        otherwise redirect to ``url``, with ``?message=`` what the action returned.
        """
        try:
            self._document_check_access(model, res_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            with request.env.cr.savepoint():
                message = action()
        except MODEL_ERRORS as error:
            return render(res_id, error=error.args[0], post=post, error_anchor=anchor)
        if message:
            url += f"?message={message}"
        return request.redirect(url + (f"#{anchor}" if anchor else ""))

    # Agencies' submission forms -----------------------------------------------------

    def _ecabinet_form_files(self, name, model):
        """The files sent in the form's input ``name`` as ``(filename, content)``
        pairs, empty inputs left out. Each is checked as a file entering
        e-Cabinet on ``model`` would be (size, a PDF readable and without
        scripts) before anything is saved: a refused file stops the submission
        with the model's error, shown on the form."""
        env = request.env
        check = env["ecabinet.confidential.mixin"]._check_file_content
        pdf_checks = getattr(env[model], "_ecabinet_check_pdf_files", True)
        files = []
        for upload in request.httprequest.files.getlist(name):
            content = upload.read()
            if not content:
                continue
            filename = upload.filename or name
            mimetype = env["ir.attachment"]._compute_mimetype(
                {"name": filename, "raw": content}
            )
            check(content, filename, mimetype, pdf_checks=pdf_checks)
            files.append((filename, content))
        return files

    def _ecabinet_form_level(self, post, levels=None):
        """The confidentiality level chosen in the form, one of ``levels`` (by
        default all of them)."""
        level = post.get("confidentiality") or "normal"
        if level not in dict(levels or CONFIDENTIALITY_LEVELS):
            raise UserError(request.env._("Unknown confidentiality level."))
        return level

    def _ecabinet_submission_page(self, template, values, post, submit, done_url):
        """An agency's submission form (a ``template`` that calls
        ``ecabinet_base.portal_ecabinet_submission_form``): shown on GET; on POST
        ``submit()`` runs as the user in a savepoint. The models' errors roll all
        of it back and are shown on the form with what was typed; otherwise the
        person goes to ``done_url(result)``."""
        env = request.env
        levels = env["ecabinet.confidential.mixin"]._fields["confidentiality"]
        page = self._prepare_portal_layout_values()
        page.update(
            {
                "post": post,
                "error": False,
                "level_labels": dict(levels._description_selection(env)),
                **values,
            }
        )
        if request.httprequest.method == "POST":
            try:
                with env.cr.savepoint():
                    result = submit()
            except MODEL_ERRORS as error:
                page["error"] = error.args[0]
            else:
                return request.redirect(done_url(result))
        return request.render(template, page)

    # Portal home ------------------------------------------------------------------

    def _ecabinet_home_values(self):
        """What the e-Cabinet cards on top of the portal home show (the next
        session, the ballots and the tasks waiting for the person): each addon
        adds its own, read as the user. The tiles below keep Odoo's counters,
        fetched by ``/my/counters``."""
        return {"ecabinet_home": True}

    @http.route()
    def home(self, **kw):
        response = super().home(**kw)
        if getattr(response, "qcontext", None) is not None:
            response.qcontext.update(self._ecabinet_home_values())
        return response

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "ecabinet_document_count" in counters:
            Document = request.env["ecabinet.document"]
            values["ecabinet_document_count"] = (
                Document.search_count([]) if Document.has_access("read") else 0
            )
        return values

    def _ecabinet_open_committees(self):
        # Agencies submit to a committee of their company even when they do not
        # sit on it: only the names are shown.
        return (
            request.env["ecabinet.committee"]
            .sudo()
            .search([("company_id", "in", request.env.user.company_ids.ids)])
        )

    @http.route(
        ["/my/ecabinet/documents", "/my/ecabinet/documents/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_ecabinet_documents(self, page=1, **kw):
        Document = request.env["ecabinet.document"]
        if not Document.has_access("read"):
            return request.redirect("/my")
        total = Document.search_count([])
        pager = portal_pager(
            url="/my/ecabinet/documents",
            total=total,
            page=page,
            step=self._documents_per_page,
        )
        documents = Document.search(
            [], limit=self._documents_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "documents": documents,
                "pager": pager,
                "page_name": "ecabinet_document",
                "can_submit": bool(request.env.user._ecabinet_agency()),
            }
        )
        return request.render("ecabinet_base.portal_my_ecabinet_documents", values)

    @http.route(
        "/my/ecabinet/documents/<int:document_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_ecabinet_document(self, document_id, **kw):
        try:
            document = self._document_check_access("ecabinet.document", document_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"document": document, "page_name": "ecabinet_document"})
        return request.render("ecabinet_base.portal_my_ecabinet_document", values)

    @http.route(
        "/my/ecabinet/documents/new",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_my_ecabinet_document_new(self, **post):
        agency = request.env.user._ecabinet_agency()
        committees = self._ecabinet_open_committees()
        return self._ecabinet_submission_page(
            "ecabinet_base.portal_my_ecabinet_document_new",
            {
                "page_name": "ecabinet_document",
                "agency": agency,
                "committees": committees,
                "levels": CONFIDENTIALITY_LEVELS,
            },
            post,
            lambda: self._ecabinet_create_document(agency, committees, post),
            lambda document: f"/my/ecabinet/documents/{document.id}",
        )

    def _ecabinet_create_document(self, agency, committees, post):
        env = request.env
        if not agency:
            raise UserError(
                env._("Only the officers of a government agency can submit documents.")
            )
        committee = committees.filtered(lambda c: str(c.id) == post.get("committee_id"))
        title = (post.get("name") or "").strip()
        if not committee or not title:
            raise UserError(env._("Choose a committee and give the document a title."))
        level = self._ecabinet_form_level(post)
        vals = {
            "name": title,
            "committee_id": committee.id,
            "agency_id": agency.id,
            "reference": post.get("reference") or False,
            "confidentiality": level,
            "secret_holder_id": agency.id,
            "summary": post.get("summary") or False,
        }
        for filename, content in self._ecabinet_form_files(
            "datas", "ecabinet.document"
        ):
            vals.update({"datas": base64.b64encode(content), "filename": filename})
        return env["ecabinet.document"].create(vals)
