"""Pipeline that turns the scraped raw text of 《青岛都市圈发展规划》 into a bilingual site.

One module per stage; each stage is a pure function and I/O stays at the edges:

    load -> repair -> clean -> normalise -> convert -> parse -> render -> write

``python -m tools --help`` lists the commands.
"""
