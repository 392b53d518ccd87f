"""docs/ is generated, committed, deterministic and never stale."""

from tests.conftest import run_cli
from tools.paths import DOCS
from tools.write import read_tree


def test_docs_are_up_to_date_with_source_and_tools():
    proc = run_cli("convert", "--check")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_stale_docs_are_detected(tmp_path):
    out = tmp_path / "docs"
    assert run_cli("convert", "--out", str(out)).returncode == 0
    page = out / "zh-Hans" / "ch03.md"
    page.write_text(page.read_text(encoding="utf-8").replace("轨道", "铁轨", 1), encoding="utf-8")
    proc = run_cli("convert", "--check", "--out", str(out))
    assert proc.returncode == 1
    assert "zh-Hans/ch03.md" in proc.stderr


def test_two_runs_are_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_cli("convert", "--out", str(a)).returncode == 0
    assert run_cli("convert", "--out", str(b)).returncode == 0
    assert read_tree(a) == read_tree(b)
    assert read_tree(a) == read_tree(DOCS)


def test_generated_pages_say_so():
    pages = sorted(DOCS.rglob("*.md"))
    assert len(pages) >= 22
    for page in pages:
        lines = page.read_text(encoding="utf-8").split("\n")
        assert lines[0] == "---", page  # MkDocs needs front matter on line 1
        end = lines.index("---", 1)
        assert any(line.startswith("generated_by: tools/") for line in lines[1:end]), page
        assert lines[end + 1].startswith("<!-- ") and "python -m tools convert" in lines[end + 1], page


def test_the_report_explains_the_run(tmp_path):
    report = tmp_path / "report.json"
    proc = run_cli("convert", "--out", str(tmp_path / "docs"), "--report", str(report))
    assert proc.returncode == 0
    import json

    steps = json.loads(report.read_text(encoding="utf-8"))["steps"]
    assert steps["repair_mojibake"] == 4
    assert steps["strip_junk_lines"] == 4
    assert steps["strip_pinyin"] == 2546
    assert steps["normalise_punctuation"] == 881
    assert steps["restore_label_spacing"] == 8
    assert steps["override_t2s"] == 3
    # The README's fidelity table quotes these. s2tw counts the characters it changes in the
    # plan's text (title, metadata record, notice, chapter and section titles, paragraphs):
    # 7,394 before the model wrote the labels itself, less the 节 of the 31 section labels
    # (第一节 → 第一節), which tools.model writes in each script (section_label), as it does
    # the 81 paragraph citations: 7,363.
    assert (steps["convert_t2s"], steps["convert_s2tw"], steps["override_s2tw"]) == (7176, 7394 - 31, 45)
    assert "strip_pinyin" in proc.stdout and "×2546" in proc.stdout
