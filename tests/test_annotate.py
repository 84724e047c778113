"""factcheck annotate: placing claims, overlaps, re-anchoring, every format, and escaping."""

from __future__ import annotations

import hashlib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck.render.formats import choices

from conftest import ARTICLE_TEXT, make_claim, make_source, write_claims

OPENED = "The bridge opened in March 2020 after four years of work."
COST = "It cost $2.4 billion"
WASTE = "Critics think it was a waste of money."


def anchored(claim_id: str, exact: str, status: str, text: str = ARTICLE_TEXT, **extra) -> dict:
    start = text.index(exact)
    end = start + len(exact)
    anchor = {
        "exact": exact,
        "prefix": text[max(0, start - 32) : start],
        "suffix": text[end : end + 32],
        "start": start,
        "end": end,
    }
    return make_claim(claim_id, exact, status, anchor=anchor, **extra)


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """claims/bridge.json annotating claims/bridge.txt; the cwd is tmp_path."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "claims"
    folder.mkdir()
    text_path = folder / "bridge.txt"
    text_path.write_text(ARTICLE_TEXT, encoding="utf-8")
    write_claims(
        folder,
        "bridge",
        [
            anchored(
                "opened",
                OPENED,
                "verified",
                note="Confirmed by the city.",
                sources=[make_source("https://example.org/bridge", "opened in March 2020", title="Bridge news")],
            ),
            anchored("opened-year", "March 2020", "mixed"),  # nested inside "opened"
            anchored("cost", COST, "false", note="It cost $2.6 billion."),
            anchored("waste", WASTE, "opinion"),
            make_claim("ghost", "A claim that is nowhere in the text.", "unsupported"),
        ],
        article={
            "title": "Bridge",
            "author": "A. Writer",
            "path": "bridge.txt",
            "sha256": hashlib.sha256(ARTICLE_TEXT.encode()).hexdigest(),
        },
    )
    return text_path


def test_terminal_exact(run, article: Path) -> None:
    result = run("annotate")
    assert result.exit_code == 0
    assert result.stdout == (
        "Bridge\n"
        "A. Writer\n"
        "claims/bridge.txt · 4 claims marked\n"
        "\n"
        "The bridge opened in March 2020[2 mixed] after four years of work.[1 verified] It cost $2.4 billion[3 false], "
        "the city said. Critics think it was a waste of money.[4 opinion]\n"
        "\n"
        "Claims\n"
        "\n"
        "[1] verified  opened\n"
        "    The bridge opened in March 2020 after four years of work.\n"
        "    note: Confirmed by the city.\n"
        "    - https://example.org/bridge  Bridge news\n"
        "      “opened in March 2020”\n"
        "\n"
        "[2] mixed  opened-year\n"
        "    March 2020\n"
        "    no sources\n"
        "\n"
        "[3] false  cost\n"
        "    It cost $2.4 billion\n"
        "    note: It cost $2.6 billion.\n"
        "    no sources\n"
        "\n"
        "[4] opinion  waste\n"
        "    Critics think it was a waste of money.\n"
        "    no sources\n"
        "\n"
        "Claims not placed in the text\n"
        "\n"
        "[5] unsupported  ghost  (not placed: it has no anchor and its text is not in the article)\n"
        "    A claim that is nowhere in the text.\n"
        "    no sources\n"
    )


def test_markdown_footnotes(run, article: Path) -> None:
    md = run("annotate", "--format", "md").stdout
    assert md == (
        "# Bridge\n"
        "\n"
        "A. Writer\n"
        "\n"
        # Each claim's mark follows the end of its sentence, the nested claim's too; nothing is bold.
        "The bridge opened in March 2020 after four years of work.[^opened][^opened-year] "
        "It cost $2.4 billion, the city said.[^cost] Critics think it was a waste of money.[^waste]\n"
        "\n"
        "## Claims not placed in the text\n"
        "\n"
        "- “A claim that is nowhere in the text.”[^ghost]: not placed, it has no anchor and its text is not in the "
        "article.\n"
        "\n"
        "[^opened]: **verified** · `opened`: “The bridge opened in March 2020 after four years of work.”\n"
        "\n"
        "    **Note:** Confirmed by the city.\n"
        "\n"
        "    - [Bridge news](https://example.org/bridge): “opened in March 2020”\n"
        "\n"
        "[^opened-year]: **mixed** · `opened-year`: “March 2020”\n"
        "\n"
        "[^cost]: **false** · `cost`: “It cost $2.4 billion”\n"
        "\n"
        "    **Note:** It cost $2.6 billion.\n"
        "\n"
        "[^waste]: **opinion** · `waste`: “Critics think it was a waste of money.”\n"
        "\n"
        "[^ghost]: **unsupported** · `ghost`: “A claim that is nowhere in the text.”\n"
    )


MARKDOWN_ARTICLE = (
    "# The *bridge* story\n"
    "\n"
    "The bridge opened in **March 2020** after [four years](https://example.org/years) of work. "
    "It cost $2.4 billion_ish_, the city said.\n"
    "\n"
    "> Critics think it was a waste of money! Others disagree.\n"
    "\n"
    "- A list item with `code`: the deck is 3 km long\n"
    "- <b>raw html</b> and [a trap](javascript:alert(1)).\n"
)


def test_markdown_keeps_the_articles_own_markdown(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.md").write_text(MARKDOWN_ARTICLE, encoding="utf-8")
    source = make_source("https://example.org/cost?a=(1)", "2.4", title="City *budget* [2020]")
    claims = [
        anchored("year", "March 2020", "mixed", MARKDOWN_ARTICLE, note="It opened in **May**."),
        anchored("cost", "It cost $2.4 billion", "false", MARKDOWN_ARTICLE, sources=[source]),
        anchored("waste", "Critics think it was a waste of money", "opinion", MARKDOWN_ARTICLE),
        anchored("deck", "the deck is 3 km long", "verified", MARKDOWN_ARTICLE),
    ]
    write_claims(
        tmp_path / "c",
        "a",
        claims,
        article={
            "title": "A *title*",
            "path": "a.md",
            "url": "https://n.example/a",
            "sha256": hashlib.sha256(MARKDOWN_ARTICLE.encode()).hexdigest(),
        },
    )
    md = run("--claims", "c", "annotate", "--format", "md").stdout
    assert md.startswith("# A \\*title\\*\n\n[the article as published](https://n.example/a)\n\n# The *bridge* story\n")
    assert (
        "The bridge opened in **March 2020** after [four years](https://example.org/years) of work.[^year] "
        "It cost $2.4 billion_ish_, the city said.[^cost]\n"
    ) in md
    assert "> Critics think it was a waste of money![^waste] Others disagree.\n" in md
    assert "- A list item with `code`: the deck is 3 km long[^deck]\n" in md
    # What could act in a browser does not: raw HTML and a javascript: link are made literal.
    assert "- \\<b\\>raw html\\</b\\> and [a trap]\\(javascript:alert(1)).\n" in md
    # What factcheck adds is escaped: the note, the source's title; the URL is a link destination.
    assert "[^year]: **mixed** · `year`: “March 2020”\n\n    **Note:** It opened in \\*\\*May\\*\\*.\n" in md
    assert "    - [City \\*budget\\* \\[2020\\]](https://example.org/cost?a=%281%29): “2.4”\n" in md
    assert (
        "**March 2020**" in md and md.count("**") == 2 + 2 * 4 + 2
    )  # the article's own, each footnote's status, a note's label


def test_markdown_footnote_lists_checks_and_archived_copies(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = "Trade reached $31 billion. It fell later.\n"
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "t.txt").write_text(text, encoding="utf-8")
    source = make_source(
        "https://example.org/trade",
        "reached $29 billion",
        publisher="Stats Office",
        date="2026-03",
        last_check={
            "at": "2026-11-01T09:30:00Z",
            "outcome": "conflicts",
            "facts": [{"fact": "$31 billion", "result": "disagrees", "found": "$29 billion"}],
        },
        archive_url="https://web.archive.org/web/20260101000000/https://example.org/trade",
        archived_at="2026-01-01T00:00:00Z",
    )
    write_claims(
        tmp_path / "c",
        "t",
        [anchored("trade", "Trade reached $31 billion", "false", text, sources=[source])],
        article={"title": "T", "path": "t.txt"},
    )
    md = run("--claims", "c", "annotate", "--format", "md").stdout
    assert "Trade reached $31 billion.[^trade] It fell later." in md
    assert (
        "    - [https://example.org/trade](https://example.org/trade) (Stats Office, Mar 2026): “reached $29 billion”"
        " · last check 1 Nov 2026: conflicts (supporting source), source says $29 billion where the claim says $31 billion"
        " · [archived copy](https://web.archive.org/web/20260101000000/https://example.org/trade), 1 Jan 2026\n"
    ) in md


@pytest.mark.parametrize("reviewed", [[], ["--reviewed-only"]])
@pytest.mark.parametrize("checked", [True, False])
@pytest.mark.parametrize("quoted", [True, False])
def test_html_an_archived_copy_never_starts_a_line_with_a_separator(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reviewed: list[str], checked: bool, quoted: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    text = "Trade reached $31 billion. It fell later.\n"
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "t.txt").write_text(text, encoding="utf-8")
    check = {"at": "2026-11-01T09:30:00Z", "outcome": "supported"}
    source = make_source(
        "https://example.org/trade",
        "reached $31 billion" if quoted else None,
        last_check=check if checked else None,
        archive_url="https://web.archive.org/web/20260101000000/https://example.org/trade",
        archived_at="2026-01-01T00:00:00Z",
    )
    history = [{"at": "2026-11-02T10:00:00Z", "from": "unverified", "to": "verified", "by": "tess", "why": "found"}]
    claim = anchored("trade", "Trade reached $31 billion", "verified", text, sources=[source], history=history)
    write_claims(tmp_path / "c", "t", [claim], article={"title": "T", "path": "t.txt"})
    page = run("--claims", "c", "-q", "annotate", "--format", "html", *reviewed).stdout
    assert ">archived copy</a>, <time" in page
    # A line starts after a block (the quote, the last check) or after the source's title; none starts with "·".
    assert not re.search(r"</(blockquote|div)>\s*(<[^>]+>\s*)*·", page)
    if checked and not reviewed:
        assert re.search(r"last check [^\n]*archived copy</a>, <time[^\n]*</div>", page)


FARES = "Ferry operator Bayline raised fares by 12% in 2024"


def _html_of(run, folder: Path, name: str, text: str, claim: str = FARES, **article: str) -> str:  # type: ignore[no-untyped-def]
    """The HTML page of an article saved as ``folder/name``, with one claim, unverified, in a claims file of its own."""
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    stem = name.replace(".", "-")
    write_claims(folder, stem, [anchored("fares", claim, "unverified", text)], article={"path": name, **article})
    return run("--claims", str(folder / f"{stem}.json"), "-q", "annotate", "--format", "html").stdout


def test_html_shows_a_markdown_text_s_headings_and_byline_without_their_markup(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = (
        "# Ferry fares rise again\n\n*By Dana Wells*\n\n"
        "Ferry operator Bayline raised fares by 12% in 2024, the port authority said.\n\n"
        "## Passengers\n\nThe line carried 1.4 million passengers in 2023.\n"
    )
    page = _html_of(run, tmp_path / "c", "story.md", text, title="Ferry fares rise again", author="Dana Wells")
    assert '<h1 dir="auto">Ferry fares rise again</h1>\n' in page and "<title>Ferry fares rise again</title>" in page
    assert '<div class="byline" dir="auto">By Dana Wells</div>\n' in page
    assert '<div class="subhead" dir="auto" role="heading" aria-level="2">Passengers</div>\n' in page
    assert "## " not in page and "*By" not in page
    assert '<p class="meta">Dana Wells' not in page  # the byline names the author already
    # The text and Markdown formats keep the article's own text.
    assert "## Passengers" in run("--claims", "c", "annotate", "--format", "md").stdout


def test_html_joins_a_wrapped_markdown_paragraph_and_keeps_a_plain_text_s_lines(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Markdown wraps paragraphs as it likes: a line break in one is a space, unless two spaces or a
    # backslash end the line. A plain text's lines may be an address or a verse: each is kept.
    monkeypatch.chdir(tmp_path)
    text = (
        "Ferry operator Bayline raised fares by 12% in 2024,\nthe port authority said on Monday\n"
        "in its yearly report.\n\nHarbour Office  \n1 Quay Street\n"
    )
    md = _html_of(run, tmp_path / "c", "story.md", text, title="Fares")
    assert "\nthe port authority said on Monday\nin its yearly report.</div>" in md and "Monday<br>" not in md
    assert "Harbour Office<br>\n1 Quay Street" in md
    txt = _html_of(run, tmp_path / "c", "story.txt", text, title="Fares")
    assert "said on Monday<br>\nin its" in txt


def test_html_marks_the_article_with_its_language_and_the_page_stays_english(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A screen reader reads a Russian story with a Russian voice, and the page's own words in English.
    monkeypatch.chdir(tmp_path)
    text = "Линия метро откроется 7 декабря 2026 года, сообщили в мэрии.\n\nСтоимость составит 45,6 млрд рублей.\n"
    page = _html_of(run, tmp_path / "c", "metro.txt", text, "Стоимость составит 45,6 млрд рублей.", title="Метро")
    assert '<html lang="en">' in page
    assert '<article class="text" lang="ru">' in page and '<h1 dir="auto" lang="ru">Метро</h1>' in page
    # The title, in a tab or a bookmark, is the article's headline: in its language too.
    assert '<title lang="ru">Метро</title>' in page


_WATER = "BBC قالت إن محطة التحلية ستعمل بحلول عام 2025."
_ARABIC = f"قالت وزارة المياه إن 97 في المئة من المياه الجوفية غير صالحة للشرب.\n\n{_WATER}\n"


def test_html_runs_an_arabic_article_right_to_left_whatever_a_paragraph_starts_with(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "BBC" first would turn dir="auto" left to right: the paragraph would start at the left, its full stop
    # at the wrong end. The claim's words below the text run the same way.
    monkeypatch.chdir(tmp_path)
    page = _html_of(run, tmp_path / "c", "water.txt", _ARABIC, _WATER, title="المياه")
    assert '<article class="text" lang="ar" dir="rtl">' in page and '<h1 dir="rtl" lang="ar">المياه</h1>' in page
    assert '<title lang="ar" dir="rtl">المياه</title>' in page
    assert '<div class="para" dir="rtl"><mark class="claim s-unverified" data-claims="1">BBC' in page
    assert f'dir="rtl">{_WATER}</blockquote>' in page
    assert 'dir="auto"' not in page.split("<h2>Claims</h2>")[0]


def test_html_the_claims_words_keep_the_article_s_language_and_its_verdicts_the_page_s(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Below the text, outside the article, a screen reader must still read the claim in Arabic; inside the
    # article, a verdict opened in place ("false", "details") is the page's English, laid out left to right.
    monkeypatch.chdir(tmp_path)
    page = _html_of(run, tmp_path / "c", "water.txt", _ARABIC, _WATER, title="المياه")
    assert f'<blockquote lang="ar" dir="rtl">{_WATER}</blockquote>' in page
    assert '<details class="ref" id="Ref-1" lang="en" dir="ltr"><summary' in page
    russian = "Линия метро откроется 7 декабря 2026 года, сообщили в мэрии.\n\nСтоимость составит 45,6 млрд рублей.\n"
    page = _html_of(run, tmp_path / "r", "metro.txt", russian, "Стоимость составит 45,6 млрд рублей.", title="Метро")
    assert '<details class="ref" id="Ref-1" lang="en"><summary' in page
    assert '<blockquote lang="ru" dir="auto">Стоимость' in page


def _sourced(run, folder: Path, sources: list[dict], **article: str) -> str:  # type: ignore[no-untyped-def]
    """The HTML page of a one-sentence English article whose one claim, verified, cites ``sources``."""
    text = "Ferry operator Bayline raised fares by 12% in 2024, the port authority said.\n"
    folder.mkdir()
    (folder / "t.txt").write_text(text, encoding="utf-8")
    claim = anchored("fares", FARES, "verified", text, sources=sources)
    write_claims(folder, "t", [claim], article={"title": "T", "path": "t.txt", **article})
    result = run("--claims", str(folder), "annotate", "--format", "html")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_html_quotes_a_source_s_evidence_with_the_marks_of_its_language(run, tmp_path: Path) -> None:
    # English marks around Arabic or Japanese evidence read as a mistake; the evidence is read in its language.
    arabic, japanese = "رفعت الشركة الأسعار بنسبة 12 في المئة.", "運賃は2024年に12%値上げされた。"
    sources = [make_source(f"https://example.org/{n}", q) for n, q in enumerate((arabic, japanese, "fares rose 12%"))]
    page = _sourced(run, tmp_path / "c", sources)
    assert f'<blockquote lang="ar" dir="rtl">«{arabic}»</blockquote>' in page
    assert f'<blockquote lang="ja" dir="auto">「{japanese}」</blockquote>' in page
    assert '<blockquote dir="auto">“fares rose 12%”</blockquote>' in page


def test_html_an_arabic_source_title_and_publisher_keep_their_places_in_an_english_line(run, tmp_path: Path) -> None:
    # Without isolation the title, "(site)" and the publisher would run together right to left: the
    # publisher first, the title last. The author and publisher heading the page likewise.
    source = make_source("https://stats.example/w", "12%", title="تقرير وزارة المياه", publisher="وزارة المياه")
    page = _sourced(run, tmp_path / "c", [source], author="زمان", publisher="الأخبار")
    assert (
        '<bdi><a href="https://stats.example/w" rel="noreferrer noopener">تقرير وزارة المياه</a></bdi> '
        '<span class="muted">(stats.example)</span> <span class="muted">· <bdi>وزارة المياه</bdi></span>'
    ) in page
    assert '<p class="meta"><bdi>زمان</bdi> · <bdi>الأخبار</bdi></p>' in page


class Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.marks: list[tuple[str, str]] = []  # (class, text)
        self.ids: list[str] = []
        self.scripts = 0
        self.in_mark: list[str] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "mark":
            self.in_mark = [a["class"]]
        if "id" in a:
            self.ids.append(a["id"])

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "mark" and self.in_mark:
            self.marks.append((self.in_mark[0], "".join(self.in_mark[1:])))
            self.in_mark = None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)
        if self.in_mark is not None:
            self.in_mark.append(data)


def test_html_structure_and_overlap(run, article: Path) -> None:
    html = run("annotate", "--format", "html").stdout
    page = Marks()
    page.feed(html)
    assert page.scripts == 0
    assert page.marks == [
        ("claim s-verified", "The bridge opened in "),
        ("claim s-mixed", "March 2020"),
        ("claim s-verified", " after four years of work."),
        ("claim s-false", "It cost $2.4 billion"),
        ("claim s-opinion", "Critics think it was a waste of money."),
    ]
    # Each claim's entry is named by the claim's id (ClaimReview's url and the report's links point there).
    assert [i for i in page.ids if not i.startswith("Ref-")] == [
        "opened",
        "opened-year",
        "cost",
        "waste",
        "Not-placed",
        "ghost",
    ]
    assert [i for i in page.ids if i.startswith("Ref-")] == ["Ref-2", "Ref-1", "Ref-3", "Ref-4"]  # in text order
    assert 'data-claims="1 2"' in html  # the nested segment names both claims


def test_html_verdict_never_rests_on_colour_alone(run, article: Path) -> None:
    html = run("annotate", "--format", "html").stdout
    from factcheck.model.vocab import Status
    from factcheck.render.theme import SIGN

    # Every status has a sign of its own, and the legend pairs each sign shown with its status's name.
    assert set(SIGN) == set(Status) and len(set(SIGN.values())) == len(SIGN)
    legend = re.search(r'<p class="legend">(.*?)</p>', html).group(1)  # type: ignore[union-attr]
    keys = re.findall(r'<span class="sign" aria-hidden="true">(.)</span><span class="status s-(\w+)">', legend)
    assert keys and all(SIGN[Status(status)] == sign for sign, status in keys)
    # Each claim's number carries its status's sign.
    numbers = re.findall(r'<summary class="s-(\w+)"[^>]*>\d+<span class="sign" aria-hidden="true">(.)</span>', html)
    assert {status for status, _ in numbers} == {"verified", "mixed", "false", "opinion"}
    assert all(SIGN[Status(status)] == sign for status, sign in numbers)


def test_html_details_open_by_click_tap_or_keyboard(run, article: Path) -> None:
    html = run("annotate", "--format", "html").stdout
    # No hover-only tooltip: each claim's number is a disclosure that opens its verdict in place.
    assert " title=" not in html.split("<body>")[1]
    assert (
        '<details class="ref" id="Ref-3"><summary class="s-false" aria-label="claim 3, false">'
        '3<span class="sign" aria-hidden="true">\u2717</span></summary><span class="pop p-false"><span class="status s-false">false</span> <code>cost</code> <span class="label">Note:</span> <bdi>It cost $2.6 billion.</bdi> '
        '<a href="#cost">details ↓</a></span></details>'
    ) in html
    assert '<a href="#opened">1 source and details ↓</a>' in html
    # The disclosure sits in the text, after the claim's last word, inside no paragraph it would break.
    text = html.split('<article class="text">')[1].split("</article>")[0]
    assert "after four years of work.</mark><details" in text and "<p>" not in text
    # From an entry back to the claim in the text.
    assert (
        '<li id="cost"><span class="num">3</span><span class="status s-false">false</span> <code>cost</code> ' in html
    )
    assert '<a class="back" href="#Ref-3">↑ in the text</a>' in html
    assert 'href="#Ref-5"' not in html  # a claim not placed has no place to go back to


def test_html_links_sources_by_title_and_writes_dates_in_words(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = "Trade reached $31 billion.\n"
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "t.txt").write_text(text, encoding="utf-8")
    source = make_source(
        "https://www.example.org/trade?a=1&b=2",
        "reached $31 billion",
        title="Trade <figures>",
        publisher="Stats Office",
        date="2026-03",
        last_check={"at": "2026-11-01T09:30:00Z", "outcome": "supported"},
        archive_url="https://web.archive.org/web/20260101000000/https://www.example.org/trade",
        archived_at="2026-01-01T00:00:00Z",
    )
    bare = make_source("https://example.net/no-title", last_check={"at": "2026-11-02T09:30:00Z", "outcome": "weak"})
    write_claims(
        tmp_path / "c",
        "t",
        [anchored("trade", "Trade reached $31 billion.", "verified", text, sources=[source, bare])],
        article={"title": "T", "date": "2026-05-17", "url": "https://news.example/t", "path": "t.txt"},
    )
    html = run("--claims", "c", "annotate", "--format", "html").stdout
    assert (
        '<li><bdi><a href="https://www.example.org/trade?a=1&amp;b=2" rel="noreferrer noopener">Trade &lt;figures&gt;</a>'
        '</bdi> <span class="muted">(example.org)</span> <span class="muted">· <bdi>Stats Office</bdi> · '
        '<time datetime="2026-03">Mar 2026</time></span>'
    ) in html
    assert 'last check <time datetime="2026-11-01T09:30:00Z">1 Nov 2026</time>: supported (supporting source)' in html
    # without a quote between them, the link and the last check still get a line each
    assert '</a><div class="muted">last check <time datetime="2026-11-02T09:30:00Z">' in html
    assert (
        '<a href="https://web.archive.org/web/20260101000000/https://www.example.org/trade" '
        'rel="noreferrer noopener">archived copy</a>, <time datetime="2026-01-01T00:00:00Z">1 Jan 2026</time>'
    ) in html
    assert (
        '<a class="url" href="https://example.net/no-title" rel="noreferrer noopener">https://example.net/no-title</a>'
    ) in html
    assert '<time datetime="2026-05-17">17 May 2026</time>' in html
    assert '<a href="https://news.example/t" rel="noreferrer noopener">the article as published</a>' in html
    assert "T09:30:00Z<" not in html and ">2026-01-01<" not in html


def test_hostile_claim_text_is_literal(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = "Intro. <script>alert(1)</script> and [bold red]x[/] and \x1b[31mred\x1b[0m end.\n"
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(text, encoding="utf-8")
    claims = [
        anchored("s", "<script>alert(1)</script>", "false", text, note="<b>note</b>"),
        anchored("m", "[bold red]x[/]", "mixed", text),
        anchored("e", "\x1b[31mred\x1b[0m", "verified", text),
    ]
    write_claims(tmp_path / "c", "a", claims, article={"title": "<i>T</i>", "path": "a.txt"})
    terminal = run("--claims", "c", "annotate").stdout
    assert "\x1b" not in terminal
    assert (
        "<script>alert(1)</script>[1 false] and [bold red]x[/][2 mixed] and \\x1b[31mred\\x1b[0m[3 verified] end."
        in terminal
    )
    html = run("--claims", "c", "annotate", "--format", "html").stdout
    assert "<script>" not in html and "<b>note" not in html and "<i>T" not in html
    assert "\x1b" not in html and "\\x1b[31mred" in html
    page = Marks()
    page.feed(html)
    assert page.scripts == 0
    assert ("claim s-false", "<script>alert(1)</script>") in page.marks
    md = run("--claims", "c", "annotate", "--format", "md").stdout
    assert "\\<script\\>alert(1)\\</script\\>" in md and "<script>" not in md and "\x1b" not in md


def test_edited_article_is_reanchored(run, article: Path) -> None:
    edited = article.parent / "edited.txt"
    edited.write_text(
        "Breaking news. " + ARTICLE_TEXT.replace("It cost $2.4 billion", "Its price is unknown"), encoding="utf-8"
    )
    result = run("annotate", str(edited), "--format", "md")
    assert result.exit_code == 0
    md = result.stdout
    assert "> The article text differs from the one the claims were anchored on" in md
    assert "Breaking news. The bridge opened in March 2020 after four years of work.[^opened][^opened-year]" in md
    assert (
        "[^opened]: **verified** · `opened`: “The bridge opened in March 2020 after four years of work.” *(re-anchored: moved)*"
        in md
    )
    # The cost claim is gone from the text: listed at the end, not dropped.
    assert "## Claims not placed in the text" in md
    assert "- “It cost $2.4 billion”[^cost]: not placed, its anchor was not found in the article.\n" in md
    assert "[^cost]: **false** · `cost`: “It cost $2.4 billion”\n\n    **Note:** It cost $2.6 billion.\n" in md


def test_every_format_and_output_file(run, article: Path, tmp_path: Path) -> None:
    names = choices("annotate")
    for fmt in names:
        target = tmp_path / f"annotated.{fmt}"
        result = run("annotate", "--format", fmt, "-o", str(target))
        assert result.exit_code == 0 and result.stdout == ""
        assert "It cost $2.4 billion" in target.read_text(encoding="utf-8")


def test_missing_article_is_input_error(run, article: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    result = run("annotate", "nowhere.txt", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: nowhere.txt: no such article file\n"
    assert not target.exists()


def test_an_article_moved_away_from_its_claims_file_names_the_field_and_what_to_type(
    run, article: Path, tmp_path: Path
) -> None:
    article.rename(tmp_path / "bridge.txt")
    for args in [(), ("claims/bridge.txt",)]:
        result = run("annotate", *args)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            "factcheck: error: claims/bridge.json:6: article.path: claims/bridge.txt: no such article file; "
            "if the article moved, extract it into its claims file again: "
            "factcheck extract NEW_PATH --into claims/bridge.json\n"
        )


def test_seed_article_annotates_every_claim(run) -> None:
    seed = Path(__file__).resolve().parent.parent / "claims"
    result = run("--claims", str(seed), "annotate", "--format", "md")
    assert result.exit_code == 0
    notes = [line for line in result.stdout.splitlines() if line.startswith("[^")]
    assert len(notes) == 33 and "not placed" not in result.stdout
    assert all(f"[^{note[2:].split(']')[0]}]" in result.stdout.split("\n[^")[0] for note in notes)  # each marked


# --- the reader's page ------------------------------------------------------------------------

PAGE_TEXT = (
    "OPINION\n\nThe bridge that cost too much\n\n4 Mins read\n\nBy: Ann Writer\n\n"
    "Why a late, costly repair still left the city short of a crossing\n\n"
    "The bridge reopened in March 2020, two months late. It cost $2.4 billion, the city said. "
    "Critics think it was a waste of money.\n\n"
    "What comes next\n\n"
    "The ferry will run until 2030.\n"
)


@pytest.fixture
def page_claims(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An article with front matter and a subhead; claims by a person, by verify, and unchecked."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "bridge.txt").write_text(PAGE_TEXT, encoding="utf-8")
    conflicts = {
        "at": "2026-11-30T10:00:00Z",
        "outcome": "conflicts",
        "facts": [{"fact": "$2.4 billion", "result": "disagrees", "found": "$2.6 billion"}],
    }
    unconfirmed = {
        "at": "2026-11-30T10:00:00Z",
        "outcome": "unconfirmed",
        "facts": [{"fact": "2030", "result": "missing"}],
    }

    def by(who: str, to: str) -> list[dict]:
        return [{"at": "2026-11-20T00:00:00Z", "from": "unverified", "to": to, "by": who, "why": None}]

    claims = [
        anchored(
            "reopened", "The bridge reopened in March 2020, two months late", "verified", PAGE_TEXT,
            note="The city's own notice says so.", history=by("ann", "verified"),
            sources=[make_source("https://example.org/notice", "reopened in March 2020", title="Notice")],
        ),
        anchored(
            "cost", "It cost $2.4 billion", "false", PAGE_TEXT, note="The final bill was $2.6 billion.",
            history=by("ann", "false"),
            sources=[
                make_source("https://example.org/bill", "cost $2.6 billion", title="Bill", last_check=conflicts),
                make_source("https://example.org/budget", "a $2 billion budget", stance="context", last_check=conflicts),
            ],
        ),
        anchored("waste", "Critics think it was a waste of money.", "opinion", PAGE_TEXT, history=by("ann", "opinion")),
        anchored(
            "ferry", "The ferry will run until 2030.", "verified", PAGE_TEXT, history=by("verify", "verified"),
            sources=[make_source("https://example.org/ferry", "the ferry runs", last_check=unconfirmed)],
        ),
        anchored("headline", "The bridge that cost too much", "unverified", PAGE_TEXT),
    ]  # fmt: skip
    write_claims(folder, "bridge", claims, article={"title": "The bridge that cost too much", "path": "bridge.txt"})
    return folder


class Page(HTMLParser):
    """Each element's text by the element's class (the first class named), and the text of <strong>."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str]] = []
        self.by_class: dict[str, list[str]] = {}
        self.strong: list[str] = []
        self.main = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag in ("br", "meta", "link"):
            return
        css = (dict(attrs).get("class") or "").split(" ")[0]
        self.open.append((tag, css))
        self.by_class.setdefault(css, []).append("") if css else None

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if any(t == "main" for t, _ in self.open):
            self.main.append(data)
        for tag, css in self.open:
            if css:
                self.by_class[css][-1] += data
            if tag == "strong":
                self.strong.append(data)


def _page(run, *args: str) -> tuple[str, Page]:
    result = run("annotate", "--format", "html", *args)
    assert result.exit_code == 0, result.stderr
    page = Page()
    page.feed(result.stdout)
    return result.stdout, page


def test_the_page_shows_the_front_matter_as_such_and_the_headline_once(run, page_claims: Path) -> None:
    html, page = _page(run)
    # the title, its claim marked in it, and the claim's entry
    assert "".join(page.main).count("The bridge that cost too much") == 1 + 1
    assert (
        '<div class="title" dir="auto" role="heading" aria-level="1"><mark class="claim s-unverified" data-claims="1">'
        "The bridge that cost too much</mark><details" in html
    )
    assert page.by_class["kicker"] == ["OPINION · 4 Mins read"]
    assert page.by_class["byline"] == ["By: Ann Writer"]
    assert page.by_class["standfirst"] == ["Why a late, costly repair still left the city short of a crossing"]
    assert page.by_class["subhead"] == ["What comes next"]
    assert '<div class="subhead" dir="auto" role="heading" aria-level="2">What comes next</div>' in html
    assert [p.split(".")[0] for p in page.by_class["para"]] == [
        "The bridge reopened in March 2020, two months late",
        "The ferry will run until 2030",
    ]
    # a claim's number follows the punctuation that closes its words
    assert 'two months late</mark>.<details class="ref" id="Ref-2">' in html
    assert '$2.4 billion</mark>,<details class="ref" id="Ref-3">' in html
    assert 'waste of money.</mark><details class="ref" id="Ref-4">' in html


def test_the_desk_s_page_keeps_its_detail_and_labels_notes_without_bold_check_messages(run, page_claims: Path) -> None:
    html, page = _page(run)
    assert page.by_class["note"] == ["Note: The city's own notice says so.", "Note: The final bill was $2.6 billion."]
    assert page.by_class["stance"] == ["· context"]
    # what each check found is the desk's detail, worded for the source's stance, and never in bold
    assert [m for m in page.by_class["muted"] if m.startswith("last check")] == [
        "last check 30 Nov 2026: conflicts (supporting source); source says $2.6 billion where the claim says $2.4 billion",
        "last check 30 Nov 2026: found, a key fact differs (context source); "
        "source says $2.6 billion where the claim says $2.4 billion",
        "last check 30 Nov 2026: unconfirmed (supporting source); source does not state 2030",
    ]
    assert page.strong == []
    # a claim without sources says why it has none
    assert "An opinion: not a checkable statement of fact, so it needs no source." in page.by_class["muted"]
    assert "Not checked yet." in page.by_class["muted"]
    assert "claims/bridge.txt" in html
    # nobody has checked the headline's claim: underlined, not shaded grey like text switched off
    assert "mark.s-unverified { background: transparent; border-bottom-style: dashed; }" in html


def test_reviewed_only_is_a_page_for_readers(run, page_claims: Path) -> None:
    html, page = _page(run, "--reviewed-only")
    ids = [i for i in ("reopened", "cost", "waste", "ferry", "headline") if f'<li id="{i}">' in html]
    assert ids == ["reopened", "cost", "waste"]  # not verify's verdict, not the claim nobody checked
    assert "last check" not in html and "source says" not in html and "does not state" not in html
    assert "claims/bridge.txt" not in html and "re-anchored" not in html
    assert page.by_class["note"] == ["Note: The city's own notice says so.", "Note: The final bill was $2.6 billion."]
    assert page.by_class["stance"] == ["· context"]  # readers still see how a source bears on the claim
    # the headline is the title's alone once no claim is marked in it
    assert "".join(page.main).count("The bridge that cost too much") == 1
    assert "3 claims checked" in page.by_class["meta"]


def test_reviewed_only_in_markdown_and_text_leaves_the_desk_s_detail_out(run, page_claims: Path) -> None:
    for fmt in ("md", "text"):
        desk = run("annotate", "--format", fmt).stdout
        reader = run("annotate", "--format", fmt, "--reviewed-only").stdout
        assert "last check" in desk and "last check" not in reader
        assert "https://example.org/ferry" in desk and "https://example.org/ferry" not in reader
        assert "The final bill was $2.6 billion." in reader


def test_a_verdict_verify_set_is_on_the_readers_page_once_a_person_confirms_it(run, page_claims: Path) -> None:
    done = run("set", "ferry", "--status", "verified", "--note", "The operator's timetable says so.", "--by", "desk")
    assert done.stderr == "ferry: verified, now the verdict of desk (verify had set it)\n"
    reader, page = _page(run, "--reviewed-only")
    ids = [i for i in ("reopened", "cost", "waste", "ferry", "headline") if f'<li id="{i}">' in reader]
    assert ids == ["reopened", "cost", "waste", "ferry"]
    assert "Note: The operator's timetable says so." in page.by_class["note"]
    assert "The operator's timetable says so." in run("annotate", "--format", "md", "--reviewed-only").stdout


def _flag_for_review(folder: Path, claim_id: str, why: str) -> None:
    path = folder / "bridge.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    for claim in document["claims"]:
        if claim["id"] == claim_id:
            claim["review"] = {"since": "2026-12-01T00:00:00Z", "why": why, "by": "verify"}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def test_a_claim_flagged_for_review_is_marked_for_the_desk_and_kept_off_the_readers_page(
    run, page_claims: Path
) -> None:
    why = "the sources do not support it, against the verdict verified: https://example.org/notice changed"
    _flag_for_review(page_claims, "reopened", why)
    html, page = _page(run)
    assert page.by_class["review"] == [f"Needs review: {why}"]
    for fmt in ("md", "text"):
        assert f"eeds review: {why}" in run("annotate", "--format", fmt).stdout.replace("**", "")
    reader, _ = _page(run, "--reviewed-only")
    ids = [i for i in ("reopened", "cost", "waste", "ferry", "headline") if f'<li id="{i}">' in reader]
    assert ids == ["cost", "waste"]
    assert "Needs review" not in reader and "https://example.org/notice" not in reader


def test_the_readers_page_embeds_claimreview_only_for_the_verdicts_it_shows(run, page_claims: Path) -> None:
    path = page_claims / "bridge.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["article"].update(url="https://news.example.org/bridge", author="Ann Writer")
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    options = ("--publisher-name", "The Desk", "--review-url", "https://desk.example.org/bridge#{id}")

    def embedded(*args: str) -> list[str]:
        html, _ = _page(run, *options, *args)
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        items: list[dict] = []
        for block in blocks:
            data = json.loads(block)
            items += data if isinstance(data, list) else data.get("@graph", [data])
        return sorted(i["url"].rsplit("#", 1)[1] for i in items)

    # A ClaimReview publishes a person's verdict, on the desk's page as on the readers': not verify's on the ferry.
    assert embedded() == ["cost", "reopened"]
    assert embedded("--reviewed-only") == ["cost", "reopened"]


def test_markdown_and_text_say_when_a_source_only_gives_context(run, page_claims: Path) -> None:
    for args in ((), ("--reviewed-only",)):
        md = run("annotate", "--format", "md", *args).stdout
        budget = next(line for line in md.splitlines() if "https://example.org/budget" in line)
        assert "*context*" in budget
        assert "context" not in next(line for line in md.splitlines() if "https://example.org/bill" in line)
        text = run("annotate", "--format", "text", *args).stdout
        assert "https://example.org/budget  context" in text


def test_markdown_and_text_print_the_headline_once(run, page_claims: Path) -> None:
    title = "The bridge that cost too much"
    for fmt in ("md", "text"):
        reader = run("annotate", "--format", fmt, "--reviewed-only").stdout
        assert reader.count(title) == 1, fmt  # the title; the text's copy of it holds no claim shown here
        assert "OPINION" in reader and "4 Mins read" in reader and "By: Ann Writer" in reader  # the rest stays
        desk = run("annotate", "--format", fmt).stdout
        assert desk.count(title) >= 2, fmt  # a claim is marked in the headline: it stays in the text


def test_a_claims_file_given_as_the_article_is_refused_with_what_to_run(run, article: Path, tmp_path: Path) -> None:
    # A desk new to the tool types `annotate claims/bridge.json`: the JSON must not be annotated as the article.
    target = tmp_path / "out.md"
    result = run("annotate", "claims/bridge.json", "--format", "md", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        "factcheck: error: claims/bridge.json is a claims file, not an article text; "
        "to annotate its article: factcheck --claims claims/bridge.json annotate\n"
    )
    assert not target.exists()


def test_a_web_page_given_as_the_article_names_the_text_extract_saved(run, article: Path, tmp_path: Path) -> None:
    # extract --into reads a page and saves its text beside the claims file; the page's markup is no text to mark.
    page = article.with_suffix(".html")
    page.write_text(f"<html><body><p>{ARTICLE_TEXT}</p></body></html>", encoding="utf-8")
    target = tmp_path / "out.md"
    for args in (
        ["annotate", "claims/bridge.html"],
        ["--claims", "claims/bridge.json", "annotate", "claims/bridge.html"],
    ):
        result = run(*args, "--format", "md", "-o", str(target))
        assert result.exit_code == 2
        assert result.stderr == (
            "factcheck: error: claims/bridge.html is a web page or PDF; annotate marks the text that extract saved "
            "from it; give that text: factcheck annotate claims/bridge.txt\n"
        )
        assert not target.exists()
    # A page saved under another name: the one text the claims annotate is the one meant.
    other = tmp_path / "saved.htm"
    other.write_text("<p>x</p>", encoding="utf-8")
    result = run("annotate", str(other))
    assert result.exit_code == 2 and result.stderr.endswith("; give that text: factcheck annotate claims/bridge.txt\n")
    # With several articles and none named like the page, what to do instead.
    write_claims(article.parent, "ferry", [], article={"title": "Ferry", "path": "ferry.txt"})
    (article.parent / "ferry.txt").write_text("The ferry sails.", encoding="utf-8")
    result = run("annotate", str(other))
    assert result.exit_code == 2
    assert result.stderr.endswith("; name the .txt file beside its claims file, which extract --into wrote\n")


def annotated_as_saved(run, folder: Path, name: str, saved: bytes) -> list[str]:
    """The text, Markdown and HTML annotations of an article saved as ``saved`` bytes, after extract."""
    (folder / "claims").mkdir(parents=True)
    (folder / "claims" / name).write_bytes(saved)
    os.chdir(folder)
    assert run("extract", f"claims/{name}", "--into", "claims/bridge.json").exit_code == 0
    return [run("annotate", "--format", fmt).stdout for fmt in ("text", "md", "html")]


OPENED_COST = "The bridge opened in March 2020 after four years of work.\nIt cost $2.4 billion.\n"


def test_an_article_with_windows_line_endings_reads_as_with_unix_ones(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A text saved on Windows: its line breaks are CR LF. Marked up, it reads as the same text saved
    # elsewhere: no escaped CR at every line's end, its paragraphs apart, its headline once.
    monkeypatch.chdir(tmp_path)
    text = "Bridge reopens\n\nBy Ann Lee\n\n" + OPENED_COST
    unix = annotated_as_saved(run, tmp_path / "unix", "bridge.txt", text.encode())
    windows = annotated_as_saved(run, tmp_path / "windows", "bridge.txt", text.replace("\n", "\r\n").encode())
    assert windows == unix


def test_an_article_saved_with_a_byte_order_mark_is_the_text_extract_anchored_on(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = annotated_as_saved(run, tmp_path, "bridge.txt", b"\xef\xbb\xbf" + OPENED_COST.encode())[0]
    assert "2 claims marked" in out and "re-anchored" not in out


def test_a_markdown_article_s_front_matter_is_its_metadata_not_its_text(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    front = "---\ntitle: Bridge reopens\nurl: https://news.example.org/bridge\n---\n\n"
    for out in annotated_as_saved(run, tmp_path, "bridge.md", (front + OPENED_COST).encode()):
        assert "title: Bridge" not in out and "url: https" not in out
        assert "The bridge opened in March 2020" in out
