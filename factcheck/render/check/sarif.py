"""``check --format sarif``: SARIF 2.1.0, as GitHub code scanning reads it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any
from urllib.parse import quote

from factcheck import __version__
from factcheck.check.rules import RULES, Finding
from factcheck.model.vocab import Severity
from factcheck.render import jsonrows
from factcheck.render.check import CheckOutput, repo_relative, unmatched

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning"}


@cache
def _uri(path: str) -> str:
    # A file name that is not UTF-8 (held as surrogates) is percent-encoded as the bytes it is.
    return quote(path, errors="surrogateescape")


def render(output: CheckOutput) -> str:
    """One run: the tool with every rule and its help, and one result per finding; the whole document.

    A finding the baseline accepted is a result too, with a suppression of
    kind ``external`` (the baseline is a file of its own): code scanning
    shows it as dismissed, with the entry's reason.

    The results are made as the run finds them, and the document is put
    together once they are all in.  It comes whole, not in pieces: a run
    holds every finding in memory anyway, and streamed output would be held
    back (beyond 8 MiB in a temporary file, see ``cli.output``) until
    complete, which costs more than making one string.
    """
    rule_ids = list(RULES)
    rules = [
        {
            "id": rule.id,
            "name": "".join(part.capitalize() for part in rule.id.split("-")),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.help},
            "help": {"text": rule.help},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
        }
        for rule in RULES.values()
    ]
    # Results are written as JSON text directly (see jsonrows): a big folder
    # has tens of thousands, and nested dicts cost more to build and encode.
    q = encode_basestring
    # What a result says before its message depends only on its rule and level, and its
    # location, up to the line, only on its file: each is written once.
    heads: dict[tuple[str, Severity], str] = {}
    files: dict[str, str] = {}
    document: dict[str, Any] = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "factcheck", "version": __version__, "rules": rules}},
                "results": None,
            }
        ],
    }

    def results(found: Iterable[Finding], accepted: bool = False) -> Iterator[str]:
        for f in found:
            rule, severity, path, line = f.rule, f.severity, f.path, f.line
            head = heads.get((rule, severity))
            if head is None:
                head = heads[(rule, severity)] = (
                    f'{{"ruleId": {q(rule)}, "ruleIndex": {rule_ids.index(rule)}, "level": {q(LEVELS[severity])}, '
                    '"message": {"text": '
                )
            where = files.get(path)
            if where is None:
                where = files[path] = (
                    f'[{{"physicalLocation": {{"artifactLocation": {{"uri": {q(_uri(repo_relative(path)))}, "uriBaseId": "%SRCROOT%"}}'
                )
            region = f', "region": {{"startLine": {line}}}}}}}]' if line else "}}]"
            # The fingerprint is the finding's baseline key (see Finding.key), joined by "|".
            key = f"{rule}|{f.claim or path}|{f.url or ''}"
            suppressed = ""
            if accepted:  # kept in a file beside the claims: SARIF's "external" suppression, with the entry's reason
                reason = output.reasons.get(f.key)
                why = f', "justification": {q(reason)}' if reason else ""
                suppressed = f', "suppressions": [{{"kind": "external", "status": "accepted"{why}}}]'
            yield (
                f'{head}{q(f.message)}}}, "locations": {where}{region}, '
                f'"partialFingerprints": {{"factcheckFinding/v1": {q(key)}}}{suppressed}}}'
            )

    rows = list(results(output.findings()))
    rows += results(output.result.accepted, accepted=True)  # known once every finding is in
    stale = output.result.unmatched  # known once every finding is in
    if stale:
        # A baseline entry that matches nothing is about no file, so it is no result: SARIF's place
        # for what a run has to say about itself is its invocation's notifications.
        document["runs"][0]["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {
                        "level": "note",
                        "descriptor": {"id": "baseline-unmatched"},
                        "message": {"text": unmatched(*entry)},
                    }
                    for entry in stale
                ],
            }
        ]
    return "".join(jsonrows.pieces(document, "results", rows, ("runs", 0)))
