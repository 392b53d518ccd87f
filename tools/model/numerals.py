"""Chinese numerals as the plan writes its chapter and section numbers (一 … 十, 十一 … 十九, 二十 …)."""

from __future__ import annotations

NUMERALS = "零一二三四五六七八九十"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 31 → 三十一 (as chapter numbers are written).

    >>> [chinese_numeral(n) for n in (1, 10, 12, 20, 31)]
    ['一', '十', '十二', '二十', '三十一']
    """
    if n <= 10:
        return NUMERALS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens]) + "十" + (NUMERALS[ones] if ones else "")


def parse_numeral(text: str) -> int:
    """Inverse of :func:`chinese_numeral`; anything it does not write is a ``ValueError``.

    >>> [parse_numeral(t) for t in ("一", "十", "十二", "二十", "三十一")]
    [1, 10, 12, 20, 31]
    >>> parse_numeral("十十")
    Traceback (most recent call last):
    ValueError: not a numeral as the plan writes them: '十十'
    """
    n: int | None
    try:
        if "十" in text:
            tens, _, ones = text.partition("十")
            n = (NUMERALS.index(tens) if tens else 1) * 10 + (NUMERALS.index(ones) if ones else 0)
        else:
            n = NUMERALS.index(text)
    except ValueError:  # a character that is not a digit, or a digit where none belongs
        n = None
    if n is None or chinese_numeral(n) != text:
        raise ValueError(f"not a numeral as the plan writes them: {text!r}")
    return n
