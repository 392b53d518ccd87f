"""The page 本版说明 / 本版說明 (``about.md``): what this edition is, every change, how to check it.

Every count comes from the conversion report or the curated data; every
erratum and override occurrence links to its paragraph through
:meth:`tools.model.Document.locate`. The spam line is described, never
reproduced. ``@SITE_URL@`` is replaced at build time by the address the
build used (tools/hooks/edition.py), since ``docs/`` does not depend on it.
"""

from __future__ import annotations

import html

from ..annotate.emend import Emendation
from ..data import Curated
from ..model import Document, site_path
from ..pipeline import Report
from ..text.convert import Converter
from ..ui import t
from . import front_matter

SITE_URL_TOKEN = "@SITE_URL@"
# The raw source quoted as scraped (garbled spans, page chrome, examples of pinyin and
# "?"): tests/test_pages_clean.py sets these aside and checks each against the raw file.
RAW_CLASS = "qd-raw"

# The page's text, written in both scripts (interface prose, not document text).
TEXT = {
    "zh-Hans": {
        "status": "本站是《{title}》的非官方在线版本。文本以{authority}公布的文件（{number}，成文日期 {written}，"
        "发布日期 {published}）为准。",
        "official": "官方页面：",
        "made": "文本如何得来",
        "made_intro": "底本是从政府网站自动转换的“繁体”页面抓取的文本，原样保存，从不编辑。"
        "它与读者所见文本之间的每一处差别都属于下列之一，别无其他改动（tests/test_fidelity.py 逐字核对）。",
        "emendations": "乱码修复（{n} 处）",
        "emendations_intro": "这些片段是正文的 GBK 字节错位一个字节读出的乱码：第一个字的首字节丢失。"
        "补回该字节，按字节重读即得原文。正文中这些文字加有下划线。",
        "cols_e": ("编号", "段落", "抓取所得乱码", "字节", "丢失的首字节", "修复后"),
        "removed": "删除的行（{n} 行）",
        "removed_intro": "以下整行不属于文件，已删除（行号为原始文本的行号）。",
        "cols_r": ("原始行号", "长度（字符）", "类别", "内容"),
        "spam": "SEO 垃圾广告",
        "spam_text": "（不转载：色情广告关键词）",
        "chrome": "网页附属文字",
        "pinyin": '拼音注音：删除 {n} 处。规则：汉字后括号内的拼音注音（如 <code class="qd-raw">發(fā)展</code>）一律删除；'
        "另有 {chrome} 处在已删除的网页附属文字行中。",
        "labels": '元数据标签中代替间隔的 <code class="qd-raw">?</code>：{n} 处'
        '（如 <code class="qd-raw">索?引?號</code>），恢复为标签原文。',
        "punct": "标点：中文文本中的 ASCII 标点 , ; : ( ) 改为全角，共 {n} 处。",
        "t2s": "繁体转简体（OpenCC t2s）：{n} 个字符；以下 {o} 处按校订表更正：",
        "s2tw": "简体转繁体（OpenCC s2tw，繁体版）：{n} 个字符；以下 {o} 处按校订表更正：",
        "cols_o": ("原文", "OpenCC 结果", "更正为", "次数", "位置"),
        "check": "如何核对",
        "sha": "底本（{file}）的 SHA-256：",
        "sums": "全部下载文件（PDF、document.json、引文文件）的 SHA-256 列于站点根目录的 ",
        "site_url": "本次构建使用的 SITE_URL：",
        "commands": "重新构建并核对：",
        "none": "未设置",
        "card": "文件信息",
        "pinyin_title": "拼音注音",
        "punct_title": "标点与标签",
    },
    "zh-Hant": {
        "status": "本站是《{title}》的非官方線上版本。文本以{authority}公布的文件（{number}，成文日期 {written}，"
        "發布日期 {published}）為準。",
        "official": "官方頁面：",
        "made": "文本如何得來",
        "made_intro": "底本是從政府網站自動轉換的“繁體”頁面抓取的文本，原樣保存，從不編輯。"
        "它與讀者所見文本之間的每一處差別都屬於下列之一，別無其他改動（tests/test_fidelity.py 逐字核對）。",
        "emendations": "亂碼修復（{n} 處）",
        "emendations_intro": "這些片段是正文的 GBK 位元組錯位一個位元組讀出的亂碼：第一個字的首位元組丟失。"
        "補回該位元組，按位元組重讀即得原文。正文中這些文字加有底線。",
        "cols_e": ("編號", "段落", "抓取所得亂碼", "位元組", "丟失的首位元組", "修復後"),
        "removed": "刪除的行（{n} 行）",
        "removed_intro": "以下整行不屬於文件，已刪除（行號為原始文本的行號）。",
        "cols_r": ("原始行號", "長度（字元）", "類別", "內容"),
        "spam": "SEO 垃圾廣告",
        "spam_text": "（不轉載：色情廣告關鍵詞）",
        "chrome": "網頁附屬文字",
        "pinyin": '拼音注音：刪除 {n} 處。規則：漢字後括號內的拼音注音（如 <code class="qd-raw">發(fā)展</code>）一律刪除；'
        "另有 {chrome} 處在已刪除的網頁附屬文字行中。",
        "labels": '中繼資料標籤中代替間隔的 <code class="qd-raw">?</code>：{n} 處'
        '（如 <code class="qd-raw">索?引?號</code>），恢復為標籤原文。',
        "punct": "標點：中文文本中的 ASCII 標點 , ; : ( ) 改為全形，共 {n} 處。",
        "t2s": "繁體轉簡體（OpenCC t2s）：{n} 個字元；以下 {o} 處按校訂表更正：",
        "s2tw": "簡體轉繁體（OpenCC s2tw，繁體版）：{n} 個字元；以下 {o} 處按校訂表更正：",
        "cols_o": ("原文", "OpenCC 結果", "更正為", "次數", "位置"),
        "check": "如何核對",
        "sha": "底本（{file}）的 SHA-256：",
        "sums": "全部下載檔案（PDF、document.json、引文檔案）的 SHA-256 列於網站根目錄的 ",
        "site_url": "本次建置使用的 SITE_URL：",
        "commands": "重新建置並核對：",
        "none": "未設定",
        "card": "文件資訊",
        "pinyin_title": "拼音注音",
        "punct_title": "標點與標籤",
    },
}
PAGE = "about.md"
COMMAND = "SITE_URL=… make build && (cd site && sha256sum -c SHA256SUMS)"


def _table(header: tuple[str, ...], rows: list[list[str]]) -> str:
    """An HTML table (cells already escaped): Markdown tables cannot hold the raw page's characters safely."""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="qd-about-table">\n<thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody>\n</table>\n'


def _link(doc: Document, anchor: str) -> str:
    loc = doc.locate(anchor)
    return f'<a href="../{loc.path}#{anchor}">{html.escape(loc.citation)}</a>'


def override_sites(doc: Document, simplified: Document, cleaned: str, curated: Curated) -> list[tuple[object, list[str]]]:
    """Every override row of ``doc``'s script's conversion with the anchors it fires in, once per firing.

    A second application of each row alone: t2s on the cleaned text of each
    paragraph's raw line, s2tw on each paragraph, heading and notice part of the
    Simplified document. ``"top"`` stands for the title and the document card.
    """
    lines = cleaned.split("\n")
    if doc.script == "zh-Hans":
        table, name = curated.t2s, "t2s"
        texts = [(p.anchor, lines[p.line - 1]) for p in simplified.paragraphs()]
        texts += [(c.anchor, lines[c.line - 1]) for c in simplified.chapters]
        texts += [(s.anchor, lines[s.line - 1]) for s in simplified.sections()]
    else:
        table, name = curated.s2tw, "s2tw"
        texts = [("top", simplified.title)] + [("top", x) for f in simplified.metadata for x in (f.label, f.value)]
        texts += [("notice", simplified.notice.heading)] + [(p.anchor, p.text) for p in simplified.notice.parts]
        texts += [(c.anchor, c.title) for c in simplified.chapters]
        texts += [(s.anchor, s.title) for s in simplified.sections()] + [(p.anchor, p.text) for p in simplified.paragraphs()]
    out = []
    for row in table:
        sites = []
        for anchor, text in texts:
            conv = Converter(name, (row,))
            conv(text)
            sites += [anchor] * conv.fired[row]
        out.append((row, sites))
    return out


def render_about(
    doc: Document, simplified: Document, cleaned: str, report: Report, curated: Curated, marks: tuple[Emendation, ...]
) -> str:
    """Markdown of the page 本版说明 in ``doc``'s script."""
    s, script = TEXT[doc.script], doc.script
    steps = report.steps
    prov = curated.provenance
    out = [front_matter(t("about_title", script), doc), f"# {t('about_title', script)} {{ #about }}\n"]
    status = s["status"].format(
        title=doc.title,
        authority=doc.notice.issuer,
        number=doc.notice.number,
        written=doc.field("date_written"),
        published=doc.field("date_published"),
    )
    out.append(f'<p class="qd-status" id="status">{html.escape(status)}</p>\n')
    if prov.official_url:
        url = html.escape(prov.official_url)
        out.append(f'<p id="official-url">{s["official"]}<a href="{url}">{url}</a></p>\n')
    out.append(f"## {s['made']} {{ #made }}\n\n{s['made_intro']}\n")

    out.append(f"### {s['emendations'].format(n=steps['repair_mojibake'])} {{ #emendations }}\n\n{s['emendations_intro']}\n")
    by_id = {m.erratum: m for m in marks}
    rows = []
    for e in curated.errata:
        m = by_id[e.id]
        garbled = "".join(e.unfold.get(c, c) for c in e.garbled)
        hexbytes = garbled.encode("gb18030").hex(" ").upper()
        repaired = doc.locate(m.anchor).node.text[m.start : m.end]  # type: ignore[union-attr]
        quoted = f'<code class="{RAW_CLASS}">{html.escape(e.garbled)}</code>'
        lost = f"<code>{e.lost_lead.hex().upper()}</code>"
        rows.append([e.id, _link(doc, m.anchor), quoted, f"<code>{hexbytes}</code>", lost, html.escape(repaired)])
    out.append(_table(s["cols_e"], rows))

    removed = curated.removals.lines
    out.append(f"### {s['removed'].format(n=len(removed))} {{ #removed }}\n\n{s['removed_intro']}\n")
    rows = []
    for part, line, text, _reason in removed:
        if part == "leading":
            rows.append([str(line), str(len(text)), s["spam"], s["spam_text"]])
        else:
            rows.append(
                [str(line), str(len(text.strip())), s["chrome"], f'<code class="{RAW_CLASS}">{html.escape(text.strip())}</code>']
            )
    out.append(_table(s["cols_r"], rows))

    chrome = sum(text.count("(") for part, _l, text, _r in removed if part == "trailing")
    out.append(f"### {s['pinyin_title']} {{ #pinyin }}\n")
    out.append(s["pinyin"].format(n=steps["strip_pinyin"], chrome=chrome) + "\n")
    out.append(f"### {s['punct_title']} {{ #punctuation }}\n")
    out.append(
        s["punct"].format(n=steps["normalise_punctuation"]) + "\n\n" + s["labels"].format(n=steps["restore_label_spacing"]) + "\n"
    )

    which = "t2s" if script == "zh-Hans" else "s2tw"
    out.append(f"### OpenCC {which} {{ #overrides }}\n")
    out.append(s[which].format(n=steps[f"convert_{which}"], o=steps[f"override_{which}"]) + "\n")
    rows = []
    for row, sites in override_sites(doc, simplified, cleaned, curated):
        links = "、".join(f'<a href="../#top">{s["card"]}</a>' if a == "top" else _link(doc, a) for a in sites)
        rows.append([html.escape(row.source), html.escape(row.opencc), html.escape(row.correct), str(len(sites)), links])
    out.append(_table(s["cols_o"], rows))

    out.append(f"## {s['check']} {{ #check }}\n")
    out.append(f"{s['sha'].format(file=prov.raw_file)}`{prov.sha256}`\n{{: .qd-left }}\n")
    up = "../" * site_path(script, "about/").count("/")
    out.append(f'{s["sums"]}<a href="{up}SHA256SUMS"><code>SHA256SUMS</code></a>。\n{{: .qd-left }}\n')
    out.append(f'{s["site_url"]}<code class="qd-site-url">{SITE_URL_TOKEN}</code>\n')
    out.append(f"{s['commands']}\n\n```sh\n{COMMAND}\n```\n")
    return "\n".join(out)
