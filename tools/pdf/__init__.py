"""The printable PDFs: the document model typeset by Typst as GB/T 9704 official documents, tagged PDF/UA-1.

:mod:`tools.pdf.writer` turns the model into the data of each PDF and compiles the template ``plan.typ``;
:mod:`tools.pdf.fonts` chooses the faces per script and checks that they hold every character printed.
"""
