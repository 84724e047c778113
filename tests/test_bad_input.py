"""Bad claims files: one clear line naming file, line and field; exit 2; nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.model.vocab import Status

from conftest import make_claim, make_source, write_claims


def _bad(tmp_path: Path, content: bytes) -> Path:
    folder = tmp_path / "claims"
    folder.mkdir()
    path = folder / "bad.json"
    path.write_bytes(content)
    return folder


def _fails(run, folder: Path, *args: str) -> str:
    before = {p: p.read_bytes() for p in folder.rglob("*")}
    result = run("--claims", str(folder), *(args or ("list",)))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in folder.rglob("*")} == before
    return lines[0]


def test_malformed_json_gives_file_line_column(run, tmp_path: Path) -> None:
    folder = _bad(tmp_path, b'{\n  "schema_version": 1,\n  "article": {"title": "x"}\n  "claims": []\n}\n')
    line = _fails(run, folder)
    assert line == f"factcheck: error: {folder / 'bad.json'}:4:3: invalid JSON: Expecting ',' delimiter"


@pytest.mark.parametrize(
    ("content", "where", "says"),
    [
        (
            '{\n  "schema_version": 2,\n  "article": {"title": "x",\n  },\n  "claims": []\n}\n',
            "3:27",
            "a comma after the last item, which JSON does not allow; delete it",
        ),
        ('{\n  "schema_version": 2,\n  "article": {"title": "x"},\n  "claims": [],\n}\n', "4:15", "a comma after the"),
        (
            '{\n  "schema_version": 2,\n  \u201carticle\u201d: {"title": "x"},\n  "claims": []\n}\n',
            "3:3",
            'a curly quote (\u201c) where JSON needs a straight one ("); type it again as "',
        ),
    ],
)
def test_what_an_editor_slips_in_is_named_with_what_to_do(run, tmp_path: Path, content, where, says) -> None:
    folder = _bad(tmp_path, content.encode())
    assert _fails(run, folder).startswith(f"factcheck: error: {folder / 'bad.json'}:{where}: invalid JSON: {says}")


def test_a_merge_conflict_left_in_a_claims_file_is_named(run, tmp_path: Path) -> None:
    folder = _bad(
        tmp_path,
        b'{\n  "schema_version": 2,\n  "article": {"title": "x"},\n  "claims": [],\n'
        b'<<<<<<< HEAD\n  "set_aside": []\n=======\n  "set_aside": null\n>>>>>>> bob/verdicts\n}\n',
    )
    assert _fails(run, folder) == (
        f"factcheck: error: {folder / 'bad.json'}:5:1: a git merge conflict is not resolved (<<<<<<<): keep"
        " what each side should, delete the markers, then commit the merge"
    )


@pytest.mark.parametrize("blank", [b"", b"  \n", b"\t\r\n\x0b\x0c "])
def test_empty_file(run, tmp_path: Path, blank: bytes) -> None:
    line = _fails(run, _bad(tmp_path, blank))
    assert line.endswith(
        "bad.json: the file is empty; a claims file is a JSON object with schema_version, article and claims"
    )


def test_not_utf8(run, tmp_path: Path) -> None:
    line = _fails(run, _bad(tmp_path, b'{\n  "schema_version": 1,\n  "x": "caf\xe9"\n}\n'))
    assert line.endswith("bad.json:3:12: not UTF-8 text (byte 0xe9); save the file as UTF-8")


def test_a_list_instead_of_an_object(run, tmp_path: Path) -> None:
    line = _fails(run, _bad(tmp_path, b"[]\n"))
    assert line.endswith(
        "bad.json:1: a claims file is a JSON object with schema_version, article and claims, not a list"
    )


def test_unknown_schema_version(run, tmp_path: Path) -> None:
    content = json.dumps({"schema_version": 7, "article": {"title": "x"}, "claims": []}, indent=2).encode()
    line = _fails(run, _bad(tmp_path, content))
    assert "bad.json:2: schema_version: unknown version 7; this factcheck reads version 2" in line


def test_missing_schema_version(run, tmp_path: Path) -> None:
    line = _fails(run, _bad(tmp_path, b'{"article": {"title": "x"}, "claims": []}'))
    assert "bad.json:1: schema_version is missing" in line


def test_schema_error_names_claim_and_field_and_line(run, tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    path = write_claims(
        folder,
        "bad",
        [
            make_claim("fine", "Fine."),
            make_claim("broken", "Broken.", sources=[make_source("ftp://example.org/x")]),
        ],
    )
    line = _fails(run, folder)
    url_line = path.read_text().splitlines().index('          "url": "ftp://example.org/x",') + 1
    assert line.startswith(
        f"factcheck: error: {path}:{url_line}: claim 'broken': sources[0].url: must be an http(s) URL"
    )


def _anchored(start: int, end: int) -> dict:
    anchor = {"exact": "It cost $2.4 billion.", "prefix": "", "suffix": "", "start": start, "end": end}
    return make_claim("bridge-cost", "It cost $2.4 billion.", anchor=anchor)


@pytest.mark.parametrize("args", [("list",), ("annotate",), ("check",)])
def test_an_anchor_that_starts_after_its_end_is_refused_where_it_is(run, tmp_path: Path, args) -> None:
    folder = tmp_path / "claims"
    (folder).mkdir()
    (folder / "bridge.txt").write_text("It cost $2.4 billion.\n", encoding="utf-8")
    path = write_claims(folder, "bad", [_anchored(99999, 21)], article={"title": "Bridge", "path": "bridge.txt"})
    start_line = path.read_text().splitlines().index('        "start": 99999,') + 1
    expected = f"{path}:{start_line}: claim 'bridge-cost': anchor.start: 99999 is not before end (21)"
    if args == ("check",):
        # check reports a file it cannot read as a finding of its own, on that line, and fails.
        result = run("--claims", str(folder), "check", "--format", "json")
        finding = json.loads(result.stdout)["findings"]
        assert result.exit_code == 1
        assert [(f["rule"], f["line"], f["message"]) for f in finding] == [
            ("invalid", start_line, "claim 'bridge-cost': anchor.start: 99999 is not before end (21)")
        ]
    else:
        assert _fails(run, folder, *args) == f"factcheck: error: {expected}"


def test_an_anchor_of_one_character_or_more_stays_valid(run, tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    write_claims(folder, "good", [_anchored(0, 21)])
    assert run("--claims", str(folder), "list").exit_code == 0
    write_claims(folder, "good", [_anchored(3, 3)])
    assert "anchor.start: 3 is not before end (3)" in run("--claims", str(folder), "list").stderr


def test_unknown_status_in_file(run, tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    write_claims(folder, "bad", [make_claim("c1", "Text.", "verfied")])
    line = _fails(run, folder)
    assert ":10: claim 'c1': status: 'verfied' is not one of unverified, verified, mixed," in line


@pytest.mark.parametrize(("typed", "meant"), [("False", "false"), ("Verified", "verified"), ("half-true", "mixed")])
def test_a_status_near_a_valid_one_in_a_file_is_refused_with_it(run, tmp_path: Path, typed: str, meant: str) -> None:
    folder = tmp_path / "claims"
    write_claims(folder, "bad", [make_claim("c1", "Text.", typed)])
    line = _fails(run, folder)  # the file is the record: a near word is named, never taken
    assert line.endswith(f"status: '{typed}' is not one of {', '.join(Status)}; did you mean {meant}?")


def _on_an_ascii_terminal(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """factcheck run in a fresh interpreter whose stdout and stderr take only ASCII."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    return subprocess.run(
        [sys.executable, "-m", "factcheck", "--claims", str(folder), *args],
        capture_output=True,
        timeout=60,
        env=env,
    )


def test_an_error_on_an_ascii_terminal_is_ascii_and_names_file_line_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    write_claims(folder, "caf\u00e9", [make_claim("c1", "Le caf\u00e9 co\u00fbte 2 \u20ac.", "v\u00e9rifi\u00e9")])
    done = _on_an_ascii_terminal(folder, "list")
    assert done.returncode == 2 and done.stdout == b""
    line = done.stderr.decode("ascii")  # what the terminal can show: all of it
    assert line == (
        f"factcheck: error: {folder}/caf\\u00e9.json:10: claim 'c1': status: 'v\\u00e9rifi\\u00e9' is not one of "
        "unverified, verified, mixed, misleading, false, unsupported, opinion\n"
    )


def test_a_usage_error_on_an_ascii_terminal_is_ascii(claims_dir: Path) -> None:
    done = _on_an_ascii_terminal(claims_dir, "set", "bridge-cost", "--status", "v\u00e9rifi\u00e9")
    assert done.returncode == 2
    line = done.stderr.decode("ascii")
    assert line.startswith("factcheck: error: Invalid value for '--status': 'v\\u00e9rifi\\u00e9' is not one of")


def test_unknown_field_is_named(run, tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    write_claims(folder, "bad", [make_claim("c1", "Text.", stauts="verified")])
    line = _fails(run, folder)
    assert "claim 'c1': stauts: unknown field" in line


def test_missing_required_field_points_at_the_claim(run, tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    claim = make_claim("c1", "Text.")
    del claim["text"]
    write_claims(folder, "bad", [claim])
    line = _fails(run, folder)
    assert "bad.json:7: claim 'c1': text: is missing" in line


def test_article_field_error(run, tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    write_claims(folder, "bad", [], article={"title": "T", "date": "May 2023"})
    line = _fails(run, folder)
    assert "bad.json:5: article.date: must be a real date" in line


@pytest.mark.parametrize(
    "args",
    [
        ("set", "bridge-cost", "--status", "verified"),
        ("source", "add", "bridge-cost", "https://example.org/x"),
        ("show", "bridge-cost"),
    ],
)
def test_every_command_refuses_a_bad_file_and_writes_nothing(run, tmp_path: Path, claims_dir: Path, args) -> None:
    (claims_dir / "broken.json").write_text("{")
    _fails(run, claims_dir, *args)


def test_traceback_flag_shows_the_real_error(run, tmp_path: Path) -> None:
    folder = _bad(tmp_path, b"[]")
    from factcheck.model.errors import InputError

    with pytest.raises(InputError):
        run("--traceback", "--claims", str(folder), "list")


def _folder_refused_after_its_first_file(tmp_path: Path, second: str) -> Path:
    """A claims folder whose first file is valid and whose second is refused (``broken``, or a ``duplicate`` id)."""
    folder = tmp_path / "claims"
    (folder).mkdir()
    (folder / "article.txt").write_text("The bridge opened in 2020. It cost $2 billion.\n", encoding="utf-8")
    article = {
        "title": "Bridge",
        "path": "article.txt",
        "url": "https://example.org/bridge",
        "review_url": "https://desk.example.org/bridge",
    }
    sources = [make_source("https://example.org/a", "opened")]
    write_claims(
        folder,
        "a",
        [make_claim("opened", "The bridge opened in 2020.", "verified", sources=sources)]
        # Enough rows for the CSV renderer to hand out a piece before the end.
        + [make_claim(f"cost-{n}", "It cost $2 billion.", "false", sources=sources) for n in range(1500)],
        article,
    )
    if second == "broken":
        (folder / "b.json").write_text('{"schema_version": 2, "article": {"title": "B"}, "claims": [{"id": 3}]}')
    else:
        write_claims(folder, "b", [make_claim("opened", "The bridge opened in 2020.")], {"title": "B"})
    return folder


LISTING_FORMATS = [("list", "--format", fmt) for fmt in ("text", "json", "csv", "md")]
FOLDER_COMMANDS = [
    *LISTING_FORMATS,
    *[("report", "--format", fmt) for fmt in ("text", "md", "html", "json")],
    *[("annotate", "--format", fmt) for fmt in ("text", "md", "html")],
    ("export", "claimreview", "--publisher-name", "Desk", "--publisher-url", "https://desk.example.org"),
]


@pytest.mark.parametrize("second", ["broken", "duplicate"])
@pytest.mark.parametrize("args", FOLDER_COMMANDS, ids=lambda a: "-".join(a[:3:2]))
def test_a_file_refused_after_others_leaves_stdout_empty(
    run, tmp_path: Path, args: tuple[str, ...], second: str
) -> None:
    # Rows of the first file on stdout, then an error, would read as a shorter listing that failed late.
    message = _fails(run, _folder_refused_after_its_first_file(tmp_path, second), *args)
    assert "b.json" in message and ("claims[0]: id" in message if second == "broken" else "used twice" in message)


@pytest.mark.parametrize("args", LISTING_FORMATS, ids=lambda a: a[2])
def test_a_listing_too_big_to_hold_in_memory_is_written_whole_or_not_at_all(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    from factcheck.cli import output

    folder = _folder_refused_after_its_first_file(tmp_path, "broken")
    (folder / "b.json").rename(tmp_path / "b.json")
    whole = run("--claims", str(folder), *args)
    assert whole.exit_code == 0 and len(whole.stdout) > 2000
    # Beyond a few hundred characters the output waits in a temporary file: it comes out the same.
    monkeypatch.setattr(output, "SPOOL_CHARS", 300)
    assert run("--claims", str(folder), *args).stdout == whole.stdout
    (tmp_path / "b.json").rename(folder / "b.json")
    _fails(run, folder, *args)


def _schema_accepts_article_path(value: str) -> bool:
    """Whether the shipped JSON Schema, read as an ECMA-262 validator reads it, takes ``value`` as article.path."""
    from factcheck.store.schema import SCHEMA_FILE

    regress = pytest.importorskip("regress", reason="regress (ECMA-262 regular expressions) is a test dependency")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    pattern = schema["$defs"]["Article"]["properties"]["path"]["anyOf"][0]["pattern"]
    return regress.Regex(pattern, "u").find(value) is not None


def _with_article_path(tmp_path: Path, value: str) -> tuple[Path, int]:
    """A claims folder in a git repository whose one file names ``value`` as its article text, and that line."""
    from conftest import init_repo

    init_repo(tmp_path)
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "article.txt").write_text("The bridge opened in 2020.\n", encoding="utf-8")
    claims = [make_claim("opened", "The bridge opened in 2020.")]
    path = write_claims(folder, "a", claims, {"title": "Bridge", "path": value})
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if '"path":' in text)
    return folder, line


READ_ONLY = [("list",), ("show", "opened"), ("report",), ("annotate",), ("annotate", "--format", "html")]


@pytest.mark.parametrize(
    "value",
    ["", "  ", "\u3000", "a\tb.txt", "a\u0000b.txt", "a\u007fb.txt", "article.txt\n", "/etc/passwd",
     "\\\\server\\share\\a.txt", "C:a.txt", "c:\\a.txt", "//user:secret@host/a.txt"],
)  # fmt: skip
def test_an_article_path_no_command_can_use_is_refused_by_the_schema_and_by_every_command(
    run, tmp_path: Path, value: str
) -> None:
    # Once, report and annotate refused these while list, show and the schema took them.
    assert not _schema_accepts_article_path(value)
    folder, line = _with_article_path(tmp_path, value)
    for args in READ_ONLY:
        message = _fails(run, folder, *args)
        assert message.startswith(f"factcheck: error: {folder}/a.json:{line}: article.path: must be"), args
        assert "secret" not in message
    result = run("--claims", str(folder), "check", "--format", "json")
    invalid = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "invalid"]
    assert result.exit_code == 1 and len(invalid) == 1 and invalid[0]["line"] == line
    assert invalid[0]["message"].startswith("article.path: must be")


@pytest.mark.parametrize(
    "value",
    ["article.txt", "./article.txt", "sub/../article.txt", " article.txt", "1:article.txt", "\ufeff", "a\u0085b",
     "https://user:secret@host/a.txt", "https:/user:secret@host/a.txt", "x/user:secret@host/../../../../a.txt"],
)  # fmt: skip
def test_an_article_path_the_schema_takes_every_command_handles_and_no_message_shows_a_password(
    run, tmp_path: Path, value: str
) -> None:
    assert _schema_accepts_article_path(value)
    folder, _ = _with_article_path(tmp_path, value)
    (folder / "sub").mkdir()
    for args in [*READ_ONLY, ("check", "--format", "json")]:
        result = run("--claims", str(folder), *args)
        where = (args, result.output)
        assert "Traceback" not in result.stderr and "secret" not in result.output, where
        if result.exit_code == 2:  # the text is missing, or outside the repository: one line, naming the path
            lines = result.stderr.splitlines()
            assert len(lines) == 1 and lines[0].startswith("factcheck: error: ") and result.stdout == "", where
            assert "user:" not in lines[0] and ("***@" in lines[0] or "@" not in value), where
        else:
            assert result.exit_code in ((0, 1) if args[0] == "check" else (0,)), where
    if value in ("article.txt", "./article.txt", "sub/../article.txt"):  # the article text that is there
        assert run("--claims", str(folder), "annotate").exit_code == 0
