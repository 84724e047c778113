"""``factcheck match``: published fact-checks that cover a claim, best first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.library import finding, ranking, terms
from factcheck.library.index import Library

from conftest import make_claim, write_claims

DATA = Path(__file__).parent / "data" / "library"


@pytest.fixture
def library(run, tmp_path: Path) -> list[str]:
    args = ["--library", str(tmp_path / "lib")]
    for name in ("claimreview-graph.json", "feed.json", "factchecks.csv", "review-page.html"):
        assert run("library", "add", str(DATA / name), *args).exit_code == 0
    return args


def test_the_covering_fact_check_comes_first(run, library: list[str]) -> None:
    result = run("match", "--text", "They spent 2.4 billion dollars on the new bridge over the river", *library)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "They spent 2.4 billion dollars on the new bridge over the river"
    assert lines[1].startswith("  1. [") and lines[1].endswith(
        "] False: The new river bridge cost $2.4 billion to build"
    )
    assert lines[2] == "     Example Checks, 2023-04-01 · https://checks.example.org/bridge-cost"


def test_json_one_object_per_query_in_input_order(run, library: list[str], tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    write_claims(claims, "a", [make_claim("fares", "Bus fares doubled in 2022 across the city.")])
    queries = tmp_path / "queries.txt"
    queries.write_text("Is the Great Wall visible from the Moon?\n\nCarrots help you see at night\n", encoding="utf-8")
    result = run(
        "--claims", str(claims), "match", "fares", "--queries", str(queries), "--top", "1", "--format", "json", *library
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [(d["id"], d["query"]) for d in document] == [
        ("fares", "Bus fares doubled in 2022 across the city."),
        (None, "Is the Great Wall visible from the Moon?"),
        (None, "Carrots help you see at night"),
    ]
    assert [d["matches"][0]["url"] for d in document] == [
        "https://checks.example.org/bus-fares",
        "https://checks.example.org/great-wall",
        "https://checks.example.org/carrots",
    ]
    first = document[0]["matches"][0]
    assert set(first) == {"claim_reviewed", "rating", "url", "publisher", "date", "score", "accepted"}
    assert not first["accepted"]
    assert (first["rating"], first["publisher"]) == ("Mostly false", "City Checks")
    assert 0 <= first["score"] <= 1


def test_all_claims_and_top(run, library: list[str], claims_dir: Path) -> None:
    result = run("--claims", str(claims_dir), "match", "--all", "--top", "2", "--format", "json", *library)
    document = json.loads(result.stdout)
    assert [d["id"] for d in document] == ["bridge-opened", "bridge-cost", "bridge-waste"]
    assert all(len(d["matches"]) <= 2 for d in document)


def test_nothing_to_look_up_and_unknown_ids(run, library: list[str], claims_dir: Path) -> None:
    none = run("match", *library)
    assert none.exit_code == 2
    assert "say what to look up" in none.stderr
    unknown = run("--claims", str(claims_dir), "match", "bridge-cots", *library)
    assert unknown.exit_code == 2
    assert "did you mean bridge-cost" in unknown.stderr


def test_a_query_without_content_words_finds_nothing(run, library: list[str]) -> None:
    result = run("match", "--text", "it is what it is", "--format", "json", *library)
    assert json.loads(result.stdout) == [{"id": None, "query": "it is what it is", "matches": []}]


def test_fact_checks_with_nothing_the_ranking_credits_are_left_out(run, library: list[str], tmp_path: Path) -> None:
    # The Pakistan corridor's fact-check shares the word "billion" with the claim and nothing more: a
    # list of five that held it would read as two possible matches.
    assert run("library", "add", str(DATA / "desk-feed.json"), *library).exit_code == 0
    claim = "The river bridge cost $2.6 billion"
    with Library(tmp_path / "lib", create=False) as backend:
        everything = finding.match(backend, claim, 5, floor=0.0)
        assert everything[0].entry.url == "https://checks.example.org/bridge-cost"
        assert "https://verify.example.com/cpec-investment" in [m.entry.url for m in everything]
        assert all(m.score < finding.FLOOR for m in everything[1:])
        assert finding.match(backend, claim, 5) == everything[:1]
    result = run("match", "--text", claim, "--top", "5", "--format", "json", *library)
    assert [m["url"] for m in json.loads(result.stdout)[0]["matches"]] == ["https://checks.example.org/bridge-cost"]
    text = run("match", "--text", claim, *library).stdout
    assert "[0.00]" not in text and "cpec" not in text
    # By meaning something is always nearest; a claim on nothing the library holds scores it as unlikely.
    with Library(tmp_path / "lib", create=False) as backend:
        assert max(m.score for m in finding.match(backend, "zebra crossing", 5, floor=0.0)) < 0.05
    assert (
        run("match", "--text", "it is what it is", *library).stdout
        == "it is what it is\n  no fact-check in the library comes close\n"
    )


def test_a_post_is_read_for_its_claim() -> None:
    post = (
        "Wombats are #HerdingAnimals sheltering others from the fires 🔥🐨 https://t.co/abc pic.twitter.com/xyz "
        "— Some One (@someone) January 14, 2020"
    )
    assert terms.clean_post(post) == "Wombats are Herding Animals sheltering others from the fires Some One"
    assert terms.clean_post("@RealNews says so") == "Real News says so"
    assert terms.clean_post("#ÖsterreichWählt in #Москва2020") == "Österreich Wählt in Москва 2020"


def test_names_are_read_in_any_alphabet() -> None:
    assert terms.names("A photo of Ólafsdóttir with Łukasz in Zürich and Beyoncé") == {
        "ólafsdóttir",
        "łukasz",
        "zürich",
        "beyoncé",
    }
    assert terms.names("Erdoğan met Κυριάκος Μητσοτάκης and Владимир Путин") == {
        "κυριάκος",
        "μητσοτάκης",
        "владимир",
        "путин",
    }
    # A capital that opens a sentence is no sign of a name, in any alphabet.
    assert terms.names("He left. Álvaro Múnera stayed. Émile did too") == {"múnera"}
    assert terms.names("So the CDC said NASA and McDonald's lied. Then Joe Biden spoke on COVID19") == {
        "cdc",
        "nasa",
        "mcdonald",
        "joe",
        "biden",
        "covid",
    }


def test_the_ranking_prefers_the_closer_claim_over_the_higher_bm25(tmp_path: Path) -> None:
    from factcheck.library.records import FactCheckEntry

    with Library(tmp_path / "lib") as library:
        library.add_factchecks(
            [
                FactCheckEntry(claim="Vaccines vaccines vaccines cause autism in children", url="https://x.example/1"),
                FactCheckEntry(
                    claim="The measles vaccine causes autism in 1 in 50 children", url="https://x.example/2"
                ),
            ],
            "test",
        )
        found = finding.match(library, "The measles vaccine causes autism in 1 in 50 kids", 2)
    assert [m.entry.url for m in found] == ["https://x.example/2", "https://x.example/1"]
    assert found[0].score > found[1].score


def test_queries_come_from_stdin_with_a_dash(run, library: list[str]) -> None:
    # Another tool's claims piped in, one a line: "-" was refused as a file that does not exist.
    piped = "Carrots help you see at night\n\nIs the Great Wall visible from the Moon?\n"
    result = run("match", "--queries", "-", "--top", "1", "--format", "json", *library, input=piped)
    assert result.exit_code == 0, result.stderr
    assert [(d["query"], d["matches"][0]["url"]) for d in json.loads(result.stdout)] == [
        ("Carrots help you see at night", "https://checks.example.org/carrots"),
        ("Is the Great Wall visible from the Moon?", "https://checks.example.org/great-wall"),
    ]
    bad = run("match", "--queries", "-", *library, input=b"caf\xe9\n")
    assert (bad.exit_code, bad.stderr.startswith("factcheck: error: stdin:1:4: not UTF-8 text")) == (2, True)


def test_the_claims_are_read_once_for_the_queries_and_what_is_accepted(
    run, library: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.store.folder import Folder

    claims = tmp_path / "claims"
    write_claims(claims, "a", [make_claim("fares", "Bus fares doubled in 2022 across the city.")])
    loads = []
    load = Folder.load
    monkeypatch.setattr(Folder, "load", lambda self: loads.append(self.root) or load(self))
    result = run("--claims", str(claims), "match", "--all", "--top", "1", *library)
    assert result.exit_code == 0, result.stderr
    assert "https://checks.example.org/bus-fares" in result.stdout
    assert len(loads) == 1


def test_a_word_every_candidate_shares_weighs_less_than_a_rare_one() -> None:
    query = ranking.Text.of("Measles vaccine causes autism")
    candidates = [
        (ranking.Text.of(claim), ranking.Text.of(""))
        for claim in ("Measles outbreak closes schools", "The vaccine is safe", "A vaccine recall", "Vaccine mandates")
    ]
    weight = ranking.rarity(query, candidates)
    assert weight["measl"] > weight["vacci"] > 0
    assert weight["autis"] == max(weight.values())  # in no candidate: as rare as can be
    covers = MATCH_FEATURE_INDEX["weighted_covers_query"]
    rows = [
        ranking.match_features(query, claim, headline, 1.0, 1.0, 0.0, (1.0, 1.0, 1.0), 0, weight)
        for claim, headline in candidates[:2]
    ]
    # Each candidate shares one word with the query; the one sharing the rarer word covers more of it.
    assert rows[0][covers] > rows[1][covers] > 0


MATCH_FEATURE_INDEX = {name: i for i, name in enumerate(ranking.MATCH_FEATURES)}


def _stems(text: str) -> frozenset[str]:
    return ranking.Text.of(text).stems


# A table as training writes it: "photo" is written "picture" a third of the time, and the other way round.
TABLE = ranking.Translations.of(
    {"photo": {"photo": 0.6, "pictu": 0.3}, "pictu": {"pictu": 0.6, "photo": 0.3}, "shows": {"shows": 0.9}},
    {"photo": 40, "pictu": 10, "shows": 50},
    1000,
)


def test_a_word_said_in_other_words_is_counted_by_its_translation() -> None:
    query = _stems("Picture shows the senator asleep")
    likelihood, gap, back = ranking.translated(query, _stems("Photo of senator sleeping"), TABLE)
    assert gap == pytest.approx(0.3 / len(query))  # "pictu" is missing, and "photo" stands for it
    assert back == pytest.approx(0.3 / 3)  # "photo" is missing from the query, and "pictu" stands for it
    assert likelihood > 0
    assert ranking.translated(query, _stems("Senator of the year"), TABLE) == (0.0, 0.0, 0.0)


def test_only_words_said_in_other_words_count() -> None:
    # A word in common is the other features' business: here it adds nothing, rare or common.
    assert ranking.translated(_stems("picture"), _stems("picture senator"), TABLE) == (0.0, 0.0, 0.0)
    # A translation into a rare word says more than one into a common word.
    rare = ranking.translated(_stems("picture"), _stems("photo senator"), TABLE)[0]
    common = ranking.translated(_stems("photo"), _stems("picture senator"), TABLE)[0]
    assert rare > common > 0


def test_the_shipped_translation_table_is_well_formed() -> None:
    table = ranking.translations()
    assert table.table and table.total > 0
    for a, row in table.table.items():
        assert a in table.counts and all(b in table.counts for b in row)
        assert all(0 < p <= 1 for p in row.values())
        assert sum(row.values()) <= 1.005  # a share of where the word goes, pruned and rounded
    # Training learns paraphrases from fact-checks' claims and headlines: one that any library shows.
    assert table.table["photo"].get("pictu", 0) > 0 or table.table["pictu"].get("photo", 0) > 0


def test_the_shipped_weights_cover_every_feature() -> None:
    for kind, names in (("match", ranking.MATCH_FEATURES), ("search", ranking.SEARCH_FEATURES)):
        model = ranking.model(kind)
        assert model.features == names
        assert len(model.weights) == len(names)
        assert 0 < model.score([0.0] * len(names)) < 1


# --- accepting a match ----------------------------------------------------------------------------


BRIDGE_CHECK = "https://checks.example.org/bridge-cost"


def test_an_accepted_match_is_kept_shown_published_and_no_longer_pointed_at(
    run, library: list[str], tmp_path: Path
) -> None:
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "bridge.txt").write_text("The new river bridge cost $2.4 billion to build.\n", encoding="utf-8")
    path = write_claims(
        claims,
        "bridge",
        [make_claim("cost", "The new river bridge cost $2.4 billion to build", "false", note="It cost $3.1 billion.")],
        article={
            "title": "Bridge",
            "url": "https://news.example.org/bridge",
            "review_url": "https://desk.example/b",
            "path": "bridge.txt",
        },
    )
    at = ("--claims", str(claims))
    lib = library[1]
    # Before: check points at the strong match (the library is named in the environment, as in CI).
    before = run(*at, "check", "--format", "json", "--library", lib)
    assert [(f["rule"], f["url"]) for f in json.loads(before.stdout)["findings"]] == [
        ("unsourced", None),
        ("strong-match", BRIDGE_CHECK),
    ]
    assert run(*at, "match", "cost", "--accept", "https://checks.example.org/nothing-like-it", *library).exit_code == 2
    assert run(*at, "match", "cost", "fares", "--accept", BRIDGE_CHECK, *library).exit_code == 2
    accepted = run(*at, "match", "cost", "--accept", BRIDGE_CHECK, "--by", "ann", *library)
    assert accepted.exit_code == 0, accepted.stderr
    assert accepted.stderr == f"cost: accepted {BRIDGE_CHECK}\n"
    listed = run(*at, "match", "cost", "--top", "1", *library).stdout
    assert f"{BRIDGE_CHECK} (accepted)" in listed
    # A review queue fed the JSON must tell the accepted fact-check from the others, as the text does.
    queued = json.loads(run(*at, "match", "cost", "--format", "json", *library).stdout)[0]["matches"]
    assert [(m["url"], m["accepted"]) for m in queued] == [(BRIDGE_CHECK, True)]
    again = run(*at, "match", "cost", "--accept", BRIDGE_CHECK, *library)
    assert again.stderr == f"cost: {BRIDGE_CHECK} is accepted already; nothing changed\n"
    stored = json.loads(path.read_text(encoding="utf-8"))["claims"][0]
    (match,) = stored["matches"]
    assert (match["url"], match["publisher"], match["rating"], match["by"]) == (
        BRIDGE_CHECK,
        "Example Checks",
        "False",
        "ann",
    )
    assert stored["history"][-1]["why"] == f"accepted the published fact-check {BRIDGE_CHECK} (Example Checks)"
    shown = run(*at, "show", "cost").stdout
    assert "already checked elsewhere (1):" in shown and f"  - {BRIDGE_CHECK}" in shown
    assert "Example Checks · rated False · 2023-04-01 · accepted " in shown
    report = run(*at, "report").stdout
    assert f"    cost  {BRIDGE_CHECK}  (Example Checks rated False)" in report
    assert f"already checked: {BRIDGE_CHECK}" in run(*at, "annotate", "--format", "text").stdout
    page = run(*at, "annotate", "--format", "html").stdout
    assert f'Already checked by <bdi><a href="{BRIDGE_CHECK}"' in page
    exported = run(*at, "export", "claimreview", "--publisher-name", "Desk")
    assert exported.exit_code == 0, exported.stderr
    (review,) = json.loads(exported.stdout)
    assert review["associatedClaimReview"] == [
        {
            "@type": "ClaimReview",
            "url": BRIDGE_CHECK,
            "claimReviewed": "The new river bridge cost $2.4 billion to build",
            "author": {"@type": "Organization", "name": "Example Checks"},
            "datePublished": "2023-04-01",
            "reviewRating": {"@type": "Rating", "alternateName": "False"},
        }
    ]
    after = run(*at, "check", "--format", "json", "--library", lib)
    assert [f["rule"] for f in json.loads(after.stdout)["findings"]] == ["unsourced"]
    # Taken back, it is gone from the claim, and check points at it again.
    taken = run(*at, "match", "cost", "--unaccept", BRIDGE_CHECK, *library)
    assert taken.exit_code == 0 and "matches" not in json.loads(path.read_text(encoding="utf-8"))["claims"][0]
    assert taken.stderr == f"cost: unaccepted {BRIDGE_CHECK}\n"
    assert json.loads(path.read_text(encoding="utf-8"))["claims"][0]["history"][-1]["why"] == (
        f"unaccepted the published fact-check {BRIDGE_CHECK}"
    )
    assert "strong-match" in run(*at, "check", "--library", lib).stdout


def test_without_a_library_check_looks_for_no_match(run, tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    write_claims(claims, "bridge", [make_claim("cost", "The new river bridge cost $2.4 billion to build")])
    result = run("--claims", str(claims), "check", "--format", "json", "--library", str(tmp_path / "none"))
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["unsourced-unverified"]
    assert not (tmp_path / "none").exists()


def test_an_empty_text_is_refused(run, library: list[str]) -> None:
    result = run("match", "--text", "  ", *library)
    assert result.exit_code == 2 and "--text is empty" in result.stderr


FERRIES = "https://news.example.org/ferries"


def ferry_desk(tmp_path: Path) -> Path:
    """A claims folder as a desk keeps it: an article's text and its claims file, both added to the library."""
    claims = tmp_path / "claims"
    write_claims(
        claims,
        "ferry",
        [
            make_claim("ferry-fares", "Ferry fares to the islands tripled in 2023.", "false"),
            make_claim("ferry-jobs", "The new port created 4,000 jobs on the islands.", "misleading"),
        ],
        article={"title": "Island ferries", "url": "https://news.example.org/ferries", "path": "ferry.txt"},
    )
    (claims / "ferry.txt").write_text(
        "Ferry fares to the islands tripled in 2023. The new port created 4,000 jobs on the islands.\n",
        encoding="utf-8",
    )
    return claims


def test_a_claim_is_not_its_own_match(run, library: list[str], tmp_path: Path) -> None:
    claims = ferry_desk(tmp_path)
    assert run("library", "add", str(claims), *library).exit_code == 0
    result = run("--claims", str(claims), "match", "ferry-fares", "--format", "json", *library)
    assert result.exit_code == 0, result.stderr
    urls = [m["url"] for m in json.loads(result.stdout)[0]["matches"]]
    assert "https://news.example.org/ferries#ferry-fares" not in urls
    # The desk's verdict is still a match for another claim that says the same.
    result = run("match", "--text", "Ferry fares to the islands tripled in 2023", "--format", "json", *library)
    assert json.loads(result.stdout)[0]["matches"][0]["url"] == "https://news.example.org/ferries#ferry-fares"
    refused = run(
        "--claims", str(claims), "match", "ferry-fares", "--accept", "https://news.example.org/ferries#ferry-fares",
        *library,
    )  # fmt: skip
    assert refused.exit_code == 2
    assert "is not among the fact-checks the library matches with ferry-fares" in refused.stderr


def test_a_claim_of_the_same_article_has_not_checked_it_already(run, library: list[str], tmp_path: Path) -> None:
    # Its siblings are part of the same fact-check: a desk that added its claims files was told that a
    # claim repeated in the article (or one that shares its words) "may be checked already" by itself.
    claims = tmp_path / "claims"
    fares = "Ferry fares to the islands tripled in 2023."
    again = make_claim("fares-again", "Island ferry fares tripled in 2023, the operator said.", "false")
    write_claims(claims, "ferry", [make_claim("ferry-fares", fares), again], {"title": "Ferries", "url": FERRIES})
    port = {"title": "The port", "url": "https://news.example.org/port"}
    write_claims(claims, "port", [make_claim("port-fares", fares, "misleading")], port)
    assert run("library", "add", str(claims), *library).exit_code == 0
    result = run("--claims", str(claims), "match", "ferry-fares", "--format", "json", *library)
    assert [m["url"] for m in json.loads(result.stdout)[0]["matches"]] == ["https://news.example.org/port#port-fares"]
    result = run("--claims", str(claims), "check", "--select", "strong-match", "--format", "json", *library)
    found = {(f["claim"], f["url"]) for f in json.loads(result.stdout)["findings"]}
    assert ("ferry-fares", f"{FERRIES}#fares-again") not in found
    assert ("ferry-fares", "https://news.example.org/port#port-fares") in found
    # Asked by its words, not as the claim, the sibling is found.
    result = run("match", "--text", fares, "--format", "json", *library)
    assert f"{FERRIES}#fares-again" in [m["url"] for m in json.loads(result.stdout)[0]["matches"]]


def test_a_draft_published_nowhere_gives_the_library_no_fact_check(run, library: list[str], tmp_path: Path) -> None:
    # Two drafts without a URL say the same thing, with different verdicts. A fact-check is its page and
    # its claim, so the library held one of the two, each add swapped it for the other, and match
    # listed a claim's own verdict, with no page to accept, as a fact-check that covers it.
    claims = tmp_path / "claims"
    text = "Ferry fares to the islands tripled in 2023."
    write_claims(claims, "ferry", [make_claim("ferry-fares", text, "false")], {"title": "Island ferries"})
    write_claims(claims, "port", [make_claim("port-fares", text, "misleading")], {"title": "The port"})
    for _ in range(2):
        added = run("library", "add", str(claims), *library)
        assert added.exit_code == 0, added.stderr
        assert "updated" not in added.stderr
    result = run("--claims", str(claims), "match", "ferry-fares", "port-fares", "--format", "json", *library)
    assert result.exit_code == 0, result.stderr
    assert [m["rating"] for q in json.loads(result.stdout) for m in q["matches"] if m["url"] is None] == []


def test_check_does_not_point_a_claim_at_its_own_entry(run, library: list[str], tmp_path: Path) -> None:
    claims = ferry_desk(tmp_path)
    assert run("library", "add", str(claims), *library).exit_code == 0
    result = run("--claims", str(claims), "check", "--format", "json", *library)
    assert result.exit_code in (0, 1), result.stderr
    own = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "strong-match"]
    assert own == []


def test_one_folder_or_file_of_the_claims_uses_the_library_of_the_whole(run, tmp_path: Path) -> None:
    # A newsroom keeps checks/2025/..., its library beside checks/. Checking a month, or matching
    # one article's claims, looked for a library beside that month and found none: check said
    # nothing of a strong match, match that there was no library.
    repo = tmp_path / "desk"
    (repo / ".git").mkdir(parents=True)
    month = repo / "checks" / "2025" / "03"
    fares = make_claim("ferry-fares", "Ferry fares to the islands tripled in 2023.")
    one = write_claims(month, "ferry", [fares], {"title": "Island ferries"})
    feed = tmp_path / "feed.csv"
    feed.write_text("claim,rating,url\nFerry fares to the islands tripled in 2023,False,https://c.example.org/f\n")
    assert run("--claims", str(repo / "checks"), "library", "add", str(feed)).exit_code == 0
    for claims in (month, one):
        result = run("--claims", str(claims), "match", "ferry-fares", "--format", "json")
        assert result.exit_code == 0, result.stderr
        assert [m["url"] for m in json.loads(result.stdout)[0]["matches"]] == ["https://c.example.org/f"]
        result = run("--claims", str(claims), "check", "--select", "strong-match", "--format", "json")
        assert [f["url"] for f in json.loads(result.stdout)["findings"]] == ["https://c.example.org/f"]


def test_with_a_library_check_still_reports_a_broken_file_and_a_repeated_id(
    run, library: list[str], tmp_path: Path
) -> None:
    # Looking up the strong matches read the claims as a whole, so one broken claims file (a merge
    # left half done) or a stale copy stopped check with a one-line error: no findings, exit 2.
    claims = tmp_path / "claims"
    write_claims(claims, "bridge", [make_claim("cost", "The bridge cost $2.4 billion.")], {"title": "Bridge"})
    (claims / "copy.json").write_text((claims / "bridge.json").read_text(encoding="utf-8"), encoding="utf-8")
    (claims / "half.json").write_text('{"schema_version": 2, "claims": [\n', encoding="utf-8")
    result = run("--claims", str(claims), "check", "--format", "json", *library)
    assert result.exit_code == 1, result.stderr
    assert {f["rule"] for f in json.loads(result.stdout)["findings"]} >= {"invalid", "duplicate-id", "strong-match"}


def test_a_renamed_claim_is_not_its_own_match_before_its_file_is_added_again(
    run, library: list[str], tmp_path: Path
) -> None:
    claims = ferry_desk(tmp_path)
    assert run("library", "add", str(claims), *library).exit_code == 0
    assert run("--claims", str(claims), "rename", "ferry-fares", "island-fares").exit_code == 0
    # The library still holds the claim under its former id, until the file is added again.
    result = run("--claims", str(claims), "match", "island-fares", "--format", "json", *library)
    assert "https://news.example.org/ferries#ferry-fares" not in [
        m["url"] for m in json.loads(result.stdout)[0]["matches"]
    ]
    result = run("--claims", str(claims), "check", "--select", "strong-match", "--format", "json", *library)
    assert json.loads(result.stdout)["findings"] == []


def test_accept_takes_the_fact_check_at_that_fragment(run, library: list[str], tmp_path: Path) -> None:
    assert run("library", "add", str(ferry_desk(tmp_path)), *library).exit_code == 0
    claims = tmp_path / "other"
    write_claims(claims, "islands", [make_claim("islands", "Fares tripled and the port created 4,000 jobs, we hear.")])
    jobs = "https://news.example.org/ferries#ferry-jobs"
    result = run("--claims", str(claims), "match", "islands", "--accept", jobs, *library)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"islands: accepted {jobs}\n"
    assert [m["url"] for m in json.loads((claims / "islands.json").read_text())["claims"][0]["matches"]] == [jobs]


def test_accept_chooses_among_the_fact_checks_one_page_holds(run, tmp_path: Path) -> None:
    # One fact-check article often reviews several claims, each a ClaimReview at the article's URL
    # (tests/data/library/one-page-two-claims.json: FactCheck.org's, as its "url" gives it).  --accept URL
    # took the best-ranked silently; the others could not be accepted at all.
    args = ["--library", str(tmp_path / "lib")]
    assert run("library", "add", str(DATA / "one-page-two-claims.json"), *args).exit_code == 0
    claims = tmp_path / "claims"
    text = "Kennedy said four measles outbreaks this year and 16 last year is not unusual, with 20 people hospitalized."
    path = write_claims(claims, "measles", [make_claim("outbreaks", text)])
    at = ("--claims", str(claims))
    listed = json.loads(run(*at, "match", "outbreaks", "--format", "json", *args).stdout)[0]["matches"]
    assert len(listed) == 2 and listed[0]["url"] == listed[1]["url"]
    url = listed[0]["url"]

    result = run(*at, "match", "outbreaks", "--accept", url, *args)
    assert result.exit_code == 0, result.stderr
    first, second = listed[0]["claim_reviewed"], listed[1]["claim_reviewed"]
    assert result.stderr == (
        f"outbreaks: accepted {url}\n"
        f"note: {url} holds 2 of the fact-checks that match outbreaks; accepted the first, “{first}”;"
        " to accept another, give its number in 'factcheck match outbreaks': --accept N\n"
    )
    assert run(*at, "match", "outbreaks", "--unaccept", url, *args).exit_code == 0

    result = run(*at, "match", "outbreaks", "--accept", "2", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"outbreaks: accepted {url}\n"
    (stored,) = json.loads(path.read_text(encoding="utf-8"))["claims"][0]["matches"]
    assert (stored["url"], stored["claim_reviewed"]) == (url, second)
    beyond = run(*at, "match", "outbreaks", "--accept", "3", *args)
    assert beyond.exit_code == 2
    assert "the library matches 2 fact-checks with outbreaks, not 3" in beyond.stderr


def test_json_is_laid_out_like_every_other_json_format(run, library: list[str]) -> None:
    # Indented by two, non-ASCII as it is, one newline at the end: the layout render.formats gives every JSON document.
    result = run("match", "--text", "Bus fares “doubled” in 2022 across the city", "--format", "json", *library)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == json.dumps(json.loads(result.stdout), indent=2, ensure_ascii=False) + "\n"
    assert "“doubled”" in result.stdout


def test_accepting_a_fact_check_the_library_has_no_url_for_says_so(run, tmp_path: Path) -> None:
    # A feed's ClaimReview whose url a claims file cannot hold is kept in the library without one; it is
    # listed, but a claim records an accepted fact-check by its URL, so accepting it is refused plainly.
    feed = tmp_path / "feed.json"
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https:///no-host",
        "claimReviewed": "The harbour bridge toll doubled in 2024.",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "author": {"@type": "Organization", "name": "Harbour Checks"},
    }
    feed.write_text(json.dumps([review]), encoding="utf-8")
    args = ["--library", str(tmp_path / "lib")]
    assert run("library", "add", str(feed), *args).exit_code == 0
    claims = tmp_path / "claims"
    path = write_claims(claims, "bridge", [make_claim("toll", "The harbour bridge toll doubled in 2024.")])
    before = path.read_bytes()
    listed = json.loads(run("--claims", str(claims), "match", "toll", "--format", "json", *args).stdout)[0]["matches"]
    assert [m["url"] for m in listed] == [None]
    result = run("--claims", str(claims), "match", "toll", "--accept", "1", *args)
    assert result.exit_code == 2
    assert "fact-check 1 has no URL in the library, so toll cannot record it as accepted" in result.stderr
    assert path.read_bytes() == before


def test_the_benchmarks_count_the_clef_fact_checks_by_record_not_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # verified_claims.docs.tsv quotes some claims over two lines: 10,375 fact-checks in 10,389 lines after its header.
    from conftest import REPO

    monkeypatch.syspath_prepend(str(REPO / "benchmarks"))
    import library_data

    (tmp_path / "verified_claims.docs.tsv").write_text(
        '\tvclaim\ttitle\n0\t"A claim quoted\nover two lines."\tA title\n1\tAnother claim.\tAnother title\n',
        encoding="utf-8",
    )
    assert [(e.claim, e.url) for e in library_data.verified_claims(tmp_path)] == [
        ("A claim quoted\nover two lines.", library_data.verified_url("0")),
        ("Another claim.", library_data.verified_url("1")),
    ]


_FEATURES_OF_TWEETS = """
import sys
from factcheck.library import ranking
texts = [
    "BREAKING: picture shows the senator asleep during the vote on the new vaccine mandate bill",
    "Photo of senator sleeping in the chamber while the vaccine mandate bill was debated",
    "Senator denies that the photo of him asleep was taken during the mandate debate",
    "Video claims the governor banned churches and closed every school in the state for a year",
    "The governor did not ban churches; schools closed for two weeks under the health order",
]
query, candidates = ranking.Text.of(texts[0]), [(ranking.Text.of(t), ranking.Text.of(texts[-1])) for t in texts[1:]]
weight = ranking.rarity(query, candidates)
for claim, headline in candidates:
    row = ranking.match_features(query, claim, headline, 2.0, 1.5, 0.5, (2.0, 1.5, 0.5), 1, weight)
    print(" ".join(v.hex() for v in row))
"""


def test_the_features_are_the_same_to_the_bit_whatever_the_order_of_a_set() -> None:
    # Python orders a set of words differently in each process (PYTHONHASHSEED): a sum over one must not
    # depend on it, or a match could score, and rank, differently from one run to the next.
    import os
    import subprocess
    import sys

    def features(seed: int) -> str:
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run([sys.executable, "-c", _FEATURES_OF_TWEETS], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    first = features(0)
    assert all(features(seed) == first for seed in range(1, 6))
