"""The one "is docs/ stale" check (tools.build.stale_files), used by `python -m tools convert --check`
and by `python -m tools build`."""

from __future__ import annotations

from tools.build import stale_files
from tools.cli import main


def test_stale_files_names_missing_changed_and_extra_files(tmp_path):
    out = tmp_path / "docs"
    files = {"zh-Hans/index.md": "首页\n", "zh-Hans/ch01.md": "第一章\n"}
    assert stale_files(out, files) == ["zh-Hans/ch01.md", "zh-Hans/index.md"]  # no docs/ yet
    (out / "zh-Hans").mkdir(parents=True)
    (out / "zh-Hans" / "index.md").write_text("首页\n", encoding="utf-8")
    (out / "zh-Hans" / "ch01.md").write_text("第一章\n", encoding="utf-8")
    assert stale_files(out, files) == []
    (out / "zh-Hans" / "ch01.md").write_text("第一章 \n", encoding="utf-8")  # one byte more
    (out / "zh-Hans" / "old.md").write_text("旧\n", encoding="utf-8")  # no longer generated
    assert stale_files(out, files) == ["zh-Hans/ch01.md", "zh-Hans/old.md"]


def test_convert_check_reports_the_stale_files_and_fails(tmp_path, capsys):
    out = tmp_path / "docs"
    assert main(["convert", "--out", str(out)]) == 0
    assert main(["convert", "--out", str(out), "--check"]) == 0
    assert "up to date" in capsys.readouterr().out
    (out / "zh-Hant" / "ch03.md").write_text("", encoding="utf-8")
    (out / "stray.md").write_text("", encoding="utf-8")
    assert main(["convert", "--out", str(out), "--check"]) == 1
    err = capsys.readouterr().err
    assert "2 generated file(s) out of date: stray.md, zh-Hant/ch03.md" in err
