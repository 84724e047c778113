"""``factcheck list``: one row per claim, as a table, JSON, CSV or Markdown."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from factcheck import sanitize
from factcheck.model import Claim, ClaimsFile
from factcheck.paths import display

Row = tuple[ClaimsFile, Claim]


def _record(claims_file: ClaimsFile, claim: Claim, where: str) -> dict[str, Any]:
    return {
        "id": claim.id,
        "status": claim.status,
        "sources": len(claim.sources),
        "score": claim.worthiness.score if claim.worthiness else None,
        "file": where,
        "text": claim.text,
    }


def _records(rows: Iterable[Row]) -> Iterable[dict[str, Any]]:
    names: dict[int, str] = {}
    for claims_file, claim in rows:
        where = names.get(id(claims_file))
        if where is None:
            where = names[id(claims_file)] = display(claims_file.path)
        yield _record(claims_file, claim, where)


def as_json(rows: Iterable[Row]) -> str:
    """A JSON array of objects (id, status, sources count, score, file, text), one per line."""
    # One object per line keeps the output readable and greppable.  The
    # shape is flat and fixed, so each line is put together here with json's
    # string quoting; a json.dumps call per row would cost more than loading.
    q = encode_basestring
    lines = [
        f'{{"id": {q(r["id"])}, "status": {q(r["status"])}, "sources": {r["sources"]}, '
        f'"score": {"null" if r["score"] is None else float.__repr__(float(r["score"]))}, '
        f'"file": {q(r["file"])}, "text": {q(r["text"])}}}'
        for r in _records(rows)
    ]
    if not lines:
        return "[]\n"
    return "[\n" + ",\n".join(lines) + "\n]\n"


def as_csv(rows: Iterable[Row]) -> str:
    """CSV with a header row, the same columns as JSON; control characters made visible."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "status", "sources", "score", "file", "text"])
    for r in _records(rows):
        score = "" if r["score"] is None else r["score"]
        writer.writerow([r["id"], r["status"], r["sources"], score, r["file"], sanitize.clean(r["text"])])
    return buffer.getvalue()


def as_markdown(rows: Iterable[Row]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = ["| id | status | sources | claim |", "| --- | --- | ---: | --- |"]
    for _, claim in rows:
        lines.append(
            f"| `{sanitize.markdown_code(claim.id)}` | {claim.status} | {len(claim.sources)} | {sanitize.markdown(claim.text)} |"
        )
    return "\n".join(lines) + "\n"


def as_plain_table(rows: Iterable[Row]) -> str:
    """Aligned columns without colour or truncation, for pipes: one claim per line."""
    rows = list(rows)
    id_width = max([2, *(len(claim.id) for _, claim in rows)])
    lines = [f"{'id':<{id_width}}  {'status':<11}  src  claim"]
    for _, claim in rows:
        text = sanitize.clean(claim.text, single_line=True)
        lines.append(f"{claim.id:<{id_width}}  {claim.status:<11}  {len(claim.sources):>3}  {text}")
    return "\n".join(lines) + "\n"


def print_table(rows: list[Row]) -> None:
    """The table on stdout: in colour, cut to the terminal's width, on a terminal; plain otherwise."""
    import os
    import sys

    if not sys.stdout.isatty() and not os.environ.get("FORCE_COLOR"):
        # rich would also print plain text here, but costs more than the rest of `list`.
        sys.stdout.write(as_plain_table(rows))
        return
    from rich.table import Table
    from rich.text import Text

    from factcheck.render import console

    out = console.out()
    table = Table(box=None, pad_edge=False, show_edge=False)
    id_width = max((len(claim.id) for _, claim in rows), default=2)
    table.add_column("id", no_wrap=True, min_width=id_width)
    table.add_column("status", no_wrap=True, min_width=11)
    table.add_column("src", justify="right", no_wrap=True, min_width=3)
    table.add_column("claim", no_wrap=True, overflow="ellipsis", ratio=1)
    for _, claim in rows:
        table.add_row(
            Text(sanitize.clean(claim.id)),
            console.status_text(claim.status),
            str(len(claim.sources)),
            Text(sanitize.clean(claim.text, single_line=True)),
        )
    out.print(table)


# Machine-readable formats; "table" is printed by print_table.
FORMATS: dict[str, Callable[[Iterable[Row]], str]] = {
    "json": as_json,
    "csv": as_csv,
    "md": as_markdown,
}
