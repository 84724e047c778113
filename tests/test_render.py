"""Every output format: declared once, offered by its command, and pure (no files, no environment, no stdout).

Each command's ``--format`` choices must be exactly the formats
``render.formats`` declares for it, and every renderer module a declared
format.  Then every renderer of every command is run on
real data (the shipped claims) while opening a file, reading the
environment or writing to stdout/stderr raises: the command line alone
decides where output goes.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import pytest

from factcheck import render
from factcheck.check import rules
from factcheck.check import run as checks
from factcheck.cli import COMMANDS, cli
from factcheck.extract.run import preview
from factcheck.history import diff
from factcheck.history.commits import Commit
from factcheck.model.vocab import FailOn, Outcome, Stance, Status
from factcheck.render import jsonrows
from factcheck.render.check import CheckOutput
from factcheck.render.extract import Proposals
from factcheck.render.formats import COMMANDS as COMMANDS_WITH_OUTPUT
from factcheck.render.formats import Format, formats
from factcheck.render.history import Timeline
from factcheck.render.listing import Listing
from factcheck.render.show import ClaimView
from factcheck.render.styled import Styled
from factcheck.report import annotation, listing
from factcheck.report.summary import build
from factcheck.store.edit import update
from factcheck.store.folder import Folder
from factcheck.text.clean import quoted
from factcheck.verify.results import ClaimResult, Run, SourceResult

from conftest import SEED_CLAIMS, make_claim, write_claims


def _command(name: str) -> click.Command:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    return command


@pytest.mark.parametrize("name", list(COMMANDS_WITH_OUTPUT))
def test_every_format_choice_is_declared_and_has_a_renderer(name: str) -> None:
    command = _command(name)
    declared = [str(f) for f in COMMANDS_WITH_OUTPUT[name].formats]
    choice = [p for p in command.params if p.name == "fmt"]
    (fmt,) = choice
    assert list(fmt.type.choices) == declared  # type: ignore[attr-defined]
    if isinstance(fmt, click.Option):
        assert fmt.default == declared[0]
    assert list(formats(name)) == declared
    for format_ in declared:
        assert callable(formats(name)[format_])
    with pytest.raises(KeyError):
        formats(name)["nonsense"]


def test_every_command_with_output_is_declared() -> None:
    with_format = [name for name in COMMANDS if any(p.name == "fmt" for p in _command(name).params)]
    assert sorted(with_format) == sorted(COMMANDS_WITH_OUTPUT)


def test_every_renderer_module_is_a_declared_format() -> None:
    # A renderer module no command declares would be output no one can ask for.
    root = Path(render.__file__).parent
    declared = {(d.package, str(f)) for d in COMMANDS_WITH_OUTPUT.values() for f in d.formats}
    found = {
        (path.parent.name, path.stem)
        for path in root.glob("*/*.py")
        if path.stem in set(Format) and "def render(" in path.read_text(encoding="utf-8")
    }
    assert found == declared


# --- the data each command renders -------------------------------------------------------


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seed") / "claims"
    shutil.copytree(SEED_CLAIMS, folder)
    return folder


def _verify_run() -> Run:
    from factcheck.model.claims import FactCheck, LastCheck

    check = LastCheck(
        at="2026-11-30T10:00:00Z",
        outcome=Outcome.CONFLICTS,
        http_status=200,
        score=97.0,
        passage="Trade reached $31 billion \x1b[31m in 2022.",
        facts=[FactCheck(fact="$25 billion", result="disagrees", found="$31 billion")],  # type: ignore[arg-type]
    )
    source = SourceResult("https://example.org/<x>", Stance.SUPPORTS, True, check, Outcome.SUPPORTED, None, False)
    missing = SourceResult("https://example.org/y", Stance.CONTEXT, False, None, None, "not in the cache")
    claim = ClaimResult(
        "trade", "claims/x.json", "Trade was $25 billion.", Status.VERIFIED, Status.UNSUPPORTED, "it disagrees",
        [source, missing], False, ["https://example.org/<x>: supported → contradicts"],
    )  # fmt: skip
    return Run([claim], urls=2, fetched=1, seconds=0.5)


def _archive_run() -> Any:
    from factcheck.net.archive import Snapshot
    from factcheck.publish import archiving

    snap = Snapshot("https://web.archive.org/web/20260101000000/https://example.org/<x>", "20260101000000", "x")
    results = [
        archiving.Archived("https://example.org/<x>", archiving.CAPTURED, snap, seconds=1.5, recorded=2),
        archiving.Archived("https://example.org/y", archiving.FAILED, None, "refused \x1b[31m", "blocked"),
    ]
    return archiving.Run(results, already=3, seconds=2.0)


def _data(name: str, seed: Path, tmp_path: Path) -> Any:
    catalog = Folder(seed).load()
    stored, claim = catalog.get("sco-members")
    if name == "list":
        return Listing(list(listing.rows(seed)), 80)
    if name == "show":
        return ClaimView(stored.shown, 12, stored.claims_file.article.title, stored.claims_file.article.path, claim)
    if name == "history":
        commit = Commit(
            "a" * 40, "2026-11-27T22:00:00+00:00", "Tess", "Seed <claims>", "claims/x.json", "status", Status.VERIFIED
        )
        return Timeline(stored.shown, claim, [commit])
    if name == "verify":
        return _verify_run()
    if name == "report":
        return build(catalog.files)
    if name == "annotate":
        text_path = stored.article_path()
        assert text_path is not None
        return annotation.annotate(stored, text_path)
    if name == "diff":
        edited = tmp_path / "edited"
        shutil.copytree(seed, edited)
        update(next(edited.glob("*.json")), lambda cf: cf.claims[0].set_status(Status.FALSE, "tess", "because"))
        return diff.diff(str(seed), str(edited), seed)
    if name == "check":
        return CheckOutput(checks.run(seed, rules.Options()), FailOn.ERROR)
    if name == "archive":
        return _archive_run()
    if name == "export":
        from factcheck.publish import claimreview

        options = claimreview.Options("Desk <x>", None, "https://desk.example.org/{file}#{id}")
        return claimreview.reviews(catalog.files, options)
    if name == "rejected":
        from factcheck.model.claims import SetAside
        from factcheck.model.vocab import Aside
        from factcheck.render.rejected import AsideRow

        entry = SetAside(
            kind=Aside.REJECTED, at="2026-11-30T10:00:00Z", by="Tess \x1b[31m", why="<b>no</b>", claim=claim
        )
        return [AsideRow(stored.shown, entry)]
    if name == "extract":
        text_path = stored.article_path()
        assert text_path is not None
        return Proposals(preview(text_path, 0.4, [seed]))
    if name == "match":
        from factcheck.library.finding import Match
        from factcheck.library.records import FactCheckEntry
        from factcheck.render.match import MatchResult

        entry = FactCheckEntry(
            claim="Trade was <b>$25 billion</b> \x1b[31m", rating="False", url="https://example.org/<x>",
            publisher="Desk <x>", date="2023-01-01",
        )  # fmt: skip
        return [MatchResult(claim.id, claim.text, [Match(entry, 0.9)])]
    if name == "search":
        from factcheck.library.finding import Found, SharedFact
        from factcheck.library.records import Passage
        from factcheck.render.search import SearchResult

        passage = Passage(
            text="Trade reached $31 billion \x1b[31m in 2022.", title="Report <x>", location="/tmp/r.html",
            url=None, date=None, position=0,
        )  # fmt: skip
        return [SearchResult(claim.id, claim.text, [Found(passage, 0.5)], [[SharedFact("$31 billion", "claim")]])]
    raise AssertionError(name)


# --- guards --------------------------------------------------------------------------------


class _Forbidden(AssertionError):
    pass


_guarding = False


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _guarding and event in ("open", "os.listdir", "os.scandir", "os.remove", "os.rename", "subprocess.Popen"):
        raise _Forbidden(f"a renderer did I/O: {event} {args[:1]!r}")


sys.addaudithook(_audit)


class _GuardedEnviron(dict):  # type: ignore[type-arg]
    def __getitem__(self, key: str) -> str:
        raise _Forbidden(f"a renderer read the environment: {key}")

    def get(self, key: str, default: Any = None) -> Any:
        raise _Forbidden(f"a renderer read the environment: {key}")

    def __contains__(self, key: object) -> bool:
        raise _Forbidden(f"a renderer read the environment: {key}")


class _GuardedStream:
    def write(self, text: str) -> int:
        raise _Forbidden("a renderer wrote to stdout or stderr")

    def isatty(self) -> bool:
        raise _Forbidden("a renderer looked at the terminal")

    def flush(self) -> None:
        pass


def _guarded(monkeypatch: pytest.MonkeyPatch, render: Callable[[Any], Any], data: Any) -> Iterator[str]:
    global _guarding
    monkeypatch.setattr(os, "environ", _GuardedEnviron())
    monkeypatch.setattr(sys, "stdout", _GuardedStream())
    monkeypatch.setattr(sys, "stderr", _GuardedStream())
    _guarding = True
    try:
        output = render(data)
        if isinstance(output, Styled):
            yield output.plain()
        elif isinstance(output, str):
            yield output
        else:
            yield "".join(output)
    finally:
        _guarding = False
        monkeypatch.undo()


def _cases() -> list[tuple[str, str]]:
    return [(name, str(f)) for name, declared in COMMANDS_WITH_OUTPUT.items() for f in declared.formats]


@pytest.mark.parametrize(("name", "fmt"), _cases(), ids=[f"{n}-{f}" for n, f in _cases()])
def test_renderers_touch_no_file_no_environment_no_terminal(
    name: str, fmt: str, seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renderer = formats(name)[fmt]  # imported here, before the guards
    data = _data(name, seed, tmp_path)
    (text,) = list(_guarded(monkeypatch, renderer, data))
    assert text.strip()
    assert "\x1b" not in text  # escapes from the data are shown, never passed through


@pytest.mark.parametrize(
    "impure",
    [
        lambda data: open(__file__).read(),  # noqa: SIM115
        lambda data: os.environ.get("HOME", ""),
        lambda data: print("hello") or "",
        lambda data: str(sys.stdout.isatty()),
    ],
    ids=["opens-a-file", "reads-the-environment", "prints", "looks-at-the-terminal"],
)
def test_the_guards_catch_an_impure_renderer(impure: Callable[[Any], str], monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(_Forbidden):
        list(_guarded(monkeypatch, impure, None))


@pytest.mark.parametrize(
    "count", [0, 1, jsonrows.ROWS_PER_PIECE, jsonrows.ROWS_PER_PIECE + 1, 2 * jsonrows.ROWS_PER_PIECE]
)
def test_jsonrows_pieces_are_whole_lines_of_the_indented_document(count: int) -> None:
    rows = [{"n": n, "text": f"row “{n}”"} for n in range(count)]
    document = {"a": 1, "runs": [{"tool": "x", "rows": None}], "z": [2]}
    pieces = list(jsonrows.pieces(document, "rows", (json.dumps(r, ensure_ascii=False) for r in rows), ("runs", 0)))
    assert all(piece.endswith("\n") for piece in pieces)
    text = "".join(pieces)
    expected = {"a": 1, "runs": [{"tool": "x", "rows": rows}], "z": [2]}
    assert json.loads(text) == expected
    if rows:
        lines = text.splitlines()
        start = lines.index('      "rows": [') + 1
        listed = lines[start : start + count]
        assert listed == [" " * 8 + json.dumps(r, ensure_ascii=False) + "," for r in rows[:-1]] + [
            " " * 8 + json.dumps(rows[-1], ensure_ascii=False)
        ]
        assert lines[start + count] == "      ]"
    else:
        assert text == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


def test_jsonrows_writes_a_piece_before_all_rows_have_come() -> None:
    pulled = []

    def rows() -> Iterator[str]:
        for n in range(3 * jsonrows.ROWS_PER_PIECE):
            pulled.append(n)
            yield str(n)

    pieces = jsonrows.pieces({"rows": None}, "rows", rows())
    first = next(pieces)
    assert len(pulled) == jsonrows.ROWS_PER_PIECE + 1
    assert json.loads(first + "".join(pieces)) == {"rows": list(range(3 * jsonrows.ROWS_PER_PIECE))}


# --- a source's outcome is worded for its stance ---------------------------------------------


def _stances(tmp_path: Path) -> Path:
    from conftest import make_claim, make_source, write_claims

    conflicts = {
        "at": "2026-11-30T10:00:00Z",
        "outcome": "conflicts",
        "facts": [{"fact": "$25 billion", "result": "disagrees", "found": "$31 billion"}],
    }
    sources = [
        make_source(
            "https://example.org/context", "Trade reached $31 billion.", stance="context", last_check=conflicts
        ),
        make_source(
            "https://example.org/against", "Trade was $31 billion.", stance="contradicts", last_check=conflicts
        ),
        make_source("https://example.org/for", "Trade was $31 billion.", last_check=conflicts),
    ]
    folder = tmp_path / "claims"
    write_claims(
        folder,
        "trade",
        [make_claim("trade", "Trade reached $25 billion in 2022.", sources=sources)],
        {"title": "Trade", "path": "trade.txt"},
    )
    (folder / "trade.txt").write_text("Trade reached $25 billion in 2022.\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("args", "worded"),
    [
        (
            ["show", "trade"],
            [
                "last checked 2026-11-30T10:00:00Z: found, a key fact differs (context source)",
                "last checked 2026-11-30T10:00:00Z: contradicts (contradicting source)",
                "last checked 2026-11-30T10:00:00Z: conflicts (supporting source)",
            ],
        ),
        (
            ["annotate"],
            [
                "last check 2026-11-30: found, a key fact differs (context source)",
                "last check 2026-11-30: contradicts (contradicting source)",
                "last check 2026-11-30: conflicts (supporting source)",
            ],
        ),
        (
            ["annotate", "--format", "md"],
            [
                "last check 30 Nov 2026: found, a key fact differs (context source), source says $31 billion",
                "last check 30 Nov 2026: contradicts (contradicting source), source says $31 billion",
                "last check 30 Nov 2026: conflicts (supporting source), source says $31 billion",
            ],
        ),
        (
            ["annotate", "--format", "html"],
            [
                "30 Nov 2026</time>: found, a key fact differs (context source)",
                "30 Nov 2026</time>: contradicts (contradicting source)",
                "30 Nov 2026</time>: conflicts (supporting source)",
            ],
        ),
    ],
    ids=["show", "annotate-text", "annotate-md", "annotate-html"],
)
def test_an_outcome_is_worded_for_its_source_s_stance(run, tmp_path: Path, args: list[str], worded: list[str]) -> None:
    result = run("--claims", str(_stances(tmp_path)), *args)
    assert result.exit_code == 0, result.stderr
    places = [result.stdout.find(words) for words in worded]
    assert -1 not in places and places == sorted(places), result.stdout
    # "conflicts" is said of the supporting source alone
    assert result.stdout.count("conflicts") == 1


def test_verify_text_words_each_source_s_outcome_for_its_stance() -> None:
    from factcheck.model.claims import LastCheck
    from factcheck.render.verify.text import claim_lines

    def source(url: str, stance: Stance) -> SourceResult:
        return SourceResult(url, stance, True, LastCheck(at="2026-11-30T10:00:00Z", outcome=Outcome.CONFLICTS), None)

    sources = [
        source("https://example.org/context", Stance.CONTEXT),
        source("https://example.org/against", Stance.CONTRADICTS),
        source("https://example.org/for", Stance.SUPPORTS),
    ]
    claim = ClaimResult("trade", "x.json", "Trade.", Status.MIXED, Status.MIXED, "a verdict", sources)
    assert claim_lines(claim, 3).plain().splitlines() == [
        "trade  mixed  a verdict",
        "    found, a key fact differs [context]  https://example.org/context",
        "    contradicts [contradicts]  https://example.org/against",
        "    conflicts  https://example.org/for",
    ]


# --- quoting a claim's text -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("The bridge cost $2.4 billion.", "“The bridge cost $2.4 billion.”"),
        ('"It is done," she said.', '"It is done," she said.'),
        ("“It is done,” she said.", "“It is done,” she said."),
        ("‘Never,’ he said.", "‘Never,’ he said."),
    ],
)
def test_a_claim_that_opens_with_a_quotation_mark_gets_no_second_one(text: str, shown: str) -> None:
    assert quoted(text) == shown
    assert quoted(text, str.upper) == shown.upper()


def test_report_annotate_and_check_quote_a_quoting_claim_once(run, tmp_path: Path, monkeypatch) -> None:
    said = '"It\'s not to celebrate," said Ald. Coggs.'
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "budget.txt").write_text(f"The council met.\n\n{said}\n", encoding="utf-8")
    claims = [make_claim("coggs", said, "false"), make_claim("rate", "The rate is 2%.")]
    write_claims(tmp_path / "c", "budget", claims, article={"title": "Budget", "path": "budget.txt"})
    monkeypatch.chdir(tmp_path)
    outputs = {
        "report": run("--claims", "c", "report").stdout,
        "report md": run("--claims", "c", "report", "--format", "md").stdout,
        "report html": run("--claims", "c", "report", "--format", "html").stdout,
        "annotate md": run("--claims", "c", "annotate", "--format", "md").stdout,
        "check": run("--claims", "c", "check").stdout,
    }
    for name, out in outputs.items():
        assert "coggs" in out, name
        assert '“"' not in out and "“&quot;" not in out and "“&#34;" not in out, (name, out)
    assert f"coggs {said} has no sources" in outputs["check"]
    assert "“The rate is 2%.”" in outputs["annotate md"]
