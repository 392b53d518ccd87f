"""Character classes and the result type shared by the text-fixing stages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

# Han ideographs: the URO, extension A, compatibility ideographs and the
# supplementary planes. Used by every stage that asks "is this Chinese text?".
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")
# Full-width punctuation that belongs to Chinese running text.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕—…·"
# Letters that occur in Hanyu Pinyin with tone marks.
PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêḿńňǹ"


class Fixed(NamedTuple):
    """What a fixing step returns: the new text and how many changes it made."""

    text: str
    changes: int


def is_han(ch: str) -> bool:
    """True for a Han ideograph.

    >>> is_han("发"), is_han("A"), is_han("，")
    (True, False, False)
    """
    return bool(HAN_RE.fullmatch(ch))


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of character ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def offset_of(text: str, line: int, column: int) -> int:
    """Character offset of 1-based ``line`` and ``column`` in ``text`` (inverse of :func:`line_col`).

    >>> offset_of("ab\\ncd", 2, 2), line_col("ab\\ncd", 4)
    (4, (2, 2))
    """
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1


# --------------------------------------------------------------------------- edits and where they came from


class Edit(NamedTuple):
    """Replace ``text[start:end]`` by ``new`` (an empty ``new`` deletes)."""

    start: int
    end: int
    new: str = ""


class Tracked(NamedTuple):
    """A text and, for each of its characters, the offset it came from in the raw text.

    ``origin`` has one entry per character plus one for the end of the text,
    so every position a stage can report maps back to the raw file the user
    opened, whatever the cleaning steps removed before it.

    >>> t = Tracked.of("發(fā)展，").edit([Edit(1, 5)])
    >>> t.text, t.origin
    ('發展，', (0, 5, 6, 7))
    """

    text: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Tracked:
        """The raw text itself: every character comes from where it is."""
        return cls(text, tuple(range(len(text) + 1)))

    def edit(self, edits: Sequence[Edit]) -> Tracked:
        """Apply non-overlapping ``edits`` (offsets into this text) at once.

        The i-th character of a replacement comes from the i-th character of
        the span it replaces (the last one when the replacement is longer).
        """
        text, origin = self
        parts: list[str] = []
        mapped: list[int] = []
        pos = 0
        for start, end, new in sorted(edits):
            if start < pos:
                raise ValueError(f"overlapping edits at offset {start}")
            parts.append(text[pos:start])
            mapped += origin[pos:start]
            parts.append(new)
            mapped += [origin[start + min(k, end - start - 1)] if end > start else origin[start] for k in range(len(new))]
            pos = end
        parts.append(text[pos:])
        mapped += origin[pos:]
        return Tracked("".join(parts), tuple(mapped))

    def raw_offset(self, line: int, column: int) -> int:
        """The raw offset of the character at ``line``, ``column`` of this text."""
        return self.origin[offset_of(self.text, line, column)]


def apply_edits(text: str, edits: Sequence[Edit]) -> Fixed:
    """The text after ``edits``, and how many there were (what a fixing step returns).

    >>> apply_edits("發(fā)展", [Edit(1, 5)])
    Fixed(text='發展', changes=1)
    """
    return Fixed(Tracked.of(text).edit(edits).text, len(edits))
