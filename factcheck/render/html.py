"""Writing HTML pages: escaping untrusted text, the page shell, status badges.

Every string that comes from a claims file or a source goes through
``escape``: control characters are made visible, then ``& < > " '`` are
escaped, so no claim text can open a tag or close an attribute.
"""

from __future__ import annotations

import html as _html
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from factcheck.model.vocab import Status
from factcheck.render import dates, theme
from factcheck.text.clean import clean, json_safe, quoted, shorten

CSS = """
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827;
       background: #fff; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #e5e7eb; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
.meta, .muted { color: #6b7280; font-size: .9rem; }
table { border-collapse: collapse; margin: .5rem 0; }
.table { max-width: 100%; overflow-x: auto; }
.table > table { margin: 0; }
th, td { text-align: left; padding: .25rem .75rem .25rem 0; vertical-align: top; border-bottom: 1px solid #f3f4f6; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.status { display: inline-block; padding: 0 .45em; border-radius: .3em; font-size: .85rem; font-weight: 600; }
code, .url { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .85em; overflow-wrap: anywhere; }
a { color: #1d4ed8; overflow-wrap: anywhere; }
a:focus-visible, summary:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
svg { max-width: 100%; height: auto; }
details { margin: .5rem 0; }
summary { cursor: pointer; font-weight: 600; }
.claim-text { color: #374151; }
ul { padding-left: 1.25rem; }
.nowrap { white-space: nowrap; }
.nowrap code { overflow-wrap: normal; }
"""
CSS += "".join(f".s-{status} {{ color: {fg}; background: {bg}; }}\n" for status, (_, fg, bg) in theme.STATUS.items())
# Not yet checked is outlined, not filled: grey on grey reads as a control switched off.
CSS += ".status.s-unverified, summary.s-unverified { color: #374151; background: #fff; box-shadow: inset 0 0 0 1px #9ca3af; }\n"


def escape(text: str | None) -> str:
    """Untrusted text for HTML: unsafe characters made visible (``\\x1b``), then escaped."""
    return _html.escape(clean(text or ""))


#: The language the pages speak around the articles' own words.
LANG = "en"


def lang(code: str | None) -> str:
    """A ``lang`` attribute for words in language ``code``, when it is known and not the page's own."""
    return f' lang="{escape(code)}"' if code and code != LANG else ""


#: The languages ``text.language`` names that are written right to left.
RIGHT_TO_LEFT = frozenset({"ar", "he"})


#: The quotation marks of the languages ``text.language`` names, as the Unicode CLDR gives them; English's
#: ("“…”") for the rest, Chinese included (“…” in simplified script, which the guess cannot tell from traditional).
QUOTES = {
    "ar": ("«", "»"),
    "de": ("„", "“"),
    "el": ("«", "»"),
    "es": ("«", "»"),
    "fr": ("«\u202f", "\u202f»"),
    "ja": ("「", "」"),
    "ru": ("«", "»"),
    "uk": ("«", "»"),
}


def quote(text: str, code: str | None, show: Callable[[str], str] = escape) -> str:
    """``text`` as ``show`` writes it, between the quotation marks of its language ``code``; none are added to
    a text that opens with a quotation mark of its own (as ``clean.quoted`` has it)."""
    shown = show(text)
    if quoted(text, lambda _: shown) == shown:
        return shown
    opening, closing = QUOTES.get(code or LANG, ("“", "”"))
    return f"{opening}{shown}{closing}"


def direction(code: str | None) -> str:
    """A ``dir`` attribute for words in language ``code``: right to left where it is written so, else as they start."""
    return rtl(code) or ' dir="auto"'


def rtl(code: str | None) -> str:
    """A ``dir`` attribute for words in language ``code`` when it is written right to left; else none."""
    return ' dir="rtl"' if code in RIGHT_TO_LEFT else ""


def own(code: str | None) -> str:
    """Attributes that give the page's own words their language and direction back inside words of language ``code``."""
    if not code or code == LANG:
        return ""
    return f' lang="{LANG}"' + (' dir="ltr"' if code in RIGHT_TO_LEFT else "")


def page(title: str, body: str, extra_css: str = "", title_lang: str | None = None) -> str:
    """A complete HTML document; ``title`` is escaped here, ``body`` must be escaped already.

    ``title_lang``: the language of the title's words, when it is known; a tab, a bookmark and a screen
    reader then read them in it (and right to left where it is written so), while the page speaks its own.
    """
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{LANG}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title{lang(title_lang)}{rtl(title_lang)}>{escape(title)}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def is_web(url: str) -> bool:
    """Whether a URL may be a link's target: http and https only (no ``javascript:``, ``data:``, ...)."""
    return url[:8].lower().startswith(("http://", "https://"))


def link(url: str, text: str | None = None) -> str:
    """``text`` (else the URL itself) linking to an http(s) ``url``; any other URL is shown, not linked.

    The link sends no referrer and gives the page it opens no handle on this one.
    """
    if not is_web(url):
        return f'<span class="url">{escape(url)}</span>'
    shown = escape(text) if text else escape(url)
    css = "" if text else ' class="url"'
    return f'<a{css} href="{escape(url)}" rel="noreferrer noopener">{shown}</a>'


def host(url: str) -> str:
    """The host a URL names, without ``www.``; empty when it names none."""
    try:
        name = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return name.removeprefix("www.")


def isolated(text: str) -> str:
    """Untrusted words in a ``<bdi>``: a name or title in Arabic beside ours keeps its place in the line."""
    return f"<bdi>{escape(text)}</bdi>"


def source_link(url: str, title: str | None) -> str:
    """A source as a link: its title as the text (isolated), then the site's name; the URL when it has no title."""
    if not title:
        return link(url)
    site = host(url)
    return f"<bdi>{link(url, title)}</bdi>" + (f' <span class="muted">({escape(site)})</span>' if site else "")


def archive_link(archive_url: str | None, archived_at: str | None = None, *, first: bool = False) -> str:
    """ " · archived copy, 20 Nov 2026" linking the copy; empty without one.

    ``first``: the copy starts a line of its own, so it has no separator before it.
    """
    if not archive_url:
        return ""
    when = f", {time(archived_at, clock=False)}" if archived_at else ""
    if first:
        return f'<span class="muted">{link(archive_url, "archived copy")}{when}</span>'
    return f' <span class="muted">· {link(archive_url, "archived copy")}{when}</span>'


def time(value: str, *, clock: bool = True) -> str:
    """A date or UTC timestamp in words, in a ``<time>`` element that keeps the ISO value for programs.

    ``clock=False`` shows the date alone (the time stays in ``datetime``).
    """
    if dates.parts(value) is None:
        return escape(value)
    return f'<time datetime="{escape(value)}">{escape(dates.human(value, time=clock))}</time>'


def change(was: str, now: str) -> str:
    """What became of a person's verdict ``was``, in words for readers: replaced by ``now``, or withdrawn."""
    if now == Status.UNVERIFIED:
        return f"the verdict {was} was withdrawn while we check it again."
    return f"the verdict was {was} before."


def updated(at: str, was: str, now: str) -> str:
    """A verdict that replaced a person's earlier one, or withdrew it, as readers see it: when, and what it was."""
    return f'<span class="label">Updated {time(at, clock=False)}:</span> {escape(change(was, now))}'


def claim_ref(
    claim_id: str, text: str | None, href: str | None = None, width: int = 90, language: str | None = None
) -> str:
    """A claim's id (a link to ``href``, its place in the annotated article, when given) and its text, shortened
    to ``width`` characters.

    ``language`` is the language of the claim's words, when it is known, for a screen reader to read them in.
    """
    ident = f"<code>{escape(claim_id)}</code>"
    if href:
        # A screen reader's list of links would read the id alone: its name says where it leads too.
        where = escape(f"{claim_id} in the article with its claims marked")
        ident = f'<a class="claim-id" href="{escape(href)}" aria-label="{where}">{ident}</a>'
    if not text:
        return ident
    shown = quote(text, language, lambda t: escape(shorten(t, width)))
    # A <bdi> otherwise takes its first letter's way.
    return f'{ident} <bdi class="claim-text"{lang(language)}{rtl(language)}>{shown}</bdi>'


def scroll(table: str) -> str:
    """A table in a box that scrolls sideways on a narrow screen instead of widening the page."""
    return f'<div class="table">{table}</div>'


def badge(status: str) -> str:
    """A status name on its colour."""
    return f'<span class="status s-{escape(status)}">{escape(status)}</span>'


# Characters that could end a <script> element or open a comment inside it,
# and the two line separators JavaScript once did not allow in strings.
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_ld(data: Any) -> str:
    """A ``<script type="application/ld+json">`` block holding ``data``.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so no string in the
    data (a claim saying ``</script>``, ``<!--``) can end the block early;
    a JSON parser reads the same strings back.
    """
    # json_safe: C1, bidi and other controls as escapes too, as in every JSON output.
    text = json_safe(json.dumps(data, ensure_ascii=False, indent=2))
    for char, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">\n{text}\n</script>\n'
