"""`factcheck check`: rules, locations, formats, exit codes, configuration, baselines."""

from __future__ import annotations

import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import msgspec
import pytest

from factcheck.check.rules import Finding, Result
from factcheck.model.vocab import Severity
from factcheck.render.check import CheckOutput
from factcheck.render.check import github as check_github
from factcheck.render.formats import choices, formats
from factcheck.store.folder import read
from factcheck.text import anchor

from conftest import REPO, init_repo, make_claim, make_source, write_claims

SARIF_SCHEMA = REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
# The shape of JUnit XML that Jenkins and GitLab read (see the file); small, so it ships with the tests.
JUNIT_SCHEMA = Path(__file__).parent / "data" / "junit.xsd"
TODAY = "2026-11-27T10:00:00Z"


def _line(path: Path, claim_id: str) -> int:
    return path.read_text().splitlines().index(f'      "id": "{claim_id}",') + 1


def _event(at: str = TODAY, to: str = "verified") -> dict:
    return {"at": at, "from": "unverified", "to": to, "by": "ana", "why": None}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Claims that trip every rule but invalid, duplicate-id, anchor-lost and the review ones, and one clean claim."""
    folder = tmp_path / "claims"
    write_claims(
        folder,
        "mixed",
        [
            make_claim(
                "clean",
                "A clean claim.",
                "verified",
                sources=[make_source("https://example.org/a", "quote")],
                history=[_event()],
            ),
            make_claim("bare", "An unsourced claim, with 100% certainty.", "verified", history=[_event()]),
            make_claim("draft", "A claim nobody has sourced yet.", history=[_event(to="unverified")]),
            make_claim("feeling", "An opinion.", "opinion"),
            make_claim(
                "no-quote",
                "A claim citing no quote.",
                "verified",
                sources=[make_source("https://example.org/b")],
                history=[_event()],
            ),
            make_claim(
                "gone",
                "A claim with a dead source.",
                "verified",
                sources=[
                    make_source(
                        "https://example.org/c",
                        "quote",
                        last_check={"at": "2026-11-01T00:00:00Z", "outcome": "dead", "http_status": 404},
                    )
                ],
                history=[_event()],
            ),
            make_claim(
                "old",
                "An old claim.",
                "verified",
                sources=[make_source("https://example.org/d", "q")],
                history=[_event("2020-01-01T00:00:00Z")],
            ),
            make_claim(
                "nothing-found",
                "Nothing found.",
                "unsupported",
                sources=[make_source("https://example.org/e", "q", stance="context")],
                history=[_event()],
            ),
        ],
    )
    return folder


def _json(run, folder: Path, *args: str) -> tuple[int, dict]:
    result = run("--claims", str(folder), "check", "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def test_every_rule_and_its_line(run, folder: Path) -> None:
    code, document = _json(run, folder)
    assert code == 1
    path = folder / "mixed.json"
    found = {(f["rule"], f["claim"], f["line"], f["severity"]) for f in document["findings"]}
    assert found == {
        ("unsourced", "bare", _line(path, "bare"), "error"),
        ("unsourced-unverified", "draft", _line(path, "draft"), "warning"),
        ("missing-quote", "no-quote", _line(path, "no-quote"), "warning"),
        ("dead-source", "gone", _line(path, "gone"), "warning"),
        ("stale", "old", _line(path, "old"), "warning"),
        ("unsupported", "nothing-found", _line(path, "nothing-found"), "warning"),
    }
    unsourced = next(f for f in document["findings"] if f["rule"] == "unsourced")
    assert unsourced["message"] == "bare “An unsourced claim, with 100% certainty.” has no sources"
    assert unsourced["file"] == str(path)
    draft = next(f for f in document["findings"] if f["rule"] == "unsourced-unverified")
    assert draft["message"] == "draft “A claim nobody has sourced yet.” has no sources yet"
    assert document["counts"] == {"error": 1, "warning": 5, "accepted": 0} and document["files"] == 1


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("One line, said as it is.", "One line, said as it is."),
        ("  Spaced\tout\n\nacross   lines. ", "Spaced out across lines."),
        ("A\u00a0no-break space and a\u2028line separator.", "A no-break space and a line separator."),
        ("word " * 20, "word " * 11 + "word…"),
        ("x" * 59 + "  " + "y" * 10, "x" * 59 + "…"),
        # cut after the last whole word, never inside one, and without a comma before the ellipsis
        (
            "The bridge across the harbour reopened on Tuesday, after a repair costing $310 million.",
            "The bridge across the harbour reopened on Tuesday, after a…",
        ),
        ("The harbour bridge across the bay reopened, " + "x" * 40, "The harbour bridge across the bay reopened…"),
        ("y" * 80, "y" * 59 + "…"),
    ],
)
def test_a_message_names_the_claim_by_its_folded_and_shortened_text(run, tmp_path: Path, text: str, said: str) -> None:
    write_claims(tmp_path, "one", [make_claim("c", text, "verified", history=[_event()])])
    _, document = _json(run, tmp_path)
    assert [f["message"] for f in document["findings"]] == [f"c “{said}” has no sources"]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("unverified", ("unsourced-unverified", "warning")),
        ("verified", ("unsourced", "error")),
        ("mixed", ("unsourced", "error")),
        ("misleading", ("unsourced", "error")),
        ("false", ("unsourced", "error")),
        ("unsupported", ("unsourced", "error")),
        ("opinion", None),
    ],
)
def test_a_claim_without_sources_by_status(run, tmp_path: Path, status: str, expected: tuple | None) -> None:
    """A verdict must rest on a source; an unverified claim without one is work in progress."""
    folder = tmp_path / "claims"
    write_claims(folder, "one", [make_claim("c", "A claim.", status)])
    code, document = _json(run, folder, "--select", "unsourced,unsourced-unverified")
    found = [(f["rule"], f["severity"]) for f in document["findings"]]
    assert found == ([expected] if expected else [])
    assert code == (1 if expected and expected[1] == "error" else 0)


def test_dead_source_message_and_url(run, folder: Path) -> None:
    _, document = _json(run, folder, "--select", "dead-source")
    [finding] = document["findings"]
    assert finding["url"] == "https://example.org/c"
    assert (
        finding["message"]
        == "gone “A claim with a dead source.”: source https://example.org/c is dead (HTTP 404, checked 2026-11-01)"
    )


def test_a_failing_or_blocked_source_is_not_called_dead(run, tmp_path: Path) -> None:
    # One bad run makes a source failing; it is dead only after several. A blocked site refuses robots.
    def source(name: str, outcome: str, status: int) -> dict:
        check = {"at": TODAY, "outcome": outcome, "http_status": status, "failures": 1}
        return make_source(f"https://example.org/{name}", "quote", last_check=check)

    sources = [source("down", "failing", 503), source("robots", "blocked", 403), source("gone", "dead", 404)]
    write_claims(tmp_path / "claims", "one", [make_claim("c", "A claim.", "verified", sources=sources)])
    _, document = _json(run, tmp_path / "claims", "--select", "dead-source")
    assert [f["message"].split(": ", 1)[1] for f in document["findings"]] == [
        f"source https://example.org/down is failing, not dead yet (HTTP 503, checked {TODAY[:10]})",
        f"source https://example.org/robots is blocked: the site refuses robots (HTTP 403, checked {TODAY[:10]})",
        f"source https://example.org/gone is dead (HTTP 404, checked {TODAY[:10]})",
    ]


def test_max_age(run, folder: Path) -> None:
    _, document = _json(run, folder, "--select", "stale", "--max-age", "100000")
    assert document["findings"] == []
    _, document = _json(run, folder, "--select", "stale", "--max-age", "0")
    # Nothing was looked at after midnight today except... nothing: every sourced, factual claim is stale.
    assert {f["claim"] for f in document["findings"]} >= {"old"}


def test_stale_goes_by_the_latest_source_check_or_event(run, tmp_path: Path) -> None:
    old, older, recent = "2000-06-01T00:00:00Z", "2000-01-01T00:00:00Z", "2026-11-01T00:00:00Z"

    def sourced(claim_id: str, checked: str | None, events: list[str]) -> dict:
        check = {"at": checked, "outcome": "supported", "http_status": 200} if checked else None
        source = make_source(f"https://example.org/{claim_id}", "quote", last_check=check)
        return make_claim(
            claim_id, f"Claim {claim_id}.", "verified", sources=[source], history=[_event(at) for at in events]
        )

    folder = tmp_path / "claims"
    write_claims(
        folder,
        "ages",
        [
            sourced("event-since", older, [recent]),
            sourced("checked-since", recent, [older]),
            sourced("both-old", older, [older, old]),
            sourced("checked-last", old, [older]),
            sourced("never", None, []),
        ],
    )
    _, document = _json(run, folder, "--select", "stale", "--max-age", "3650")
    assert [(f["claim"], f["message"].split("” ")[1]) for f in document["findings"]] == [
        ("both-old", "has not been verified since 2000-06-01 (max age 3650 days)"),
        ("checked-last", "has not been verified since 2000-06-01 (max age 3650 days)"),
        ("never", "has not been verified ever (max age 3650 days)"),
    ]


def test_paths_are_relative_to_the_current_folder(run, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder.parent)
    _, document = _json(run, folder.parent / "claims")
    assert {f["file"] for f in document["findings"]} == {"claims/mixed.json"}


def test_invalid_files_are_findings_and_the_rest_is_checked(run, folder: Path) -> None:
    (folder / "broken.json").write_text('{\n  "schema_version": 1,\n  oops\n}\n')
    write_claims(folder, "wrong", [make_claim("w1", "Text.", "maybe")])
    code, document = _json(run, folder, "--select", "invalid,unsourced")
    assert code == 1
    invalid = [(Path(f["file"]).name, f["line"], f["message"]) for f in document["findings"] if f["rule"] == "invalid"]
    assert invalid == [
        ("broken.json", 3, "invalid JSON: Expecting property name enclosed in double quotes"),
        (
            "wrong.json",
            10,
            "claim 'w1': status: 'maybe' is not one of unverified, verified, mixed, misleading, false, unsupported, opinion",
        ),
    ]
    assert any(f["rule"] == "unsourced" for f in document["findings"])


@pytest.mark.parametrize("subfolder", ["", "2024/desk"], ids=["same folder", "a subfolder"])
def test_duplicate_ids(run, folder: Path, subfolder: str) -> None:
    other = write_claims(folder / subfolder, "other", [make_claim("bare", "Same id.", "opinion")])
    _, document = _json(run, folder, "--select", "duplicate-id")
    [finding] = document["findings"]
    assert (finding["file"], finding["line"], finding["claim"]) == (str(other), _line(other, "bare"), "bare")
    first = f"{folder / 'mixed.json'}:{_line(folder / 'mixed.json', 'bare')}"
    repair = f"give one a new id: factcheck --claims {other} rename bare NEW_ID"
    assert finding["message"] == f"claim id 'bare' is also used at {first}; {repair}"
    # The commands that take an id refuse to pick one of the two, and write nothing.
    before = {p: p.read_bytes() for p in folder.rglob("*.json")}
    for args in (["show", "bare"], ["set", "bare", "--status", "false", "--by", "tess"], ["history", "bare"]):
        result = run("--claims", str(folder), *args)
        assert (result.exit_code, result.stdout) == (2, ""), args
        assert result.stderr == (
            f"factcheck: error: {other}:{_line(other, 'bare')}: claim id 'bare' is used twice (also at {first});"
            f" ids must be unique: {repair}\n"
        )
    assert {p: p.read_bytes() for p in folder.rglob("*.json")} == before
    # What the message says to run repairs the folder.
    assert run("--claims", str(other), "rename", "bare", "bare-again", "--by", "tess").exit_code == 0
    assert run("--claims", str(folder), "show", "bare-again").exit_code == 0


def test_a_claim_also_set_aside_in_its_file_says_which_entry_to_delete(run, tmp_path: Path) -> None:
    # Retired on one branch, given a verdict on the other, and one side's conflict block kept.
    path = write_claims(tmp_path, "a", [make_claim("x", "First.", "opinion")])
    aside = {"kind": "retired", "at": TODAY, "by": "ana", "claim": make_claim("x", "First.")}
    path.write_text(json.dumps({**json.loads(path.read_text()), "set_aside": [aside]}, indent=2) + "\n")
    lines = path.read_text().splitlines()
    second = lines.index('        "id": "x",') + 1
    repair = (
        f"it is both a claim and set aside in {path}: delete one of the two by hand, "
        "the set-aside entry to keep the claim or the claim to keep it set aside"
    )
    result = run("--claims", str(tmp_path), "show", "x")
    assert (result.exit_code, result.stderr) == (
        2,
        f"factcheck: error: {path}:{second}: claim id 'x' is used twice (also at {path}:{_line(path, 'x')});"
        f" ids must be unique: {repair}\n",
    )
    [finding] = _json(run, tmp_path, "--select", "duplicate-id")[1]["findings"]
    assert finding["message"] == f"claim id 'x' is also used at {path}:{_line(path, 'x')}; {repair}"


def test_anchor_lost_after_the_article_changed(run, tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    folder.mkdir()
    text = "The dam opened in 1990. It cost $2 billion. Locals love it.\n"
    (folder / "dam.txt").write_text(text)
    claims = [
        make_claim(
            cid,
            exact,
            "opinion",
            anchor=msgspec.to_builtins(anchor.make(text, text.index(exact), text.index(exact) + len(exact))),
        )
        for cid, exact in (("opened", "The dam opened in 1990."), ("cost", "It cost $2 billion."))
    ]
    path = write_claims(folder, "dam", claims, article={"title": "Dam", "path": "dam.txt"})
    assert _json(run, folder, "--select", "anchor-lost")[1]["findings"] == []
    # An edit before the claims moves them: still found. Deleting a sentence loses it.
    (folder / "dam.txt").write_text("Update: new figures. The dam opened in 1990. Locals love it.\n")
    _, document = _json(run, folder, "--select", "anchor-lost")
    assert [(f["claim"], f["line"], f["severity"]) for f in document["findings"]] == [
        ("cost", _line(path, "cost"), "error")
    ]
    # The message says what a person does next: re-attach the claim, or set it aside when the edit cut it.
    assert document["findings"][0]["message"].endswith(
        "can no longer be found in the article: factcheck anchor cost TEXT re-attaches it, "
        "factcheck retire cost --note WHY sets it aside if cut"
    )
    (folder / "dam.txt").unlink()
    _, document = _json(run, folder, "--select", "anchor-lost")
    [finding] = document["findings"]
    assert "the article text" in finding["message"] and "cannot be read" in finding["message"]


def test_a_claim_whose_words_another_claim_holds_is_not_sent_back_to_extract(run, tmp_path: Path) -> None:
    """The article cuts a sentence and keeps one much like it: extract leaves the cut one lost, rather than give
    it the other claim's words, so check's advice is to anchor or retire it, not to extract again."""
    folder = tmp_path / "claims"
    folder.mkdir()
    cut = "Toll revenue was $28 million in 2025, the council said.\n\n"
    text = f"Toll report\n\n{cut}Toll revenue was $42 million in 2026, the council said.\n"
    (folder / "tolls.txt").write_text(text)
    assert run("extract", str(folder / "tolls.txt"), "--into", str(folder / "tolls.json")).exit_code == 0
    [cid] = [c.id for c in read(folder / "tolls.json").claims if "$28 million" in c.text]
    (folder / "tolls.txt").write_text(text.replace(cut, ""))
    extracted = run("extract", str(folder / "tolls.txt"), "--into", str(folder / "tolls.json"))
    assert f"1 no longer anchored ({cid})" in extracted.stderr
    _, document = _json(run, folder, "--select", "anchor-lost")
    [finding] = document["findings"]
    assert finding["claim"] == cid
    assert finding["message"].endswith(
        f"can no longer be found in the article: factcheck anchor {cid} TEXT re-attaches it, "
        f"factcheck retire {cid} --note WHY sets it aside if cut"
    )


def test_anchor_lost_when_the_article_rewords_a_claim(run, tmp_path: Path) -> None:
    """A figure corrected in the article (on another branch, say) leaves the claim's words behind: check says so
    before anyone extracts again, and extract then re-anchors the claim and flags its verdict for review."""
    folder = tmp_path / "claims"
    folder.mkdir()
    exact = "The repair replaced 212 steel cables and resurfaced 1.6 kilometres of deck."
    text = f"The bridge reopened on Monday. {exact} Traffic is back.\n"
    (folder / "bridge.txt").write_text(text)
    where = msgspec.to_builtins(anchor.make(text, text.index(exact), text.index(exact) + len(exact)))
    write_claims(
        folder,
        "bridge",
        [
            make_claim(
                "cables",
                exact,
                "verified",
                anchor=where,
                sources=[make_source("https://roads.example.org")],
                history=[_event()],
            )
        ],
        article={"title": "Bridge", "path": "bridge.txt"},
    )
    (folder / "bridge.txt").write_text("Update: the bridge reopened on Monday. " + text.replace("212", "214")[31:])
    code, document = _json(run, folder, "--select", "anchor-lost")
    [finding] = document["findings"]
    assert (code, finding["claim"]) == (1, "cables")
    assert "the article words it otherwise now" in finding["message"], finding["message"]
    extracted = run("extract", str(folder / "bridge.txt"), "--into", str(folder / "bridge.json"))
    assert extracted.exit_code == 0, extracted.output
    _, document = _json(run, folder, "--select", "anchor-lost,needs-review")
    assert [(f["rule"], f["claim"]) for f in document["findings"]] == [("needs-review", "cables")]


def test_the_severity_of_anchor_lost_can_be_set(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A configured severity applies to every anchor-lost finding, the unreadable article's too."""
    folder = tmp_path / "claims"
    write_claims(
        folder, "dam", [make_claim("gone", "Not in the text.", "opinion")], article={"title": "D", "path": "dam.txt"}
    )
    (folder / "dam.txt").write_text("Something else entirely.\n")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "setup.cfg").write_text("[factcheck]\nseverity.anchor-lost = warning\n")
    code, document = _json(run, folder, "--select", "anchor-lost")
    assert [f["severity"] for f in document["findings"]] == ["warning"] and code == 0
    (folder / "dam.txt").unlink()
    code, document = _json(run, folder, "--select", "anchor-lost")
    assert [f["severity"] for f in document["findings"]] == ["warning"] and code == 0
    (tmp_path / "setup.cfg").write_text("[factcheck]\nseverity.anchor-lost = off\n")
    assert _json(run, folder)[1]["findings"] == []


def test_exit_codes_and_fail_on(run, folder: Path) -> None:
    base = ("--claims", str(folder), "check")
    assert run(*base).exit_code == 1
    assert run(*base, "--ignore", "unsourced").exit_code == 0
    assert run(*base, "--ignore", "unsourced", "--fail-on", "warning").exit_code == 1
    assert run(*base, "--fail-on", "never").exit_code == 0
    result = run(*base, "--select", "nonsense")
    assert result.exit_code == 2 and "unknown rule nonsense" in result.stderr


def test_clean_folder(run, tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    write_claims(folder, "ok", [make_claim("fine", "Fine.", "opinion")])
    result = run("--claims", str(folder), "check")
    assert (result.exit_code, result.stdout) == (0, "no problems in 1 file\n")


def test_text_format(run, folder: Path) -> None:
    result = run("--claims", str(folder), "check", "--select", "unsourced,stale")
    path = folder / "mixed.json"
    assert result.stdout.splitlines() == [
        str(path),
        f"{_line(path, 'bare'):>5}  error    unsourced      bare “An unsourced claim, with 100% certainty.” has no sources",
        f"{_line(path, 'old'):>5}  warning  stale          old “An old claim.” has not been verified since 2020-01-01 (max age 180 days)",
        "",
        "1 error, 1 warning in 1 file",
    ]


@pytest.mark.parametrize("fmt", choices("check"))
def test_every_format_reports_each_unsourced_claim_at_its_line(run, folder: Path, fmt: str) -> None:
    write_claims(folder, "second", [make_claim("also-bare", "Also unsourced.", "false")])
    result = run("--claims", str(folder), "check", "--format", fmt, "--select", "unsourced")
    assert result.exit_code == 1
    out = result.stdout
    for path, claim in ((folder / "mixed.json", "bare"), (folder / "second.json", "also-bare")):
        line = _line(path, claim)
        if fmt == "text":
            assert f"{line:>5}  error    unsourced      {claim} " in out
        elif fmt == "github":
            assert (
                f"::error file={check_github.escape_property(str(path))},line={line},title=factcheck unsourced::{claim} "
                in out
            )
        elif fmt == "json":
            assert any(
                f["claim"] == claim and f["line"] == line and f["file"] == str(path)
                for f in json.loads(out)["findings"]
            )
        elif fmt == "sarif":
            results = json.loads(out)["runs"][0]["results"]
            assert any(
                r["ruleId"] == "unsourced"
                and r["locations"][0]["physicalLocation"]["region"]["startLine"] == line
                and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == path.as_posix()
                and r["message"]["text"].startswith(claim + " ")
                for r in results
            )
        elif fmt == "junit":
            case = ET.fromstring(out).find(f".//testcase[@name='{claim}']")
            assert case is not None and case.get("line") == str(line) and case.get("file") == str(path)
            assert case.find("failure").get("type") == "unsourced"


def test_sarif_validates_against_the_official_schema(run, folder: Path) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not at {SARIF_SCHEMA} (it lives in the shared folder beside the repository)")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    document = json.loads(run("--claims", str(folder), "check", "--format", "sarif").stdout)
    jsonschema.validate(document, schema)
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [
        "unsourced",
        "unsourced-unverified",
        "missing-quote",
        "dead-source",
        "stale",
        "unsupported",
        "needs-review",
        "strong-match",
        "changed-source",
        "anchor-lost",
        "invalid",
        "duplicate-id",
    ]
    assert all(r["help"]["text"] for r in rules)
    levels = {r["ruleId"]: r["level"] for r in document["runs"][0]["results"]}
    assert levels["unsourced"] == "error" and levels["unsourced-unverified"] == "warning"
    assert levels["stale"] == "warning"


def _valid_junit(out: str) -> ET.Element:
    """The JUnit document, once it validates against the schema CI systems read."""
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(JUNIT_SCHEMA))
    document = etree.fromstring(out.encode("utf-8"))
    assert schema.validate(document), schema.error_log
    return ET.fromstring(out)


def test_junit_has_one_test_case_per_claim(run, folder: Path) -> None:
    out = run("--claims", str(folder), "check", "--format", "junit").stdout
    root = _valid_junit(out)
    cases = root.findall(".//testcase")
    assert [c.get("name") for c in cases] == [
        "clean",
        "bare",
        "draft",
        "feeling",
        "no-quote",
        "gone",
        "old",
        "nothing-found",
    ]
    assert root.get("tests") == "8" and root.get("failures") == "1"
    assert [c.get("name") for c in cases if c.find("failure") is not None] == ["bare"]
    old = next(c for c in cases if c.get("name") == "old")
    assert "warning stale" in old.find("system-out").text


def test_github_commands_cannot_be_forged(run, tmp_path: Path) -> None:
    folder = tmp_path / "odd, name: x"
    hostile = "Ends here\n::error file=evil.json,line=1::forged 100%\r"
    write_claims(folder, "c", [make_claim("h", hostile)])
    out = run("--claims", str(folder), "check", "--format", "github").stdout
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len(commands) == 1
    assert "odd%2C name%3A x" in commands[0]
    assert "%0A::error file=evil.json" not in out  # folded to one line before it reaches the runner
    assert check_github.escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert check_github.escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_step_summary(run, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write_claims(folder, "evil", [make_claim("x", "<script>alert(1)</script> | pipe", "misleading")])
    run("--claims", str(folder), "check", "--format", "github", "--select", "unsourced")
    text = summary.read_text()
    assert text.startswith("earlier step\n## factcheck\n\n2 errors, 0 warnings in 2 files\n")
    assert "| error | unsourced |" in text
    assert "\\<script\\>alert(1)\\</script\\>" in text and "<script>" not in text and "\\| pipe" in text


def test_configuration_in_setup_cfg(run, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder.parent)
    (folder.parent / "setup.cfg").write_text(
        "[metadata]\nname = x\n\n[factcheck]\nclaims = claims\nfail-on = never\nmax-age = 100000\nseverity.unsourced = warning\nseverity.unsupported = off\n"
    )
    result = run("check", "--format", "json")
    document = json.loads(result.stdout)
    assert result.exit_code == 0
    rules = {f["rule"]: f["severity"] for f in document["findings"]}
    assert rules["unsourced"] == "warning" and "unsupported" not in rules and "stale" not in rules
    # The command line wins.
    assert run("check", "--fail-on", "warning").exit_code == 1
    assert "stale" in {
        f["rule"] for f in json.loads(run("check", "--format", "json", "--max-age", "1").stdout)["findings"]
    }


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("colour = red", "setup.cfg:3: [factcheck] colour: unknown key"),
        (
            "fail-on = sometimes",
            "setup.cfg:3: [factcheck] fail-on: 'sometimes' is not one of 'error', 'warning', 'never'",
        ),
        ("severity.unsorced = off", "setup.cfg:3: [factcheck] severity.unsorced: unknown rule 'unsorced'"),
        ("severity.stale = loud", "setup.cfg:3: [factcheck] severity.stale: 'loud' is not one of error, warning, off"),
        ("max-age = soon", "setup.cfg:3: [factcheck] max-age: 'soon' is not a whole number"),
        ("max-age = 99999999999999999999", "setup.cfg:3: [factcheck] max-age: '99999999999999999999' is not a whole"),
        ("timeout = nan", "setup.cfg:3: [factcheck] timeout: 'nan' is not a finite number"),
    ],
)
def test_bad_configuration(run, folder: Path, monkeypatch: pytest.MonkeyPatch, setting: str, message: str) -> None:
    monkeypatch.chdir(folder.parent)
    (folder.parent / "setup.cfg").write_text(f"[factcheck]\nclaims = claims\n{setting}\n")
    result = run("check")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"factcheck: error: {message}")
    assert len(result.stderr.splitlines()) == 1


def test_one_finding_written_to_a_baseline_is_counted_in_the_singular(run, tmp_path: Path) -> None:
    from conftest import make_claim, write_claims

    claims = tmp_path / "claims"
    write_claims(claims, "one", [make_claim("lone", "The bridge cost $2.4 billion", "verified")])
    baseline = tmp_path / "baseline.json"
    result = run("--claims", str(claims), "check", "--write-baseline", str(baseline))
    assert result.exit_code == 0 and result.stderr == f"wrote 1 finding to {baseline}\n"
    assert len(json.loads(baseline.read_text())["findings"]) == 1


def test_baseline(run, folder: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    result = run("--claims", str(folder), "check", "--write-baseline", str(baseline), "--fail-on", "warning")
    assert result.exit_code == 0 and result.stderr == f"wrote 6 findings to {baseline}\n"
    entries = json.loads(baseline.read_text())["findings"]
    assert {"rule": "dead-source", "claim": "gone", "url": "https://example.org/c", "reason": None} in entries
    assert run("--claims", str(folder), "check", "--baseline", str(baseline), "--fail-on", "warning").exit_code == 0

    # Lines move when another claim is inserted above: the baseline still matches.
    path = folder / "mixed.json"
    document = json.loads(path.read_text())
    document["claims"].insert(0, make_claim("new-bare", "A new unsourced claim.", "false"))
    document["claims"] = [c for c in document["claims"] if c["id"] != "old"]
    path.write_text(json.dumps(document, indent=2) + "\n")
    result = run("--claims", str(folder), "check", "--baseline", str(baseline), "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [(f["rule"], f["claim"]) for f in report["findings"]] == [("unsourced", "new-bare")]
    assert report["unmatched_baseline"] == [{"rule": "stale", "claim": "old", "url": None}]
    text = run("--claims", str(folder), "check", "--baseline", str(baseline)).stdout
    assert "baseline entry no longer matches anything: stale old" in text


def _unsourced_accepted(run, folder: Path, tmp_path: Path, reason: str) -> Path:
    """A baseline of the one unsourced finding, with the reason a person gave for accepting it."""
    baseline = tmp_path / "baseline.json"
    run("--claims", str(folder), "check", "--write-baseline", str(baseline), "--select", "unsourced")
    document = json.loads(baseline.read_text())
    document["findings"][0]["reason"] = reason
    baseline.write_text(json.dumps(document))
    return baseline


def test_every_summary_says_how_many_findings_the_baseline_accepted(run, folder: Path, tmp_path: Path) -> None:
    baseline = _unsourced_accepted(run, folder, tmp_path, "no source exists")

    def check(fmt: str) -> str:
        result = run("--claims", str(folder), "check", "--baseline", str(baseline), "--format", fmt)
        assert result.exit_code == 0, result.output  # the one error is accepted
        return result.stdout

    said = "0 errors, 5 warnings in 1 file; 1 finding accepted by the baseline"
    assert check("text").splitlines()[-1] == said
    assert check("github").splitlines()[-1] == said
    report = json.loads(check("json"))
    assert report["counts"] == {"error": 0, "warning": 5, "accepted": 1}
    assert all(f["claim"] != "bare" for f in report["findings"])
    sarif = json.loads(check("sarif"))
    suppressed = [r for r in sarif["runs"][0]["results"] if "suppressions" in r]
    assert [(r["ruleId"], r["level"], r["partialFingerprints"]["factcheckFinding/v1"]) for r in suppressed] == [
        ("unsourced", "error", "unsourced|bare|")
    ]
    assert suppressed[0]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "no source exists"}
    ]
    assert len(sarif["runs"][0]["results"]) == 6
    if SARIF_SCHEMA.is_file():
        import jsonschema

        jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    # JUnit: a skipped test case per finding accepted (GitLab and Jenkins count and show skipped tests), in
    # the baseline's suite, where the claim, no longer failing, passes.
    junit = _valid_junit(check("junit"))
    suite = junit.find(f"testsuite[@name='{baseline}']")
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("1", "0", "1")
    assert (junit.get("tests"), junit.get("failures")) == ("9", "0")
    bare = junit.find(".//testcase[@name='bare']")
    assert bare.find("failure") is None
    [case] = suite.findall("testcase")
    assert (case.get("name"), case.get("file"), case.get("line")) == (
        "unsourced bare",
        bare.get("file"),
        bare.get("line"),
    )
    assert case.find("skipped").get("message") == "accepted by the baseline"
    assert case.find("skipped").text.startswith("error unsourced: bare ")
    assert case.find("skipped").text.endswith("; reason: no source exists")
    # Without a baseline nothing is accepted, and the summaries say nothing of it.
    plain = run("--claims", str(folder), "check").stdout.splitlines()[-1]
    assert plain == "1 error, 5 warnings in 1 file"
    assert len(_valid_junit(run("--claims", str(folder), "check", "--format", "junit").stdout)) == 1


def test_rewriting_a_baseline_keeps_reasons(run, folder: Path, tmp_path: Path) -> None:
    baseline = _unsourced_accepted(run, folder, tmp_path, "accepted: no source exists")
    run(
        "--claims",
        str(folder),
        "check",
        "--baseline",
        str(baseline),
        "--write-baseline",
        str(baseline),
        "--select",
        "unsourced",
    )
    assert json.loads(baseline.read_text())["findings"][0]["reason"] == "accepted: no source exists"
    # Rewritten in place, as the CI how-to adopts it, the file's own reasons are kept without --baseline.
    run("--claims", str(folder), "check", "--write-baseline", str(baseline), "--select", "unsourced")
    assert json.loads(baseline.read_text())["findings"][0]["reason"] == "accepted: no source exists"


def test_rewriting_a_malformed_baseline_in_place_is_refused(run, folder: Path, tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("[]")
    result = run("--claims", str(folder), "check", "--write-baseline", str(bad))
    assert result.exit_code == 2 and "a baseline is a JSON object" in result.stderr
    assert bad.read_text() == "[]"


def test_bad_baseline(run, folder: Path, tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("[]")
    result = run("--claims", str(folder), "check", "--baseline", str(bad))
    assert result.exit_code == 2 and "a baseline is a JSON object" in result.stderr


def test_a_missing_baseline_is_no_baseline(run, folder: Path, tmp_path: Path) -> None:
    missing = tmp_path / "baseline.json"
    without = run("--claims", str(folder), "check", "--format", "json")
    for path in (missing, tmp_path / "no-folder" / "baseline.json"):
        result = run("--claims", str(folder), "check", "--format", "json", "--baseline", str(path))
        assert result.exit_code == 1 and result.stdout == without.stdout
        assert result.stderr == f"factcheck: note: {path} does not exist; checking without a baseline\n"
    assert run("--quiet", "--claims", str(folder), "check", "--baseline", str(missing)).stderr == ""
    # Writing the first baseline where the workflow will look for it needs no note.
    result = run("--claims", str(folder), "check", "--baseline", str(missing), "--write-baseline", str(missing))
    assert result.exit_code == 0 and "does not exist" not in result.stderr and missing.is_file()
    assert run("--claims", str(folder), "check", "--baseline", str(missing)).exit_code == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "invalid JSON"),
        ("{", "invalid JSON"),
        ('{"version": 2, "findings": []}', "a baseline is a JSON object"),
        ('{"version": 1, "findings": [{"rule": 1}]}', "findings[0].rule: must be a string"),
        ('{"version": 1,\n<<<<<<< HEAD\n"findings": []\n=======\n>>>>>>> b\n}', ":2:1: a git merge conflict"),
    ],
)
def test_a_baseline_that_exists_but_is_malformed_is_still_an_error(
    run, folder: Path, tmp_path: Path, content: str, message: str
) -> None:
    bad = tmp_path / "baseline.json"
    bad.write_text(content)
    result = run("--claims", str(folder), "check", "--baseline", str(bad))
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_a_baseline_that_is_a_folder_or_a_dangling_link_is_an_error(run, folder: Path, tmp_path: Path) -> None:
    (tmp_path / "dir.json").mkdir()
    (tmp_path / "link.json").symlink_to(tmp_path / "gone.json")
    for name in ("dir.json", "link.json"):
        result = run("--claims", str(folder), "check", "--baseline", str(tmp_path / name))
        assert result.exit_code == 2 and "does not exist; checking without" not in result.stderr


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_code_scanning_names_files_from_the_top_of_the_repository(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run from a sub-folder (a monorepo's site, a job's working-directory), SARIF and GitHub's annotations
    # named "../claims/a.json": code scanning reads paths from the repository's top, and found no such file.
    repo = tmp_path / "repo"
    write_claims(repo / "claims", "a", [make_claim("one", "One.", "verified")])
    (repo / "site").mkdir()
    _git(repo, "init", "-q")
    monkeypatch.chdir(repo / "site")
    sarif = json.loads(run("--claims", "../claims", "check", "--format", "sarif").stdout)
    (location,) = sarif["runs"][0]["results"][0]["locations"]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": "claims/a.json", "uriBaseId": "%SRCROOT%"}
    assert "::error file=claims/a.json,line=" in run("--claims", "../claims", "check", "--format", "github").stdout
    outside = tmp_path / "outside"
    write_claims(outside, "b", [make_claim("two", "Two.", "verified")])
    monkeypatch.chdir(tmp_path)  # no repository: as the other formats name it
    assert "::error file=outside/b.json,line=" in run("--claims", "outside", "check", "--format", "github").stdout


def test_ci_formats_name_a_file_with_forward_slashes_where_the_system_joins_paths_with_backslashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On Windows a claims file's path reads claims\sub\a.json; GitHub, GitLab and Jenkins look for claims/sub/a.json.
    monkeypatch.chdir(tmp_path)  # no repository: named as given
    monkeypatch.setattr(os, "sep", "\\")
    finding = Finding("unsourced", Severity.ERROR, "claims\\sub\\a.json", 3, "one has no sources", "one")
    output = CheckOutput(Result([finding], 1), baseline="ci\\baseline.json")
    assert "::error file=claims/sub/a.json,line=3," in formats("check")["github"](output)
    accepted = CheckOutput(Result([], 1, accepted=[finding]), baseline="ci\\baseline.json")
    for xml in (formats("check")["junit"](output), formats("check")["junit"](accepted)):
        assert "\\" not in xml and 'file="claims/sub/a.json"' in xml


def test_changed_since(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    folder = repo / "claims"
    write_claims(folder, "a", [make_claim("one", "One."), make_claim("two", "Two.")])
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    document = json.loads((folder / "a.json").read_text())
    document["claims"][1]["text"] = "Two, edited."
    document["claims"].append(make_claim("three", "Three."))
    (folder / "a.json").write_text(json.dumps(document, indent=2) + "\n")
    monkeypatch.chdir(repo)
    _, report = _json(run, Path("claims"), "--changed-since", "HEAD")
    assert [f["claim"] for f in report["findings"]] == ["two", "three"]
    result = run("--claims", "claims", "check", "--changed-since", "no-such-rev")
    assert result.exit_code == 2 and "'no-such-rev' is not a revision" in result.stderr


def test_changed_since_a_branch_compares_with_where_they_parted(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The branch is behind main: what main changed since is not the branch's change.
    repo = init_repo(tmp_path / "repo")
    write_claims(repo / "claims", "a", [make_claim("one", "One."), make_claim("two", "Two.")])
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "start")
    _git(repo, "branch", "-M", "main")
    _git(repo, "switch", "-qc", "feature")
    write_claims(repo / "claims", "a", [make_claim("one", "One, edited."), make_claim("two", "Two.")])
    _git(repo, "commit", "-qam", "feature edits one")
    _git(repo, "switch", "-q", "main")
    write_claims(repo / "claims", "a", [make_claim("one", "One."), make_claim("two", "Two, edited.")])
    _git(repo, "commit", "-qam", "main edits two")
    _git(repo, "switch", "-q", "feature")
    monkeypatch.chdir(repo)
    _, report = _json(run, Path("claims"), "--changed-since", "main")
    assert [f["claim"] for f in report["findings"]] == ["one"]


def test_the_shipped_claims_pass_with_the_committed_baseline(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = run("check", "--baseline", ".factcheck-baseline.json")
    assert result.exit_code == 0, result.stdout
    assert "baseline entry no longer matches" not in result.stdout
    reasons = [e["reason"] for e in json.loads((REPO / ".factcheck-baseline.json").read_text())["findings"]]
    assert reasons and all(reasons)


def test_a_big_folder_is_checked_in_several_processes_with_the_same_result(
    run, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.store import parallel

    for n in range(7):
        write_claims(
            folder,
            f"extra-{n}",
            [make_claim(f"extra-{n}", "Unsourced."), make_claim(f"gone-{n}", "An opinion.", "opinion")],
        )
    write_claims(folder, "zz-duplicate", [make_claim("bare", "The same id as in mixed.json.", "opinion")])
    sequential = run("--claims", str(folder), "check", "--format", "json", "--processes", "1").stdout
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 2)
    calls = []
    real = parallel.processes_for
    monkeypatch.setattr(parallel, "processes_for", lambda *a: calls.append(real(*a)) or calls[-1])
    parallel = run("--claims", str(folder), "check", "--format", "json", "--processes", "3").stdout
    assert calls and calls[-1] == 3, "the check did not run in several processes"
    assert parallel == sequential
    assert any(
        f["rule"] == "duplicate-id" and f["file"].endswith("zz-duplicate.json")
        for f in json.loads(parallel)["findings"]
    )


def test_the_processes_setting_reaches_check_from_the_environment_and_the_configuration(
    run, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.store import parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 1)
    asked: list[int | None] = []
    real = parallel.processes_for
    monkeypatch.setattr(parallel, "processes_for", lambda count, n=None: asked.append(n) or real(count, 1))
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    (project / "setup.cfg").write_text("[factcheck]\nprocesses = 2\n")
    run("--claims", str(folder), "check")
    assert asked[-1] == 2
    monkeypatch.setenv("FACTCHECK_PROCESSES", "3")
    run("--claims", str(folder), "check")
    assert asked[-1] == 3
    run("--claims", str(folder), "check", "--processes", "4")
    assert asked[-1] == 4
    # verify's own variable, checked as verify checks it.
    monkeypatch.setenv("FACTCHECK_PROCESSES", "0")
    result = run("--claims", str(folder), "check")
    assert result.exit_code == 2 and "FACTCHECK_PROCESSES" in result.stderr


def test_a_file_name_that_is_not_utf8_is_checked_in_several_processes_too(
    run, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.store import parallel

    path = write_claims(folder, "odd", [make_claim("odd", "Unsourced, in an oddly named file.", "verified")])
    try:
        os.rename(bytes(path), bytes(folder) + b"/\xffodd.json")
    except OSError:  # pragma: no cover - a file system that wants UTF-8 names
        pytest.skip("this file system takes only UTF-8 names")
    sequential = run("--claims", str(folder), "check", "--format", "json", "--processes", "1").stdout
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 2)
    parallel_run = run("--claims", str(folder), "check", "--format", "json", "--processes", "2").stdout
    assert parallel_run == sequential
    odd = [f for f in json.loads(parallel_run)["findings"] if f["claim"] == "odd"]
    assert [(f["rule"], f["file"]) for f in odd] == [("unsourced", str(folder) + "/\udcffodd.json")]


def test_a_run_yields_findings_file_by_file_and_is_complete_after(folder: Path) -> None:
    from factcheck.check import rules
    from factcheck.check.run import Run, run

    write_claims(folder, "zz-later", [make_claim("later", "Unsourced, in the second file.", "verified")])
    running = Run(folder, rules.Options(), processes=1)
    found = running.findings()
    first = next(found)
    assert first.path.endswith("mixed.json")
    # The first file's findings are in; the second file is not checked yet.
    assert running.result.findings[0] == first
    assert all(f.path.endswith("mixed.json") for f in running.result.findings)
    assert all(c.path.endswith("mixed.json") for c in running.result.checked)
    rest = list(found)
    assert rest[-1].claim == "later"
    result = running.complete()
    assert result.findings == [first, *rest]
    assert result == run(folder, rules.Options(), processes=1)
    assert running.complete().findings == result.findings  # nothing is checked twice


def test_text_lines_made_before_a_wider_rule_appears_line_up_with_it(run, tmp_path: Path) -> None:
    write_claims(tmp_path, "a", [make_claim("first", "A verdict with no source.", "verified", history=[_event()])])
    write_claims(tmp_path, "b", [make_claim("second", "Nobody sourced this yet.")])
    out = run("--claims", str(tmp_path), "check").stdout
    rows = [line for line in out.splitlines() if line.startswith(" ")]
    assert [row[16:38] for row in rows] == ["unsourced             ", "unsourced-unverified  "]
    assert rows[0].index("first “") == rows[1].index("second “")


def test_ids_used_twice_in_a_file_and_by_a_set_aside_claim(run, tmp_path: Path) -> None:
    a = write_claims(
        tmp_path,
        "a",
        [
            make_claim("x", "First.", "verified"),
            make_claim("x", "Again.", "verified"),
            make_claim("y", "Y.", "verified"),
        ],
    )
    document = json.loads(a.read_text())
    aside = {"kind": "retired", "at": TODAY, "by": "ana", "claim": make_claim("z", "Set aside.", "verified")}
    a.write_text(json.dumps({**document, "set_aside": [aside]}, indent=2) + "\n")
    b = write_claims(tmp_path, "b", [make_claim("z", "Taken.", "verified"), make_claim("w", "W.", "verified")])
    _, report = _json(run, tmp_path)
    found = [(Path(f["file"]).name, f["rule"], f["claim"], f["line"]) for f in report["findings"]]
    lines = a.read_text().splitlines()
    second_x = lines.index('      "id": "x",', lines.index('      "id": "x",') + 1) + 1
    assert found == [
        ("a.json", "unsourced", "x", _line(a, "x")),
        ("a.json", "duplicate-id", "x", second_x),
        ("a.json", "unsourced", "y", _line(a, "y")),
        ("b.json", "duplicate-id", "z", _line(b, "z")),
        ("b.json", "unsourced", "w", _line(b, "w")),
    ]
    cases = ET.fromstring(run("--claims", str(tmp_path), "check", "--format", "junit").stdout).iter("testcase")
    assert sorted(c.get("name") for c in cases) == ["w", "x", "y", "z"]  # z: its duplicate-id finding


def test_a_set_aside_claim_that_takes_an_id_again_is_found_on_its_own_line(run, tmp_path: Path) -> None:
    write_claims(tmp_path, "a", [make_claim("z", "Taken first.", "verified", sources=[make_source("https://e.org")])])
    b = write_claims(tmp_path, "b", [make_claim("w", "W.", "opinion")])
    document = json.loads(b.read_text())
    aside = {"kind": "retired", "at": TODAY, "by": "ana", "claim": make_claim("z", "Set aside.", "verified")}
    b.write_text(json.dumps({**document, "set_aside": [aside]}, indent=2) + "\n")
    _, report = _json(run, tmp_path)
    found = [(Path(f["file"]).name, f["rule"], f["claim"], f["line"]) for f in report["findings"]]
    lines = b.read_text().splitlines()
    assert ("b.json", "duplicate-id", "z", lines.index('        "id": "z",') + 1) in found


def test_the_text_format_names_a_long_claim_cut_after_a_whole_word(run, tmp_path: Path) -> None:
    text = "The bridge across the harbour reopened on Tuesday, after a repair costing $310 million."
    path = write_claims(tmp_path, "one", [make_claim("c", text, "verified", history=[_event()])])
    result = run("--claims", str(tmp_path), "check", "--format", "text")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == (
        f"{_line(path, 'c'):>5}  error    unsourced      "
        "c “The bridge across the harbour reopened on Tuesday, after a…” has no sources"
    )


def test_changed_since_leaves_the_baseline_entries_of_unchanged_claims_alone(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    folder = repo / "claims"
    claims = [make_claim("one", "One."), make_claim("two", "Two."), make_claim("three", "Three.")]
    write_claims(folder, "a", claims)
    monkeypatch.chdir(repo)
    write = ("--claims", "claims", "check", "--write-baseline", "baseline.json", "--fail-on", "warning")
    assert run(*write).exit_code == 0
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    document = json.loads((folder / "a.json").read_text())
    document["claims"][1]["status"] = "false"  # two: now an unsourced verdict, so its old entry matches nothing
    del document["claims"][2]  # three: gone, and so is what its entry accepted
    (folder / "a.json").write_text(json.dumps(document, indent=2) + "\n")
    result = run("--claims", "claims", "check", "--baseline", "baseline.json", "--changed-since", "HEAD")
    assert result.exit_code == 1
    stale = [line for line in result.stdout.splitlines() if "no longer matches" in line]
    assert stale == [
        "baseline entry no longer matches anything: unsourced-unverified three",
        "baseline entry no longer matches anything: unsourced-unverified two",
    ]


def test_a_baseline_is_not_written_from_the_changed_claims_alone(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    write_claims(repo / "claims", "a", [make_claim("one", "One."), make_claim("two", "Two.")])
    monkeypatch.chdir(repo)
    assert run("--claims", "claims", "check", "--write-baseline", "baseline.json").exit_code == 0
    before = (repo / "baseline.json").read_bytes()
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    result = run("--claims", "claims", "check", "--changed-since", "HEAD", "--write-baseline", "baseline.json")
    assert result.exit_code == 2 and "leave out --changed-since" in result.stderr
    assert (repo / "baseline.json").read_bytes() == before


def test_the_baseline_entries_of_rules_that_are_off_are_not_reported(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "claims"
    write_claims(folder, "a", [make_claim("one", "One."), make_claim("two", "Two.", "false")])
    monkeypatch.chdir(tmp_path)
    write = ("--claims", "claims", "check", "--write-baseline", "baseline.json", "--fail-on", "warning")
    assert run(*write).exit_code == 0
    before = (tmp_path / "baseline.json").read_bytes()
    for narrowed in (["--select", "unsourced"], ["--ignore", "unsourced-unverified"]):
        result = run("--claims", "claims", "check", "--baseline", "baseline.json", *narrowed)
        assert result.exit_code == 0 and "no longer matches" not in result.stdout, narrowed
        # Rewritten with the rules narrowed, the baseline keeps the entries of the others.
        rewritten = run(
            "--claims", "claims", "check", "--baseline", "baseline.json", *narrowed, "--write-baseline", "baseline.json"
        )
        assert rewritten.exit_code == 0
        assert (tmp_path / "baseline.json").read_bytes() == before, narrowed
    off = run("--claims", "claims", "check", "--baseline", "baseline.json", "--severity", "unsourced=off")
    assert off.exit_code == 0 and "no longer matches" not in off.stdout
    # A rule that is on still has its stale entries reported.
    write_claims(folder, "a", [make_claim("one", "One."), make_claim("two", "Two.", "opinion")])
    stale = run("--claims", "claims", "check", "--baseline", "baseline.json", "--select", "unsourced")
    assert "baseline entry no longer matches anything: unsourced two" in stale.stdout


@pytest.mark.parametrize("fmt", choices("check"))
def test_the_default_claims_folder_not_there_yet_is_nothing_to_check(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    # A newsroom adds the CI job before the first claims file lands: the job passes, and says why.
    init_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("check", "--format", fmt, "-o", "out")
    assert result.exit_code == 0
    assert result.stderr == "factcheck: note: the claims folder claims/ does not exist yet; nothing to check\n"
    out = (tmp_path / "out").read_text(encoding="utf-8")
    if fmt in ("json", "sarif"):
        document = json.loads(out)
        assert document.get("findings", document.get("runs", [{}])[0].get("results")) == []
    elif fmt == "junit":
        assert ET.fromstring(out).get("tests") == "0"
    else:
        assert out == "no problems in 0 files\n"
    # Writing a baseline then records that there is nothing.
    result = run("check", "--write-baseline", "baseline.json")
    assert result.exit_code == 0 and json.loads((tmp_path / "baseline.json").read_text())["findings"] == []


@pytest.mark.parametrize(
    "named",
    [("--claims", "claims", "check"), ("check", "--claims", "claims"), ("env",), ("setup.cfg",), ("pyproject",)],
)
def test_a_claims_path_someone_named_must_be_there(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, named: tuple[str, ...]
) -> None:
    # Named on purpose, even as the default's own name, a missing path is a mistake to report.
    init_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    args: tuple[str, ...] = ("check",)
    if named == ("env",):
        monkeypatch.setenv("FACTCHECK_CLAIMS", "claims")
    elif named == ("setup.cfg",):
        (tmp_path / "setup.cfg").write_text("[factcheck]\nclaims = claims\n")
    elif named == ("pyproject",):
        (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nclaims = "claims"\n')
    else:
        args = named
    result = run(*args)
    assert result.exit_code == 2
    # Named in the configuration, the message says where: the file, the line and the key.
    where = {
        "setup.cfg": "setup.cfg:2: [factcheck] claims: ",
        "pyproject": "pyproject.toml:2: [tool.factcheck] claims: ",
    }
    assert result.stderr == f"factcheck: error: {where.get(named[0], '')}no such file or folder: claims\n"
    assert result.stdout == ""


def test_github_step_summary_lists_baseline_entries_that_match_nothing(
    run, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = tmp_path / "baseline.json"
    run("--claims", str(folder), "check", "--write-baseline", str(baseline), "--fail-on", "warning")
    entries = json.loads(baseline.read_text())
    entries["findings"].append({"rule": "unsourced", "claim": "gone_|_claim", "url": None, "reason": "withdrawn"})
    baseline.write_text(json.dumps(entries))
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("--claims", str(folder), "check", "--format", "github", "--baseline", str(baseline))
    assert result.exit_code == 0 and "::notice::baseline entry no longer matches anything" in result.stdout
    text = summary.read_text()
    assert text.startswith("## factcheck\n\nno problems in ")
    assert "no longer match anything" in text and "- unsourced gone\\_\\|\\_claim\n" in text


def test_sarif_reports_baseline_entries_that_match_nothing_as_notifications(run, folder: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    run("--claims", str(folder), "check", "--write-baseline", str(baseline), "--fail-on", "warning")
    entries = json.loads(baseline.read_text())
    entries["findings"].append({"rule": "dead-source", "claim": "gone", "url": "https://example.org/a", "reason": None})
    baseline.write_text(json.dumps(entries))
    result = run("--claims", str(folder), "check", "--format", "sarif", "--baseline", str(baseline))
    sarif_run = json.loads(result.stdout)["runs"][0]
    # The findings the baseline accepts are there, each suppressed.
    assert result.exit_code == 0 and len(sarif_run["results"]) == 6
    assert all(r["suppressions"] == [{"kind": "external", "status": "accepted"}] for r in sarif_run["results"])
    [invocation] = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is True
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == [
        "baseline entry no longer matches anything: dead-source gone https://example.org/a"
    ]
    if SARIF_SCHEMA.is_file():
        import jsonschema

        jsonschema.validate(json.loads(result.stdout), json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    # A run whose baseline matches in full says nothing of it.
    run("--claims", str(folder), "check", "--write-baseline", str(baseline), "--fail-on", "warning")
    clean_run = json.loads(
        run("--claims", str(folder), "check", "--format", "sarif", "--baseline", str(baseline)).stdout
    )
    assert "invocations" not in clean_run["runs"][0]


def test_junit_lists_baseline_entries_that_match_nothing_as_skipped_tests(run, folder: Path, tmp_path: Path) -> None:
    # GitLab and Jenkins show a skipped test and its message; a passing test's output and a suite's they do not.
    baseline = tmp_path / "baseline.json"
    run("--claims", str(folder), "check", "--write-baseline", str(baseline), "--fail-on", "warning")
    document = json.loads(baseline.read_text())
    document["findings"] += [
        {"rule": "dead-source", "claim": "gone", "url": "https://example.org/a?x=1&y=<2>", "reason": None},
        {"rule": "unsourcd", "claim": "bare", "url": None, "reason": "a typo"},
    ]
    baseline.write_text(json.dumps(document))
    result = run("--claims", str(folder), "check", "--format", "junit", "--baseline", str(baseline))
    assert result.exit_code == 0
    root = _valid_junit(result.stdout)
    suite = root.find(f"testsuite[@name='{baseline}']")
    assert suite is not None and root.findall("testsuite")[-1] is suite
    # The six findings the baseline accepted are skipped test cases there too, before its two stale entries.
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) == (
        "8",
        "0",
        "0",
        "8",
    )
    assert root.get("tests") == "16" and root.get("failures") == "0"
    accepted, cases = suite.findall("testcase")[:6], suite.findall("testcase")[6:]
    assert {c.find("skipped").get("message") for c in accepted} == {"accepted by the baseline"}
    assert [(c.get("name"), c.get("classname"), c.get("file")) for c in cases] == [
        ("dead-source gone https://example.org/a?x=1&y=<2>", str(baseline), str(baseline)),
        ("unsourcd bare", str(baseline), str(baseline)),
    ]
    assert [(c.find("skipped").get("message"), c.find("skipped").text) for c in cases] == [
        (
            "baseline entry no longer matches anything",
            "baseline entry no longer matches anything: dead-source gone https://example.org/a?x=1&y=<2>; "
            "rewrite the baseline to drop it",
        ),
        (
            "baseline entry of a rule check does not know",
            "baseline entry of a rule check does not know: unsourcd bare; correct its rule or remove it",
        ),
    ]
    # A baseline that matches in full has only what it accepted in its suite (written anew: rewriting this one
    # keeps its unknown entry).
    clean = tmp_path / "clean.json"
    run("--claims", str(folder), "check", "--write-baseline", str(clean), "--fail-on", "warning")
    clean_run = run("--claims", str(folder), "check", "--format", "junit", "--baseline", str(clean))
    suites = _valid_junit(clean_run.stdout).findall("testsuite")
    assert [(s.get("name"), s.get("skipped")) for s in suites] == [
        (str(folder / "mixed.json"), None),
        (str(clean), "6"),
    ]
    assert {c.find("skipped").get("message") for c in suites[1]} == {"accepted by the baseline"}


def test_junit_of_an_invalid_file_validates(run, folder: Path) -> None:
    (folder / "broken.json").write_text('{\n  "schema_version": 1,\n  oops\n}\n')
    root = _valid_junit(run("--claims", str(folder), "check", "--format", "junit").stdout)
    assert root.find(f"testsuite[@name='{folder / 'broken.json'}']/testcase[@name='(file)']/failure") is not None


def test_a_written_baseline_holds_the_findings_that_fail_the_run(
    run, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fixture has one error (bare) and five warnings: a baseline exists so the job fails only on new
    # findings, and warnings never fail it unless --fail-on warning, so only then are they recorded.
    baseline = tmp_path / "baseline.json"
    result = run("--claims", str(folder), "check", "--write-baseline", str(baseline))
    assert result.exit_code == 0
    assert result.stderr == (
        f"wrote 1 finding to {baseline}; 5 warnings left out "
        "(warnings do not fail the run; --fail-on warning records them)\n"
    )
    assert json.loads(baseline.read_text())["findings"] == [
        {"rule": "unsourced", "claim": "bare", "url": None, "reason": None}
    ]
    # The warnings stay reported and the run passes, as a baseline is meant to leave it.
    checked = run("--claims", str(folder), "check", "--baseline", str(baseline))
    assert checked.exit_code == 0 and "5 warnings" in checked.stdout and "unsourced " not in checked.stdout
    # Where warnings fail the job (the option, or the project's configuration), they are recorded.
    (tmp_path / "setup.cfg").write_text("[factcheck]\nfail-on = warning\n")
    monkeypatch.chdir(tmp_path)
    result = run("--claims", str(folder), "check", "--write-baseline", str(baseline))
    assert result.exit_code == 0 and result.stderr == f"wrote 6 findings to {baseline}\n"
    assert run("--claims", str(folder), "check", "--baseline", str(baseline)).stdout == (
        "no problems in 1 file; 6 findings accepted by the baseline\n"
    )
    # With nothing failing the run, there is nothing to record: refused, and the baseline left as it was.
    before = baseline.read_bytes()
    refused = run("--claims", str(folder), "check", "--write-baseline", str(baseline), "--fail-on", "never")
    assert refused.exit_code == 2 and refused.stdout == "" and len(refused.stderr.splitlines()) == 1
    assert "none does with --fail-on never" in refused.stderr and baseline.read_bytes() == before


def test_rewriting_a_baseline_keeps_the_warnings_a_person_accepted(run, folder: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    run("--claims", str(folder), "check", "--write-baseline", str(baseline))
    document = json.loads(baseline.read_text())
    document["findings"] += [
        {"rule": "stale", "claim": "old", "url": None, "reason": "an archived story"},
        {"rule": "stale", "claim": "withdrawn", "url": None, "reason": "gone with its article"},
    ]
    baseline.write_text(json.dumps(document))
    result = run("--claims", str(folder), "check", "--baseline", str(baseline), "--write-baseline", str(baseline))
    assert result.exit_code == 0 and result.stderr.startswith(f"wrote 2 findings to {baseline}; 4 warnings left out")
    # The accepted warning that still matches stays, with its reason; the one that matches nothing goes.
    assert json.loads(baseline.read_text())["findings"] == [
        {"rule": "stale", "claim": "old", "url": None, "reason": "an archived story"},
        {"rule": "unsourced", "claim": "bare", "url": None, "reason": None},
    ]


def test_rewriting_a_baseline_keeps_the_entries_of_rules_check_does_not_know(run, folder: Path, tmp_path: Path) -> None:
    # A rule renamed, or a typo: the entry cannot be judged, so it is kept as it is, and the user is told.
    baseline = tmp_path / "baseline.json"
    run("--claims", str(folder), "check", "--write-baseline", str(baseline))
    document = json.loads(baseline.read_text())
    unknown = [
        {"rule": "unsourcd", "claim": "bare", "url": None, "reason": "a typo"},
        {"rule": "old-rule", "claim": "gone", "url": "https://example.org/c", "reason": None},
    ]
    document["findings"] += unknown
    baseline.write_text(json.dumps(document))
    result = run("--claims", str(folder), "check", "--baseline", str(baseline), "--write-baseline", str(baseline))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[1:] == [
        "factcheck: note: kept 2 baseline entries of a rule check does not know (old-rule, unsourcd); "
        "correct the rule or remove the entry by hand"
    ]
    entries = json.loads(baseline.read_text())["findings"]
    assert [e for e in entries if e["rule"] != "unsourced"] == [unknown[1], unknown[0]]
    # Written to another file, the entries read are kept there too; --quiet says nothing.
    other = tmp_path / "other.json"
    quiet = run(
        "--quiet", "--claims", str(folder), "check", "--baseline", str(baseline), "--write-baseline", str(other)
    )
    assert quiet.exit_code == 0 and quiet.stderr == "" and json.loads(other.read_text())["findings"] == entries


def test_a_bad_baseline_stops_a_rewrite_with_one_line(run, folder: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    text = '{\n  "version": 1,\n  "findings": [\n    {"rule": "unsourcd", "claim": null}\n  ]\n}\n'
    baseline.write_text(text)
    result = run("--claims", str(folder), "check", "--baseline", str(baseline), "--write-baseline", str(baseline))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"factcheck: error: {baseline}:4: findings[0].claim: must be a string\n"
    assert baseline.read_text() == text


def test_every_format_names_a_baseline_entry_of_a_rule_check_does_not_know(
    run, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rewriting keeps such an entry, so no report tells the user to rewrite the baseline to drop it.
    baseline = tmp_path / "baseline.json"
    run("--claims", str(folder), "check", "--write-baseline", str(baseline), "--fail-on", "warning")
    document = json.loads(baseline.read_text())
    document["findings"].append({"rule": "unsourcd", "claim": "bare", "url": None, "reason": None})
    baseline.write_text(json.dumps(document))
    said = "baseline entry of a rule check does not know: unsourcd bare"
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    def report(fmt: str) -> str:
        result = run("--claims", str(folder), "check", "--format", fmt, "--baseline", str(baseline))
        assert result.exit_code == 0
        return result.stdout

    assert said in report("text").splitlines()
    assert f"::notice::{said}" in report("github").splitlines()
    assert "- unsourcd bare (a rule check does not know)\n" in summary.read_text()
    notes = json.loads(report("sarif"))["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == [said]
    assert json.loads(report("json"))["unmatched_baseline"] == [{"rule": "unsourcd", "claim": "bare", "url": None}]
    skipped = _valid_junit(report("junit")).findall(".//skipped")[-1]
    assert skipped.get("message") == "baseline entry of a rule check does not know"
