"""devtools/mutation.py: how the mutation report counts, on hand-made mutants."""

from __future__ import annotations

import pytest

from devtools.mutation import Mutant, load_equivalent, report


def _m(n: int, status: str, before: str = "", after: str = "") -> Mutant:
    return Mutant(f"tools.render.x_escape_md__mutmut_{n}", "tools/render.py", "escape_md", status, 48, "diff", before, after)


def test_report_counts_scores_and_lists():
    mutants = [
        _m(1, "killed"),
        _m(2, "killed"),
        _m(3, "killed"),  # no failing test logged: suspicious, not killed
        _m(4, "timeout"),
        _m(5, "survived", "a = 1", "a = 2"),  # listed as equivalent
        _m(6, "survived", "b = 1", "b = 2"),  # not explained
        _m(7, "no_tests"),
    ]
    kills = {mutants[0].name: "tests/test_units_render.py::test_x", mutants[1].name: "tests/test_site.py::test_y"}
    equivalent = {("tools/render.py", "escape_md", "a = 1", "a = 2"): "same", ("tools/x.py", "f", "c", "d"): "stale"}
    data = report(mutants, equivalent, kills, 12.34)
    assert data["wall_seconds"] == 12.3
    assert data["modules"]["tools/render.py"] == {
        "mutants": 7,
        "killed": 2,
        "survived": 1,
        "timeout": 1,
        "no_tests": 1,
        "suspicious": 1,
        "equivalent": 1,
        "killed_percent": 28.6,  # 2 of 7
        "score_percent": 50.0,  # 2 killed + 1 timeout of 6 non-equivalent
    }
    assert [(m["mutant"][-2:], m["status"]) for m in data["mutants"]] == [
        ("_1", "killed"),  # first killed by a unit test written for mutation testing
        ("_3", "suspicious"),
        ("_5", "equivalent"),
        ("_6", "survived"),
        ("_7", "no_tests"),
    ]
    assert data["mutants"][0]["killed_by"] == "tests/test_units_render.py::test_x"
    assert data["mutants"][2]["reason"] == "same"
    assert data["stale_equivalents"] == [{"module": "tools/x.py", "function": "f", "from": "c", "to": "d"}]


def test_equivalent_entries_need_every_field(tmp_path):
    path = tmp_path / "eq.yml"
    path.write_text("- {module: tools/a.py, function: f, from: x, to: y}\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="entry 1 lacks reason"):
        load_equivalent(path)
    path.write_text("- {module: m, function: f, from: x, to: y, reason: r}\n" * 2, encoding="utf-8")
    with pytest.raises(SystemExit, match="entry 2 repeats"):
        load_equivalent(path)
    path.write_text("- {module: m, function: f, from: ' x ', to: '', reason: 'two\n  lines'}\n", encoding="utf-8")
    assert load_equivalent(path) == {("m", "f", "x", ""): "two lines"}
