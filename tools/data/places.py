"""The index's data: ``source/places.yml`` (places) and ``source/see-also.yml`` (see-also links), validated when loaded.

Where the places occur and whether the see-also anchors exist in the
document is checked against each script's document by :mod:`tools.annotate`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..errors import PipelineError
from ..model import anchor_kind
from ..paths import SOURCE
from .entries import ENTRY_ID, Exclusion, Group, Hant, exclusions, hant_of, load_entry_file
from .readers import Raw, check_fields, items, load_yaml, string_list, text_field
from .source import to_traditional

PLACES = SOURCE / "places.yml"
SEE_ALSO = SOURCE / "see-also.yml"


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
    hant: PlaceText

    @property
    def anchor(self) -> str:
        return f"place-{self.id}"

    def text(self, script: str) -> PlaceText:
        """(name, forms, note, exclusion contexts) in ``script``."""
        return self.hant if script == "zh-Hant" else _place_text(self, lambda text: text)


# name, forms, note, exclusion contexts: the script-dependent texts of a place
PlaceText = tuple[str, tuple[str, ...], str, tuple[str, ...]]


def _place_text(p: Place, convert: Hant) -> PlaceText:
    return (
        convert(p.name),
        tuple(convert(f) for f in p.forms),
        convert(p.note),
        tuple(convert(e.context) for e in p.exclude),
    )


@dataclass(frozen=True)
class Places:
    groups: tuple[Group, ...]
    places: tuple[Place, ...]
    path: Path


def load_places(path: Path = PLACES) -> Places:
    """Load and validate a places file (``source/places.yml`` by default)."""
    top, hant, groups = load_entry_file(path, "groups", "entries", "group")
    data = top.data
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
            if not ENTRY_ID.match(pid):
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
                    hant=("", (), "", ()),  # filled in below, once the entry is complete
                )
            )
            places[-1] = dataclasses.replace(places[-1], hant=_place_text(places[-1], hant))
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


@dataclass(frozen=True)
class SeeAlso:
    id: str
    source: str  # paragraph anchor
    targets: tuple[str, ...]  # chapter, section or paragraph anchors
    label: str
    reason: str
    line: int
    label_hant: str
    path: Path  # the file it is listed in

    def text(self, script: str) -> str:
        """The label in ``script``."""
        return self.label_hant if script == "zh-Hant" else self.label


def load_see_also(path: Path = SEE_ALSO) -> tuple[SeeAlso, ...]:
    """Load and validate a see-also file (``source/see-also.yml`` by default)."""
    hant = hant_of(to_traditional())
    data = items(path, load_yaml(path), "see-also.yml", "write one '- id: …' entry per link")
    result = []
    seen: dict[str, int] = {}
    for i, item in enumerate(data):
        label = item.get("id") if isinstance(item, dict) else None
        entry = Raw.item(data, i, f"see-also {label}" if label else f"see-also #{i + 1}")
        line = entry.line
        check_fields(path, entry, ("id", "source", "targets", "label", "reason"))
        sid = text_field(path, entry, "id")
        if not ENTRY_ID.match(sid):
            raise entry.error("id", "id is not lower-case ASCII", "use letters, digits and hyphens", path)
        if sid in seen:
            raise entry.error("id", f"id already used at line {seen[sid]}", "choose another id", path)
        seen[sid] = line
        source = text_field(path, entry, "source")
        if anchor_kind(source) != "paragraph":
            raise entry.error("source", f"source {source!r} is not a paragraph anchor", "write it like p1-3-2", path)
        targets = string_list(path, entry, "targets")
        if not targets:
            raise entry.error("targets", "no targets", "list one or more anchors: ch3, s2-2, p2-2-1", path)
        for target in targets:
            if anchor_kind(target) not in ("chapter", "section", "paragraph"):
                raise entry.error("targets", f"target {target!r} is not an anchor", "write ch3, s2-2 or p2-2-1", path)
            if target == source:
                raise entry.error("targets", "points to its own source", "remove that target", path)
        if len(set(targets)) != len(targets):
            raise entry.error("targets", "a target is listed twice", "remove the repeat", path)
        label = text_field(path, entry, "label")
        result.append(SeeAlso(sid, source, targets, label, text_field(path, entry, "reason"), line, hant(label), path))
    return tuple(result)
