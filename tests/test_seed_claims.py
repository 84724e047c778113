"""The shipped fact-check of the seed article is complete and consistent."""

from __future__ import annotations

import hashlib

import pytest

from factcheck.curate.sources import same_url, without_tracking
from factcheck.model.vocab import VERDICTS as VERDICT_STATUSES
from factcheck.store.folder import read
from factcheck.text import anchor

from conftest import SEED_CLAIMS

SEED_FILE = SEED_CLAIMS / "china-kazakhstan-30-years.json"
stored = read(SEED_FILE)
loaded = stored.claims_file
article_text = stored.article_path().read_text(encoding="utf-8")


def test_article_metadata() -> None:
    a = loaded.article
    assert (a.title, a.author, a.publisher) == (
        "30-Year Journey of China-Kazakhstan Relations",
        "Zaman Bajwa",
        "The Diplomatic Views",
    )
    assert a.sha256 == hashlib.sha256(stored.article_path().read_bytes()).hexdigest()


def test_article_is_the_body_only() -> None:
    for chrome in ("Related posts", "Mins read", "By: Zaman Bajwa", "Leave a Reply", "OPINION"):
        assert chrome not in article_text
    assert article_text.startswith("The vast Eurasian steppe")
    assert article_text.endswith("the world at large.\n")


def test_well_over_a_dozen_factual_claims_and_opinions_marked() -> None:
    factual = [c for c in loaded.claims if c.status != "opinion"]
    assert len(factual) >= 15
    assert any(c.status == "opinion" for c in loaded.claims)


@pytest.mark.parametrize("page", ["README.md", "docs/index.md"])
def test_the_front_pages_count_the_shipped_claims_as_they_are(page: str) -> None:
    text = " ".join((SEED_CLAIMS.parent / page).read_text(encoding="utf-8").split())
    factual = sum(c.status != "opinion" for c in loaded.claims)
    assert f"{len(loaded.claims)} claims, {factual} of them statements of fact" in text


@pytest.mark.parametrize("claim", loaded.claims, ids=lambda c: c.id)
def test_claim_is_anchored_and_explained(claim) -> None:
    assert claim.anchor is not None and anchor.is_valid(claim.anchor, article_text)
    assert claim.text == claim.anchor.exact
    assert claim.note, "every verdict has a note that says why"
    assert claim.history and claim.history[-1].to_status == claim.status
    if claim.status in ("verified", "mixed", "misleading", "false"):
        assert claim.sources, "a verdict other than unsupported/opinion cites its evidence"
    if claim.status == "verified":
        assert any(s.stance == "supports" for s in claim.sources)
    for source in claim.sources:
        assert source.quote and len(source.quote.split()) <= 40, "quotes are short and exact"
        assert source.publisher  # the title may be unknown (null), never guessed
    if claim.status == "unsupported" and not claim.sources:
        assert "No source was found" in claim.note
    assert claim.status in VERDICT_STATUSES | {"verified", "unsupported"}


def test_claims_do_not_overlap() -> None:
    spans = sorted((c.anchor.start, c.anchor.end) for c in loaded.claims)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end <= start


def test_source_links_carry_no_tracking_parameters() -> None:
    for claim in loaded.claims:
        for source in claim.sources:
            assert source.url == without_tracking(source.url), (claim.id, source.url)


def test_a_page_cited_by_several_claims_is_described_alike() -> None:
    """Two claims citing one page give it the same address, title and date."""
    cited = [(c.id, s) for c in loaded.claims for s in c.sources]
    for i, (first_id, first) in enumerate(cited):
        for other_id, other in cited[i + 1 :]:
            if same_url(first.url, other.url):
                pair = (first_id, other_id)
                assert (first.url, first.title, first.date) == (other.url, other.title, other.date), pair
