"""Stage 3 — clean: the listed removals, and nothing else.

* :func:`strip_junk_lines` blanks the spam line and the page chrome listed in
  ``source/removals.yml`` (blanked, not deleted, so line numbers stay raw);
* :func:`restore_label_spacing` drops the ``?`` placeholders inside the three
  metadata labels listed in ``source/manifest.yml``;
* :func:`strip_pinyin` removes the pinyin annotations after characters.

Each is a pure ``str -> Fixed`` function and is idempotent.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import PipelineError
from .repair import PINYIN_ANNOTATION
from .text import Fixed


def strip_junk_lines(text: str, leading: Sequence[str], trailing: Sequence[str]) -> Fixed:
    """Blank the listed leading lines and trailing non-blank lines, where present.

    >>> strip_junk_lines("spam\\n正文\\n\\n分享", ["spam"], ["分享"])
    Fixed(text='\\n正文\\n\\n', changes=2)
    """
    lines = text.split("\n")
    changes = 0
    if lines[: len(leading)] == list(leading):
        for i in range(len(leading)):
            lines[i] = ""
            changes += 1
    tail = _trailing_lines(lines, trailing)
    if tail:
        for i in tail:
            lines[i] = ""
            changes += 1
    return Fixed("\n".join(lines), changes)


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


def restore_label_spacing(text: str, placeholders: Sequence[str]) -> Fixed:
    """Remove the ``?`` that stands for lost spacing inside known labels.

    >>> restore_label_spacing("索?引?號: 暫無 標??題: X", ["索?引?號", "標??題"])
    Fixed(text='索引號: 暫無 標題: X', changes=4)
    """
    changes = 0
    for token in placeholders:
        n = text.count(token)
        if n:
            text = text.replace(token, token.replace("?", ""))
            changes += n * token.count("?")
    return Fixed(text, changes)


def strip_pinyin(text: str) -> Fixed:
    """Remove pinyin annotations such as ``發(fā)`` and ``創(chuàng )``.

    Only a parenthesis right after a Han character that holds nothing but
    lower-case pinyin letters (and at most one trailing space) is an
    annotation; real parentheses stay.

    >>> strip_pinyin("發(fā)展創(chuàng )新，細顆粒物(PM2.5)，(郊)")
    Fixed(text='發展創新，細顆粒物(PM2.5)，(郊)', changes=2)
    """
    new, n = PINYIN_ANNOTATION.subn("", text)
    return Fixed(new, n)
