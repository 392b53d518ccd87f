"""``python -m devtools.shots SITE_DIR OUT_DIR``: screenshots of the built site to look at.

Desktop (1280 px) and phone (360 px) views of the home page, a chapter and
the search, in both scripts, as PNG files.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.browser import chromium, serve

PAGES = [
    ("home", ""),
    ("ch03", "ch03/"),
    ("search", "ch03/?q=服务"),
    ("hit", "ch03/?h=青岛港#p3-2-1"),
    ("map", "map/"),
]
WIDTHS = {"desktop": (1280, 900), "phone": (360, 740)}


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    site, out = Path(args[0]), Path(args[1])
    only = set(args[2:])
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, chromium() as browser:
        for view, (w, h) in WIDTHS.items():
            page = browser.new_page(viewport={"width": w, "height": h})
            for script_root in ("", "zh-Hant/"):
                for name, path in PAGES:
                    if only and name not in only:
                        continue
                    page.goto(base + script_root + path)
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(300)
                    tag = "hant" if script_root else "hans"
                    target = out / f"{name}-{tag}-{view}.png"
                    page.screenshot(path=str(target))
                    print(target)
            page.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
