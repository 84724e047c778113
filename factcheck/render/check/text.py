"""``check --format text``: findings grouped by file, then a count line."""

from __future__ import annotations

from factcheck.check.rules import Result
from factcheck.model.vocab import Severity
from factcheck.render import theme
from factcheck.render.check import CheckOutput
from factcheck.render.styled import Line, Styled
from factcheck.text.clean import clean


def summary(result: Result) -> str:
    """The closing line, e.g. ``3 errors, 2 warnings in 1 file``."""
    files = f"{result.files} file" + ("" if result.files == 1 else "s")
    if not result.findings:
        return f"no problems in {files}"
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    parts = [f"{errors} error" + ("" if errors == 1 else "s"), f"{warnings} warning" + ("" if warnings == 1 else "s")]
    return f"{', '.join(parts)} in {files}"


def render(output: CheckOutput) -> Styled:
    """A heading per file, one line per finding (its severity coloured), notes, the summary."""
    result = output.result
    out = Styled()
    by_file: dict[str, list] = {}
    for finding in result.findings:
        by_file.setdefault(finding.path, []).append(finding)
    lines = out.lines
    # Rule ids line up in a column as wide as the longest one shown (at least 13).
    rule_width = max((len(f.rule) for f in result.findings), default=0)
    rule_width = max(rule_width, 13)
    for path, findings in by_file.items():
        out.add((clean(path, single_line=True), "bold underline"))
        findings.sort(key=lambda f: (f.line or 0, f.rule))
        for f in findings:
            where = f"{f.line or '-':>5}"
            text = f"{where}  {f.severity:<7}  {f.rule:<{rule_width}}  {clean(f.message, single_line=True)}"
            lines.append(Line(text, ((7, 7 + len(f.severity), theme.SEVERITY[f.severity]),)))
        out.blank()
    for rule, claim, url in result.unmatched:
        target = claim + (f" {url}" if url else "")
        out.add((f"baseline entry no longer matches anything: {rule} {clean(target, single_line=True)}", "dim"))
    out.add((summary(result), "bold"))
    return out
