"""``check --format text``: findings grouped by file, then a count line."""

from __future__ import annotations

from factcheck import sanitize
from factcheck.check import Result

STYLES = {"error": "bold red", "warning": "yellow"}


def summary(result: Result) -> str:
    """The closing line, e.g. ``3 errors, 2 warnings in 1 file``."""
    files = f"{result.files} file" + ("" if result.files == 1 else "s")
    if not result.findings:
        return f"no problems in {files}"
    errors, warnings = result.count("error"), result.count("warning")
    parts = [f"{errors} error" + ("" if errors == 1 else "s"), f"{warnings} warning" + ("" if warnings == 1 else "s")]
    return f"{', '.join(parts)} in {files}"


def lines(result: Result) -> list[tuple[str, str | None]]:
    """The output as (text, style) pairs: a heading per file, one line per finding, notes, the summary."""
    out: list[tuple[str, str | None]] = []
    by_file: dict[str, list] = {}
    for finding in result.findings:
        by_file.setdefault(finding.path, []).append(finding)
    for path, findings in by_file.items():
        out.append((sanitize.clean(path, single_line=True), "bold underline"))
        findings.sort(key=lambda f: (f.line or 0, f.rule))
        for f in findings:
            where = f"{f.line or '-':>5}"
            out.append(
                (
                    f"{where}  {f.severity:<7}  {f.rule:<13}  {sanitize.clean(f.message, single_line=True)}",
                    STYLES[f.severity],
                )
            )
        out.append(("", None))
    for rule, claim, url in result.unmatched:
        target = claim + (f" {url}" if url else "")
        out.append(
            (f"baseline entry no longer matches anything: {rule} {sanitize.clean(target, single_line=True)}", "dim")
        )
    out.append((summary(result), "bold"))
    return out


def render(result: Result) -> str:
    """Plain text (the listing without colour)."""
    return "".join(text + "\n" for text, _ in lines(result))


def print_coloured(result: Result) -> None:
    """The listing on a terminal, coloured by severity (only the severity word and the heading)."""
    from rich.text import Text

    from factcheck.render import console

    out = console.out()
    for text, style in lines(result):
        if style is not None and style in STYLES.values():
            line = Text(text)
            start = text.index("  ") + 2 if "  " in text else 0
            line.stylize(style, start, start + 7)
            out.print(line)
        else:
            out.print(Text(text, style=style or ""))
