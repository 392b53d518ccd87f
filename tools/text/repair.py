"""Stage 2 — repair: curated errata on the raw text, and the corruption check.

Repairs run first, on the raw text, before anything else touches it: OpenCC
would turn mojibake into rare extension-B characters, and the pinyin stripper
would eat the broken annotation fragments. After the errata, any remaining
sign of corruption stops the build with its line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING

from ..errors import PipelineError
from . import HAN, PINYIN_LETTERS, Edit, Fixed, apply_edits, line_col

if TYPE_CHECKING:  # the records come from tools.data, which is read before this stage runs
    from ..data.source import Erratum

# A pinyin annotation as the scraped page prints it: 發(fā), 創(chuàng ).
PINYIN_ANNOTATION = re.compile(f"(?<=[{HAN}])\\([{PINYIN_LETTERS}]+ ?\\)")
# Characters that do not occur in an intact Chinese text and that mojibake
# leaves behind: private use (GBK user-defined codes), U+FFFD, C0/C1 controls.
SUSPECT_CHAR = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff\ufffd\x00-\x08\x0b-\x1f\x7f-\x9f]")
LATIN_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]*")


def mojibake_edits(text: str, errata: Iterable[Erratum]) -> list[Edit]:
    """Edits that replace each curated span of mojibake with its repaired text.

    An erratum applies where its exact raw span occurs; a span found more
    than once is ambiguous and stops the build. A span found nowhere is
    skipped (a clean copy of the page has nothing to repair); the count of
    changes tells, and a test checks that all four apply to the bundled source.
    """
    edits: list[tuple[Edit, Erratum]] = []
    for erratum in errata:
        starts = [m.start() for m in re.finditer(re.escape(erratum.raw), text)]
        if len(starts) > 1:
            lines = sorted({text.count("\n", 0, start) + 1 for start in starts})
            raise PipelineError(
                f"erratum {erratum.id} matches {len(starts)} times "
                f"(line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}); "
                "a repair must be unambiguous",
                "lengthen the raw span in source/errata.yml so it matches once",
                "source/errata.yml",
                erratum.entry_line or None,
            )
        edits += [(Edit(start, start + len(erratum.raw), erratum.repaired), erratum) for start in starts]
    edits.sort(key=lambda pair: pair[0])
    for (a, first), (b, second) in pairwise(edits):
        if b.start < a.end:
            raise PipelineError(
                f"errata {first.id} and {second.id} overlap in the text (line {text.count(chr(10), 0, b.start) + 1})",
                "make their raw spans disjoint in source/errata.yml",
                "source/errata.yml",
                second.entry_line or None,
            )
    return [edit for edit, _ in edits]


def repair_mojibake(text: str, errata: Iterable[Erratum]) -> Fixed:
    """Replace each curated span of mojibake with its repaired text (see :func:`mojibake_edits`).

    >>> from tools.data.source import Erratum
    >>> e = Erratum("X", 1, "?tīng)幾h", "?tīng)", "幾h", b"\\xa0", {}, "爭議", "")
    >>> repair_mojibake("勞動人事?tīng)幾h,依法", [e])
    Fixed(text='勞動人事爭議,依法', changes=1)
    """
    return apply_edits(text, mojibake_edits(text, errata))


def _masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for k in range(start, end):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)


def find_corruption(
    text: str,
    errata: Iterable[Erratum],
    label_placeholders: Iterable[str],
    latin_allowed: Iterable[str],
) -> list[tuple[int, int, str]]:
    """Locate signs of corruption that no erratum covers.

    Returns ``(line, column, description)`` for each. Erratum spans, pinyin
    annotations and the known metadata-label placeholders (``索?引?號``) are
    masked first; what remains must be free of private-use characters,
    replacement characters, control characters, backslashes, ``?`` and Latin
    letters glued to Han text that are not in the allow-list.
    """
    spans: list[tuple[int, int]] = []
    for needle in [e.raw for e in errata] + list(label_placeholders):
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
    masked = _masked(text, spans)
    masked = _masked(masked, [(m.start(), m.end()) for m in PINYIN_ANNOTATION.finditer(masked)])
    problems: list[tuple[int, int, str]] = []
    for m in SUSPECT_CHAR.finditer(masked):
        problems.append((*line_col(text, m.start()), f"suspicious character U+{ord(m.group()):04X}"))
    for m in re.finditer(r"[?\\]", masked):
        problems.append((*line_col(text, m.start()), f"placeholder character {m.group()!r}"))
    allowed = set(latin_allowed)
    han = re.compile(f"[{HAN}]")
    for m in LATIN_TOKEN.finditer(masked):
        token = m.group()
        if not re.search("[A-Za-z]", token) or token in allowed:
            continue
        before = masked[m.start() - 1] if m.start() else ""
        after = masked[m.end()] if m.end() < len(masked) else ""
        if han.fullmatch(before or " ") or han.fullmatch(after or " "):
            problems.append((*line_col(text, m.start()), f"Latin text {token!r} glued to Chinese text"))
    return sorted(problems)


def check_corruption(
    text: str,
    errata: Iterable[Erratum],
    label_placeholders: Iterable[str],
    latin_allowed: Iterable[str],
) -> None:
    """Raise :class:`PipelineError` at the first sign of uncovered corruption."""
    problems = find_corruption(text, list(errata), label_placeholders, latin_allowed)
    if problems:
        line, column, what = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise PipelineError(
            f"{what}: the text looks corrupted here{more}",
            "if it is mojibake, add a repair with its byte evidence to source/errata.yml; "
            "if it is real text, add the token to latin_allowed in source/manifest.yml",
            None,
            line,
            column,
        )
