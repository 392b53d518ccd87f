"""The search oracle: a second, deliberately simple implementation of the site's search semantics.

``python -m tests.oracles.search_oracle`` writes ``tests/cases/search-golden.tsv``, the
results ``tests/test_search.py`` requires of the site's search in Chromium, for
every query of ``bench/queries.yml`` (each in both scripts) and of
``tests/cases/search-queries.yml`` (spellings the converter never produces).
``--check`` only compares. It reads the published document models
(``docs/<script>/document.json``), the variant pairs OpenCC gives
(``source/search-variants.tsv``, OpenCC rows only) and the glossary's homes
(``source/glossary.yml``), and nothing of the code under test: it imports
neither ``tools.search`` nor ``devtools.searcheval`` nor anything else of
``tools`` (``tests/test_search_index.py`` checks it).

The semantics, as the README states them:

* units: the notice (its title is the issuer and the title line as one
  string), each chapter's introduction (titled with the chapter heading,
  ``第一章 总体要求``) and each section (``第一节 指导思想``); pages and anchors
  from the document's numbering (``ch03/``, ``#ch3``, ``#s3-1``, the notice
  ``#notice`` on the home page);
* words: a query is cut into words at every character that is not a letter, a
  number, a mark (Unicode categories L, N, M) or a Kangxi or CJK radical
  (symbols that stand for ideographs), except a full stop (``.`` or ``．``)
  with a decimal digit on both sides;
* canonical form, per character: a full-width letter, digit or full stop, a
  Kangxi or CJK radical and a CJK compatibility ideograph become their NFKC
  form, an ASCII capital its small letter; then characters that stand for
  each other at the same position of the two scripts' texts, or that OpenCC
  pairs (default Traditional form, Hong Kong and Taiwan variants), are one;
* a unit matches when every canonical word occurs in its canonical title or
  in one of its canonical paragraphs;
* headline: the unit holds every word in its title, or every word in its lead
  sentences; the site ranks these first;
* a query whose canonical form is a glossary term's form (term or alias) also
  finds the term's home section, first, even where the plan writes another
  form there. Glossary entries themselves are left out (the glossary page is
  neutral).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SCRIPTS = ("zh-Hans", "zh-Hant")
VARIANTS = ROOT / "source" / "search-variants.tsv"
GLOSSARY = ROOT / "source" / "glossary.yml"
BENCH_QUERIES = ROOT / "bench" / "queries.yml"
VARIANT_QUERIES = ROOT / "tests" / "cases" / "search-queries.yml"
GOLDEN = ROOT / "tests" / "cases" / "search-golden.tsv"
OPENCC_SOURCES = {"STCharacters", "HKVariants", "HKVariantsRev", "TWVariants", "TWVariantsRev"}
FOLDED_NAMES = ("FULLWIDTH LATIN", "FULLWIDTH DIGIT", "FULLWIDTH FULL STOP", "KANGXI RADICAL", "CJK RADICAL", "CJK COMPATIBILITY")


@dataclass(frozen=True)
class Unit:
    page: str
    anchor: str
    title: str
    paragraphs: tuple[str, ...]
    leads: tuple[str, ...]

    @property
    def ref(self) -> str:
        return f"{self.page}#{self.anchor}"


def load_model(script: str) -> dict:
    return json.loads((DOCS / script / "document.json").read_text(encoding="utf-8"))


def plan_units(model: dict) -> list[Unit]:
    n = model["notice"]
    notice = (n["number"], n["addressees"], *n["body"], n["signature"], n["date"], n["note"])
    units = [Unit("", "notice", n["issuer"] + n["title"], notice, ())]
    for c in model["chapters"]:
        page = f"ch{c['number']:02d}/"
        parts = [(f"ch{c['number']}", c["label"] + " " + c["title"], c["intro"])]
        parts += [(f"s{c['number']}-{s['number']}", s["label"] + " " + s["title"], s["paragraphs"]) for s in c["sections"]]
        for anchor, title, paras in parts:
            units.append(Unit(page, anchor, title, tuple(p["text"] for p in paras), tuple(p["lead"] for p in paras if p["lead"])))
    return units


def opencc_pairs() -> list[tuple[str, str]]:
    pairs = []
    for line in VARIANTS.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 3 and not line.startswith("#") and set(cells[2].split()) & OPENCC_SOURCES:
            pairs.append((cells[0], cells[1]))
    return pairs


def fold(ch: str) -> str:
    """The NFKC form of the compatibility characters readers type, and small ASCII letters."""
    name = unicodedata.name(ch, "")
    if name.startswith(FOLDED_NAMES) and len(unicodedata.normalize("NFKC", ch)) == 1:
        ch = unicodedata.normalize("NFKC", ch)
    return ch.lower() if "A" <= ch <= "Z" else ch


class Canon:
    """Character classes: plain sets, merged one pair at a time."""

    def __init__(self, hans: list[Unit], hant: list[Unit], pairs: list[tuple[str, str]]):
        self.group: dict[str, frozenset[str]] = {}
        for a, b in zip(hans, hant, strict=True):
            for x, y in zip((a.title, *a.paragraphs), (b.title, *b.paragraphs), strict=True):
                assert len(x) == len(y), (x, y)
                for p, q in zip(x, y, strict=True):
                    if p != q:
                        self.join(p, q)
        for p, q in pairs:
            self.join(p, q)

    def join(self, a: str, b: str) -> None:
        merged = self.group.get(a, frozenset(a)) | self.group.get(b, frozenset(b))
        for ch in merged:
            self.group[ch] = merged

    def __call__(self, text: str) -> str:
        out = []
        for ch in text:
            ch = fold(ch)
            out.append(min(self.group.get(ch, ch)))
        return "".join(out)


def split_words(query: str) -> list[str]:
    words, word = [], ""
    for i, ch in enumerate(query):
        decimal = (
            ch in ".．"
            and 0 < i < len(query) - 1
            and unicodedata.category(query[i - 1]) == unicodedata.category(query[i + 1]) == "Nd"
        )
        radical = unicodedata.name(ch, "").startswith(("KANGXI RADICAL", "CJK RADICAL"))
        if unicodedata.category(ch)[0] in "LNM" or radical or decimal:
            word += ch
        else:
            words.append(word)
            word = ""
    words.append(word)
    return [w for w in words if w]


def homes(canon: Canon) -> dict[str, str]:
    """Canonical glossary form → its home's ``page#anchor``."""
    out = {}
    for t in yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]:
        if t.get("home"):
            number = int(re.match(r"(?:ch|s)(\d+)", t["home"]).group(1))
            for form in [t["term"], *t.get("aliases", [])]:
                out[canon(form)] = f"ch{number:02d}/#{t['home']}"
    return out


@dataclass(frozen=True)
class Expected:
    results: frozenset[str]
    headline: frozenset[str]
    home: str  # "" unless the query is a glossary form


def search(units: list[Unit], canon: Canon, term_homes: dict[str, str], query: str) -> Expected:
    words = sorted({canon(w) for w in split_words(query)})
    found, headline = set(), set()
    for u in units:
        fields = [canon(f) for f in (u.title, *u.paragraphs)]
        if words and all(any(w in f for f in fields) for w in words):
            found.add(u.ref)
            leads = [canon(lead) for lead in u.leads]
            if all(w in fields[0] for w in words) or all(any(w in lead for lead in leads) for w in words):
                headline.add(u.ref)
    home = term_homes.get(words[0], "") if len(words) == 1 else ""
    return Expected(frozenset(found | ({home} if home else set())), frozenset(headline), home)


def queries() -> list[tuple[str, str]]:
    """``(query, where from)`` in file order, each query once."""
    out: dict[str, str] = {}
    for q in yaml.safe_load(BENCH_QUERIES.read_text(encoding="utf-8"))["queries"]:
        for script in SCRIPTS:
            out.setdefault(q[script], "bench")
    for q in variant_queries():
        out.setdefault(q["query"], "variant")
    return list(out.items())


def variant_queries() -> list[dict]:
    return yaml.safe_load(VARIANT_QUERIES.read_text(encoding="utf-8"))["queries"]


class Oracle:
    def __init__(self) -> None:
        self.units = {script: plan_units(load_model(script)) for script in SCRIPTS}
        self.canon = Canon(self.units["zh-Hans"], self.units["zh-Hant"], opencc_pairs())
        self.homes = homes(self.canon)

    def expected(self, script: str, query: str) -> Expected:
        return search(self.units[script], self.canon, self.homes, query)


def literal_problems(oracle: Oracle) -> list[str]:
    """Each variant query must give its hand-written ``expect`` and the results of its ``same_as``."""
    problems = []
    for q in variant_queries():
        for script in SCRIPTS:
            got = oracle.expected(script, q["query"])
            if got.results != frozenset(q["expect"]):
                problems.append(f"{q['query']} on {script}: oracle {sorted(got.results)}, file {sorted(q['expect'])}")
            if q.get("same_as") is not None and got != oracle.expected(script, q["same_as"]):
                problems.append(f"{q['query']} on {script}: differs from {q['same_as']}")
    return problems


HEADER = """\
# Golden search results: what the site's search must find, per query and site script.
# Generated by `python -m tests.oracles.search_oracle` (a second, deliberately simple
# implementation of the documented semantics; see its docstring) from docs/<script>/document.json,
# the OpenCC rows of source/search-variants.tsv and the homes in source/glossary.yml. It does not
# use tools.search. Regenerate after a change to the text, the variant table or the glossary's
# homes, and read the diff: every changed line is a change in what readers find.
# Queries: bench/queries.yml, each in Simplified and in Traditional, then the spellings the
# converter never produces (tests/cases/search-queries.yml, each checked against its
# hand-written expected result). The rows of bench/queries.yml equal what the site found
# before issue 9 (compared on 2026-12-02 with the then search, on both sites), except three
# on the Traditional site where its literal match missed one section each that the canonical
# form finds: 都市圈復 (ch09/#s9-2 writes 都市圈複製), 谷電力制 源供應 (ch03/#s3-3, 製氫),
# 區域教育 托各市優 (ch07/#s7-1, 依託).
# Columns: query; sites (both scripts unless the results differ); home (the glossary term's
# home, which must come first, or -); headline (units holding every word in the title or in
# lead sentences, which come next, before the others); results (every unit found, the
# glossary page left out). A unit is page#anchor: #notice is the notice on the home page.
# Accepted differences between the site and this file: none.
"""

COLUMNS = ("query", "sites", "home", "headline", "results")


def row(query: str, sites: str, e: Expected) -> str:
    return "\t".join([query, sites, e.home or "-", " ".join(sorted(e.headline)) or "-", " ".join(sorted(e.results)) or "-"])


def golden_text(oracle: Oracle) -> str:
    lines = [HEADER.rstrip("\n"), "\t".join(COLUMNS)]
    previous = ""
    for query, origin in queries():
        if origin != previous:
            lines.append("# " + {"bench": "bench/queries.yml", "variant": "tests/cases/search-queries.yml"}[origin])
            previous = origin
        hans, hant = (oracle.expected(s, query) for s in SCRIPTS)
        if hans == hant:
            lines.append(row(query, " ".join(SCRIPTS), hans))
        else:
            lines += [row(query, "zh-Hans", hans), row(query, "zh-Hant", hant)]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class GoldenRow:
    query: str
    sites: tuple[str, ...]
    home: str
    headline: frozenset[str]
    results: frozenset[str]


def read_golden(path: Path = GOLDEN) -> list[GoldenRow]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line == "\t".join(COLUMNS):
            continue
        query, sites, home, headline, results = line.split("\t")

        def refs(cell: str) -> frozenset[str]:
            return frozenset() if cell == "-" else frozenset(cell.split(" "))

        rows.append(GoldenRow(query, tuple(sites.split(" ")), "" if home == "-" else home, refs(headline), refs(results)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file, write nothing")
    args = parser.parse_args(argv)
    oracle = Oracle()
    problems = literal_problems(oracle)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    text = golden_text(oracle)
    if args.check:
        same = GOLDEN.exists() and GOLDEN.read_text(encoding="utf-8") == text
        print(f"{GOLDEN.relative_to(ROOT)} is {'current' if same else 'stale: run python -m tests.oracles.search_oracle'}")
        return 0 if same else 1
    GOLDEN.write_text(text, encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(ROOT)}: {sum(1 for line in text.splitlines() if not line.startswith('#')) - 1} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
