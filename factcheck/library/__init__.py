"""The library: a desk's local index of published fact-checks and of its own documents.

- ``index``: the SQLite store with full-text search (FTS5, BM25), and the
  ``Backend`` protocol another search engine may implement;
- ``records``: the two kinds of entries, ``FactCheckEntry`` and ``Passage``;
- ``feeds``, ``documents``, ``importing``: the importers (ClaimReview
  JSON-LD and pages embedding it, CSV/TSV, claims files; HTML, PDF, text and
  Markdown documents, and the pages in verify's web cache);
- ``terms``: the words of a claim or a tweet, as the index and the ranking see them;
- ``ranking``: the second stage of ``match`` and ``search``, with weights shipped as data.

This module loads nothing, so a command can ask whether a library exists without paying for one.
"""

#: The library's file in its folder.
FILE_NAME = "library.db"
