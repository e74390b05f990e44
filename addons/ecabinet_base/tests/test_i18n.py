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
