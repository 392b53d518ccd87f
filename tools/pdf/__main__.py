"""``python -m tools.pdf --out DIR``: see :func:`tools.pdf.writer.main`."""

import sys

from .writer import main

sys.exit(main())
