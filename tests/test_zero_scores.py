"""A score of -0.0 passes the format's minimum of 0; every output shows it as 0, never "-0"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.render.formats import choices
from factcheck.store.folder import read

from conftest import make_claim, make_source, write_claims

# A zero with a minus sign, as a number stands alone: not the "-0" of a date ("2026-01-05").
NEGATIVE_ZERO = re.compile(r"(?<![\w-])-0(?:\.0*)?(?![\d.])")
AT = "2026-11-01T00:00:00Z"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "claims"
    archived = {"url": "https://web.archive.org/web/2026/https://example.org/cost", "archived_at": AT, "score": -0.0}
    write_claims(
        folder,
        "bridge",
        [
            make_claim(
                "bridge-cost",
                "It cost $2.4 billion, the city said.",
                "false",
                worthiness={"score": -0.0, "reasons": []},
                sources=[
                    make_source(
                        "https://example.org/cost",
                        "It cost $2.4 billion.",
                        last_check={"at": AT, "outcome": "weak", "http_status": 200, "score": -0.0},
                    ),
                    make_source(
                        "https://example.org/gone",
                        "It cost $2.4 billion.",
                        last_check={"at": AT, "outcome": "dead", "http_status": 404, "score": -0, "archived": archived},
                    ),
                ],
            )
        ],
        article={
            "title": "The bridge",
            "url": "https://example.org/bridge",
            "review_url": "https://example.org/checks/bridge",
        },
    )
    monkeypatch.setenv("FACTCHECK_CLAIMS", str(folder))
    return folder


def test_a_negative_zero_score_is_read_as_zero(folder: Path) -> None:
    (claim,) = read(folder / "bridge.json").claims
    checks = [source.last_check for source in claim.sources]
    assert claim.worthiness is not None and checks[0] is not None and checks[1] is not None
    assert checks[1].archived is not None
    scores = [claim.worthiness.score, checks[0].score, checks[1].score, checks[1].archived.score]
    # 0.0 == -0.0, so the sign is what is compared.
    assert [str(score) for score in scores] == ["0.0", "0.0", "0.0", "0.0"]


COMMANDS = [
    ("list", ["list"]),
    ("show", ["show", "bridge-cost"]),
    ("report", ["report"]),
    ("verify", ["verify", "--all", "--offline"]),
    ("check", ["check"]),
    ("export", ["export", "--publisher-name", "Desk"]),
]
CASES = [(name, args, fmt) for name, args in COMMANDS for fmt in choices(name)]


@pytest.mark.parametrize(("name", "args", "fmt"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_no_output_shows_a_negative_zero(run, folder: Path, name: str, args: list[str], fmt: str) -> None:
    command = [args[0], fmt, *args[1:]] if name == "export" else [*args, "--format", fmt]
    result = run(*command)
    assert result.exit_code in (0, 1), result.stderr
    assert not NEGATIVE_ZERO.search(result.stdout + result.stderr), result.stdout + result.stderr


def test_show_and_list_write_the_zero_plainly(run, folder: Path) -> None:
    shown = run("show", "bridge-cost").stdout
    assert "0.00 (" in shown and "match 0" in shown
    assert run("list", "--format", "csv").stdout.splitlines()[1].split(",")[3] == "0.0"
