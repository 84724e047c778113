"""A command's output formats: each renderer module is imported when its format is first used.

A command with five formats pays for loading one: ``FORMATS[fmt]`` imports
the module named for ``fmt`` and returns its ``render`` function, wrapped so
that what it returns is safe to print, whatever the data held:

- every URL's user name and password show as ``***`` (``redact``);
- JSON formats (``json``, ``sarif``) have every character a terminal would act
  on (DEL, C1 controls, bidi controls, line separators) written as a
  ``\\uXXXX`` escape, which any JSON reader decodes to the same character;
- other text (Markdown, CSV, HTML, XML) cannot have a line of data that reads
  as a CI workflow command (``::error::``, ``##[error]``): see
  ``defuse_commands``.  ``Styled`` text is made safe line by line as it is
  built (``styled.line``);
- a format that *is* workflow commands (``check --format github``) is left
  as it is: it escapes its data itself, so that no data can start a line.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from factcheck.render.styled import Styled
from factcheck.text.clean import defuse_commands, json_safe, redact

K = TypeVar("K", bound=StrEnum)

JSON_FORMATS = frozenset({"json", "sarif"})
COMMAND_FORMATS = frozenset({"github"})


def _each(pieces: Iterable[str], make_safe: Callable[[str], str]) -> Iterator[str]:
    # Streamed renderers yield whole lines (or whole rows), so each piece can be made safe alone.
    for piece in pieces:
        yield make_safe(piece)


def safe(fmt: str, render: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``render`` with its output made safe to print for format ``fmt`` (see the module's docstring)."""
    if fmt in COMMAND_FORMATS:
        return render
    if fmt in JSON_FORMATS:

        def make_safe(text: str) -> str:
            return json_safe(redact(text))

    else:

        def make_safe(text: str) -> str:
            return defuse_commands(redact(text))

    def rendered(data: Any) -> Any:
        output = render(data)
        if isinstance(output, Styled):
            return output
        if isinstance(output, str):
            return make_safe(output)
        return _each(output, make_safe)

    rendered.__doc__ = render.__doc__
    rendered.__wrapped__ = render  # type: ignore[attr-defined]
    return rendered


class Formats(Mapping[K, Callable[[Any], Any]]):
    """Format -> renderer, from format -> the module whose ``render`` it is."""

    def __init__(self, modules: dict[K, str]) -> None:
        self._modules = modules

    def __getitem__(self, fmt: K) -> Callable[[Any], Any]:
        render = importlib.import_module(self._modules[fmt]).render
        return safe(str(fmt), render)

    def __iter__(self) -> Iterator[K]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)
