"""Where the annotated article of a claims file is published, so the report can link each claim to it.

``report --annotation-url PATTERN`` names the page: ``{file}`` is the claims
file's name without ``.json``, and the claim's id becomes the fragment
(``annotate`` gives each claim's entry that id).  A relative pattern such as
``{file}.annotated.html`` suits a report and annotated pages published in
one folder; an absolute one must be http(s).
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote

from factcheck.text import placeholders

#: The placeholders an annotation-url pattern may use.
PLACEHOLDERS = {"file": "the claims file's name without .json"}
#: What ``--annotation-url`` with no pattern means: pages side by side, named after the claims file.
SIDE_BY_SIDE = "{file}.annotated.html"

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_UNSAFE = re.compile(r"[\s\"'<>\\`#\x00-\x1f\x7f]")


def check_pattern(pattern: str) -> str | None:
    """What is wrong with an annotation-url pattern, or None."""
    if not pattern:
        return "is empty"
    wrong = placeholders.problem(pattern, PLACEHOLDERS)
    if wrong is not None:
        return wrong
    filled = pattern.format(file="x")
    if _UNSAFE.search(filled):
        return "has white space, a quote, a bracket, a backslash or a '#' (the claim id is added as the fragment)"
    scheme = _SCHEME.match(filled)
    if scheme and scheme.group().lower() not in ("http:", "https:"):
        return "must be a relative URL or start with http:// or https://"
    return None


def page_url(pattern: str, file_stem: str) -> str:
    """The annotated page of the claims file named ``file_stem``, its name made safe for a URL.

    The name is quoted as the bytes it has on disk: a name that is not UTF-8
    (``bad\\xff``, read as ``bad\\udcff``) is ``bad%FF``, the page beside it.
    """
    return pattern.format(file=quote(os.fsencode(file_stem), safe=""))
