"""Stage 8 — cross-references: the index of places (索引) and curated "see also" links.

``source/places.yml`` lists the jurisdictions, platforms, infrastructure and
waters the plan names; :func:`render_places_page` links each to every
paragraph that mentions it. Occurrences are found like glossary terms
(:class:`tools.glossary.Matcher`, leftmost-longest over all index forms), so a
short name inside a longer indexed one counts only for the longer one: 青岛
inside 青岛港 is the port, 莱州 inside 莱州湾 the bay. ``source/see-also.yml``
lists where the plan refers to something it sets out elsewhere;
:func:`render_see_also` writes the note that follows such a paragraph.

:func:`validate` checks both files, and the glossary, against a document and
raises :class:`~tools.errors.PipelineError` naming the file and entry for any
unknown field, unresolved target or index form that never occurs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import PipelineError
from ..model import Document, Paragraph
from ..paths import SOURCE
from ..render import SEE_ALSO_CLASS, PageContext
from ..ui import t as ui
from . import glossary
from .glossary import (
    ANCHOR,
    TERM_ID,
    Exclusion,
    Matcher,
    Pattern,
    anchor_link,
    cite_anchor,
    data_front_matter,
    document_anchors,
    escape_md,
    exclusions,
    hant,
    page_of,
    relative,
)
from .source import Raw, check_fields, items, list_field, load_yaml, string_list, text_field

PLACES = SOURCE / "places.yml"
SEE_ALSO = SOURCE / "see-also.yml"
PAGE = "places.md"
GENERATOR = "tools/crossref.py"


# --------------------------------------------------------------------------- places


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    forms: tuple[str, ...]
    group: str  # group id
    note: str
    part_of: str | None
    exclude: tuple[Exclusion, ...]
    line: int

    @property
    def anchor(self) -> str:
        return f"place-{self.id}"

    def text(self, script: str) -> tuple[str, tuple[str, ...], str, tuple[str, ...]]:
        """(name, forms, note, exclusion contexts) in ``script``."""
        convert = hant if script == "zh-Hant" else (lambda s: s)
        return (
            convert(self.name),
            tuple(convert(f) for f in self.forms),
            convert(self.note),
            tuple(convert(e.context) for e in self.exclude),
        )


@dataclass(frozen=True)
class Places:
    groups: tuple[Group, ...]
    places: tuple[Place, ...]
    path: Path


def load_places_file(path: Path = PLACES) -> Places:
    """Load and validate a places file (``source/places.yml`` by default)."""
    return _load_places(path)


@cache
def _load_places(path: Path = PLACES) -> Places:
    data = load_yaml(path)
    top = Raw(data, 1, path.name)
    check_fields(path, top, ("groups", "entries"))
    listed = list_field(path, top, "groups")
    groups = []
    for i in range(len(listed)):
        entry = Raw.item(listed, i, f"group #{i + 1}")
        check_fields(path, entry, ("id", "name", "description"))
        groups.append(
            Group(text_field(path, entry, "id"), text_field(path, entry, "name"), text_field(path, entry, "description"))
        )
    group_ids = [g.id for g in groups]
    entries = data["entries"]
    if not isinstance(entries, dict):
        raise top.error(
            "entries", "entries must map each group id to a list of places", "see the comment at the top of the file", path
        )
    by_group = Raw(entries, top.at("entries")[0], "entries")
    for gid in entries:
        if gid not in group_ids:
            raise by_group.error(gid, f"unknown group {gid!r}", f"use one of {', '.join(group_ids)}", path)
    places: list[Place] = []
    seen_ids: dict[str, int] = {}
    seen_forms: dict[str, str] = {}
    part_of_at: dict[str, tuple[int, int]] = {}
    for gid in group_ids:
        listed = items(path, entries.get(gid), f"entries: {gid}", "list the group's places, one '- id: …' each")
        for i, item in enumerate(listed):
            label = item.get("name") if isinstance(item, dict) else None
            entry = Raw.item(listed, i, f"place {label}" if label else f"{gid} entry #{i + 1}")
            line = entry.line
            check_fields(path, entry, ("id", "name", "forms"), ("note", "part_of", "exclude"))
            pid = text_field(path, entry, "id")
            if not TERM_ID.match(pid):
                raise entry.error("id", f"id {pid!r} is not lower-case ASCII", "use letters, digits and hyphens", path)
            if pid in seen_ids:
                raise entry.error("id", f"id {pid!r} already used at line {seen_ids[pid]}", "choose another id", path)
            seen_ids[pid] = line
            forms = string_list(path, entry, "forms")
            if not forms:
                raise entry.error("forms", "no forms", "list how the text names it", path)
            for form in forms:
                if form in seen_forms:
                    raise entry.error(
                        "forms", f"form {form!r} also belongs to {seen_forms[form]}", "a form can name one entry only", path
                    )
                seen_forms[form] = entry.name
            part_of = item.get("part_of")
            if part_of is not None and not isinstance(part_of, str):
                raise entry.error("part_of", "part_of must be an id", "write part_of: qingdao", path)
            part_of_at[pid] = entry.at("part_of")
            places.append(
                Place(
                    id=pid,
                    name=text_field(path, entry, "name"),
                    forms=forms,
                    group=gid,
                    note=text_field(path, entry, "note", allow_empty=True),
                    part_of=part_of,
                    exclude=exclusions(path, entry, forms),
                    line=line,
                )
            )
    for p in places:
        if p.part_of is not None and p.part_of not in seen_ids:
            raise PipelineError(
                f"place {p.name}: part_of {p.part_of!r} is not an entry id",
                "name the id of another entry",
                path,
                *part_of_at[p.id],
            )
        if p.part_of == p.id:
            raise PipelineError(f"place {p.name}: part_of names itself", "remove part_of", path, *part_of_at[p.id])
    return Places(tuple(groups), tuple(places), path)


def load_places() -> tuple[Place, ...]:
    """The validated index entries, grouped as in the data file."""
    return _load_places().places


@cache
def place_matcher(script: str, places: tuple[Place, ...] | None = None) -> Matcher:
    """The matcher for every form of the index (or of ``places``) in ``script``."""
    patterns = []
    for p in load_places() if places is None else places:
        _, forms, _, excludes = p.text(script)
        patterns += [Pattern(f, p.id, excludes) for f in forms]
    return Matcher(patterns)


def place_occurrences(doc: Document, places: tuple[Place, ...] | None = None) -> dict[str, list[str]]:
    """Place id → anchors of the paragraphs that mention it, in document order."""
    result: dict[str, list[str]] = {p.id: [] for p in (load_places() if places is None else places)}
    matcher = place_matcher(doc.script, places)
    for para in doc.paragraphs():
        for m in matcher.find(para.text):
            anchors = result[m.key]
            if not anchors or anchors[-1] != para.anchor:
                anchors.append(para.anchor)
    return result


def render_places_page(doc: Document) -> str:
    """Markdown of ``places.md`` (索引) for ``doc.script``; validates the index against ``doc``."""
    validate_places(doc)
    script = doc.script
    data = _load_places()
    by_id = {p.id: p for p in data.places}
    occurrences = place_occurrences(doc)
    title = ui("places_title", script)
    convert = hant if script == "zh-Hant" else (lambda s: s)
    out = [
        data_front_matter(title, doc, "source/places.yml", GENERATOR),
        f"# {title} {{ #places }}\n",
        f"{ui('places_intro', script)}\n{{: .places-intro }}\n",
    ]
    toc = []
    for g in data.groups:
        members = [p for p in data.places if p.group == g.id]
        toc.append(f"- [{escape_md(convert(g.name))}](#group-{g.id})（{len(members)} {ui('entries', script)}）")
    out.append("\n".join(toc) + "\n{: .places-groups }\n")
    for g in data.groups:
        out.append(f"## {escape_md(convert(g.name))} {{ #group-{g.id} }}\n")
        out.append(f"{escape_md(convert(g.description))}\n{{: .group-description }}\n")
        for p in (p for p in data.places if p.group == g.id):
            name, forms, note, _ = p.text(script)
            out.append(f"### {escape_md(name)} {{ #{p.anchor} .place-entry }}\n")
            meta = [f"{ui('forms', script)}：" + "、".join(escape_md(f) for f in forms)]
            if note:
                meta.append(escape_md(note))
            if p.part_of:
                parent = by_id[p.part_of]
                meta.append(f"{ui('part_of', script)}：[{escape_md(parent.text(script)[0])}](#{parent.anchor})")
            children = [c for c in data.places if c.part_of == p.id]
            if children:
                meta.append(
                    f"{ui('contains', script)}：" + "、".join(f"[{escape_md(c.text(script)[0])}](#{c.anchor})" for c in children)
                )
            out.append("；".join(meta) + "\n{: .place-meta }\n")
            anchors = occurrences[p.id]
            links = "、".join(anchor_link(a, script, PAGE) for a in anchors)
            out.append(
                f"**{ui('occurs_in', script)}**（{len(anchors)} {ui('paragraphs', script)}）：{links}\n{{: .place-backlinks }}\n"
            )
    return "\n".join(out)


def validate_places(doc: Document, data: Places | None = None) -> None:
    """Every form of every index entry occurs in ``doc`` as that entry."""
    data = _load_places() if data is None else data
    matcher = place_matcher(doc.script, data.places)
    found: dict[str, set[str]] = {p.id: set() for p in data.places}
    for para in doc.paragraphs():
        for m in matcher.find(para.text):
            found[m.key].add(m.text)
    for p in data.places:
        _, forms, _, _ = p.text(doc.script)
        for form, original in zip(forms, p.forms, strict=True):
            if form not in found[p.id]:
                raise PipelineError(
                    f"place {p.name}: form {original!r} never occurs as this entry ({doc.script})",
                    "check the spelling, or remove the form (inside a longer indexed name it counts for that one)",
                    data.path,
                    p.line,
                    1,
                )


# --------------------------------------------------------------------------- see also


@dataclass(frozen=True)
class SeeAlso:
    id: str
    source: str  # paragraph anchor
    targets: tuple[str, ...]  # chapter, section or paragraph anchors
    label: str
    reason: str
    line: int

    def text(self, script: str) -> str:
        """The label in ``script``."""
        return hant(self.label) if script == "zh-Hant" else self.label


@cache
def _load_see_also(path: Path = SEE_ALSO) -> tuple[SeeAlso, ...]:
    """Load and validate a see-also file (``source/see-also.yml`` by default)."""
    data = items(path, load_yaml(path), "see-also.yml", "write one '- id: …' entry per link")
    result = []
    seen: dict[str, int] = {}
    for i, item in enumerate(data):
        label = item.get("id") if isinstance(item, dict) else None
        entry = Raw.item(data, i, f"see-also {label}" if label else f"see-also #{i + 1}")
        line = entry.line
        check_fields(path, entry, ("id", "source", "targets", "label", "reason"))
        sid = text_field(path, entry, "id")
        if not TERM_ID.match(sid):
            raise entry.error("id", "id is not lower-case ASCII", "use letters, digits and hyphens", path)
        if sid in seen:
            raise entry.error("id", f"id already used at line {seen[sid]}", "choose another id", path)
        seen[sid] = line
        source = text_field(path, entry, "source")
        if not ANCHOR.match(source) or not source.startswith("p"):
            raise entry.error("source", f"source {source!r} is not a paragraph anchor", "write it like p1-3-2", path)
        targets = string_list(path, entry, "targets")
        if not targets:
            raise entry.error("targets", "no targets", "list one or more anchors: ch3, s2-2, p2-2-1", path)
        for target in targets:
            if not ANCHOR.match(target):
                raise entry.error("targets", f"target {target!r} is not an anchor", "write ch3, s2-2 or p2-2-1", path)
            if target == source:
                raise entry.error("targets", "points to its own source", "remove that target", path)
        if len(set(targets)) != len(targets):
            raise entry.error("targets", "a target is listed twice", "remove the repeat", path)
        result.append(SeeAlso(sid, source, targets, text_field(path, entry, "label"), text_field(path, entry, "reason"), line))
    return tuple(result)


def load_see_also() -> tuple[SeeAlso, ...]:
    """The validated see-also links, in data-file order."""
    return _load_see_also()


@cache
def _see_also_by_source() -> dict[str, tuple[SeeAlso, ...]]:
    by_source: dict[str, list[SeeAlso]] = {}
    for s in load_see_also():
        by_source.setdefault(s.source, []).append(s)
    return {k: tuple(v) for k, v in by_source.items()}


def see_also_targets(paragraph_anchor: str) -> tuple[SeeAlso, ...]:
    """The see-also entries whose source is ``paragraph_anchor``."""
    return _see_also_by_source().get(paragraph_anchor, ())


def render_see_also(paragraph: Paragraph, ctx: PageContext) -> str:
    """Markdown to append after ``paragraph``: one 参见 note per entry, or "".

    The result starts with a blank line, so it can be appended straight after
    the paragraph block; links are relative to ``ctx.page``.
    """
    entries = see_also_targets(paragraph.anchor)
    if not entries:
        return ""
    script = ctx.script
    blocks = []
    for s in entries:
        links = "、".join(f"[{cite_anchor(t, script)}]({relative(page_of(t), ctx.page)}#{t})" for t in s.targets)
        blocks.append(
            f'{ui("see_also", script)}：{escape_md(s.text(script))}（{links}）\n{{: .{SEE_ALSO_CLASS} data-see-also="{s.id}" }}\n'
        )
    return "\n" + "\n".join(blocks)


def validate_see_also(doc: Document, entries: tuple[SeeAlso, ...] | None = None, path: Path = SEE_ALSO) -> None:
    """Every source and target of the see-also links resolves in ``doc``."""
    anchors = document_anchors(doc)
    for s in load_see_also() if entries is None else entries:
        if s.source not in anchors:
            raise PipelineError(
                f"see-also {s.id}: source {s.source} does not exist", "use an existing paragraph anchor", path, s.line, 1
            )
        for t in s.targets:
            if t not in anchors:
                raise PipelineError(
                    f"see-also {s.id}: target {t} does not exist",
                    "use an existing chapter, section or paragraph anchor",
                    path,
                    s.line,
                    1,
                )
            if isinstance(anchors[s.source], Paragraph) and _contains(t, s.source):
                raise PipelineError(
                    f"see-also {s.id}: target {t} contains the source paragraph {s.source}",
                    "point to another part of the plan",
                    path,
                    s.line,
                    1,
                )


def _contains(target: str, paragraph: str) -> bool:
    """Does the chapter or section ``target`` contain ``paragraph``?"""
    chapter, section, _ = paragraph[1:].split("-")
    if target.startswith("ch"):
        return target[2:] == chapter
    if target.startswith("s"):
        return target[1:] == f"{chapter}-{section}"
    return target == paragraph


def validate(doc: Document) -> None:
    """Check the glossary, the index and the see-also links against ``doc``.

    Raises PipelineError naming the data file and entry on an unknown field,
    a target that does not resolve, or a term or index form that never occurs.
    """
    glossary.validate_glossary(doc)
    validate_places(doc)
    validate_see_also(doc)


__all__: Sequence[str] = (
    "Place",
    "SeeAlso",
    "load_places",
    "load_see_also",
    "place_occurrences",
    "render_places_page",
    "render_see_also",
    "validate",
)
