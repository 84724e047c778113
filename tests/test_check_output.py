"""`factcheck check`'s json and sarif output, byte for byte, as the files in tests/data/check/ hold it.

The two renderers write their rows as JSON text themselves, for speed; these
files pin what they write, so that a faster renderer is known to write the
same bytes.  The findings cover what the renderers look up once and reuse
(a file's path, a line, a rule at a severity), the characters the output
escapes, findings without a line or a claim, and baseline entries that match
nothing.  Written anew with ``FACTCHECK_UPDATE_CHECK_OUTPUT=1`` after a change
meant to alter the output.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck import __version__
from factcheck.check.rules import Checked, Finding, Result
from factcheck.model.vocab import Severity
from factcheck.render.check import CheckOutput
from factcheck.render.formats import choices, formats

DATA = Path(__file__).parent / "data" / "check"
E, W = Severity.ERROR, Severity.WARNING


def _result() -> Result:
    a, b = "claims/a.json", "claims/sub dir/b “c”.json"
    findings = [
        Finding("unsourced", E, a, 12, "bare “A claim, with 100% certainty.” has no sources", "bare"),
        Finding(
            "missing-quote",
            W,
            a,
            30,
            "two: source https://example.org/x?a=1&b=2 has no evidence quote",
            "two",
            "https://example.org/x?a=1&b=2",
        ),
        Finding(
            "dead-source",
            W,
            a,
            30,
            'two: source https://example.org/"q" is dead (HTTP 404, checked 2026-11-01)',
            "two",
            'https://example.org/"q"',
        ),
        Finding("stale", W, a, 45, "old “Old.” has not been verified since 2020-01-01 (max age 180 days)", "old"),
        # A rule at a severity other than its default (--severity unsourced-unverified=error).
        Finding("unsourced-unverified", E, a, 60, "draft “Tab\\tand \\\\ back” has no sources yet", "draft"),
        Finding("unsourced-unverified", W, b, 7, "x “Ünïcödé — ∑ 😀” has no sources yet", "x"),
        Finding("unsourced", E, b, 7, "x “\x7f\u2028\u202e\u200f shown as escapes” has no sources", "x"),
        Finding("invalid", E, "claims/broken.json", 3, "invalid JSON: Expecting ',' delimiter"),
        Finding("anchor-lost", E, "claims/\udcff-not-utf8.json", None, "the article text cannot be read"),
        Finding(
            "strong-match",
            W,
            a,
            80,
            "m may be checked already: https://fc.example/1 matches it (score 0.91)",
            "m",
            "https://fc.example/1",
        ),
    ]
    checked = [Checked(f.path, f.claim, f.line) for f in findings if f.claim]
    unmatched = [("stale", "gone", ""), ("dead-source", "two", "https://example.org/old")]
    return Result(findings, 4, checked, unmatched)


def _written(fmt: str) -> bytes:
    """What ``check --format FMT`` writes for the result: the renderer, made safe as the CLI makes it."""
    output = formats("check")[fmt](CheckOutput(_result()))
    text = output if isinstance(output, str) else "".join(output)
    # The version is the package's: the files hold a stand-in, so a release does not change them.
    return text.replace(f'"version": "{__version__}"', '"version": "VERSION"').encode("utf-8", "backslashreplace")


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_check_output_is_byte_for_byte_what_the_file_holds(fmt: str) -> None:
    assert fmt in choices("check")
    path = DATA / f"findings.{fmt}"
    written = _written(fmt)
    if os.environ.get("FACTCHECK_UPDATE_CHECK_OUTPUT") == "1":
        path.write_bytes(written)
    assert written == path.read_bytes()
