"""Pipeline that turns the scraped raw text of 《青岛都市圈发展规划》 into a bilingual site.

One subpackage per part of the pipeline; each stage is a pure function and I/O stays at the edges:

    text (load -> repair -> clean -> normalise -> convert) -> model (parse)
        -> annotate (glossary terms, index places) -> render -> write

with the curated data of ``source/`` read once by :mod:`tools.data`. The
README's pipeline table maps every stage to its module.
``python -m tools --help`` lists the commands.
"""
