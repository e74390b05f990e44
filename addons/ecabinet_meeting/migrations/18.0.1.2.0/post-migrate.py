# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The plain-text private notes (``ecabinet.meeting.note``) become notes pinned on
their page (``ecabinet.meeting.annotation``), private to their author as before.

Each keeps its author, document, text and dates; its page, 0 when the member
gave none, is kept in the data (``note_page``) and the pin goes on that page of
the current version (the first one without a page, the last one past the end),
in the right margin, one below the other. ``client_uid`` names the note it
comes from (``ecabinet.meeting.note:<id>``): running the script again adds
nothing. Odoo drops the old table after the upgrade (its model is gone).
"""

NOTE_UID = "ecabinet.meeting.note:"


def migrate(cr, version):
    cr.execute("SELECT to_regclass('ecabinet_meeting_note') IS NOT NULL")
    if not cr.fetchone()[0]:
        return
    cr.execute(
        """
        INSERT INTO ecabinet_meeting_annotation
               (document_id, meeting_id, user_id, version, page, kind, data, text,
                share, client_uid, create_uid, create_date, write_uid, write_date)
        SELECT n.document_id, d.meeting_id, n.user_id, d.version,
               LEAST(GREATEST(n.page, 1), GREATEST(d.page_count, 1)), 'note',
               jsonb_build_object(
                   'x', 0.95,
                   'y', 0.05 + 0.05 * ((row_number() OVER (
                            PARTITION BY n.document_id, n.user_id,
                                         LEAST(GREATEST(n.page, 1),
                                               GREATEST(d.page_count, 1))
                            ORDER BY n.id) - 1) %% 18),
                   'note_page', n.page
               ),
               n.body, 'private', %(uid)s || n.id, n.create_uid, n.create_date,
               n.write_uid, n.write_date
          FROM ecabinet_meeting_note n
          JOIN ecabinet_meeting_document d ON d.id = n.document_id
         WHERE NOT EXISTS (
                   SELECT 1 FROM ecabinet_meeting_annotation a
                    WHERE a.user_id = n.user_id AND a.client_uid = %(uid)s || n.id
               )
        """,
        {"uid": NOTE_UID},
    )
