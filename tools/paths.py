"""Where things live in the repository."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
RAW = SOURCE / "qingdao-metropolitan-plan.raw.txt"
DOCS = ROOT / "docs"
DATA = ROOT / "data"
SITE = ROOT / "site"

# Script codes used in paths and lang attributes. Simplified is the default and
# is served at the site root; Traditional under /zh-Hant/.
SCRIPTS = ("zh-Hans", "zh-Hant")
DEFAULT_SCRIPT = "zh-Hans"
