"""``python -m tools.epub --out DIR``: see :func:`tools.epub.main`."""

import sys

from . import main

sys.exit(main())
