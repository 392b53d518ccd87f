"""The conversion pipeline: raw source → Simplified and Traditional documents.

:func:`convert_source` runs the stages in order and records, per step, what it
changed, so a run can explain itself ("strip_pinyin ×2549").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .annotate import Annotations, annotate
from .annotate.emend import Emendation, emendations
from .data import Curated, load_curated
from .errors import PipelineError
from .model import Document
from .model.parse import parse_document
from .text import Edit, Tracked, line_col
from .text.clean import check_not_repeated, junk_line_edits, label_spacing_edits, pinyin_edits
from .text.convert import Converter, traditional_only_chars
from .text.load import Source, load_source
from .text.normalise import punctuation_edits
from .text.repair import check_corruption, mojibake_edits


@dataclass
class Report:
    """Counts of what each step changed, in order."""

    source: str = ""
    sha256: str = ""
    steps: dict[str, int] = field(default_factory=dict)
    structure: dict[str, int] = field(default_factory=dict)

    def add(self, step: str, changes: int) -> None:
        self.steps[step] = changes

    def lines(self) -> list[str]:
        out = [f"source {self.source} (sha256 {self.sha256[:12]}…)"]
        out += [f"  {name:<24} ×{n}" for name, n in self.steps.items()]
        out.append("  structure: " + ", ".join(f"{n} {k}" for k, n in self.structure.items()))
        return out

    def to_dict(self) -> dict:
        return {"source": self.source, "sha256": self.sha256, "steps": self.steps, "structure": self.structure}


@dataclass(frozen=True)
class Result:
    simplified: Document
    traditional: Document
    cleaned: str  # the cleaned Traditional text, before conversion (raw line numbers)
    report: Report
    curated: Curated
    annotations: dict[str, Annotations]  # by script: the terms and places found in its document, validated
    emendations: tuple[Emendation, ...] = ()  # the repaired spans, by paragraph and offset (the same in both scripts)


def clean_text(source: Source, report: Report, curated: Curated) -> Tracked:
    """Repair, remove and normalise: the raw text up to (not including) conversion.

    Every step is a list of edits applied to a :class:`~tools.text.Tracked`
    text, so each character of the result knows its raw position.
    """
    manifest, errata, removals = curated.manifest, curated.errata, curated.removals
    report.add("normalise_encoding", int(source.had_bom) + int(source.had_crlf))
    check_not_repeated(source.text)
    check_corruption(source.text, errata, manifest.label_placeholders, manifest.latin_allowed)
    steps: tuple[tuple[str, Callable[[str], list[Edit]]], ...] = (
        ("repair_mojibake", lambda text: mojibake_edits(text, errata)),
        ("strip_junk_lines", lambda text: junk_line_edits(text, removals.leading, removals.trailing)),
        ("restore_label_spacing", lambda text: label_spacing_edits(text, manifest.label_placeholders)),
        ("strip_pinyin", pinyin_edits),
        ("normalise_punctuation", punctuation_edits),
    )
    tracked = Tracked.of(source.text)
    for name, edits_of in steps:
        edits = edits_of(tracked.text)
        tracked = tracked.edit(edits)
        report.add(name, len(edits))
    return tracked


def at_raw_position(error: PipelineError, tracked: Tracked, raw: str) -> PipelineError:
    """``error``, located in the cleaned (or aligned Simplified) text, moved to the raw file's line and column."""
    if error.path is None and error.line is not None and error.column is not None:
        error.line, error.column = line_col(raw, tracked.raw_offset(error.line, error.column))
    return error


def convert_source(source: Source) -> Result:
    """Run every stage on a loaded source; raise :class:`PipelineError` on bad input.

    Every error about the source names the raw file's line and column, even
    when a later stage found it in the cleaned or Simplified text.
    """
    curated = load_curated()
    report = Report(str(source.path), source.sha256)
    try:
        tracked = clean_text(source, report, curated)
    except PipelineError as exc:
        raise exc.located(source.path) from None
    cleaned = tracked.text
    try:
        t2s = Converter("t2s", curated.t2s)
        simplified_text = t2s(cleaned)  # character for character: positions stay those of `cleaned`
        report.add("convert_t2s", t2s.converted_chars)
        report.add("override_t2s", t2s.overrides_fired)
        for offset, ch in traditional_only_chars(simplified_text):
            line, column = line_col(simplified_text, offset)
            raise PipelineError(
                f"Traditional character {ch!r} left in the Simplified text",
                "add an override to source/overrides/t2s.tsv",
                None,
                line,
                column,
            )
        document = parse_document(simplified_text, curated.manifest, source.sha256)
        t2s.check_counts()  # after the structure: a text cut short is reported as such, not as a count
        s2tw = Converter("s2tw", curated.s2tw)
        traditional = document.map_text(s2tw, "zh-Hant")
        report.add("convert_s2tw", s2tw.converted_chars)
        s2tw.check_counts()
        report.add("override_s2tw", s2tw.overrides_fired)
    except PipelineError as exc:
        raise at_raw_position(exc, tracked, source.text).located(source.path) from None
    report.structure = {
        "chapters": len(document.chapters),
        "sections": sum(len(c.sections) for c in document.chapters),
        "paragraphs": sum(1 for _ in document.paragraphs()),
        "lead sentences": sum(1 for p in document.paragraphs() if p.lead),
        "metadata fields": len(document.metadata),
    }
    # The glossary, the index and the see-also links: matched in each script once, and validated.
    annotations = {doc.script: annotate(doc, curated) for doc in (document, traditional)}
    marks = emendations(document, cleaned, curated.errata)
    return Result(document, traditional, cleaned, report, curated, annotations, marks)


def convert_file(path: Path) -> Result:
    """Load the raw source at ``path`` and convert it."""
    return convert_source(load_source(path))
