"""The printable PDFs: the document model as GB/T 9704 official-document HTML, typeset by WeasyPrint.

:mod:`tools.pdf.writer` builds the HTML of each PDF and runs WeasyPrint (layout in ``pdf.css``);
:mod:`tools.pdf.fonts` chooses the faces and cuts them to the characters each script uses.
"""
