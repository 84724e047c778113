"""Hostile and careless input: one regression test (or more) per row of the hostile-input run.

Each test names its row ("row 1", "also seen: …") so that the table in the
issue and these tests can be read side by side.  ``p`` is the shipped claims
file, copied into a folder of the test's own (a git repository unless the
test says otherwise).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import SEED_CLAIMS, init_repo

SEED = "china-kazakhstan-30-years"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding a copy of the shipped claims in ``claims/``; the current folder."""
    repo = init_repo(tmp_path / "repo")
    shutil.copytree(SEED_CLAIMS, repo / "claims")
    monkeypatch.chdir(repo)
    return repo


@pytest.fixture
def p(project: Path) -> Path:
    """The shipped claims file, in the test's project."""
    return project / "claims" / f"{SEED}.json"


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change a claims file as a person (or an attacker) would: by hand, as JSON."""
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def set_article(claims: Path, **fields: Any) -> None:
    edit(claims, lambda d: d["article"].update(fields))


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {f: f.read_bytes() for f in folder.rglob("*") if f.is_file() and ".git" not in f.parts}


def refused(run, folder: Path, *args: str) -> str:
    """Run a command that must fail cleanly: exit 2, one line on stderr, nothing on stdout, nothing written."""
    before = snapshot(folder)
    result = run(*args)
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("factcheck: error: "), result.stderr
    assert snapshot(folder) == before
    return lines[0]


# --- rows 1-2, 6: the article path is confined to the repository --------------------------------

SECRET = "root:x:0:0:SECRET-LINE-FROM-OUTSIDE\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the project that no claims file may make factcheck read."""
    path = tmp_path / "passwd"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
@pytest.mark.parametrize("how", ["absolute", "dot-dot"])
def test_rows_1_2_annotate_never_prints_a_file_outside_the_repository(
    run, project: Path, p: Path, outside: Path, how: str, fmt: str
) -> None:
    relative = str(outside) if how == "absolute" else "../" * 12 + str(outside).lstrip("/")
    set_article(p, path=relative)
    line = refused(run, project, "annotate", "--format", fmt)
    assert f"claims/{SEED}.json:9: article.path" in line
    assert ("is absolute" if how == "absolute" else "leads outside the repository") in line
    assert "SECRET" not in line


@pytest.mark.parametrize("relative", ["/etc/passwd", "../../../../../../etc/passwd"])
def test_rows_1_2_check_reports_the_path_and_does_not_read_it(run, project: Path, p: Path, relative: str) -> None:
    set_article(p, path=relative)
    result = run("check", "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    invalid = [f for f in findings if f["rule"] == "invalid"]
    assert len(invalid) == 1 and invalid[0]["line"] == 9
    assert "article.path" in invalid[0]["message"]
    # The file was not read: no claim is said to be missing from "the article text" /etc/passwd.
    assert not [f for f in findings if f["rule"] == "anchor-lost"]


def test_rows_1_2_a_symlink_out_of_the_repository_is_followed_and_refused(
    run, project: Path, p: Path, outside: Path
) -> None:
    (project / "claims" / "innocent.txt").symlink_to(outside)
    set_article(p, path="innocent.txt")
    line = refused(run, project, "annotate")
    assert "'innocent.txt' leads outside the repository" in line
    (project / "linked").symlink_to(outside.parent, target_is_directory=True)
    set_article(p, path="../linked/passwd")
    assert "leads outside the repository" in refused(run, project, "annotate", "--format", "html")


def test_an_article_elsewhere_in_the_repository_is_fine(run, project: Path, p: Path) -> None:
    (project / "texts").mkdir()
    shutil.move(project / "claims" / f"{SEED}.txt", project / "texts" / "article.txt")
    set_article(p, path="../texts/article.txt")
    result = run("annotate", "--format", "md")
    assert result.exit_code == 0, result.output
    assert "Kazakhstan" in result.stdout


def test_without_a_repository_the_article_stays_in_the_claims_folder(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain" / "claims"
    shutil.copytree(SEED_CLAIMS, folder)
    monkeypatch.chdir(tmp_path / "plain")
    assert run("annotate").exit_code == 0
    (tmp_path / "plain" / "up.txt").write_text("text", encoding="utf-8")
    set_article(folder / f"{SEED}.json", path="../up.txt")
    assert "leads outside the claims file's folder" in refused(run, tmp_path / "plain", "annotate")


def test_row_6_a_nul_in_the_article_path(run, project: Path, p: Path) -> None:
    set_article(p, path="a\u0000b.txt")
    line = refused(run, project, "annotate")
    assert "article.path contains a control character" in line
    result = run("check")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "invalid" in result.stdout


def test_rows_1_2_nothing_is_written_with_an_article_path_outside(run, project: Path, p: Path) -> None:
    set_article(p, path="../../outside.txt")
    line = refused(run, project, "set", "crossroads", "--status", "false", "--note", "n")
    assert "refusing to write the claims file: article.path '../../outside.txt' leads outside" in line
