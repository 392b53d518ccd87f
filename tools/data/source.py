"""Curated data under ``source/``: loaded, validated, and reported with ``file:line:col``.

Every YAML file is read by one loader (:class:`LineLoader`) that remembers
where each mapping, list and value starts, and every check goes through the
same small helpers (:class:`Raw`, :func:`check_fields`, :func:`text_field`, …),
so a malformed value anywhere is reported the same way: the file, the line
and column of the value, the entry and field, and the fix. TSV tables are
read by :func:`read_tsv`, which keeps the line and column of every cell.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..errors import PipelineError
from ..paths import SOURCE
from ..text.load import read_text

# --------------------------------------------------------------------------- the loader

Position = tuple[int, int]  # 1-based line and column


class LocatedDict(dict):
    """A YAML mapping that knows where it starts and where each of its fields (keys) starts."""

    start: Position = (1, 1)
    positions: dict[object, Position]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.positions = {}


class LocatedList(list):
    """A YAML sequence that knows where it starts and where each of its items starts."""

    start: Position = (1, 1)
    positions: dict[object, Position]

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.positions = {}


def _mark(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader, with mappings and sequences that record their positions.

    A key given twice in one mapping is an error here (YAML would silently keep
    the last value).
    """


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode):  # type: ignore[no-untyped-def]
    data = LocatedDict()
    data.start = _mark(node)
    yield data
    loader.flatten_mapping(node)
    seen: dict[object, Position] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} appears twice in this mapping (first at line {seen[key][0]})", key_node.start_mark
            )
        seen[key] = _mark(key_node)
        try:
            data[key] = loader.construct_object(value_node, deep=True)
        except yaml.constructor.ConstructorError as exc:  # name the field: "document: date_written: …"
            raise yaml.constructor.ConstructorError(None, None, f"{key}: {exc.problem}", exc.problem_mark) from None
        data.positions[key] = _mark(key_node)


def _construct_sequence(loader: LineLoader, node: yaml.SequenceNode):  # type: ignore[no-untyped-def]
    data = LocatedList()
    data.start = _mark(node)
    yield data
    for i, item in enumerate(node.value):
        data.append(loader.construct_object(item, deep=True))
        data.positions[i] = _mark(item)


def _construct_timestamp(loader: LineLoader, node: yaml.ScalarNode) -> object:
    # PyYAML lets an impossible date (2023-13-06) escape as a bare ValueError.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a valid date or time ({exc})", node.start_mark
        ) from None


LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(path: Path) -> object:
    """Parse a YAML file with :class:`LineLoader`; syntax errors become located pipeline errors."""
    try:
        return yaml.load(read_text(path), Loader=LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PipelineError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            "fix the YAML at this position",
            path,
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None


def position(container: object, key: object, default: Position = (1, 1)) -> Position:
    """Where the field ``key`` of a loaded mapping, or the item ``key`` of a loaded list, starts."""
    positions = getattr(container, "positions", {})
    if key in positions:
        return positions[key]
    return getattr(container, "start", default)


# --------------------------------------------------------------------------- validation helpers


@dataclass(frozen=True)
class Raw:
    """One entry of a data file as written, with the line it starts on."""

    data: dict
    line: int
    name: str  # how error messages call it: 'term 三区三线', 'erratum E1'

    @classmethod
    def item(cls, container: object, key: object, name: str) -> Raw:
        """The entry under ``key`` (an index or a key) of a loaded list or mapping."""
        value = container[key]  # type: ignore[index]
        line = getattr(value, "start", position(container, key))[0]
        return cls(value, line, name)

    def at(self, key: object) -> Position:
        """Where the field ``key`` starts (the entry's start when the field is absent)."""
        return position(self.data, key, (self.line, 1))

    def error(self, key: object, message: str, fix: str, path: Path) -> PipelineError:
        """An error about field ``key`` of this entry, at that field."""
        return PipelineError(f"{self.name}: {message}", fix, path, *self.at(key))


def items(path: Path, container: object, what: str, fix: str) -> list:
    """``container`` as a list, or an error saying the file (or field) must be one."""
    if container is None:
        return []
    if not isinstance(container, list):
        raise PipelineError(f"{what} must be a list", fix, path, *position(container, None))
    return container


def check_fields(path: Path, entry: Raw, required: Sequence[str], optional: Sequence[str] = ()) -> None:
    """Unknown or missing fields are errors that name the entry and the fix."""
    if not isinstance(entry.data, dict):
        raise PipelineError(f"{entry.name} must be a mapping", "see the comment at the top of the file", path, entry.line, 1)
    known = list(required) + list(optional)
    for key in entry.data:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise entry.error(key, f"unknown field {key!r}", f"{hint}known fields are {', '.join(known)}", path)
    missing = [k for k in required if k not in entry.data]
    if missing:
        raise PipelineError(
            f"{entry.name}: missing field{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
            f"every entry needs {', '.join(required)}",
            path,
            entry.line,
            1,
        )


def text_field(path: Path, entry: Raw, key: str, *, allow_empty: bool = False, allow_space: bool = False) -> str:
    """A string field: non-empty unless ``allow_empty``, without outer spaces unless ``allow_space``."""
    value = entry.data.get(key)
    if value is None and allow_empty:
        return ""
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise entry.error(key, f"{key} must be a non-empty string", f"write the {key} as text", path)
    if value != value.strip() and not allow_space:
        raise entry.error(key, f"{key} has leading or trailing space", "remove it", path)
    return value


def int_field(path: Path, entry: Raw, key: str, minimum: int = 1) -> int:
    """A whole-number field of at least ``minimum``."""
    value = entry.data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise entry.error(
            key, f"{key} {value!r} is not a whole number of at least {minimum}", f"write {key}: followed by a number", path
        )
    return value


def list_field(path: Path, entry: Raw, key: str) -> list:
    value = entry.data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise entry.error(key, f"{key} must be a list", f"write {key}: [a, b] or one '- item' per line", path)
    return value


def string_list(path: Path, entry: Raw, key: str) -> tuple[str, ...]:
    items_ = list_field(path, entry, key)
    for item in items_:
        if not isinstance(item, str) or not item.strip():
            raise entry.error(key, f"every item of {key} must be a non-empty string", "remove empty items", path)
    return tuple(items_)


# --------------------------------------------------------------------------- errata

HEX_BYTE = re.compile(r"^[0-9A-Fa-f]{2}$")


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
    entry_line: int = 0  # where the entry starts in errata.yml

    def decoded(self) -> str:
        """Re-read the garbled bytes in step: the proof of ``repaired``.

        >>> e = Erratum("X", 1, "幾h", "", "幾h", bytes.fromhex("A0"), {}, "爭議", "")
        >>> e.decoded()
        '爭議'
        """
        unfolded = "".join(self.unfold.get(ch, ch) for ch in self.garbled)
        return (self.lost_lead + unfolded.encode("gb18030")).decode("gbk")


ERRATUM_FIELDS = ("id", "line", "raw", "fragment", "garbled", "lost_lead", "unfold", "repaired", "evidence")


@cache
def errata(path: Path = SOURCE / "errata.yml") -> tuple[Erratum, ...]:
    """Load and validate ``errata.yml``: fields, the concatenation, and the byte proof of each repair."""
    entries = items(path, load_yaml(path), "errata.yml", "write one '- id: …' entry per erratum")
    result: list[Erratum] = []
    for i in range(len(entries)):
        name = f"erratum {entries[i].get('id')}" if isinstance(entries[i], dict) and entries[i].get("id") else f"erratum #{i + 1}"
        entry = Raw.item(entries, i, name)
        check_fields(path, entry, ERRATUM_FIELDS)
        eid = text_field(path, entry, "id")
        if eid in {e.id for e in result}:
            raise entry.error("id", f"id {eid!r} is already used", "give every erratum its own id (E1, E2, …)", path)
        lead = str(entry.data["lost_lead"])
        if not HEX_BYTE.match(lead) or not 0x81 <= int(lead, 16) <= 0xFE:
            raise entry.error(
                "lost_lead",
                f"lost_lead {entry.data['lost_lead']!r} is not a GBK lead byte",
                'write one byte from 81 to FE as two hex digits in quotes, e.g. "87"',
                path,
            )
        unfold = entry.data["unfold"] or {}
        if not isinstance(unfold, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1 for k, v in unfold.items()
        ):
            raise entry.error("unfold", "unfold must map single characters to single characters", "write unfold: {I: Ｉ}", path)
        item = Erratum(
            id=eid,
            line=int_field(path, entry, "line"),
            raw=text_field(path, entry, "raw"),
            fragment=text_field(path, entry, "fragment", allow_empty=True),
            garbled=text_field(path, entry, "garbled"),
            lost_lead=bytes.fromhex(lead),
            unfold=dict(unfold),
            repaired=text_field(path, entry, "repaired"),
            evidence=text_field(path, entry, "evidence"),
            entry_line=entry.line,
        )
        if item.raw != item.fragment + item.garbled:
            raise entry.error("raw", "raw is not fragment + garbled", "make raw the exact concatenation", path)
        try:
            decoded = item.decoded()
        except UnicodeError:
            raise entry.error(
                "garbled",
                "the lost lead byte and the garbled characters do not decode as GBK",
                "check garbled, lost_lead and unfold against the bytes in the evidence",
                path,
            ) from None
        if decoded != item.repaired:
            raise entry.error(
                "repaired",
                f"repaired {item.repaired!r} is not what the bytes read in step ({decoded!r})",
                "write the decoded text, or correct lost_lead, unfold or garbled",
                path,
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
    """Load and validate ``removals.yml``."""
    top = Raw(load_yaml(path), 1, "removals.yml")  # type: ignore[arg-type]
    check_fields(path, top, ("leading", "trailing"))
    parts: dict[str, tuple[str, ...]] = {}
    for part in ("leading", "trailing"):
        lines = list_field(path, top, part)
        texts = []
        for i in range(len(lines)):
            entry = Raw.item(lines, i, f"{part} #{i + 1}")
            check_fields(path, entry, ("raw_line", "text", "reason"))
            int_field(path, entry, "raw_line")
            text = text_field(path, entry, "text", allow_space=True)
            if "\n" in text:
                raise entry.error("text", "text spans more than one line", "list each removed line as its own entry", path)
            text_field(path, entry, "reason")
            texts.append(text)
        parts[part] = tuple(texts)
    return Removals(leading=parts["leading"], trailing=parts["trailing"])


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


MANIFEST_FIELDS = ("title", "metadata_labels", "label_placeholders", "latin_allowed", "chapters", "last_sentence")
# Metadata fields the code reads by key: the parser (the notice's signature is
# the issuing body) and the PDF metadata (the date).
METADATA_KEYS_USED = ("issuing_body", "date_written")
LATIN_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.]*$")
SENTENCE_ENDS = "。！？"


@cache
def manifest(path: Path = SOURCE / "manifest.yml") -> Manifest:
    """Load and validate ``manifest.yml``."""
    top = Raw(load_yaml(path), 1, "manifest.yml")  # type: ignore[arg-type]
    check_fields(path, top, MANIFEST_FIELDS)
    labels = top.data["metadata_labels"]
    if not isinstance(labels, dict) or not all(isinstance(k, str) and isinstance(v, str) and v for k, v in labels.items()):
        raise top.error(
            "metadata_labels", "metadata_labels must map field names to labels", "write key: 标签, one per line", path
        )
    for key in METADATA_KEYS_USED:
        if key not in labels:
            raise top.error("metadata_labels", f"metadata_labels lacks {key}", f"add {key}: with its label", path)
    placeholders = string_list(path, top, "label_placeholders")
    for token in placeholders:
        if "?" not in token:
            raise top.error(
                "label_placeholders", f"label_placeholders: {token!r} has no '?'", "list the raw label with its '?' marks", path
            )
    latin = string_list(path, top, "latin_allowed")
    for token in latin:
        if not LATIN_TOKEN.match(token):
            raise top.error(
                "latin_allowed", f"latin_allowed: {token!r} is not Latin letters and digits", "write tokens like PM2.5", path
            )
    chapter_list = list_field(path, top, "chapters")
    if not chapter_list:
        raise top.error("chapters", "chapters must list the chapters", "list each chapter with its title and sections", path)
    chapters = [_chapter_spec(path, Raw.item(chapter_list, i, f"chapter #{i + 1}")) for i in range(len(chapter_list))]
    last = text_field(path, top, "last_sentence")
    if last[-1] not in SENTENCE_ENDS or any(ch in SENTENCE_ENDS for ch in last[:-1]):
        raise top.error(
            "last_sentence",
            "last_sentence is not one sentence ending with 。",
            "copy the plan's last sentence, from the 。 before it to its own 。",
            path,
        )
    return Manifest(
        title=text_field(path, top, "title"),
        metadata_labels=dict(labels),
        label_placeholders=placeholders,
        latin_allowed=latin,
        chapters=tuple(chapters),
        last_sentence=last,
    )


def _chapter_spec(path: Path, entry: Raw) -> ChapterSpec:
    check_fields(path, entry, ("title", "intro", "sections", "paragraphs"))
    sections = string_list(path, entry, "sections")
    counts = list_field(path, entry, "paragraphs")
    if len(counts) != len(sections) or not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in counts):
        raise entry.error(
            "paragraphs",
            f"paragraphs must give one positive count per section ({len(sections)}), found {counts!r}",
            "count the paragraphs of each section in the raw file",
            path,
        )
    return ChapterSpec(text_field(path, entry, "title"), sections, int_field(path, entry, "intro"), tuple(counts))


# --------------------------------------------------------------------------- provenance


@dataclass(frozen=True)
class Provenance:
    """Where the raw source comes from and what it is (``source/provenance.yml``)."""

    raw_file: str
    sha256: str
    bytes: int
    lines: int
    document: dict[str, object]


PROVENANCE_FIELDS = ("raw_file", "sha256", "bytes", "lines", "encoding", "acquired_as", "document", "known_defects")
DOCUMENT_FIELDS = (
    "title",
    "notice_title",
    "issuing_body",
    "document_number",
    "date_written",
    "date_published",
    "publication_note",
)
SHA256 = re.compile(r"^[0-9a-f]{64}$")


@cache
def provenance(path: Path = SOURCE / "provenance.yml") -> Provenance:
    """Load and validate ``provenance.yml``."""
    top = Raw(load_yaml(path), 1, "provenance.yml")  # type: ignore[arg-type]
    check_fields(path, top, PROVENANCE_FIELDS)
    raw_file = text_field(path, top, "raw_file")
    if "/" in raw_file or not (path.parent / raw_file).is_file():
        raise top.error("raw_file", f"raw_file {raw_file!r} is not a file beside provenance.yml", "name the raw file", path)
    sha = top.data["sha256"]
    if not isinstance(sha, str) or not SHA256.match(sha):
        raise top.error("sha256", f"sha256 {sha!r} is not 64 lower-case hex digits", "write the output of sha256sum", path)
    if top.data["encoding"] != "UTF-8":
        raise top.error("encoding", f"encoding {top.data['encoding']!r} is not UTF-8", "the raw file is read as UTF-8", path)
    text_field(path, top, "acquired_as")
    string_list(path, top, "known_defects")
    document = Raw(top.data["document"], top.at("document")[0], "document")
    check_fields(path, document, DOCUMENT_FIELDS)
    for key in DOCUMENT_FIELDS:
        if key.startswith("date_"):
            if not isinstance(document.data[key], datetime.date):
                raise document.error(key, f"{key} {document.data[key]!r} is not a date", f"write {key}: YYYY-MM-DD", path)
        else:
            text_field(path, document, key)
    return Provenance(raw_file, sha, int_field(path, top, "bytes"), int_field(path, top, "lines"), dict(document.data))


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Row:
    """One row of a TSV table: its line, its cells by column name, and where each cell starts."""

    line: int
    cells: dict[str, str]
    columns: dict[str, int]  # 1-based column of each cell

    def error(self, column: str, message: str, fix: str, path: Path) -> PipelineError:
        return PipelineError(message, fix, path, self.line, self.columns[column])


def read_tsv(path: Path, columns: tuple[str, ...]) -> list[Row]:
    """Read a TSV file with a header row; ``#`` lines are comments."""
    rows: list[Row] = []
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
                f"{len(cells)} columns, expected {len(header)} ({' / '.join(header)})",
                "separate the columns with single tab characters",
                path,
                number,
                1,
            )
        starts = [sum(len(c) + 1 for c in cells[:k]) + 1 for k in range(len(cells))]
        rows.append(Row(number, dict(zip(header, cells, strict=True)), dict(zip(header, starts, strict=True))))
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
    """Load and validate an override table (``source/overrides/*.tsv``)."""
    result: list[Override] = []
    for row in read_tsv(path, OVERRIDE_COLUMNS):
        cells = row.cells
        if not cells["source"]:
            raise row.error("source", "source is empty", "give the phrase in the input script", path)
        if not (len(cells["source"]) == len(cells["opencc"]) == len(cells["correct"])):
            raise row.error(
                "opencc",
                f"source, opencc and correct differ in length ({cells['source']!r}, {cells['opencc']!r}, {cells['correct']!r})",
                "overrides are applied by position; give phrases of equal length",
                path,
            )
        if cells["opencc"] == cells["correct"]:
            raise row.error("correct", "opencc and correct are the same", "remove the row, or fix the correct form", path)
        if not re.fullmatch(r"[1-9][0-9]*", cells["count"]):
            raise row.error(
                "count",
                f"count {cells['count']!r} is not a positive whole number",
                "give how many times the override fires",
                path,
            )
        if not cells["evidence"].strip():
            raise row.error("evidence", "no evidence", "say why the correct form is right (dictionary, standard, context)", path)
        twin = next((o for o in result if o.source == cells["source"]), None)
        if twin:
            raise row.error("source", f"source {cells['source']!r} is already listed on line {twin.line}", "merge the rows", path)
        result.append(
            Override(cells["source"], cells["opencc"], cells["correct"], int(cells["count"]), cells["evidence"], path, row.line)
        )
    return tuple(result)


PARAGRAPH_ANCHOR = re.compile(r"^p[1-9][0-9]*-[0-9]+-[1-9][0-9]*$")


@cache
def lead_sentences(path: Path = SOURCE / "lead-sentences.tsv") -> dict[str, str]:
    """The curated list of every lead sentence, by paragraph anchor."""
    result: dict[str, str] = {}
    lines: dict[str, int] = {}
    for row in read_tsv(path, ("paragraph", "lead")):
        anchor, lead = row.cells["paragraph"], row.cells["lead"]
        if not PARAGRAPH_ANCHOR.match(anchor):
            raise row.error("paragraph", f"paragraph {anchor!r} is not a paragraph anchor", "write it like p3-1-2", path)
        if anchor in result:
            raise row.error("paragraph", f"paragraph {anchor} is already listed on line {lines[anchor]}", "keep one row", path)
        if not lead or lead[-1] not in SENTENCE_ENDS or lead != lead.strip():
            raise row.error("lead", f"lead {lead!r} is not a sentence ending with 。", "copy the sentence with its 。", path)
        result[anchor] = lead
        lines[anchor] = row.line
    return result
