"""Every command's output formats, declared once, and each renderer imported when its format is first used.

``COMMANDS`` names, for each command with output, the render package of its formats and
the formats it has (the first is its default); format ``f`` of package ``p`` is rendered by
``factcheck.render.p.f.render``, wrapped by ``safe`` so that what it returns is safe to print
whatever the data held: URLs' passwords redacted; in JSON, every character a terminal would act
on escaped; in other text, no line of data that reads as a CI workflow command.  A format that
*is* workflow commands (``check --format github``) escapes its data itself.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from typing import Any, NamedTuple

from factcheck.render.styled import Styled
from factcheck.text.clean import defuse_commands, json_safe, redact_urls


class Format(StrEnum):
    """Every output format; a command has some of them."""

    TEXT = "text"
    MD = "md"
    HTML = "html"
    JSON = "json"
    CSV = "csv"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"
    CLAIMREVIEW = "claimreview"


class Declared(NamedTuple):
    """A command's formats: the render package holding a module per format, and the formats, default first."""

    package: str
    formats: tuple[Format, ...]


_F = Format
#: Each command with output, by the name it is called by.
COMMANDS: dict[str, Declared] = {
    "list": Declared("listing", (_F.TEXT, _F.JSON, _F.CSV, _F.MD)),
    "show": Declared("show", (_F.TEXT, _F.JSON)),
    "history": Declared("history", (_F.TEXT, _F.JSON)),
    "verify": Declared("verify", (_F.TEXT, _F.JSON)),
    "report": Declared("report", (_F.TEXT, _F.MD, _F.HTML, _F.JSON)),
    "annotate": Declared("annotate", (_F.TEXT, _F.MD, _F.HTML)),
    "diff": Declared("diff", (_F.TEXT, _F.MD, _F.JSON)),
    "check": Declared("check", (_F.TEXT, _F.GITHUB, _F.JSON, _F.SARIF, _F.JUNIT)),
    "extract": Declared("extract", (_F.TEXT, _F.JSON)),
    "archive": Declared("archive", (_F.TEXT, _F.JSON)),
    "export": Declared("export", (_F.CLAIMREVIEW,)),
    "rejected": Declared("rejected", (_F.TEXT, _F.JSON)),
    "match": Declared("match", (_F.TEXT, _F.JSON)),
    "search": Declared("search", (_F.TEXT, _F.JSON)),
}

# claimreview (export) is JSON-LD: JSON text like the others.
JSON_FORMATS = frozenset({Format.JSON, Format.SARIF, Format.CLAIMREVIEW})
COMMAND_FORMATS = frozenset({Format.GITHUB})


def safe(fmt: str, render: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``render`` with its output made safe to print for format ``fmt`` (``Styled`` text is, as it is built)."""
    if fmt in COMMAND_FORMATS:
        return render
    escape = json_safe if fmt in JSON_FORMATS else defuse_commands

    def make_safe(text: str) -> str:
        return escape(redact_urls(text))

    def rendered(data: Any) -> Any:
        output = render(data)
        if isinstance(output, Styled):
            return output
        if fmt in JSON_FORMATS and isinstance(output, dict | list):
            # A whole JSON document: laid out here, alike for every command.
            output = json.dumps(output, indent=2, ensure_ascii=False) + "\n"
        if isinstance(output, str):
            return make_safe(output)
        # Streamed renderers yield whole lines (or whole rows), so each piece can be made safe alone.
        return map(make_safe, output)

    return rendered


class Formats(Mapping[Format, Callable[[Any], Any]]):
    """Format -> renderer, for the formats of one command."""

    def __init__(self, declared: Declared) -> None:
        self._declared = declared

    def __getitem__(self, fmt: str) -> Callable[[Any], Any]:
        if fmt not in self._declared.formats:
            raise KeyError(fmt)
        render = importlib.import_module(f"factcheck.render.{self._declared.package}.{fmt}").render
        return safe(str(fmt), render)

    def __iter__(self) -> Iterator[Format]:
        return iter(self._declared.formats)

    def __len__(self) -> int:
        return len(self._declared.formats)


def formats(command: str) -> Formats:
    """The formats of ``command`` (a name in ``COMMANDS``), each to its renderer."""
    return Formats(COMMANDS[command])


def choices(command: str) -> list[str]:
    """The names of ``command``'s formats, its default first."""
    return [str(f) for f in COMMANDS[command].formats]
