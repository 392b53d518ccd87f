"""Stage 5 — convert: OpenCC between the scripts, corrected by curated overrides.

Traditional → Simplified uses OpenCC ``t2s`` on the repaired, cleaned text;
Simplified → Traditional uses ``s2tw`` (Taiwan standard character forms, no
phrase localisation) on the repaired Simplified text. OpenCC converts these
texts character for character, so its output is aligned with its input; the
override tables in ``source/overrides/`` correct it by position: an override
fires where its ``source`` phrase is in the input and OpenCC wrote ``opencc``
for it, and the build checks that every override fires exactly ``count`` times.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import opencc

from ..errors import PipelineError

if TYPE_CHECKING:  # the records come from tools.data, which makes the converters with them
    from ..data.source import Override


@cache
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@dataclass
class Converter:
    """OpenCC with a curated override table; counts what it changed."""

    config: str
    table: tuple[Override, ...]
    fired: Counter[Override] = field(default_factory=Counter)
    converted_chars: int = 0

    def __post_init__(self) -> None:
        # Longest phrases first, so a phrase override wins over a character one.
        self.table = tuple(sorted(self.table, key=lambda o: -len(o.source)))

    def raw(self, text: str) -> str:
        """OpenCC alone, without overrides."""
        return _opencc(self.config).convert(text)

    def __call__(self, text: str) -> str:
        out = self.raw(text)
        if len(out) != len(text):
            raise PipelineError(
                f"OpenCC {self.config} changed the length of a text ({len(text)} → {len(out)} characters)",
                "overrides are applied by position; report the phrase and add a length-preserving override",
            )
        self.converted_chars += sum(a != b for a, b in zip(text, out, strict=True))
        chars = list(out)
        for o in self.table:
            start = text.find(o.source)
            while start >= 0:
                end = start + len(o.source)
                if "".join(chars[start:end]) == o.opencc:
                    chars[start:end] = o.correct
                    self.fired[o] += 1
                start = text.find(o.source, start + 1)
        return "".join(chars)

    def check_counts(self) -> None:
        """Every override must have fired exactly ``count`` times."""
        for o in self.table:
            if self.fired[o] != o.count:
                raise PipelineError(
                    f"override {o.source} → {o.correct} fired {self.fired[o]} time(s), expected {o.count}",
                    "the text or OpenCC changed: read the places it fires and update count, or remove the row",
                    o.path,
                    o.line,
                    1,
                )

    @property
    def overrides_fired(self) -> int:
        return sum(self.fired.values())


def traditional_only_chars(text: str) -> Iterable[tuple[int, str]]:
    """Characters that a Simplified text may not contain: those t2s would change."""
    cc = _opencc("t2s")
    changed = {ch for ch in set(text) if cc.convert(ch) != ch}  # each distinct character once
    for i, ch in enumerate(text):
        if ch in changed:
            yield i, ch
