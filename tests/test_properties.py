"""Property tests (Hypothesis) for the converter's invariants.

* every cleaning step is idempotent;
* no step adds a Han character (errata add only their curated repaired text);
* only the listed removals remove anything;
* splitting a document into chapters, sections and paragraphs and joining the
  parts back gives the text again.
"""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from tools.data import source as data
from tools.data.source import ChapterSpec, Manifest
from tools.model.numerals import chinese_numeral
from tools.model.parse import parse_document
from tools.text import is_han
from tools.text.clean import restore_label_spacing, strip_junk_lines, strip_pinyin
from tools.text.normalise import normalise_punctuation
from tools.text.repair import PINYIN_ANNOTATION, repair_mojibake

MANIFEST = data.manifest()
ERRATA = data.errata()
REMOVALS = data.removals()

HAN = st.sampled_from(list("发展青岛都市圈规划创新服务建设區域協同港口著乾干面后"))
PIECES = st.one_of(
    HAN,
    HAN.map(lambda c: c + "(fā)"),
    HAN.map(lambda c: c + "(chuàng )"),
    st.sampled_from([",", ";", ":", "(", ")", "，", "。", "、", "“", "”", " ", "\n", "?"]),
    st.sampled_from(["PM2.5", "(LNG)", "5G+", "1,558", "f(x)", "70%", "(郊)", "索?引?號", "標??題"]),
    st.sampled_from([e.raw for e in ERRATA]),
    st.sampled_from(list(REMOVALS.leading) + list(REMOVALS.trailing)),
)
# An erratum's span more than once is an error by design (ambiguous repair).
TEXT = st.lists(PIECES, max_size=60).map("".join).filter(lambda t: all(t.count(e.raw) <= 1 for e in ERRATA))

STEPS = {
    "repair_mojibake": lambda t: repair_mojibake(t, ERRATA),
    "strip_junk_lines": lambda t: strip_junk_lines(t, REMOVALS.leading, REMOVALS.trailing),
    "restore_label_spacing": lambda t: restore_label_spacing(t, MANIFEST.label_placeholders),
    "strip_pinyin": strip_pinyin,
    "normalise_punctuation": normalise_punctuation,
}


def _han(text: str) -> Counter:
    return Counter(ch for ch in text if is_han(ch))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_every_step_is_idempotent(text):
    for name, step in STEPS.items():
        once = step(text).text
        assert step(once) == (once, 0), name


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_no_step_adds_a_han_character(text):
    repaired_chars = _han("".join(e.repaired for e in ERRATA))
    for name, step in STEPS.items():
        out = step(text).text
        added = _han(out) - _han(text)
        if name == "repair_mojibake":
            assert not added - repaired_chars, name
        else:
            assert not added, name


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_only_listed_removals_remove_anything(text):
    # Punctuation is replaced one for one, never removed.
    out, _ = normalise_punctuation(text)
    assert len(out) == len(text)
    # Pinyin stripping removes exactly the annotations.
    out, n = strip_pinyin(text)
    assert out == PINYIN_ANNOTATION.sub("", text) and n == len(PINYIN_ANNOTATION.findall(text))
    # Label spacing removes "?" only, and only inside the listed labels.
    out, n = restore_label_spacing(text, MANIFEST.label_placeholders)
    assert Counter(text) - Counter(out) == Counter({"?": n}) if n else out == text
    # Junk removal blanks whole listed lines and nothing else.
    out, _ = strip_junk_lines(text, REMOVALS.leading, REMOVALS.trailing)
    before, after = text.split("\n"), out.split("\n")
    assert len(before) == len(after)
    listed = set(REMOVALS.leading) | set(REMOVALS.trailing)
    for a, b in zip(before, after, strict=True):
        assert a == b or (b == "" and a in listed)


# --------------------------------------------------------------------------- split and join

SENTENCE = st.text(st.sampled_from(list("发展青岛都市圈规划创新服务建设协同港口生态产业")), min_size=3, max_size=30)


@st.composite
def documents(draw):
    """A random plan in the source's shape, with the manifest that describes it."""
    chapters = []
    for _ in range(draw(st.integers(1, 4))):
        title = draw(SENTENCE)
        sections = [draw(SENTENCE) for _ in range(draw(st.integers(1, 3)))]
        chapters.append((title, sections))
    lines = [
        "索引号： 暂无 主题分类： 城市规划",
        "成文日期： 2023-10-06 发布日期： 2023-10-13",
        "发布机关： 山东省人民政府 统一编号： 无",
        "标题： 通知 发文字号： 鲁政字〔2023〕168号 有效性： 0",
        "山东省人民政府",
        "关于印发规划的通知",
        "鲁政字〔2023〕168号",
        "各市人民政府：",
        draw(SENTENCE) + "。",
        "山东省人民政府",
        "2023年10月6日",
        "（此件公开发布）",
        "规划",
    ]
    plan = []
    specs = []
    for c, (title, sections) in enumerate(chapters, 1):
        plan.append(f"第{chinese_numeral(c)}章 {title}")
        plan.append(draw(SENTENCE) + "。")
        counts = []
        for s, stitle in enumerate(sections, 1):
            plan.append(f"第{chinese_numeral(s)}节 {stitle}")
            counts.append(draw(st.integers(1, 3)))
            plan += [draw(SENTENCE) + "。" for _ in range(counts[-1])]
        specs.append(ChapterSpec(title, tuple(sections), 1, tuple(counts)))
    manifest = Manifest("规划", MANIFEST.metadata_labels, (), (), tuple(specs), plan[-1])
    return lines, plan, manifest


@settings(max_examples=150, deadline=None)
@given(documents(), st.integers(0, 2))
def test_split_then_join_gives_the_text(doc_parts, blank):
    header, plan, manifest = doc_parts
    text = ("\n" * (blank + 1)).join("    " + line for line in header + plan)
    doc = parse_document(text, manifest)
    joined = []
    for c in doc.chapters:
        joined.append(c.heading)
        joined += [p.text for p in c.intro]
        for s in c.sections:
            joined.append(s.heading)
            joined += [p.text for p in s.paragraphs]
    assert joined == plan
    # Every paragraph keeps its raw line number.
    lines = text.split("\n")
    for p in doc.paragraphs():
        assert lines[p.line - 1].strip() == p.text
