"""Writing into Markdown: untrusted text made literal, links that can only lead to the web, an article kept as it is."""

from __future__ import annotations

import html
import re

from factcheck.render.html import is_web  # the same rule as in a page: http and https only
from factcheck.text.clean import clean

_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#!])")


def escape(text: str | None) -> str:
    """Untrusted text made literal in Markdown, and inert in the HTML that Markdown may carry."""
    return _SPECIAL.sub(r"\\\1", clean(text or "", single_line=True))


def code(text: str) -> str:
    """Text to put between backticks in a table: no backtick or pipe can end it early."""
    return clean(text, single_line=True).replace("`", "'").replace("|", "\\|")


# Characters a link destination cannot hold as they are: they would end it, or a table cell.
_DESTINATION = {c: f"%{ord(c):02X}" for c in " ()<>[]\\`|\"'"}


def destination(url: str) -> str:
    """An http(s) URL as a link destination: the characters that could end it percent-encoded."""
    return "".join(_DESTINATION.get(c, c) for c in clean(url, single_line=True))


def link(url: str, text: str | None = None) -> str:
    """``[text](url)`` for an http(s) URL (the URL is the text when there is none); other URLs as code."""
    if not is_web(url):
        return f"`{code(url)}`"
    return f"[{escape(text or url)}]({destination(url)})"


# --- an article's own Markdown --------------------------------------------------------

# "<" and ">" open and close raw HTML (a tag, a comment); they are kept where they are
# Markdown: an http(s) autolink, and the ">" that start a quoted line.
_QUOTE_MARKS = re.compile(r"^[ \t]*(?:>[ \t]*)*", re.MULTILINE)
_AUTOLINK = re.compile(r"<https?://[^\s<>]*>", re.IGNORECASE)
# An inline link or image ("](" then the destination) and a link reference definition.
_INLINE = re.compile(r"\]\((\s*[^\s)]*)")
_DEFINITION = re.compile(r"^( {0,3})\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:")
_WEB_SCHEMES = ("http:", "https:", "mailto:")


def _harmful(target: str) -> bool:
    """Whether a link destination, read as a browser would, names a scheme other than http(s) or mailto."""
    plain = re.sub(r"[\s\\\x00-\x1f]", "", html.unescape(target)).lstrip("<").lower()
    scheme = _SCHEME.match(plain)
    return scheme is not None and scheme.group() not in _WEB_SCHEMES


def inert(text: str) -> str:
    """An article's Markdown kept as written, with what could act in a reader's browser made literal.

    Headings, emphasis, lists, quotes, code and links stay Markdown.  Raw
    HTML does not: its ``<`` and ``>`` are escaped (http(s) autolinks and
    quote markers excepted), and a link or image whose destination has a
    scheme other than http, https or mailto (``javascript:``, ``data:``) is
    no longer one.  Control characters show as escapes (``clean``).
    """
    text = clean(text)
    kept = [m.span() for m in (*_AUTOLINK.finditer(text), *_QUOTE_MARKS.finditer(text))]
    out = []
    at = 0
    for start, end in sorted(kept):
        if start < at:
            continue
        out.append(_angles(text[at:start]))
        out.append(text[start:end])
        at = end
    out.append(_angles(text[at:]))
    text = "".join(out)
    text = _INLINE.sub(lambda m: "]\\(" + m.group(1) if _harmful(m.group(1)) else m.group(), text)
    return _DEFINITION.sub(_unlinked_definition, text)


def _unlinked_definition(m: re.Match[str]) -> str:
    if not _harmful(m.group(3)):
        return m.group()
    return m.group(1) + "\\" + m.group()[len(m.group(1)) :]


def _angles(text: str) -> str:
    return text.replace("<", "\\<").replace(">", "\\>")
