"""``check --format json``: the findings as a stable, documented JSON document."""

from __future__ import annotations

from json.encoder import encode_basestring  # type: ignore[attr-defined]

from factcheck import __version__
from factcheck.check.rules import RULES
from factcheck.model.vocab import Severity
from factcheck.render import jsonrows
from factcheck.render.check import CheckOutput

VERSION = 1


def render(output: CheckOutput) -> str:
    """``{"version", "tool", "files", "counts", "findings", "unmatched_baseline"}``; see docs/reference/check.md.

    Each finding is ``{"rule", "severity", "file", "line", "claim", "url", "message"}``, one per
    line, put together here: a flat row of strings and numbers needs only json's string quoting.
    The document comes whole: see ``sarif.render``.
    """
    result = output.result
    q = encode_basestring
    # Rule ids, severities and file names repeat from finding to finding: each is quoted once.
    quoted = {s: q(s) for s in (*RULES, *Severity)}
    counts = dict.fromkeys((Severity.ERROR, Severity.WARNING), 0)
    findings = []
    for f in output.findings():
        path = quoted.get(f.path)
        if path is None:
            path = quoted[f.path] = q(f.path)
        if f.severity in counts:
            counts[f.severity] += 1
        findings.append(
            f'{{"rule": {quoted.get(f.rule) or q(f.rule)}, "severity": {quoted[f.severity]}, "file": {path}, '
            f'"line": {"null" if f.line is None else f.line}, "claim": {"null" if f.claim is None else q(f.claim)}, '
            f'"url": {"null" if f.url is None else q(f.url)}, "message": {q(f.message)}}}'
        )
    document = {
        "version": VERSION,
        "tool": {"name": "factcheck", "version": __version__},
        "files": result.files,
        "counts": {
            "error": counts[Severity.ERROR],
            "warning": counts[Severity.WARNING],
            "accepted": len(result.accepted),
        },
        "findings": None,
        "unmatched_baseline": [{"rule": r, "claim": c, "url": u or None} for r, c, u in result.unmatched],
    }
    return "".join(jsonrows.pieces(document, "findings", findings))
