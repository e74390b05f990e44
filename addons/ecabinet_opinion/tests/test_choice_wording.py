# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One idea, one word: the third choice of a ballot or a vote is "Other opinion"
("Ý kiến khác", the legal term) on every screen, sheet and message. Its wording
lives in ``CHOICES``; the other screens take it from there. These tests fail when
another wording ("Abstain", "Không biểu quyết") comes back in a source file or a
translation of any e-Cabinet addon."""

import re
from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged

from odoo.addons.ecabinet_opinion.models.ecabinet_ballot import CHOICES

ADDONS = Path(__file__).resolve().parents[2]
LEGAL_TERM = "Ý kiến khác"
# "Không tham gia biểu quyết" (did not vote) is another idea: a member without a
# choice, not a choice.
OTHER_WORDING_VI = re.compile(r"(?<!tham gia )không biểu quyết", re.IGNORECASE)
OTHER_WORDING_EN = re.compile(r"\bAbstain(ed|s|ing)?\b|\babstention", re.IGNORECASE)
# Technical values of the silence rule (``rule_silence == "abstain"``): shown to
# nobody, worded "Counts as no answer".
TECHNICAL = re.compile(r"""["'>]abstain["'<]|__abstain\b""")


def _po_files():
    return sorted(ADDONS.glob("*/i18n/*.po")) + sorted(ADDONS.glob("*/i18n/*.pot"))


@tagged("post_install", "-at_install")
class TestChoiceWording(TransactionCase):
    def test_the_third_choice_is_other_opinion(self):
        self.assertEqual(dict(CHOICES)["other"], "Other opinion")

    def test_every_addon_translates_the_third_choice_the_same_way(self):
        checked = 0
        for path in _po_files():
            for entry in polib.pofile(str(path)):
                with self.subTest(
                    file=str(path.relative_to(ADDONS)), msgid=entry.msgid
                ):
                    self.assertNotRegex(entry.msgid, OTHER_WORDING_EN)
                    self.assertNotRegex(entry.msgstr, OTHER_WORDING_VI)
                    if path.suffix == ".po" and entry.msgid.lower() == "other opinion":
                        self.assertEqual(entry.msgstr, LEGAL_TERM)
                        checked += 1
        self.assertTrue(checked, "no addon translates the choice 'Other opinion'")

    def test_no_screen_sheet_or_message_words_it_otherwise(self):
        found = []
        for path in sorted(ADDONS.rglob("*")):
            relative = path.relative_to(ADDONS)
            if (
                path.suffix not in (".py", ".xml", ".js", ".md", ".rst")
                or "tests" in relative.parts
                or "i18n" in relative.parts
            ):
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                text = TECHNICAL.sub("", line)
                if OTHER_WORDING_EN.search(text) or OTHER_WORDING_VI.search(text):
                    found.append(f"{relative}:{number}: {line.strip()}")
        self.assertEqual(found, [])

    def test_labels_of_the_choices_in_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["ecabinet_opinion"], ["vi_VN"], overwrite=True
        )
        labels = (
            self.env["ecabinet.ballot.response"]
            .with_context(lang="vi_VN")
            ._ecabinet_choice_labels()
        )
        self.assertEqual(
            labels,
            {"agree": "Đồng ý", "disagree": "Không đồng ý", "other": LEGAL_TERM},
        )
