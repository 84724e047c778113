"""Bad claims files: one clear line naming file, line and field; exit 2; nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_empty_file(run, tmp_path: Path) -> None:
    line = _fails(run, _bad(tmp_path, b"  \n"))
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


def test_unknown_status_in_file(run, tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    write_claims(folder, "bad", [make_claim("c1", "Text.", "verfied")])
    line = _fails(run, folder)
    assert ":10: claim 'c1': status: 'verfied' is not one of unverified, verified, mixed," in line


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
