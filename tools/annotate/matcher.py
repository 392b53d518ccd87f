"""One matcher for the glossary's terms and the index's places: leftmost-longest over running Han text.

Matching is leftmost-longest over the Han text, not ``\\b``-delimited as in
Python-Markdown's ``abbr`` extension (which never matches inside running Han
text): at each position the longest form that is allowed there wins, so an
occurrence inside a longer glossary term counts only as the longer term (双莱
inside 才聚双莱, 济青 inside 济青陆海发展主轴). Three guards keep short terms
from matching where the characters are merely adjacent:

* a form beginning with a Han numeral (三带, 四新, 两委 …) does not match right
  after 第 or another numeral (第三带…, 十四新…);
* a form beginning or ending with a Latin letter or digit (5G, PM2.5, RCEP)
  does not match next to another Latin letter or digit;
* a term may list exclusion contexts in the data (引黄济青 is not 济南–青岛).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

HAN_NUMERALS = "一二三四五六七八九十两兩双雙"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
# Candidate terms in running text (see :func:`candidates`).
QUOTED = re.compile(r"“([^“”\n]+)”")
NUMERAL_FORMULA = re.compile(f"[{HAN_NUMERALS}][{_HAN}][{HAN_NUMERALS}多][{_HAN}]")
DUAL = re.compile(f"[双雙][{_HAN}]")
LATIN = re.compile(r"[0-9]*[A-Za-z\u2160-\u216b][A-Za-z0-9.\u2160-\u216b]*")


@dataclass(frozen=True)
class Pattern:
    """One form to look for, the key it stands for, and where it must not match."""

    form: str
    key: str
    excludes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    key: str
    text: str


class Matcher:
    """Leftmost-longest matching of many forms over running Han text.

    >>> m = Matcher([Pattern("济青", "a", ("引黄济青",)), Pattern("济青陆海发展主轴", "b"), Pattern("三带", "c")])
    >>> [(x.text, x.key) for x in m.find("以济青陆海发展主轴为支撑；济青双城；引黄济青；“三带”；第三带")]
    [('济青陆海发展主轴', 'b'), ('济青', 'a'), ('三带', 'c')]
    """

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        by_first: dict[str, list[Pattern]] = {}
        for p in patterns:
            by_first.setdefault(p.form[0], []).append(p)
        self._by_first = {k: sorted(v, key=lambda p: -len(p.form)) for k, v in by_first.items()}

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest matches in ``text``."""
        out: list[Match] = []
        i = 0
        while i < len(text):
            for p in self._by_first.get(text[i], ()):
                if text.startswith(p.form, i) and allowed(text, i, p):
                    end = i + len(p.form)
                    out.append(Match(i, end, p.key, p.form))
                    i = end
                    break
            else:
                i += 1
        return out


def allowed(text: str, i: int, p: Pattern) -> bool:
    """May ``p.form`` match at ``i``? The guards described in the module docstring."""
    form = p.form
    end = i + len(form)
    before = text[i - 1] if i else ""
    after = text[end] if end < len(text) else ""
    if form[0] in HAN_NUMERALS and before and (before == "第" or before in HAN_NUMERALS or before.isdigit()):
        return False
    if _ASCII_ALNUM.match(form[0]) and before and _ASCII_ALNUM.match(before):
        return False
    if _ASCII_ALNUM.match(form[-1]) and after and _ASCII_ALNUM.match(after):
        return False
    for context in p.excludes:
        k = context.find(form)
        while k >= 0:
            if i - k >= 0 and text.startswith(context, i - k):
                return False
            k = context.find(form, k + 1)
    return True


def candidates(text: str) -> set[str]:
    """Strings of ``text`` that look like glossary terms.

    Quoted terms (the text inside “…”), numeral formulas (N X N Y such as 三区三线
    and 双 + a character such as 双创) and Latin acronyms (RCEP, PM2.5, 5G, 国Ⅱ's Ⅱ).

    >>> sorted(candidates("严守“三区三线”，国家双创示范基地，细颗粒物（PM2.5）和5G基站"))
    ['5G', 'PM2.5', '三区三线', '双创']
    """
    found = set(QUOTED.findall(text))
    found |= set(NUMERAL_FORMULA.findall(text))
    found |= set(DUAL.findall(text))
    found |= {m.rstrip(".") for m in LATIN.findall(text)}
    return found
