"""Interface strings of the generated pages, written out in both scripts.

They are chrome, not document text, so they are not converted by OpenCC and
cannot disturb the override counts; each is written by hand in both forms.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "doc_card": {"zh-Hans": "文件信息", "zh-Hant": "文件資訊"},
    "contents": {"zh-Hans": "目录", "zh-Hant": "目錄"},
    "notice": {"zh-Hans": "印发通知", "zh-Hant": "印發通知"},
    "plan": {"zh-Hans": "规划全文", "zh-Hant": "規劃全文"},
    "intro": {"zh-Hans": "引言", "zh-Hant": "引言"},
    "copy_link": {"zh-Hans": "复制本段链接", "zh-Hant": "複製本段連結"},
    "paragraph_link": {"zh-Hans": "本段链接", "zh-Hant": "本段連結"},
    "pdf_chapter": {"zh-Hans": "下载本章 PDF", "zh-Hant": "下載本章 PDF"},
    "pdf_home": {"zh-Hans": "下载印发通知 PDF", "zh-Hant": "下載印發通知 PDF"},
    "pdf_whole": {"zh-Hans": "下载全文 PDF", "zh-Hant": "下載全文 PDF"},
    "generated": {
        "zh-Hans": "本页由 tools/render.py 根据原始文本生成，请勿直接编辑",
        "zh-Hant": "本頁由 tools/render.py 根據原始文本生成，請勿直接編輯",
    },
    "source_note": {
        "zh-Hans": "正文依据山东省人民政府公开发布的文本整理，修复记录见项目仓库 source/ 目录。",
        "zh-Hant": "正文依據山東省人民政府公開發布的文本整理，修復記錄見專案倉庫 source/ 目錄。",
    },
}


def t(key: str, script: str) -> str:
    """The interface string ``key`` in ``script``."""
    return STRINGS[key][script]
