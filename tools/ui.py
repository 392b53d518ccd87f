"""Interface strings of the generated pages, written out in both scripts.

They are chrome, not document text, so they are not converted by OpenCC and
cannot disturb the override counts; each is written by hand in both forms.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "doc_card": {"zh-Hans": "文件信息", "zh-Hant": "文件資訊"},
    "contents": {"zh-Hans": "目录", "zh-Hant": "目錄"},
    "notice": {"zh-Hans": "印发通知", "zh-Hant": "印發通知"},
    "copy_link": {"zh-Hans": "复制本段链接", "zh-Hant": "複製本段連結"},
    "generated": {
        "zh-Hans": "本页由 tools/render.py 根据原始文本生成，请勿直接编辑",
        "zh-Hant": "本頁由 tools/render.py 根據原始文本生成，請勿直接編輯",
    },
    # glossary page (tools/glossary.py)
    "glossary_title": {"zh-Hans": "术语表", "zh-Hant": "術語表"},
    "glossary_intro": {
        "zh-Hans": "本表收录规划中的数字概括语、规划概念、政策机制、平台载体、形象说法、专业术语和缩略语，"
        "按类别分组、按拼音排序。"
        "释义标“规划原文”的，依据规划本身的表述并链接到该段；标“编者注”的，是本站编者所加的说明，并注明依据。"
        "正文中的术语均链接到本表，鼠标悬停可见简要释义。",
        "zh-Hant": "本表收錄規劃中的數字概括語、規劃概念、政策機制、平臺載體、形象說法、專業術語和縮略語，"
        "按類別分組、按拼音排序。"
        "釋義標“規劃原文”的，依據規劃本身的表述並連結到該段；標“編者注”的，是本站編者所加的說明，並註明依據。"
        "正文中的術語均連結到本表，滑鼠懸停可見簡要釋義。",
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
    # index page and see-also notes (tools/crossref.py)
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
}


def t(key: str, script: str) -> str:
    """The interface string ``key`` in ``script``."""
    return STRINGS[key][script]
