"""A desk whose files pass through Windows editors: CRLF line ends, a byte-order mark, git's autocrlf."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from conftest import git, init_repo, make_claim, make_source, write_claims

BOM = b"\xef\xbb\xbf"


def saved_on_windows(path: Path) -> bytes:
    """Save ``path`` as a Windows editor does (CRLF, a byte-order mark); returns the bytes saved."""
    raw = BOM + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(raw)
    return raw


def extracted(run, folder: Path, name: str, text: str, into: str = "claims/bridge.json") -> Path:
    """The claims file ``into`` that extract writes of ``text`` saved as ``folder``/claims/``name``."""
    (folder / "claims").mkdir(exist_ok=True)
    (folder / "claims" / name).write_text(text)
    assert run("extract", f"claims/{name}", "--into", into).exit_code == 0
    return folder / into


@pytest.mark.parametrize(
    "edit",
    [
        ["set", "bridge-cost", "--status", "false", "--note", "It cost more.", "--by", "ann"],
        ["source", "add", "bridge-cost", "https://example.org/budget", "--quote", "It cost $2.4 billion."],
    ],
)
def test_an_edit_keeps_the_line_ends_and_byte_order_mark_of_a_file_saved_on_windows(
    run, tmp_path: Path, edit: list[str]
) -> None:
    source = make_source("https://example.org/bridge", "The bridge opened in 2020.")
    path = write_claims(
        tmp_path,
        "bridge",
        [make_claim("bridge-open", "The bridge opened in 2020.", sources=[source]), make_claim("bridge-cost", "x")],
    )
    run("--claims", str(path), "set", "bridge-open", "--status", "verified", "--by", "ann")  # now in factcheck's layout
    before = saved_on_windows(path)
    assert run("--claims", str(path), *edit).exit_code == 0
    after = path.read_bytes()
    assert after.startswith(BOM) and after.count(b"\n") == after.count(b"\r\n")
    # Only the lines of the claim changed differ, as git shows them.
    changed = [
        line
        for line in difflib.ndiff(before.decode().splitlines(), after.decode().splitlines())
        if line.startswith(("- ", "+ "))
    ]
    assert changed and all("bridge-open" not in line and "2020" not in line for line in changed)


def test_the_merge_driver_keeps_the_byte_order_mark_of_this_branch_s_file(run, tmp_path: Path) -> None:
    claims = [
        make_claim("bridge-open", "The bridge opened in 2020."),
        make_claim("bridge-cost", "It cost $2.4 billion."),
    ]
    base = write_claims(tmp_path / "base", "bridge", claims)
    run("--claims", str(base), "set", "bridge-open", "--status", "opinion", "--by", "ann")
    ours, theirs = tmp_path / "ours.json", tmp_path / "theirs.json"
    ours.write_bytes(base.read_bytes())
    theirs.write_bytes(base.read_bytes())
    saved_on_windows(ours)
    run("--claims", str(theirs), "set", "bridge-cost", "--status", "false", "--by", "bo")
    assert run("merge", str(base), str(ours), str(theirs)).exit_code == 0
    merged = ours.read_bytes()
    assert merged.startswith(BOM) and merged.count(b"\n") == merged.count(b"\r\n") and b'"false"' in merged


def test_an_article_cloned_with_crlf_line_ends_is_the_text_extract_anchored_on(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # git's core.autocrlf gives a Windows clone the article with CRLF line ends: the same text, so extracting it
    # again there changes nothing, and annotate places every claim where it was anchored.
    monkeypatch.chdir(tmp_path)
    text = "Bridge reopens\n\nThe bridge opened in March 2020.\n\nIt cost $2.4 billion.\n"
    claims = extracted(run, tmp_path, "bridge.txt", text)
    anchored = claims.read_bytes()
    (tmp_path / "claims" / "bridge.txt").write_bytes(text.replace("\n", "\r\n").encode())
    done = run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert done.exit_code == 0 and claims.read_bytes() == anchored
    out = run("annotate").stdout
    assert "2 claims marked" in out and "re-anchored" not in out


def test_a_baseline_saved_on_windows_keeps_its_line_ends_when_rewritten(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_claims(tmp_path / "claims", "bridge", [make_claim("bridge-cost", "It cost $2.4 billion.")])
    baseline = tmp_path / ".factcheck-baseline.json"
    write = ["check", "--write-baseline", baseline.name, "--severity", "unsourced-unverified=error"]
    assert run(*write).exit_code == 0
    saved_on_windows(baseline)
    for command in (["rename", "bridge-cost", "cost-2020"], write):
        assert run(*command).exit_code == 0
        after = baseline.read_bytes()
        assert after.startswith(BOM) and after.count(b"\n") == after.count(b"\r\n") and b"cost-2020" in after


def test_a_byte_of_a_windows_code_page_in_a_utf8_article_is_placed_at_its_column_in_characters(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An apostrophe pasted from a windows-1252 text (byte 0x92) after curly quotes, each three bytes in UTF-8,
    # in a file that begins with a byte-order mark, which no editor shows as a column.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bridge.txt").write_bytes(BOM + "The “new” bridge".encode() + b"\x92s cost was $2.4 billion.\r\n")
    result = run("extract", "bridge.txt")
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: bridge.txt:1:17: not UTF-8 text (byte 0x92); save the article as UTF-8\n"


def test_an_article_notepad_saved_as_unicode_is_refused_as_utf16(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bridge.txt").write_bytes("The bridge cost $2.4 billion.\r\n".encode("utf-16"))
    result = run("extract", "bridge.txt", "--into", "bridge.json")
    assert result.exit_code == 2 and not (tmp_path / "bridge.json").exists()
    assert result.stderr == "factcheck: error: bridge.txt: UTF-16 text, not UTF-8; save the article as UTF-8\n"


def test_a_claims_file_named_json_in_capitals_is_one_of_the_folder_s(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows does not tell .JSON from .json: a claims file so named, extract's own included, is read and checked.
    monkeypatch.chdir(tmp_path)
    init_repo(tmp_path)
    extracted(
        run, tmp_path, "bridge.txt", "The bridge opened in March 2020 after four years of work.\n", "claims/Bridge.JSON"
    )
    assert "bridge-2020" in run("list").stdout
    result = run("check", "--severity", "unsourced-unverified=error")
    assert result.exit_code == 1 and "claims/Bridge.JSON" in result.stdout
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "extracted")
    run("set", "bridge-2020", "--status", "opinion", "--by", "ann")
    assert "bridge-2020  unverified → opinion" in run("diff").stdout


def test_a_page_s_text_cloned_with_crlf_line_ends_is_the_text_extract_keeps(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # extract keeps a web page's text beside the claims file; a Windows clone has it with CRLF line ends and
    # extracting the page again there is no different text to refuse.
    monkeypatch.chdir(tmp_path)
    extracted(
        run, tmp_path, "bridge.html", "<html><body><article><p>The bridge opened in 2020.</p></article></body></html>"
    )
    kept = saved_on_windows(tmp_path / "claims" / "bridge.txt")
    result = run("extract", "claims/bridge.html", "--into", "claims/bridge.json")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "claims" / "bridge.txt").read_bytes() == kept


def test_an_article_named_in_other_capitals_than_its_claims_file_says_is_named(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows opens claims/bridge.txt as claims/Bridge.txt; git and a Linux CI job do not: check says which file
    # is there.
    monkeypatch.chdir(tmp_path)
    claims = extracted(run, tmp_path, "bridge.txt", "The bridge opened in March 2020 after four years of work.\n")
    claims.write_text(claims.read_text().replace('"path": "bridge.txt"', '"path": "Bridge.txt"'))
    result = run("check")
    assert result.exit_code == 1
    assert "(claims/Bridge.txt: no such article file, but claims/bridge.txt is: its name differs in case only)" in (
        result.stdout
    )
