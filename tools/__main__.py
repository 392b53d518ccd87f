"""``python -m tools``: see :mod:`tools.cli`."""

import sys

from .cli import main

sys.exit(main())
