"""The glossary's data: ``source/glossary.yml`` and ``source/glossary-ignore.yml``, validated when loaded.

Everything that can be checked without the document is checked here: fields,
categories, ids, pinyin against pypinyin (a differing polyphone reading needs
``pinyin_correction``), anchors' form, related terms, exclusion contexts.
Where the terms occur, and whether ``home`` and ``defined_in`` hold them, is
checked against each script's document by :mod:`tools.annotate`.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model import anchor_kind
from ..paths import SOURCE
from .entries import ENTRY_ID, Exclusion, Group, Hant, exclusions, load_entry_file
from .pinyin import ascii_slug, normalise_pinyin, pypinyin_of
from .readers import Raw, check_fields, items, list_field, load_yaml, string_list, text_field

GLOSSARY = SOURCE / "glossary.yml"
GLOSSARY_IGNORE = SOURCE / "glossary-ignore.yml"
# Characters a Markdown link title or YAML-quoted tooltip must not contain.
_TITLE_UNSAFE = re.compile(r'["\\<>&\n]')


@dataclass(frozen=True)
class Localized:
    """The script-dependent texts of one term."""

    term: str
    forms: tuple[str, ...]  # the term and its aliases, as they occur in the text
    short: str
    explanation: str
    evidence: str
    quotes: tuple[str, ...]
    excludes: tuple[str, ...]
    category: str
    category_description: str


@dataclass(frozen=True)
class Term:
    """One glossary entry (Simplified fields; :meth:`text` gives either script)."""

    id: str
    term: str
    traditional: str
    pinyin: str
    english: str
    short: str  # one line: the tooltip
    explanation: str
    category: str  # the category's name, e.g. 数字概括语
    category_id: str
    related: tuple[str, ...]  # ids of related terms
    evidence: str
    editor_note: bool  # True when the definition is the editors' own, not the plan's words
    defined_in: str | None  # paragraph anchor where the plan spells the term out
    home: str  # section (or chapter) anchor where the plan defines or develops it
    aliases: tuple[str, ...]
    quotes: tuple[str, ...]  # the plan's own words in defined_in
    exclude: tuple[Exclusion, ...]
    pinyin_correction: str  # why pinyin differs from pypinyin, or ""
    line: int
    hant: Localized
    hans: Localized

    @property
    def anchor(self) -> str:
        return f"t-{self.id}"

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)

    def text(self, script: str) -> Localized:
        return self.hant if script == "zh-Hant" else self.hans


TERM_REQUIRED = ("term", "pinyin", "english", "category", "short", "evidence", "home")
TERM_OPTIONAL = ("id", "explanation", "defined_in", "quote", "related", "aliases", "exclude", "pinyin_correction")


@dataclass(frozen=True)
class Glossary:
    categories: tuple[Group, ...]
    terms: tuple[Term, ...]
    path: Path

    def by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.terms}


def load(path: Path = GLOSSARY) -> Glossary:
    """Load and validate ``glossary.yml`` (everything that needs no document)."""
    top, hant, categories = load_entry_file(path, "categories", "terms", "category")
    category_by_name = {c.name: c for c in categories}

    listed = list_field(path, top, "terms")
    raws = []
    for i, item in enumerate(listed):
        name = f"term {item.get('term')}" if isinstance(item, dict) and item.get("term") else f"term #{i + 1}"
        raws.append(Raw.item(listed, i, name))
    names = {}
    for entry in raws:
        check_fields(path, entry, TERM_REQUIRED, TERM_OPTIONAL)
        term = text_field(path, entry, "term")
        if term in names:
            raise entry.error("term", f"listed twice (also at line {names[term]})", "merge the two entries", path)
        names[term] = entry.line

    terms: list[Term] = []
    ids: dict[str, int] = {}
    forms_seen: dict[str, str] = {}
    for entry in raws:
        terms.append(_term(path, entry, category_by_name, hant))
        t = terms[-1]
        if t.id in ids:
            raise entry.error("term", f"id {t.id!r} is already used (line {ids[t.id]})", "give one of them an explicit id", path)
        ids[t.id] = entry.line
        for form in t.forms:
            if form in forms_seen:
                raise entry.error(
                    "aliases" if form != t.term else "term",
                    f"form {form!r} also belongs to {forms_seen[form]}",
                    "a form can name one term only",
                    path,
                )
            forms_seen[form] = t.term
    # Related terms by name → id.
    id_of = {t.term: t.id for t in terms}
    resolved = []
    for t, entry in zip(terms, raws, strict=True):
        related = []
        for name in string_list(path, entry, "related"):
            if name not in id_of:
                close = difflib.get_close_matches(name, list(id_of), n=1)
                hint = f"did you mean {close[0]}? " if close else ""
                raise entry.error(
                    "related", f"related term {name!r} is not in the glossary", f"{hint}name another entry's term exactly", path
                )
            if name == t.term:
                raise entry.error("related", "lists itself as related", "remove it from related", path)
            related.append(id_of[name])
        resolved.append(dataclasses.replace(t, related=tuple(related)))
    return Glossary(tuple(categories), tuple(resolved), path)


# What `evidence` must name (issue 11): a document title in 《》 other than the plan's
# own, a document number, a standard code, or an issuer with a year in one clause.
# The plan's own words (规划原文) count where the entry quotes them (defined_in); an
# abbreviation (缩略语) may cite the plan paragraph that expands it. Some phrases
# name no source at all and are refused by name.
_HAN_RANGE = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_ISSUER = (
    r"(?:习近平(?:总书记|主席)|中共中央|国务院|全国人民代表大会|联合国"
    rf"|[{_HAN_RANGE}]{{1,24}}(?:部|委员会|委|局|署|院|厅|办公室|政府|中心|组织|大会|全会|会议|发布会))"
)
_EVIDENCE_SOURCES = (
    re.compile(r"《(?!青岛都市圈发展规划》)[^《》]+》"),
    re.compile(rf"[{_HAN_RANGE}]+〔(?:19|20)\d{{2}}〕\d+号"),
    re.compile(r"(?<![A-Za-z])(?:GB/T|GB/Z|GB|SC/T|HJ|JT/T|ISO|IEC|ITU-[RT])\s?(?:[A-Z]\.)?\d+"),
    re.compile(rf"{_ISSUER}[^；]*?(?:19|20)\d{{2}}年|(?:19|20)\d{{2}}年[^；]*?{_ISSUER}"),
)
_PLAN_PARAGRAPH = re.compile(r"第[一二三四五六七八九十]+章(?:引言|第[一二三四五六七八九十]+节)第\d+段")
EVIDENCE_REFUSED = ("字面义", "通行简称", "常用提法")


def evidence_problem(evidence: str, category: str, plan_defines: bool) -> str | None:
    """Why ``evidence`` names no source, or None when it does.

    >>> evidence_problem("国务院《关于支持山东深化新旧动能转换推动绿色低碳高质量发展的意见》", "政策机制", False)
    >>> evidence_problem("字面义；常用提法", "形象说法", False)
    "it says '字面义', which names no source"
    >>> evidence_problem("规划原文", "规划概念", True), evidence_problem("规划原文", "规划概念", False)
    (None, 'it names no document, standard or issuer with a date')
    >>> evidence_problem("规划第一章引言第1段", "缩略语", False)
    """
    for phrase in EVIDENCE_REFUSED:
        if phrase in evidence:
            return f"it says {phrase!r}, which names no source"
    if any(rule.search(evidence) for rule in _EVIDENCE_SOURCES):
        return None
    if plan_defines and "规划原文" in evidence:
        return None
    if category == "缩略语" and _PLAN_PARAGRAPH.search(evidence):
        return None
    return "it names no document, standard or issuer with a date"


def _term(path: Path, entry: Raw, categories: Mapping[str, Group], hant: Hant) -> Term:
    term = text_field(path, entry, "term")
    pinyin = text_field(path, entry, "pinyin", allow_empty=True)
    english = text_field(path, entry, "english")
    short = text_field(path, entry, "short")
    explanation = text_field(path, entry, "explanation", allow_empty=True)
    evidence = text_field(path, entry, "evidence")
    home = text_field(path, entry, "home")
    correction = text_field(path, entry, "pinyin_correction", allow_empty=True)
    aliases = string_list(path, entry, "aliases")
    quotes = string_list(path, entry, "quote")
    defined_in = entry.data.get("defined_in")
    category_name = text_field(path, entry, "category")
    if category_name not in categories:
        raise entry.error(
            "category",
            f"unknown category {category_name!r}",
            f"use one of {', '.join(categories)} or add it under categories",
            path,
        )
    category = categories[category_name]
    problem = evidence_problem(evidence, category_name, defined_in is not None)
    if problem:
        raise entry.error(
            "evidence",
            f"evidence {evidence[:40]!r}: {problem}",
            "cite a document title in 《》, a document number (…〔YYYY〕N号), a standard code or an issuer with a date; "
            "if nothing can be cited, move the term to glossary-ignore.yml with the reason",
            path,
        )
    unsafe = _TITLE_UNSAFE.search(short)
    if unsafe:
        raise entry.error(
            "short",
            f"short contains {unsafe.group()!r}, which cannot go into a tooltip",
            "use full-width quotes “…” and no backslash, <, > or &",
            path,
        )
    # Pinyin: curated, checked against pypinyin; a difference needs a reason.
    han = any("\u3400" <= ch <= "\u9fff" for ch in term)
    if han and not pinyin:
        raise entry.error(
            "pinyin", "no pinyin", f"write it with tone marks, words separated by spaces: {pypinyin_of(term)}", path
        )
    if not han and pinyin:
        raise entry.error("pinyin", "a term without Han characters has no pinyin", "write pinyin: ''", path)
    if han:
        machine = pypinyin_of(term)
        agrees = normalise_pinyin(pinyin) == normalise_pinyin(machine)
        if not agrees and not correction:
            raise entry.error(
                "pinyin",
                f"pinyin {pinyin!r} differs from pypinyin {machine!r}",
                "fix the pinyin, or add pinyin_correction: with the reason pypinyin is wrong here",
                path,
            )
        if agrees and correction:
            raise entry.error(
                "pinyin_correction",
                "pinyin_correction given but the pinyin agrees with pypinyin",
                "remove pinyin_correction",
                path,
            )
    term_id = entry.data.get("id") or ascii_slug(pinyin)
    if not isinstance(term_id, str) or not ENTRY_ID.match(term_id):
        raise entry.error(
            "id" if "id" in entry.data else "pinyin",
            f"id {term_id!r} is not lower-case ASCII words joined by hyphens",
            "give an explicit id: such as pm2-5",
            path,
        )
    if "id" in entry.data and pinyin and entry.data["id"] == ascii_slug(pinyin):
        raise entry.error("id", "explicit id equals the one derived from the pinyin", "remove id", path)
    # Plan-defined terms quote the plan; everything else is an editor's note.
    if defined_in is not None:
        if anchor_kind(defined_in) != "paragraph":
            raise entry.error("defined_in", f"defined_in {defined_in!r} is not a paragraph anchor", "write it like p3-3-3", path)
        if not quotes:
            raise entry.error("defined_in", "defined_in without quote", "quote the plan's own words from that paragraph", path)
    elif quotes:
        raise entry.error("quote", "quote without defined_in", "name the paragraph the quote comes from", path)
    if anchor_kind(home) not in ("chapter", "section"):
        raise entry.error(
            "home",
            f"home {home!r} is not a section or chapter anchor",
            "write it like s3-1 (or ch2 for a chapter introduction)",
            path,
        )
    for alias in aliases:
        if alias == term:
            raise entry.error("aliases", "alias equals the term", "remove it", path)
    excl = exclusions(path, entry, (term, *aliases))

    def localized(convert) -> Localized:
        return Localized(
            term=convert(term),
            forms=tuple(convert(f) for f in (term, *aliases)),
            short=convert(short),
            explanation=convert(explanation),
            evidence=convert(evidence),
            quotes=tuple(convert(q) for q in quotes),
            excludes=tuple(convert(e.context) for e in excl),
            category=convert(category.name),
            category_description=convert(category.description),
        )

    return Term(
        id=term_id,
        term=term,
        traditional=hant(term),
        pinyin=pinyin,
        english=english,
        short=short,
        explanation=explanation,
        category=category.name,
        category_id=category.id,
        related=(),
        evidence=evidence,
        editor_note=defined_in is None,
        defined_in=defined_in,
        home=home,
        aliases=aliases,
        quotes=quotes,
        exclude=excl,
        pinyin_correction=correction,
        line=entry.line,
        hant=localized(hant),
        hans=localized(lambda s: s),
    )


def load_glossary() -> tuple[Term, ...]:
    """The validated glossary entries, in data-file order."""
    return load().terms


@dataclass(frozen=True)
class Ignored:
    candidate: str
    reason: str
    line: int


def load_ignore(path: Path = GLOSSARY_IGNORE) -> tuple[Ignored, ...]:
    """Candidate terms deliberately left out of the glossary, each with a reason."""
    data = items(path, load_yaml(path), "the ignore list", "write one '- candidate: … reason: …' per item")
    result = []
    seen = set()
    for i in range(len(data)):
        entry = Raw.item(data, i, f"ignored candidate #{i + 1}")
        check_fields(path, entry, ("candidate", "reason"))
        candidate = text_field(path, entry, "candidate")
        if candidate in seen:
            raise entry.error("candidate", f"{candidate!r} is listed twice", "remove one", path)
        seen.add(candidate)
        result.append(Ignored(candidate, text_field(path, entry, "reason"), entry.line))
    return tuple(result)
