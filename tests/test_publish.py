"""Publishing verdicts: the article's metadata and claimants, and schema.org ClaimReview (export and HTML).

The JSON-LD is read back as consumers read it: the exported document with a
JSON parser, the blocks in the HTML pages with extruct (the structured-data
extractor), and every property Google's fact-check guidelines require or
recommend is checked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.model.claims import TOOLS
from factcheck.store.folder import read

from conftest import make_claim, make_source, write_claims

ARTICLE = {
    "title": "Bridge news",
    "author": "Ann Lee",
    "publisher": "The Courier",
    "date": "2026-03-01",
    "url": "https://courier.example.org/bridge",
}


def bridge(tmp_path: Path, article: dict | None = None) -> Path:
    folder = tmp_path / "claims"
    history = [{"at": "2026-03-05T10:00:00Z", "from": "unverified", "to": "verified", "by": "tess", "why": "found"}]
    write_claims(
        folder,
        "bridge",
        [
            make_claim(
                "bridge-opened",
                "The bridge opened in March 2020.",
                "verified",
                sources=[make_source("https://example.org/bridge", "opened in March 2020")],
                history=history,
            ),
            make_claim("bridge-cost", "It cost $2.4 billion.", "false", history=[]),
            make_claim("bridge-waste", "It was a waste of money.", "opinion"),
            make_claim("bridge-open", "It is open at night.", "unverified"),
        ],
        article=dict(ARTICLE if article is None else article),
    )
    return folder


# --- article set, set --claimant ----------------------------------------------------------


def test_article_set_changes_and_clears_the_metadata(run, tmp_path: Path) -> None:
    folder = bridge(tmp_path)
    result = run(
        "--claims", str(folder), "article", "set", "--review-url", "https://desk.example.org/checks/bridge",
        "--author", "", "--date", "2026-03",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "article review-url = https://desk.example.org/checks/bridge" in result.stderr
    assert "article author = (cleared)" in result.stderr
    article = read(folder / "bridge.json").claims_file.article
    assert article.review_url == "https://desk.example.org/checks/bridge"
    assert article.author is None and article.date == "2026-03"
    same = run("--claims", str(folder), "article", "set", "--date", "2026-03")
    assert "article unchanged" in same.stderr
    cleared = run("--claims", str(folder), "article", "set", "--review-url", "")
    assert cleared.exit_code == 0
    assert json.loads((folder / "bridge.json").read_bytes())["article"]["review_url"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--url", "ftp://x.org/a"], "is not an http(s) URL; URLs must start with http://"),  # not "sources"
        (["--date", "2026-13"], "is not a real date"),
        (["--title", " "], "title cannot be empty"),
        ([], "give at least one of"),
        (["--review-url", "https://desk.example.org/checks/{id}"], "belongs in the configuration's review-url"),
        # each claim's review url is the page and #its id: a second '#' would make it no URL
        (["--review-url", "https://desk.example.org/checks/bridge#top"], "cannot have a #fragment"),
    ],
)
def test_article_set_refuses_bad_values(run, tmp_path: Path, args: list[str], message: str) -> None:
    folder = bridge(tmp_path)
    before = (folder / "bridge.json").read_bytes()
    result = run("--claims", str(folder), "article", "set", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert (folder / "bridge.json").read_bytes() == before


def test_article_set_wants_one_claims_file(run, tmp_path: Path) -> None:
    folder = bridge(tmp_path)
    write_claims(folder, "other", [make_claim("other-one", "Other.")])
    result = run("--claims", str(folder), "article", "set", "--author", "X")
    assert result.exit_code == 2 and "name one with --claims FILE" in result.stderr
    ok = run("--claims", str(folder / "other.json"), "article", "set", "--author", "X")
    assert ok.exit_code == 0


def test_set_claimant_sets_and_clears_without_touching_the_status(run, tmp_path: Path) -> None:
    folder = bridge(tmp_path)
    result = run("--claims", str(folder), "set", "bridge-cost", "--claimant", "The Mayor")
    assert result.exit_code == 0 and "bridge-cost: claimant The Mayor" in result.stderr
    claim = read(folder / "bridge.json").claims_file.get("bridge-cost")
    assert claim is not None and claim.claimant == "The Mayor" and claim.status == "false" and claim.history == []
    assert run("--claims", str(folder), "set", "bridge-cost", "--claimant", "").exit_code == 0
    assert json.loads((folder / "bridge.json").read_bytes())["claims"][0]["claimant"] is None
    assert run("--claims", str(folder), "set", "bridge-cost").exit_code == 2


# --- ClaimReview ---------------------------------------------------------------------------

PUBLISHED = {"verified", "mixed", "misleading", "false", "unsupported"}


def check_claim_review(item: dict) -> None:
    """Every property Google's fact-check guidelines require, and the recommended ones factcheck always has."""
    assert item["@context"] == "https://schema.org"
    assert item["@type"] == "ClaimReview"
    # Required.
    assert isinstance(item["claimReviewed"], str) and item["claimReviewed"]
    assert item["url"].startswith(("https://", "http://"))
    rating = item["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    # Recommended.
    assert item["author"]["@type"] == "Organization" and item["author"]["name"]
    claim = item["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["appearance"]["url"].startswith(("https://", "http://"))
    assert claim["author"]["name"]


@pytest.fixture
def desk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_PUBLISHER_NAME", "The Desk")
    monkeypatch.setenv("FACTCHECK_PUBLISHER_URL", "https://desk.example.org")
    monkeypatch.setenv("FACTCHECK_REVIEW_URL", "https://desk.example.org/checks/{file}#{id}")


def exported(run, *args: str) -> list[dict]:
    result = run(*args, "export", "claimreview")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_seed_exports_one_valid_claimreview_per_published_verdict(run, desk: None) -> None:
    from factcheck.store.folder import Folder

    from conftest import SEED_CLAIMS

    items = exported(run, "--claims", str(SEED_CLAIMS))
    claims = [c for f in Folder(SEED_CLAIMS).files() for c in f.claims]
    published = [c for c in claims if c.status in PUBLISHED]
    assert len(items) == len(published) > 20
    for item, claim in zip(items, published):
        check_claim_review(item)
        assert item["claimReviewed"] == claim.text
        assert item["url"] == f"https://desk.example.org/checks/china-kazakhstan-30-years#{claim.id}"
        # Published when a verdict was first given, modified when a person last changed the review since.
        given = [e for e in claim.history if e.to_status in PUBLISHED and e.from_status not in PUBLISHED][-1]
        assert item["datePublished"] == given.at
        changed = [e.at for e in claim.history if e.at > given.at and e.by not in TOOLS]
        assert item.get("dateModified") == (changed[-1] if changed else None)
        assert item["itemReviewed"]["author"] == {"@type": "Person", "name": "Zaman Bajwa"}
        assert item["itemReviewed"]["datePublished"] == "2023-05"
    by_status = {c.status: i["reviewRating"] for c, i in zip(published, items)}
    assert by_status["verified"] == {
        "@type": "Rating", "alternateName": "True", "name": "True", "ratingValue": 5, "bestRating": 5, "worstRating": 1,
    }  # fmt: skip
    assert by_status["false" if "false" in by_status else "misleading"]["alternateName"] in ("False", "Misleading")
    assert "ratingValue" not in by_status["unsupported"]


def _event(at: str, old: str | None, new: str, by: str, why: str) -> dict:
    return {"at": f"2026-03-{at}Z", "from": old, "to": new, "by": by, "why": why}


_PROPOSED = _event("01T09:00:00", None, "unverified", "extract", "proposed by extract (score 0.99)")


def corrected(tmp_path: Path) -> Path:
    """A verdict a person replaced after verify's drift, one retracted and then given anew, and one retracted."""
    history = [
        _PROPOSED,
        _event("01T10:00:00", "unverified", "verified", "verify", "quote found"),
        _event("02T10:00:00", "verified", "verified", "ann", "confirmed the verdict: the count says so"),
        _event("03T10:00:00", "verified", "verified", "verify", "drift: the page now says 51,000"),
        _event("04T10:00:00", "verified", "misleading", "ben", "The 2025 count gives 51,000."),
    ]
    retracted = [
        _PROPOSED,
        _event("02T10:00:00", "unverified", "false", "ann", "The minutes say otherwise."),
        _event("04T10:00:00", "false", "unverified", "ann", "Our verdict was wrong."),
        _event("05T10:00:00", "unverified", "mixed", "ben", "Partly right."),
    ]
    claims = [make_claim("count", "About 61,000 cars a day.", "misleading", history=history)]
    claims.append(make_claim("toll", "The toll is $4.75.", "mixed", history=retracted))
    claims.append(make_claim("lanes", "It has six lanes.", history=retracted[:3]))
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "bridge.txt").write_text("About 61,000 cars a day. The toll is $4.75. It has six lanes.\n")
    write_claims(tmp_path / "claims", "bridge", claims, article=dict(ARTICLE, path="bridge.txt"))
    return tmp_path / "claims"


def test_a_changed_verdict_keeps_the_reviews_first_date_and_is_dated_as_modified(
    run, desk: None, tmp_path: Path
) -> None:
    count, toll = exported(run, "--claims", str(corrected(tmp_path)))
    # First published when a person confirmed the count; a person's new verdict modifies it, verify's drift does not.
    assert (count["datePublished"], count["dateModified"]) == ("2026-03-02T10:00:00Z", "2026-03-04T10:00:00Z")
    # A verdict withdrawn left the published reviews: the verdict given after it is published anew.
    assert toll["datePublished"] == "2026-03-05T10:00:00Z" and "dateModified" not in toll


def test_the_pages_for_readers_say_which_verdict_a_new_one_replaced(run, desk: None, tmp_path: Path) -> None:
    folder = corrected(tmp_path)
    told = 'Updated <time datetime="2026-03-04T10:00:00Z">4 Mar 2026</time>:</span> the verdict was verified before.'
    for command in (["annotate"], ["report"]):
        page = run("--claims", str(folder), *command, "--format", "html", "--reviewed-only")
        assert page.exit_code == 0, page.stderr
        assert page.stdout.count(told) == 1  # the count's; the toll's verdict replaced none of a person's
        assert page.stdout.count("the verdict was") == 1
    md = run("--claims", str(folder), "report", "--format", "md", "--reviewed-only").stdout
    assert "“About 61,000 cars a day.” Updated 4 Mar 2026: the verdict was verified before.\n" in md


def test_the_pages_for_readers_say_that_a_verdict_was_withdrawn(run, desk: None, tmp_path: Path) -> None:
    folder = corrected(tmp_path)
    told = 'Updated <time datetime="2026-03-04T10:00:00Z">4 Mar 2026</time>:</span> the verdict false was withdrawn'
    for command in (["annotate"], ["annotate", "--reviewed-only"], ["report", "--reviewed-only"]):
        page = run("--claims", str(folder), *command, "--format", "html")
        assert page.exit_code == 0, page.stderr
        assert page.stdout.count(told) == 1  # the lanes'; the toll's was given anew since
    md = run("--claims", str(folder), "report", "--format", "md", "--reviewed-only").stdout
    assert "“It has six lanes.” Updated 4 Mar 2026: the verdict false was withdrawn while we check it again.\n" in md
    report = json.loads(run("--claims", str(folder), "report", "--format", "json", "--reviewed-only").stdout)
    lanes = [v for a in report["articles"] for v in a["verdicts"] if v["claim_id"] == "lanes"]
    assert lanes == [
        dict(claim_id="lanes", status="unverified", note=None, was="false", updated="2026-03-04T10:00:00Z")
    ]
    assert [c["url"].rsplit("#")[-1] for c in exported(run, "--claims", str(folder))] == ["count", "toll"]


def test_export_names_the_claims_without_a_claimant_counted_in_the_singular_or_plural(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = bridge(tmp_path, {k: v for k, v in ARTICLE.items() if k != "author"})
    monkeypatch.setenv("FACTCHECK_PUBLISHER_NAME", "The Desk")
    assert run("--claims", str(folder), "article", "set", "--review-url", "https://desk.example.org/c/b").exit_code == 0
    both = run("--claims", str(folder), "export", "claimreview")
    assert both.exit_code == 0, both.stderr
    assert "2 claims without a claimant (the article has no author): bridge-opened, bridge-cost; set one" in both.stderr
    assert run("--claims", str(folder), "set", "bridge-cost", "--claimant", "The Mayor").exit_code == 0
    one = run("--claims", str(folder), "export", "claimreview")
    assert "1 claim without a claimant (the article has no author): bridge-opened; set one" in one.stderr


def test_export_counts_one_claimreview_in_the_singular(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "claims"
    history = [{"at": "2026-03-05T10:00:00Z", "from": "unverified", "to": "false", "by": "tess", "why": "no"}]
    write_claims(
        folder,
        "bridge",
        [make_claim("bridge-cost", "It cost $2.4 billion.", "false", history=history)],
        article=dict(ARTICLE),
    )
    monkeypatch.setenv("FACTCHECK_PUBLISHER_NAME", "The Desk")
    assert run("--claims", str(folder), "article", "set", "--review-url", "https://desk.example.org/c/b").exit_code == 0
    result = run("--claims", str(folder), "export", "claimreview", "-o", str(tmp_path / "cr.jsonld"))
    assert result.exit_code == 0, result.stderr
    assert f"1 ClaimReview written to {tmp_path / 'cr.jsonld'}" in result.stderr.splitlines()


def test_a_review_page_with_a_fragment_in_a_file_edited_by_hand_is_the_page_without_it(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # article set refuses "#top"; a file edited by hand may still hold it, and "page#top#id" is no URL.
    folder = bridge(tmp_path, {**ARTICLE, "review_url": "https://desk.example.org/c/b#top"})
    monkeypatch.setenv("FACTCHECK_PUBLISHER_NAME", "The Desk")
    result = run("--claims", str(folder), "export", "claimreview")
    assert result.exit_code == 0, result.stderr
    urls = [review["url"] for review in json.loads(result.stdout)]
    assert urls and all(u.startswith("https://desk.example.org/c/b#bridge-") for u in urls), urls
    library = tmp_path / "lib"
    assert run("--claims", str(folder), "library", "add", str(folder), "--library", str(library)).exit_code == 0
    listed = json.loads(run("library", "list", "--format", "json", "--library", str(library)).stdout)
    assert {f["url"] for f in listed["factchecks"]} >= {"https://desk.example.org/c/b#bridge-opened"}


def test_export_uses_the_claimant_the_fact_check_page_and_the_date_of_the_verdict(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = bridge(tmp_path)
    monkeypatch.setenv("FACTCHECK_PUBLISHER_NAME", "The Desk")
    assert run("--claims", str(folder), "article", "set", "--review-url", "https://desk.example.org/c/b").exit_code == 0
    assert run("--claims", str(folder), "set", "bridge-cost", "--claimant", "The Mayor").exit_code == 0
    result = run("--claims", str(folder), "export", "claimreview", "-o", str(tmp_path / "cr.jsonld"))
    assert result.exit_code == 0, result.stderr
    assert "2 ClaimReviews written to" in result.stderr
    # bridge-cost's history is empty; one claim is counted in the singular
    assert "1 claim without a status change in history, so no datePublished: bridge-cost\n" in result.stderr
    items = json.loads((tmp_path / "cr.jsonld").read_text(encoding="utf-8"))
    assert [i["url"] for i in items] == [
        "https://desk.example.org/c/b#bridge-opened",
        "https://desk.example.org/c/b#bridge-cost",
    ]
    opened, cost = items
    assert opened["datePublished"] == "2026-03-05T10:00:00Z"
    assert "datePublished" not in cost
    assert cost["itemReviewed"]["author"]["name"] == "The Mayor"
    assert opened["itemReviewed"]["author"]["name"] == "Ann Lee"
    assert cost["reviewRating"]["alternateName"] == "False" and cost["reviewRating"]["ratingValue"] == 1
    assert "url" not in opened["author"]


@pytest.mark.parametrize(
    ("article", "env", "message"),
    [
        (ARTICLE, {}, "set publisher-name (and publisher-url) in [factcheck] in setup.cfg or [tool.factcheck]"),
        ({"title": "Bridge news"}, {"FACTCHECK_PUBLISHER_NAME": "D"}, "article set --url URL"),
        (ARTICLE, {"FACTCHECK_PUBLISHER_NAME": "D"}, "article set --review-url URL`, or set review-url"),
    ],
)
def test_missing_required_data_is_an_error_naming_the_setting(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, article: dict, env: dict, message: str
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    folder = bridge(tmp_path, article)
    result = run("--claims", str(folder), "export", "claimreview")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_every_article_without_a_url_is_named_at_once(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A desk with several articles lacking their URL had to run export once per article to learn of each.
    monkeypatch.setenv("FACTCHECK_PUBLISHER_NAME", "D")
    folder = bridge(tmp_path, {"title": "Bridge news"})
    verdict = make_claim("tolls", "Tolls rose 5%.", "false", history=[])
    for name in ("ferry", "tunnel"):
        write_claims(folder, name, [dict(verdict, id=f"{name}-tolls")], {"title": name})
    result = run("--claims", str(folder), "export", "claimreview")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"factcheck: error: {folder / 'bridge.json'}: ClaimReview needs the URL")
    assert result.stderr.endswith(
        f"article set --url URL`; 2 more articles lack it too: {folder / 'ferry.json'}, {folder / 'tunnel.json'}\n"
    )


def test_the_rating_table_is_configured_in_setup_cfg_or_pyproject(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bridge(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "setup.cfg").write_text(
        "[factcheck]\npublisher-name = The Desk\nreview-url = https://desk.example.org/{file}#{id}\n"
        "rating.false = Pants on fire\nrating-value.false = 2\nworst-rating = 2\nbest-rating = 6\n"
        "rating-value.verified = none\n",
        encoding="utf-8",
    )
    opened, cost = exported(run, "--claims", "claims")
    assert cost["reviewRating"] == {
        "@type": "Rating", "alternateName": "Pants on fire", "name": "Pants on fire",
        "ratingValue": 2, "bestRating": 6, "worstRating": 2,
    }  # fmt: skip
    assert opened["reviewRating"] == {"@type": "Rating", "alternateName": "True", "name": "True"}
    (tmp_path / "setup.cfg").unlink()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.factcheck]\npublisher-name = "The Desk"\nreview-url = "https://d.example.org/{id}"\n'
        'rating = { verified = "Correct" }\n[tool.factcheck.rating-value]\nverified = 4\n',
        encoding="utf-8",
    )
    opened, _ = exported(run, "--claims", "claims")
    assert opened["reviewRating"]["alternateName"] == "Correct" and opened["reviewRating"]["ratingValue"] == 4
    assert opened["url"] == "https://d.example.org/bridge-opened"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("rating.opinion = Opinion", "[factcheck] rating.opinion: unknown status 'opinion'; statuses: verified,"),
        ("rating-value.false = lots", "the rating value is a whole number, or none"),
        ("review-url = {page}/{nope}", "unknown placeholder {nope}"),
        ("rating-value.false = 9", "rating-value.false is 9, outside the scale 1 (worst-rating) to 5 (best-rating)"),
        # Google's fact-check guidelines: worstRating has a minimum value of 1
        ("worst-rating = 0", "worst-rating (0) must be 1 or more"),
    ],
)
def test_a_bad_rating_setting_is_an_error(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str, message: str
) -> None:
    bridge(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "setup.cfg").write_text(f"[factcheck]\npublisher-name = D\n{line}\n", encoding="utf-8")
    result = run("export", "claimreview")
    assert result.exit_code == 2
    assert message in result.stderr


def _json_ld(html: str) -> list[dict]:
    import extruct

    found = extruct.extract(html, syntaxes=["json-ld"], uniform=False)["json-ld"]
    # A block holding a list yields its items.
    return [item for block in found for item in (block if isinstance(block, list) else [block])]


def test_the_html_report_and_annotation_embed_the_same_claimreviews(run, desk: None) -> None:
    from conftest import SEED_CLAIMS

    items = exported(run, "--claims", str(SEED_CLAIMS))
    for command in ("report", "annotate"):
        result = run("--claims", str(SEED_CLAIMS), command, "--format", "html")
        assert result.exit_code == 0, result.stderr
        embedded = _json_ld(result.stdout)
        assert embedded == items, command
        for item in embedded:
            check_claim_review(item)
    # Each review's fragment names its claim on the annotated page.
    page = run("--claims", str(SEED_CLAIMS), "annotate", "--format", "html").stdout
    assert 'id="sco-members"' in page


def test_no_claim_text_can_close_the_script(run, tmp_path: Path, desk: None) -> None:
    evil = 'It cost </script><script>alert("x")</script><!-- & \u2028 $2.4 billion.'
    folder = tmp_path / "claims"
    write_claims(
        folder,
        "evil",
        [make_claim("evil", evil, "false")],
        article={**ARTICLE, "path": "evil.txt"},
    )
    (folder / "evil.txt").write_text(evil + "\n", encoding="utf-8")
    for command in ("report", "annotate"):
        html = run("--claims", str(folder), command, "--format", "html").stdout
        assert html.count("<script") == 1 and html.count("</script>") == 1, command
        (item,) = _json_ld(html)
        assert item["claimReviewed"] == evil


def test_an_html_page_without_the_publisher_embeds_nothing_and_says_why(run, tmp_path: Path) -> None:
    folder = bridge(tmp_path)
    result = run("--claims", str(folder), "report", "--format", "html")
    assert result.exit_code == 0
    assert "application/ld+json" not in result.stdout
    assert "note: no ClaimReview embedded in the page: ClaimReview needs the organisation" in result.stderr
    quiet = run("--claims", str(folder), "-q", "report", "--format", "html")
    assert quiet.stderr == ""


def test_claims_without_a_verdict_to_publish_need_no_publisher(run, tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    write_claims(folder, "open", [make_claim("open", "It is open at night.")], article=dict(ARTICLE))
    page = run("--claims", str(folder), "report", "--format", "html")
    assert page.exit_code == 0 and page.stderr == ""  # no note about a publisher nothing needs
    assert "application/ld+json" not in page.stdout
    export = run("--claims", str(folder), "export", "claimreview")
    assert export.exit_code == 0, export.stderr
    assert json.loads(export.stdout) == []


def test_claimreview_publishes_only_a_persons_verdicts_not_flagged_for_review(run, tmp_path: Path) -> None:
    person = [{"at": "2026-01-01T00:00:00Z", "from": "unverified", "to": "false", "by": "ann"}]
    machine = [{"at": "2026-01-01T00:00:00Z", "from": "unverified", "to": "verified", "by": "verify"}]
    flag = {"since": "2026-02-01T00:00:00Z", "why": "the sources do not support it", "by": "verify"}
    source = [make_source("https://example.org/a", "q")]
    write_claims(
        tmp_path / "claims",
        "a",
        [
            make_claim("judged", "It rained on Monday.", "false", sources=source, history=person),
            make_claim("machine", "It snowed on Tuesday.", "verified", sources=source, history=machine),
            make_claim("flagged", "It hailed on Friday.", "false", sources=source, history=person, review=flag),
        ],
        article={"title": "Weather", "url": "https://news.example.org/weather", "author": "Ann"},
    )
    result = run(
        "--claims", str(tmp_path / "claims"), "export", "claimreview",
        "--publisher-name", "Desk", "--review-url", "https://desk.example/{id}",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert [r["url"] for r in json.loads(result.stdout)] == ["https://desk.example/judged"]
    assert "1 claim flagged for review left out until a person judges them again: flagged" in result.stderr
    assert "1 claim whose status only verify set left out (a ClaimReview publishes a person's verdict): machine" in (
        result.stderr
    )


def test_article_set_leaves_the_configured_review_url_pattern_out_of_the_article(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = bridge(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "setup.cfg").write_text(
        "[factcheck]\nreview-url = https://desk.example.org/checks/{file}#{id}\n", encoding="utf-8"
    )
    result = run("--claims", str(folder), "article", "set", "--title", "Bridge reopens")
    assert result.exit_code == 0, result.stderr
    assert "review-url" not in result.stderr
    article = json.loads((folder / "bridge.json").read_bytes())["article"]
    assert article["title"] == "Bridge reopens" and article["review_url"] is None
    # Nor does the configuration stand for an option given: with none, nothing is written.
    before = (folder / "bridge.json").read_bytes()
    nothing = run("--claims", str(folder), "article", "set")
    assert nothing.exit_code == 2 and "give at least one of" in nothing.stderr
    assert (folder / "bridge.json").read_bytes() == before


@pytest.mark.parametrize(
    ("given", "published"),
    [("2024-05-02", "2024-05-02"), ("2024-05-02T09:00:00+02:00", "2024-05-02T09:00:00+02:00"), ("2024-05", "2024-05"),
     ("May 2, 2024", None), ("02/05/2024", None)],
)  # fmt: skip
def test_an_accepted_fact_check_s_date_is_published_only_in_iso_8601(given: str, published: str | None) -> None:
    from factcheck.model.claims import AcceptedMatch
    from factcheck.publish.claimreview import associated

    # A feed's date is kept as its publisher wrote it; ClaimReview's datePublished is ISO 8601.
    match = AcceptedMatch(url="https://checks.example.org/a", claim_reviewed="It cost $2m.", date=given,
                          accepted_at="2026-03-05T10:00:00Z", by="ann")  # fmt: skip
    assert associated(match).get("datePublished") == published


def test_a_claim_across_a_line_break_of_the_text_is_reviewed_on_one_line(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A hard-wrapped article (Markdown, e-mail) breaks its sentences; search results show the claim as one line.
    history = [{"at": "2026-03-05T10:00:00Z", "from": "unverified", "to": "false", "by": "tess", "why": "looked"}]
    claim = make_claim("cost", "It cost $4.2 million and \nopened two\r\n\tmonths late.", "false", history=history)
    write_claims(tmp_path / "claims", "bridge", [claim], {**ARTICLE, "review_url": "https://desk.example.org/b"})
    monkeypatch.setenv("FACTCHECK_PUBLISHER_NAME", "D")
    (item,) = exported(run, "--claims", str(tmp_path / "claims"))
    assert item["claimReviewed"] == "It cost $4.2 million and opened two months late."
