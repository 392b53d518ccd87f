"""Stage 4 — normalise: ASCII punctuation in Chinese text to full width.

Official Simplified texts use full-width ，；：（） in running Chinese text,
also around Latin (细颗粒物（PM2.5）). ASCII stays inside Latin and number runs
(1,558 · 10:30 · f(x)), and ``.`` ``+`` ``%`` are never touched (2.15万, PM2.5,
5G+工业互联网, 70%).
"""

from __future__ import annotations

import re

from . import Edit, Fixed, apply_edits

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


def _latin(ch: str) -> bool:
    return bool(_ASCII_ALNUM.fullmatch(ch))


def punctuation_edits(text: str) -> list[Edit]:
    """Edits that turn ``, ; : ( )`` of Chinese text into their full-width forms.

    A separator between two ASCII letters or digits stays ASCII; a parenthesis
    stays ASCII only when the opening one follows an ASCII letter or digit
    (a formula such as ``f(x)``), and then its partner stays too.
    """
    edits: list[Edit] = []
    stack: list[bool] = []  # for each open "(": does it keep ASCII?
    for i, ch in enumerate(text):
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if ch in ",;:":
            if not (_latin(before) and _latin(after)):
                edits.append(Edit(i, i + 1, FULL_WIDTH[ch]))
        elif ch == "(":
            keep = _latin(before)
            stack.append(keep)
            if not keep:
                edits.append(Edit(i, i + 1, FULL_WIDTH[ch]))
        elif ch == ")":
            if not (stack.pop() if stack else False):
                edits.append(Edit(i, i + 1, FULL_WIDTH[ch]))
        elif ch == "\n":
            stack.clear()
    return edits


def normalise_punctuation(text: str) -> Fixed:
    """Turn ``, ; : ( )`` of Chinese text into their full-width forms (see :func:`punctuation_edits`).

    >>> normalise_punctuation("细颗粒物(PM2.5)平均浓度,各县(市、区):1,558人;f(x)").text
    '细颗粒物（PM2.5）平均浓度，各县（市、区）：1,558人；f(x)'
    """
    return apply_edits(text, punctuation_edits(text))
