"""``check --format junit``: JUnit XML with one test case per claim."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from factcheck.check.rules import RULES, Finding
from factcheck.render.check import CheckOutput, unmatched
from factcheck.text.clean import clean

# Characters XML 1.0 forbids outright; clean() already shows the controls among them as escapes.
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(text: str) -> str:
    """Untrusted text for an XML document: control and bidi characters visible, what XML forbids dropped."""
    return _NOT_XML.sub("\ufffd", clean(text))


def _line(f: Finding) -> str:
    return _x(f"{f.severity} {f.rule}: {clean(f.message, single_line=True)}")


def render(output: CheckOutput) -> str:
    """A test suite per claims file; a claim fails when a finding reaches ``fail_on``.

    Findings below that severity are listed in the test case's ``system-out``.
    Findings that belong to no claim (an invalid file) get a test case of their own.
    Baseline entries that match nothing get a suite of their own (see ``_unmatched``).
    """
    found = list(output.findings())  # the run is complete after them, its checked claims too
    result, fail_on = output.result, output.fail_on
    suites: dict[str, dict[str | None, list]] = {}
    lines: dict[tuple[str, str | None], int | None] = {}
    for checked in result.checked:
        suites.setdefault(checked.path, {})[checked.claim] = []
        lines[(checked.path, checked.claim)] = checked.line
    for f in found:
        suites.setdefault(f.path, {}).setdefault(f.claim, []).append(f)
        lines.setdefault((f.path, f.claim), f.line)

    root = ET.Element("testsuites", name="factcheck")
    total = failures = 0
    for path, cases in suites.items():
        shown = _x(clean(path, single_line=True))
        suite = ET.SubElement(root, "testsuite", name=shown)
        suite_failures = 0
        for claim, findings in cases.items():
            case = ET.SubElement(suite, "testcase", classname=shown, name=_x(claim or "(file)"), file=shown)
            line = lines.get((path, claim))
            if line:
                case.set("line", str(line))
            bad = [f for f in findings if fail_on.fails(f.severity)]
            if bad:
                message = _x(clean(bad[0].message, single_line=True))
                failure = ET.SubElement(case, "failure", type=_x(bad[0].rule), message=message)
                failure.text = "\n".join(_line(f) for f in bad)
                suite_failures += 1
            rest = [f for f in findings if not fail_on.fails(f.severity)]
            if rest:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in rest)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += len(cases)
        failures += suite_failures
    if result.unmatched:
        total += _unmatched(root, result.unmatched, output.baseline)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _unmatched(root: ET.Element, entries: list[tuple[str, str, str]], baseline: str | None) -> int:
    """A suite for the baseline, with a skipped test case per entry that matches nothing; how many.

    Skipped, because such an entry must not fail the job, yet GitLab and
    Jenkins show a skipped test with its message, where they show nothing of
    a passing test's output, nor of a suite's.
    """
    shown = _x(clean(baseline or "baseline", single_line=True))
    suite = ET.SubElement(root, "testsuite", name=shown)
    for rule, claim, url in entries:
        entry = _x(clean(" ".join(p for p in (rule, claim, url) if p), single_line=True))
        case = ET.SubElement(suite, "testcase", classname=shown, name=entry)
        if baseline is not None:
            case.set("file", shown)
        said = _x(clean(unmatched(rule, claim, url), single_line=True))
        # Rewriting the baseline drops an entry that matches nothing, but keeps one of a rule check does not know.
        advice = "rewrite the baseline to drop it" if rule in RULES else "correct its rule or remove it"
        ET.SubElement(case, "skipped", message=said.split(":", 1)[0]).text = f"{said}; {advice}"
    count = str(len(entries))
    for name, value in (("tests", count), ("failures", "0"), ("errors", "0"), ("skipped", count)):
        suite.set(name, value)
    return len(entries)
