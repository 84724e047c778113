"""Applying the configuration file: every setting checked against its option, then handed to Click as defaults."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import click

from factcheck.model.vocab import Severity
from factcheck.store import config


def default_map(
    commands: list[str], groups: Mapping[str, Iterable[str]] | None = None, folder: Path = Path(".")
) -> dict[str, Any]:
    """Click's ``default_map`` from the configuration in ``folder``: the same settings for every command.

    A command takes the settings whose options it has; the rest are ignored
    for it.  An unknown key or a bad value is an InputError naming the file
    and line.
    """
    found = config.load(folder)
    if not found.settings:
        return {}
    # Only a project with settings pays for loading every option's type.
    from factcheck.cli.params import Configured
    from factcheck.cli.settings import SETTINGS

    values: dict[str, Any] = {}
    for key, setting in found.settings.items():
        name, _, sub = key.partition(".")
        spec = SETTINGS.get(name)
        if spec is None or (spec.names is not None) != bool(sub):
            raise setting.error(f"unknown key; {_nearest(name, sub, SETTINGS)}")
        raw = setting.value
        if spec.names is not None:
            allowed = spec.names()
            if sub not in allowed:
                raise setting.error(
                    f"unknown {spec.name_kind} {sub!r}; {_plural(spec.name_kind)}: {', '.join(allowed)}"
                )
            if name == "severity" and raw not in tuple(Severity):
                raise setting.error(f"{raw!r} is not one of {', '.join(Severity)}")
            if isinstance(raw, (dict, list)) or raw is None:
                raise setting.error(f"{raw!r} is not a value this setting takes")
            raw = f"{sub}={raw}"
        items = raw if isinstance(raw, list) else [raw]
        if not spec.multiple and len(items) != 1:
            raise setting.error("takes one value")
        for item in items:
            if isinstance(item, (dict, list)) or item is None:
                raise setting.error(f"{item!r} is not a value this setting takes")
            if isinstance(spec.type, click.Path):
                continue  # checked where a command uses it: see below
            try:
                spec.type.convert(str(item) if not isinstance(item, bool) else item, None, None)
            except click.BadParameter as exc:
                raise setting.error(exc.message.rstrip(".")) from None
        text = [str(item) for item in items]
        if isinstance(spec.type, click.Path):
            # What a path names on disk (a file where a folder is wanted, say) matters only to a command
            # that uses the setting: one without the option, or given another path, must not be refused.
            # Click converts the value when it is used, and SettingPath reports a problem at this line.
            text = [Configured(t, setting.error) for t in text]
        if spec.multiple:
            values.setdefault(spec.param, []).extend(text)
        else:
            values[spec.param] = text[0]
    top = {k: v for k, v in values.items() if k == "claims_path"}
    per_command = {k: v for k, v in values.items() if k != "claims_path"}
    # A group's sub-commands look their defaults up in the group's map, by their name.
    groups = groups or {}
    return {**top, **{c: {**per_command, **dict.fromkeys(groups.get(c, ()), per_command)} for c in commands}}


def _nearest(name: str, sub: str, settings: Mapping[str, Any]) -> str:
    """The keys nearest a misspelled one (``max_age``: max-age), else every key."""

    def shown(key: str, sub: str) -> str:
        return key if settings[key].names is None else f"{key}.{sub or settings[key].name_kind.upper()}"

    typed = name.replace("_", "-")
    import difflib

    near = [typed] if typed in settings else difflib.get_close_matches(typed, list(settings), n=2, cutoff=0.7)
    if near:
        return f"did you mean {' or '.join(shown(key, sub) for key in near)}?"
    return f"known keys: {', '.join(shown(key, '') for key in settings)}"


def _plural(word: str) -> str:
    return word + ("es" if word.endswith("s") else "s")
