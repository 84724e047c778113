"""Publishing verdicts: the article's metadata and claimants, and schema.org ClaimReview (export and HTML).

The JSON-LD is read back as consumers read it: the exported document with a
JSON parser, the blocks in the HTML pages with extruct (the structured-data
extractor), and every property Google's fact-check guidelines require or
recommend is checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
    assert b"review_url" not in (folder / "bridge.json").read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--url", "ftp://x.org/a"], "is not an http(s) URL"),
        (["--date", "2026-13"], "is not a real date"),
        (["--title", " "], "title cannot be empty"),
        ([], "give at least one of"),
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
    assert b"claimant" not in (folder / "bridge.json").read_bytes()
    assert run("--claims", str(folder), "set", "bridge-cost").exit_code == 2
