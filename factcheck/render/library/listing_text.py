"""``library list --format text``: the fact-checks, then the documents."""

from __future__ import annotations

from factcheck.render.library import Contents
from factcheck.render.match.text import line


def render(contents: Contents) -> str:
    out = [f"fact-checks: {len(contents.factchecks)}"]
    for entry, _ in contents.factchecks:
        who = " · ".join(x for x in (line(entry.publisher, 60), line(entry.rating, 40)) if x)
        out.append(f"  {line(entry.claim, 120)}" + (f" ({who})" if who else ""))
        if entry.url:
            out.append(f"    {line(entry.url)}")
    out.append(f"documents: {len(contents.documents)}")
    for location, title, count in contents.documents:
        out.append(f"  {line(location)} ({count} passage{'s' if count != 1 else ''})")
        if title:
            out.append(f"    {line(title, 120)}")
    return "\n".join(out) + "\n"
