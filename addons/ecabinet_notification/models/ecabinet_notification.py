# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import threading
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.ecabinet_base.tools.api import public_method, record_reference
from odoo.addons.ecabinet_base.tools.lang import in_ecabinet_lang

_logger = logging.getLogger(__name__)

# A notification left "sending" longer than this was interrupted (worker killed).
STALE_SENDING = timedelta(minutes=15)


class EcabinetNotification(models.Model):
    """The outbox: every e-Cabinet message to one recipient on one channel.

    ``dispatch`` queues them; the cron sends them in batches. Email is built in;
    a channel addon adds its code to ``channel`` (``selection_add``), a method
    ``_send_<channel>`` here, ``_ecabinet_address_<channel>`` on ``res.partner``
    and ``channel_<channel>`` on ``ecabinet.notification.preference``, and may
    extend ``_push_channels``. ``_send_<channel>`` receives a recordset and
    calls, for each record, one of
    ``_mark_sent``, ``_mark_retry`` (temporary failure: retried with exponential
    backoff until the maximum number of attempts) or ``_mark_failed`` (permanent).
    The idempotency key (record, event, recipient, channel and an optional suffix) is
    unique, so the same message is never queued, hence never sent, twice.
    """

    _name = "ecabinet.notification"
    _description = "e-Cabinet Notification"
    _inherit = ["ecabinet.state.lock.mixin"]
    _order = "id desc"
    _rec_name = "subject"
    # The outbox is written by the dispatch and the senders only: nothing is
    # typed by hand, in any state. Delivered, failed and cancelled messages may
    # be purged; queued and sending ones may not (they would be lost).
    _state_lock_unlink = {"sent": ("*",), "failed": ("*",), "cancelled": ("*",)}

    partner_id = fields.Many2one(
        "res.partner", string="Recipient", required=True, index=True, readonly=True
    )
    channel = fields.Selection([("email", "Email")], required=True, readonly=True)
    event_id = fields.Many2one(
        "ecabinet.notification.event", required=True, readonly=True, index=True
    )
    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", required=True, readonly=True
    )
    record_ref = fields.Reference(
        selection="_selection_record_ref",
        compute="_compute_record_ref",
        string="Record",
    )
    address = fields.Char(
        readonly=True, help="Where the message was sent (email address, number...)."
    )
    subject = fields.Char(readonly=True)
    body = fields.Text(
        readonly=True, help="Short text, for the channels other than email."
    )
    body_html = fields.Html(
        string="Email Body", readonly=True, sanitize=False, help="Rendered email."
    )
    buttons = fields.Json(
        readonly=True,
        help="Answers offered as buttons by the channels that can (Telegram): "
        "[[action, label]].",
    )
    urgent = fields.Boolean(readonly=True)
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("sending", "Sending"),
            ("sent", "Sent"),
            ("failed", "Failed"),
            ("cancelled", "Cancelled"),
        ],
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    attempts = fields.Integer(readonly=True)
    next_attempt = fields.Datetime(
        default=fields.Datetime.now, readonly=True, index=True
    )
    sent_date = fields.Datetime(readonly=True)
    last_error = fields.Text(readonly=True)
    provider_message_id = fields.Char(readonly=True, copy=False)
    idempotency_key = fields.Char(required=True, readonly=True, copy=False)
    attachment_ids = fields.Many2many(
        "ir.attachment", string="Attachments", readonly=True, help="Sent by email."
    )
    mail_id = fields.Many2one("mail.mail", string="Email", readonly=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, readonly=True
    )

    _sql_constraints = [
        (
            "idempotency_key_uniq",
            "unique(idempotency_key)",
            "This message was already queued.",
        ),
    ]

    @api.model
    def _selection_record_ref(self):
        # Every reader of the outbox needs the list of models to show "Record";
        # ir.model is readable by administrators only, and model names are no secret.
        models_ = self.env["ir.model"].sudo().search_fetch([], ["model", "name"])
        return [(model.model, model.name) for model in models_]

    @api.depends("res_model", "res_id")
    def _compute_record_ref(self):
        for notification in self:
            if notification.res_model in self.env:
                notification.record_ref = (
                    f"{notification.res_model},{notification.res_id}"
                )
            else:
                notification.record_ref = False

    # Dispatch -------------------------------------------------------------------

    @public_method(
        records=record_reference,
        event="ecabinet.notification.event",
        recipients="res.partner",
        attachments="ir.attachment",
    )
    @api.model
    def dispatch(
        self,
        records,
        event,
        recipients,
        urgent=None,
        key=None,
        buttons=None,
        attachments=None,
    ):
        """Queue ``event`` about each of ``records`` for each recipient.

        :param records: the records the message is about (any model)
        :param event: an ``ecabinet.notification.event`` or its XML id
        :param recipients: ``res.partner`` recordset, or a function giving the
            partners of one record
        :param urgent: deliver during quiet hours (default: the event's setting)
        :param key: suffix of the idempotency key, for a message of the same event
            sent again on purpose (a second reminder, say), or a function giving
            it for one record (a deadline that moved, say)
        :param buttons: ``[(action, label)]`` offered as buttons by the channels
            that can (Telegram); the record's ``_ecabinet_notification_action``
            handles the answer
        :param attachments: ``ir.attachment`` recordset, or a function giving those
            of one record, attached to the emails
        :return: the notifications queued now (those already queued are skipped)

        Code calls it with sudo (``ecabinet.notification.mixin._ecabinet_notify``
        does); over RPC only the secretariat may, so that nobody else can make the
        system write to anyone.
        """
        if not self.env.su and not self.env.user.has_group(
            "ecabinet_base.group_secretariat"
        ):
            raise AccessError(self.env._("Only the secretariat sends notifications."))
        if isinstance(event, str):
            event = self.env.ref(event)
        urgent = event.urgent if urgent is None else urgent
        plan = []  # (record, partner, channel)
        for record in records:
            partners = recipients(record) if callable(recipients) else recipients
            for partner in partners:
                plan += [
                    (record, partner, channel)
                    for channel in partner._ecabinet_channels_for(event)
                ]
        keys = {
            self._idempotency_key(
                record, event, partner, channel, key(record) if callable(key) else key
            ): (
                record,
                partner,
                channel,
            )
            for record, partner, channel in plan
        }
        existing = set(
            self.sudo()
            .search([("idempotency_key", "in", list(keys))])
            .mapped("idempotency_key")
        )
        todo = {k: v for k, v in keys.items() if k not in existing}
        if not todo:
            return self.browse()
        langs = {code for code, _name in self.env["res.lang"].get_installed()}

        def lang_of(partner):
            return partner.lang if partner.lang in langs else "en_US"

        rendered = self._render_event(event, todo.values(), lang_of)
        push_channels = self._push_channels()
        now = fields.Datetime.now()
        vals_list = []
        for idem_key, (record, partner, channel) in todo.items():
            address, problem = partner._ecabinet_address(channel)
            content = rendered[(record.id, lang_of(partner))]
            vals = {
                "partner_id": partner.id,
                "channel": channel,
                "event_id": event.id,
                "res_model": record._name,
                "res_id": record.id,
                "address": address,
                "subject": content["subject"],
                "body": content["body"],
                "body_html": content["body_html"] if channel == "email" else False,
                "buttons": [list(b) for b in buttons] if buttons else False,
                "urgent": urgent,
                "idempotency_key": idem_key,
                "company_id": record.company_id.id
                if "company_id" in record._fields and record.company_id
                else self.env.company.id,
                "next_attempt": now
                if urgent or channel not in push_channels
                else partner._ecabinet_after_quiet_hours(now),
            }
            if problem:
                vals.update(state="failed", last_error=problem)
            files = attachments(record) if callable(attachments) else attachments
            if files and channel == "email":
                vals["attachment_ids"] = [fields.Command.set(files.ids)]
            vals_list.append(vals)
        Notification = self.sudo()
        with Notification._ecabinet_unlocked():
            notifications = Notification.create(vals_list)
        notifications.filtered(
            lambda n: n.state == "failed"
        ).partner_id._ecabinet_report_unreachable()
        notifications._trigger_send()
        return notifications

    @api.model
    def _channel_codes(self):
        """Codes of the installed channels, email first."""
        return [code for code, _label in self._fields["channel"].selection]

    @api.model
    def _push_channels(self):
        """Channels that wake people up: held back during quiet hours unless
        urgent. Channel addons add theirs."""
        return set()

    @api.model
    def _idempotency_key(self, record, event, partner, channel, key=None):
        parts = [event.code, record._name, str(record.id), str(partner.id), channel]
        if key:
            parts.append(str(key))
        return ":".join(parts)

    @api.model
    def _render_event(self, event, plan, lang_of):
        """Render subject, email body and text once per record and language."""
        by_lang = {}
        for record, partner, _channel in plan:
            by_lang.setdefault(lang_of(partner), set()).add(record.id)
        rendered = {}
        for lang, res_ids in by_lang.items():
            ids = sorted(res_ids)
            mail_tpl = event.mail_template_id.with_context(lang=lang)
            sms_tpl = event.sms_template_id.with_context(lang=lang)
            subjects = mail_tpl._render_field("subject", ids)
            bodies_html = mail_tpl._render_field("body_html", ids)
            texts = sms_tpl._render_field("body", ids)
            for res_id in ids:
                rendered[(res_id, lang)] = {
                    "subject": subjects[res_id],
                    "body_html": bodies_html[res_id],
                    "body": texts[res_id],
                }
        return rendered

    def _trigger_send(self):
        queued = self.filtered(lambda n: n.state == "queued")
        if not queued:
            return
        # One wake-up at the earliest: each run re-triggers for the next due one.
        self.env.ref("ecabinet_notification.ir_cron_send_notifications")._trigger(
            at=min(queued.mapped("next_attempt"))
        )

    # Sending --------------------------------------------------------------------

    @api.model
    def _auto_commit(self):
        return not getattr(threading.current_thread(), "testing", False)

    @api.model
    @in_ecabinet_lang
    def _cron_send(self):
        """Send what is due, a batch at a time; re-trigger while work remains."""
        self._recover_interrupted()
        company = self.env.company
        batch_size = company.ecabinet_notification_batch_size or 100
        due = self._lock_due(batch_size)
        due._send()
        remaining = self.sudo().search_count(
            [("state", "=", "queued"), ("next_attempt", "<=", fields.Datetime.now())]
        )
        self.env["ir.cron"]._notify_progress(done=len(due), remaining=remaining)
        later = self.sudo().search(
            [("state", "=", "queued")], order="next_attempt", limit=1
        )
        if later and not remaining:
            later._trigger_send()

    @api.model
    def _lock_due(self, limit):
        """Due notifications, locked so that no other worker sends them too."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT id FROM ecabinet_notification
             WHERE state = 'queued' AND next_attempt <= %s
             ORDER BY next_attempt, id
             LIMIT %s
               FOR UPDATE SKIP LOCKED
            """,
            [fields.Datetime.now(), limit],
        )
        return self.sudo().browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _recover_interrupted(self):
        stale = self.sudo().search(
            [
                ("state", "=", "sending"),
                ("write_date", "<", fields.Datetime.now() - STALE_SENDING),
            ]
        )
        for notification in stale:
            notification._mark_failed(
                self.env._(
                    "Interrupted while sending: delivery is unknown. Check with the "
                    "recipient before retrying."
                )
            )

    def _send(self):
        """Send these notifications now, channel by channel."""
        self = self.sudo().filtered(lambda n: n.state == "queued")
        if not self:
            return
        self._ecabinet_transition({"state": "sending"})
        self._commit()
        for channel, notifications in self.grouped("channel").items():
            try:
                # the channel writes its results (email, address, provider ids)
                with self._ecabinet_unlocked():
                    getattr(notifications, f"_send_{channel}")()
            except Exception as error:  # a channel must never lose a message
                _logger.exception("Channel %s failed", channel)
                for notification in notifications.filtered(
                    lambda n: n.state == "sending"
                ):
                    notification._mark_retry(str(error))
            for notification in notifications.filtered(lambda n: n.state == "sending"):
                notification._mark_retry(self.env._("The channel gave no result."))
            self._commit()
        self._trigger_send()  # the retries, once for the batch

    def _commit(self):
        if self._auto_commit():
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _mark_sent(self, provider_message_id=False):
        self.ensure_one()
        self._ecabinet_transition(
            {
                "state": "sent",
                "attempts": self.attempts + 1,
                "sent_date": fields.Datetime.now(),
                "provider_message_id": provider_message_id or False,
                "last_error": False,
            }
        )
        if self.partner_id.ecabinet_channel_issue:
            self.partner_id._ecabinet_report_unreachable()

    def _mark_retry(self, reason):
        """Temporary failure: try again later, or fail after the last attempt."""
        self.ensure_one()
        company = self.company_id or self.env.company
        attempts = self.attempts + 1
        if attempts >= (company.ecabinet_notification_max_attempts or 5):
            return self._fail(reason, attempts)
        delay = (company.ecabinet_notification_retry_minutes or 5) * 2 ** (attempts - 1)
        self._ecabinet_transition(
            {
                "state": "queued",
                "attempts": attempts,
                "last_error": reason,
                "next_attempt": fields.Datetime.now() + timedelta(minutes=delay),
            }
        )

    def _mark_failed(self, reason):
        """Permanent failure: kept for the secretariat to see and retry."""
        self.ensure_one()
        self._fail(reason, self.attempts + 1)

    def _fail(self, reason, attempts):
        self._ecabinet_transition(
            {"state": "failed", "attempts": attempts, "last_error": reason}
        )
        self.partner_id._ecabinet_report_unreachable()

    # Email channel ----------------------------------------------------------------

    def _send_email(self):
        Mail = self.env["mail.mail"].sudo()
        retried = self.filtered("mail_id")
        retried.mail_id.write({"state": "outgoing", "failure_reason": False})
        new = self - retried
        for notification, mail in zip(
            new, Mail.create([n._email_values() for n in new]), strict=True
        ):
            notification.mail_id = mail
        mails = self.mail_id
        mails.send(raise_exception=False)
        for notification in self:
            mail = notification.mail_id
            if mail.state == "sent":
                notification._mark_sent(mail.message_id)
            elif mail.failure_type in ("mail_email_invalid", "mail_email_missing"):
                notification._mark_failed(mail.failure_reason or mail.failure_type)
            else:
                notification._mark_retry(
                    mail.failure_reason or self.env._("The mail server refused it.")
                )

    def _email_values(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        return {
            "subject": self.subject,
            "body_html": self.body_html,
            "email_from": company.email_formatted or self.env.user.email_formatted,
            "recipient_ids": [fields.Command.link(self.partner_id.id)],
            "model": self.res_model,
            "res_id": self.res_id,
            "auto_delete": False,
            "message_type": "email_outgoing",
            "attachment_ids": [fields.Command.set(self.attachment_ids.ids)],
        }

    # Secretariat's actions --------------------------------------------------------

    @public_method
    def action_retry(self):
        self.check_access("write")
        retryable = self.filtered(lambda n: n.state in ("failed", "cancelled"))
        if not retryable:
            raise UserError(
                self.env._("Only failed or cancelled messages can be retried.")
            )
        retryable._ecabinet_transition(
            {"state": "queued", "attempts": 0, "next_attempt": fields.Datetime.now()}
        )
        retryable._trigger_send()

    @public_method
    def action_cancel(self):
        self.check_access("write")
        if self.filtered(lambda n: n.state in ("sent", "sending")):
            raise UserError(self.env._("A message already sent cannot be cancelled."))
        self._ecabinet_transition({"state": "cancelled"})

    @public_method
    def action_send_now(self):
        self.check_access("write")
        queued = self.filtered(lambda n: n.state == "queued")
        queued._ecabinet_transition({"next_attempt": fields.Datetime.now()})
        queued._send()

    @api.model
    def _action_view(self, notifications, name):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecabinet_notification.ecabinet_notification_action"
        )
        action.update(name=name, domain=[("id", "in", notifications.ids)], context={})
        return action
