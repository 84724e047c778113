"""The desk's own environment: git set up through its variables, the terminal, the locale."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import git, init_repo, make_claim, write_claims


def test_git_dir_and_work_tree_from_the_environment(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A repository whose git folder lives elsewhere (GIT_DIR, GIT_WORK_TREE, both relative), as git reads it.
    init_repo(tmp_path / "store")
    work = tmp_path / "desk"
    write_claims(work / "claims", "bridge", [make_claim("opened", "The bridge opened in 2020.")])
    env = {"GIT_DIR": str(tmp_path / "store" / ".git"), "GIT_WORK_TREE": str(work), "PATH": "/usr/bin:/bin"}
    git(work, "add", "-A", env=env)
    git(work, "commit", "-q", "-m", "first", env=env)
    write_claims(work / "claims", "bridge", [make_claim("opened", "The bridge opened in 2020.", "false")])
    monkeypatch.chdir(work / "claims")
    monkeypatch.setenv("GIT_DIR", "../../store/.git")
    monkeypatch.setenv("GIT_WORK_TREE", "..")
    result = run("--claims", ".", "diff")
    assert result.exit_code == 0, result.stderr
    assert "opened  unverified → false" in result.stdout
    result = run("--claims", ".", "history", "opened", "--git")
    assert result.exit_code == 0, result.stderr
    assert "first" in result.stdout


def test_diff_without_git_says_git_is_missing(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init_repo(tmp_path / "repo")
    write_claims(repo / "claims", "bridge", [make_claim("opened", "The bridge opened in 2020.")])
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run("diff")
    assert (result.exit_code, result.stderr) == (
        2,
        "factcheck: error: git is not installed; name two claims files or folders to compare\n",
    )
    result = run("diff", "HEAD", "claims")
    assert "nor a git revision (git is not installed)" in result.stderr
    result = run("history", "opened", "--git")
    assert (result.exit_code, result.stderr) == (2, "factcheck: error: git is not installed; --git needs it\n")
    result = run("check", "--changed-since", "HEAD")
    assert (result.exit_code, result.stderr) == (
        2,
        "factcheck: error: git is not installed; checking only changed claims needs it\n",
    )
    assert run("list").exit_code == 0


@pytest.mark.parametrize(
    ("variable", "proxy", "why"),
    [
        ("HTTP_PROXY", "http://[proxy", "http://[proxy, which is not a proxy's URL (http://HOST:PORT)"),
        pytest.param(
            "ALL_PROXY",
            "socks5://127.0.0.1:9",
            "a SOCKS proxy, socks5://127.0.0.1:9, and SOCKS needs PySocks: pip install 'requests[socks]'",
            marks=pytest.mark.skipif(importlib.util.find_spec("socks") is not None, reason="PySocks is installed"),
        ),
    ],
)
def test_a_proxy_no_request_could_go_through_is_refused(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, proxy: str, why: str
) -> None:
    # Not blamed on each source as its failure ("not a valid URL", "bad HTTP answer"), run after run.
    source = {"url": "http://127.0.0.1:9/report", "quote": "opened in 2020"}
    path = write_claims(
        tmp_path / "claims", "bridge", [make_claim("opened", "The bridge opened in 2020.", sources=[source])]
    )
    before = path.read_bytes()
    monkeypatch.setenv(variable, proxy)
    result = run("--claims", str(path), "verify", "--all", "--allow-host", "127.0.0.1:9")
    assert (result.exit_code, result.stderr) == (2, f"factcheck: error: {variable} names {why}\n")
    assert path.read_bytes() == before


def test_a_certificate_bundle_that_is_missing_is_refused(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = {"url": "https://127.0.0.1:9/report", "quote": "opened in 2020"}
    path = write_claims(
        tmp_path / "claims", "bridge", [make_claim("opened", "The bridge opened in 2020.", sources=[source])]
    )
    before = path.read_bytes()
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "missing.pem"))
    result = run("--claims", str(path), "verify", "--all", "--allow-host", "127.0.0.1:9")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"error: REQUESTS_CA_BUNDLE names {tmp_path / 'missing.pem'}, which does not exist; name a PEM file of certificates, or unset it\n"
    )
    assert "Traceback" not in result.stderr and path.read_bytes() == before
    # A file that holds no certificate: every https source failed on it, run after run, towards dead.
    (tmp_path / "garbage.pem").write_text("not a certificate\n", encoding="utf-8")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "garbage.pem"))
    result = run("--claims", str(path), "verify", "--all", "--allow-host", "127.0.0.1:9")
    assert (result.exit_code, result.stderr) == (
        2,
        f"factcheck: error: REQUESTS_CA_BUNDLE names {tmp_path / 'garbage.pem'}, which holds no certificate "
        "that can be read; name a PEM file of certificates, or unset it\n",
    )
    assert path.read_bytes() == before


def test_a_full_disk_stops_a_library_import_with_one_line(tmp_path: Path) -> None:
    from factcheck.library.index import BusyError, Library
    from factcheck.library.records import FactCheckEntry

    with Library(tmp_path / "lib") as library:
        library.add_factchecks([FactCheckEntry(claim="First claim", url="https://c.example.org/1")], "a")
        # SQLite's own limit on the file's pages: what it answers on a full disk (SQLITE_FULL).
        pages = library.db.execute("PRAGMA page_count").fetchone()[0]
        library.db.execute(f"PRAGMA max_page_count = {pages}")
        many = [FactCheckEntry(claim=f"Claim number {i} " * 40, url=f"https://c.example.org/{i}") for i in range(200)]
        with pytest.raises(BusyError, match="the disk is full"):
            library.add_factchecks(many, "b")
        assert [e.claim for e, _ in library.factchecks()] == ["First claim"]


def ascii_locale() -> dict[str, str]:
    """The C locale with Python's UTF-8 mode turned off: stdout and file names are ASCII."""
    return {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""}


def factcheck_in(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        cwd=repo,
        env=ascii_locale(),
        capture_output=True,
        text=True,
        errors="replace",
    )


def test_output_in_the_c_locale_with_utf8_off_escapes_what_ascii_cannot_hold(tmp_path: Path) -> None:
    write_claims(tmp_path / "claims", "bridge", [make_claim("opened", "The bridge’s deck opened in 2020.")])
    done = factcheck_in(tmp_path, "list")
    assert (done.returncode, done.stderr) == (0, "")
    assert "The bridge\\u2019s deck opened in 2020." in done.stdout


def test_diff_in_a_locale_that_is_not_utf8_sees_no_file_moved(tmp_path: Path) -> None:
    # Names on disk are read in the locale's encoding; git's names are bytes: they must be read alike.
    repo = init_repo(tmp_path / "repo")
    write_claims(repo / "claims", "brücke", [make_claim("opened", "The bridge opened in 2020.")])
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    write_claims(repo / "claims", "brücke", [make_claim("opened", "The bridge opened in 2020.", "false")])
    done = factcheck_in(repo, "diff")
    assert done.returncode == 0, done.stderr
    assert "0 added, 0 removed, 1 changed (1 in status)" in done.stdout
    assert "moved from" not in done.stdout


def test_history_git_where_git_log_shows_signatures(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init_repo(tmp_path / "repo")
    git(repo, "config", "log.showSignature", "true")
    write_claims(repo / "claims", "bridge", [make_claim("opened", "The bridge opened in 2020.")])
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    # The commit as a signed one (a signature nobody can check): git log then says so on stdout.
    header, _, message = git(repo, "cat-file", "commit", "HEAD").partition("\n\n")
    signature = "gpgsig -----BEGIN SSH SIGNATURE-----\n U1NIU0lHAAAAAQ==\n -----END SSH SIGNATURE-----"
    signed = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"],
        cwd=repo,
        input=f"{header}\n{signature}\n\n{message}",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    git(repo, "update-ref", "HEAD", signed)
    assert "signature" in git(repo, "log", "--format=%s").lower()
    monkeypatch.chdir(repo)
    result = run("history", "opened", "--git")
    assert result.exit_code == 0, result.stderr
    assert "unverified  added\n    first  (Tess Ter)" in result.stdout


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions do not hold for root")
def test_a_library_in_a_folder_one_may_only_read(run, tmp_path: Path) -> None:
    # A read-only checkout: the library is read, and an import says why it adds nothing.
    feed = Path(__file__).parent / "data" / "library" / "desk-feed.json"
    library = ["--library", str(tmp_path / "lib")]
    assert run("library", "add", str(feed), *library).exit_code == 0
    (tmp_path / "lib").chmod(0o555)
    try:
        found = run("match", "--text", "freight train between Shandong and Almaty", "--top", "1", *library)
        again = run("library", "add", str(feed), *library)
    finally:
        (tmp_path / "lib").chmod(0o755)
    assert found.exit_code == 0, found.stderr
    assert "Shandong and Almaty" in found.stdout
    assert again.exit_code == 2 and again.stderr.endswith("the library may only be read here: nothing was added\n")
