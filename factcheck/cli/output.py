"""Where output goes: data to stdout (or a file), messages to stderr; colour only on a terminal.

Renderers return text; this module alone looks at the terminal and the
environment.  ``Styled`` text is printed through rich, in colour, when
stdout is a terminal (or ``FORCE_COLOR`` is set; rich honours ``NO_COLOR``),
and as plain text otherwise, without importing rich at all.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from factcheck.model.errors import InputError
from factcheck.render.styled import Styled

if TYPE_CHECKING:
    from rich.console import Console

    from factcheck.render import Output


#: The error handler of stdout and stderr: see ``tolerate_unencodable``.
ESCAPE = "factcheck.escape"


def _escape(error: UnicodeError) -> tuple[str, int]:
    """What an encoding cannot hold, as JSON's ``\\uXXXX`` escapes (a surrogate pair beyond U+FFFF)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    import json  # only output that needs an escape pays for it

    # Nothing an encoding cannot hold is ASCII, so json.dumps escapes every character of it.
    return json.dumps(error.object[error.start : error.end])[1:-1], error.end


codecs.register_error(ESCAPE, _escape)


def tolerate_unencodable() -> None:
    """Have stdout and stderr write what their encoding cannot hold as ``\\uXXXX`` escapes, not fail.

    A terminal or a pipe set to ASCII or Latin-1 (``PYTHONIOENCODING``, an old
    locale) must still show claims that hold ’, — or 中.  The escapes are
    JSON's own (Python's ``backslashreplace`` would write ``\\U0001f600``,
    which JSON lacks), so JSON output stays JSON, meaning the same, and text
    shows the escape as ``clean`` shows unsafe characters.  An error handler
    the user chose (``PYTHONIOENCODING=ascii:replace``) is kept.  Python
    gives stderr ``backslashreplace`` of its own accord (``\\xe9``): it gets
    the escapes too, so an error line shows a claim as the output does; and
    stdout ``surrogateescape`` in the C locale when UTF-8 is turned off
    (``PYTHONUTF8=0``), which fails on ’ as ``strict`` does.
    """
    for stream, default in ((sys.stdout, "surrogateescape"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) in ("strict", default):
            reconfigure(errors=ESCAPE)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))


def coloured() -> bool:
    """Whether stdout shows colour: a terminal (or ``FORCE_COLOR``) and no ``NO_COLOR``, as rich decides."""
    return stdout_is_terminal() and not os.environ.get("NO_COLOR")


def width() -> int | None:
    """The terminal's width when stdout is a terminal (``COLUMNS`` when set); None for pipes and files (no cutting)."""
    if not sys.stdout.isatty():
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdecimal() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except OSError:
        return 80


def text_of(output: Output) -> str:
    """Output as plain text, whatever its kind."""
    if isinstance(output, str):
        return output
    if isinstance(output, Styled):
        return output.plain()
    return "".join(output)


def emit(output: Output, path: Path | None = None) -> None:
    """Print ``output`` on stdout, or write it to ``path`` once it is complete (see ``atomic.write_output``)."""
    if path is not None:
        # Like rich below, the atomic writer is loaded only by the runs that need it.
        from factcheck.store.atomic import write_output

        # A lone surrogate (a file name's undecodable byte) cannot be UTF-8: it is written as an escape.
        write_output(path, text_of(output).encode("utf-8", ESCAPE))
        return
    try:
        if isinstance(output, Styled) and stdout_is_terminal():
            _print_styled(output)
        elif isinstance(output, Styled):
            sys.stdout.write(output.plain())
        elif isinstance(output, str):
            sys.stdout.write(output)
        else:
            _write_complete(output)
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader went away: no error (see cli.FactcheckGroup.invoke)
    except OSError as exc:  # a full disk, say: told as `-o FILE` tells it
        raise InputError(f"cannot write: {exc.strerror or exc}", "stdout") from None


#: How much streamed output is held in memory before the rest goes to a temporary file.
SPOOL_CHARS = 8 * 1024 * 1024


def _write_complete(pieces: Iterable[str]) -> None:
    """Write streamed output to stdout once all of it is rendered: an error on the way writes nothing.

    A renderer that streams reads the claims files as it goes, so a file
    refused halfway would otherwise leave the rows before it on stdout, and
    a reader could take them for the whole.  The pieces are kept until the
    last one, in memory while they are small and in a temporary file beyond
    ``SPOOL_CHARS`` characters, so that a folder of a million claims still lists
    in little memory.
    """
    limit = SPOOL_CHARS
    held: list[str] = []
    size = 0
    spool: IO[str] | None = None
    for piece in pieces:
        if spool is not None:
            spool.write(piece)
            continue
        held.append(piece)
        size += len(piece)
        if size > limit:
            # Only output this big pays for loading tempfile.
            import tempfile

            # surrogatepass: a lone surrogate (a file name's undecodable byte) comes back as it went in.
            spool = tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass")
            spool.writelines(held)
            held.clear()
    if spool is None:
        sys.stdout.writelines(held)
        return
    with spool:
        spool.seek(0)
        while chunk := spool.read(1024 * 1024):
            sys.stdout.write(chunk)


def _print_styled(output: Styled, console: Console | None = None) -> None:
    # rich is loaded only for a terminal: it costs more than the rest of `list`.
    from rich.text import Text

    console = console or rich_console()
    for line in output.lines:
        text = Text(line.text)
        for start, end, style in line.styles:
            text.stylize(style, start, end)
        console.print(text)


def rich_console(stderr: bool = False) -> Console:
    """A rich console on stdout (or stderr) that prints text as given: no markup, emoji or highlighting."""
    from rich.console import Console

    # Soft wrapping leaves long lines whole; a terminal wraps them itself.
    return Console(stderr=stderr, highlight=False, emoji=False, markup=False, soft_wrap=True)
