"""What the entry-list files (``glossary.yml``, ``places.yml``) share: ids, groups, exclusions, Traditional forms.

An entry-list file groups its entries under headings (the glossary's
categories, the index's groups: one record, :class:`Group`) and may give a
form exclusion contexts (:class:`Exclusion`). Every curated text is written in
Simplified; its Traditional form is derived when the file is loaded, with the
converter the pages use (``source/overrides/s2tw.tsv`` applied, a fresh
instance so the pipeline's override counts are not disturbed), never written
by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .readers import Raw, check_fields, list_field, load_yaml, text_field
from .source import to_traditional

# The form of an entry's id: lower-case ASCII words joined by hyphens.
ENTRY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Simplified → Traditional for curated texts (see the module docstring).
Hant = Callable[[str], str]


def hant_of(convert: Callable[[str], str]) -> Hant:
    """``convert`` for curated texts: the empty text stays empty."""
    return lambda text: convert(text) if text else text


@dataclass(frozen=True)
class Group:
    """A heading of an entry-list page: a glossary category or an index group."""

    id: str
    name: str
    description: str
    hant: tuple[str, str]  # name and description in Traditional

    def text(self, script: str) -> tuple[str, str]:
        """(name, description) in ``script``."""
        return self.hant if script == "zh-Hant" else (self.name, self.description)


def load_entry_file(path: Path, groups: str, entries: str, what: str) -> tuple[Raw, Hant, tuple[Group, ...]]:
    """The top of an entry-list file — exactly the keys ``groups`` and ``entries`` — with its groups loaded.

    Returns the file as one entry, the Traditional converter for its texts, and the groups.
    """
    top = Raw(load_yaml(path), 1, path.name)
    check_fields(path, top, (groups, entries))
    hant = hant_of(to_traditional())
    return top, hant, load_groups(path, top, groups, what, hant)


def load_groups(path: Path, top: Raw, key: str, what: str, hant: Hant) -> tuple[Group, ...]:
    """The groups listed under ``key``: each with an ASCII id, a name and a description, ids and names unique."""
    listed = list_field(path, top, key)
    groups: list[Group] = []
    for i in range(len(listed)):
        entry = Raw.item(listed, i, f"{what} #{i + 1}")
        check_fields(path, entry, ("id", "name", "description"))
        gid = text_field(path, entry, "id")
        if not ENTRY_ID.match(gid):
            raise entry.error("id", f"id {gid!r} is not lower-case ASCII", "use letters, digits and hyphens", path)
        name, description = text_field(path, entry, "name"), text_field(path, entry, "description")
        if any(g.id == gid or g.name == name for g in groups):
            raise entry.error("id", f"another {what} has the same name or id", f"give every {what} its own id and name", path)
        groups.append(Group(gid, name, description, (hant(name), hant(description))))
    return tuple(groups)


@dataclass(frozen=True)
class Exclusion:
    """A longer context in which a form is not the term: 引黄济青 for 济青."""

    context: str
    reason: str


def exclusions(path: Path, entry: Raw, forms: Sequence[str]) -> tuple[Exclusion, ...]:
    """The entry's ``exclude`` list: each context must contain one of ``forms``."""
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
