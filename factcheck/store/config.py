"""Settings from ``[factcheck]`` in ``setup.cfg`` or ``[tool.factcheck]`` in ``pyproject.toml``.

    [factcheck]                      [tool.factcheck]
    claims = claims                  claims = "claims"
    max-age = 365                    max-age = 365
    fail-on = error                  fail-on = "error"
    severity.stale = off             severity = { stale = "off" }

The files are looked for in the current folder and read once per command.
A key is the name of a command-line option without its dashes; which keys
exist and what values they take is the command line's business.  Here the
settings are only read, each with the line it is on, so that a bad one can
be reported as ``setup.cfg:12: ...``.  Settings in both files are an error:
one of them would be silently ignored.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from factcheck.model.errors import InputError
from factcheck.store.reading import decode_utf8, read_bytes

SECTION = "factcheck"
SETUP_CFG = Path("setup.cfg")
PYPROJECT = Path("pyproject.toml")


class Setting(NamedTuple):
    """One setting: its key (``max-age``, ``severity.stale``), its value as written, and where."""

    key: str
    value: Any  # str from setup.cfg; a TOML value from pyproject.toml
    file: str
    line: int | None
    section: str = SECTION

    def error(self, message: str) -> InputError:
        """An InputError about this setting, naming its file, line and section."""
        return InputError(f"[{self.section}] {self.key}: {message}", self.file, self.line)


class Config(NamedTuple):
    """The settings found, by key (empty when no file has the section)."""

    settings: dict[str, Setting]
    source: str | None = None


def load(folder: Path = Path(".")) -> Config:
    """The settings of ``setup.cfg`` ``[factcheck]`` or ``pyproject.toml`` ``[tool.factcheck]`` in ``folder``."""
    found = [c for c in (_from_setup_cfg(folder / SETUP_CFG), _from_pyproject(folder / PYPROJECT)) if c is not None]
    if len(found) > 1:
        raise InputError(
            f"factcheck settings are in both {found[0].source} and {found[1].source}; keep them in one of the two"
        )
    return found[0] if found else Config({})


def _text(path: Path, marker: str) -> str | None:
    """The file's text when it exists and may hold our section (a cheap look before parsing it)."""
    if not path.is_file():
        return None
    shown = str(path)
    text = decode_utf8(read_bytes(path, "configuration file", 1024 * 1024), shown, "configuration file")
    return text if marker in text.lower() else None


#: A section header that means factcheck's but is not read: another tool's form, or other capitals.
_MISNAMED = re.compile(r"(?im)^[ \t]*\[[ \t]*((?:tool[:.])?fact[-_ ]?check)[ \t]*\][ \t]*$")


def _misnamed(path: Path, text: str, right: str) -> None:
    """Refuse settings the file holds in a section factcheck does not read: they would pass unread."""
    for found in _MISNAMED.finditer(text):
        if found[1] != right:
            raise InputError(
                f"[{found[1]}]: factcheck reads its settings in {path.name} from [{right}]; rename the section",
                str(path),
                text.count("\n", 0, found.start()) + 1,
            )


def _from_setup_cfg(path: Path) -> Config | None:
    # configparser reads a section only from a line "[factcheck]", so a file
    # without it (one that merely names the package) is not parsed at all.
    text = _text(path, "check]")
    if text is None:
        return None
    _misnamed(path, text, SECTION)
    if f"[{SECTION}]" not in text:
        return None
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as exc:
        message = getattr(exc, "message", str(exc)).splitlines()[0]
        raise InputError(f"cannot read the configuration: {message}", str(path)) from None
    if not parser.has_section(SECTION):
        return None
    lines = _ini_lines(text)
    settings = {key: Setting(key, value.strip(), str(path), lines.get(key)) for key, value in parser.items(SECTION)}
    return Config(settings, f"{path} [{SECTION}]")


def _ini_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    in_section = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_section = stripped == f"[{SECTION}]"
        elif in_section and stripped and not stripped.startswith(("#", ";")):
            key = re.split(r"[=:]", stripped, maxsplit=1)[0].strip().lower()
            lines.setdefault(key, number)
    return lines


def _from_pyproject(path: Path) -> Config | None:
    text = _text(path, SECTION)
    if text is None:
        return None
    _misnamed(path, text, f"tool.{SECTION}")
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"cannot read the configuration: {exc}", str(path)) from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        raise InputError("cannot read the configuration: values nested too deeply", str(path)) from None
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        # ruff refuses such a file too: no tool can have its settings there.
        match = re.search(r"(?m)^[ \t]*[\"']?tool[\"']?[ \t]*=", text)
        line = text.count("\n", 0, match.start()) + 1 if match else None
        raise InputError(f"tool must be a table ([tool] or tool.NAME keys), not {_toml_kind(tool)}", str(path), line)
    table = tool.get(SECTION)
    if table is None:
        return None
    if not isinstance(table, dict):
        raise InputError(f"[tool.{SECTION}] must be a table, not {_toml_kind(table)}", str(path))
    settings: dict[str, Setting] = {}
    for key, value in table.items():
        if isinstance(value, dict):  # severity = { stale = "off" } or [tool.factcheck.severity]
            for inner, inner_value in value.items():
                full = f"{key}.{inner}"
                settings[full] = Setting(full, inner_value, str(path), _toml_line(text, inner), f"tool.{SECTION}")
        else:
            settings[key] = Setting(key, value, str(path), _toml_line(text, key), f"tool.{SECTION}")
    return Config(settings, f"{path} [tool.{SECTION}]")


def _toml_kind(value: Any) -> str:
    """What a TOML value is, in the words of the TOML specification."""
    kinds = {bool: "a boolean", int: "an integer", float: "a float", str: "a string", list: "an array"}
    return next((name for kind, name in kinds.items() if isinstance(value, kind)), "a date or time")


def _toml_line(text: str, key: str) -> int | None:
    """The line where ``key`` is set (the first one: good enough to point a person at it)."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=|[{{,]\s*[\"']?{re.escape(key)}[\"']?\s*=")
    in_section = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_section = stripped.startswith(f"[tool.{SECTION}")
            continue
        if in_section and pattern.search(line):
            return number
    return None
