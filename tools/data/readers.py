"""The one way curated data is read: YAML and TSV with the ``file:line:col`` of every value.

Every YAML file is read by one loader (:class:`LineLoader`) that remembers
where each mapping, list and value starts, and every check goes through the
same small helpers (:class:`Raw`, :func:`check_fields`, :func:`text_field`, …),
so a malformed value anywhere is reported the same way: the file, the line
and column of the value, the entry and field, and the fix. TSV tables are
read by :func:`read_tsv`, which keeps the line and column of every cell.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import PipelineError
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
