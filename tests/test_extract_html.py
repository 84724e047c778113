"""extract on a web page: its main text is kept beside the claims file, and the claims anchor to it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.store.folder import read
from factcheck.text import anchor

PAGE = """<!doctype html>
<html><head><meta charset="windows-1251"><title>Bridge reopens</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour bridge reopens</h1>
<p>The Larkspur Harbour Bridge reopened to traffic on Tuesday after a repair programme that cost
$310 million and ran two months over schedule, the state transport department said.</p>
<p>The 1.2-kilometre crossing was closed in September 2022 when inspectors found corrosion in 14 of
its 96 steel cables.</p>
<p>Мост открыли во вторник.</p>
</article>
<footer>Copyright 2026 Example News. Subscribe to our newsletter.</footer>
</body></html>
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "claims").mkdir()
    (tmp_path / "page.html").write_bytes(PAGE.encode("windows-1251"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_web_page_becomes_a_text_beside_the_claims(run, workdir: Path) -> None:
    result = run("extract", "page.html", "--into", "claims/page.json")
    assert result.exit_code == 0, result.stderr
    text = (workdir / "claims" / "page.txt").read_text(encoding="utf-8")
    assert "Мост открыли во вторник." in text  # the page's declared encoding was honoured
    for chrome in ("Home", "Sport", "Copyright", "Subscribe"):
        assert chrome not in text
    claims_file = read(workdir / "claims" / "page.json").claims_file
    assert claims_file.article.path == "page.txt"
    ids = [c.id for c in claims_file.claims]
    assert ids == ["larkspur-harbour", "kilometre-2022"]
    for claim in claims_file.claims:
        assert anchor.is_valid(claim.anchor, text)
    assert run("check", "--select", "anchor-lost").exit_code == 0
    # Again, from the same page: nothing changes.
    before = (workdir / "claims" / "page.json").read_bytes()
    assert run("extract", "page.html", "--into", "claims/page.json").stderr.endswith("unchanged; 0 new, 2 kept\n")
    assert (workdir / "claims" / "page.json").read_bytes() == before


def test_previewing_a_web_page_writes_nothing(run, workdir: Path) -> None:
    result = run("extract", "page.html", "--format", "json")
    assert result.exit_code == 0
    assert [p["id"] for p in json.loads(result.stdout)] == ["larkspur-harbour", "kilometre-2022"]
    assert list((workdir / "claims").iterdir()) == []


def test_a_file_that_is_no_pdf_is_one_clear_error(run, workdir: Path) -> None:
    (workdir / "scan.pdf").write_bytes(b"\x00\x01 not a pdf at all")
    result = run("extract", "scan.pdf", "--into", "claims/scan.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: scan.pdf: cannot read the article: ")
    assert len(result.stderr.splitlines()) == 1
    assert list((workdir / "claims").iterdir()) == []


DECLARED = """<!doctype html>
<html><head><meta charset="utf-8"><title>Bridge reopens | The Courier</title>
<meta property="og:title" content="Harbour bridge reopens after $310 million repair">
<meta name="author" content="Ann Lee">
<meta property="og:site_name" content="The Courier">
<meta property="article:published_time" content="2026-03-01T08:00:00Z">
<link rel="canonical" href="https://courier.example.org/news/bridge">
</head>
<body><article>
<h1>Harbour bridge reopens</h1>
<p>The Larkspur Harbour Bridge reopened to traffic on Tuesday after a repair programme that cost
$310 million and ran two months over schedule, the state transport department said.</p>
</article></body></html>
"""


def test_extract_fills_the_article_metadata_the_page_declares(run, workdir: Path) -> None:
    (workdir / "news.html").write_text(DECLARED, encoding="utf-8")
    result = run("extract", "news.html", "--into", "claims/news.json")
    assert result.exit_code == 0, result.stderr
    assert "article title, author, publisher, date, url from the page" in result.stderr
    article = read(workdir / "claims" / "news.json").claims_file.article
    assert article.title == "Harbour bridge reopens after $310 million repair"
    assert article.author == "Ann Lee"
    assert article.publisher == "The Courier"
    assert article.date == "2026-03-01"
    assert article.url == "https://courier.example.org/news/bridge"


def test_a_merge_fills_only_what_nobody_set(run, workdir: Path) -> None:
    assert run("extract", "page.html", "--into", "claims/news.json").exit_code == 0  # declares no metadata
    assert run("--claims", "claims/news.json", "article", "set", "--author", "Desk Editor").exit_code == 0
    (workdir / "page.html").write_text(DECLARED, encoding="utf-8")
    result = run("extract", "page.html", "--into", "claims/news.json", "--force")
    assert result.exit_code == 0, result.stderr
    article = read(workdir / "claims" / "news.json").claims_file.article
    assert article.author == "Desk Editor"  # a person's value stays
    assert article.title == "Harbour bridge reopens"  # the title is never replaced by a merge
    assert article.url == "https://courier.example.org/news/bridge"
    assert "article publisher, date, url from the page" in result.stderr


@pytest.mark.parametrize(
    ("date", "url", "kept"),
    [
        ("2026-03-01", "https://news.example.org/a", (True, True)),
        ("2026-02-31", "https://news.example.org/a", (False, True)),  # no such day
        ("2026-03-01\n", "https://news.example.org/a\n", (False, False)),  # a final newline the claims file refuses
    ],
)
def test_page_metadata_keeps_only_real_dates_and_whole_urls(date: str, url: str, kept: tuple[bool, bool]) -> None:
    from factcheck.text.convert import page_metadata

    page = (
        '<html><head><meta name="date" content="{date}"><link rel="canonical" href="{url}">'
        "<title>T</title></head><body><p>Text.</p></body></html>"
    ).format(date=date.replace("\n", "&#10;"), url=url.replace("\n", "&#10;"))
    meta = page_metadata(page.encode())
    assert (meta.date == date, meta.url == url) == kept
    assert meta.date in (date.strip(), None)  # never another day than the page states


@pytest.mark.parametrize("attribute", ['property="article:published_time"', 'name="date"', 'itemprop="datePublished"'])
def test_a_page_dated_by_a_day_that_does_not_exist_has_no_date(attribute: str) -> None:
    from factcheck.text.convert import page_metadata

    page = (
        f'<html><head><meta {attribute} content="2021-02-29T10:00:00Z"><title>T</title></head>'
        "<body><p>Text.</p></body></html>"
    )
    assert page_metadata(page.encode()).date is None
    assert page_metadata(page.replace("02-29", "02-01").encode()).date == "2021-02-01"
