"""``check --format github``: GitHub Actions workflow commands, and the Markdown of a step summary."""

from __future__ import annotations

from factcheck.check.rules import RULES, Result
from factcheck.render import markdown
from factcheck.render.check import CheckOutput, repo_relative, unmatched
from factcheck.render.check.text import summary
from factcheck.text.clean import clean


def escape_data(text: str) -> str:
    """Escape a command's message the way the Actions runner unescapes it; control characters shown as escapes."""
    return clean(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a command property (file, title): also ``:`` and ``,``, which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(output: CheckOutput) -> str:
    """One ``::error``/``::warning`` command per finding, then the count line."""
    result = output.result
    out = []
    for f in output.findings():
        props = [f"file={escape_property(repo_relative(f.path))}"]
        if f.line:
            props.append(f"line={f.line}")
        props.append(f"title={escape_property('factcheck ' + f.rule)}")
        out.append(f"::{f.severity} {','.join(props)}::{escape_data(f.message)}")
    for entry in result.unmatched:
        out.append(f"::notice::{escape_data(unmatched(*entry))}")
    out.append(summary(result))
    return "\n".join(out) + "\n"


def step_summary(result: Result) -> str:
    """A Markdown table of the findings for the job's summary page."""
    lines = ["## factcheck", "", summary(result), ""]
    if result.findings:
        lines += ["| severity | rule | where | finding |", "| --- | --- | --- | --- |"]
        for f in result.findings:
            where = f"{f.path}:{f.line}" if f.line else f.path
            cells = [f.severity, f.rule, where, f.message]
            lines.append("| " + " | ".join(markdown.escape(c) for c in cells) + " |")
    if result.unmatched:
        # The notices for these carry no file, so the run's page is where a reader meets them:
        # without this list a summary saying "no problems" hides a baseline that should shrink.
        if result.findings:
            lines.append("")
        lines.append("Baseline entries that no longer match anything (rewrite the baseline to drop them):")
        lines.append("")
        for rule, claim, url in result.unmatched:
            entry = " ".join(p for p in (rule, claim, url) if p)
            known = rule in RULES
            # Rewriting keeps an entry of a rule check does not know: it is for a person to correct or remove.
            lines.append("- " + markdown.escape(entry if known else f"{entry} (a rule check does not know)"))
    return "\n".join(lines) + "\n\n"
