"""Documents the secretariat produces, as .docx and .pdf (no Qt).

The pipeline has three steps so each document's layout is written once:

1. ``collect`` builds a plain model (``models``) from the database;
2. ``compose`` turns a model into a :class:`~meetingdesk.documents.blocks.Paper`, a list of paper-level
   blocks (title, headings, paragraphs, tables, signature grid…);
3. ``docx_render`` / ``pdf_render`` draw any Paper in the GB/T 9704-2012 layout with the court's settings.

A new document (e.g. the statistics work's reports) only needs a model and a compose function, or it
can fill the generic :class:`~meetingdesk.documents.models.TableReport`.
"""
