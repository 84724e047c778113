"""Re-extracting a text whose sentences repeat: every unchanged sentence keeps its claim, whatever repeats around it."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from factcheck.extract.merge import MergeReport, merge, new_file
from factcheck.extract.placing import _increasing, place
from factcheck.extract.proposals import propose
from factcheck.model.claims import Anchor
from factcheck.model.defaults import MIN_SCORE
from factcheck.text import anchor as anchors
from factcheck.text.occurrences import TextIndex

# Said again and again, as a speaker's refrain in a transcript or boilerplate in a report.
REFRAINS = [
    "The council approved 40 new homes at a cost of $3 million.",
    "Unemployment fell to 4.2% in 2019.",
    "The budget grew by 12% in 2020.",
]


def unique(i: int) -> str:
    return f"The {i}th mill of Varn employed {i * 37 % 1009 + 10} workers in {1900 + i % 120}."


def sentences(count: int, rng: random.Random) -> list[str]:
    """A tenth of the sentences are refrains; the last refrain always follows the first, word for word."""
    out: list[str] = []
    i = 0
    while len(out) < count:
        if rng.random() < 0.1:
            out.append(rng.choice(REFRAINS))
            if out[-1] == REFRAINS[0]:
                out.append(REFRAINS[2])
        else:
            out.append(unique(i))
            i += 1
    return out


def join(units: list[str]) -> tuple[str, list[int]]:
    """The article (paragraphs of four sentences) and where each sentence starts."""
    parts: list[str] = []
    starts: list[int] = []
    at = 0
    for n, sentence in enumerate(units):
        if n:
            sep = "\n\n" if n % 4 == 0 else " "
            parts.append(sep)
            at += len(sep)
        starts.append(at)
        parts.append(sentence)
        at += len(sentence)
    return "".join(parts), starts


def test_unchanged_sentences_keep_their_claims_after_scattered_edits(tmp_path: Path) -> None:
    rng = random.Random(3)
    before = sentences(600, rng)
    text, _ = join(before)
    claims_file = new_file(tmp_path / "a.json", tmp_path / "a.txt", text, propose(text, MIN_SCORE), set())
    starts = {c.anchor.start: c for c in claims_file.claims if c.anchor is not None}
    _, old_starts = join(before)
    assert len(claims_file.claims) == len(before), "every sentence is a claim"
    repeated = sum(1 for s in before if s in REFRAINS)
    assert repeated > 50

    # Scattered edits: new sentences inserted (some of them refrains), and typos in some sentences.
    after: list[str] = []
    origin: list[int | None] = []  # for each new sentence, the old one it is, unchanged
    typos = set(rng.sample(range(len(before)), 12))
    for n, sentence in enumerate(before):
        if rng.random() < 0.05:
            after.append(rng.choice([*REFRAINS, "A new mill of Varn opened in 1931 with 75 workers."]))
            origin.append(None)
        after.append(sentence.replace("of", "og", 1) if n in typos else sentence)
        origin.append(None if n in typos else n)
    edited, new_starts = join(after)

    taken = {c.id for c in claims_file.claims}
    report = merge(claims_file, tmp_path / "a.json", edited, tmp_path / "a.txt", propose(edited, MIN_SCORE), taken)

    unchanged = [n for n in origin if n is not None]
    assert len(report.kept) + len(report.moved) == len(unchanged)
    assert sorted(report.changed) == sorted(starts[old_starts[n]].id for n in typos)
    assert report.lost == []
    # Each unchanged sentence's claim now points at that same sentence: a unique one exactly; a refrain at a
    # copy of its words, the claims in their old order, no two on one copy (a refrain inserted beside its
    # twin reads the same whichever of the two is new).
    sentence_starts = set(new_starts)
    placed = []
    for new_n, old_n in enumerate(origin):
        if old_n is not None:
            claim = starts[old_starts[old_n]]
            assert claim.anchor is not None and edited[claim.anchor.start : claim.anchor.end] == claim.text
            assert claim.anchor.start in sentence_starts
            if claim.text not in REFRAINS:
                assert claim.anchor.start == new_starts[new_n], claim.text
            placed.append(claim.anchor.start)
    assert placed == sorted(set(placed))
    # Only the inserted sentences are proposed as new claims.
    assert len(report.added) == sum(1 for n in origin if n is None) - len(typos)


def test_a_repeated_paragraph_deleted_loses_one_claim_per_sentence(tmp_path: Path) -> None:
    para = f"{REFRAINS[0]} {REFRAINS[1]}"
    text = "\n\n".join([unique(1), para, unique(2), para, unique(3), para, unique(4)])
    claims_file = new_file(tmp_path / "a.json", tmp_path / "a.txt", text, propose(text, MIN_SCORE), set())
    edited = text.replace(f"\n\n{para}\n\n{unique(3)}", f"\n\n{unique(3)}")
    taken = {c.id for c in claims_file.claims}
    report = merge(claims_file, tmp_path / "a.json", edited, tmp_path / "a.txt", propose(edited, MIN_SCORE), taken)
    assert len(report.lost) == 2 and report.added == []
    placed = sorted(c.anchor.start for c in claims_file.claims if c.id not in report.lost and c.anchor is not None)
    assert len(placed) == len(set(placed)) == 8, "no two claims on one sentence"


def test_place_answers_like_locate_where_nothing_repeats() -> None:
    text = "\n\n".join(unique(i) for i in range(40))
    wanted = [anchors.make(text, text.index(unique(i)), text.index(unique(i)) + len(unique(i))) for i in range(40)]
    fifth = unique(5).replace("5th", "fifth")
    edited = "A note.\n\n" + text.replace(unique(5), fifth).replace(unique(7), "")
    located = place(wanted, TextIndex(edited))
    alone = [anchors.locate(a, edited) for a in wanted]
    assert [r for i, r in enumerate(located) if i not in (5, 7)] == [r for i, r in enumerate(alone) if i not in (5, 7)]
    # Alone, the edited sentence looks like several of its look-alikes; between its neighbours, it is the one.
    assert alone[5].status == "ambiguous"
    assert located[5].status == "fuzzy" and edited[located[5].start : located[5].end] == fifth
    # A deleted sentence is not anchored: nothing between its neighbours, several look-alikes further away.
    assert located[7] == alone[7] and not located[7].found


def test_place_tells_identical_copies_apart_where_context_cannot() -> None:
    text = " ".join([REFRAINS[1]] * 6)
    wanted: list[Anchor | None] = [
        anchors.make(text, at, at + len(REFRAINS[1])) for at in range(0, len(text), len(REFRAINS[1]) + 1)
    ]
    wanted.append(None)
    # Alone, each anchor is ambiguous in the edited text; together, they are in order.
    edited = "Intro. " + text
    assert anchors.locate(wanted[2], edited).status == "ambiguous"  # type: ignore[arg-type]
    located = place(wanted, TextIndex(edited))
    assert [r.start for r in located[:6]] == [a.start + 7 for a in wanted[:6]]  # type: ignore[union-attr]
    assert located[6] == anchors.NOT_FOUND


@pytest.mark.parametrize(
    ("values", "longest"),
    [([], 0), ([5], 1), ([3, 1, 2, 5, 4, 6], 4), ([9, 8, 7], 1), ([1, 2, 3, 0, 4], 4)],
)
def test_increasing_finds_a_longest_run_in_order(values: list[int], longest: int) -> None:
    run = _increasing(values)
    assert len(run) == longest
    assert run == sorted(run) and all(values[a] < values[b] for a, b in zip(run, run[1:], strict=False))


def test_a_message_names_a_few_ids_and_counts_the_rest() -> None:
    report = MergeReport(kept=["a"], lost=[f"claim-{i}" for i in range(2518)])
    assert report.summary() == (
        "0 new, 1 kept, 2518 no longer anchored (claim-0, claim-1, claim-2, claim-3, claim-4 and 2,513 more)"
    )
    assert MergeReport(lost=["x", "y"]).summary() == "0 new, 0 kept, 2 no longer anchored (x, y)"


def test_extract_into_as_json_lists_every_id(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims").mkdir()
    article = tmp_path / "claims" / "mills.txt"
    article.write_text("\n\n".join(unique(i) for i in range(8)) + "\n", encoding="utf-8")
    run("extract", "claims/mills.txt", "--into", "claims/mills.json")
    article.write_text("\n\n".join(unique(i) for i in range(1, 8)) + "\n", encoding="utf-8")
    result = run("extract", "claims/mills.txt", "--into", "claims/mills.json", "--format", "json")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["claims_file"] == "claims/mills.json" and record["outcome"] == "updated"
    assert len(record["lost"]) == 1 and len(record["moved"]) == 7 and record["added"] == []
    assert "1 no longer anchored" in result.stderr
