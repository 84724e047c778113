"""The rows of ``factcheck list``: one per claim, read file by file, on every CPU for big folders.

Only a row's few fields leave the worker that decoded the file, so a folder
of a million claims lists in little memory and little time; every claim id
is still checked to be unique across the folder.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from factcheck.report.row import Row
from factcheck.store.folder import Folder, IdRegister, bulk, duplicate, id_places, read
from factcheck.store.parallel import map_files


def _rows_of(
    place: tuple[Path, str], statuses: frozenset[str], unsourced: bool
) -> tuple[list[tuple[str, list[str | int]]], list[Row]]:
    """Every claim id of one file with its place, and the rows of the claims that pass the filter."""
    path, shown = place
    claims_file = read(path, shown).claims_file
    rows = [
        Row(shown, c.id, c.status, len(c.sources), c.worthiness.score if c.worthiness else None, c.text)
        for c in claims_file.claims
        if (not statuses or c.status in statuses) and (not unsourced or not c.sources)
    ]
    return list(id_places(claims_file)), rows


def rows(
    root: Path | Folder, statuses: frozenset[str] = frozenset(), unsourced: bool = False, processes: int | None = None
) -> Iterator[Row]:
    """The rows of the claims under ``root`` (a path, or its Folder) with one of ``statuses`` (any, when empty), in file order.

    ``unsourced`` keeps only claims without sources.  A repeated claim id
    stops the rows with an InputError naming both places.
    """
    places = (root if isinstance(root, Folder) else Folder(root)).shown()
    register = IdRegister()
    work = functools.partial(_rows_of, statuses=statuses, unsourced=unsourced)
    with bulk(keep=False):
        for place, (ids, found) in zip(places, map_files(places, work, processes), strict=True):
            for claim_id, at in ids:
                if not register.add(claim_id, place):
                    raise duplicate(claim_id, register.first(claim_id), place, at)  # type: ignore[arg-type]
            yield from found
