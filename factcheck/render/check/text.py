"""``check --format text``: findings grouped by file, then a count line."""

from __future__ import annotations

from operator import itemgetter

from factcheck.check.rules import Finding, Result
from factcheck.model.vocab import Severity
from factcheck.render import theme
from factcheck.render.check import CheckOutput, unmatched
from factcheck.render.styled import Line, Styled
from factcheck.text.clean import clean


def summary(result: Result) -> str:
    """The closing line, e.g. ``3 errors, 2 warnings in 1 file; 1 finding accepted by the baseline``."""
    files = f"{result.files} file" + ("" if result.files == 1 else "s")
    accepted = len(result.accepted)
    baseline = f"; {accepted} finding{'' if accepted == 1 else 's'} accepted by the baseline" if accepted else ""
    if not result.findings:
        return f"no problems in {files}{baseline}"
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    parts = [f"{errors} error" + ("" if errors == 1 else "s"), f"{warnings} warning" + ("" if warnings == 1 else "s")]
    return f"{', '.join(parts)} in {files}{baseline}"


# Each severity's column and style, made once: formatting an enum member goes through Python code.
_SEVERITY = {s: (f"{s!s:<7}", ((7, 7 + len(s), theme.SEVERITY[s]),)) for s in theme.SEVERITY}


def _line(f: Finding, rule_width: int) -> Line:
    severity, styles = _SEVERITY[f.severity]
    text = f"{f.line or '-':>5}  {severity}  {f.rule.ljust(rule_width)}  {clean(f.message, single_line=True)}"
    return Line(text, styles)


def render(output: CheckOutput) -> Styled:
    """A heading per file, one line per finding (its severity coloured), notes, the summary."""
    # Rule ids line up in a column as wide as the longest one shown (at least 13).
    # Lines are made as the findings come; one made while the column was still
    # narrower is made again at the end.
    rule_width = 13
    by_file: dict[str, list[tuple[tuple[int, str], int, Finding, Line]]] = {}
    for f in output.findings():
        if len(f.rule) > rule_width:
            rule_width = len(f.rule)
        entry = ((f.line or 0, f.rule), rule_width, f, _line(f, rule_width))
        findings = by_file.get(f.path)
        if findings is None:
            by_file[f.path] = [entry]
        else:
            findings.append(entry)
    result = output.result
    out = Styled()
    lines = out.lines
    for path, entries in by_file.items():
        out.add((clean(path, single_line=True), "bold underline"))
        entries.sort(key=itemgetter(0))
        lines.extend(line if width == rule_width else _line(f, rule_width) for _, width, f, line in entries)
        out.blank()
    for stale in result.unmatched:
        out.add((clean(unmatched(*stale), single_line=True), "dim"))
    out.add((summary(result), "bold"))
    return out
