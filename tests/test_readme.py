"""The README's examples of read-only commands show what those commands print today.

In an example, a line ``...`` skips any number of lines, and a line ending in
`` ...`` is cut short; everything else must be printed exactly, in order.
"""

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
            # Examples that write a file (-o) are not run: the test must not write into the repository.
            if args and args[0] in READ_ONLY and "-o" not in args and "--output" not in args:
                shown = []
                for out in lines[i + 1 :]:
                    if out.startswith("$ "):
                        break
                    shown.append(out)
                examples.append((line[2:], shown))
    return examples


def _matches(want: str, got: str) -> bool:
    if want.endswith(" ..."):
        return got.startswith(want[: -len(" ...")])
    return got == want


def _chunks(shown: list[str]) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    for line in shown:
        if line.strip() == "...":
            chunks.append([])
        else:
            chunks[-1].append(line)
    return chunks


@pytest.mark.parametrize(("command", "shown"), _examples(), ids=[c for c, _ in _examples()])
def test_readme_example_is_current(run, monkeypatch: pytest.MonkeyPatch, command: str, shown: list[str]) -> None:
    monkeypatch.chdir(REPO)
    result = run(*shlex.split(command)[1:])
    printed = (result.stdout + result.stderr).splitlines()
    at = 0
    for number, chunk in enumerate(_chunks(shown)):
        if not chunk:
            continue
        # The first chunk starts the output; later ones may start anywhere after the previous one.
        starts = [at] if number == 0 else range(at, len(printed) - len(chunk) + 1)
        for start in starts:
            window = printed[start : start + len(chunk)]
            if len(window) == len(chunk) and all(_matches(w, g) for w, g in zip(chunk, window)):
                at = start + len(chunk)
                break
        else:
            pytest.fail(f"README example of `{command}` is out of date near: {chunk[0]!r}")
