"""An mkdocs hook that writes each command's ``--help`` into the command reference.

A line ``<!-- help: factcheck source add -->`` on a page becomes that
command's ``--help``, as the installed ``factcheck`` prints it, so the
reference cannot drift from the code.  A marker naming no command fails the
build.  ``commands()`` lists every command and sub-command, for the test that
each one is in the reference.
"""

from __future__ import annotations

import os
import re
from typing import Any

import click
from click.testing import CliRunner

from factcheck.cli import COMMANDS, cli

MARKER = re.compile(r"^<!-- help: factcheck((?: [a-z][a-z-]*)*) -->$", re.M)
#: A terminal's usual width, which also fits the page's code box at full width.
WIDTH = 80


def commands() -> list[tuple[str, ...]]:
    """Every command path below ``factcheck``, sub-commands of groups included (the lazy ones loaded)."""
    paths: list[tuple[str, ...]] = []
    context = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(context, name)
        assert command is not None, name
        paths.append((name,))
        if isinstance(command, click.Group):
            paths.extend((name, sub) for sub in command.list_commands(context))
    return paths


def help_text(path: tuple[str, ...]) -> str:
    """The ``--help`` of ``factcheck PATH``, with no configuration or environment of the builder's."""
    unset: dict[str, str | None] = {name: None for name in os.environ if name.startswith("FACTCHECK_")}
    result = CliRunner().invoke(
        cli, [*path, "--help"], prog_name="factcheck", env=unset, terminal_width=WIDTH, catch_exceptions=False
    )
    if result.exit_code != 0 or not result.stdout.startswith("Usage: "):
        raise ValueError(f"factcheck {' '.join(path)} --help failed: {result.stdout or result.stderr}")
    return result.stdout.rstrip()


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Replace each help marker with the command's help in a code block."""
    known = {(), *commands()}

    def replace(match: re.Match[str]) -> str:
        path = tuple(match.group(1).split())
        if path not in known:
            raise ValueError(f"{page.file.src_path}: no command 'factcheck {' '.join(path)}' to take the help of")
        return f"```text\n{help_text(path)}\n```"

    return MARKER.sub(replace, markdown)
