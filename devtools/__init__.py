"""Developer tooling that is neither the product nor its tests (``python -m devtools.…``).

Neither the product package ``tools/`` nor its tests ``tests/`` import from
here: import contracts in ``pyproject.toml``, checked by ``tests/test_imports.py``.
The tooling may import both (the benchmark and the screenshots use
``tests/browser.py``). Its own tests are in ``devtools/tests/``.
"""
