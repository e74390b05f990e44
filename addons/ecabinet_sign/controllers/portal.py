# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request

from odoo.addons.ecabinet_base.controllers.portal import EcabinetPortal
from odoo.addons.ecabinet_opinion.controllers.portal import EcabinetOpinionPortal


class EcabinetSignPortal(EcabinetPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "ecabinet_sign_todo_count" in counters:
            Signer = request.env["ecabinet.sign.signer"]
            values["ecabinet_sign_todo_count"] = (
                Signer.search_count(
                    [
                        ("user_id", "=", request.env.user.id),
                        ("state", "=", "to_sign"),
                        ("request_id.state", "=", "in_progress"),
                    ]
                )
                if Signer.has_access("read")
                else 0
            )
        return values

    @http.route("/my/sign", type="http", auth="user", website=True)
    def portal_my_sign_requests(self, **kw):
        Request = request.env["ecabinet.sign.request"]
        if not Request.has_access("read"):
            return request.redirect("/my")
        requests = Request.search(
            [
                ("signer_ids.user_id", "=", request.env.user.id),
                ("state", "!=", "draft"),
            ]
        )
        my_turn = requests.filtered(
            lambda r: r.current_signer_id.user_id == request.env.user
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "sign_requests": requests,
                "my_turn_ids": set(my_turn.ids),
                "page_name": "ecabinet_sign",
            }
        )
        return request.render("ecabinet_sign.portal_my_sign_requests", values)

    def _sign_page(self, request_id, error=None, post=None, error_anchor=""):
        try:
            sign_request = self._document_check_access(
                "ecabinet.sign.request", request_id
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        signer = sign_request.current_signer_id
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "sign_request": sign_request,
                "my_signer": signer if signer.user_id == request.env.user else None,
                "signers": sign_request.signer_ids.sudo(),
                "error": error,
                "post": post or {},
                "message": request.params.get("message"),
                "page_name": "ecabinet_sign",
            }
        )
        return request.render("ecabinet_sign.portal_my_sign_request", values)

    @http.route("/my/sign/<int:request_id>", type="http", auth="user", website=True)
    def portal_my_sign_request(self, request_id, **kw):
        return self._sign_page(request_id)

    @http.route("/my/sign/<int:request_id>/pdf", type="http", auth="user", website=True)
    def portal_my_sign_request_pdf(self, request_id, **kw):
        try:
            sign_request = self._document_check_access(
                "ecabinet.sign.request", request_id
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        data = sign_request._pdf_bytes()
        if not data:
            return request.not_found()
        return request.make_response(
            data,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", str(len(data))),
                (
                    "Content-Disposition",
                    content_disposition(sign_request.pdf_filename, "inline"),
                ),
            ],
        )

    @http.route(
        "/my/sign/<int:request_id>/sign",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_sign_request_sign(self, request_id, pkcs12=None, **post):
        # The password stays in this request: it is neither stored nor logged.
        password = post.pop("password", "")
        # The password of a PKCS#12 file, or the PIN of a token / CSC credential.
        material = {
            "pkcs12": pkcs12.read() if pkcs12 else b"",
            "password": password,
            "pin": password,
        }

        def action():
            sign_request = request.env["ecabinet.sign.request"].browse(request_id)
            outcome = sign_request._ecabinet_my_signer()._ecabinet_sign(**material)
            if outcome == "pending":
                return request.env._(
                    "Approve the signature on your phone: the document is finished "
                    "as soon as you do."
                )
            return request.env._("Your signature is on the document.")

        return self._ecabinet_page_post(
            "ecabinet.sign.request",
            request_id,
            f"/my/sign/{request_id}",
            self._sign_page,
            action,
            post,
            anchor="sign",
        )

    @http.route(
        "/my/sign/<int:request_id>/refuse",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_sign_request_refuse(self, request_id, reason="", **post):
        def action():
            sign_request = request.env["ecabinet.sign.request"].browse(request_id)
            sign_request._ecabinet_my_signer()._ecabinet_refuse(reason)
            return request.env._("You refused to sign the document.")

        return self._ecabinet_page_post(
            "ecabinet.sign.request",
            request_id,
            f"/my/sign/{request_id}",
            self._sign_page,
            action,
            dict(post, reason=reason),
            anchor="refuse",
        )


class EcabinetSignOpinionPortal(EcabinetOpinionPortal):
    """A vote signed by the members: the answer form sends the member's key
    (a PKCS#12 file and its password, or the PIN of a token or a CSC
    credential) with the choice; the model signs and records them together."""

    def _ecabinet_ballot_values(self, ballot, voter, documents):
        """On a vote signed by the members, per question: the member's answer
        awaiting the approval on the phone (``awaiting_signature``), or the last
        one whose signature was not made (``not_signed``: refused, expired, or
        the vote closed first), unless answered since."""
        values = super()._ecabinet_ballot_values(ballot, voter, documents)
        awaiting, not_signed = {}, {}
        if voter and ballot.sudo().signed_by_members:
            seen = set()
            for answer in (
                request.env["ecabinet.sign.answer"]
                .sudo()
                .search([("voter_id", "=", voter.id)], order="id desc")
            ):
                question = answer.question_id.id
                if question in seen:
                    continue
                seen.add(question)
                response = values["responses"].get(question)
                if answer.state == "pending":
                    awaiting[question] = answer
                elif answer.state != "signed" and (
                    not response or response.write_date <= answer.write_date
                ):
                    not_signed[question] = answer
        values.update({"awaiting_signature": awaiting, "not_signed": not_signed})
        return values

    @http.route(
        "/my/ecabinet/ballots/<int:ballot_id>/withdraw",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_ecabinet_ballot_withdraw(self, ballot_id, **post):
        """Withdraw the member's answer awaiting its signature on the phone;
        the page then says it was not counted and offers the form again."""
        return self._ecabinet_ballot_post(
            ballot_id,
            post,
            lambda ballot, voter: voter.withdraw_awaited_answer(
                self._ecabinet_posted_question(ballot, voter, post)
            ),
        )

    def _ecabinet_answer_ballot(self, ballot, voter, post):
        if not ballot.sudo().signed_by_members:
            return super()._ecabinet_answer_ballot(ballot, voter, post)
        question = self._ecabinet_posted_question(ballot, voter, post)
        upload = post.get("pkcs12_file")
        data = upload.read() if hasattr(upload, "read") else b""
        voter.answer_signed(
            question,
            post.get("choice"),
            (post.get("comment") or "").strip(),
            key_backend=post.get("key_backend") or "pkcs12",
            pkcs12=base64.b64encode(data).decode() if data else None,
            password=post.get("password") or "",
        )
