"""Undo filter-evasion spellings (first layer of the normaliser).

This first version restores the commonest technique, punctuation wrapped in
tatweel inside a word (``هجـ.ـمـ.ـات``). The tatweel beside the mark is what
tells it from a real full stop, so this runs before tatweel is stripped.
"""

from __future__ import annotations

import re

from marsad.normalize.offsets import Edit

_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
_INSERTED = r"[.\-_*,'|/\u2022\u00b7~+\u060c]"
_TATWEEL_PUNCT = re.compile(
    rf"(?<=[{_LETTER}])(\u0640+{_INSERTED}+\u0640*|\u0640*{_INSERTED}+\u0640+)(?=[{_LETTER}])"
)


class Deobfuscator:
    """Finds evasion spellings and returns the edits that restore them."""

    def edits(self, text: str) -> list[Edit]:
        return [
            Edit(m.start(), m.end(), "", "tatweel_punct") for m in _TATWEEL_PUNCT.finditer(text)
        ]
