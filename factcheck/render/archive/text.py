"""``archive --format text``: one line per URL, with the claims that cite it."""

from __future__ import annotations

from factcheck.publish.archived import Run
from factcheck.render.archive import HOW, result_line
from factcheck.render.styled import Styled
from factcheck.text.clean import clean


def render(run: Run) -> Styled:
    out = Styled()
    for result in run.results:
        how, style = HOW[result.how]
        rest = result_line(result)[len(how) :]
        out.add((how, style), f"  {clean(result.url, single_line=True)}")
        out.add(("   " + rest.strip(), "dim"))
    return out
