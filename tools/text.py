"""Character classes and the result type shared by the text-fixing stages."""

from __future__ import annotations

import re
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
