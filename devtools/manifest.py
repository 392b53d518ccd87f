"""Prove that a refactoring changed no output: snapshot ``docs/`` and ``site/``, then compare.

    python -m devtools.manifest snapshot DIR        # convert + build into DIR/{docs,site}, write DIR/manifest.json
    python -m devtools.manifest compare OLD NEW     # exit 1 unless every file is byte-identical
    python -m devtools.manifest compare OLD NEW --generator-paths
                                                    # allow only the generator's module path to differ
    python -m devtools.manifest compare OLD NEW --ignore REGEX
                                                    # allow only text that REGEX matches to differ

A snapshot holds the SHA-256 of every file of the regenerated ``docs/`` and
of a complete site build (pages, search index, PDFs), and the files
themselves, so that a difference can be shown. ``--generator-paths`` is for
the one commit that renames the modules named in the output
(``generated_by:`` in the front matter, the page's first comment, the PDFs'
``generator`` meta and Creator): a text file may differ only in those
places, a PDF only in its document information and metadata stream, with
every page's content and resources identical. ``--ignore REGEX`` (repeatable)
is for a change that adds or alters one known piece of text and nothing else
(e.g. the inline JSON of interface strings in every page): a text file may
differ only in what the expression matches, removed from both sides.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Where the output names the module that wrote it (Markdown front matter and comment, HTML, PDF HTML meta).
GENERATOR_PATH = re.compile(
    r"(generated_by: |由 |<meta name=\"generator\" content=\"|本頁由 |本页由 )"
    r"[A-Za-z0-9_./-]+\.py"
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(root: Path) -> dict[str, str]:
    """Every file under root (relative POSIX path → SHA-256), sorted."""
    return {p.relative_to(root).as_posix(): sha256(p) for p in sorted(root.rglob("*")) if p.is_file()}


def snapshot(out: Path) -> dict[str, str]:
    """Regenerate docs/ and build the site with this checkout's code into out/; return the manifest."""
    python = sys.executable
    out.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "site"):
        shutil.rmtree(out / name, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SOURCE_DATE_EPOCH")}
    subprocess.run([python, "-m", "tools", "convert", "--out", str(out / "docs")], cwd=ROOT, env=env, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([python, "-m", "tools", "build", "--site-dir", str(site)], cwd=ROOT, env=env, check=True)
        shutil.copytree(site, out / "site")
    result = {f"docs/{k}": v for k, v in manifest(out / "docs").items()}
    result.update({f"site/{k}": v for k, v in manifest(out / "site").items()})
    (out / "manifest.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return result


def _generator_free(data: bytes) -> bytes:
    text = data.decode("utf-8")
    return GENERATOR_PATH.sub(lambda m: m.group(1) + "<generator>", text).encode("utf-8")


def _pdf_pages_equal(a: Path, b: Path) -> bool:
    from pypdf import PdfReader

    ra, rb = PdfReader(a), PdfReader(b)
    if len(ra.pages) != len(rb.pages):
        return False
    for x, y in zip(ra.pages, rb.pages, strict=True):
        if x.get_contents().get_data() != y.get_contents().get_data() or x.extract_text() != y.extract_text():
            return False
    rest = ("/Creator", "/Producer")
    da = {k: str(v) for k, v in (ra.metadata or {}).items() if k not in rest}
    db = {k: str(v) for k, v in (rb.metadata or {}).items() if k not in rest}
    return da == db


TEXT_SUFFIXES = (".md", ".html", ".json", ".xml", ".txt", ".js", ".css")


def without(data: bytes, patterns: list[re.Pattern[str]]) -> bytes:
    """The text with every match of ``patterns`` removed, in order.

    >>> without(b'a<x id="1">b</x>c', [re.compile(r'<x id="1">[^<]*</x>')])
    b'ac'
    """
    text = data.decode("utf-8")
    for pattern in patterns:
        text = pattern.sub("", text)
    return text.encode("utf-8")


def only_ignored(a: Path, b: Path, patterns: list[re.Pattern[str]]) -> bool:
    """True when a and b are equal text files once every match of ``patterns`` is removed."""
    return a.suffix in TEXT_SUFFIXES and without(a.read_bytes(), patterns) == without(b.read_bytes(), patterns)


def only_generator_paths(a: Path, b: Path) -> bool:
    """True when a and b differ at most in the generator's module path."""
    if a.suffix == ".pdf":
        return _pdf_pages_equal(a, b)
    if a.suffix in TEXT_SUFFIXES:
        return _generator_free(a.read_bytes()) == _generator_free(b.read_bytes())
    return False


def compare(old: Path, new: Path, generator_paths: bool = False, ignore: list[re.Pattern[str]] = ()) -> list[str]:
    """The differences between two snapshots, one line each; empty when they match."""
    ma = json.loads((old / "manifest.json").read_text(encoding="utf-8"))
    mb = json.loads((new / "manifest.json").read_text(encoding="utf-8"))
    problems = [f"only in {old}: {k}" for k in sorted(ma.keys() - mb.keys())]
    problems += [f"only in {new}: {k}" for k in sorted(mb.keys() - ma.keys())]
    for k in sorted(ma.keys() & mb.keys()):
        if ma[k] == mb[k]:
            continue
        if generator_paths and only_generator_paths(old / k, new / k):
            continue
        if ignore and only_ignored(old / k, new / k, list(ignore)):
            continue
        problems.append(f"differs: {k}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.manifest", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("snapshot", help="convert and build into DIR, write DIR/manifest.json")
    s.add_argument("dir", type=Path)
    c = sub.add_parser("compare", help="compare two snapshots")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    c.add_argument("--generator-paths", action="store_true", help="allow the generator's module path to differ")
    c.add_argument(
        "--ignore",
        action="append",
        default=[],
        type=re.compile,
        metavar="REGEX",
        help="remove every match from both sides of a text file before comparing (repeatable)",
    )
    args = parser.parse_args(argv)
    if args.command == "snapshot":
        files = snapshot(args.dir)
        print(f"{len(files)} files in {args.dir / 'manifest.json'}")
        return 0
    problems = compare(args.old, args.new, args.generator_paths, args.ignore)
    for line in problems:
        print(line)
    n = len(json.loads((args.old / "manifest.json").read_text(encoding="utf-8")))
    print(f"{n} files compared: {'identical' if not problems else f'{len(problems)} differences'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
