"""The documentation's examples show what the commands print today, and the reference covers every command.

Every ``console`` block in README.md and in ``docs/`` is run.  A line
starting with ``$ `` is a command (a final ``\\`` continues it on the next
line); the lines after it, up to the next command, are what it prints, on
stdout and stderr together.  In what is shown:

- a line ``...`` skips any number of lines, and a line ending in `` ...`` is
  cut short; everything else must be printed exactly, in order;
- an example that shows nothing must print nothing;
- a date (``2026-11-30``) or time (``2026-11-30T21:04:11Z``) also matches
  today's, since a command that records something stamps it with the time
  it runs.

Each page's examples run in order, in a scratch copy of the repository made
for that page: ``claims/``, ``tests/data/`` and ``.factcheck-baseline.json``,
committed to a fresh git repository.  So the read-only examples see the
shipped claims as they are, and an example may build on the ones before it
on the same page.  ``factcheck`` runs in-process, as user ``tess``; any other
program (``git``, ``sed``, ``cp``) runs as a process in the scratch copy,
without a shell.  Blocks marked ``sh`` or ``text`` are not run: use them for
set-up commands and for output that needs the network.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from factcheck.cli import COMMANDS

from conftest import REPO, init_repo

DOCS = REPO / "docs"
PAGES = [REPO / "README.md", *sorted(path for path in DOCS.rglob("*.md") if "hooks" not in path.parts)]
DATE = r"\d{4}-\d{2}-\d{2}"
STAMP = re.compile(rf"{DATE}(?:T\d{{2}}:\d{{2}}:\d{{2}}Z)?")


def _examples(page: Path) -> list[tuple[str, list[str]]]:
    """The page's commands, each with the lines shown after it."""
    examples: list[tuple[str, list[str]]] = []
    text = page.read_text(encoding="utf-8")
    for block in re.findall(r"^```console\n(.*?)^```", text, flags=re.S | re.M):
        pending = ""
        for line in block.splitlines():
            if pending:
                pending += " " + line.strip()
                if not line.endswith("\\"):
                    examples.append((pending, []))
                    pending = ""
                else:
                    pending = pending[:-1].rstrip()
            elif line.startswith("$ "):
                if line.endswith("\\"):
                    pending = line[2:-1].rstrip()
                else:
                    examples.append((line[2:], []))
            elif examples:
                examples[-1][1].append(line)
    return examples


def _pattern(want: str, today: str) -> re.Pattern[str]:
    """A regular expression for one shown line: its dates and times also match today's."""
    cut = want.endswith(" ...")
    if cut:
        want = want[: -len(" ...")]
    parts: list[str] = []
    at = 0
    for stamp in STAMP.finditer(want):
        parts.append(re.escape(want[at : stamp.start()]))
        today_form = re.escape(today) + (r"T\d{2}:\d{2}:\d{2}Z" if "T" in stamp.group() else "")
        parts.append(f"(?:{re.escape(stamp.group())}|{today_form})")
        at = stamp.end()
    parts.append(re.escape(want[at:]))
    return re.compile("".join(parts) + ("" if cut else r"\Z"))


def _chunks(shown: list[str]) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    for line in shown:
        if line.strip() == "...":
            chunks.append([])
        else:
            chunks[-1].append(line)
    return chunks


def _compare(command: str, shown: list[str], printed: list[str]) -> None:
    if not shown and printed:
        pytest.fail(f"the example `{command}` shows no output, but prints: {printed[0]!r}")
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    at = 0
    chunks = _chunks(shown)
    for number, chunk in enumerate(chunks):
        if not chunk:
            continue
        patterns = [_pattern(line, today) for line in chunk]
        # The first chunk starts the output; later ones may start anywhere after the previous one.
        starts = [at] if number == 0 else range(at, len(printed) - len(chunk) + 1)
        for start in starts:
            window = printed[start : start + len(chunk)]
            if len(window) == len(chunk) and all(p.match(line) for p, line in zip(patterns, window)):
                at = start + len(chunk)
                break
        else:
            got = "\n".join(printed)
            pytest.fail(f"the example `{command}` is out of date near {chunk[0]!r}; it prints:\n{got}")
    if chunks[-1] and at != len(printed):
        pytest.fail(f"the example `{command}` prints more than is shown: {printed[at]!r}")


def _scratch(folder: Path) -> Path:
    """A copy of the repository's claims, test articles and baseline, committed to a new git repository."""
    init_repo(folder)
    shutil.copytree(REPO / "claims", folder / "claims")
    shutil.copytree(REPO / "tests" / "data", folder / "tests" / "data")
    shutil.copy(REPO / ".factcheck-baseline.json", folder)
    subprocess.run(["git", "add", "."], cwd=folder, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "The desk's claims"], cwd=folder, check=True)
    return folder


PAGES_WITH_EXAMPLES = [page for page in PAGES if _examples(page)]


@pytest.mark.parametrize("page", PAGES_WITH_EXAMPLES, ids=[str(p.relative_to(REPO)) for p in PAGES_WITH_EXAMPLES])
def test_examples_print_what_the_page_shows(run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page: Path) -> None:
    monkeypatch.setenv("FACTCHECK_USER", "tess")
    # Commits made with one date have the same hashes on every run.
    for variable in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(variable, "2026-12-01T09:00:00Z")
    folder = _scratch(tmp_path / "desk")
    monkeypatch.chdir(folder)
    updating = os.environ.get("FACTCHECK_UPDATE_DOCS") == "1"
    outputs: list[list[str]] = []
    for command, shown in _examples(page):
        argv = shlex.split(command)
        if argv[0] == "factcheck":
            result = run(*argv[1:])
            printed = result.output.splitlines()
        else:
            done = subprocess.run(argv, cwd=folder, capture_output=True, text=True)
            assert done.returncode == 0, f"`{command}` failed: {done.stderr}"
            printed = (done.stdout + done.stderr).splitlines()
        outputs.append(printed)
        if not updating:
            _compare(command, shown, printed)
    if updating:
        _rewrite(page, outputs)


def _fits(shown: list[str], printed: list[str]) -> bool:
    try:
        _compare("", shown, printed)
    except pytest.fail.Exception:
        return False
    return True


def _likeness(shown: list[str], printed: list[str]) -> int:
    """How many lines of a run of shown lines begin as the printed ones do."""
    return sum(a.removesuffix(" ...")[:12] == b[:12] for a, b in zip(shown, printed))


def _refreshed(shown: list[str], printed: list[str]) -> list[str]:
    """What an out-of-date example should show: each run of shown lines replaced by the printed lines
    that resemble it most, keeping its skips (``...``) and its cut lines cut where they were."""
    if _fits(shown, printed):
        return shown
    out: list[str] = []
    at = 0
    for number, chunk in enumerate(_chunks(shown)):
        if number:
            out.append("...")
        if not chunk:
            continue
        last = len(printed) - len(chunk)
        starts = [at] if number == 0 else range(at, max(at, last) + 1)

        start = max(starts, key=lambda at, chunk=chunk: _likeness(chunk, printed[at : at + len(chunk)]))
        window = printed[start : start + len(chunk)] if number < len(_chunks(shown)) - 1 else printed[start:]
        for i, line in enumerate(window):
            want = chunk[i] if i < len(chunk) else ""
            cut = len(want) - len(" ...")
            out.append(line[:cut] + " ..." if want.endswith(" ...") and len(line) > cut else line)
        at = start + len(window)
    return out


def _rewrite(page: Path, outputs: list[list[str]]) -> None:
    """Write each console example's output as it is printed today (``FACTCHECK_UPDATE_DOCS=1``)."""
    examples = iter(zip(_examples(page), outputs, strict=True))
    lines = page.read_text(encoding="utf-8").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        out.append(lines[i])
        if lines[i] != "```console":
            i += 1
            continue
        i += 1
        while i < len(lines) and lines[i] != "```":
            line = lines[i]
            out.append(line)
            i += 1
            if not line.startswith("$ "):
                continue
            while line.endswith("\\") and i < len(lines):
                line = lines[i]
                out.append(line)
                i += 1
            (_, shown), printed = next(examples)
            while i < len(lines) and lines[i] != "```" and not lines[i].startswith("$ "):
                i += 1
            out.extend(_refreshed(shown, printed))
    page.write_text("\n".join(out), encoding="utf-8")


def test_the_readme_and_the_walkthrough_show_real_runs() -> None:
    assert REPO / "README.md" in PAGES_WITH_EXAMPLES
    assert DOCS / "walkthrough.md" in PAGES_WITH_EXAMPLES


# --- the generated command reference ------------------------------------------------------------


def _hook():
    spec = importlib.util.spec_from_file_location("docs_reference_hook", DOCS / "hooks" / "reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_command_is_in_the_reference_with_help() -> None:
    hook = _hook()
    paths = hook.commands()
    # Every lazily-loaded command is there, and every sub-command of a group.
    assert {path[0] for path in paths} == set(COMMANDS)
    assert ("source", "add") in paths and ("article", "set") in paths
    marked = set()
    for page in (DOCS / "reference").glob("*.md"):
        for match in hook.MARKER.finditer(page.read_text(encoding="utf-8")):
            marked.add(tuple(match.group(1).split()))
    missing = [" ".join(path) for path in paths if path not in marked]
    assert not missing, f"not in the command reference: {missing}"
    for path in paths:
        help = hook.help_text(path)
        description = help.split("\n\n", 2)[1].strip()
        assert description and not description.startswith("Options:"), f"factcheck {' '.join(path)} has no help text"


def test_a_marker_for_no_command_fails_the_build() -> None:
    hook = _hook()

    class Page:
        class file:
            src_path = "reference/x.md"

    assert "Usage: factcheck history" in hook.on_page_markdown("<!-- help: factcheck history -->\n", Page)
    with pytest.raises(ValueError, match="no command 'factcheck histroy'"):
        hook.on_page_markdown("<!-- help: factcheck histroy -->\n", Page)
