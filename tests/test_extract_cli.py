"""`factcheck extract`: propose, write, merge after edits, and refuse bad input cleanly."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.store.folder import read

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO / "claims"
SEED = "china-kazakhstan-30-years"
ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")

ARTICLE = """OPINION

Bridges and budgets

4 Mins read

By: Jane Roe

The Larkspur bridge opened in March 2020 after four years of work. It cost $2.4 billion, the city said.
Critics think it was a waste of money. The council voted 7 to 2 to approve a toll of $4.50 in 2021.

Related posts
Another story about roads that should not be read.
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_prints_proposals_as_json(run, workdir: Path) -> None:
    result = run("extract", "claims/bridge.txt", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["text"] for r in rows] == [
        "The Larkspur bridge opened in March 2020 after four years of work.",
        "It cost $2.4 billion, the city said.",
        "The council voted 7 to 2 to approve a toll of $4.50 in 2021.",
    ]
    assert rows[1]["facts"] == [{"kind": "money", "text": "$2.4 billion", "value": 2.4e9, "currency": "USD"}]
    assert all(r["score"] >= 0.4 and r["reasons"] and ID.match(r["id"]) for r in rows)
    text = ARTICLE
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    assert not (workdir / "claims" / "bridge.json").exists()


def test_min_score_zero_lists_every_sentence(run, workdir: Path) -> None:
    rows = json.loads(run("extract", "claims/bridge.txt", "--min-score", "0", "--format", "json").stdout)
    assert len(rows) == 4  # the four sentences; the chrome is gone, and the headline is not proposed
    assert {r["kind"] for r in rows} == {"sentence"}
    opinion = next(r for r in rows if r["text"].startswith("Critics"))
    assert opinion["score"] < 0.4
    args = ("extract", "claims/bridge.txt", "--min-score", "0", "--format", "json", "--furniture")
    rows = json.loads(run(*args).stdout)
    assert len(rows) == 5 and rows[0]["kind"] == "heading" and rows[0]["text"] == "Bridges and budgets"


def test_table_output(run, workdir: Path) -> None:
    result = run("extract", "claims/bridge.txt")
    assert result.exit_code == 0
    assert "larkspur-2020" in result.stdout
    assert "facts: $2.4 billion" in result.stdout


def test_writes_a_new_claims_file(run, workdir: Path) -> None:
    result = run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert result.exit_code == 0
    assert result.stderr.strip() == "claims/bridge.json: created; 3 new, 0 kept, article author from the page"
    claims_file = read(workdir / "claims" / "bridge.json").claims_file  # valid against the schema
    assert claims_file.article.path == "bridge.txt"
    assert claims_file.article.title == "Bridges and budgets"
    assert claims_file.article.author == "Jane Roe"  # from the by-line
    assert len(claims_file.article.sha256 or "") == 64
    ids = [c.id for c in claims_file.claims]
    assert ids == ["larkspur-2020", "cost-billion", "council-2021"]
    for claim in claims_file.claims:
        assert claim.status == "unverified"
        assert [(e.from_status, e.to_status, e.by) for e in claim.history] == [(None, "unverified", "extract")]
        assert claim.anchor and ARTICLE[claim.anchor.start : claim.anchor.end] == claim.text
        assert claim.worthiness and claim.worthiness.reasons


def test_running_again_changes_nothing(run, workdir: Path) -> None:
    run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    path = workdir / "claims" / "bridge.json"
    before = path.stat()
    result = run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert result.stderr.strip() == "claims/bridge.json: unchanged; 0 new, 3 kept"
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_ino == before.st_ino


def test_merge_after_the_article_was_edited(run, workdir: Path) -> None:
    run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert run("set", "cost-billion", "--status", "false", "--note", "It cost $2.6 billion.").exit_code == 0
    assert run("source", "add", "cost-billion", "https://example.org/audit", "--quote", "$2.6 billion").exit_code == 0
    assert run("set", "council-2021", "--status", "verified", "--force").exit_code == 0
    article = workdir / "claims" / "bridge.txt"
    edited = (
        ARTICLE.replace("It cost $2.4 billion", "It cost $2.6 billion")
        .replace("The council voted 7 to 2 to approve a toll of $4.50 in 2021.", "")
        .replace("Critics think", "The mayor resigned in May 2022. Critics think")
    )
    article.write_text("An editor's note: corrected.\n\n" + edited, encoding="utf-8")

    result = run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert result.exit_code == 0
    assert result.stderr.strip() == (
        "claims/bridge.json: updated; 1 new, 1 kept, 1 re-anchored to edited text, 1 no longer anchored (council-2021)"
    )
    claims = {c.id: c for c in read(workdir / "claims" / "bridge.json").claims_file.claims}
    assert list(claims) == [
        "larkspur-2020",
        "cost-billion",
        "council-2021",
        "mayor-2022",
    ]
    text = article.read_text(encoding="utf-8")

    cost = claims["cost-billion"]
    assert (cost.status, cost.note, len(cost.sources)) == ("false", "It cost $2.6 billion.", 1)
    assert cost.text == "It cost $2.6 billion, the city said."
    assert text[cost.anchor.start : cost.anchor.end] == cost.text
    assert cost.history[-1].by == "extract" and cost.history[-1].to_status == "false"
    assert "was: It cost $2.4 billion" in (cost.history[-1].why or "")

    gone = claims["council-2021"]
    assert gone.status == "verified"  # kept, never re-scored away
    assert gone.history[-1].why and gone.history[-1].why.startswith("no longer anchored")

    opened = claims["larkspur-2020"]
    assert text[opened.anchor.start : opened.anchor.end] == opened.text  # moved by the editor's note
    assert claims["mayor-2022"].status == "unverified"

    # A second run adds no duplicate "no longer anchored" event.
    run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    again = read(workdir / "claims" / "bridge.json").claims_file.get("council-2021")
    assert again is not None and len(again.history) == len(gone.history)


def test_a_changed_headline_is_told_until_a_person_sets_the_title(run, workdir: Path) -> None:
    run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert read(workdir / "claims" / "bridge.json").claims_file.article.title == "Bridges and budgets"
    article = workdir / "claims" / "bridge.txt"
    article.write_text(ARTICLE.replace("Bridges and budgets", "A $2.4 billion bridge"), encoding="utf-8")
    result = run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert result.exit_code == 0
    told = (
        "claims/bridge.json: the article's headline reads “A $2.4 billion bridge”, its title is still “Bridges and "
        "budgets”; `factcheck --claims claims/bridge.json article set --title TITLE` sets the one to publish"
    )
    assert result.stderr.splitlines()[1:] == [told]
    # A person decides what is published: the title they set is kept, and said again only after another edit.
    assert run("--claims", "claims/bridge.json", "article", "set", "--title", "The bridge's cost").exit_code == 0
    again = run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert again.stderr == "claims/bridge.json: unchanged; 0 new, 3 kept\n"
    assert read(workdir / "claims" / "bridge.json").claims_file.article.title == "The bridge's cost"
    article.write_text(article.read_text(encoding="utf-8").replace("March 2020", "May 2020"), encoding="utf-8")
    edited = run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert "its title is still “The bridge's cost”;" in edited.stderr


def test_two_sentences_joined_leave_a_verdict_on_the_same_words_unflagged(run, workdir: Path) -> None:
    run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert run("set", "council-2021", "--status", "verified", "--force").exit_code == 0
    article = workdir / "claims" / "bridge.txt"
    # The editor joins two sentences: the claim's words stay, only its capital and the full stop before it go.
    article.write_text(ARTICLE.replace("money. The council", "money; the council"), encoding="utf-8")
    assert run("extract", "claims/bridge.txt", "--into", "claims/bridge.json").exit_code == 0
    council = read(workdir / "claims" / "bridge.json").claims_file.get("council-2021")
    assert council is not None and council.text == "the council voted 7 to 2 to approve a toll of $4.50 in 2021."
    assert (council.status, council.review) == ("verified", None)
    assert run("check", "--select", "needs-review").exit_code == 0


def test_a_status_verify_set_goes_back_to_unverified_when_the_wording_changes(run, workdir: Path) -> None:
    run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert run("source", "add", "cost-billion", "https://example.org/audit", "--quote", "$2.4 billion").exit_code == 0
    path = workdir / "claims" / "bridge.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    # What verify writes when the quote is found: the status and its event, by verify.
    for claim in document["claims"]:
        if claim["id"] in ("cost-billion", "larkspur-2020"):
            claim["status"] = "verified"
            claim["history"].append(
                {
                    "at": "2026-12-01T00:00:00Z",
                    "from": "unverified",
                    "to": "verified",
                    "by": "verify",
                    "why": "quote found",
                }
            )
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    article = workdir / "claims" / "bridge.txt"
    article.write_text(ARTICLE.replace("It cost $2.4 billion", "It cost $2.6 billion"), encoding="utf-8")

    assert run("extract", "claims/bridge.txt", "--into", "claims/bridge.json").exit_code == 0
    claims = {c.id: c for c in read(path).claims_file.claims}
    cost = claims["cost-billion"]
    assert cost.status == "unverified" and cost.review is None and len(cost.sources) == 1
    last = cost.history[-1]
    assert (last.by, last.from_status, last.to_status) == ("extract", "verified", "unverified")
    assert "was: It cost $2.4 billion" in (last.why or "") and "after verify found it verified;" in (last.why or "")
    # A claim whose words did not change keeps what verify found.
    assert claims["larkspur-2020"].status == "verified"


def test_ids_are_unique_across_the_claims_folder(run, workdir: Path) -> None:
    from conftest import make_claim, write_claims

    write_claims(workdir / "claims", "other", [make_claim("larkspur-2020", "Somewhere else.")])
    result = run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert result.exit_code == 0
    ids = [c.id for c in read(workdir / "claims" / "bridge.json").claims_file.claims]
    assert ids[0] == "larkspur-bridge-2020"
    assert run("list", "--format", "json").exit_code == 0  # the folder still loads: no duplicate ids


def test_seed_merge_keeps_every_curated_claim(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "claims"
    shutil.copytree(SEED_DIR, folder)
    monkeypatch.chdir(tmp_path)
    before = (folder / f"{SEED}.json").read_bytes()
    result = run("extract", f"claims/{SEED}.txt", "--into", f"claims/{SEED}.json")
    assert result.exit_code == 0
    assert result.stderr.strip() == f"claims/{SEED}.json: unchanged; 0 new, 33 kept"
    assert (folder / f"{SEED}.json").read_bytes() == before


def test_seed_page_dump_proposes_its_factual_claims(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    page = REPO / "tests" / "data" / "extract" / "seed-page.txt"
    rows = json.loads(run("extract", str(page), "--format", "json").stdout)
    texts = [r["text"] for r in rows]
    for start in (
        "A new freight train service",
        "As ‘One Belt, One Road’",
        "As the President of Kazakhstan",
        "The China-Kazakhstan Industrial Park",
        "Through the China-Pakistan Economic Corridor",
    ):
        assert any(t.startswith(start) for t in texts), start
    facts = {(f["kind"], f["text"]) for r in rows for f in r["facts"]}
    assert {
        ("money", "$2.4 billion"),
        ("date", "October 2021"),
        ("duration", "10 days"),
        ("date", "May 18th"),
        ("date", "December 2021"),
        ("duration", "three decades"),
    } <= facts
    assert not any("Azerbaijan" in t or "Mins read" in t for t in texts)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: None, "claims/missing.txt: no such article file"),
        (lambda d: (d / "claims" / "missing.txt").mkdir(), "claims/missing.txt: is a folder, not an article file"),
        (
            lambda d: (d / "claims" / "missing.txt").write_bytes(b"ok\nbad \xff byte"),
            "claims/missing.txt:2:5: not UTF-8 text (byte 0xff); save the article as UTF-8",
        ),
        (
            lambda d: (d / "claims" / "missing.txt").write_text("  \n", encoding="utf-8"),
            "claims/missing.txt: the article is empty",
        ),
    ],
)
def test_bad_article_is_one_line_exit_2_nothing_written(run, workdir: Path, setup, message: str) -> None:
    setup(workdir)
    result = run("extract", "claims/missing.txt", "--into", "claims/out.json")
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error: {message}\n"
    assert not (workdir / "claims" / "out.json").exists()


def test_broken_claims_file_is_not_touched(run, workdir: Path) -> None:
    target = workdir / "claims" / "bridge.json"
    target.write_text("{not json", encoding="utf-8")
    result = run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: claims/bridge.json:1:2: invalid JSON")
    assert target.read_text(encoding="utf-8") == "{not json"


def test_into_a_folder_names_the_claims_file_to_give(run, workdir: Path) -> None:
    result = run("extract", "claims/bridge.txt", "--into", "claims/")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "factcheck: error: claims: is a folder; give the claims file to write: "
        "factcheck extract claims/bridge.txt --into claims/bridge.json\n"
    )


def test_another_article_is_not_extracted_into_a_claims_file_whose_article_is_there(run, workdir: Path) -> None:
    assert run("extract", "claims/bridge.txt", "--into", "claims/bridge.json").exit_code == 0
    (workdir / "claims" / "tolls.txt").write_text("Tolls will return on April 1, at $4.50 for cars.\n")
    before = (workdir / "claims" / "bridge.json").read_bytes()
    result = run("extract", "claims/tolls.txt", "--into", "claims/bridge.json")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "factcheck: error: claims/bridge.json: annotates claims/bridge.txt, which is still there, not "
        "claims/tolls.txt; give each article a claims file of its own: "
        "factcheck extract claims/tolls.txt --into claims/tolls.json (--force if claims/tolls.txt is the same "
        "article under a new name)\n"
    )
    assert (workdir / "claims" / "bridge.json").read_bytes() == before
    # Moved, the article is found again at its new name; and --force says it is the same article.
    (workdir / "claims" / "bridge.txt").rename(workdir / "claims" / "larkspur.txt")
    assert run("extract", "claims/larkspur.txt", "--into", "claims/bridge.json").exit_code == 0
    assert load(workdir / "claims" / "bridge.json")["article"]["path"] == "larkspur.txt"
    assert run("extract", "claims/tolls.txt", "--into", "claims/bridge.json", "--force").exit_code == 0


def test_an_article_outside_the_repository_names_where_to_copy_it(run, workdir: Path) -> None:
    (workdir / "downloads").mkdir()
    (workdir / "downloads" / "tolls.txt").write_text("Tolls will return on April 1, at $4.50 for cars.\n")
    result = run("extract", "downloads/tolls.txt", "--into", "claims/tolls.json")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("factcheck: error: claims/tolls.json: downloads/tolls.txt is outside ")
    assert result.stderr.endswith(
        "; copy it beside its claims file first: cp downloads/tolls.txt claims/tolls.txt, "
        "then factcheck extract claims/tolls.txt --into claims/tolls.json\n"
    )
    assert not (workdir / "claims" / "tolls.json").exists()


def test_help_has_examples(run) -> None:
    out = " ".join(run("extract", "--help").stdout.split())
    assert "factcheck extract claims/article.txt --into claims/article.json" in out
    from factcheck.model.defaults import MIN_SCORE as DEFAULT_MIN_SCORE

    assert f"default: {DEFAULT_MIN_SCORE}" in out


def test_cli_start_up_does_not_import_extract() -> None:
    code = (
        "import sys, factcheck.cli; "
        "heavy = [m for m in ('factcheck.extract', 'factcheck.facts', 'factcheck.anchor', 'rapidfuzz') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_merge_scores_a_claim_added_by_hand(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "claims"
    shutil.copytree(SEED_DIR, folder)
    monkeypatch.chdir(tmp_path)
    path = folder / f"{SEED}.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    kept = dict(document["claims"][3])
    document["claims"][3]["worthiness"] = None
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run("extract", f"claims/{SEED}.txt", "--into", f"claims/{SEED}.json").exit_code == 0
    after = json.loads(path.read_text(encoding="utf-8"))["claims"][3]
    # Scored the way extract scores the same sentence in a new claims file; nothing else changed.
    proposed = run("extract", f"claims/{SEED}.txt", "--min-score", "0", "--format", "json")
    fresh = [p for p in json.loads(proposed.stdout) if p["text"] == kept["text"]]
    assert [{"score": p["score"], "reasons": p["reasons"]} for p in fresh] == [after["worthiness"]]
    assert after["worthiness"]["reasons"] and after["worthiness"]["score"] is not None
    assert {**after, "worthiness": None} == {**kept, "worthiness": None}


def test_a_rejection_outlives_a_corrected_typo(run, workdir: Path) -> None:
    article = workdir / "claims" / "bridge.txt"
    article.write_text(ARTICLE.replace("after four years", "aftr four years"), encoding="utf-8")
    run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert run("reject", "larkspur-2020").exit_code == 0
    # The typo is corrected, and a sentence like it, with other figures, is added: a different statement.
    fixed = ARTICLE.replace(
        "after four years of work.", "after four years of work. The Larkspur bridge closed in March 2023 after a storm."
    )
    article.write_text(fixed, encoding="utf-8")
    result = run("extract", "claims/bridge.txt", "--into", "claims/bridge.json")
    assert result.exit_code == 0, result.stderr
    claims_file = read(workdir / "claims" / "bridge.json").claims_file
    texts = [c.text for c in claims_file.claims]
    assert "The Larkspur bridge opened in March 2020 after four years of work." not in texts
    assert "The Larkspur bridge closed in March 2023 after a storm." in texts
    assert [e.claim.id for e in claims_file.set_aside] == ["larkspur-2020"]
    # Nor does the preview propose it.
    rows = json.loads(run("extract", "claims/bridge.txt", "--format", "json").stdout)
    assert not any(r["text"].startswith("The Larkspur bridge opened") for r in rows)
