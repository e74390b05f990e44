# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader


@tagged("post_install", "-at_install")
class TestVietnameseTranslations(TransactionCase):
    def test_every_user_facing_string_is_translated_in_vi_po(self):
        """Every term Odoo would export for an e-Cabinet addon has a Vietnamese
        translation in its i18n/vi.po (code strings, views, fields, selections)."""
        modules = self.env["ir.module.module"].search(
            [("name", "=like", "ecabinet%"), ("state", "=", "installed")]
        )
        self.assertIn("ecabinet_base", modules.mapped("name"))
        for module in modules.mapped("name"):
            po_path = f"{get_module_path(module)}/i18n/vi.po"
            translated = {
                entry.msgid
                for entry in polib.pofile(po_path)
                if entry.msgstr and "fuzzy" not in entry.flags
            }
            reader = TranslationModuleReader(self.env.cr, modules=[module])
            missing = sorted(
                {source for _m, _t, _n, _r, source, _v, _c in reader} - translated
            )
            self.assertFalse(
                missing, f"{module}/i18n/vi.po lacks translations for: {missing}"
            )

    def test_selections_are_translated_by_the_addon_that_creates_them(self):
        """A selection value of an e-Cabinet model gets its Vietnamese label from
        the vi.po loaded when the value is created: the addon that installs the
        model, or a later addon that adds the value. Values a model inherits from
        an earlier addon (the confidentiality mixin, Odoo's activity states) carry
        that addon's XML id but are created with the model, after that addon's
        vi.po was loaded: the model's addon must translate them."""
        self.env.cr.execute(
            """
            WITH model_module AS (
                SELECT DISTINCT ON (res_id) res_id, module
                  FROM ir_model_data WHERE model = 'ir.model' ORDER BY res_id, id
            )
            SELECT d.module, d.module || '.' || d.name, mm.module
              FROM ir_model_data d
              JOIN ir_model_fields_selection s ON s.id = d.res_id
              JOIN ir_model_fields f ON f.id = s.field_id
              JOIN ir_model m ON m.model = f.model
              JOIN model_module mm ON mm.res_id = m.id
             WHERE d.model = 'ir.model.fields.selection'
               AND f.model LIKE 'ecabinet.%%' AND mm.module LIKE 'ecabinet%%'
            """
        )
        rows = self.env.cr.fetchall()
        self.assertTrue(rows)
        Module = self.env["ir.module.module"]
        before = {}  # addon -> the addons installed before it

        def creator(value_module, model_module):
            if model_module not in before:
                module = Module.search([("name", "=", model_module)])
                before[model_module] = set(
                    module.upstream_dependencies(
                        exclude_states=("uninstallable",)
                    ).mapped("name")
                )
            if value_module == model_module or value_module in before[model_module]:
                return model_module
            return value_module

        translated = {}  # addon -> occurrences with a Vietnamese label

        def occurrences(module):
            if module not in translated:
                translated[module] = {
                    occurrence
                    for entry in polib.pofile(f"{get_module_path(module)}/i18n/vi.po")
                    if entry.msgstr and "fuzzy" not in entry.flags
                    for occurrence, _line in entry.occurrences
                }
            return translated[module]

        missing = sorted(
            f"{xmlid} (in {module}/i18n/vi.po)"
            for value_module, xmlid, model_module in rows
            for module in [creator(value_module, model_module)]
            if f"model:ir.model.fields.selection,name:{xmlid}"
            not in occurrences(module)
        )
        self.assertFalse(
            missing, "untranslated selection values: " + ", ".join(missing)
        )
