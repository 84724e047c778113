"""The core commands through the CLI: list, show, set, source add/remove."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from factcheck import __version__
from factcheck.cli import cli
from factcheck.render.formats import choices
from factcheck.render.listing.csv import cell as csv_cell
from factcheck.store.folder import read

from conftest import REPO, make_claim, make_source, write_claims


def test_version(run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"factcheck, version {__version__}\n"


def test_python_dash_m_works() -> None:
    result = subprocess.run([sys.executable, "-m", "factcheck", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"factcheck, version {__version__}"


def _entry(*lines: str, args: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    """Run the console entry point in a fresh interpreter, after ``lines`` of set-up."""
    script = "\n".join(
        ["import sys", *lines, f"sys.argv = ['factcheck', *{list(args)!r}]", "from factcheck.cli import main", "main()"]
    )
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)


def test_the_exit_flushes_output_and_runs_exit_handlers_and_keeps_the_exit_code(tmp_path: Path) -> None:
    handler = "import atexit; atexit.register(lambda: print('exit handler ran'))"
    done = _entry(handler, args=("--version",))
    assert done.returncode == 0 and done.stdout == f"factcheck, version {__version__}\nexit handler ran\n"
    # A long output through a pipe arrives whole; a usage error keeps its exit code 2.
    done = _entry(args=("--claims", str(REPO / "claims"), "list", "--format", "json"))
    assert done.returncode == 0 and json.loads(done.stdout)
    done = _entry(handler, args=("list", "--no-such-option"))
    assert done.returncode == 2 and "No such option" in done.stderr and done.stdout == "exit handler ran\n"


def test_the_exit_waits_for_a_thread_still_running() -> None:
    # The thread ends only once the main thread has finished (joining it returns when the interpreter's
    # usual exit begins): however slow the machine, it is still running when the command ends.
    thread = "import threading; threading.Thread(target=lambda: (threading.main_thread().join(), print('thread done'))).start()"
    done = _entry(thread, args=("--version",))
    assert done.returncode == 0 and done.stdout.endswith("thread done\n")


def _commands(group: click.Group, prefix: str = ""):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        yield prefix + name, command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + name + " ")


def test_the_command_table_matches_each_command() -> None:
    """--help lists commands from a table, without importing them: the table must say what each says."""
    from factcheck.cli import COMMANDS

    for name, (_, short) in COMMANDS.items():
        command = cli.get_command(click.Context(cli), name)
        assert command is not None and command.name == name
        assert command.help is not None and command.help.strip().splitlines()[0] == short, name


@pytest.mark.parametrize("name", [name for name, _ in _commands(cli)])
def test_every_command_has_help_and_is_in_the_docs(run, name: str) -> None:
    result = run(*name.split(), "--help")
    assert result.exit_code == 0
    command = dict(_commands(cli))[name]
    assert command.help and len(command.help.strip()) > 20
    reference = "".join(page.read_text(encoding="utf-8") for page in (REPO / "docs" / "reference").glob("*.md"))
    assert f"factcheck {name}" in reference, f"the command reference does not mention `factcheck {name}`"


def test_list_table(run, claims_dir: Path) -> None:
    result = run("--claims", str(claims_dir), "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "status", "src", "claim"]
    assert lines[1].split()[:3] == ["bridge-opened", "verified", "1"]
    assert lines[2].split()[:3] == ["bridge-cost", "unverified", "0"]
    assert "It cost $2.4 billion, the city said." in lines[2]


def test_list_json(run, claims_dir: Path) -> None:
    result = run("--claims", str(claims_dir), "list", "--format", "json")
    rows = json.loads(result.stdout)
    assert rows[1] == {
        "id": "bridge-cost",
        "status": "unverified",
        "sources": 0,
        "score": None,
        "file": str(claims_dir / "bridge.json"),
        "text": "It cost $2.4 billion, the city said.",
    }


def test_list_filters(run, claims_dir: Path) -> None:
    def ids(*args: str) -> list[str]:
        result = run("--claims", str(claims_dir), "list", "--format", "json", *args)
        assert result.exit_code == 0
        return [r["id"] for r in json.loads(result.stdout)]

    assert ids("--status", "opinion") == ["bridge-waste"]
    assert ids("--status", "opinion", "--status", "verified") == ["bridge-opened", "bridge-waste"]
    assert ids("--unsourced") == ["bridge-cost", "bridge-waste"]
    assert ids("--unsourced", "--status", "unverified") == ["bridge-cost"]


def test_list_csv_and_md(run, claims_dir: Path) -> None:
    rows = list(csv.reader(io.StringIO(run("--claims", str(claims_dir), "list", "--format", "csv").stdout)))
    assert rows[0] == ["id", "status", "sources", "score", "file", "text"]
    assert rows[2][:3] == ["bridge-cost", "unverified", "0"]
    md = run("--claims", str(claims_dir), "list", "--format", "md").stdout.splitlines()
    assert md[0] == "| id | status | sources | claim |"
    assert md[3] == "| `bridge-cost` | unverified | 0 | It cost $2.4 billion, the city said. |"


@pytest.mark.parametrize("fmt", choices("list"))
def test_every_list_format_escapes_hostile_text(run, tmp_path: Path, fmt: str) -> None:
    hostile = "Evil [bold red]markup[/] \x1b[31mred\x1b[0m | pipe"
    write_claims(tmp_path / "c", "evil", [make_claim("evil", hostile)])
    result = run("--claims", str(tmp_path / "c"), "list", "--format", fmt)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    if fmt == "json":
        assert json.loads(result.stdout)[0]["text"] == hostile  # data formats keep the exact text, JSON-escaped
    elif fmt == "csv":
        assert list(csv.reader(io.StringIO(result.stdout)))[1][-1] == csv_cell(hostile)
    elif fmt == "md":
        assert "\\[bold red\\]markup\\[/\\]" in result.stdout and "\\| pipe" in result.stdout
        assert "\\x1b\\[31mred" in result.stdout
    else:
        assert "[bold red]markup[/]" in result.stdout
        assert "\\x1b[31mred" in result.stdout


def test_show_text(run, claims_dir: Path) -> None:
    result = run("--claims", str(claims_dir), "show", "bridge-opened")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("bridge-opened  verified  (the cited evidence supports it)\n")
    assert f"{claims_dir / 'bridge.json'}:8 · Article bridge\n" in out
    assert "https://example.org/bridge" in out and "“opened in March 2020”" in out
    assert "never checked" in out


def test_show_parts_check_worthiness_reasons_that_list_words_with_commas(run, tmp_path: Path) -> None:
    reasons = ["states a percentage: 2%, 1%", "lowered by hedge or prediction: will"]
    claim = make_claim(
        "levy", "The levy will rise by 2%, 1% less than proposed.", worthiness={"score": 0.9, "reasons": reasons}
    )
    write_claims(tmp_path / "claims", "a", [claim])
    result = run("--claims", str(tmp_path / "claims"), "show", "levy")
    assert result.exit_code == 0, result.stderr
    worthiness = "check-worthiness: 0.90 (states a percentage: 2%, 1%; lowered by hedge or prediction: will)\n"
    assert worthiness in result.stdout


def test_show_names_the_claimant(run, tmp_path: Path) -> None:
    claim = make_claim("levy", "The levy will rise by 2%.", claimant="Ann Lee\nthe mayor", note="n")
    write_claims(tmp_path / "claims", "a", [claim])
    result = run("--claims", str(tmp_path / "claims"), "show", "levy")
    assert result.exit_code == 0, result.stderr
    assert "\nclaimant: Ann Lee\n          the mayor\nnote: n\n" in result.stdout


def test_show_json(run, claims_dir: Path) -> None:
    result = run("--claims", str(claims_dir), "show", "bridge-cost", "--format", "json")
    document = json.loads(result.stdout)
    assert document["file"] == str(claims_dir / "bridge.json")
    assert document["id"] == "bridge-cost" and document["sources"] == []


def test_show_unknown_id(run, claims_dir: Path) -> None:
    result = run("--claims", str(claims_dir), "show", "bridge-cots")
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: no claim with id 'bridge-cots'; did you mean bridge-cost?\n"


def test_a_claims_path_where_a_command_wants_none_is_named_the_right_way(run, claims_dir: Path) -> None:
    folder, file = str(claims_dir), str(claims_dir / "bridge.json")
    result = run("check", folder)
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: Got unexpected extra argument ({folder}); to read the claims in the folder "
        f"{folder}, name it before the command: factcheck --claims {folder} check\n"
    )
    result = run("--claims", folder, "show", file)
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: no claim with id {file!r}; to read the claims in the file {file}, "
        f"name it before the command: factcheck --claims {file} show\n"
    )
    # Words that are no claims file or folder get the plain message.
    assert run("report", "nowhere.json").stderr.endswith("(nowhere.json); see 'factcheck report --help'\n")
    assert (
        run("--claims", folder, "show", "nowhere.json").stderr == "factcheck: error: no claim with id 'nowhere.json'\n"
    )


def test_a_misspelled_command_is_answered_with_the_nearest(run, claims_dir: Path) -> None:
    result = run("verfy", "bridge-cost")
    assert result.exit_code == 2
    assert (
        result.stderr == "factcheck: error: No such command 'verfy'. Did you mean 'verify'?; see 'factcheck --help'\n"
    )
    assert "Did you mean 'add'?" in run("source", "ad", "bridge-cost", "https://example.org").stderr
    assert run("frobnicate").stderr == "factcheck: error: No such command 'frobnicate'; see 'factcheck --help'\n"


def test_an_article_given_as_the_claims_file_names_the_claims_file(run, claims_dir: Path) -> None:
    article = claims_dir / "bridge.txt"
    article.write_text("The bridge opened in March 2020 after four years of work.\n", encoding="utf-8")
    result = run("--claims", str(article), "list")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"factcheck: error: {article}:1:1: invalid JSON: Expecting value; {article} is no claims file; "
        f"the claims file beside it is {claims_dir / 'bridge.json'}: factcheck --claims {claims_dir / 'bridge.json'} list\n"
    )
    (claims_dir / "bridge.json").unlink()
    assert run("--claims", str(article), "show", "x").stderr.endswith(
        f"{article} is no claims file; extract makes one from an article: factcheck extract {article} --into FILE.json\n"
    )


def test_set_records_history(run, claims_dir: Path) -> None:
    result = run(
        "--claims",
        str(claims_dir),
        "set",
        "bridge-cost",
        "--status",
        "false",
        "--note",
        "It cost $3.1bn.",
        "--by",
        "ana",
    )
    assert result.exit_code == 0
    assert result.stderr == "bridge-cost: unverified → false\n"
    claim = read(claims_dir / "bridge.json").claims_file.get("bridge-cost")
    assert claim.status == "false" and claim.note == "It cost $3.1bn."
    [event] = claim.history
    assert (event.from_status, event.to_status, event.by, event.why) == (
        "unverified",
        "false",
        "ana",
        "It cost $3.1bn.",
    )


def test_set_default_by_and_no_change(run, claims_dir: Path) -> None:
    run("--claims", str(claims_dir), "set", "bridge-cost", "--status", "mixed")
    path = claims_dir / "bridge.json"
    before = path.stat().st_mtime_ns
    result = run("--claims", str(claims_dir), "set", "bridge-cost", "--status", "mixed")
    assert result.exit_code == 0
    assert result.stderr == "bridge-cost: already mixed; nothing changed\n"
    assert path.stat().st_mtime_ns == before
    claim = read(path).claims_file.get("bridge-cost")
    assert [e.by for e in claim.history] == ["tester"]


def test_set_note_only(run, claims_dir: Path) -> None:
    run("--claims", str(claims_dir), "set", "bridge-cost", "--status", "mixed")
    result = run("--claims", str(claims_dir), "set", "bridge-cost", "--status", "mixed", "--note", "More detail.")
    assert result.stderr == "bridge-cost: note updated (status stays mixed)\n"
    claim = read(claims_dir / "bridge.json").claims_file.get("bridge-cost")
    assert claim.note == "More detail." and len(claim.history) == 2
    kept = claim.history[-1]  # the new reasons are in the history too, the status unchanged
    assert (kept.from_status, kept.to_status, kept.why) == ("mixed", "mixed", "More detail.")


def test_set_refuses_unknown_status(run, claims_dir: Path) -> None:
    result = run("--claims", str(claims_dir), "set", "bridge-cost", "--status", "true")
    assert result.exit_code == 2
    assert (
        "'true' is not one of 'unverified', 'verified', 'mixed', 'misleading', 'false', 'unsupported', 'opinion'"
        in result.stderr
    )


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("True", "verified"), ("half-true", "mixed"), ("pants on fire", "false"), ("Mostly False", "false")],
)
def test_another_outlets_rating_word_is_refused_with_the_nearest_status(
    run, claims_dir: Path, typed: str, meant: str
) -> None:
    before = (claims_dir / "bridge.json").read_bytes()
    for args in (["set", "bridge-cost", "--status", typed], ["list", "--status", typed]):
        result = run("--claims", str(claims_dir), *args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
        assert f"'{typed}' is not one of 'unverified', " in result.stderr
        assert f"'opinion'; did you mean {meant}?; see 'factcheck {args[0]} --help'" in result.stderr
    assert (claims_dir / "bridge.json").read_bytes() == before


def test_a_status_typed_in_capitals_is_the_status(run, claims_dir: Path) -> None:
    result = run("--claims", str(claims_dir), "set", "bridge-cost", "--status", "False")
    assert result.exit_code == 0 and result.stderr == "bridge-cost: unverified → false\n"
    assert read(claims_dir / "bridge.json").claims_file.get("bridge-cost").status == "false"
    rows = json.loads(run("--claims", str(claims_dir), "list", "--status", "VERIFIED", "--format", "json").stdout)
    assert [row["id"] for row in rows] == ["bridge-opened"]


def test_source_add_and_remove(run, claims_dir: Path) -> None:
    result = run(
        "--claims",
        str(claims_dir),
        "source",
        "add",
        "bridge-cost",
        "https://example.org/budget",
        "--quote",
        "cost $2.4 billion",
        "--title",
        "Budget",
        "--publisher",
        "City",
        "--date",
        "2020-03",
    )
    assert result.exit_code == 0, result.stderr
    claim = read(claims_dir / "bridge.json").claims_file.get("bridge-cost")
    [source] = claim.sources
    assert (source.url, source.quote, source.title, source.publisher, source.date, source.stance) == (
        "https://example.org/budget",
        "cost $2.4 billion",
        "Budget",
        "City",
        "2020-03",
        "supports",
    )
    result = run("--claims", str(claims_dir), "source", "remove", "bridge-cost", "https://example.org/budget")
    assert result.exit_code == 0
    assert read(claims_dir / "bridge.json").claims_file.get("bridge-cost").sources == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/x", "is not an http(s) URL"),
        ("file:///etc/passwd", "is not an http(s) URL"),
        ("https://", "is not a valid URL"),
        ("https://exa mple.org/", "is not a valid URL"),
        ("https://EXAMPLE.org/bridge/", "bridge-opened already cites https://example.org/bridge"),
    ],
)
def test_source_add_refuses(run, claims_dir: Path, url: str, message: str) -> None:
    before = (claims_dir / "bridge.json").read_bytes()
    result = run("--claims", str(claims_dir), "source", "add", "bridge-opened", url)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert (claims_dir / "bridge.json").read_bytes() == before


def test_a_pasted_url_loses_the_white_space_around_it(run, claims_dir: Path) -> None:
    at = ("--claims", str(claims_dir))
    added = run(*at, "source", "add", "bridge-cost", " https://example.org/budget\n", "--quote", "cost $2.4 billion")
    assert added.exit_code == 0, added.stderr
    edited = run(*at, "source", "edit", "bridge-cost", "https://example.org/budget", "--url", "https://example.org/b2 ")
    assert edited.exit_code == 0, edited.stderr
    assert [s.url for s in read(claims_dir / "bridge.json").claims_file.get("bridge-cost").sources] == [
        "https://example.org/b2"
    ]


def test_source_add_refuses_bad_date(run, claims_dir: Path) -> None:
    result = run(
        "--claims", str(claims_dir), "source", "add", "bridge-cost", "https://example.org/x", "--date", "May 2020"
    )
    assert result.exit_code == 2 and "'May 2020' is not a date" in result.stderr


def test_source_remove_unknown_url(run, claims_dir: Path) -> None:
    result = run("--claims", str(claims_dir), "source", "remove", "bridge-opened", "https://example.org/other")
    assert result.exit_code == 2
    assert result.stderr == (
        "factcheck: error: bridge-opened does not cite https://example.org/other; it cites https://example.org/bridge\n"
    )


def _three_sources(folder: Path) -> Path:
    """A claims file whose claim cites three pages, the second with a change to acknowledge."""
    urls = ["https://example.org/a", "https://example.org/b#second", "https://example.org/c"]
    cited = [make_source(u, f"quote {n}") for n, u in enumerate(urls, 1)]
    cited[1]["changed_at"] = "2026-11-01T00:00:00Z"
    return write_claims(folder, "bridge", [make_claim("bridge-cost", "It cost $2.4 billion.", sources=cited)])


def test_source_edit_remove_and_ack_take_the_number_show_prints(run, tmp_path: Path) -> None:
    path = _three_sources(tmp_path / "claims")
    at = ("--claims", str(path))
    shown = run(*at, "show", "bridge-cost").stdout
    numbered = dict(line.strip().split(" ", 1) for line in shown.splitlines() if line.startswith("  ["))
    assert numbered == {
        "[1]": "https://example.org/a",
        "[2]": "https://example.org/b#second",
        "[3]": "https://example.org/c",
    }

    edited = run(*at, "source", "edit", "bridge-cost", "2", "--title", "Second")
    assert (edited.exit_code, edited.stderr) == (0, "bridge-cost: https://example.org/b#second: changed title\n")
    acked = run(*at, "source", "ack", "bridge-cost", "2")
    assert acked.stderr == "bridge-cost: acknowledged the change of https://example.org/b#second\n"
    removed = run(*at, "source", "remove", "bridge-cost", "3")
    assert (removed.exit_code, removed.stderr) == (0, "bridge-cost: removed https://example.org/c\n")
    left = read(path).claims_file.get("bridge-cost").sources
    assert [(s.url, s.title, s.changed_at) for s in left] == [
        ("https://example.org/a", None, None),
        ("https://example.org/b#second", "Second", None),
    ]


@pytest.mark.parametrize(
    ("claim_id", "number", "message"),
    [
        ("bridge-cost", "4", "bridge-cost has no source [4]; it has 3 sources, [1] to [3]"),
        ("bridge-cost", "0", "bridge-cost has no source [0]; it has 3 sources, [1] to [3]"),
        ("bridge-opened", "2", "bridge-opened has no source [2]; it has 1 source, [1]"),
        ("bridge-waste", "1", "bridge-waste has no source [1]; it has no sources"),
    ],
)
@pytest.mark.parametrize("command", [["remove"], ["ack"], ["edit", "--title", "T"]])
def test_a_source_number_out_of_range_is_refused(
    run, tmp_path: Path, claim_id: str, number: str, message: str, command: list[str]
) -> None:
    path = write_claims(
        tmp_path / "claims",
        "bridge",
        [
            make_claim("bridge-opened", "It opened in 2020.", sources=[make_source("https://example.org/o")]),
            make_claim("bridge-waste", "It was a waste.", "opinion"),
        ],
    )
    _three_sources(tmp_path / "more")
    before = path.read_bytes()
    result = run("--claims", str(tmp_path), "source", command[0], claim_id, number, *command[1:])
    assert (result.exit_code, result.stderr) == (2, f"factcheck: error: {message}\n")
    assert path.read_bytes() == before


def test_claims_path_can_be_a_single_file(run, claims_dir: Path) -> None:
    result = run("--claims", str(claims_dir / "bridge.json"), "list", "--format", "json")
    assert len(json.loads(result.stdout)) == 3


def test_default_claims_folder_is_claims(run, claims_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(claims_dir.parent)
    rows = json.loads(run("list", "--format", "json").stdout)
    assert rows[0]["file"] == "claims/bridge.json"


def test_missing_claims_folder(run, tmp_path: Path) -> None:
    result = run("--claims", str(tmp_path / "nope"), "list")
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error: no such file or folder: {tmp_path / 'nope'}\n"


def test_list_table_in_colour_keeps_data_inert(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    write_claims(tmp_path / "c", "x", [make_claim("ok", "Fine [red]text[/red] \x1b[2J", "verified")])
    out = run("--claims", str(tmp_path / "c"), "list").stdout
    assert "\x1b[32mverified" in out  # the status in its colour
    assert "[red]text[/red]" in out and "\\x1b[2J" in out and "\x1b[2J" not in out
