"""``python -m tools.variants``: derive ``source/search-variants.tsv``, the search's variant pairs.

A curation tool beside the product, like :mod:`tools.queries`: the product
(:mod:`tools.search`) reads only the committed table, so the search index
does not change when OpenCC or Python's Unicode data do; rerunning this and
diffing the table shows what an upgrade would change (a test does it).

The table lists pairs of characters that a reader may type for one another,
independent of this document; :func:`tools.search.canonical_map` keeps the
pairs that reach a character of the document. Sources:

* OpenCC's bundled character dictionaries, read with the ``opencc_dict`` tool
  shipped in the PyPI binding. ``STCharacters``: each Simplified character
  with its default Traditional form, the first of the candidates (what
  ``s2t`` writes for the character alone: 签 → 籤, 郁 → 鬱); the other
  candidates are other words (面 → 麪 is noodles) and would join characters
  the document keeps apart. The variant dictionaries ``HKVariants`` and
  ``TWVariants`` (OpenCC's standard Traditional form → the Hong Kong or Taiwan
  form: 線 → 綫, 衛 → 衞, 峯 → 峰, 裏 → 裡, 着 → 著) and their reverses
  ``HKVariantsRev`` and ``TWVariantsRev``; every value of an entry pairs with
  its key. The phrase dictionaries (``*Phrases``) only choose between the same
  characters in context and add no pair;
* Unicode compatibility forms (NFKC, Python's ``unicodedata``): the full-width
  letters, digits and full stop (Ｐ → P, ２ → 2, ． → .), the Kangxi radicals and
  CJK radicals that stand for an ideograph (⼭ → 山), and the CJK compatibility
  ideographs (金 U+F90A → 金);
* case: each ASCII capital with its small letter (R → r), so Latin is
  case-insensitive.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import opencc

from .paths import SOURCE

OUT = SOURCE / "search-variants.tsv"
VARIANT_DICTIONARIES = ("HKVariants", "HKVariantsRev", "TWVariants", "TWVariantsRev")
DEFAULT_FORMS = "STCharacters"
COLUMNS = ("char", "variant", "source")
# Code point ranges whose NFKC form (one character) is what a reader means.
FULL_WIDTH = [0xFF0E, *range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
RADICALS_AND_COMPATIBILITY = [
    *range(0x2E80, 0x2F00),  # CJK Radicals Supplement
    *range(0x2F00, 0x2FE0),  # Kangxi Radicals
    *range(0xF900, 0xFB00),  # CJK Compatibility Ideographs
    *range(0x2F800, 0x2FA20),  # CJK Compatibility Ideographs Supplement
]


def opencc_share() -> Path:
    """The folder of the dictionaries bundled with the ``opencc`` binding."""
    return Path(opencc.__file__).parent / "clib" / "share" / "opencc"


def dictionary_text(name: str) -> str:
    """One bundled ``.ocd2`` dictionary as text (``key<TAB>value value …`` lines)."""
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{name}.txt"
        subprocess.run(
            [str(tool), "-i", str(opencc_share() / f"{name}.ocd2"), "-o", str(out), "-f", "ocd2", "-t", "text"],
            check=True,
            capture_output=True,
        )
        return out.read_text(encoding="utf-8")


def opencc_pairs(name: str, text: str, first_only: bool = False) -> Iterator[tuple[str, str, str]]:
    """``(key, value, name)`` for every value (or only the first) of every entry that differs from its key.

    >>> list(opencc_pairs("HKVariants", "線\\t線 綫\\n臺\\t台\\n"))
    [('線', '綫', 'HKVariants'), ('臺', '台', 'HKVariants')]
    >>> list(opencc_pairs("STCharacters", "面\\t面 麪\\n签\\t籤 簽\\n", first_only=True))
    [('签', '籤', 'STCharacters')]
    """
    for line in text.splitlines():
        key, _, values = line.partition("\t")
        for value in values.split(" ")[:1] if first_only else values.split(" "):
            if value and value != key:
                yield key, value, name


def compatibility_pairs() -> Iterator[tuple[str, str, str]]:
    """``(NFKC form, character, "NFKC")`` for the ranges above where NFKC gives one other character.

    >>> ("P", "Ｐ", "NFKC") in set(compatibility_pairs()), ("山", "⼭", "NFKC") in set(compatibility_pairs())
    (True, True)
    """
    for cp in (*FULL_WIDTH, *RADICALS_AND_COMPATIBILITY):
        ch = chr(cp)
        form = unicodedata.normalize("NFKC", ch)
        if len(form) == 1 and form != ch:
            yield form, ch, "NFKC"


def case_pairs() -> Iterator[tuple[str, str, str]]:
    """``(capital, small letter, "case")`` for A–Z."""
    for cp in range(ord("A"), ord("Z") + 1):
        yield chr(cp), chr(cp).lower(), "case"


def rows() -> list[tuple[str, str, str]]:
    """Every unordered pair once (the first character the smaller), with all its sources."""
    sources: dict[tuple[str, str], list[str]] = {}
    found = [
        *opencc_pairs(DEFAULT_FORMS, dictionary_text(DEFAULT_FORMS), first_only=True),
        *(p for name in VARIANT_DICTIONARIES for p in opencc_pairs(name, dictionary_text(name))),
        *compatibility_pairs(),
        *case_pairs(),
    ]
    for a, b, source in found:
        key = (a, b) if a <= b else (b, a)
        if source not in sources.setdefault(key, []):
            sources[key].append(source)
    return [(a, b, " ".join(srcs)) for (a, b), srcs in sorted(sources.items())]


def render(table: list[tuple[str, str, str]]) -> str:
    header = [
        "# Characters a reader may type for one another, for search. Generated by",
        "# `python -m tools.variants` (see its docstring); do not edit by hand.",
        f"# Sources: OpenCC {opencc.__version__}'s dictionaries (read with opencc_dict): {DEFAULT_FORMS}, first candidate",
        "# only (the default Traditional form of each Simplified character); " + ", ".join(VARIANT_DICTIONARIES) + ";",
        f"# NFKC (Unicode {unicodedata.unidata_version}) of the full-width letters, digits and full stop, the",
        "# Kangxi and CJK radicals and the CJK compatibility ideographs; ASCII case.",
        "# Each row is one unordered pair (char < variant by code point) and every source that gives it.",
        "# tools/search.py joins the pairs that reach a character of the document into",
        "# the search's character classes; tests/test_search_index.py checks this file is current.",
        "\t".join(COLUMNS),
    ]
    return "\n".join([*header, *("\t".join(r) for r in table)]) + "\n"


def main() -> int:
    table = rows()
    OUT.write_text(render(table), encoding="utf-8")
    print(f"wrote {OUT} ({len(table)} pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
