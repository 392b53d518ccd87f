"""Stage 8 — glossary: curated terms, CJK-aware term links, the glossary page.

The single source of truth is ``source/glossary.yml``; this module loads and
validates it, finds the terms in the text of both scripts, links every
occurrence in the body of the chapters to its entry (with the one-line
definition as a tooltip) and renders ``glossary.md``.

Matching is leftmost-longest over the Han text, not ``\\b``-delimited as in
Python-Markdown's ``abbr`` extension (which never matches inside running Han
text): at each position the longest form that is allowed there wins, so an
occurrence inside a longer glossary term counts only as the longer term (双莱
inside 才聚双莱, 济青 inside 济青陆海发展主轴). Three guards keep short terms
from matching where the characters are merely adjacent:

* a form beginning with a Han numeral (三带, 四新, 两委 …) does not match right
  after 第 or another numeral (第三带…, 十四新…);
* a form beginning or ending with a Latin letter or digit (5G, PM2.5, RCEP)
  does not match next to another Latin letter or digit;
* a term may list exclusion contexts in the data (引黄济青 is not 济南–青岛).

Traditional forms of every curated text are derived with the converter the
pages use (:func:`tools.convert.to_traditional`, a fresh instance), never
written by hand, so both scripts share ids, anchors and links.
"""

from __future__ import annotations

import dataclasses
import difflib
import html
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from ..errors import PipelineError
from ..model import Chapter, Document, Paragraph, Section, chinese_numeral, citation
from ..paths import SOURCE
from ..render import PageContext, escape_md, front_matter
from ..text.convert import Converter, to_traditional
from ..ui import t as ui
from .source import Raw, check_fields, items, list_field, load_yaml, string_list, text_field

GLOSSARY = SOURCE / "glossary.yml"
GLOSSARY_IGNORE = SOURCE / "glossary-ignore.yml"
GENERATOR = "tools/glossary.py"
PAGE = "glossary.md"

# --------------------------------------------------------------------------- patterns

HAN_NUMERALS = "一二三四五六七八九十两兩双雙"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Candidate terms in running text (see :func:`candidates`).
QUOTED = re.compile(r"“([^“”\n]+)”")
NUMERAL_FORMULA = re.compile(f"[{HAN_NUMERALS}][{_HAN}][{HAN_NUMERALS}多][{_HAN}]")
DUAL = re.compile(f"[双雙][{_HAN}]")
LATIN = re.compile(r"[0-9]*[A-Za-z\u2160-\u216b][A-Za-z0-9.\u2160-\u216b]*")
# Anchors the model gives chapters, sections and paragraphs.
ANCHOR = re.compile(r"^(?:ch(?P<ch>\d+)|s(?P<sc>\d+)-(?P<ss>\d+)|p(?P<pc>\d+)-(?P<ps>\d+)-(?P<pn>\d+))$")
TERM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Characters a Markdown link title or YAML-quoted tooltip must not contain.
_TITLE_UNSAFE = re.compile(r'["\\<>&\n]')
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_PINYIN_KEEP = re.compile(r"[^a-z0-9āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü+]")

# Interface strings (术语表, 释义, 编者注 …) are in tools/ui.py with the others.


# --------------------------------------------------------------------------- anchors and citations


def cite_anchor(anchor: str, script: str) -> str:
    """How a reader cites an anchor: ``p3-1-2`` → 第三章第一节第2段 (節 in Traditional).

    >>> cite_anchor("p3-1-2", "zh-Hans"), cite_anchor("p3-0-1", "zh-Hant"), cite_anchor("s2-2", "zh-Hant")
    ('第三章第一节第2段', '第三章引言第1段', '第二章第二節')
    """
    m = ANCHOR.match(anchor)
    if not m:
        raise ValueError(anchor)
    if m["ch"]:
        return f"第{chinese_numeral(int(m['ch']))}章"
    if m["sc"]:
        return citation(int(m["sc"]), int(m["ss"]), script=script)
    return citation(int(m["pc"]), int(m["ps"]), int(m["pn"]), script)


def page_of(anchor: str) -> str:
    """The chapter page an anchor lives on: ``p3-1-2`` → ``ch03.md``.

    >>> page_of("p3-1-2"), page_of("s10-1"), page_of("ch7")
    ('ch03.md', 'ch10.md', 'ch07.md')
    """
    m = ANCHOR.match(anchor)
    if not m:
        raise ValueError(anchor)
    chapter = int(m["ch"] or m["sc"] or m["pc"])
    return f"ch{chapter:02d}.md"


def anchor_link(anchor: str, script: str, from_page: str = "") -> str:
    """A Markdown link to ``anchor`` with its citation as text."""
    return f"[{cite_anchor(anchor, script)}]({relative(page_of(anchor), from_page)}#{anchor})"


def relative(target: str, from_page: str) -> str:
    """``target`` (a page under docs/<script>/) relative to the page ``from_page``."""
    base = posixpath.dirname(from_page)
    return posixpath.relpath(target, base) if base else target


def document_anchors(doc: Document) -> dict[str, object]:
    """Every anchor of the model → the chapter, section or paragraph it names."""
    anchors: dict[str, object] = {}
    for chapter in doc.chapters:
        anchors[chapter.anchor] = chapter
        for p in chapter.intro:
            anchors[p.anchor] = p
        for section in chapter.sections:
            anchors[section.anchor] = section
            for p in section.paragraphs:
                anchors[p.anchor] = p
    return anchors


def paragraphs_under(target: object) -> Iterator[Paragraph]:
    """The paragraphs of a chapter, a section, or the paragraph itself."""
    if isinstance(target, Chapter):
        yield from target.paragraphs()
    elif isinstance(target, Section):
        yield from target.paragraphs
    elif isinstance(target, Paragraph):
        yield target


# --------------------------------------------------------------------------- data files


@dataclass(frozen=True)
class Exclusion:
    """A longer context in which a form is not the term: 引黄济青 for 济青."""

    context: str
    reason: str


def exclusions(path: Path, entry: Raw, forms: Sequence[str]) -> tuple[Exclusion, ...]:
    result = []
    listed = list_field(path, entry, "exclude")
    for i in range(len(listed)):
        sub = Raw.item(listed, i, f"{entry.name}, exclusion #{i + 1}")
        check_fields(path, sub, ("context", "reason"))
        context, reason = text_field(path, sub, "context"), text_field(path, sub, "reason")
        if not any(f in context and f != context for f in forms):
            raise sub.error(
                "context",
                f"context {context!r} does not contain the term",
                "an exclusion context is a longer string that contains the term, e.g. 引黄济青 for 济青",
                path,
            )
        result.append(Exclusion(context, reason))
    return tuple(result)


@cache
def converter() -> Converter:
    """A fresh Simplified → Traditional converter for curated data.

    The same OpenCC configuration and override table as the pages, in its own
    instance, so converting data never disturbs the pipeline's override counts.
    """
    return to_traditional()


def hant(text: str) -> str:
    """Traditional form of a curated text."""
    return converter()(text) if text else text


# --------------------------------------------------------------------------- pinyin


def pypinyin_of(text: str) -> str:
    """What pypinyin reads (tone marks, one syllable per Han character), joined.

    >>> pypinyin_of("三区三线")
    'sān qū sān xiàn'
    """
    return " ".join(lazy_pinyin(text, style=Style.TONE))


def normalise_pinyin(text: str) -> str:
    """Pinyin with word spacing, hyphens, apostrophes and brackets removed, for comparison.

    >>> normalise_pinyin("Zhōng'ōu bānliè") == normalise_pinyin("zhōng ōu bān liè")
    True
    """
    return _PINYIN_KEEP.sub("", unicodedata.normalize("NFC", text.lower()))


def ascii_slug(pinyin: str) -> str:
    """Tone marks off, words joined by hyphens: the term's id.

    >>> ascii_slug("sānqū sānxiàn"), ascii_slug("lǜdiàn rù lǔ"), ascii_slug("15 fēnzhōng shēnghuóquān")
    ('sanqu-sanxian', 'lvdian-ru-lu', '15-fenzhong-shenghuoquan')
    """
    words = []
    for word in re.split(r"[\s\-]+", pinyin.strip()):
        plain = unicodedata.normalize("NFD", word).replace("u\u0308", "v").replace("U\u0308", "v")
        plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
        plain = re.sub(r"[^a-z0-9]", "", plain)
        if plain:
            words.append(plain)
    return "-".join(words)


# Tone marks (combining, after NFD) → tone number; a syllable without one is
# in the neutral tone (轻声), which sorts after the four tones.
TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
NEUTRAL_TONE = 5


def tones(pinyin: str) -> tuple[int, ...]:
    """One number per letter or digit of ``pinyin``: the tone its mark gives (1–4), else 5.

    Two spellings with the same letters compare by the tones of their syllables
    in order, the neutral tone last: mā < má < mǎ < mà < ma.

    >>> tones("mā"), tones("ma"), tones("lǜ")
    ((5, 1), (5, 5), (5, 4))
    """
    out: list[int] = []
    for ch in unicodedata.normalize("NFD", pinyin.lower()):
        if ch in TONE_MARKS and out:
            out[-1] = TONE_MARKS[ch]
        elif ch.isascii() and ch.isalnum():
            out.append(NEUTRAL_TONE)
    return tuple(out)


def sort_key(pinyin: str, term: str) -> tuple:
    """Sort by toneless pinyin, then tones (1, 2, 3, 4, neutral), then the term.

    A term without pinyin (a Latin acronym: RCEP, 5G) sorts by its own letters
    among the pinyin spellings, digits before letters. The rule and its source
    are noted in tests/cases/glossary-order.txt.
    """
    basis = pinyin or term
    plain = ascii_slug(basis).replace("-", "")
    return (plain, tones(basis), term)


# --------------------------------------------------------------------------- the glossary


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    description: str


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
    categories: tuple[Category, ...]
    terms: tuple[Term, ...]
    path: Path

    def by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.terms}


@cache
def load(path: Path = GLOSSARY) -> Glossary:
    """Load and validate ``glossary.yml`` (everything that needs no document)."""
    data = load_yaml(path)
    top = Raw(data, 1, path.name)
    check_fields(path, top, ("categories", "terms"))
    listed = list_field(path, top, "categories")
    categories: list[Category] = []
    for i in range(len(listed)):
        entry = Raw.item(listed, i, f"category #{i + 1}")
        check_fields(path, entry, ("id", "name", "description"))
        cid = text_field(path, entry, "id")
        if not TERM_ID.match(cid):
            raise entry.error("id", f"id {cid!r} is not lower-case ASCII", "use letters, digits and hyphens", path)
        name, description = text_field(path, entry, "name"), text_field(path, entry, "description")
        if any(c.id == cid or c.name == name for c in categories):
            raise entry.error("id", "another category has the same name or id", "give every category its own id and name", path)
        categories.append(Category(cid, name, description))
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
        terms.append(_term(path, entry, category_by_name, names))
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


def _term(path: Path, entry: Raw, categories: Mapping[str, Category], names: Mapping[str, int]) -> Term:
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
    if not isinstance(term_id, str) or not TERM_ID.match(term_id):
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
        if not isinstance(defined_in, str) or not ANCHOR.match(defined_in) or not defined_in.startswith("p"):
            raise entry.error("defined_in", f"defined_in {defined_in!r} is not a paragraph anchor", "write it like p3-3-3", path)
        if not quotes:
            raise entry.error("defined_in", "defined_in without quote", "quote the plan's own words from that paragraph", path)
    elif quotes:
        raise entry.error("quote", "quote without defined_in", "name the paragraph the quote comes from", path)
    if not ANCHOR.match(home) or home.startswith("p"):
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


@cache
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


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Pattern:
    """One form to look for, the key it stands for, and where it must not match."""

    form: str
    key: str
    excludes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    key: str
    text: str


class Matcher:
    """Leftmost-longest matching of many forms over running Han text.

    >>> m = Matcher([Pattern("济青", "a", ("引黄济青",)), Pattern("济青陆海发展主轴", "b"), Pattern("三带", "c")])
    >>> [(x.text, x.key) for x in m.find("以济青陆海发展主轴为支撑；济青双城；引黄济青；“三带”；第三带")]
    [('济青陆海发展主轴', 'b'), ('济青', 'a'), ('三带', 'c')]
    """

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        by_first: dict[str, list[Pattern]] = {}
        for p in patterns:
            by_first.setdefault(p.form[0], []).append(p)
        self._by_first = {k: sorted(v, key=lambda p: -len(p.form)) for k, v in by_first.items()}
        self._found: dict[str, tuple[Match, ...]] = {}

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest matches in ``text`` (remembered: a build asks about
        each paragraph several times — links, backlinks, validation)."""
        if text not in self._found:
            self._found[text] = tuple(self._scan(text))
        return list(self._found[text])

    def _scan(self, text: str) -> list[Match]:
        out: list[Match] = []
        i = 0
        while i < len(text):
            for p in self._by_first.get(text[i], ()):
                if text.startswith(p.form, i) and allowed(text, i, p):
                    end = i + len(p.form)
                    out.append(Match(i, end, p.key, p.form))
                    i = end
                    break
            else:
                i += 1
        return out


def allowed(text: str, i: int, p: Pattern) -> bool:
    """May ``p.form`` match at ``i``? The guards described in the module docstring."""
    form = p.form
    end = i + len(form)
    before = text[i - 1] if i else ""
    after = text[end] if end < len(text) else ""
    if form[0] in HAN_NUMERALS and before and (before == "第" or before in HAN_NUMERALS or before.isdigit()):
        return False
    if _ASCII_ALNUM.match(form[0]) and before and _ASCII_ALNUM.match(before):
        return False
    if _ASCII_ALNUM.match(form[-1]) and after and _ASCII_ALNUM.match(after):
        return False
    for context in p.excludes:
        k = context.find(form)
        while k >= 0:
            if i - k >= 0 and text.startswith(context, i - k):
                return False
            k = context.find(form, k + 1)
    return True


_MATCHERS: dict[tuple[int, str], tuple[tuple[Term, ...], Matcher]] = {}


def matcher_for(terms: tuple[Term, ...], script: str) -> Matcher:
    """The matcher for every form of ``terms`` in ``script``.

    Cached by the identity of ``terms`` (hashing 134 frozen entries on every
    call cost more than the matching itself).
    """
    hit = _MATCHERS.get((id(terms), script))
    if hit is not None and hit[0] is terms:
        return hit[1]
    patterns = []
    for t in terms:
        loc = t.text(script)
        patterns += [Pattern(form, t.id, loc.excludes) for form in loc.forms]
    matcher = Matcher(patterns)
    _MATCHERS[(id(terms), script)] = (terms, matcher)
    return matcher


@cache
def term_matcher(script: str) -> Matcher:
    """The matcher for every form of the glossary in ``script``."""
    return matcher_for(load_glossary(), script)


def find_terms(text: str, script: str, terms: tuple[Term, ...] | None = None) -> list[Match]:
    """Glossary terms in ``text`` (plain paragraph text of ``script``), leftmost-longest."""
    matcher = term_matcher(script) if terms is None else matcher_for(terms, script)
    return matcher.find(text)


# --------------------------------------------------------------------------- linking


def term_link(text: str, term: Term, script: str, from_page: str) -> str:
    """Markdown of one term link: the tooltip is the one-line definition."""
    title = term.text(script).short
    return f'[{escape_md(text)}]({relative(PAGE, from_page)}#{term.anchor} "{title}"){{ .term }}'


@cache
def _terms_by_id() -> dict[str, Term]:
    return load().by_id()


def link_terms(text: str, ctx: PageContext) -> str:
    """An InlineRenderer: ``text`` escaped, with every glossary term linked to its entry.

    Meant for the body of chapter pages (paragraphs, not headings); the links
    are relative to ``ctx.page``.
    """
    by_id = _terms_by_id()
    out: list[str] = []
    pos = 0
    for m in find_terms(text, ctx.script):
        out.append(escape_md(text[pos : m.start]))
        out.append(term_link(m.text, by_id[m.key], ctx.script, ctx.page))
        pos = m.end
    out.append(escape_md(text[pos:]))
    return "".join(out)


def term_occurrences(doc: Document, terms: tuple[Term, ...] | None = None) -> dict[str, list[str]]:
    """Term id → anchors of the paragraphs it occurs in, in document order.

    Every term of the glossary has a key (an empty list if it never occurs);
    an occurrence inside a longer term counts only as the longer term.
    """
    terms = load_glossary() if terms is None else terms
    result: dict[str, list[str]] = {t.id: [] for t in terms}
    for p in doc.paragraphs():
        for m in find_terms(p.text, doc.script, terms):
            anchors = result[m.key]
            if not anchors or anchors[-1] != p.anchor:
                anchors.append(p.anchor)
    return result


def term_counts(doc: Document, terms: tuple[Term, ...] | None = None) -> dict[str, int]:
    """Term id → number of linked occurrences in the body text."""
    terms = load_glossary() if terms is None else terms
    counts = {t.id: 0 for t in terms}
    for p in doc.paragraphs():
        for m in find_terms(p.text, doc.script, terms):
            counts[m.key] += 1
    return counts


def candidates(text: str) -> set[str]:
    """Strings of ``text`` that look like glossary terms.

    Quoted terms (the text inside “…”), numeral formulas (N X N Y such as 三区三线
    and 双 + a character such as 双创) and Latin acronyms (RCEP, PM2.5, 5G, 国Ⅱ's Ⅱ).

    >>> sorted(candidates("严守“三区三线”，国家双创示范基地，细颗粒物（PM2.5）和5G基站"))
    ['5G', 'PM2.5', '三区三线', '双创']
    """
    found = set(QUOTED.findall(text))
    found |= set(NUMERAL_FORMULA.findall(text))
    found |= set(DUAL.findall(text))
    found |= {m.rstrip(".") for m in LATIN.findall(text)}
    return found


# --------------------------------------------------------------------------- validation


def validate_glossary(doc: Document, g: Glossary | None = None) -> None:
    """Every target resolves and every term occurs in ``doc``; raise PipelineError if not.

    ``g`` defaults to the glossary in ``source/glossary.yml``.
    """
    g = load() if g is None else g
    path = g.path
    anchors = document_anchors(doc)
    script = doc.script
    occurrences = term_occurrences(doc, g.terms)
    for t in g.terms:
        name = f"term {t.term}"
        loc = t.text(script)
        if not occurrences[t.id]:
            raise PipelineError(
                f"{name} never occurs in the body text ({script})",
                "check the spelling against the plan, or remove the entry",
                path,
                t.line,
                1,
            )
        for form in t.aliases:
            alias = loc.forms[t.forms.index(form)]
            if not any(m.text == alias for p in doc.paragraphs() for m in find_terms(p.text, script, g.terms) if m.key == t.id):
                raise PipelineError(f"{name}: alias {form!r} never occurs as this term", "remove the alias", path, t.line, 1)
        if t.home not in anchors:
            raise PipelineError(
                f"{name}: home {t.home!r} does not exist", "use an existing section anchor such as s3-1", path, t.line, 1
            )
        home = anchors[t.home]
        titles = [home.title] if isinstance(home, (Chapter, Section)) else []
        in_home = any(f in title for f in loc.forms for title in titles) or any(
            m.key == t.id for p in paragraphs_under(home) for m in find_terms(p.text, script, g.terms)
        )
        if not in_home:
            raise PipelineError(
                f"{name}: home {t.home} neither names nor mentions the term",
                f"choose the section where the plan develops it; it occurs in {', '.join(occurrences[t.id])}",
                path,
                t.line,
                1,
            )
        if t.defined_in is not None:
            if t.defined_in not in anchors:
                raise PipelineError(
                    f"{name}: defined_in {t.defined_in!r} does not exist", "use an existing paragraph anchor", path, t.line, 1
                )
            paragraph = anchors[t.defined_in]
            for quote in loc.quotes:
                if quote not in paragraph.text:
                    raise PipelineError(
                        f"{name}: quote {quote!r} is not in {t.defined_in} ({script})",
                        "copy the plan's words exactly from that paragraph",
                        path,
                        t.line,
                        1,
                    )
        for ex in loc.excludes:
            if any(ex == f for f in loc.forms):
                raise PipelineError(f"{name}: an exclusion context equals the term", "remove it", path, t.line, 1)


# --------------------------------------------------------------------------- the page


def data_front_matter(title: str, doc: Document, data: str, generator: str = GENERATOR) -> str:
    """Front matter of a page made from the curated file ``data``, which the comment names."""
    comment = ui("generated_from", doc.script).format(generator=generator, data=data)
    return front_matter(title, doc, generator=generator, comment=comment)


def _html(text: str) -> str:
    return html.escape(text, quote=True)


def render_term(t: Term, script: str, occurrences: Sequence[str], names: Mapping[str, Term]) -> str:
    """Markdown of one glossary entry."""
    loc = t.text(script)
    note = ui("editor_note", script)
    out = [f"### {escape_md(loc.term)} {{ #{t.anchor} .term-entry }}\n"]
    meta = []
    if t.pinyin:
        meta.append(f'<span class="term-pinyin" lang="zh-Latn-pinyin">{_html(t.pinyin)}</span>')
    meta.append(f'<span class="term-english" lang="en">{_html(t.english)}</span>')
    if len(loc.forms) > 1:
        meta.append(f"{ui('aliases', script)}：" + "、".join(escape_md(f) for f in loc.forms[1:]))
    out.append(" · ".join(meta) + "\n{: .term-meta }\n")
    if t.editor_note:
        out.append(f"**{ui('definition', script)}**（{note}）：{escape_md(loc.short)}\n{{: .term-short .editor-note }}\n")
    else:
        out.append(f"**{ui('definition', script)}**：{escape_md(loc.short)}\n{{: .term-short }}\n")
        quoted = "……".join(escape_md(q) for q in loc.quotes)
        out.append(
            f"**{ui('plan_words', script)}**：“{quoted}”（{anchor_link(t.defined_in, script, PAGE)}）\n{{: .term-quote }}\n"
        )
    if loc.explanation:
        out.append(
            f"**{ui('explanation', script)}**（{note}）：{escape_md(loc.explanation)}\n{{: .term-explanation .editor-note }}\n"
        )
    out.append(f"**{ui('evidence', script)}**：{escape_md(loc.evidence)}\n{{: .term-evidence }}\n")
    if t.related:
        links = "、".join(f"[{escape_md(names[r].text(script).term)}](#{names[r].anchor})" for r in t.related)
        out.append(f"**{ui('related', script)}**：{links}\n{{: .term-related }}\n")
    out.append(f"**{ui('home', script)}**：{anchor_link(t.home, script, PAGE)}\n{{: .term-home }}\n")
    backlinks = "、".join(anchor_link(a, script, PAGE) for a in occurrences)
    out.append(
        f"**{ui('occurs_in', script)}**（{len(occurrences)} {ui('paragraphs', script)}）：{backlinks}\n{{: .term-backlinks }}\n"
    )
    return "\n".join(out)


def grouped(terms: Iterable[Term]) -> list[tuple[Category, list[Term]]]:
    """Terms by category (in data order), each group sorted by pinyin."""
    g = load()
    groups: list[tuple[Category, list[Term]]] = []
    for c in g.categories:
        members = sorted((t for t in terms if t.category_id == c.id), key=lambda t: sort_key(t.pinyin, t.term))
        if members:
            groups.append((c, members))
    return groups


def render_glossary_page(doc: Document) -> str:
    """Markdown of ``glossary.md`` for ``doc.script``; validates the glossary against ``doc``."""
    validate_glossary(doc)
    script = doc.script
    terms = load_glossary()
    names = {t.id: t for t in terms}
    occurrences = term_occurrences(doc)
    title = ui("glossary_title", script)
    out = [
        data_front_matter(title, doc, "source/glossary.yml"),
        f"# {title} {{ #glossary }}\n",
        f"{ui('glossary_intro', script)}\n{{: .glossary-intro }}\n",
    ]
    groups = grouped(terms)
    toc = "\n".join(
        f"- [{escape_md(c.name if script == 'zh-Hans' else hant(c.name))}](#cat-{c.id})（{len(ts)} {ui('entries', script)}）"
        for c, ts in groups
    )
    out.append(f"{toc}\n{{: .glossary-categories }}\n")
    for category, members in groups:
        loc = members[0].text(script)
        out.append(f"## {escape_md(loc.category)} {{ #cat-{category.id} }}\n")
        out.append(f"{escape_md(loc.category_description)}\n{{: .category-description }}\n")
        for t in members:
            out.append(render_term(t, script, occurrences[t.id], names))
    return "\n".join(out)
