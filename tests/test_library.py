"""The library: importing fact-checks and documents, keeping the index consistent, and hostile input."""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import zlib
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from test_convert import pdf_of, tiny_pdf

from factcheck.library import documents, feeds, index, terms
from factcheck.library.index import Library
from factcheck.library.records import Document, FactCheckEntry
from factcheck.model.errors import InputError
from factcheck.model.vocab import VERDICTS, Status
from factcheck.store.folder import Folder
from factcheck.store.paths import display

from conftest import make_claim, make_source, write_claims

DATA = Path(__file__).parent / "data" / "library"


def lib_args(tmp_path: Path) -> list[str]:
    return ["--library", str(tmp_path / "lib")]


def listed(run, tmp_path: Path) -> dict:
    result = run("library", "list", "--format", "json", *lib_args(tmp_path))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- fact-checks -------------------------------------------------------------------------


def test_claimreview_in_a_graph_keeps_every_field(run, tmp_path: Path) -> None:
    result = run("library", "add", str(DATA / "claimreview-graph.json"), *lib_args(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "2 new fact-checks" in result.stderr
    first, second = listed(run, tmp_path)["factchecks"]
    assert first == {
        "claim": "The new river bridge cost $2.4 billion to build",
        "rating": "False",
        "url": "https://checks.example.org/bridge-cost",
        "publisher": "Example Checks",
        "date": "2023-04-01",
        "claimant": "Mayor Jane Roe",
        "headline": "Did the river bridge cost $2.4 billion?",
        "origin": str((DATA / "claimreview-graph.json").resolve()),
    }
    assert (second["publisher"], second["rating"]) == ("Other Desk", "Pants on Fire")


@pytest.mark.parametrize(
    ("name", "claims"),
    [
        ("feed.json", ["Arctic sea ice has grown every year since 2012"]),
        (
            "factchecks.csv",
            ["Eating carrots improves night vision dramatically", "The Great Wall of China is visible from the Moon"],
        ),
        ("factchecks.tsv", ["Milk is bad for adult bones"]),
        ("review-page.html", ["Bus fares in the city doubled in 2022"]),
    ],
)
def test_each_kind_of_feed(run, tmp_path: Path, name: str, claims: list[str]) -> None:
    assert run("library", "add", str(DATA / name), *lib_args(tmp_path)).exit_code == 0
    assert [f["claim"] for f in listed(run, tmp_path)["factchecks"]] == claims


def test_the_date_is_the_fact_checks_never_the_claims() -> None:
    # itemReviewed's datePublished is when the claim was made: shown or exported as the review's date,
    # a fact-check of a claim from 2025-02-26 would read as published that day.
    review = {
        "@type": "ClaimReview",
        "url": "https://checks.example.org/hospitalised",
        "claimReviewed": "There are about 20 people hospitalized, mainly for quarantine.",
        "itemReviewed": {"@type": "Claim", "datePublished": "2025-02-26", "author": {"name": "A Minister"}},
    }
    (entry,) = feeds.from_json_ld(review)
    assert (entry.date, entry.claimant) == (None, "A Minister")
    (entry,) = feeds.from_json_ld({**review, "datePublished": "2025-02-28"})
    assert entry.date == "2025-02-28"


def test_a_table_names_its_columns() -> None:
    (entry,) = feeds.from_table("Claim Reviewed,Verdict\nThe sky is green,False\n", "t.csv", ",").entries
    assert (entry.claim, entry.rating) == ("The sky is green", "False")
    # A table made from ClaimReview keeps its property names: reviewRating is the rating.
    (entry,) = feeds.from_table("claimReviewed;reviewRating\nEl cielo es verde;Falso\n", "t.csv", ";").entries
    assert (entry.claim, entry.rating) == ("El cielo es verde", "Falso")
    with pytest.raises(Exception, match=r"t\.csv:1: no column names the claim"):
        feeds.from_table("a,b\n1,2\n", "t.csv", ",")


def test_a_csv_with_semicolons_and_a_byte_order_mark(run, tmp_path: Path) -> None:
    result = run("library", "add", str(DATA / "factchecks-semicolon.csv"), *lib_args(tmp_path))
    assert result.exit_code == 0, result.stderr
    first, second = listed(run, tmp_path)["factchecks"]
    assert (first["claim"], first["rating"], first["publisher"]) == (
        "Le tram de Lyon transporte 500 000 voyageurs par jour",
        "Plutôt vrai",
        "Vérif Express",
    )
    assert (second["claim"], second["url"]) == (
        "Die Miete in Berlin stieg 2023 um 12,5 %",
        "https://checks.example.org/de/miete-berlin",
    )


def test_a_rating_given_as_a_number_keeps_its_scale(run, tmp_path: Path) -> None:
    assert run("library", "add", str(DATA / "numeric-ratings.jsonld"), *lib_args(tmp_path)).exit_code == 0
    ratings = [f["rating"] for f in listed(run, tmp_path)["factchecks"]]
    assert ratings == ["2/5", "-1 (-2 to 2)", "Mostly true"]


def test_a_claimreview_without_a_claim_is_named_and_the_rest_added(run, tmp_path: Path) -> None:
    result = run("library", "add", str(DATA / "partial-feed.jsonld"), *lib_args(tmp_path))
    assert result.exit_code == 2
    where = display(DATA / "partial-feed.jsonld")
    assert result.stderr.splitlines() == [
        f"{where}: 1 new fact-check",
        f"skipped {where}:11: the ClaimReview has no claimReviewed, nor an itemReviewed with text",
        "library: 1 new item",
        "1 item skipped",
    ]
    assert [f["claim"] for f in listed(run, tmp_path)["factchecks"]] == ["Tram fares rose by half in 2024"]


def test_a_table_names_each_row_it_leaves_out_and_adds_the_rest(run, tmp_path: Path) -> None:
    result = run("library", "add", str(DATA / "partial-table.csv"), *lib_args(tmp_path))
    assert result.exit_code == 2
    where = display(DATA / "partial-table.csv")
    assert result.stderr.splitlines() == [
        f"{where}: 3 new fact-checks",
        f"skipped {where}:3: no claim in column 'Claim'",
        f"skipped {where}:6: the URL 'ftp://checks.example.org/ferries' in column 'URL' is not http(s)",
        "library: 3 new items",
        "2 items skipped",
    ]
    assert [(f["claim"], f["url"]) for f in listed(run, tmp_path)["factchecks"]] == [
        ("The tram to the airport opened in 2019", "https://checks.example.org/tram"),
        ("A claim whose cell runs over two lines", "https://checks.example.org/two-lines"),
        ("Bus lanes cut journey times by a third", None),
    ]


def test_a_tsv_row_with_a_bad_url_costs_that_row_only(run, tmp_path: Path) -> None:
    result = run("library", "add", str(DATA / "partial-table.tsv"), *lib_args(tmp_path))
    assert result.exit_code == 2
    where = display(DATA / "partial-table.tsv")
    assert f"skipped {where}:2: the URL 'not a url' in column 'url' is not http(s)" in result.stderr.splitlines()
    assert [f["claim"] for f in listed(run, tmp_path)["factchecks"]] == ["The harbour tunnel opened in 1992"]


def test_a_table_whose_header_names_no_claim_is_refused_whole(run, tmp_path: Path) -> None:
    table = tmp_path / "no-claim.csv"
    table.write_text("rating,url\nFalse,https://c.example.org/1\n", encoding="utf-8")
    result = run("library", "add", str(table), *lib_args(tmp_path))
    assert result.exit_code == 2
    assert f"skipped {display(table)}:1: no column names the claim" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_feed_with_no_items_adds_nothing_and_is_no_error(run, tmp_path: Path) -> None:
    result = run("library", "add", str(DATA / "empty-feed.jsonld"), *lib_args(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "0 new fact-checks" in result.stderr
    not_a_feed = tmp_path / "settings.json"
    not_a_feed.write_text('{"theme": "dark"}', encoding="utf-8")
    refused = run("library", "add", str(not_a_feed), *lib_args(tmp_path))
    assert refused.exit_code == 2 and "no ClaimReview in it" in refused.stderr


def test_a_claims_file_gives_its_claims_with_a_verdict(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    claims = tmp_path / "claims"
    write_claims(
        claims,
        "bridge",
        [
            make_claim("bridge-cost", "It cost $2.4 billion, the city said.", "false"),
            make_claim("bridge-open", "The bridge opened in 2020.", "unverified"),
            make_claim("bridge-waste", "It was a waste.", "opinion"),
        ],
        article={"title": "The bridge", "publisher": "City Paper", "url": "https://paper.example.org/bridge"},
    )
    assert run("library", "add", str(claims), *lib_args(tmp_path)).exit_code == 0
    (entry,) = listed(run, tmp_path)["factchecks"]
    assert entry["claim"] == "It cost $2.4 billion, the city said."
    assert entry["rating"] == "false"
    assert entry["url"] == "https://paper.example.org/bridge#bridge-cost"
    # The desk published the fact-check, not the outlet whose article it checks: no desk named, no publisher.
    assert entry["publisher"] is None
    (tmp_path / "setup.cfg").write_text("[factcheck]\npublisher-name = Harbour Desk\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # where the configuration names the desk, as export reads it
    assert run("library", "add", str(claims), *lib_args(tmp_path)).exit_code == 0
    assert [e["publisher"] for e in listed(run, tmp_path)["factchecks"]] == ["Harbour Desk"]
    added = ("library", "add", str(claims), "--publisher-name", "Desk", *lib_args(tmp_path))
    assert run(*added).exit_code == 0
    assert [e["publisher"] for e in listed(run, tmp_path)["factchecks"]] == ["Desk"]


def test_a_claims_file_gives_only_the_verdicts_export_publishes(run, tmp_path: Path) -> None:
    # A status only verify set is no one's verdict yet, and a verdict flagged for review waits for a
    # person: export claimreview leaves both out, and the desk's library does not hold them as its fact-checks.
    by_verify = {"at": "2026-11-01T00:00:00Z", "from": "unverified", "to": "unsupported", "by": "verify", "why": "x"}
    by_person = {"at": "2026-11-02T00:00:00Z", "from": "unverified", "to": "false", "by": "ann", "why": "y"}
    flag = {"since": "2026-11-03T00:00:00Z", "why": "its wording changed after the verdict"}
    claims = tmp_path / "claims"
    write_claims(
        claims,
        "bridge",
        [
            make_claim("bridge-cost", "It cost $2.4 billion, the city said.", "unsupported", history=[by_verify]),
            make_claim("bridge-open", "The bridge opened in 2020.", "false", history=[by_person], review=flag),
            make_claim("bridge-toll", "The toll is $4.50.", "false", history=[by_person]),
        ],
        article={"title": "The bridge", "url": "https://paper.example.org/bridge"},
    )
    assert run("library", "add", str(claims), *lib_args(tmp_path)).exit_code == 0
    assert [f["url"] for f in listed(run, tmp_path)["factchecks"]] == ["https://paper.example.org/bridge#bridge-toll"]


def test_a_claims_file_s_fact_check_is_dated_by_its_verdict_as_export_dates_it(run, tmp_path: Path) -> None:
    by_person = {"at": "2026-11-02T09:30:00Z", "from": "unverified", "to": "false", "by": "ann", "why": "y"}
    claims = tmp_path / "claims"
    write_claims(
        claims,
        "bridge",
        [
            make_claim("bridge-toll", "The toll is $4.50.", "false", history=[by_person]),
            make_claim("bridge-cost", "It cost $2.4 billion, the city said.", "false"),  # no event: the article's
        ],
        article={"title": "The bridge", "url": "https://paper.example.org/bridge", "date": "2026-03-01"},
    )
    assert run("library", "add", str(claims), *lib_args(tmp_path)).exit_code == 0
    dates = {f["url"].rsplit("#", 1)[1]: f["date"] for f in listed(run, tmp_path)["factchecks"]}
    assert dates == {"bridge-toll": "2026-11-02", "bridge-cost": "2026-03-01"}


def test_a_claims_file_added_again_is_what_the_library_holds_of_it(run, tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    article = {"title": "Ferries", "url": "https://news.example.org/ferries"}
    fares = make_claim("fares", "Ferry fares tripled in 2023.", "false")
    jobs = make_claim("jobs", "The port created 4,000 jobs.", "misleading")
    path = write_claims(claims, "ferries", [fares, jobs], article)
    assert run("library", "add", str(path), *lib_args(tmp_path)).exit_code == 0
    # The desk takes one verdict back, and publishes its review page: the file's fact-checks move there.
    write_claims(
        claims,
        "ferries",
        [fares, {**jobs, "status": "unverified"}],
        {**article, "review_url": "https://desk.example.org/ferries"},
    )
    result = run("library", "add", str(path), *lib_args(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert f"{display(path)}: 1 new fact-check, 2 removed" in result.stderr.splitlines()
    assert [f["url"] for f in listed(run, tmp_path)["factchecks"]] == ["https://desk.example.org/ferries#fares"]


# --- claims files, read as the store reads them ---------------------------------------------

_GOOD_ARTICLE = {"title": "Ferries", "publisher": "City Paper", "url": "https://news.example.org/ferries"}


def _claims_text(claims: list[dict], article: dict | None = None, version: int = 2, **top: object) -> str:
    document = {"schema_version": version, "article": article or _GOOD_ARTICLE, "claims": claims, **top}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _store_error(path: Path) -> str:
    """What the store says of a claims file, as ``library add`` shows a skipped file: ``file:line: reason``."""
    with pytest.raises(InputError) as caught:
        list(Folder(path).files())
    error = caught.value
    return f"{error.path}:{error.line}: {error.reason}"


_FARES = make_claim("fares", "Ferry fares tripled in 2023.", "false")
_CONTRADICTS = {"at": "2026-11-01T00:00:00Z", "outcome": "contradicts"}

# Each kind of error the store reports, and the line and words it reports it with.
REFUSED = {
    "status": (
        _claims_text([{**_FARES, "status": "wrong"}]),
        "12: claim 'fares': status: 'wrong' is not one of unverified, verified, mixed, misleading, false,"
        " unsupported, opinion",
    ),
    "missing field": (
        _claims_text([{"id": "fares", "status": "false"}]),
        "9: claim 'fares': text: is missing",
    ),
    "type": (_claims_text([{**_FARES, "text": 5}]), "11: claim 'fares': text: must be a string, not a whole number"),
    "pattern": (
        _claims_text([_FARES], {**_GOOD_ARTICLE, "date": "2023-13-01"}),
        "7: article.date: must be a real date written YYYY-MM-DD, YYYY-MM or YYYY",
    ),
    "unknown field": (_claims_text([{**_FARES, "colour": "red"}]), "15: claim 'fares': colour: unknown field"),
    "version 1 word in version 2": (
        _claims_text([{**_FARES, "sources": [{"url": "https://e.example.org/a", "last_check": _CONTRADICTS}]}]),
        "18: claim 'fares': sources[0].last_check.outcome: 'contradicts' is not one of",
    ),
    "newer version": (
        _claims_text([_FARES], version=3),
        "2: schema_version: unknown version 3; this factcheck reads version 2",
    ),
    "no version": (
        json.dumps({"article": _GOOD_ARTICLE, "claims": [_FARES]}),
        "1: schema_version is missing; a claims file is a JSON object with schema_version, article and claims",
    ),
    "repeated key": (
        _claims_text([_FARES]).replace('"status": "false"', '"status": "false",\n      "status": "verified"'),
        "13: the key 'status' appears twice in one object",
    ),
    "repeated id": (
        _claims_text([_FARES, {**_FARES, "text": "Ferry fares fell."}]),
        "17: claim id 'fares' is used twice (also at {file}:10); ids must be unique",
    ),
    "not JSON": (_claims_text([_FARES]).replace("]", ",]"), "13: invalid JSON: Expecting value"),
}


@pytest.mark.parametrize("kind", REFUSED)
def test_a_claims_file_the_store_refuses_is_skipped_with_its_words(run, tmp_path: Path, kind: str) -> None:
    text, said = REFUSED[kind]
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "a-broken.json").write_text(text, encoding="utf-8")
    write_claims(folder, "b-good", [make_claim("jobs", "The port created 4,000 jobs.", "misleading")], _GOOD_ARTICLE)
    broken = display(folder / "a-broken.json")
    result = run("library", "add", str(folder), *lib_args(tmp_path))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    (skipped,) = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert skipped.startswith(f"skipped {broken}:{said.format(file=broken)}")
    assert skipped == f"skipped {_store_error(folder / 'a-broken.json')}"  # the store's own message
    # The rest of the import goes on: the good file beside it is added.
    assert [f["claim"] for f in listed(run, tmp_path)["factchecks"]] == ["The port created 4,000 jobs."]


@pytest.mark.parametrize("named", ["the folder", "its files one by one"])
def test_claims_files_of_one_folder_sharing_a_claim_id_are_refused_naming_both(run, tmp_path: Path, named) -> None:
    folder = tmp_path / "claims"
    first = write_claims(folder, "a-ferries", [_FARES], _GOOD_ARTICLE)
    # A stale copy with another verdict under the same id: taken, it would replace the first file's.
    jobs = make_claim("jobs", "The port created 4,000 jobs.", "misleading")
    copy = write_claims(folder, "b-ferries-copy", [jobs, {**_FARES, "status": "verified"}], _GOOD_ARTICLE)
    # An id of the file refused is free: that file gave the library nothing.
    write_claims(folder, "c-port", [jobs], {**_GOOD_ARTICLE, "url": "https://news.example.org/port"})
    refused = _store_error(folder)  # as list and check refuse the folder: the second file, naming the first
    assert (
        refused.startswith(f"{display(copy)}:")
        and f"claim id 'fares' is used twice (also at {display(first)}:" in refused
    )
    paths = [folder] if named == "the folder" else sorted(folder.glob("*.json"))  # as a shell's claims/*.json
    result = run("library", "add", *map(str, paths), *lib_args(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{display(first)}: 1 new fact-check",
        f"skipped {refused}",
        f"{display(folder / 'c-port.json')}: 1 new fact-check",
        "library: 2 new items",
        "1 item skipped",
    ]
    factchecks = listed(run, tmp_path)["factchecks"]
    assert [(f["url"], f["rating"]) for f in factchecks] == [
        ("https://news.example.org/ferries#fares", "false"),
        ("https://news.example.org/port#jobs", "misleading"),
    ]


def test_a_claims_file_named_twice_is_not_refused_for_sharing_ids_with_itself(run, tmp_path: Path) -> None:
    path = write_claims(tmp_path / "claims", "ferries", [_FARES], _GOOD_ARTICLE)
    result = run("library", "add", str(path), str(tmp_path / "claims"), str(path), *lib_args(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[1:] == [f"{display(path)}: 0 new fact-checks, 1 unchanged"] * 2 + [
        "library: 1 new item, 2 unchanged"
    ]


def test_a_claims_file_broken_since_it_was_added_leaves_the_library_as_it_was(run, tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    jobs = make_claim("jobs", "The port created 4,000 jobs.", "misleading")
    path = write_claims(claims, "ferries", [_FARES, jobs], _GOOD_ARTICLE)
    assert run("library", "add", str(path), *lib_args(tmp_path)).exit_code == 0
    before = listed(run, tmp_path)
    # Edited by hand into a file no command takes: were it read regardless, its one claim would replace both.
    path.write_text(_claims_text([{**_FARES, "status": "False"}]), encoding="utf-8")
    result = run("library", "add", str(path), *lib_args(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"skipped {_store_error(path)}"
    assert listed(run, tmp_path) == before
    assert [f["claim"] for f in before["factchecks"]] == [_FARES["text"], jobs["text"]]
    stats = run("library", "stats", "--format", "json", *lib_args(tmp_path))
    assert stats.exit_code == 0 and json.loads(stats.stdout)["factchecks"] == 2


def _every_status() -> list[dict]:
    return [make_claim(f"c-{status}", f"The {status} claim about ferries.", status) for status in Status]


def _set_aside(claim: dict) -> dict:
    return {"kind": "retired", "at": "2026-11-02T09:00:00Z", "by": "Ed Itor", "why": "cut", "claim": claim}


# Files every command takes, each of an edge the store handles, and the claims the library takes from them.
# Without history, a verified or unsupported is read as verify's (as export reads it): no one's verdict yet.
VERDICT_CLAIMS = [(f"The {s} claim about ferries.", s.value) for s in Status if s in VERDICTS and s != "opinion"]
FARES = [(_FARES["text"], "false")]
# A source as version 1 wrote it: 'contradicts' is the outcome version 2 calls 'conflicts'.
_V1_SOURCE = {"url": "https://e.example.org/a", "quote": "q", "last_check": _CONTRADICTS}
VALID: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "every status": (_claims_text(_every_status()), VERDICT_CLAIMS),
    "set-aside claims": (
        _claims_text([_FARES], set_aside=[_set_aside(make_claim("gone", "The old ferry sank.", "false"))]),
        FARES,
    ),
    "version 1": (_claims_text([{**_FARES, "sources": [_V1_SOURCE]}], version=1), FARES),
    "version 1, keys sorted": (
        json.dumps(json.loads(_claims_text([{**_FARES, "sources": [_V1_SOURCE]}], version=1)), sort_keys=True),
        FARES,
    ),
    "byte-order mark": ("\ufeff" + _claims_text(_every_status()), VERDICT_CLAIMS),
    "keys in any order": (
        json.dumps({"claims": [dict(reversed(_FARES.items()))], "schema_version": 2, "article": _GOOD_ARTICLE}),
        FARES,
    ),
}


@pytest.mark.parametrize("kind", VALID)
def test_a_claims_file_every_command_takes_is_added(run, tmp_path: Path, kind: str) -> None:
    text, expected = VALID[kind]
    path = tmp_path / "claims" / "ferries.json"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    assert list(Folder(path).files())  # the store takes it
    result = run("library", "add", str(path), *lib_args(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert f"{display(path)}: {len(expected)} new fact-check" in result.stderr
    factchecks = listed(run, tmp_path)["factchecks"]
    assert [(f["claim"], f["rating"]) for f in factchecks] == expected
    # The article's headline is the checked article's, not the fact-check's: it would read as the fact-check's.
    assert {f["headline"] for f in factchecks} == {None}
    assert [f["url"].split("#")[0] for f in factchecks] == [_GOOD_ARTICLE["url"]] * len(expected)


def test_a_feed_added_again_keeps_what_it_no_longer_lists(run, tmp_path: Path) -> None:
    feed = tmp_path / "latest.json"
    review = {"@type": "ClaimReview", "reviewRating": {"alternateName": "False"}}
    older = {**review, "url": "https://checks.example.org/older", "claimReviewed": "Trams run on coal"}
    newer = {**review, "url": "https://checks.example.org/newer", "claimReviewed": "Buses run on gin"}
    feed.write_text(json.dumps([older]), encoding="utf-8")
    assert run("library", "add", str(feed), *lib_args(tmp_path)).exit_code == 0
    # A feed of the latest fact-checks only: the older one scrolled out of it, and stays in the library.
    feed.write_text(json.dumps([newer]), encoding="utf-8")
    assert run("library", "add", str(feed), *lib_args(tmp_path)).exit_code == 0
    assert [f["claim"] for f in listed(run, tmp_path)["factchecks"]] == ["Trams run on coal", "Buses run on gin"]


def test_adding_again_updates_without_duplicates(run, tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    review = {"@type": "ClaimReview", "url": "https://c.example.org/1", "claimReviewed": "A claim about fish"}
    feed.write_text(json.dumps(review), encoding="utf-8")
    run("library", "add", str(feed), *lib_args(tmp_path))
    result = run("library", "add", str(feed), *lib_args(tmp_path))
    assert "0 new fact-checks, 1 unchanged" in result.stderr
    feed.write_text(json.dumps({**review, "reviewRating": {"alternateName": "True"}}), encoding="utf-8")
    result = run("library", "add", str(feed), *lib_args(tmp_path))
    assert "0 new fact-checks, 1 updated" in result.stderr
    assert [f["rating"] for f in listed(run, tmp_path)["factchecks"]] == ["True"]


def test_markup_and_escapes_in_a_claimreview_never_come_out_as_markup(run, tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    review = {
        "@type": "ClaimReview",
        "url": "https://c.example.org/x",
        "claimReviewed": "Taxes &lt;script&gt;alert(1)&lt;/script&gt; rose <b>50%</b> \x1b[31m in 2020",
        "author": {"name": "<img src=x onerror=alert(1)>Desk"},
    }
    feed.write_text(json.dumps(review), encoding="utf-8")
    assert run("library", "add", str(feed), *lib_args(tmp_path)).exit_code == 0
    (entry,) = listed(run, tmp_path)["factchecks"]
    assert entry["claim"] == "Taxes alert(1) rose 50% \x1b[31m in 2020"
    assert entry["publisher"] == "Desk"
    shown = run("match", "--text", "taxes rose 50% in 2020", *lib_args(tmp_path))
    assert shown.exit_code == 0
    assert "<" not in shown.stdout and "\x1b" not in shown.stdout
    assert "Taxes alert(1) rose 50% \\x1b[31m in 2020" in shown.stdout


def test_a_feed_over_the_size_cap_is_refused_unread(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feeds, "MAX_FEED_BYTES", 1000)
    big = tmp_path / "huge.json"
    with open(big, "wb") as fh:
        fh.write(b"[" + b'{"@type": "ClaimReview", "claimReviewed": "x"},' * 100 + b"{}]")
    before = run("library", "add", str(DATA / "feed.json"), *lib_args(tmp_path))
    assert before.exit_code == 0
    result = run("library", "add", str(big), *lib_args(tmp_path))
    assert result.exit_code == 2
    assert "skipped huge.json" in result.stderr.replace(str(tmp_path) + os.sep, "")
    assert "more than the 1,000 a feed may have" in result.stderr
    assert len(listed(run, tmp_path)["factchecks"]) == 1


def test_a_broken_feed_is_named_and_the_rest_is_added(run, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.json").write_text('{"@type": "ClaimReview",\n "claimReviewed": }', encoding="utf-8")
    (folder / "good.csv").write_text("claim,rating\nThe moon is made of cheese,False\n", encoding="utf-8")
    result = run("library", "add", str(folder), *lib_args(tmp_path))
    assert result.exit_code == 2
    assert "bad.json:2: not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr
    assert [f["claim"] for f in listed(run, tmp_path)["factchecks"]] == ["The moon is made of cheese"]


def test_an_import_that_adds_nothing_makes_no_library(run, claims_dir: Path) -> None:
    library = claims_dir.parent / ".factcheck"
    missing = run("--claims", str(claims_dir), "library", "add", "nope.json")
    assert missing.exit_code == 2 and "skipped nope.json" in missing.stderr
    empty = run("--claims", str(claims_dir), "library", "add", str(DATA / "empty-feed.jsonld"))
    assert empty.exit_code == 0, empty.stderr
    assert not library.exists()
    # Once there is something to add, the library is made; after that an empty feed leaves it as it was.
    assert run("--claims", str(claims_dir), "library", "add", str(DATA / "feed.json")).exit_code == 0
    assert run("--claims", str(claims_dir), "library", "add", str(DATA / "empty-feed.jsonld")).exit_code == 0
    stats = run("--claims", str(claims_dir), "library", "stats")
    assert "fact-checks: 1 from 1 publisher" in stats.stdout


def test_an_interrupted_import_leaves_the_library_as_it_was(tmp_path: Path) -> None:
    with Library(tmp_path / "lib") as library:
        library.add_factchecks([FactCheckEntry(claim="First claim", url="https://c.example.org/1")], "a")

        def entries():
            yield FactCheckEntry(claim="Second claim", url="https://c.example.org/2")
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            library.add_factchecks(entries(), "b")
        assert [e.claim for e, _ in library.factchecks()] == ["First claim"]
        assert [c.entry.claim for c in library.factcheck_candidates("second", 5)] == []
        assert library.stats().factchecks == 1


# --- documents -----------------------------------------------------------------------


def test_documents_become_passages_with_title(run, tmp_path: Path) -> None:
    for name in ("report.html", "notes.md"):
        assert run("library", "add", str(DATA / name), *lib_args(tmp_path)).exit_code == 0
    docs = listed(run, tmp_path)["documents"]
    assert [(Path(d["location"]).name, d["title"]) for d in docs] == [
        ("report.html", "Transport report 2023"),
        ("notes.md", "Arctic notes"),
    ]
    with Library(tmp_path / "lib") as library:
        (found, *_) = library.passage_candidates("sea ice extent decline per decade", 5)
    assert found.passage.text.startswith("Arctic sea ice extent in September has declined by about 13%")


def test_a_folder_added_again_drops_the_documents_whose_files_are_gone(run, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "desk" / "reports"
    shutil.copytree(DATA / "desk-documents", folder)
    (tmp_path / "desk" / "loose.md").write_text("# Loose\n\nA note outside the folder, added on its own.\n")
    assert run("library", "add", str(folder), str(tmp_path / "desk" / "loose.md"), *lib_args(tmp_path)).exit_code == 0
    (folder / "rail-freight.md").unlink()
    (tmp_path / "desk" / "loose.md").unlink()
    again = run("library", "add", str(folder), *lib_args(tmp_path))
    assert again.exit_code == 0, again.stderr
    assert f"{display(folder / 'rail-freight.md')}: 0 new documents, 1 removed" in again.stderr
    names = [Path(d["location"]).name for d in listed(run, tmp_path)["documents"]]
    assert names == ["khorgos-park-2021.html", "loose.md"]  # outside the folder added: for library remove


def test_a_page_added_as_a_document_is_read_and_parsed_once(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Looking for embedded ClaimReviews read the file, then cutting it into passages read it again,
    # and parsed it once for its text and once more for its title and date.
    from trafilatura import utils

    page = tmp_path / "report.html"
    page.write_bytes((DATA / "report.html").read_bytes())
    opened: list[object] = []
    parsed: list[object] = []
    open_, parse = os.open, utils.fromstring
    monkeypatch.setattr(
        os, "open", lambda path, *a, **k: (opened.append(path) if path == page else None) or open_(path, *a, **k)
    )
    monkeypatch.setattr(utils, "fromstring", lambda *a, **k: parsed.append(a) or parse(*a, **k))
    assert run("library", "add", str(page), *lib_args(tmp_path)).exit_code == 0
    assert (len(opened), len(parsed)) == (1, 1)
    monkeypatch.undo()
    assert [d["title"] for d in listed(run, tmp_path)["documents"]] == ["Transport report 2023"]


def test_passages_hold_whole_sentences_up_to_the_limit() -> None:
    sentence = "The council approved the plan in May. "
    cut = documents.passages(sentence * 40)
    assert all(len(p) <= documents.PASSAGE_CHARS for p in cut)
    assert all(p.endswith("May.") for p in cut)
    assert sum(p.count("approved") for p in cut) == 40


def test_a_pages_headline_is_its_title_not_the_start_of_its_first_sentence() -> None:
    # A headline too long to pass for a heading was glued to the first sentence ("... 120 people An
    # unvaccinated child has died ..."): search showed it, and --add quoted it, as one sentence.
    # Text from https://inkl.com/news/first-person-dies-of-measles-in-texas-outbreak-that-has-sickened-more-than-120-people
    headline = "First person dies of measles in Texas outbreak that has sickened more than 120 people"
    page = (
        f"<html><head><title>{headline} | inkl</title></head><body><article><h1>{headline}</h1>"
        "<p>An unvaccinated child has died of measles in Texas, the first death in the current measles outbreak"
        " in the west of the state and the first in the U.S. since 2015, say health officials.</p>"
        "<p>Other details about the deceased, including their name and case severity, remain unknown.</p>"
        "</article></body></html>"
    )
    document = documents.from_body(page.encode(), "text/html", "/saved/first-death.html")
    assert document.title == headline
    (passage,) = document.passages
    assert passage.startswith("An unvaccinated child has died of measles in Texas")
    # A line that is not the title stays where it is: only the page's own title is set aside.  (Opening the
    # text, the line would be its headline, a heading, which passages leave out whatever the title.)
    (kept,) = documents.passages(
        f"One sentence comes first.\n\n{headline}\n\nOne sentence follows it.", title="Another title"
    )
    assert headline in kept


def test_a_changed_document_replaces_its_passages(tmp_path: Path) -> None:
    with Library(tmp_path / "lib") as library:
        library.add_document(Document(location="/d", passages=["Old text about tigers."]))
        assert library.add_document(Document(location="/d", passages=["Old text about tigers."])).unchanged == 1
        assert library.add_document(Document(location="/d", passages=["New text about lions."])).updated == 1
        assert library.passage_candidates("tigers", 5) == []
        assert [c.passage.text for c in library.passage_candidates("lions", 5)] == ["New text about lions."]
        assert library.stats().passages == 1


def test_remove_by_url_feed_and_folder(run, tmp_path: Path) -> None:
    run("library", "add", str(DATA / "claimreview-graph.json"), str(DATA / "factchecks.csv"), *lib_args(tmp_path))
    run("library", "add", str(DATA / "report.html"), *lib_args(tmp_path))
    assert run("library", "remove", "https://checks.example.org/carrots", *lib_args(tmp_path)).exit_code == 0
    assert run("library", "remove", str(DATA / "claimreview-graph.json"), *lib_args(tmp_path)).exit_code == 0
    assert run("library", "remove", str(DATA), *lib_args(tmp_path)).exit_code == 0
    contents = listed(run, tmp_path)
    assert [f["claim"] for f in contents["factchecks"]] == ["The Great Wall of China is visible from the Moon"]
    assert contents["documents"] == []
    missing = run("library", "remove", "https://nowhere.example.org/", *lib_args(tmp_path))
    assert missing.exit_code == 2
    assert "nothing in the library at https://nowhere.example.org/" in missing.stderr


def test_removing_most_of_the_library_gives_the_space_back(run, tmp_path: Path) -> None:
    feed = tmp_path / "big.json"
    reviews = [
        {"@type": "ClaimReview", "url": f"https://checks.example.org/{i}", "claimReviewed": f"Claim {i} on grain"}
        for i in range(3000)
    ]
    feed.write_text(json.dumps(reviews), encoding="utf-8")
    run("library", "add", str(DATA / "feed.json"), str(feed), *lib_args(tmp_path))

    def size() -> int:
        result = run("library", "stats", "--format", "json", *lib_args(tmp_path))
        return int(json.loads(result.stdout)["size_bytes"])

    full = size()
    assert run("library", "remove", str(feed), *lib_args(tmp_path)).exit_code == 0
    assert size() * 4 < full
    assert [f["claim"] for f in listed(run, tmp_path)["factchecks"]] == [
        "Arctic sea ice has grown every year since 2012"
    ]


def test_stats(run, tmp_path: Path) -> None:
    run("library", "add", str(DATA / "claimreview-graph.json"), str(DATA / "report.html"), *lib_args(tmp_path))
    result = run("library", "stats", "--format", "json", *lib_args(tmp_path))
    stats = json.loads(result.stdout)
    assert (stats["factchecks"], stats["publishers"], stats["documents"], stats["passages"]) == (2, 2, 1, 1)


def test_stats_json_keeps_a_folder_name_as_written(run, tmp_path: Path) -> None:
    folder = tmp_path / "bibliothèque"
    run("library", "add", str(DATA / "claimreview-graph.json"), "--library", str(folder))
    result = run("library", "stats", "--format", "json", "--library", str(folder))
    assert result.exit_code == 0
    assert '"library": "' + str(folder) in result.stdout
    assert json.loads(result.stdout)["library"] == str(folder)


def _pdf(stream: bytes) -> bytes:
    """A one-page PDF whose content stream is ``stream`` (already Flate-compressed)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return pdf_of(objects)


def _titled_pdf(text: str, title: str) -> bytes:
    """``tiny_pdf(text)`` with ``title`` in its document information."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(tiny_pdf(text))))
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        (
            "Measles Vaccination and Vitamin A: Clinician Guidance",
            "Measles Vaccination and Vitamin A: Clinician Guidance",
        ),
        # What word processors write when nobody set a title: the file name is as good.
        ("Microsoft Word - guidance_v3.docx", "guidance"),
        ("untitled", "guidance"),
        ("guidance-final.pdf", "guidance"),
    ],
)
def test_a_pdf_is_titled_as_its_document_information_says(tmp_path: Path, title: str, shown: str) -> None:
    # search showed a report's file name as its title, and --add wrote it as the source's title.
    path = tmp_path / "guidance.pdf"
    path.write_bytes(_titled_pdf("Two doses of MMR vaccine is 97% effective in preventing measles.", title))
    assert documents.from_file(path).title == shown


def test_a_pdf_bomb_is_skipped_and_the_library_stays_whole(run, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bomb = zlib.compress(b"0" * (200 * 1024 * 1024), 9)  # 200 MB in about 200 kB
    assert len(bomb) < 300_000
    (folder / "bomb.pdf").write_bytes(_pdf(bomb))
    (folder / "notes.md").write_text((DATA / "notes.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("library", "add", str(folder), *lib_args(tmp_path))
    assert result.exit_code == 2
    assert "bomb.pdf: cannot read the document" in result.stderr
    assert [Path(d["location"]).name for d in listed(run, tmp_path)["documents"]] == ["notes.md"]


def test_a_pdf_with_text_is_read(tmp_path: Path) -> None:
    text = b"BT /F1 12 Tf 72 720 Td (Exports rose by 12% in 2021.) Tj ET"
    page = _pdf(zlib.compress(text)).replace(
        b"/Resources << >>", b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    )
    path = tmp_path / "exports.pdf"
    path.write_bytes(page)
    document = documents.from_file(path)
    assert document.title == "exports"
    assert document.passages == ["Exports rose by 12% in 2021."]


def test_a_folder_with_a_symlink_loop(run, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "notes.md").write_text("# Notes\n\nThe dam holds 40 million cubic metres.\n", encoding="utf-8")
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    result = run("library", "add", str(folder), *lib_args(tmp_path))
    assert result.exit_code == 2
    assert "self.txt: Too many levels of symbolic links" in result.stderr
    assert [Path(d["location"]).name for d in listed(run, tmp_path)["documents"]] == ["notes.md"]


NOTES = "# Notes\n\nThe dam holds 40 million cubic metres.\n"


def test_a_symlink_loop_given_is_named_and_skipped_and_the_rest_added(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("notes.md").write_text(NOTES, encoding="utf-8")
    Path("self.md").symlink_to("self.md")
    Path("a.md").symlink_to("b.md")
    Path("b.md").symlink_to("a.md")
    result = run("library", "add", "self.md", "notes.md", "a.md", *lib_args(tmp_path))
    assert result.exit_code == 2
    assert "skipped self.md: cannot read the document: Too many levels of symbolic links" in result.stderr
    assert "skipped a.md: cannot read the document: Too many levels of symbolic links" in result.stderr
    assert "Traceback" not in result.stderr
    assert [Path(d["location"]).name for d in listed(run, tmp_path)["documents"]] == ["notes.md"]
    # A claims path that loops: the library is kept beside it all the same.
    assert run("--claims", "self.md", "library", "add", "notes.md").exit_code == 0
    assert Path(".factcheck").is_dir()
    removed = run("library", "remove", "self.md", *lib_args(tmp_path))
    assert (removed.exit_code, removed.stderr) == (
        2,
        "factcheck: error: nothing in the library at self.md; see 'factcheck library list'\n",
    )


def test_a_broken_symlink_is_named_as_the_link_not_where_it_points(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    Path("in/notes.md").write_text(NOTES, encoding="utf-8")
    Path("in/gone.md").symlink_to("nowhere.md")
    Path("in/up").symlink_to("..", target_is_directory=True)  # a cycle through the folder above
    result = run("library", "add", "in", "in/gone.md", *lib_args(tmp_path))
    assert result.exit_code == 2
    assert "skipped in/gone.md: a broken or looping symbolic link" in result.stderr
    assert "skipped in/gone.md: no such document" in result.stderr
    assert "nowhere" not in result.stderr
    assert [Path(d["location"]).name for d in listed(run, tmp_path)["documents"]] == ["notes.md"]


def test_search_and_match_take_a_claim_whose_article_is_a_symlink_loop(run, tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    write_claims(
        claims, "dam", [make_claim("dam", "The dam holds 40 million cubic metres.")], {"title": "D", "path": "dam.txt"}
    )
    (claims / "dam.txt").symlink_to("dam.txt")
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    assert run("library", "add", str(tmp_path / "notes.md"), *lib_args(tmp_path)).exit_code == 0
    found = run("--claims", str(claims), "search", "dam", *lib_args(tmp_path))
    assert found.exit_code == 0 and "The dam holds 40 million cubic metres." in found.stdout
    assert run("--claims", str(claims), "match", "dam", *lib_args(tmp_path)).exit_code == 0


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_a_socket_is_named_and_skipped(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # a short path: a socket's name is limited to about a hundred bytes
    Path("notes.md").write_text(NOTES, encoding="utf-8")
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind("sock.md")
        result = run("library", "add", "sock.md", "notes.md", *lib_args(tmp_path))
    assert result.exit_code == 2
    assert "skipped sock.md: is not a regular file (a FIFO, a device or a socket)" in result.stderr
    assert [Path(d["location"]).name for d in listed(run, tmp_path)["documents"]] == ["notes.md"]


def test_a_name_that_is_not_utf8_is_named_and_skipped(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    Path("in/notes.md").write_text(NOTES, encoding="utf-8")
    try:
        Path(os.fsdecode(b"in/caf\xe9.md")).write_text("# Caf\n\nThe caf\u00e9 opened in 1921.\n", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    result = run("library", "add", "in", *lib_args(tmp_path))
    assert result.exit_code == 2
    assert "skipped in/caf\\udce9.md: the name is not UTF-8; rename the file to add it" in result.stderr
    assert [Path(d["location"]).name for d in listed(run, tmp_path)["documents"]] == ["notes.md"]
    removed = run("library", "remove", os.fsdecode(b"in/caf\xe9.md"), *lib_args(tmp_path))
    assert removed.exit_code == 2 and "nothing in the library at in/caf\\udce9.md" in removed.stderr


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="no /proc here")
def test_the_size_cap_holds_for_a_file_whose_size_is_given_as_0(tmp_path: Path) -> None:
    from factcheck.store.reading import read_bytes

    (tmp_path / "status.txt").symlink_to("/proc/self/status")
    assert (tmp_path / "status.txt").stat().st_size == 0  # what /proc reports, however much it holds
    with pytest.raises(InputError, match="is more than the 64 bytes"):
        read_bytes(tmp_path / "status.txt", "document", 64)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions do not hold for root")
def test_a_file_or_folder_without_read_permission_is_named_and_skipped(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("shut", "open"):
        Path(name).mkdir()
        Path(name, "notes.md").write_text(NOTES, encoding="utf-8")
    Path("closed.md").write_text(NOTES, encoding="utf-8")
    Path("closed.md").chmod(0)
    Path("shut").chmod(0)
    try:
        result = run("library", "add", "closed.md", "shut", "open", *lib_args(tmp_path))
    finally:
        Path("shut").chmod(0o755)
    assert result.exit_code == 2
    assert "skipped closed.md: cannot read the document: Permission denied" in result.stderr
    assert "skipped shut: Permission denied" in result.stderr
    assert [display(d["location"]) for d in listed(run, tmp_path)["documents"]] == ["open/notes.md"]


def _add_web_cache_citing(run, tmp_path: Path, *urls: str):  # type: ignore[no-untyped-def]
    """``library add --web-cache`` of the cache in ``tmp_path / "web"``, for a claims folder citing ``urls``."""
    claims = tmp_path / "claims"
    cost = "The river bridge cost $2.6 billion."
    write_claims(
        claims, "bridge", [make_claim(f"cost{n}", cost, sources=[make_source(url)]) for n, url in enumerate(urls)]
    )
    result = run(
        "--claims", str(claims), "library", "add", "--web-cache", "--cache-dir", str(tmp_path / "web"),
        *lib_args(tmp_path),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return result


def test_the_web_cache_becomes_documents(run, tmp_path: Path) -> None:
    from factcheck.net.cache import Entry, WebCache

    cache = WebCache(tmp_path / "web")
    body = (DATA / "report.html").read_bytes()
    cache.put(
        Entry(
            url="https://news.example.org/r",
            final_url="https://news.example.org/r",
            status=200,
            content_type="text/html; charset=utf-8",
            etag=None,
            last_modified=None,
            fetched_at="2026-01-01T00:00:00Z",
            body=body,
        )
    )
    _add_web_cache_citing(run, tmp_path, "https://news.example.org/r")
    (doc,) = listed(run, tmp_path)["documents"]
    assert (doc["location"], doc["title"]) == ("https://news.example.org/r", "Transport report 2023")


def test_the_web_cache_gives_the_pages_the_claims_cite_each_once(run, tmp_path: Path) -> None:
    # verify's cache is the user's, shared by every claims folder: it held pages fetched for other
    # desks (and for tests), and one page once for each address that led to it.
    from factcheck.net.cache import Entry, WebCache

    cache = WebCache(tmp_path / "web")
    body = (DATA / "report.html").read_bytes()
    for url, final in [
        ("https://news.example.org/r", "https://news.example.org/report"),
        ("https://news.example.org/report", "https://news.example.org/report"),
        ("https://elsewhere.example.org/other-desk", "https://elsewhere.example.org/other-desk"),
    ]:
        fields = {"status": 200, "content_type": "text/html", "etag": None, "last_modified": None}
        cache.put(Entry(url=url, final_url=final, fetched_at="2026-01-01T00:00:00Z", body=body, **fields))
    result = _add_web_cache_citing(run, tmp_path, "https://news.example.org/r")
    assert result.stderr.count("https://news.example.org/report:") == 1
    assert "elsewhere" not in result.stderr
    assert [d["location"] for d in listed(run, tmp_path)["documents"]] == ["https://news.example.org/report"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.timeout(30)  # before, reading the FIFO waited for a writer for ever
def test_a_web_cache_entry_that_is_a_fifo_a_device_or_a_loop_is_passed_over(run, tmp_path: Path) -> None:
    from factcheck.net.cache import WebCache

    cache = WebCache(tmp_path / "web")
    urls = ["https://news.example.org/fifo", "https://news.example.org/zero", "https://news.example.org/loop"]
    entries = [cache._path(url) for url in urls]
    for entry in entries:
        entry.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(entries[0])
    entries[1].symlink_to("/dev/zero")
    entries[2].symlink_to(entries[2].name)
    assert [(cache.peek(url), cache.get(url)) for url in urls] == [(None, None)] * 3
    assert _add_web_cache_citing(run, tmp_path, *urls).stderr == "library: 0 new items\n"


def test_the_web_cache_is_read_for_the_cited_urls_only_whatever_else_it_holds(run, tmp_path: Path) -> None:
    # A user's cache holds every page verify ever fetched for any desk: adding the pages of one
    # desk's sources opens their entries, not every file in the cache.
    import sys

    from factcheck.net.cache import Entry, WebCache

    folder = tmp_path / "web"
    cache = WebCache(folder)
    fields = {"status": 200, "content_type": "text/html", "etag": None, "last_modified": None}
    for n in range(300):
        url = f"https://elsewhere.example.org/page-{n}"
        cache.put(Entry(url=url, final_url=url, fetched_at="2026-01-01T00:00:00Z", body=b"<p>Other.</p>", **fields))
    cited = "https://news.example.org/r"
    body = (DATA / "report.html").read_bytes()
    cache.put(Entry(url=cited, final_url=cited, fetched_at="2026-01-01T00:00:00Z", body=body, **fields))
    opened: list[str] = []
    under = str(folder)

    def count(event: str, args: tuple) -> None:  # type: ignore[type-arg]
        if event in ("open", "os.listdir", "os.scandir") and isinstance(args[0], (str, Path)):
            if str(args[0]).startswith(under) and watching:
                opened.append(str(args[0]))

    watching = True
    sys.addaudithook(count)  # audit hooks stay for the process: ``watching`` turns this one off below
    try:
        _add_web_cache_citing(run, tmp_path, cited)
    finally:
        watching = False
    assert opened == [str(cache._path(cited))]
    assert [d["location"] for d in listed(run, tmp_path)["documents"]] == [cited]


# --- URLs, through a server on 127.0.0.1 -------------------------------------------------


def test_urls_are_fetched_as_verify_fetches(run, tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/review").respond_with_data(
        (DATA / "review-page.html").read_bytes(), content_type="text/html"
    )
    server.expect_request("/report").respond_with_data((DATA / "report.html").read_bytes(), content_type="text/html")
    server.expect_request("/gone").respond_with_data("no", status=404)
    urls = [server.url_for(p) for p in ("/review", "/report", "/gone")]
    refused = run("library", "add", urls[1], *lib_args(tmp_path))
    assert refused.exit_code == 2
    assert "skipped" in refused.stderr
    result = run("library", "add", *urls, "--allow-private", *lib_args(tmp_path))
    assert result.exit_code == 2
    assert f"skipped {urls[2]}: HTTP 404" in result.stderr
    contents = listed(run, tmp_path)
    assert [f["claim"] for f in contents["factchecks"]] == ["Bus fares in the city doubled in 2022"]
    assert [d["location"] for d in contents["documents"]] == [urls[1]]


def test_a_feed_at_a_url_is_read_as_a_feed_file_is(run, tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/empty.jsonld").respond_with_data(
        (DATA / "empty-feed.jsonld").read_bytes(), content_type="application/ld+json"
    )
    server.expect_request("/partial.jsonld").respond_with_data(
        (DATA / "partial-feed.jsonld").read_bytes(), content_type="application/ld+json"
    )
    empty, partial = server.url_for("/empty.jsonld"), server.url_for("/partial.jsonld")
    result = run("library", "add", empty, "--allow-private", *lib_args(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == f"{empty}: 0 new fact-checks"
    result = run("library", "add", partial, "--allow-private", *lib_args(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:2] == [
        f"{partial}: 1 new fact-check",
        f"skipped {partial}:11: the ClaimReview has no claimReviewed, nor an itemReviewed with text",
    ]


# --- Chinese, Japanese and Korean ---------------------------------------------------------


def test_chinese_and_japanese_are_read_as_character_pairs() -> None:
    assert terms.spaced("哈萨克斯坦免签") == " 哈萨 萨克 克斯 斯坦 坦免 免签 "
    assert terms.content_words("iPhone在中国 税") == ["iphone", "在中", "中国", "税"]
    assert terms.content_words("東京の家賃") == ["東京", "京の", "の家", "家賃"]
    # Korean has spaces, but a word carries its particles: "서울에서" (in Seoul) holds "서울" (Seoul).
    assert terms.spaced("서울에서 세금") == " 서울 울에 에서   세금 "
    assert terms.content_words("서울지하철 요금") == ["서울", "울지", "지하", "하철", "요금"]
    # Text in other scripts is what the index always read: a library of it is indexed as before.
    latin = "Die Miete in Berlin stieg 2023 um 12,5 % — «Plutôt vrai»"
    assert terms.spaced(latin) is latin


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("哈萨克斯坦免签", "https://checks.example.org/zh/kazakhstan-visa"),
        ("上海地铁涨价", "https://checks.example.org/zh/shanghai-metro"),
        ("東京の家賃", "https://checks.example.org/ja/tokyo-rent"),
        ("서울지하철 요금 인상", "https://checks.example.org/ko/seoul-subway"),
        ("카자흐스탄 무비자", "https://checks.example.org/ko/kazakhstan-visa"),
        ("Kazakhstan visa", "https://checks.example.org/en/kazakhstan-visa"),
    ],
)
def test_chinese_japanese_and_korean_claims_are_matched(run, tmp_path: Path, text: str, found: str) -> None:
    assert run("library", "add", str(DATA / "cjk-feed.jsonld"), *lib_args(tmp_path)).exit_code == 0
    result = run("match", "--text", text, "--format", "json", *lib_args(tmp_path))
    assert result.exit_code == 0, result.stderr
    (query,) = json.loads(result.stdout)
    assert query["matches"][0]["url"] == found


def test_a_chinese_passage_is_searched(tmp_path: Path) -> None:
    with Library(tmp_path / "lib") as library:
        passages = ["霍尔果斯口岸2021年进出口货物一千万吨。", "The port handled ten million tonnes in 2021."]
        library.add_document(Document(location="/desk/khorgos.txt", title="霍尔果斯口岸年报", passages=passages))
        (best, *_) = library.passage_candidates("霍尔果斯口岸货物", 5)
        assert best.passage.position == 0


def _older(path: Path, version: int) -> None:
    """A library as ``version`` wrote it: the same tables, the triggers indexing text as that version read it."""
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path, isolation_level=None)
    if version == 1:
        # fts_text(x) -> x, the parentheses of a nested SELECT kept.
        schema = re.sub(r"fts_text\(((?:[^()]|\([^()]*\))*)\)", r"\1", index._SCHEMA)
        assert "fts_text" not in schema
    else:
        schema = index._SCHEMA
        db.create_function("fts_text", 1, terms.spaced_2, deterministic=True)
    db.executescript(schema + f"INSERT INTO info (key, value) VALUES ('schema_version', '{version}');")
    for key, claim, url in [
        ("zh", "哈萨克斯坦对中国公民免签30天", "https://checks.example.org/zh/kazakhstan-visa"),
        ("en", "Kazakhstan lets Chinese citizens in without a visa", "https://checks.example.org/en/kazakhstan-visa"),
        ("ko", "카자흐스탄은 한국인에게 무비자 입국을 허용한다", "https://checks.example.org/ko/kazakhstan-visa"),
        ("mixed", "哈萨克斯坦 카자흐스탄에서 免签", "https://checks.example.org/ko/mixed"),
    ]:
        db.execute(
            "INSERT INTO factchecks (key, claim, url, origin, added) VALUES (?, ?, ?, 'feed', '2026-01-01T00:00:00Z')",
            (key, claim, url),
        )
    db.execute("INSERT INTO documents (location, title, digest, added) VALUES ('/d', '口岸年报', 'x', 'now')")
    db.execute("INSERT INTO passages (document, position, text) VALUES (1, 0, '霍尔果斯口岸货物一千万吨')")
    db.execute("INSERT INTO documents (location, title, digest, added) VALUES ('/k', '항구 연보', 'y', 'now')")
    db.execute("INSERT INTO passages (document, position, text) VALUES (2, 0, '호르고스항에서 화물 천만 톤')")
    db.close()


@pytest.mark.parametrize("version", [1, 2])
def test_a_library_of_an_earlier_version_is_upgraded_when_opened(tmp_path: Path, version: int) -> None:
    _older(tmp_path / "lib" / "library.db", version)
    with Library(tmp_path / "lib", create=False) as library:
        assert library.db.execute("SELECT value FROM info").fetchone() == (str(index.SCHEMA_VERSION),)
        assert {c.entry.url for c in library.factcheck_candidates("哈萨克斯坦免签", 5)} == {
            "https://checks.example.org/zh/kazakhstan-visa",
            "https://checks.example.org/ko/mixed",
        }
        assert [c.entry.claim for c in library.factcheck_candidates("Chinese citizens visa", 1)] == [
            "Kazakhstan lets Chinese citizens in without a visa"
        ]
        # Korean words found inside the longer ones the entries hold ("카자흐스탄은", "호르고스항에서").
        assert {c.entry.url for c in library.factcheck_candidates("카자흐스탄 무비자", 5)} == {
            "https://checks.example.org/ko/kazakhstan-visa",
            "https://checks.example.org/ko/mixed",
        }
        assert [p.passage.location for p in library.passage_candidates("口岸货物", 5)] == ["/d"]
        assert [p.passage.location for p in library.passage_candidates("호르고스 화물", 5)] == ["/k"]
    # What it held is taken out of the index with the words it was put in with: nothing is left there.
    with Library(tmp_path / "lib", create=False) as library:
        assert library.remove("feed") == 4 and library.remove("/d") == 1 and library.remove("/k") == 1
        vocabulary = library.db.execute("SELECT count(*) FROM temp.factcheck_terms").fetchone()[0]
        assert vocabulary + library.db.execute("SELECT count(*) FROM temp.passage_terms").fetchone()[0] == 0


# --- where the library is ------------------------------------------------------------------


def test_the_default_library_is_beside_the_claims_folder(run, claims_dir: Path) -> None:
    result = run("--claims", str(claims_dir), "library", "add", str(DATA / "feed.json"))
    assert result.exit_code == 0
    assert (claims_dir.parent / ".factcheck" / "library.db").is_file()


def test_the_environment_and_the_configuration_name_the_library(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "setup.cfg").write_text("[factcheck]\nlibrary = from-config\n", encoding="utf-8")
    assert run("library", "add", str(DATA / "feed.json")).exit_code == 0
    assert (tmp_path / "from-config" / "library.db").is_file()
    monkeypatch.setenv("FACTCHECK_LIBRARY", str(tmp_path / "from-env"))
    assert run("library", "add", str(DATA / "feed.json")).exit_code == 0
    assert (tmp_path / "from-env" / "library.db").is_file()


def test_no_library_yet(run, tmp_path: Path) -> None:
    result = run("match", "--text", "anything", *lib_args(tmp_path))
    assert result.exit_code == 2
    assert "no library here yet" in result.stderr
    assert not (tmp_path / "lib").exists()


def test_a_file_that_is_not_a_library(run, tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "library.db").write_bytes(b"this is not sqlite" * 100)
    result = run("library", "stats", *lib_args(tmp_path))
    assert result.exit_code == 2
    assert "not a library this version can read" in result.stderr


def test_a_library_another_process_is_writing_to_stops_the_import_with_one_line(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from factcheck.library.index import Library

    assert run("library", "add", str(DATA / "claimreview-graph.json"), *lib_args(tmp_path)).exit_code == 0
    before = listed(run, tmp_path)
    monkeypatch.setattr(Library, "busy_timeout", 0.1)
    other = sqlite3.connect(tmp_path / "lib" / "library.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        result = run(
            "library", "add", str(DATA / "report.html"), str(DATA / "claimreview-graph.json"), *lib_args(tmp_path)
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 2
    (line,) = [text for text in result.stderr.splitlines() if "busy" in text]
    assert "library.db" in line and "another process has been writing to it" in line
    assert "skipped" not in result.stderr and "Traceback" not in result.stderr
    assert listed(run, tmp_path) == before
