"""Developer tooling that is neither the product nor its tests (``python -m devtools.…``).

The product package ``tools/`` never imports from here (``tests/test_devtools.py``
checks it).
"""
