"""factcheck report: the figures, every format, escaping, and the HTML structure."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck.render import html, theme
from factcheck.render.formats import choices, formats
from factcheck.report import summary as report
from factcheck.store.folder import Folder, read

from conftest import make_claim, make_source, write_claims

FORMATS = formats("report")
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)


def check(outcome: str, at: str = "2026-11-01T00:00:00Z") -> dict:
    return {"at": at, "outcome": outcome}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "claims"
    write_claims(
        folder,
        "bridge",
        [
            make_claim(
                "bridge-opened",
                "The bridge opened in March 2020.",
                "verified",
                sources=[make_source("https://example.org/ok", "opened", last_check=check("supported"))],
                history=[
                    {
                        "at": "2026-10-01T00:00:00Z",
                        "from": "unverified",
                        "to": "verified",
                        "by": "ann",
                        "why": "found it",
                    }
                ],
            ),
            make_claim(
                "bridge-cost",
                "It cost $2.4 billion.",
                "false",
                sources=[
                    make_source(
                        "https://example.org/old",
                        "cost",
                        title="Cost *report* <2025>",
                        last_check=check("supported", "2025-01-01T00:00:00Z"),
                    ),
                    make_source(
                        "https://example.org/gone",
                        "cost",
                        last_check=check("dead"),
                        archive_url="https://web.archive.org/web/20260101000000/https://example.org/gone",
                        archived_at="2026-01-01T00:00:00Z",
                    ),
                ],
                history=[{"at": "2026-11-20T00:00:00Z", "from": "unverified", "to": "false", "by": "bob", "why": None}],
            ),
            make_claim("bridge-waste", "Critics think it was a waste.", "opinion"),
            make_claim("bridge-length", "It is 3 km long.", sources=[make_source("https://example.org/new")]),
            make_claim("bridge-minor", "It has lamps.", worthiness={"score": 0.1, "reasons": []}),
        ],
        article={"title": "The <Bridge> [bold red]story[/]"},
    )
    return folder


def build(folder: Path, **kw) -> report.Report:
    return report.build(Folder(folder).load().files, now=NOW, **kw)


def test_figures(folder: Path) -> None:
    r = build(folder)
    s = r.articles[0]
    assert s.counts == {
        "unverified": 2,
        "verified": 1,
        "mixed": 0,
        "misleading": 0,
        "false": 1,
        "unsupported": 0,
        "opinion": 1,
    }
    assert (s.worthy, s.worthy_sourced, s.worthy_verified) == (3, 3, 1)
    assert [x.url for x in s.never_checked] == ["https://example.org/new"]
    assert [x.url for x in s.stale] == ["https://example.org/old"]
    assert [x.url for x in s.dead] == ["https://example.org/gone"]
    assert [(d.claim_id, [x.outcome for x in d.sources]) for d in s.drift] == [("bridge-cost", ["dead"])]
    assert [c.claim_id for c in r.changes] == ["bridge-cost", "bridge-opened"]
    assert [c.claim_id for c in build(folder, since="2026-11-01").changes] == ["bridge-cost"]
    assert build(folder, max_age=1000).articles[0].stale == []


def test_a_source_not_fetched_on_the_last_run_is_failing_before_it_is_dead(tmp_path: Path) -> None:
    # check warns of these already (dead-source); the report said "dead 0" until the third run.
    sources = [make_source(f"https://example.org/{o}", last_check=check(o)) for o in ("failing", "blocked", "dead")]
    write_claims(tmp_path / "claims", "bridge", [make_claim("cost", "It cost $2 billion.", sources=sources)])
    r = build(tmp_path / "claims")
    s = r.articles[0]
    assert [x.url for x in s.failing] == ["https://example.org/failing", "https://example.org/blocked"]
    assert [x.url for x in s.dead] == ["https://example.org/dead"]
    text = FORMATS["text"](r).plain()
    assert "failing 2, dead 1" in text
    assert "  failing sources (not fetched on the last run):\n    cost  https://example.org/failing" in text
    assert [x["url"] for x in json.loads(FORMATS["json"](r))["articles"][0]["failing"]] == [
        "https://example.org/failing",
        "https://example.org/blocked",
    ]
    assert "Failing sources: not fetched on the last run" in FORMATS["md"](r)
    assert '<th>failing sources</th><td class="n">2</td>' in FORMATS["html"](r)


def test_text_format_exact(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder.parent)
    text = FORMATS["text"](build(folder, since="2026-11-01")).plain()
    assert text == (
        "Claims report · 2026-11-27T12:00:00Z · stale after 180 days\n"
        "\n"
        "The <Bridge> [bold red]story[/]  claims/bridge.json\n"
        "  unverified  ████████████████████████████████████████ 2\n"
        "  verified    ████████████████████ 1\n"
        "  mixed        0\n"
        "  misleading   0\n"
        "  false       ████████████████████ 1\n"
        "  unsupported  0\n"
        "  opinion     ████████████████████ 1\n"
        "  5 claims\n"
        "  check-worthy 3: sourced 3 of 3 (100%), verified 1 of 3 (33%)\n"
        "  mixed, misleading, false or unsupported:\n"
        "    bridge-cost (false)  “It cost $2.4 billion.”\n"
        "  sources 4: never checked 1, stale 1, failing 0, dead 1, unconfirmed 0, archived 1\n"
        "  drift: 1 verdict whose sources no longer say what their stance expects\n"
        "    bridge-cost (false):\n"
        "      https://example.org/gone: now dead (supporting source)\n"
        "        archived copy: https://web.archive.org/web/20260101000000/https://example.org/gone\n"
        "  dead sources:\n"
        "    bridge-cost  https://example.org/gone  last checked 2026-11-01\n"
        "      archived copy: https://web.archive.org/web/20260101000000/https://example.org/gone\n"
        "  stale checks:\n"
        "    bridge-cost  https://example.org/old  last checked 2025-01-01\n"
        "\n"
        "Status changes since 2026-11-01\n"
        "  2026-11-20  bridge-cost  unverified → false  by bob\n"
    )


def test_markdown_escapes_and_lists(folder: Path) -> None:
    md = FORMATS["md"](build(folder))
    assert "Generated 27 Nov 2026, 12:00 UTC; checks older than 180 days are stale." in md
    assert "| status | The \\<Bridge\\> \\[bold red\\]story\\[/\\] |" in md
    assert "| verified | 1 |" in md
    assert "<details><summary>Dead sources: 1</summary>" in md
    # One item per claim, with its text; its sources under it as links; dates in words.
    assert (
        "- `bridge-cost` “It cost $2.4 billion.”\n"
        "  - [https://example.org/gone](https://example.org/gone), last checked 1 Nov 2026, "
        "[archived copy](https://web.archive.org/web/20260101000000/https://example.org/gone) 1 Jan 2026\n"
    ) in md
    assert (
        "- `bridge-cost` “It cost $2.4 billion.” (false)\n  - [https://example.org/gone](https://example.org/gone)"
        in md
    )
    assert "| 20 Nov 2026, 00:00 UTC | `bridge-cost` “It cost $2.4 billion.” | unverified | **false** | bob |  |" in md
    assert (
        "- `bridge-cost` “It cost $2.4 billion.”\n"
        "  - [Cost \\*report\\* \\<2025\\>](https://example.org/old), last checked 1 Jan 2025\n"
    ) in md


def test_json_format(folder: Path) -> None:
    data = json.loads(FORMATS["json"](build(folder)))
    assert data["total"]["by_status"]["unverified"] == 2
    assert data["articles"][0]["dead"] == [
        {
            "claim_id": "bridge-cost",
            "url": "https://example.org/gone",
            "stance": "supports",
            "checked_at": "2026-11-01T00:00:00Z",
            "outcome": "dead",
            "detail": None,
            "archive_url": "https://web.archive.org/web/20260101000000/https://example.org/gone",
            "archived_at": "2026-01-01T00:00:00Z",
            "title": None,
        }
    ]
    assert data["articles"][0]["archived"] == 1
    assert data["since"] is None and len(data["changes"]) == 2


class Page(HTMLParser):
    """Collects tags, text, and the attributes of svg/link/script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("#") and tag != "a":
                self.external.append(value)

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


def test_html_is_self_contained_and_escaped(folder: Path) -> None:
    html = FORMATS["html"](build(folder))
    page = Page()
    page.feed(html)
    page.close()
    assert page.tags[:2] == ["html", "head"]
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert page.external == []
    assert "svg" not in page.tags  # the counts are told once, in a table with a bar beside each
    assert page.tags.count("table") >= 2
    text = "".join(page.text)
    assert "The <Bridge> [bold red]story[/]" in text  # shown literally, after unescaping
    assert "<Bridge>" not in html


def test_every_format_through_the_cli(run, folder: Path, tmp_path: Path) -> None:
    names = choices("report")
    for fmt in names:
        result = run("--claims", str(folder), "report", "--format", fmt)
        assert result.exit_code == 0, result.output
        assert "bridge-cost" in result.stdout
        target = tmp_path / f"out.{fmt}"
        result = run("--claims", str(folder), "report", "--format", fmt, "-o", str(target))
        assert result.exit_code == 0 and result.stdout == ""
        assert "\x1b[" not in target.read_text(encoding="utf-8")


def test_bad_since_is_usage_error(run, folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    result = run("--claims", str(folder), "report", "--since", "last week", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        "factcheck: error: Invalid value for '--since': 'last week' is not a date; "
        "use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ; see 'factcheck report --help'\n"
    )
    assert not target.exists()


def test_seed_claims_report(run) -> None:
    result = run("--claims", str(Path(__file__).resolve().parent.parent / "claims"), "report")
    assert result.exit_code == 0
    assert "  33 claims\n" in result.stdout


def test_changes_keep_article_order_at_one_moment_and_leave_out_notes(tmp_path: Path) -> None:
    from factcheck.report.summary import changes

    at = "2026-11-01T00:00:00Z"
    history = [{"at": at, "from": None, "to": "verified", "by": "ana", "why": None}]
    note = {"at": "2026-11-02T00:00:00Z", "from": "verified", "to": "verified", "by": "extract", "why": "text changed"}
    write_claims(
        tmp_path / "c",
        "order",
        [
            make_claim("zeta", "First in the article.", "verified", history=history + [note]),
            make_claim("alpha", "Second in the article.", "verified", history=history),
        ],
    )
    found = changes([read(tmp_path / "c" / "order.json")], None)
    assert [(c.claim_id, c.from_status, c.to_status) for c in found] == [
        ("zeta", None, "verified"),
        ("alpha", None, "verified"),
    ]


def test_one_claims_changes_at_one_moment_come_newest_first(tmp_path: Path) -> None:
    # A script that runs verify then set within a second: a bot that reads the first change of a
    # claim as where it stands read "unverified → unsupported", the step before the verdict.
    from factcheck.report.summary import changes

    at = "2026-11-01T00:00:00Z"
    steps = [("unverified", "unsupported", "verify"), ("unsupported", "false", "ana")]
    history = [{"at": at, "from": old, "to": new, "by": by, "why": None} for old, new, by in steps]
    write_claims(tmp_path / "c", "tolls", [make_claim("tolls", "Tolls rose 12% in 2025.", "false", history=history)])
    found = changes([read(tmp_path / "c" / "tolls.json")], None)
    assert [(c.from_status, c.to_status) for c in found] == [("unsupported", "false"), ("unverified", "unsupported")]


def test_a_claim_extract_proposes_is_no_status_change(tmp_path: Path) -> None:
    # A desk extracting an article a day found the latest changes filled with its proposals,
    # "(new) → unverified by extract", and the verdicts pushed out of the list.
    from factcheck.report.summary import changes

    proposed = {"at": "2026-11-01T00:00:00Z", "from": None, "to": "unverified", "by": "extract", "why": "proposed"}
    verdict = {"at": "2026-11-02T00:00:00Z", "from": "unverified", "to": "false", "by": "ana", "why": "No."}
    write_claims(
        tmp_path / "c",
        "tolls",
        [
            make_claim("judged", "Tolls rose 12% in 2025.", "false", history=[proposed, verdict]),
            make_claim("later", "Tolls rose 9% in 2026.", history=[{**proposed, "at": "2026-11-03T00:00:00Z"}]),
        ],
    )
    found = changes([read(tmp_path / "c" / "tolls.json")], None)
    assert [(c.claim_id, c.from_status, c.to_status) for c in found] == [("judged", "unverified", "false")]


def test_drift_is_a_source_moving_away_from_what_its_stance_expects(tmp_path: Path) -> None:
    def source(url: str, stance: str, outcome: str) -> dict:
        return make_source(url, "q", stance=stance, last_check={"at": "2026-11-01T00:00:00Z", "outcome": outcome})

    folder = tmp_path / "c"
    write_claims(
        folder,
        "d",
        [
            # A false claim whose contradicting source still conflicts with it: no drift.
            make_claim(
                "still", "Still wrong.", "false", sources=[source("https://a.example/1", "contradicts", "conflicts")]
            ),
            # A contradicting source that now supports the claim: drift.
            make_claim(
                "turned", "Turned.", "false", sources=[source("https://a.example/2", "contradicts", "supported")]
            ),
            # A supporting source whose evidence is gone: drift; one that failing says nothing: none.
            make_claim(
                "gone",
                "Gone.",
                "mixed",
                sources=[
                    source("https://a.example/3", "supports", "weak"),
                    source("https://a.example/4", "supports", "failing"),
                ],
            ),
        ],
    )
    drift = build(folder).total.drift
    assert [(d.claim_id, [r.url for r in d.sources]) for d in drift] == [
        ("turned", ["https://a.example/2"]),
        ("gone", ["https://a.example/3"]),
    ]


def test_the_text_report_lists_drift_as_it_lists_dead_sources(tmp_path: Path) -> None:
    # A desk's pages die together: a dozen verdicts drift at once, and their dead sources with them.
    def dead(n: int) -> dict:
        return make_source(f"https://a.example/{n}", "q", last_check={"at": "2026-11-01T00:00:00Z", "outcome": "dead"})

    write_claims(
        tmp_path / "c", "d", [make_claim(f"drift-{n:02d}", "Said.", "mixed", sources=[dead(n)]) for n in range(12)]
    )
    text = FORMATS["text"](build(tmp_path / "c")).plain()
    drift = text.split("  drift: 12 verdicts whose sources no longer say what their stance expects\n")[1]
    drift = drift.split("  dead sources:\n")[0]
    assert "    drift-09 (mixed):" in drift and "drift-10" not in drift
    assert drift.endswith("    … and 2 more\n")


class Links(HTMLParser):
    """Every link of a page: (href, rel, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str | None, str]] = []
        self._open: list[tuple[str, str | None, list[str]]] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag == "a" and a.get("href") is not None:
            self._open.append((a["href"], a.get("rel"), []))

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        for _, _, text in self._open:
            text.append(data)

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "a" and self._open:
            href, rel, text = self._open.pop()
            self.links.append((href, rel, "".join(text)))


def links(html: str) -> list[tuple[str, str | None, str]]:
    parser = Links()
    parser.feed(html)
    parser.close()
    return parser.links


def test_html_links_sources_by_title_and_names_claims_by_their_text(folder: Path) -> None:
    html = FORMATS["html"](build(folder, since="2026-01-01"))
    found = links(html)
    assert ("https://example.org/old", "noreferrer noopener", "Cost *report* <2025>") in found
    assert ("https://example.org/gone", "noreferrer noopener", "https://example.org/gone") in found
    archive = "https://web.archive.org/web/20260101000000/https://example.org/gone"
    assert (archive, "noreferrer noopener", "archived copy") in found
    assert all(href.startswith("https://") and rel == "noreferrer noopener" for href, rel, _ in found)
    # Without --annotation-url the ids link nowhere, but each shows the start of its claim's text.
    claim = '<code>bridge-cost</code> <bdi class="claim-text">“It cost $2.4 billion.”</bdi>'
    drift, dead, stale = html.split("<h3>Drift")[1], html.split("Dead sources: 1")[1], html.split("Stale checks: 1")[1]
    assert drift.find(claim) < drift.find("https://example.org/gone")
    assert dead.find(claim) < dead.find("https://example.org/gone")
    assert stale.find(claim) < stale.find("https://example.org/old")
    changes = html.split('<table class="changes">')[1]
    assert claim in changes and '<code>bridge-opened</code> <bdi class="claim-text">“The bridge' in changes
    # Dates in words; the ISO value kept for programs.
    assert 'Generated <time datetime="2026-11-27T12:00:00Z">27 Nov 2026, 12:00 UTC</time>' in html
    assert 'Status changes since <time datetime="2026-01-01">1 Jan 2026</time>' in html
    assert '<td class="nowrap"><time datetime="2026-11-20T00:00:00Z">20 Nov 2026</time></td>' in html
    assert 'last checked <time datetime="2025-01-01T00:00:00Z">1 Jan 2025</time>' in html
    assert "2026-11-20T00:00:00Z<" not in html and "T12:00:00Z<" not in html


def test_html_never_widens_a_narrow_screen(folder: Path) -> None:
    html = FORMATS["html"](build(folder))
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    # Every table scrolls in its own box; the changes reflow into blocks on a narrow screen.
    assert html.count("<table") == html.count('<div class="table"><table') == 3
    assert "@media (max-width: 40rem)" in html and ".changes tr" in html
    assert "overflow-wrap: anywhere" in html and "svg { max-width: 100%; height: auto; }" in html


@pytest.mark.parametrize(
    ("pattern", "page"),
    [
        ("{file}.annotated.html", "bridge.annotated.html"),
        ("https://checks.example/{file}/", "https://checks.example/bridge/"),
        ("../articles/{file}.html", "../articles/bridge.html"),
    ],
)
def test_each_claim_links_to_its_annotated_page(folder: Path, pattern: str, page: str) -> None:
    r = build(folder, annotation_url=pattern)
    html = FORMATS["html"](r)
    assert f'<a href="{page}">the article with its claims marked</a>' in html
    # A screen reader, listing the page's links, reads where each claim's id leads, not the id alone.
    where = 'aria-label="bridge-cost in the article with its claims marked"'
    assert f'<a class="claim-id" href="{page}#bridge-cost" {where}><code>bridge-cost</code></a>' in html
    assert f'href="{page}#bridge-opened"' in html  # from the table of changes
    md = FORMATS["md"](r)
    if page.startswith("https://"):
        assert f"[`bridge-cost`]({page}#bridge-cost) “It cost $2.4 billion.”" in md
        assert f"| status | [The \\<Bridge\\> \\[bold red\\]story\\[/\\]]({page}) |" in md
    else:  # a pull-request comment would resolve a relative link against itself
        assert "- `bridge-cost` “It cost $2.4 billion.”" in md and page not in md


def test_a_bad_annotation_url_is_refused_by_the_report_itself(folder: Path) -> None:
    from factcheck.model.errors import UsageError

    with pytest.raises(UsageError, match="annotation-url 'javascript:x': must be a relative URL"):
        build(folder, annotation_url="javascript:x")


def test_an_annotation_page_name_is_made_safe_for_a_url() -> None:
    from factcheck.report import pages

    assert pages.page_url("{file}.annotated.html", "a b#c\x1b") == "a%20b%23c%1B.annotated.html"


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("javascript:alert({file})", "must be a relative URL or start with http:// or https://"),
        ("data:text/html,{file}", "must be a relative URL or start with http:// or https://"),
        ("{file}.html#top", "(the claim id is added as the fragment)"),
        ('{file}".html', "has white space, a quote"),
        ("{page}.html", "unknown placeholder {page}; use {file}"),
        ("{file!r}.html", "placeholders take no format"),
        ("{file", "not a pattern"),
    ],
)
def test_a_bad_annotation_url_pattern_says_what_is_wrong(pattern: str, problem: str) -> None:
    from factcheck.report import pages

    assert problem in (pages.check_pattern(pattern) or "")
    assert pages.check_pattern("{file}.annotated.html") is None


def test_needs_review_and_lost_anchors_name_their_claims(tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    (folder).mkdir()
    (folder / "a.txt").write_text("The bridge opened in 2021. It cost a lot.\n", encoding="utf-8")
    write_claims(
        folder,
        "a",
        [
            make_claim(
                "opened",
                "The bridge opened in 2021.",
                "false",
                review={"since": "2026-11-02T00:00:00Z", "why": "the wording changed after the verdict"},
            ),
            make_claim("gone", "A sentence the article no longer has.", "verified"),
        ],
        article={"title": "A", "path": "a.txt"},
    )
    r = build(folder, annotation_url="https://checks.example/{file}.html")
    html = FORMATS["html"](r)
    review = html.split("<h3>Needs review</h3>")[1].split("</ul>")[0]
    assert '<a class="claim-id" href="https://checks.example/a.html#opened" aria-label="opened in' in review
    assert "“The bridge opened in 2021.”" in review and "the wording changed after the verdict" in review
    lost = html.split("<h3>Anchor lost</h3>")[1].split("</ul>")[0]
    assert '<code>gone</code></a> <bdi class="claim-text">“A sentence the article no longer has.”</bdi>' in lost
    assert "is not in the article text" in lost
    md = FORMATS["md"](r)
    page = "https://checks.example/a.html"
    assert f"### Needs review\n\n- [`opened`]({page}#opened) “The bridge opened in 2021.” (false): the wording" in md
    assert (
        f"### Anchor lost\n\n- [`gone`]({page}#gone) “A sentence the article no longer has.” (verified): is not" in md
    )


def test_annotation_url_on_the_command_line_in_the_environment_and_the_configuration(
    run, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder.parent)

    def hrefs(*args: str) -> set[str]:
        result = run("report", "--format", "html", *args)
        assert result.exit_code == 0, result.stderr
        return {href for href, _, _ in links(result.stdout) if "#bridge-cost" in href}

    assert hrefs() == set()  # no links unless told where the pages are
    # The option alone: the annotated pages sit beside the report, named after the claims files.
    assert hrefs("--annotation-url") == {"bridge.annotated.html#bridge-cost"}
    # An option after it is not taken for a pattern.
    target = folder.parent / "report.html"
    assert run("report", "--format", "html", "--annotation-url", "-o", str(target)).exit_code == 0
    assert 'href="bridge.annotated.html#bridge-cost"' in target.read_text(encoding="utf-8")
    assert hrefs("--annotation-url", "https://checks.example/{file}.html") == {
        "https://checks.example/bridge.html#bridge-cost"
    }
    (folder.parent / "setup.cfg").write_text("[factcheck]\nannotation-url = pages/{file}.html\n")
    assert hrefs() == {"pages/bridge.html#bridge-cost"}
    monkeypatch.setenv("FACTCHECK_ANNOTATION_URL", "env/{file}.html")
    assert hrefs() == {"env/bridge.html#bridge-cost"}
    assert hrefs("--annotation-url", "cli/{file}.html") == {"cli/bridge.html#bridge-cost"}


def test_a_bad_annotation_url_is_a_usage_error(run, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder.parent)
    result = run("report", "--format", "html", "--annotation-url", "javascript:alert({file})")
    assert result.exit_code == 2 and result.stdout == ""
    assert "must be a relative URL or start with http:// or https://" in result.stderr
    (folder.parent / "setup.cfg").write_text("[factcheck]\nannotation-url = {file}.html#x\n")
    result = run("report")
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: setup.cfg:2: [factcheck] annotation-url: ")


def test_sources_that_leave_a_key_fact_unstated_are_listed_with_what_they_leave_out(tmp_path: Path) -> None:
    unconfirmed = {
        **check("unconfirmed"),
        "facts": [
            {"fact": "March 2020", "result": "agrees", "found": "March 2020"},
            {"fact": "four years", "result": "missing"},
            {"fact": "$2.4 billion", "result": "vaguer", "found": "more than $2 billion"},
        ],
    }
    folder = tmp_path / "claims"
    write_claims(
        folder,
        "bridge",
        [
            make_claim(
                "opened",
                "The bridge opened in March 2020 after four years of work and cost $2.4 billion.",
                sources=[make_source("https://example.org/short", "opened", last_check=unconfirmed)],
            ),
            # a person's verdict: its unconfirmed source is drift, not a to-do for the automation
            make_claim(
                "judged",
                "The bridge opened in March 2020 after four years of work and cost $2.4 billion.",
                "misleading",
                sources=[make_source("https://example.org/judged", "opened", last_check=unconfirmed)],
            ),
        ],
    )
    s = build(folder).articles[0]
    assert [(r.claim_id, r.detail) for r in s.unconfirmed] == [
        ("opened", "source does not state four years; says only more than $2 billion for $2.4 billion")
    ]
    assert [d.claim_id for d in s.drift] == ["judged"]
    text = FORMATS["text"](build(folder)).plain()
    assert "unconfirmed 1," in text
    assert "    opened  https://example.org/short  last checked 2026-11-01 (source does not state four years;" in text
    html = FORMATS["html"](build(folder)).split("Unconfirmed: the evidence leaves a key fact unstated: 1")[1]
    assert "<strong>source does not state four years; says only more than $2 billion for $2.4 billion</strong>" in html


def test_a_person_s_verified_claim_has_no_unconfirmed_sources_left_as_open_work(run, tmp_path: Path) -> None:
    unconfirmed = {**check("unconfirmed"), "facts": [{"fact": "four years", "result": "missing"}]}
    by = {"at": "2026-10-01T00:00:00Z", "from": "unverified", "to": "verified", "why": "read it"}
    text = "The bridge took four years to build."
    folder = tmp_path / "claims"
    write_claims(
        folder,
        "bridge",
        [
            make_claim(
                "by-verify",
                text,
                "verified",
                sources=[make_source("https://example.org/a", "built", last_check=unconfirmed)],
                history=[{**by, "by": "verify"}],
            ),
            make_claim(
                "by-ann",
                text,
                "verified",
                sources=[make_source("https://example.org/b", "built", last_check=unconfirmed)],
                history=[{**by, "by": "ann"}],
            ),
        ],
    )
    s = build(folder).articles[0]
    assert [r.claim_id for r in s.unconfirmed] == ["by-verify"]
    # the person's verdict stands; that its source no longer states every key fact is drift for them to weigh
    assert [d.claim_id for d in s.drift] == ["by-ann"]
    result = run("--claims", str(folder), "report")
    lines = result.stdout.splitlines()
    start = lines.index("  unconfirmed sources (the evidence leaves a key fact unstated):")
    assert lines[start + 1 :][:2] == [
        "    by-verify  https://example.org/a  last checked 2026-11-01 (source does not state four years)",
        "",
    ]


@pytest.fixture
def verdicts(tmp_path: Path) -> Path:
    """Claims with a person's verdicts, verify's verdict, and one nobody checked; sources needing a look."""

    def by(who: str, to: str) -> list[dict]:
        return [{"at": "2026-11-20T00:00:00Z", "from": "unverified", "to": to, "by": who, "why": "looked"}]

    folder = tmp_path / "claims"
    write_claims(
        folder,
        "bridge",
        [
            make_claim("late", "It opened two months late.", "verified", history=by("verify", "verified"),
                       sources=[make_source("https://example.org/late", "late", last_check=check("unconfirmed"))]),
            make_claim("cost", "It cost $2.4 billion.", "false", note="The bill was $2.6 billion.",
                       history=by("ann", "false"), sources=[make_source("https://example.org/bill", "$2.6 billion")]),
            make_claim("span", "It is the longest span.", "mixed", note="Longest in the state only.",
                       history=by("ann", "mixed"), sources=[make_source("https://example.org/dead", "longest",
                                                                          last_check=check("dead"))]),
            make_claim("open", "It opened in March.", "verified", history=by("ann", "verified"),
                       sources=[make_source("https://example.org/opened", "March")]),
            make_claim("busy", "It carries 80,000 cars a day."),
            make_claim("toll", "The toll is $5.", "false", note="Desk only: ask the editor.",
                       history=by("ann", "false"), review={"since": "2026-11-21T00:00:00Z", "why": "reworded"}),
        ],
    )  # fmt: skip
    return folder


def test_the_page_names_the_claims_found_mixed_misleading_false_or_unsupported(verdicts: Path) -> None:
    html = FORMATS["html"](build(verdicts))
    listed = html.split("<h3>Claims found mixed, misleading, false or unsupported</h3>\n")[1].split("</ul>")[0]
    assert listed == (
        '<ul class="verdicts refs">\n'
        '<li><span class="status s-mixed">mixed</span> <code>span</code> <bdi class="claim-text">'
        '“It is the longest span.”</bdi><br><span class="label">Note:</span> <bdi>Longest in the state only.</bdi></li>\n'
        '<li><span class="status s-false">false</span> <code>cost</code> <bdi class="claim-text">'
        '“It cost $2.4 billion.”</bdi><br><span class="label">Note:</span> <bdi>The bill was $2.6 billion.</bdi></li>\n'
        '<li><span class="status s-false">false</span> <code>toll</code> <bdi class="claim-text">'
        '“The toll is $5.”</bdi><br><span class="label">Note:</span> <bdi>Desk only: ask the editor.</bdi></li>\n'
    )
    # the desk's own view goes on to its detail
    assert "Sources never checked: 2" in html and "Dead sources: 1" in html and "Latest status changes" in html


def test_reviewed_only_is_a_report_for_readers(run, verdicts: Path) -> None:
    result = run("--claims", str(verdicts), "report", "--format", "html", "--reviewed-only")
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    page = Page()
    page.feed(html)
    text = "".join(page.text)
    # only a person's verdicts: not verify's, not the claim nobody checked; every one named
    listed = html.split("<h3>Verdicts</h3>\n")[1].split("</ul>")[0]
    assert [c.split("</code>")[0] for c in listed.split("<code>")[1:]] == ["open", "span", "cost"]
    # nor one flagged for review, whose verdict may no longer fit: the export and annotate leave it out too
    assert "late" not in listed and "busy" not in html and "toll" not in html and "Desk only" not in html
    assert 'class="status s-unverified"' not in html  # no row for claims without a verdict
    for internal in ("never checked", "Dead sources", "drift", "Latest status changes", "stale", "claims/bridge.json"):
        assert internal not in text, internal
    document = json.loads(run("--claims", str(verdicts), "report", "--format", "json", "--reviewed-only").stdout)
    (article,) = document["articles"]
    assert document["reviewed_only"] is True and document["changes"] == []
    assert article["by_status"] == {"unverified": 0, "verified": 1, "mixed": 1, "misleading": 0, "false": 1,
                                    "unsupported": 0, "opinion": 0}  # fmt: skip
    assert article["dead"] == [] and article["never_checked"] == [] and article["drift"] == []
    assert [v["claim_id"] for v in article["verdicts"]] == ["cost", "span", "open"]
    lines = run("--claims", str(verdicts), "report", "--reviewed-only").stdout.splitlines()
    assert "stale after" not in lines[0] and not any(line.startswith("  unverified") for line in lines)
    assert lines[lines.index("  verdicts:") :] == [
        "  verdicts:",
        "    open (verified)  “It opened in March.”",
        "    span (mixed)  “It is the longest span.”",
        "    cost (false)  “It cost $2.4 billion.”",
    ]


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("status", list(theme.STATUS))
def test_every_status_badge_is_readable(status: str) -> None:
    # A badge is small bold text (0.85rem): WCAG AA asks 4.5:1 of it, on its own background and on the page's white.
    _, colour, background = theme.STATUS[status]
    assert _contrast(colour, background) >= 4.5, (status, colour, background)
    assert _contrast(colour, "#ffffff") >= 4.5, (status, colour)
    assert f".s-{status} {{ color: {colour}; background: {background}; }}" in html.CSS


def test_contrast_is_measured_as_wcag_defines_it() -> None:
    assert _contrast("#000000", "#ffffff") == pytest.approx(21)
    assert _contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_html_marks_each_articles_words_with_its_language(tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    write_claims(
        folder,
        "puente",
        [
            make_claim("coste", "El puente costó 2400 millones de euros y se abrió en marzo de 2020.", "false"),
            make_claim("obras", "Las obras del puente duraron cuatro años, según el ministerio.", "verified"),
        ],
        {"title": "El nuevo puente de la ciudad"},
    )
    write_claims(folder, "bridge", [make_claim("cost", "The bridge cost $2.4 billion and it opened in 2020.", "false")])
    page = FORMATS["html"](build(folder, reviewed_only=True))
    # The page speaks English, its title too; a screen reader reads the Spanish article's title and claims in Spanish.
    assert '<html lang="en">' in page and "<title>Fact-check report</title>" in page
    assert '<h2 dir="auto" lang="es">El nuevo puente de la ciudad</h2>' in page
    assert '<code>coste</code> <bdi class="claim-text" lang="es">«El puente' in page
    assert '<h2 dir="auto">Article bridge</h2>' in page
    assert '<code>cost</code> <bdi class="claim-text">“The bridge' in page


def test_html_report_runs_an_arabic_article_s_title_and_claims_right_to_left(tmp_path: Path) -> None:
    # Starting with "BBC", the title and the claim would read left to right as their first letter says.
    folder = tmp_path / "claims"
    said = "BBC قالت إن محطة التحلية ستعمل بحلول عام 2025 وفق وزارة المياه."
    write_claims(folder, "water", [make_claim("plant", said, "false")], {"title": "BBC: أزمة المياه في المنطقة"})
    page = FORMATS["html"](build(folder))
    assert '<h2 dir="rtl" lang="ar">BBC: أزمة المياه في المنطقة</h2>' in page
    assert f'<code>plant</code> <bdi class="claim-text" lang="ar" dir="rtl">«{said}»</bdi>' in page


def test_html_report_quotes_each_article_s_claims_with_the_marks_of_its_language(tmp_path: Path) -> None:
    # English marks around Japanese words read as a mistake; each language's words take its own marks.
    folder = tmp_path / "claims"
    said = "新しい橋の建設費は2400億円で、2020年3月に開通した。"
    write_claims(folder, "hashi", [make_claim("hashi", said, "false")], {"title": "新しい橋"})
    write_claims(folder, "bridge", [make_claim("cost", "The bridge cost $2.4 billion and it opened in 2020.", "false")])
    page = FORMATS["html"](build(folder))
    assert f'<code>hashi</code> <bdi class="claim-text" lang="ja">「{said}」</bdi>' in page
    assert (
        '<code>cost</code> <bdi class="claim-text">“The bridge cost $2.4 billion and it opened in 2020.”</bdi>' in page
    )
