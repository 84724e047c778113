"""A command's output formats: each renderer module is imported when its format is first used.

A command with five formats pays for loading one: ``FORMATS[fmt]`` imports
the module named for ``fmt`` and returns its ``render`` function.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from typing import Any, TypeVar

K = TypeVar("K", bound=StrEnum)


class Formats(Mapping[K, Callable[[Any], Any]]):
    """Format -> renderer, from format -> the module whose ``render`` it is."""

    def __init__(self, modules: dict[K, str]) -> None:
        self._modules = modules

    def __getitem__(self, fmt: K) -> Callable[[Any], Any]:
        return importlib.import_module(self._modules[fmt]).render  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[K]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)
