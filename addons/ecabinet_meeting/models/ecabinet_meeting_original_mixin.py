# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError

SECRETARIAT = "ecabinet_base.group_secretariat"


class EcabinetMeetingOriginalMixin(models.AbstractModel):
    """The stored file (``datas``) of an internal document, as it was uploaded,
    is read by the secretariat only: everyone else receives a copy with their
    name on it (``ecabinet.meeting.document._ecabinet_file_for``). Refused
    whatever asks for it: RPC's ``read`` and ``search_read``, ``/web/content``
    and ``/web/image``, code running as the user; its size (context
    ``bin_size``) stays readable.
    The attachments holding these files are withheld the same way
    (``ir.attachment``)."""

    _name = "ecabinet.meeting.original.mixin"
    _description = "Original File of an Internal Document"

    @api.model
    def _ecabinet_reads_originals(self):
        """Whether the current user may read the stored originals."""
        return self.env.su or self.env.user.has_group(SECRETARIAT)

    def _ecabinet_internal_documents(self):
        """The internal documents (``ecabinet.meeting.document``) whose file
        ``self`` holds."""
        raise NotImplementedError()

    def _ecabinet_check_original_access(self, field_names):
        if (
            not self
            or "datas" not in (field_names or ())
            or self.env.context.get("bin_size")
            or self._ecabinet_reads_originals()
        ):
            return
        if self._ecabinet_internal_documents():
            raise self._ecabinet_original_refusal()

    @api.model
    def _ecabinet_original_refusal(self):
        return AccessError(
            self.env._(
                "The file of an internal document is only sent with your name "
                "on it: open, download or print it from the session's pack."
            )
        )

    # Where the ORM hands a field's value out: read, search_read and web_read
    # format it (_read_format), code running as the user fetches it
    # (_fetch_field); /web/content and /web/image stream it (ir.binary).

    def _read_format(self, fnames, load="_classic_read"):
        self._ecabinet_check_original_access(fnames)
        return super()._read_format(fnames, load=load)

    def _fetch_field(self, field):
        self._ecabinet_check_original_access([field.name])
        return super()._fetch_field(field)
