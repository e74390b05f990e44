# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an agency's database holds of e-Cabinet, read with plain SQL so that the
same code reads a database of any release.

A snapshot maps a *place* to its values:

- ``("table", "column")`` -> ``{id: text}`` for every column of every table named
  ``ecabinet_*`` and every column that an e-Cabinet addon adds to another table
  (``res_partner.ecabinet_*``, ...), binary values by their md5;
- ``("rows", "table")`` -> a sorted list of rows for tables without ``id`` (the
  many2many tables ``ecabinet_*_rel``);
- the records e-Cabinet's records own elsewhere: their chatter (``mail_message``,
  ``mail_tracking_value``, ``mail_followers``), their attachments, the members of
  e-Cabinet's groups, e-Cabinet's sequences and settings (``ir_config_parameter``).
"""

import hashlib

from psycopg2 import sql

# Columns that an upgrade may rightly rewrite: who and when last wrote the row.
VOLATILE = {"write_date", "write_uid"}


def _md5(value):
    return hashlib.md5(bytes(value)).hexdigest()  # noqa: S324 - a fingerprint


def _columns(cr, table):
    cr.execute(
        """SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = %s""",
        [table],
    )
    return dict(cr.fetchall())


def _select_values(cr, table, column, data_type):
    if data_type == "bytea":
        cr.execute(
            sql.SQL("SELECT id, {} FROM {}").format(
                sql.Identifier(column), sql.Identifier(table)
            )
        )
        return {rid: (_md5(v) if v is not None else None) for rid, v in cr.fetchall()}
    cr.execute(
        sql.SQL("SELECT id, {}::text FROM {}").format(
            sql.Identifier(column), sql.Identifier(table)
        )
    )
    return dict(cr.fetchall())


def ecabinet_tables(cr):
    cr.execute(
        """SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
              AND table_name LIKE 'ecabinet\\_%'
         ORDER BY table_name"""
    )
    return [name for (name,) in cr.fetchall()]


def foreign_columns(cr):
    """Stored fields that e-Cabinet's addons add to other models' tables:
    ``{table: {column, ...}}``."""
    cr.execute(
        """SELECT DISTINCT f.model, f.name
             FROM ir_model_fields f
             JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
            WHERE d.module LIKE 'ecabinet\\_%' AND f.store
              AND f.model NOT LIKE 'ecabinet.%'
              AND f.ttype NOT IN ('one2many', 'many2many')"""
    )
    places = {}
    for model, name in cr.fetchall():
        places.setdefault(model.replace(".", "_"), set()).add(name)
    return places


def take(cr):
    """The snapshot of the database behind ``cr`` (see the module's docstring)."""
    snap = {}
    for table in ecabinet_tables(cr):
        columns = _columns(cr, table)
        if "id" not in columns:
            cr.execute(
                sql.SQL("SELECT {} FROM {}").format(
                    sql.SQL(", ").join(
                        sql.SQL("{}::text").format(sql.Identifier(name))
                        for name in sorted(columns)
                    ),
                    sql.Identifier(table),
                )
            )
            snap[("rows", table)] = sorted(cr.fetchall(), key=repr)
            continue
        for column, data_type in columns.items():
            if column not in VOLATILE:
                snap[(table, column)] = _select_values(cr, table, column, data_type)
    for table, names in foreign_columns(cr).items():
        columns = _columns(cr, table)
        for column in sorted(names & set(columns)):
            snap[(table, column)] = _select_values(cr, table, column, columns[column])
    _owned_elsewhere(cr, snap)
    return snap


def _owned_elsewhere(cr, snap):
    queries = {
        "chatter": """SELECT id, model, res_id, message_type, subtype_id, author_id,
                             md5(coalesce(body::text, '')), date, subject
                        FROM mail_message WHERE model LIKE 'ecabinet.%'""",
        "tracking": """SELECT t.id, t.mail_message_id, t.field_id,
                              t.old_value_char, t.new_value_char,
                              t.old_value_integer, t.new_value_integer,
                              t.old_value_datetime, t.new_value_datetime
                         FROM mail_tracking_value t
                         JOIN mail_message m ON m.id = t.mail_message_id
                        WHERE m.model LIKE 'ecabinet.%'""",
        "followers": """SELECT id, res_model, res_id, partner_id
                          FROM mail_followers WHERE res_model LIKE 'ecabinet.%'""",
        "attachments": """SELECT id, res_model, res_id, res_field, name, checksum,
                                 file_size, mimetype
                            FROM ir_attachment WHERE res_model LIKE 'ecabinet.%'""",
        "group members": """SELECT DISTINCT r.gid || ':' || r.uid, r.uid
                              FROM res_groups_users_rel r
                              JOIN ir_model_data d
                                ON d.model = 'res.groups' AND d.res_id = r.gid
                             WHERE d.module LIKE 'ecabinet\\_%'""",
        "sequences": """SELECT id, code, prefix, padding, number_next, implementation
                          FROM ir_sequence WHERE code LIKE 'ecabinet%'""",
        "settings": """SELECT key, value FROM ir_config_parameter
                        WHERE key LIKE 'ecabinet%'""",
    }
    for name, query in queries.items():
        cr.execute(query)
        snap[("elsewhere", name)] = {
            row[0]: row[1:] if len(row) > 2 else row[1] for row in cr.fetchall()
        }
    # A sequence's next number lives in PostgreSQL's own sequence
    # (implementation 'standard'): the next document number must not restart.
    cr.execute(
        """SELECT id FROM ir_sequence
            WHERE code LIKE 'ecabinet%' AND implementation = 'standard'"""
    )
    nexts = {}
    for (seq_id,) in cr.fetchall():
        cr.execute(
            "SELECT last_value, is_called FROM pg_sequences WHERE sequencename = %s",
            [f"ir_sequence_{seq_id:03d}"],
        )
        nexts[seq_id] = cr.fetchone()
    snap[("elsewhere", "sequence numbers")] = nexts


def compare(before, after, moved, limit=5):
    """The differences between two snapshots, as sentences.

    ``moved`` maps a place of ``before`` that this release keeps elsewhere to the
    values the upgraded database holds for it there, in the same form as
    ``before``'s (e.g. ``{company_id: token}`` read from the configuration model
    that replaced a company field). ``after`` must hold every other place with the
    same values (new places are welcome)."""
    problems = []
    for place, old in sorted(before.items(), key=lambda item: repr(item[0])):
        if place in moved:
            new = moved[place]
        elif place in after:
            new = after[place]
        else:
            if old:
                problems.append(f"{'.'.join(place)}: gone ({len(old)} values)")
            continue
        if isinstance(old, list):
            if old != new:
                gone = [row for row in old if row not in new][:limit]
                problems.append(
                    f"{'.'.join(place)}: {len(old)} rows before, {len(new)} after"
                    f" or other rows (first lost: {gone})"
                )
            continue
        lost = sorted(set(old) - set(new))
        changed = sorted(k for k in set(old) & set(new) if old[k] != new[k])
        if lost:
            problems.append(
                f"{'.'.join(map(str, place))}: {len(lost)} of {len(old)} records lost"
                f" (ids {lost[:limit]})"
            )
        if changed:
            sample = [(k, old[k], new[k]) for k in changed[:limit]]
            problems.append(
                f"{'.'.join(map(str, place))}: {len(changed)} values changed"
                f" (id, before, after: {sample})"
            )
    return problems
