"""Stage 3 — clean: the listed removals, and nothing else.

* :func:`strip_junk_lines` blanks the spam line and the page chrome listed in
  ``source/removals.yml`` (blanked, not deleted, so line numbers stay raw);
* :func:`restore_label_spacing` drops the ``?`` placeholders inside the three
  metadata labels listed in ``source/manifest.yml``;
* :func:`strip_pinyin` removes the pinyin annotations after characters.

Each is a pure ``str -> Fixed`` function and is idempotent, built on a function
that returns its :class:`~tools.text.Edit` list, which the pipeline applies to
keep every character's raw position.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .errors import PipelineError
from .repair import PINYIN_ANNOTATION
from .text import Edit, Fixed, apply_edits


def junk_line_edits(text: str, leading: Sequence[str], trailing: Sequence[str]) -> list[Edit]:
    """Edits that blank the listed leading lines and the trailing block, where present.

    The leading lines must be the first lines of the text; the trailing block
    (the page chrome) must be the last non-blank lines, all of them.
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


def check_complete(text: str, trailing: Sequence[str]) -> None:
    """Stop the build when the page chrome that ends the scrape is missing.

    The chrome follows the last section; without it the file was cut short.
    """
    lines = text.split("\n")
    if trailing and not _trailing_lines(lines, trailing):
        nonblank = [i for i, line in enumerate(lines) if line.strip()]
        last = nonblank[-1] + 1 if nonblank else 1
        raise PipelineError(
            "the page chrome that ends the scrape ("
            + " / ".join(t.strip() for t in trailing)
            + ") is not at the end of the file: it looks truncated",
            "use the complete scrape; the text must run to the end of 第十章 with the page chrome after it",
            None,
            last,
            1,
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
    """Edits that remove every pinyin annotation (see :data:`~tools.repair.PINYIN_ANNOTATION`)."""
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
