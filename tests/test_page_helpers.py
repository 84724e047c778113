"""The pieces the pages are made of: dates in words, links only to the web, shortened claims, inert Markdown,
and the layout of an article text."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.render import dates, html, markdown
from factcheck.report import layout
from factcheck.text.clean import shorten


@pytest.mark.parametrize(
    ("value", "words", "day"),
    [
        ("2026-11-30T14:05:00Z", "30 Nov 2026, 14:05 UTC", "30 Nov 2026"),
        ("2026-01-02", "2 Jan 2026", "2 Jan 2026"),
        ("2023-05", "May 2023", "May 2023"),
        ("2023", "2023", "2023"),
        ("2026-13-01", "2026-13-01", "2026-13-01"),  # not a date: shown as it is
        ("last week", "last week", "last week"),
    ],
)
def test_dates_in_words(value: str, words: str, day: str) -> None:
    assert dates.human(value) == words
    assert dates.day(value) == day


def test_a_time_element_keeps_the_iso_value() -> None:
    assert html.time("2026-11-30T14:05:00Z") == '<time datetime="2026-11-30T14:05:00Z">30 Nov 2026, 14:05 UTC</time>'
    assert html.time("2026-11-30T14:05:00Z", clock=False) == (
        '<time datetime="2026-11-30T14:05:00Z">30 Nov 2026</time>'
    )
    assert html.time("<soon>") == "&lt;soon&gt;"


def test_html_links_lead_only_to_the_web() -> None:
    assert html.link("https://example.org/a?b=1&c=2", "A <b> title") == (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="noreferrer noopener">A &lt;b&gt; title</a>'
    )
    assert html.link("HTTP://example.org/") == (
        '<a class="url" href="HTTP://example.org/" rel="noreferrer noopener">HTTP://example.org/</a>'
    )
    for url in ("javascript:alert(1)", "data:text/html,<script>", " https://x.example/", "//x.example/"):
        shown = html.link(url, "t")
        assert "href" not in shown and "<script>" not in shown
    assert "hunter2" not in html.link("https://u:hunter2@example.org/")


def test_a_source_reads_as_its_title_and_site() -> None:
    assert html.source_link("https://www.dawn.com/news/1", "Trade up") == (
        '<bdi><a href="https://www.dawn.com/news/1" rel="noreferrer noopener">Trade up</a></bdi> '
        '<span class="muted">(dawn.com)</span>'
    )
    assert html.source_link("https://dawn.com/news/1", None) == (
        '<a class="url" href="https://dawn.com/news/1" rel="noreferrer noopener">https://dawn.com/news/1</a>'
    )
    copy = html.archive_link("https://web.archive.org/web/2026/https://dawn.com/", "2026-11-20T08:30:12Z")
    assert copy == (
        ' <span class="muted">· <a href="https://web.archive.org/web/2026/https://dawn.com/" '
        'rel="noreferrer noopener">archived copy</a>, <time datetime="2026-11-20T08:30:12Z">20 Nov 2026</time></span>'
    )


def test_claims_are_shortened_after_a_whole_word() -> None:
    text = "China and Kazakhstan have built a strong partnership, characterized by mutual respect."
    assert shorten(text, 200) == text
    assert shorten(text, 40) == "China and Kazakhstan have built a…"
    assert shorten(text, 56) == "China and Kazakhstan have built a strong partnership…"
    assert shorten("x" * 50, 10) == "xxxxxxxxx…"
    assert shorten("two\nlines \x1b[31m", 40) == "two lines \\x1b[31m"


def test_markdown_links_lead_only_to_the_web() -> None:
    assert markdown.link("https://e.org/a_(b)|c", "Title [1] *x*") == (
        "[Title \\[1\\] \\*x\\*](https://e.org/a_%28b%29%7Cc)"
    )
    assert markdown.link("https://e.org/") == "[https://e.org/](https://e.org/)"
    assert markdown.link("javascript:alert(1)", "t") == "`javascript:alert(1)`"


def test_an_articles_markdown_is_kept() -> None:
    text = (
        "# A heading\n\n"
        "> A quote with *emphasis*, **strong** and `code`.\n\n"
        "- an item with [a link](https://example.org/a) and <https://example.org/b>\n"
        '1. ![a picture](pic.png "title")\n\n'
        "[ref]: https://example.org/ref\n"
    )
    assert markdown.inert(text) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("a <!-- comment --> b", "a \\<!-- comment --\\> b"),
        ("[x](javascript:alert(1))", "[x]\\(javascript:alert(1))"),
        ("[x](  JavaScript:alert(1))", "[x]\\(  JavaScript:alert(1))"),
        ("[x](jav&#97;script:alert(1))", "[x]\\(jav&#97;script:alert(1))"),
        ("[x](javascript\\:alert(1))", "[x]\\(javascript\\:alert(1))"),
        ("![x](data:image/svg+xml,<svg>)", "![x]\\(data:image/svg+xml,\\<svg\\>)"),
        ("[r]: javascript:alert(1)", "\\[r]: javascript:alert(1)"),
        ("<javascript:alert(1)>", "\\<javascript:alert(1)\\>"),
        ("red \x1b[31m and \u202e", "red \\x1b[31m and \\u202e"),
    ],
)
def test_what_could_act_in_a_browser_is_made_literal(text: str, shown: str) -> None:
    assert markdown.inert(text) == shown


# --- the layout of an article text -------------------------------------------------------------

EXTRACT_DATA = Path(__file__).parent / "data" / "extract"


def _kinds(text: str, title: str) -> list[tuple[str, str]]:
    return [(b.kind, text[b.start : b.end]) for b in layout.blocks(text, title) if b.kind != layout.Kind.BODY]


def test_a_news_page_s_front_matter_is_told_from_its_body() -> None:
    text = (EXTRACT_DATA / "news-report.txt").read_text(encoding="utf-8")
    # the page's title carries the site's name: the headline is still known by it
    title = "Harbour bridge reopens after $310 million repair, two months late | The Daily"
    assert _kinds(text, title) == [
        ("label", "NEWS"),
        ("headline", "Harbour bridge reopens after $310 million repair, two months late"),
        ("label", "5 min read"),
        ("byline", "By Elena Marsh, Transport Correspondent"),
        ("label", "March 14, 2024"),
    ]
    first_body = next(b for b in layout.blocks(text, title) if b.kind == layout.Kind.BODY)
    assert text[first_body.start :].startswith("The Larkspur Harbour Bridge reopened to traffic on Tuesday")


def test_subheads_are_short_unpunctuated_lines_in_the_body_and_list_items_are_not() -> None:
    text = (EXTRACT_DATA / "press-release.txt").read_text(encoding="utf-8")
    title = "Nordvik Energy opens 240-megawatt wind farm in Ostrava Bay"
    assert _kinds(text, title) == [
        ("label", "FOR IMMEDIATE RELEASE"),
        ("headline", title),
        ("subhead", "About Nordvik Energy"),
    ]
    text = "Intro line without a stop\n\nA body sentence.\n\n- 32 turbines\n\nWhat comes next\n\nThe end.\n"
    assert _kinds(text, "Another title") == [
        ("standfirst", "Intro line without a stop"),
        ("subhead", "What comes next"),
    ]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # a Markdown heading is the headline when it is the title
        ("# Our city deserves better\n\nI have lived here for years.\n", [("headline", "# Our city deserves better")]),
        # no front matter: the first paragraph is body text
        ("The bridge opened in 2020.\n\nIt cost $2.4 billion.\n", []),
        # a paragraph of several lines is body text, however short its lines
        ("Related articles\nFerry fares to rise\n\nThe end.\n", []),
        # a line ending in a quotation's close is body text
        ("“We did not cut corners”\n\nThe end.\n", []),
        # as is a sentence ended as Japanese, Chinese, Arabic or Hindi end one: no label, no subhead
        ("東京メトロは約650万人を運んだ。\n\n新宿駅は世界一の駅である。\n\n「遅い」\n", []),
        ("上海地铁的日均客流量达到1058万人次！\n\n真的吗？\n", []),
        ("هل ارتفع عدد السكان؟\n\nنعم، إلى 2.1 مليون.\n", []),
        ("दिल्ली में बारिश हुई।\n\nThe end.\n", []),
    ],
)
def test_layout_edge_cases(text: str, kinds: list[tuple[str, str]]) -> None:
    assert _kinds(text, "Our city deserves better") == kinds
    assert [text[b.start : b.end] for b in layout.blocks(text, "x")] == [
        p.strip() for p in text.split("\n\n") if p.strip()
    ]
