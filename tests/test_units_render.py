"""Stage 7, render: the Markdown of each page, in process, against hand-written expectations.

The site tests read pages built in a child process, which mutation testing
cannot see (``make mutation``); these tests call :mod:`tools.render` directly.
Every expected string below was written by hand from the page format the
README describes (explicit anchors ``#s3-1`` / ``#p3-1-2``, the lead sentence
in ``<strong class="lead">``, a ¶ permalink after each paragraph (the space before the ¶ is
the link's own, so the paragraph's text is the plan's alone), the notice's
fixed anchors, escaped source text), or is a literal line of the plan itself.
None is produced by the renderer under test.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tools.model import Chapter, Document, Field, Notice, Paragraph, Section, pdf_name
from tools.render import PageContext, escape_md, front_matter
from tools.render.pages import render_chapter, render_home, render_pages

# --------------------------------------------------------------------------- a small hand-made document

NOTICE = Notice(
    issuer="山东省人民政府",
    title="关于印发样例规划的通知",
    number="鲁政字〔2023〕168号",
    addressees="各市人民政府：",
    body=("现将《样例规划》印发给你们；请认真贯彻。", "第二段(备注)。"),
    signature="山东省人民政府",
    date="2023年10月6日",
    note="（此件公开发布）",
)
INTRO = Paragraph(2, 0, 1, "坚持“同城同网”，推进建设。", "", 40, "第二章引言第1段")
LEAD = Paragraph(2, 1, 1, "建设轨道上的都市圈。统筹布局；推动融合。", "建设轨道上的都市圈。", 42, "第二章第一节第1段")
PLAIN = Paragraph(2, 1, 2, "细颗粒物（PM2.5）浓度下降*10%*。", "", 43, "第二章第一节第2段")
CHAPTER = Chapter(
    number=2,
    title="推进基础设施同城同网",
    intro=(INTRO,),
    sections=(Section(2, 1, "构建综合交通体系", (LEAD, PLAIN), 41, "第一节"),),
    line=39,
    label="第二章",
)
DOC = Document(
    title="样例规划",
    metadata=(
        Field("index_number", "索引号", "暂无"),
        Field("date_published", "发布日期", "2023-10-13"),
        Field("validity", "有效性", "0 <b>"),
    ),
    notice=NOTICE,
    chapters=(CHAPTER,),
    source_sha256="e7dd41",
    script="zh-Hans",
)

CHAPTER_PAGE = """\
---
title: "第二章 推进基础设施同城同网"
generated_by: tools/render/pages.py
source_sha256: e7dd41
chapter: "2"
pdf: "qingdao-plan-ch02.zh-Hans.pdf"
pdf_download: "样例规划-第二章.pdf"
epub: "qingdao-plan.zh-Hans.epub"
epub_download: "样例规划.epub"
epub_label: "下载全文 EPUB"
---
<!-- 本页由 tools/render/pages.py 根据原始文本生成，请勿直接编辑 (python -m tools convert). -->

# 第二章 推进基础设施同城同网 { #ch2 }

<details class="qd-edition qd-cite">
<summary>引用本章</summary>
<p class="qd-cite__ref" data-style="gbt7714"><span class="qd-cite__style">GB/T 7714-2015</span><span class="qd-cite__text">\
山东省人民政府. 样例规划: 鲁政字〔2023〕168号: 第二章 推进基础设施同城同网[EB/OL]. \
(2023-10-13)[<span data-fill="accessed">引用日期</span>]. \
<span data-fill="url">地址</span>.</span><button type="button" class="qd-cite__copy">复制</button></p>
<p class="qd-cite__ref" data-style="apa"><span class="qd-cite__style">APA 7</span><span class="qd-cite__text">\
山东省人民政府. (2023, October 13). 第二章 推进基础设施同城同网. In 样例规划 (鲁政字〔2023〕168号). \
<span data-fill="url">地址</span></span><button type="button" class="qd-cite__copy">复制</button></p>
<p class="qd-cite__ref" data-style="chicago"><span class="qd-cite__style">Chicago</span><span class="qd-cite__text">\
山东省人民政府. “第二章 推进基础设施同城同网.” In 样例规划. 鲁政字〔2023〕168号. October 13, 2023. \
Accessed <span data-fill="accessed_en">引用日期</span>. \
<span data-fill="url">地址</span>.</span><button type="button" class="qd-cite__copy">复制</button></p>
<p class="qd-cite__files">下载引文：<a href="../cite/qingdao-plan-ch02.zh-Hans.bib" download>BibTeX</a> · \
<a href="../cite/qingdao-plan-ch02.zh-Hans.ris" download>RIS</a> · \
<a href="../cite/qingdao-plan-ch02.zh-Hans.json" download>CSL-JSON</a></p>
</details>

坚持“同城同网”，推进建设。<a class="para-link" href="#p2-0-1" title="复制本段链接：第二章引言第1段" \
aria-label="复制本段链接：第二章引言第1段" data-cite="第二章引言第1段"> ¶</a>
{: #p2-0-1 .intro }

## 第一节 构建综合交通体系 { #s2-1 }

<strong class="lead">建设轨道上的都市圈。</strong>统筹布局；推动融合。<a class="para-link" href="#p2-1-1" \
title="复制本段链接：第二章第一节第1段" aria-label="复制本段链接：第二章第一节第1段" data-cite="第二章第一节第1段"> ¶</a>
{: #p2-1-1 }

细颗粒物（PM2\\.5）浓度下降\\*10%\\*。<a class="para-link" href="#p2-1-2" title="复制本段链接：第二章第一节第2段" \
aria-label="复制本段链接：第二章第一节第2段" data-cite="第二章第一节第2段"> ¶</a>
{: #p2-1-2 }
"""

HOME_PAGE = """\
---
title: "样例规划"
generated_by: tools/render/pages.py
source_sha256: e7dd41
pdf: "qingdao-plan-notice.zh-Hans.pdf"
pdf_download: "样例规划-印发通知.pdf"
pdf_whole: "qingdao-plan-full.zh-Hans.pdf"
pdf_whole_download: "样例规划.pdf"
epub: "qingdao-plan.zh-Hans.epub"
epub_download: "样例规划.epub"
epub_label: "下载全文 EPUB"
---
<!-- 本页由 tools/render/pages.py 根据原始文本生成，请勿直接编辑 (python -m tools convert). -->

# 样例规划 { #top }

<p class="qd-edition qd-status-note">本站为非官方在线版本，以山东省人民政府公布的文本为准。<a href="about/">本版说明</a></p>

<dl class="doc-card" aria-label="文件信息">
<div class="doc-card__row" data-field="index_number"><dt>索引号</dt><dd>暂无</dd></div>
<div class="doc-card__row" data-field="date_published"><dt>发布日期</dt><dd>2023-10-13</dd></div>
<div class="doc-card__row" data-field="validity"><dt>有效性</dt><dd>0 &lt;b&gt;</dd></div>
</dl>

<details class="qd-edition qd-cite">
<summary>引用本规划</summary>
<p class="qd-cite__ref" data-style="gbt7714"><span class="qd-cite__style">GB/T 7714-2015</span><span class="qd-cite__text">\
山东省人民政府. 样例规划: 鲁政字〔2023〕168号[EB/OL]. (2023-10-13)[<span data-fill="accessed">引用日期</span>]. \
<span data-fill="url">地址</span>.</span><button type="button" class="qd-cite__copy">复制</button></p>
<p class="qd-cite__ref" data-style="apa"><span class="qd-cite__style">APA 7</span><span class="qd-cite__text">\
山东省人民政府. (2023, October 13). 样例规划 (鲁政字〔2023〕168号). <span data-fill="url">地址</span></span>\
<button type="button" class="qd-cite__copy">复制</button></p>
<p class="qd-cite__ref" data-style="chicago"><span class="qd-cite__style">Chicago</span><span class="qd-cite__text">\
山东省人民政府. 样例规划. 鲁政字〔2023〕168号. October 13, 2023. Accessed <span data-fill="accessed_en">引用日期</span>. \
<span data-fill="url">地址</span>.</span><button type="button" class="qd-cite__copy">复制</button></p>
<p class="qd-cite__files">下载引文：<a href="cite/qingdao-plan-full.zh-Hans.bib" download>BibTeX</a> · \
<a href="cite/qingdao-plan-full.zh-Hans.ris" download>RIS</a> · \
<a href="cite/qingdao-plan-full.zh-Hans.json" download>CSL-JSON</a></p>
</details>

## 山东省人民政府关于印发样例规划的通知 { #notice }

鲁政字〔2023〕168号
{: #notice-number .doc-number }

各市人民政府：
{: #notice-addressees .addressees }

现将《样例规划》印发给你们；请认真贯彻。
{: #notice-1 }

第二段\\(备注\\)。
{: #notice-2 }

山东省人民政府
{: #notice-signature .signature }

2023年10月6日
{: #notice-date .signature }

（此件公开发布）
{: #notice-note .note }

## 目录 { #contents }

- [第二章 推进基础设施同城同网](ch02.md)
    - [第一节 构建综合交通体系](ch02.md#s2-1)
{: .contents }
"""


def _unwrap(golden: str) -> str:
    """The goldens break long lines with a backslash for reading; the pages do not."""
    return golden.replace("\\\n", "")


# --------------------------------------------------------------------------- whole pages


def test_chapter_page_is_the_golden_markdown():
    assert render_chapter(DOC, CHAPTER) == _unwrap(CHAPTER_PAGE)


def test_home_page_is_the_golden_markdown():
    assert render_home(DOC) == _unwrap(HOME_PAGE)


def test_render_pages_gives_the_home_page_and_one_page_per_chapter():
    third = replace(CHAPTER, number=3, label="第三章", intro=(replace(INTRO, chapter=3, cite="第三章引言第1段"),), sections=())
    pages = render_pages(replace(DOC, chapters=(CHAPTER, third)))
    assert list(pages) == ["index.md", "ch02.md", "ch03.md"]
    assert pages["index.md"] == _unwrap(HOME_PAGE).replace(
        "    - [第一节 构建综合交通体系](ch02.md#s2-1)\n",
        "    - [第一节 构建综合交通体系](ch02.md#s2-1)\n- [第三章 推进基础设施同城同网](ch03.md)\n",
    )
    assert pages["ch02.md"] == _unwrap(CHAPTER_PAGE)
    assert pages["ch03.md"].startswith('---\ntitle: "第三章 推进基础设施同城同网"\n')
    assert "{: #p3-0-1 .intro }\n" in pages["ch03.md"] and "## " not in pages["ch03.md"]


def test_traditional_pages_use_the_traditional_interface_strings():
    hant = replace(DOC, script="zh-Hant")
    chapter = render_chapter(hant, CHAPTER)
    assert "<!-- 本頁由 tools/render/pages.py 根據原始文本生成，請勿直接編輯 (python -m tools convert). -->\n" in chapter
    assert 'title="複製本段連結：第二章引言第1段"' in chapter
    assert 'pdf: "qingdao-plan-ch02.zh-Hant.pdf"\n' in chapter
    home = render_home(hant)
    assert '<dl class="doc-card" aria-label="文件資訊">' in home
    assert 'pdf_download: "样例规划-印發通知.pdf"\n' in home
    assert "## 目錄 { #contents }\n" in home


# --------------------------------------------------------------------------- hooks: inline renderer and notes


def test_inline_renderer_and_notes_get_the_page_and_the_paragraph():
    calls: list[tuple[str, str, str, str | None, int]] = []  # (text, script, page, paragraph, start)

    def inline(text: str, ctx: PageContext, start: int) -> str:
        calls.append((text, ctx.script, ctx.page, ctx.paragraph.anchor if ctx.paragraph else None, start))
        return f"[{text}]"

    def after(p: Paragraph, ctx: PageContext) -> str:
        return f"NOTE {p.anchor} {ctx.page} {ctx.paragraph.anchor}\n"

    page = render_chapter(DOC, CHAPTER, inline, after)
    assert calls == [
        ("坚持“同城同网”，推进建设。", "zh-Hans", "ch02.md", "p2-0-1", 0),
        ("建设轨道上的都市圈。", "zh-Hans", "ch02.md", "p2-1-1", 0),
        ("统筹布局；推动融合。", "zh-Hans", "ch02.md", "p2-1-1", 10),  # after the 10 characters of the lead
        ("细颗粒物（PM2.5）浓度下降*10%*。", "zh-Hans", "ch02.md", "p2-1-2", 0),
    ]
    assert '<strong class="lead">[建设轨道上的都市圈。]</strong>[统筹布局；推动融合。]<a class="para-link"' in page
    assert "{: #p2-1-1 }\nNOTE p2-1-1 ch02.md p2-1-1\n" in page
    assert "{: #p2-0-1 .intro }\nNOTE p2-0-1 ch02.md p2-0-1\n\n## " in page
    assert page.endswith("{: #p2-1-2 }\nNOTE p2-1-2 ch02.md p2-1-2\n")
    assert render_pages(DOC, inline, after)["ch02.md"] == page


# --------------------------------------------------------------------------- escaping and front matter


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("\\", "\\\\"),
        ("`", "\\`"),
        ("*", "\\*"),
        ("_", "\\_"),
        ("{}", "\\{\\}"),
        ("[]", "\\[\\]"),
        ("()", "\\(\\)"),
        ("#", "\\#"),
        ("+", "\\+"),
        ("-", "\\-"),
        (".", "\\."),
        ("!", "\\!"),
        ("<b>", "&lt;b&gt;"),
        ("&", "&amp;"),
        ("\"'", "\"'"),  # quotes are text in Markdown, not markup
        ("，；：（）“”《》", "，；：（）“”《》"),  # full-width punctuation is never escaped
        ("PM2.5 5G+", "PM2\\.5 5G\\+"),
    ],
)
def test_escape_md(text, escaped):
    assert escape_md(text) == escaped


def test_front_matter_quotes_values_and_names_the_generator():
    doc = replace(DOC, source_sha256="abc123", script="zh-Hant")
    assert front_matter('a "b" \\c', doc, {"k": 'v"'}, generator="tools/x.py", comment="自定义说明") == (
        "---\n"
        'title: "a \\"b\\" \\\\c"\n'
        "generated_by: tools/x.py\n"
        "source_sha256: abc123\n"
        'k: "v\\""\n'
        'epub: "qingdao-plan.zh-Hant.epub"\n'
        'epub_download: "样例规划.epub"\n'
        'epub_label: "下載全文 EPUB"\n'
        "---\n"
        "<!-- 自定义说明 (python -m tools convert). -->\n"
    )


def test_pdf_name():
    assert pdf_name("zh-Hant", "ch03") == "qingdao-plan-ch03.zh-Hant.pdf"


# --------------------------------------------------------------------------- the real document


def test_real_chapter_page_holds_the_plan_lines(simplified, traditional):
    ch03 = render_pages(simplified)["ch03.md"]
    # Literal lines of the plan (第三章第一节第1段 opens with this lead sentence).
    assert "# 第三章 推进基础设施同城同网 { #ch3 }\n" in ch03
    assert "## 第一节 构建都市圈综合交通体系 { #s3-1 }\n" in ch03
    assert '\n<strong class="lead">建设轨道上的都市圈。</strong>统筹布局以青岛为中心枢纽的多层次轨道交通网络，' in ch03
    assert 'data-cite="第三章第一节第2段"> ¶</a>\n{: #p3-1-2 }\n' in ch03
    hant = render_pages(traditional)["ch03.md"]
    assert "## 第一節 構建都市圈綜合交通體系 { #s3-1 }\n" in hant
    assert 'data-cite="第三章第一節第2段"> ¶</a>\n{: #p3-1-2 }\n' in hant


def test_real_home_page_holds_the_notice(simplified):
    home = render_pages(simplified)["index.md"]
    assert "## 山东省人民政府关于印发青岛都市圈发展规划的通知 { #notice }\n" in home
    assert "\n鲁政字〔2023〕168号\n{: #notice-number .doc-number }\n" in home
    assert "\n现将《青岛都市圈发展规划》印发给你们，请认真抓好贯彻落实。\n{: #notice-1 }\n" in home
    assert "\n2023年10月6日\n{: #notice-date .signature }\n" in home
    assert '<div class="doc-card__row" data-field="date_written"><dt>成文日期</dt><dd>2023-10-06</dd></div>' in home
    assert "    - [第三节 共建粮食能源水利安全保障体系](ch03.md#s3-3)\n" in home
