"""Settings from the ``[factcheck]`` section of ``setup.cfg`` in the current folder.

    [factcheck]
    claims = claims
    max-age = 180
    fail-on = error
    severity.stale = off
    severity.missing-quote = error

The command line wins over the file.  An unknown key or a bad value is an
InputError naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import InputError

SECTION = "factcheck"
FAIL_ON = ("error", "warning", "never")
SEVERITY_VALUES = ("error", "warning", "off")


@dataclass
class Config:
    claims: Path | None = None
    max_age: int | None = None
    fail_on: str | None = None
    severities: dict[str, str] = field(default_factory=dict)
    source: Path | None = None


def load(path: Path = Path("setup.cfg")) -> Config:
    """Read the ``[factcheck]`` section of ``path``; an absent file or section gives defaults."""
    if not path.is_file():
        return Config()
    import configparser

    from factcheck.check import RULES

    parser = configparser.ConfigParser(interpolation=None)
    text = path.read_text(encoding="utf-8")
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as exc:
        raise InputError(f"cannot read the configuration: {exc.message.splitlines()[0]}", str(path)) from None
    if not parser.has_section(SECTION):
        return Config()
    config = Config(source=path)

    def fail(key: str, message: str) -> InputError:
        return InputError(f"[{SECTION}] {key}: {message}", str(path), _line_of(text, key))

    for key, value in parser.items(SECTION):
        value = value.strip()
        if key == "claims":
            config.claims = Path(value)
        elif key in ("max-age", "max_age"):
            if not value.isdigit():
                raise fail(key, f"{value!r} is not a whole number of days")
            config.max_age = int(value)
        elif key in ("fail-on", "fail_on"):
            if value not in FAIL_ON:
                raise fail(key, f"{value!r} is not one of {', '.join(FAIL_ON)}")
            config.fail_on = value
        elif key.startswith("severity."):
            rule = key[len("severity.") :]
            if rule not in RULES:
                raise fail(key, f"unknown rule {rule!r}; rules: {', '.join(RULES)}")
            if value not in SEVERITY_VALUES:
                raise fail(key, f"{value!r} is not one of {', '.join(SEVERITY_VALUES)}")
            config.severities[rule] = value
        else:
            raise fail(key, "unknown key; known keys: claims, max-age, fail-on, severity.RULE")
    return config


def _line_of(text: str, key: str) -> int | None:
    in_section = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_section = stripped == f"[{SECTION}]"
        elif in_section and stripped.split("=")[0].split(":")[0].strip().lower() == key:
            return number
    return None
