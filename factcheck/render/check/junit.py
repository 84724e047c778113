"""``check --format junit``: JUnit XML with one test case per claim."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from factcheck.check.rules import RULES, Finding
from factcheck.render.check import CheckOutput, posix, unmatched
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
    The findings the baseline accepted, and its entries that match nothing, get a suite of their own
    (see ``_baseline``).
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
        shown = _x(clean(posix(path), single_line=True))
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
        suite.attrib.update(tests=str(len(cases)), failures=str(suite_failures), errors="0")
        total += len(cases)
        failures += suite_failures
    if result.accepted or result.unmatched:
        total += _baseline(root, output)
    root.attrib.update(tests=str(total), failures=str(failures), errors="0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _baseline(root: ET.Element, output: CheckOutput) -> int:
    """A suite for the baseline, with a skipped test case per finding it accepted and per entry that matches nothing.

    Skipped, because neither must fail the job, yet GitLab and Jenkins count
    skipped tests and show each with its message, where they show nothing of
    a passing test's output, nor of a suite's (or its properties): the
    suite's skipped count is then how many findings were accepted, plus the
    entries that match nothing. Returns how many test cases it holds.
    """
    result, baseline = output.result, output.baseline
    shown = _x(clean(posix(baseline or "baseline"), single_line=True))
    suite = ET.SubElement(root, "testsuite", name=shown)
    for f in result.accepted:
        case = ET.SubElement(
            suite, "testcase", classname=shown, name=_entry(*f.key), file=_x(clean(posix(f.path), single_line=True))
        )
        if f.line:
            case.set("line", str(f.line))
        reason = output.reasons.get(f.key)
        why = f"; reason: {_x(clean(reason, single_line=True))}" if reason else ""
        ET.SubElement(case, "skipped", message="accepted by the baseline").text = _line(f) + why
    for rule, claim, url in result.unmatched:
        case = ET.SubElement(suite, "testcase", classname=shown, name=_entry(rule, claim, url))
        if baseline is not None:
            case.set("file", shown)
        said = _x(clean(unmatched(rule, claim, url), single_line=True))
        # Rewriting the baseline drops an entry that matches nothing, but keeps one of a rule check does not know.
        advice = "rewrite the baseline to drop it" if rule in RULES else "correct its rule or remove it"
        ET.SubElement(case, "skipped", message=said.split(":", 1)[0]).text = f"{said}; {advice}"
    count = str(len(result.accepted) + len(result.unmatched))
    suite.attrib.update(tests=count, failures="0", errors="0", skipped=count)
    return int(count)


def _entry(rule: str, claim: str, url: str) -> str:
    """A baseline entry as a test case's name: its rule, claim and URL."""
    return _x(clean(" ".join(p for p in (rule, claim, url) if p), single_line=True))
