"""The default claims folder before the first claims file: a folder that holds none."""

from __future__ import annotations

from pathlib import Path

from factcheck.store.folder import Folder


class NoClaimsYet(Folder):
    """The default claims path when nothing is there yet: no claims file, as an empty folder has none.

    Reading it streams, lists and indexes nothing, so every command that reads
    all the claims gives its output for no claims in whichever format.
    """

    def paths(self) -> list[Path]:
        return []
