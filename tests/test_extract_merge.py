"""Merging into a claims file stays linear in the article's size and gives the same claims as the quadratic way."""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seed_edits import SEED_TEXT, edited_seed

from factcheck.extract import merge as merging
from factcheck.extract.merge import MergeReport, merge, new_file
from factcheck.extract.proposals import propose
from factcheck.extract.spans import Covered
from factcheck.model.claims import Claim, ClaimsFile
from factcheck.model.defaults import MIN_SCORE
from factcheck.model.vocab import Status
from factcheck.store import codec
from factcheck.store.folder import read
from factcheck.text import occurrences, segment, worthiness
from factcheck.text.occurrences import TextIndex

REPO = Path(__file__).resolve().parent.parent
SEED_JSON = (REPO / "claims" / "china-kazakhstan-30-years.json").read_bytes()
AT = "2026-11-27T22:00:00Z"


class ListOfSpans:
    """The overlap test as it was: every covered span looked at for every proposal."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        self.spans.append((start, end))

    def overlaps(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.spans)


# --- Covered --------------------------------------------------------------------

spans = st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda s: (s[0], s[0] + s[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.booleans(), spans), max_size=40))
def test_covered_answers_like_the_list_of_spans(steps) -> None:
    covered, reference = Covered(), ListOfSpans()
    for adding, (start, end) in steps:
        if adding:
            covered.add(start, end)
            reference.add(start, end)
        for probe in range(0, 80):
            for length in (1, 2, 7):
                assert covered.overlaps(probe, probe + length) == reference.overlaps(probe, probe + length)


def test_covered_merges_what_touches() -> None:
    covered = Covered()
    for start, end in [(10, 20), (30, 40), (20, 25), (50, 60), (35, 55)]:
        covered.add(start, end)
    assert (covered._starts, covered._ends) == ([10, 30], [25, 60])
    assert not covered.overlaps(25, 30) and covered.overlaps(24, 26) and not covered.overlaps(60, 61)


# --- merge: the same result as the quadratic way ----------------------------------


def merged(text: str, tmp: Path, linear: bool) -> tuple[ClaimsFile, MergeReport]:
    claims_file = codec.decode(SEED_JSON, "seed")
    taken = {c.id for c in claims_file.claims}
    proposals = propose(text, MIN_SCORE)
    with mock.patch.object(merging, "utc_now", lambda: AT):
        if linear:
            # The index answers every lookup it can, however small the article.
            with mock.patch.object(occurrences, "SCAN_COST", 0):
                report = merge(claims_file, tmp / "a.json", text, tmp / "a.txt", proposals, taken)
        else:
            with (
                mock.patch.object(merging, "TextIndex", lambda t: TextIndex(t, indexed=False)),
                mock.patch.object(merging, "Covered", ListOfSpans),
            ):
                report = merge(claims_file, tmp / "a.json", text, tmp / "a.txt", proposals, taken)
    return claims_file, report


@settings(max_examples=60, deadline=None)
@given(edited_seed(st.sampled_from([" Also,", "\n\nA new paragraph.\n\n", "x"])))
def test_merge_gives_the_same_claims_as_scanning_every_claim_and_span(text: str) -> None:
    tmp = Path("/nonexistent")
    linear, linear_report = merged(text, tmp, linear=True)
    quadratic, quadratic_report = merged(text, tmp, linear=False)
    assert linear_report == quadratic_report
    assert codec.encode(linear) == codec.encode(quadratic)


# --- merge into a long article ---------------------------------------------------------


def long_article(paragraphs: int = 1500) -> str:
    return "\n\n".join(
        f"The {i}th council of Varn met on {i % 28 + 1} May {1900 + i % 120}. "
        f"It approved {i * 37 % 1009} new homes at a cost of ${i % 97 + 1} million."
        for i in range(paragraphs)
    )


def first_claims(text: str, tmp_path: Path) -> ClaimsFile:
    return new_file(tmp_path / "a.json", tmp_path / "a.txt", text, propose(text, MIN_SCORE), set())


def test_a_paragraph_pasted_again_far_away_leaves_the_claim_in_its_place(tmp_path: Path) -> None:
    text = long_article()
    claims_file = first_claims(text, tmp_path)
    target = claims_file.claims[0]
    assert target.anchor is not None
    # The first paragraph is pasted again at the end, in the same words around it; a note moves both.
    # Context cannot tell the two copies apart; the claims' order can: the first claim is still first.
    first = text[: text.index("\n\n")]
    edited = "Note.\n\n" + text + "\n\n" + first + "\n\nThe 1th council"
    taken = {c.id for c in claims_file.claims}
    count = len(claims_file.claims)
    report = merge(claims_file, tmp_path / "a.json", edited, tmp_path / "a.txt", propose(edited, MIN_SCORE), taken)
    assert report.lost == [] and report.changed == []
    assert target.id in report.moved and target.anchor is not None and target.anchor.start == len("Note.\n\n")
    # The pasted copy is new text: its sentences are proposed as new claims.
    added = [c for c in claims_file.claims[count:] if c.id in report.added]
    assert target.text in [c.text for c in added]
    assert all(c.anchor is not None and c.anchor.start > len(text) for c in added)


def test_a_paragraph_moved_to_the_other_end_keeps_its_claims(tmp_path: Path) -> None:
    text = long_article()
    claims_file = first_claims(text, tmp_path)
    first = text[: text.index("\n\n")]
    edited = text[len(first) + 2 :] + "\n\n" + first
    ids = [c.id for c in claims_file.claims]
    report = merge(claims_file, tmp_path / "a.json", edited, tmp_path / "a.txt", propose(edited, MIN_SCORE), set(ids))
    assert report.added == [] and report.lost == [] and report.changed == []
    for claim in claims_file.claims:
        assert claim.anchor is not None and edited[claim.anchor.start : claim.anchor.end] == claim.text
    moved_far = [c for c in claims_file.claims if c.anchor and c.anchor.start >= len(edited) - len(first)]
    assert [c.id for c in moved_far] == ids[:2]


def test_merge_does_not_scan_the_article_once_per_claim(tmp_path: Path) -> None:
    text = long_article()
    claims_file = first_claims(text, tmp_path)
    assert len(claims_file.claims) == 3000
    edited = "\n\n".join(p + (" Also, it rained." if i % 7 == 0 else "") for i, p in enumerate(text.split("\n\n")))
    edited = "Note.\n\n" + edited.replace("May 1905", "June 1905")
    taken = {c.id for c in claims_file.claims}
    with mock.patch.object(occurrences, "scan", wraps=occurrences.scan) as scans:
        report = merge(claims_file, tmp_path / "a.json", edited, tmp_path / "a.txt", propose(edited, MIN_SCORE), taken)
    assert len(report.changed) > 0 and len(report.moved) > 2900
    # Only the pieces of the few edited claims too short for the index are scanned for.
    assert scans.call_count < 10 * len(report.changed)


def test_a_claim_added_by_hand_is_scored_as_extract_scores_its_sentence(tmp_path: Path) -> None:
    # Sentences that open with a name ("Kazakhstan, with ...") score differently when the
    # article's names are known; a hand-added claim must get the score extract would give.
    units = segment.segments(SEED_TEXT)
    names = worthiness.known_names([u.text for u in units])
    opening = [u for u in units if worthiness.score(u.text).score != worthiness.score(u.text, u.kind, names).score]
    assert opening, "the seed has sentences whose score depends on its names"
    claims_file = new_file(tmp_path / "a.json", tmp_path / "a.txt", SEED_TEXT, [], set())
    by_hand = [Claim(id=f"hand-{i}", text=u.text, status=Status.UNVERIFIED) for i, u in enumerate(opening)]
    claims_file.claims.extend(by_hand)
    merge(claims_file, tmp_path / "a.json", SEED_TEXT, tmp_path / "a.txt", [], {c.id for c in by_hand})
    for claim, unit in zip(by_hand, opening, strict=True):
        assert claim.worthiness is not None
        assert claim.worthiness.score == worthiness.score(unit.text, unit.kind, names).score


# --- set-aside sentences, edited a little --------------------------------------------


def test_refused_knows_a_set_aside_sentence_edited_a_little() -> None:
    from factcheck.extract.refused import Refused

    refused = Refused(["The bridge cost $2.4 billion, a triumph of engneering.", "Critics think it was a waste."])
    assert "The bridge cost $2.4 billion, a triumph of engneering." in refused
    assert "The  bridge cost $2.4 billion, a triumph of engineering." in refused  # a typo fixed
    assert "critics think it was a waste." in refused
    assert "The bridge cost $2.6 billion, a triumph of engineering." not in refused  # another figure
    assert "The tunnel was a waste of public money, critics say." not in refused
    assert "Anything at all." not in Refused([])


FERRY = (
    "# Fares\n\n*By Dana Wells*\n\n"
    "Ferry operator **Bayline** raised fares by 12% on Monday, the "
    '[port authority](https://port.example.org/fares "Fares") said.\n\n'
    "The __new__ fare is $4.50, up from _$4_ in 2023, said `Bayline`.\n"
)


@pytest.mark.parametrize(
    ("markdown", "read"),
    [
        ("Ferry operator **Bayline** said so.", "Ferry operator Bayline said so."),
        ("The [port authority](https://p.example.org/a_(b) 'x') said.", "The port authority said."),
        (
            "**[The port](https://p.example.org)** and ![a map](m.png) and [its note][1].",
            "The port and a map and its note.",
        ),
        ("The __new__ fare, up from _$4_, said `Bayline`.", "The new fare, up from $4, said Bayline."),
        ("5 * 3 is 15 in snake_case_names, 2*3*4.", "5 * 3 is 15 in snake_case_names, 2*3*4."),
    ],
)
def test_a_span_of_markdown_reads_without_its_markup(markdown: str, read: str) -> None:
    assert segment.reading_text(markdown) == read


def test_a_claim_reads_without_markdown_markup_while_its_anchor_keeps_the_article_span(run, tmp_path: Path) -> None:
    article = tmp_path / "claims" / "ferry.md"
    article.parent.mkdir()
    article.write_text(FERRY, encoding="utf-8")
    out = tmp_path / "claims" / "ferry.json"
    assert run("extract", str(article), "--into", str(out), "--min-score", "0").exit_code == 0
    preview = run("extract", str(article), "--format", "json", "--min-score", "0").stdout
    claims = read(out).claims_file.claims
    texts = [c.text for c in claims]
    assert texts == [
        "Ferry operator Bayline raised fares by 12% on Monday, the port authority said.",
        "The new fare is $4.50, up from $4 in 2023, said Bayline.",
    ]
    assert [p["text"] for p in json.loads(preview)] == texts
    for claim in claims:
        assert claim.anchor is not None
        assert FERRY[claim.anchor.start : claim.anchor.end] == claim.anchor.exact
    assert claims[0].anchor.exact.startswith("Ferry operator **Bayline**")  # type: ignore[union-attr]
    # Extracting again keeps them as they are; an edit reads without markup too.
    again = run("extract", str(article), "--into", str(out), "--min-score", "0")
    assert "0 new, 2 kept" in again.stderr
    article.write_text(FERRY.replace("raised fares", "lifted fares"), encoding="utf-8")
    edited = run("extract", str(article), "--into", str(out), "--min-score", "0")
    assert edited.exit_code == 0, edited.stderr
    assert read(out).claims_file.claims[0].text == (
        "Ferry operator Bayline lifted fares by 12% on Monday, the port authority said."
    )


def test_a_quoted_paragraph_s_claim_starts_after_its_markdown_marker(run, tmp_path: Path) -> None:
    article = tmp_path / "claims" / "tram.md"
    article.parent.mkdir()
    article.write_text(
        "The tram opens in 2028.\n\n> The line will cost 4.4 billion kroner, the council said.\n", "utf-8"
    )
    assert (
        run("extract", str(article), "--into", str(tmp_path / "claims" / "tram.json"), "--min-score", "0").exit_code
        == 0
    )
    claims = read(tmp_path / "claims" / "tram.json").claims_file.claims
    assert claims[-1].text == "The line will cost 4.4 billion kroner, the council said."


FARES = (
    "Fares rose to _$4_ a ride on Monday, up from **$3.50** in 2023.\n\n"
    "The operator carried `1.2 million` riders last year, the "
    "[port authority's 2024 report](https://port.example.org/r_2024) said.\n"
)
FARES_READ = (
    "Fares rose to $4 a ride on Monday, up from $3.50 in 2023.\n\n"
    "The operator carried 1.2 million riders last year, the port authority's 2024 report said.\n"
)


def test_key_facts_and_reasons_come_from_the_text_as_read(run, tmp_path: Path) -> None:
    # "_$4_" is the sum of money "$4", not the number 4; the link's address adds no second "2024".
    (tmp_path / "claims").mkdir()
    shown = {}
    for name, article_text in (("marked", FARES), ("plain", FARES_READ)):
        article = tmp_path / "claims" / f"{name}.md"
        article.write_text(article_text, encoding="utf-8")
        preview = run("extract", str(article), "--format", "json", "--min-score", "0")
        assert preview.exit_code == 0, preview.stderr
        shown[name] = [(p["text"], p["score"], p["reasons"], p["facts"]) for p in json.loads(preview.stdout)]
        written = run("extract", str(article), "--into", str(tmp_path / "claims" / f"{name}.json"), "--min-score", "0")
        assert written.exit_code == 0, written.stderr
        claims = read(tmp_path / "claims" / f"{name}.json").claims_file.claims
        assert [(c.text, c.worthiness.score, c.worthiness.reasons) for c in claims if c.worthiness] == [
            (text, score, reasons) for text, score, reasons, _ in shown[name]
        ]
    assert [[f["text"] for f in facts] for *_, facts in shown["marked"]] == [
        ["$4", "$3.50", "2023"],
        ["1.2 million", "2024"],
    ]
    assert "states a sum of money: $4, $3.50" in shown["marked"][0][2]
    assert shown["marked"] == shown["plain"]
