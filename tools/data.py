"""Curated data under ``source/``: loaded, validated, and reported with ``file:line``.

Every loader raises :class:`~tools.errors.PipelineError` naming the file, the
entry and the fix, so a typo in a data file never turns into a silent no-op.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .errors import PipelineError
from .load import read_text
from .paths import SOURCE


def load_yaml(path: Path) -> object:
    """Parse a YAML file, turning syntax errors into located pipeline errors."""
    try:
        return yaml.load(read_text(path), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PipelineError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            "fix the syntax at this position",
            path,
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None


def _require(path: Path, entry: str, mapping: dict, keys: tuple[str, ...]) -> None:
    if not isinstance(mapping, dict):
        raise PipelineError(f"{entry} must be a mapping", "see the comment at the top of the file", path)
    missing = [k for k in keys if k not in mapping]
    if missing:
        raise PipelineError(
            f"{entry} lacks {', '.join(missing)}",
            f"add the field{'s' if len(missing) > 1 else ''}; each entry needs {', '.join(keys)}",
            path,
        )


# --------------------------------------------------------------------------- errata


@dataclass(frozen=True)
class Erratum:
    """A curated repair of one span of mojibake in the raw text."""

    id: str
    line: int
    raw: str
    fragment: str
    garbled: str
    lost_lead: bytes
    unfold: dict[str, str]
    repaired: str
    evidence: str

    def decoded(self) -> str:
        """Re-read the garbled bytes in step: the proof of ``repaired``.

        >>> e = Erratum("X", 1, "幾h", "", "幾h", bytes.fromhex("A0"), {}, "爭議", "")
        >>> e.decoded()
        '爭議'
        """
        unfolded = "".join(self.unfold.get(ch, ch) for ch in self.garbled)
        return (self.lost_lead + unfolded.encode("gb18030")).decode("gbk")


@cache
def errata(path: Path = SOURCE / "errata.yml") -> tuple[Erratum, ...]:
    """Load and validate ``errata.yml``."""
    entries = load_yaml(path) or []
    result = []
    keys = ("id", "line", "raw", "fragment", "garbled", "lost_lead", "unfold", "repaired", "evidence")
    for i, e in enumerate(entries, 1):
        _require(path, f"erratum #{i}", e, keys)
        name = f"erratum {e['id']}"
        if e["raw"] != e["fragment"] + e["garbled"]:
            raise PipelineError(f"{name}: raw is not fragment + garbled", "make raw the exact concatenation", path)
        try:
            lead = bytes.fromhex(str(e["lost_lead"]))
        except ValueError:
            raise PipelineError(
                f"{name}: lost_lead {e['lost_lead']!r} is not hex", 'write one byte as two hex digits, e.g. "87"', path
            ) from None
        item = Erratum(
            id=str(e["id"]),
            line=int(e["line"]),
            raw=e["raw"],
            fragment=e["fragment"],
            garbled=e["garbled"],
            lost_lead=lead,
            unfold=dict(e["unfold"] or {}),
            repaired=e["repaired"],
            evidence=e["evidence"],
        )
        result.append(item)
    return tuple(result)


# --------------------------------------------------------------------------- removals


@dataclass(frozen=True)
class Removals:
    """Whole lines to blank at the start and end of the raw text."""

    leading: tuple[str, ...]
    trailing: tuple[str, ...]


@cache
def removals(path: Path = SOURCE / "removals.yml") -> Removals:
    """Load ``removals.yml``."""
    data = load_yaml(path)
    _require(path, "removals.yml", data, ("leading", "trailing"))
    for part in ("leading", "trailing"):
        for i, e in enumerate(data[part], 1):
            _require(path, f"{part} #{i}", e, ("text", "reason"))
    return Removals(
        leading=tuple(e["text"] for e in data["leading"]),
        trailing=tuple(e["text"] for e in data["trailing"]),
    )


# --------------------------------------------------------------------------- manifest


@dataclass(frozen=True)
class ChapterSpec:
    """A chapter as the manifest records it: its title, its sections, and how many paragraphs each holds."""

    title: str
    sections: tuple[str, ...]
    intro: int  # paragraphs before the first section
    paragraphs: tuple[int, ...]  # per section, in order


@dataclass(frozen=True)
class Manifest:
    """Expected structure: title, metadata labels, chapters, sections, paragraph counts, the last sentence."""

    title: str
    metadata_labels: dict[str, str]
    label_placeholders: tuple[str, ...]
    latin_allowed: tuple[str, ...]
    chapters: tuple[ChapterSpec, ...]
    last_sentence: str


@cache
def manifest(path: Path = SOURCE / "manifest.yml") -> Manifest:
    """Load ``manifest.yml``."""
    data = load_yaml(path)
    _require(
        path,
        "manifest.yml",
        data,
        ("title", "metadata_labels", "label_placeholders", "latin_allowed", "chapters", "last_sentence"),
    )
    chapters = []
    for i, c in enumerate(data["chapters"], 1):
        _require(path, f"chapter #{i}", c, ("title", "intro", "sections", "paragraphs"))
        if len(c["paragraphs"]) != len(c["sections"]):
            raise PipelineError(f"chapter #{i}: one paragraph count per section", "count them in the raw file", path)
        chapters.append(ChapterSpec(c["title"], tuple(c["sections"]), int(c["intro"]), tuple(c["paragraphs"])))
    return Manifest(
        title=data["title"],
        metadata_labels=dict(data["metadata_labels"]),
        label_placeholders=tuple(data["label_placeholders"]),
        latin_allowed=tuple(str(x) for x in data["latin_allowed"]),
        chapters=tuple(chapters),
        last_sentence=data["last_sentence"],
    )


# --------------------------------------------------------------------------- tables


def read_tsv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Read a TSV file with a header row; ``#`` lines are comments.

    Returns ``(line number, row)`` pairs so later checks can point at the line.
    """
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    for number, line in enumerate(read_text(path).split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = next(csv.reader(io.StringIO(line), delimiter="\t", quoting=csv.QUOTE_NONE))
        if header is None:
            header = cells
            if tuple(header[: len(columns)]) != columns:
                raise PipelineError(
                    f"header is {header!r}",
                    f"the first non-comment line must be the columns {' / '.join(columns)}, tab-separated",
                    path,
                    number,
                    1,
                )
            continue
        if len(cells) != len(header):
            raise PipelineError(
                f"{len(cells)} columns, expected {len(header)}",
                "separate the columns with single tab characters",
                path,
                number,
                1,
            )
        rows.append((number, dict(zip(header, cells, strict=True))))
    return rows


@dataclass(frozen=True)
class Override:
    """A curated correction of OpenCC's output at the places it is wrong.

    ``source`` is the phrase in the input script, ``opencc`` what OpenCC makes
    of it there, ``correct`` what it must be. It fires at every occurrence of
    ``source`` in the input whose aligned output is ``opencc``, and the number
    of firings must equal ``count``.
    """

    source: str
    opencc: str
    correct: str
    count: int
    evidence: str
    path: Path
    line: int


OVERRIDE_COLUMNS = ("source", "opencc", "correct", "count", "evidence")


@cache
def overrides(path: Path) -> tuple[Override, ...]:
    """Load an override table (``source/overrides/*.tsv``)."""
    result = []
    for line, row in read_tsv(path, OVERRIDE_COLUMNS):
        if not (len(row["source"]) == len(row["opencc"]) == len(row["correct"])):
            raise PipelineError(
                "source, opencc and correct differ in length",
                "overrides are applied by position; give phrases of equal length",
                path,
                line,
                1,
            )
        if row["opencc"] == row["correct"]:
            raise PipelineError("opencc and correct are the same", "remove the row, or fix the correct form", path, line, 1)
        try:
            count = int(row["count"])
        except ValueError:
            raise PipelineError(
                f"count {row['count']!r} is not a number", "give how many times the override fires", path, line, 1
            ) from None
        if not row["evidence"].strip():
            raise PipelineError("no evidence", "say why the correct form is right (dictionary, standard, context)", path, line, 1)
        result.append(Override(row["source"], row["opencc"], row["correct"], count, row["evidence"], path, line))
    return tuple(result)


@cache
def lead_sentences(path: Path = SOURCE / "lead-sentences.tsv") -> dict[str, str]:
    """The curated list of every lead sentence, by paragraph anchor."""
    return {row["paragraph"]: row["lead"] for _, row in read_tsv(path, ("paragraph", "lead"))}
