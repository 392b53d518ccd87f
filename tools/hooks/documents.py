"""The document model of each script as the hooks read it: ``docs/<script>/document.json``.

Not a hook itself: the hooks (``search_index.py``, ``strings.py``) share it, so
the site's facts come from the same model the pages were generated from.
"""

from __future__ import annotations

import json
from pathlib import Path

from tools.model import Document, document_from_dict


def docs_root(config) -> Path:
    """``docs/``, also while mkdocs-static-i18n has ``docs_dir`` at a script's folder."""
    docs_dir = Path(config.docs_dir)
    return docs_dir.parent if docs_dir.name in ("zh-Hans", "zh-Hant") else docs_dir


def load_document(config, script: str) -> Document:
    path = docs_root(config) / script / "document.json"
    return document_from_dict(json.loads(path.read_text(encoding="utf-8")))
