"""Scores and ratios are shown by one helper: a value that rounds to zero from below shows no minus sign."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.render.formats import choices
from factcheck.text.clean import number

from conftest import make_claim, make_source, write_claims

WHEN = "2026-10-01T08:00:00Z"
# A zero written with a minus sign where a number stands alone (the "-01" of a date is no number).
SIGNED_ZERO = re.compile(r"(?<![\w-])-0(?:\.0+)?(?![\d.])")


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (-0.0, 2, "0.00"),
        (-0.001, 2, "0.00"),
        (-0.004999, 2, "0.00"),
        (-0.4, 0, "0"),
        (-0.0, None, "0"),
        (-0.006, 2, "-0.01"),
        (-0.6, 0, "-1"),
        (0.5, 2, "0.50"),
        (87.5, None, "87.5"),
    ],
)
def test_a_value_that_rounds_to_zero_from_below_shows_no_sign(value: float, places: int | None, shown: str) -> None:
    assert number(value, places) == shown


@pytest.fixture
def zero_scores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A claims file whose scores were written by hand as -0.0, which the format's minimum of 0 admits."""
    folder = tmp_path / "claims"
    copy = {"url": "https://web.archive.org/web/2026/https://example.org/tolls", "archived_at": WHEN, "score": -0.0}
    write_claims(
        folder,
        "tolls",
        [
            make_claim(
                "tolls-raised",
                "Tolls rose by 12% in 2025, the authority said.",
                "false",
                worthiness={"score": -0.0, "reasons": []},
                sources=[
                    make_source(
                        "https://example.org/tolls",
                        "Tolls rose by 12% in 2025.",
                        last_check={"at": WHEN, "outcome": "weak", "http_status": 200, "score": -0.0},
                    ),
                    make_source(
                        "https://example.org/gone",
                        "Tolls rose by 12% in 2025.",
                        last_check={"at": WHEN, "outcome": "dead", "http_status": 404, "score": -0.0, "archived": copy},
                    ),
                ],
            )
        ],
    )
    monkeypatch.setenv("FACTCHECK_CLAIMS", str(folder))
    return folder


def test_show_gives_a_negative_zero_score_as_zero(run, zero_scores: Path) -> None:
    shown = run("show", "tolls-raised").stdout
    assert "0.00 (no reasons recorded)" in shown, shown
    assert "HTTP 200, match 0\n" in shown, shown
    assert not SIGNED_ZERO.search(shown), shown


# Formats that show a number as text; json and csv carry the value as the file holds it.
TEXT = [
    (name, fmt) for name in ("show", "list", "report", "check") for fmt in choices(name) if fmt not in ("json", "csv")
]


@pytest.mark.parametrize(("name", "fmt"), TEXT, ids=[f"{n}-{f}" for n, f in TEXT])
def test_no_text_output_shows_a_signed_zero(run, zero_scores: Path, name: str, fmt: str) -> None:
    args = ["show", "tolls-raised"] if name == "show" else [name]
    result = run(*args, "--format", fmt)
    assert result.exit_code in (0, 1), result.stderr
    assert not SIGNED_ZERO.search(result.stdout + result.stderr), result.stdout


def test_verify_gives_a_negative_zero_score_as_zero() -> None:
    from factcheck.model.claims import LastCheck
    from factcheck.model.vocab import Outcome, Stance, Status
    from factcheck.render.verify.text import claim_lines
    from factcheck.verify.results import ClaimResult, SourceResult

    check = LastCheck(at=WHEN, outcome=Outcome.WEAK, http_status=200, score=-0.0)
    source = SourceResult("https://example.org/tolls", Stance.SUPPORTS, True, check, None)
    result = ClaimResult("tolls-raised", "tolls.json", "Tolls rose.", Status.UNVERIFIED, Status.UNVERIFIED, "")
    result.sources.append(source)
    shown = "\n".join(line.text for line in claim_lines(result, 3).lines)
    assert "weak 0  https://example.org/tolls" in shown, shown


def test_a_check_without_a_score_gives_its_reason_without_one() -> None:
    import msgspec

    from factcheck.model.claims import Claim, LastCheck
    from factcheck.model.vocab import Outcome
    from factcheck.verify import lifecycle

    written = make_claim(
        "tolls-raised", "Tolls rose.", sources=[make_source("https://example.org/tolls", "Tolls rose")]
    )
    claim = msgspec.convert(written, Claim)
    url = claim.sources[0].url
    for outcome, said in ((Outcome.SUPPORTED, "quote found at"), (Outcome.WEAK, "the quote was not found at")):
        check = LastCheck(at=WHEN, outcome=outcome, http_status=200)
        _, why = lifecycle.decide(claim, {url: check})
        assert why == f"{said} {url}", why
        scored = LastCheck(at=WHEN, outcome=outcome, http_status=200, score=80.0)
        assert "80" in lifecycle.decide(claim, {url: scored})[1]


# A score or confidence formatted in place, with a format spec, rather than by ``number``.
FORMATTED_IN_PLACE = re.compile(r"\{[^{}'\"]*(?:score|confidence)[^{}'\"!]*:[^{}]*\}")


def test_every_score_is_formatted_by_the_one_helper() -> None:
    package = Path(__file__).resolve().parent.parent / "factcheck"
    found = [
        f"{path.relative_to(package)}:{n}: {line.strip()}"
        for path in sorted(package.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORMATTED_IN_PLACE.search(line)
    ]
    assert not found, "\n".join(found)
