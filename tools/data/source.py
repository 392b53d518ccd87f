"""The records of the pipeline's own data files in ``source/``, validated when loaded.

Errata (``errata.yml``), removals (``removals.yml``), the structure
(``manifest.yml``), provenance (``provenance.yml``), the OpenCC override tables
(``overrides/*.tsv``, and the two converters made with them) and the lead
sentences (``lead-sentences.tsv``). Each is read through :mod:`tools.data.readers`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from ..model import anchor_kind
from ..paths import SOURCE
from ..text.convert import Converter
from .readers import Raw, check_fields, int_field, items, list_field, load_yaml, read_tsv, string_list, text_field

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
    # every removed line as (part, raw line, text, reason), for the page 本版说明
    lines: tuple[tuple[str, int, str, str], ...] = ()


def removals(path: Path = SOURCE / "removals.yml") -> Removals:
    """Load and validate ``removals.yml``."""
    top = Raw(load_yaml(path), 1, "removals.yml")  # type: ignore[arg-type]
    check_fields(path, top, ("leading", "trailing"))
    parts: dict[str, tuple[str, ...]] = {}
    listed: list[tuple[str, int, str, str]] = []
    for part in ("leading", "trailing"):
        lines = list_field(path, top, part)
        texts = []
        for i in range(len(lines)):
            entry = Raw.item(lines, i, f"{part} #{i + 1}")
            check_fields(path, entry, ("raw_line", "text", "reason"))
            raw_line = int_field(path, entry, "raw_line")
            text = text_field(path, entry, "text", allow_space=True)
            if "\n" in text:
                raise entry.error("text", "text spans more than one line", "list each removed line as its own entry", path)
            reason = text_field(path, entry, "reason")
            texts.append(text)
            listed.append((part, raw_line, text, reason))
        parts[part] = tuple(texts)
    return Removals(leading=parts["leading"], trailing=parts["trailing"], lines=tuple(listed))


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
    official_url: str = ""  # the official page's address, once a curator has found it


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
OFFICIAL_URL = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::[0-9]+)?(?:/[^\s]*)?$")


def provenance(path: Path = SOURCE / "provenance.yml") -> Provenance:
    """Load and validate ``provenance.yml``."""
    top = Raw(load_yaml(path), 1, "provenance.yml")  # type: ignore[arg-type]
    check_fields(path, top, PROVENANCE_FIELDS, ("official_url",))
    official_url = top.data.get("official_url") or ""
    if official_url and (not isinstance(official_url, str) or not OFFICIAL_URL.match(official_url)):
        raise top.error(
            "official_url",
            f"official_url {official_url!r} is not an https address",
            "write the official page's address as https://host/path, or leave the field empty",
            path,
        )
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
    return Provenance(
        raw_file, sha, int_field(path, top, "bytes"), int_field(path, top, "lines"), dict(document.data), official_url
    )


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


T2S_OVERRIDES = SOURCE / "overrides" / "t2s.tsv"
S2TW_OVERRIDES = SOURCE / "overrides" / "s2tw.tsv"


def to_simplified() -> Converter:
    """Traditional → Simplified (OpenCC t2s + ``source/overrides/t2s.tsv``), a fresh converter with its own counts."""
    return Converter("t2s", overrides(T2S_OVERRIDES))


def to_traditional() -> Converter:
    """Simplified → Traditional, Taiwan forms (OpenCC s2tw + ``source/overrides/s2tw.tsv``), a fresh converter."""
    return Converter("s2tw", overrides(S2TW_OVERRIDES))


def lead_sentences(path: Path = SOURCE / "lead-sentences.tsv") -> dict[str, str]:
    """The curated list of every lead sentence, by paragraph anchor."""
    result: dict[str, str] = {}
    lines: dict[str, int] = {}
    for row in read_tsv(path, ("paragraph", "lead")):
        anchor, lead = row.cells["paragraph"], row.cells["lead"]
        if anchor_kind(anchor) != "paragraph":
            raise row.error("paragraph", f"paragraph {anchor!r} is not a paragraph anchor", "write it like p3-1-2", path)
        if anchor in result:
            raise row.error("paragraph", f"paragraph {anchor} is already listed on line {lines[anchor]}", "keep one row", path)
        if not lead or lead[-1] not in SENTENCE_ENDS or lead != lead.strip():
            raise row.error("lead", f"lead {lead!r} is not a sentence ending with 。", "copy the sentence with its 。", path)
        result[anchor] = lead
        lines[anchor] = row.line
    return result
