"""Stage 3 — clean: the listed removals, and nothing else.

* :func:`strip_junk_lines` blanks the spam line and the page chrome listed in
  ``source/removals.yml`` (blanked, not deleted, so line numbers stay raw);
* :func:`restore_label_spacing` drops the ``?`` placeholders inside the three
  metadata labels listed in ``source/manifest.yml``;
* :func:`strip_pinyin` removes the pinyin annotations after characters.

Each is a pure ``str -> Fixed`` function and is idempotent, built on a function
that returns its :class:`~tools.text.Edit` list, which the pipeline applies to
keep every character's raw position. :func:`check_not_repeated` stops the
build on a text saved or pasted twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import PipelineError
from . import Edit, Fixed, apply_edits
from .repair import PINYIN_ANNOTATION


def junk_line_edits(text: str, leading: Sequence[str], trailing: Sequence[str]) -> list[Edit]:
    """Edits that blank the listed leading lines and the trailing block, where present.

    The leading lines must be the first lines of the text; the trailing block
    (the page chrome) must be the last non-blank lines, all of them. A copy
    without them (a clean copy of the document) has nothing to blank.
    """
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    blank = list(range(len(leading))) if lines[: len(leading)] == list(leading) else []
    blank += _trailing_lines(lines, trailing)
    return [Edit(starts[i], starts[i] + len(lines[i])) for i in blank]


def strip_junk_lines(text: str, leading: Sequence[str], trailing: Sequence[str]) -> Fixed:
    """Blank the listed leading lines and trailing non-blank lines, where present.

    >>> strip_junk_lines("spam\\n正文\\n\\n分享", ["spam"], ["分享"])
    Fixed(text='\\n正文\\n\\n', changes=2)
    >>> strip_junk_lines("正文\\n", ["spam"], ["分享"])
    Fixed(text='正文\\n', changes=0)
    """
    return apply_edits(text, junk_line_edits(text, leading, trailing))


def _trailing_lines(lines: list[str], trailing: Sequence[str]) -> list[int]:
    """Indexes of the trailing chrome lines, or [] when they are not all there."""
    if not trailing:
        return []
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    tail = nonblank[-len(trailing) :]
    return tail if [lines[i] for i in tail] == list(trailing) else []


# A repeated run of lines this long (in characters, spaces aside) is repeated
# text, not a coincidence: longer than any line the plan repeats (山东省人民政府,
# 7 characters, issuer and signature of the notice), shorter than any paragraph.
REPEAT_MIN_CHARS = 20


def find_repetition(text: str) -> tuple[int, int, int] | None:
    """The first run of non-blank lines that repeats earlier lines, if any.

    Returns ``(line, earlier line, number of lines)``, 1-based: the run that
    starts at ``line`` repeats the one at ``earlier line`` line for line
    (ignoring blank lines and indentation), and holds at least
    :data:`REPEAT_MIN_CHARS` characters.

    >>> a, b = "一二三四五六七八九十。", "十九八七六五四三二一！"
    >>> find_repetition("\\n".join(["甲", a, b, "乙", a, b]))
    (5, 2, 2)
    >>> find_repetition("山东省人民政府\\n正文。\\n山东省人民政府") is None
    True
    """
    numbered = [(i, line.strip()) for i, line in enumerate(text.split("\n"), 1) if line.strip()]
    seen: dict[str, list[int]] = {}
    for k, (_, line) in enumerate(numbered):
        for j in seen.get(line, []):
            run = 0
            chars = 0
            while k + run < len(numbered) and j + run < k and numbered[k + run][1] == numbered[j + run][1]:
                chars += len(numbered[k + run][1])
                run += 1
            if chars >= REPEAT_MIN_CHARS:
                return numbered[k][0], numbered[j][0], run
        seen.setdefault(line, []).append(k)
    return None


def check_not_repeated(text: str) -> None:
    """Stop the build where the text starts repeating itself (a page saved or pasted twice)."""
    found = find_repetition(text)
    if found:
        line, earlier, count = found
        lines = text.split("\n")
        column = len(lines[line - 1]) - len(lines[line - 1].lstrip()) + 1

        def span(start: int) -> str:  # `count` non-blank lines from `start`
            end = [i for i in range(start, len(lines) + 1) if lines[i - 1].strip()][count - 1]
            return f"line {start}" if end == start else f"lines {start}–{end}"

        raise PipelineError(
            f"repeated text: {span(line)} repeat{'s' if count == 1 else ''} {span(earlier)}",
            "delete the repeated copy; the file must hold the page once (the plan, then at most the page chrome)",
            None,
            line,
            column,
        )


def label_spacing_edits(text: str, placeholders: Sequence[str]) -> list[Edit]:
    """Edits that remove each ``?`` inside the known labels (``索?引?號`` → ``索引號``)."""
    if not placeholders:
        return []
    pattern = re.compile("|".join(re.escape(t) for t in sorted(placeholders, key=len, reverse=True)))
    return [Edit(m.start() + k, m.start() + k + 1) for m in pattern.finditer(text) for k, ch in enumerate(m.group()) if ch == "?"]


def restore_label_spacing(text: str, placeholders: Sequence[str]) -> Fixed:
    """Remove the ``?`` that stands for lost spacing inside known labels.

    >>> restore_label_spacing("索?引?號: 暫無 標??題: X", ["索?引?號", "標??題"])
    Fixed(text='索引號: 暫無 標題: X', changes=4)
    """
    return apply_edits(text, label_spacing_edits(text, placeholders))


def pinyin_edits(text: str) -> list[Edit]:
    """Edits that remove every pinyin annotation (see :data:`~tools.text.repair.PINYIN_ANNOTATION`)."""
    return [Edit(m.start(), m.end()) for m in PINYIN_ANNOTATION.finditer(text)]


def strip_pinyin(text: str) -> Fixed:
    """Remove pinyin annotations such as ``發(fā)`` and ``創(chuàng )``.

    Only a parenthesis right after a Han character that holds nothing but
    lower-case pinyin letters (and at most one trailing space) is an
    annotation; real parentheses stay.

    >>> strip_pinyin("發(fā)展創(chuàng )新，細顆粒物(PM2.5)，(郊)")
    Fixed(text='發展創新，細顆粒物(PM2.5)，(郊)', changes=2)
    """
    return apply_edits(text, pinyin_edits(text))
