"""Pinyin of the glossary: the check against pypinyin, ids from pinyin, and the sort order.

The order of the glossary (toneless spelling, then tones 1–4 and the neutral
tone) and its source are noted in ``tests/cases/glossary-order.txt``.
"""

from __future__ import annotations

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

_PINYIN_KEEP = re.compile(r"[^a-z0-9āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü+]")


def pypinyin_of(text: str) -> str:
    """What pypinyin reads (tone marks, one syllable per Han character), joined.

    >>> pypinyin_of("三区三线")
    'sān qū sān xiàn'
    """
    return " ".join(lazy_pinyin(text, style=Style.TONE))


def normalise_pinyin(text: str) -> str:
    """Pinyin with word spacing, hyphens, apostrophes and brackets removed, for comparison.

    >>> normalise_pinyin("Zhōng'ōu bānliè") == normalise_pinyin("zhōng ōu bān liè")
    True
    """
    return _PINYIN_KEEP.sub("", unicodedata.normalize("NFC", text.lower()))


def ascii_slug(pinyin: str) -> str:
    """Tone marks off, words joined by hyphens: the term's id.

    >>> ascii_slug("sānqū sānxiàn"), ascii_slug("lǜdiàn rù lǔ"), ascii_slug("15 fēnzhōng shēnghuóquān")
    ('sanqu-sanxian', 'lvdian-ru-lu', '15-fenzhong-shenghuoquan')
    """
    words = []
    for word in re.split(r"[\s\-]+", pinyin.strip()):
        plain = unicodedata.normalize("NFD", word).replace("u\u0308", "v").replace("U\u0308", "v")
        plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
        plain = re.sub(r"[^a-z0-9]", "", plain)
        if plain:
            words.append(plain)
    return "-".join(words)


# Tone marks (combining, after NFD) → tone number; a syllable without one is
# in the neutral tone (轻声), which sorts after the four tones.
TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
NEUTRAL_TONE = 5


def tones(pinyin: str) -> tuple[int, ...]:
    """One number per letter or digit of ``pinyin``: the tone its mark gives (1–4), else 5.

    Two spellings with the same letters compare by the tones of their syllables
    in order, the neutral tone last: mā < má < mǎ < mà < ma.

    >>> tones("mā"), tones("ma"), tones("lǜ")
    ((5, 1), (5, 5), (5, 4))
    """
    out: list[int] = []
    for ch in unicodedata.normalize("NFD", pinyin.lower()):
        if ch in TONE_MARKS and out:
            out[-1] = TONE_MARKS[ch]
        elif ch.isascii() and ch.isalnum():
            out.append(NEUTRAL_TONE)
    return tuple(out)


def sort_key(pinyin: str, term: str) -> tuple:
    """Sort by toneless pinyin, then tones (1, 2, 3, 4, neutral), then the term.

    A term without pinyin (a Latin acronym: RCEP, 5G) sorts by its own letters
    among the pinyin spellings, digits before letters. The rule and its source
    are noted in tests/cases/glossary-order.txt.
    """
    basis = pinyin or term
    plain = ascii_slug(basis).replace("-", "")
    return (plain, tones(basis), term)
