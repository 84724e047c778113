"""The README's examples of read-only commands show what those commands print today."""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
READ_ONLY = ("list", "show", "history", "report", "annotate", "diff", "check")


def _examples() -> list[tuple[str, list[str]]]:
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if not line.startswith("$ factcheck ") or line.endswith("\\"):
                continue
            args = shlex.split(line[2:])[1:]
            if args and args[0] in READ_ONLY:
                shown = []
                for out in lines[i + 1 :]:
                    if out.startswith("$ ") or out.strip() == "...":
                        break
                    shown.append(out)
                examples.append((line[2:], shown))
    return examples


@pytest.mark.parametrize(("command", "shown"), _examples(), ids=[c for c, _ in _examples()])
def test_readme_example_is_current(run, monkeypatch: pytest.MonkeyPatch, command: str, shown: list[str]) -> None:
    monkeypatch.chdir(REPO)
    result = run(*shlex.split(command)[1:])
    printed = (result.stdout + result.stderr).splitlines()
    assert printed[: len(shown)] == shown
