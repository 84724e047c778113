"""``factcheck search``: passages of the library's documents that may be a claim's evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_match import ferry_desk

from factcheck.store.paths import display

from conftest import make_claim, write_claims

DATA = Path(__file__).parent / "data" / "library"


@pytest.fixture
def library(run, tmp_path: Path) -> list[str]:
    args = ["--library", str(tmp_path / "lib")]
    assert run("library", "add", str(DATA / "report.html"), str(DATA / "notes.md"), *args).exit_code == 0
    return args


def test_the_passage_with_the_evidence_comes_first_with_the_facts_it_shares(run, library: list[str]) -> None:
    result = run("search", "--text", "The river bridge cost $2.6 billion", "--format", "json", *library)
    assert result.exit_code == 0, result.stderr
    (document,) = json.loads(result.stdout)
    assert document["query"] == "The river bridge cost $2.6 billion"
    first = document["passages"][0]
    assert first["passage"].startswith("The river bridge was completed in March 2020. Its final cost was $2.6 billion")
    assert first["title"] == "Transport report 2023"
    assert first["url"] == str((DATA / "report.html").resolve())
    assert first["shared_facts"] == ["$2.6 billion"]
    assert 0 <= first["score"] <= 1


def test_text_output_numbers_the_passages(run, library: list[str]) -> None:
    result = run("search", "--text", "Arctic sea ice declined 13% per decade", *library)
    lines = result.stdout.splitlines()
    assert lines[0] == "Arctic sea ice declined 13% per decade"
    assert lines[1].startswith("  1. [") and lines[1].endswith("] Arctic notes · " + display(DATA / "notes.md"))
    assert lines[2].startswith("     “Arctic sea ice extent in September has declined by about 13% per decade")
    assert lines[3] == "     shares: 13% per decade"


def test_a_shared_fact_the_claim_denies_and_the_passage_states_is_shown_as_such(run, library: list[str]) -> None:
    # Same figure, opposite statements: the passage is no evidence for the claim as it stands.
    claim = "Arctic sea ice did not decline 13% per decade"
    text = run("search", "--text", claim, "--top", "1", *library)
    assert text.stdout.splitlines()[3] == "     shares: 13% per decade (denied in the claim, stated in the passage)"
    (document,) = json.loads(run("search", "--text", claim, "--top", "1", "--format", "json", *library).stdout)
    (first,) = document["passages"]
    assert first["shared_facts"] == ["13% per decade"]
    assert first["opposite_facts"] == [{"fact": "13% per decade", "denied_in": "claim"}]
    stated = run(
        "search", "--text", "Arctic sea ice declined 13% per decade", "--top", "1", "--format", "json", *library
    )
    assert json.loads(stated.stdout)[0]["passages"][0]["opposite_facts"] == []


def test_passages_with_nothing_the_ranking_credits_are_left_out(run, tmp_path: Path) -> None:
    # The zoo's passages share a word each with the claim ("cost", "river") and nothing more: listed,
    # they would read as two more places to look.
    from factcheck.library import finding
    from factcheck.library.index import Library
    from factcheck.library.records import Document

    with Library(tmp_path / "lib", create=True) as library:
        library.add_document(
            Document(
                location="/desk/bridge.txt",
                title="Bridge report",
                passages=["The river bridge was completed in 2020. Its final cost was $2.6 billion."],
            )
        )
        library.add_document(
            Document(
                location="/desk/zoo.txt",
                title="Zoo news",
                passages=["The zoo cost little to visit in spring.", "Penguins swim in the cold river water."],
            )
        )
        claim = "The river bridge cost $2.6 billion"
        everything = finding.search(library, claim, 5, floor=0.0)
        assert len(everything) == 3 and all(f.score < finding.FLOOR for f in everything[1:])
        assert finding.search(library, claim, 5) == everything[:1]
    result = run("search", "--text", claim, "--top", "5", "--format", "json", "--library", str(tmp_path / "lib"))
    assert [p["title"] for p in json.loads(result.stdout)[0]["passages"]] == ["Bridge report"]
    none = run("search", "--text", "Giraffes wear hats", "--library", str(tmp_path / "lib"))
    assert none.stdout.splitlines()[1] == "  no passage in the library comes close"


def test_add_turns_a_passage_into_a_source(run, library: list[str], tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    path = write_claims(claims, "bridge", [make_claim("bridge-cost", "The river bridge cost $2.6 billion.")])
    base = ["--claims", str(claims), "search", "bridge-cost", *library]
    no_url = run(*base, "--add", "1")
    assert no_url.exit_code == 2
    assert "which has no URL; give the URL where it is published with --url" in no_url.stderr
    result = run(*base, "--add", "1", "--url", "https://city.example.org/transport-2023")
    assert result.exit_code == 0, result.stderr
    assert "bridge-cost: added https://city.example.org/transport-2023" in result.stderr
    (claim,) = json.loads(path.read_text(encoding="utf-8"))["claims"]
    (source,) = claim["sources"]
    assert source["url"] == "https://city.example.org/transport-2023"
    assert source["title"] == "Transport report 2023"
    # The sentence that states the claim's figure, not the whole passage around it.
    assert source["quote"] == "Its final cost was $2.6 billion, above the budget of $2.1 billion."
    assert claim["history"][-1]["why"] == "cited https://city.example.org/transport-2023: passage 1 found by search"
    again = run(*base, "--add", "1", "--url", "https://city.example.org/transport-2023")
    assert again.exit_code == 2
    assert "already cites" in again.stderr


def test_add_asks_for_the_stance_of_a_passage_that_says_the_opposite(run, library: list[str], tmp_path: Path) -> None:
    # The passage states the 13% the claim denies: cited as supporting it, the record said the opposite of the page.
    claims = tmp_path / "claims"
    path = write_claims(claims, "ice", [make_claim("ice", "Arctic sea ice did not decline 13% per decade.")])
    base = ["--claims", str(claims), "search", "ice", "--add", "1", "--url", "https://notes.example.org/arctic"]
    before = path.read_bytes()
    refused = run(*base, *library)
    assert refused.exit_code == 2
    assert refused.stderr == (
        "factcheck: error: passage 1 and ice say opposite things of 13% per decade; "
        "say how it bears on the claim with --stance contradicts, supports or context\n"
    )
    assert path.read_bytes() == before
    assert run(*base, "--stance", "contradicts", *library).exit_code == 0
    (claim,) = json.loads(path.read_text(encoding="utf-8"))["claims"]
    assert [(s["url"], s["stance"]) for s in claim["sources"]] == [("https://notes.example.org/arctic", "contradicts")]


def test_add_needs_one_claim_and_a_passage_that_exists(run, library: list[str], claims_dir: Path) -> None:
    base = ["--claims", str(claims_dir), "search", *library]
    assert "--add N needs exactly one claim id" in run(*base, "--all", "--add", "1").stderr
    assert "--stance goes with --add N" in run(*base, "bridge-cost", "--stance", "context").stderr
    far = run(*base, "bridge-cost", "--add", "50")
    assert far.exit_code == 2
    assert "found" in far.stderr and "not 50" in far.stderr


def test_a_page_in_the_library_is_cited_at_its_url(run, tmp_path: Path, server) -> None:
    server.expect_request("/report").respond_with_data((DATA / "report.html").read_bytes(), content_type="text/html")
    args = ["--library", str(tmp_path / "lib")]
    assert run("library", "add", server.url_for("/report"), "--allow-private", *args).exit_code == 0
    claims = tmp_path / "claims"
    path = write_claims(claims, "bridge", [make_claim("traffic", "40,000 vehicles a day crossed the bridge in 2022.")])
    result = run("--claims", str(claims), "search", "traffic", "--add", "1", *args)
    assert result.exit_code == 0, result.stderr
    (claim,) = json.loads(path.read_text(encoding="utf-8"))["claims"]
    assert claim["sources"][0]["url"] == server.url_for("/report")
    assert claim["sources"][0]["quote"] == "Traffic on the bridge reached 40,000 vehicles a day in 2022."


def test_a_figure_in_a_table_is_found_quoted_by_its_row_and_verified(run, tmp_path: Path, server) -> None:
    server.expect_request("/ehs").respond_with_data(
        (DATA / "housing-survey.html").read_bytes(), content_type="text/html"
    )
    args = ["--library", str(tmp_path / "lib")]
    assert run("library", "add", server.url_for("/ehs"), "--allow-private", *args).exit_code == 0
    claims = tmp_path / "claims"
    claim = "Private renters spend 33.1% of their income on rent."
    path = write_claims(claims, "rent", [make_claim("rent-share", claim)])
    found = run("--claims", str(claims), "search", "rent-share", "--format", "json", *args)
    first = json.loads(found.stdout)[0]["passages"][0]
    assert "| Private renters | 33.1% | 37.9% |" in first["passage"] and first["shared_facts"] == ["33.1%"]
    assert run("--claims", str(claims), "search", "rent-share", "--add", "1", *args).exit_code == 0
    (source,) = json.loads(path.read_text(encoding="utf-8"))["claims"][0]["sources"]
    assert source["quote"] == "Private renters | 33.1% | 37.9%"
    assert run("--claims", str(claims), "verify", "rent-share", "--allow-private").exit_code == 0
    (source,) = json.loads(path.read_text(encoding="utf-8"))["claims"][0]["sources"]
    assert (source["last_check"]["outcome"], source["last_check"]["score"]) == ("supported", 100)


def test_a_row_of_a_pdf_s_table_is_quoted_not_the_table(run, tmp_path: Path) -> None:
    # A statistics release printed from Chromium: the text layer marks no rows, only where each cell is set.
    args = ["--library", str(tmp_path / "lib")]
    assert run("library", "add", str(DATA / "release-table.pdf"), *args).exit_code == 0
    claims = tmp_path / "claims"
    path = write_claims(claims, "jobs", [make_claim("vacancies", "There were 781,000 vacancies.")])
    found = run("--claims", str(claims), "search", "vacancies", "--format", "json", *args)
    passage = json.loads(found.stdout)[0]["passages"][0]["passage"]
    assert "| Unemployment rate (%) | 4.2 | -0.1 | 0.4 | | Vacancies (thousands) | 781 | -26 | -113 |" in passage
    assert (
        run(
            "--claims",
            str(claims),
            "search",
            "vacancies",
            "--add",
            "1",
            "--url",
            "https://example.org/release.pdf",
            *args,
        ).exit_code
        == 0
    )
    (source,) = json.loads(path.read_text(encoding="utf-8"))["claims"][0]["sources"]
    assert source["quote"] == "Vacancies (thousands) | 781 | -26 | -113"


def test_a_row_of_a_markdown_note_s_table_is_quoted() -> None:
    from factcheck.library.documents import passages
    from factcheck.library.finding import quote

    note = "Checked 20 March 2026.\n\n| Month | Days lost |\n|---|--:|\n| December 2025 | 210,000 |\n| January 2026 | 1,234,500 |\n"
    (passage,) = passages(note)
    assert (
        passage
        == "Checked 20 March 2026. | Month | Days lost | | December 2025 | 210,000 | | January 2026 | 1,234,500 |"
    )
    assert quote("1,234,500 working days were lost in January 2026", passage) == "January 2026 | 1,234,500"


def test_a_figure_stated_in_a_chart_s_caption_is_found(run, tmp_path: Path) -> None:
    args = ["--library", str(tmp_path / "lib")]
    assert run("library", "add", str(DATA / "housing-survey.html"), *args).exit_code == 0
    found = run("search", "--text", "Only 4.1% of homes have damp problems", "--format", "json", *args)
    first = json.loads(found.stdout)[0]["passages"][0]
    assert "damp problems fell to 4.1% in 2024-25" in first["passage"] and first["shared_facts"] == ["4.1%"]
    # A caption without a full stop reads like a heading, which a document leaves out.
    found = run("search", "--text", "74% of homes are heated by gas", "--format", "json", *args)
    assert (
        "Chart 3.2: Homes heated by gas, 74% of all homes in 2024-25"
        in json.loads(found.stdout)[0]["passages"][0]["passage"]
    )


def test_one_document_kept_at_a_path_and_at_its_url_is_listed_once_at_the_url(run, tmp_path: Path, server) -> None:
    # A desk saves a page and adds its address too (or verify's cache holds it): the same passages
    # under two locations took two of the --top places, the copy without a URL often first.
    server.expect_request("/report").respond_with_data((DATA / "report.html").read_bytes(), content_type="text/html")
    args = ["--library", str(tmp_path / "lib")]
    assert run("library", "add", str(DATA / "report.html"), *args).exit_code == 0
    assert run("library", "add", server.url_for("/report"), "--allow-private", *args).exit_code == 0
    result = run("search", "--text", "The river bridge cost $2.6 billion", "--format", "json", *args)
    passages = json.loads(result.stdout)[0]["passages"]
    assert len(passages) == 1
    assert passages[0]["url"] == server.url_for("/report")
    assert passages[0]["passage"].startswith("The river bridge was completed in March 2020.")


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("saved.html", '<html><head><link rel="canonical" href="https://city.example.org/transport-2023"></head>'),
        ("saved.html", '<html><head><meta property="og:url" content="https://city.example.org/transport-2023"></head>'),
        ("saved.md", "---\nurl: https://city.example.org/transport-2023\n---\n"),
    ],
)
def test_a_saved_page_is_cited_at_the_address_it_names(run, tmp_path: Path, name: str, head: str) -> None:
    # A page saved from a browser, or a note with front matter, says where it is published: --url
    # is needed only for a file that does not.
    body = "<p>Traffic on the bridge reached 40,000 vehicles a day in 2022.</p></html>"
    if name.endswith(".md"):
        body = "Traffic on the bridge reached 40,000 vehicles a day in 2022.\n"
    saved = tmp_path / name
    saved.write_text(head + body, encoding="utf-8")
    args = ["--library", str(tmp_path / "lib")]
    assert run("library", "add", str(saved), *args).exit_code == 0
    claims = tmp_path / "claims"
    path = write_claims(claims, "bridge", [make_claim("traffic", "40,000 vehicles a day crossed the bridge in 2022.")])
    result = run("--claims", str(claims), "search", "traffic", "--add", "1", *args)
    assert result.exit_code == 0, result.stderr
    (claim,) = json.loads(path.read_text(encoding="utf-8"))["claims"]
    assert claim["sources"][0]["url"] == "https://city.example.org/transport-2023"
    # It is still the file the library knows it by: removing the file removes it.
    assert run("library", "remove", str(saved), *args).exit_code == 0
    assert json.loads(run("library", "list", "--format", "json", *args).stdout)["documents"] == []


def test_a_quote_from_a_pdf_is_the_sentence_as_printed_without_its_page_s_header_or_hyphens(
    run, tmp_path: Path
) -> None:
    from test_convert import RELEASE, pages_pdf

    (tmp_path / "gdp.pdf").write_bytes(pages_pdf(RELEASE))
    args = ["--library", str(tmp_path / "lib")]
    assert run("library", "add", str(tmp_path / "gdp.pdf"), *args).exit_code == 0
    claims = tmp_path / "claims"
    path = write_claims(claims, "gdp", [make_claim("saving", "The household saving ratio rose to 12.5% in 2025.")])
    result = run("--claims", str(claims), "search", "saving", "--add", "1", "--url", "https://ons.example/gdp", *args)
    assert result.exit_code == 0, result.stderr
    (claim,) = json.loads(path.read_text(encoding="utf-8"))["claims"]
    quote = "Output grew in the quarter, and the household saving ratio is estimated at 12.5% in 2025."
    assert claim["sources"][0]["quote"] == quote


def test_a_quote_is_the_stretch_that_states_the_claims_facts_or_its_closest_sentence() -> None:
    from factcheck.library.finding import quote

    passage = (
        "The survey was run by the city. About 12% of riders used the night buses in 2021. "
        "Ridership fell sharply in spring. By 2023, 18% did. Officials welcomed the figures."
    )
    assert quote("12% of riders used night buses in 2021, and 18% in 2023", passage) == (
        "About 12% of riders used the night buses in 2021. Ridership fell sharply in spring. By 2023, 18% did."
    )
    assert quote("Officials welcomed the survey figures", passage) == "Officials welcomed the figures."
    # A year the claim's sentence shares with another sentence of the passage does not bring that one in.
    housing = (
        "In 2024-25, 51% of dwellings had an energy rating of band C or above, compared with 2% in 1996. "
        "The proportion of homes with damp problems fell to 4.1% in 2024-25, from 13% in 1996. Rents rose."
    )
    assert quote("Only 4.1% of homes have damp problems, compared with 13% in 1996.", housing) == (
        "The proportion of homes with damp problems fell to 4.1% in 2024-25, from 13% in 1996."
    )
    assert quote("Night buses", "One sentence only, about night buses") == "One sentence only, about night buses"


def test_a_claims_article_is_not_its_evidence(run, library: list[str], tmp_path: Path) -> None:
    claims = ferry_desk(tmp_path)
    assert run("library", "add", str(claims), *library).exit_code == 0
    result = run("--claims", str(claims), "search", "ferry-fares", "--format", "json", *library)
    assert result.exit_code == 0, result.stderr
    locations = [p["url"] for p in json.loads(result.stdout)[0]["passages"]]
    assert str((claims / "ferry.txt").resolve()) not in locations
    # Searched as a text, the article is a document like any other.
    result = run("search", "--text", "Ferry fares to the islands tripled in 2023", "--format", "json", *library)
    assert json.loads(result.stdout)[0]["passages"][0]["url"] == str((claims / "ferry.txt").resolve())


def test_the_page_a_claims_article_was_saved_from_is_not_its_evidence(run, library: list[str], tmp_path: Path) -> None:
    # extract page.html --into keeps the page's text beside the claims file; the page, kept too, names
    # the article's address, and so does the article's page fetched by its URL.
    claims = ferry_desk(tmp_path)
    page = '<link rel="canonical" href="https://news.example.org/ferries"><p>Ferry fares to the islands tripled in 2023.</p>'
    (claims / "ferry.html").write_text(page, encoding="utf-8")
    assert run("library", "add", str(claims), *library).exit_code == 0
    result = run("--claims", str(claims), "search", "ferry-fares", "--format", "json", *library)
    assert result.exit_code == 0, result.stderr
    assert "https://news.example.org/ferries" not in [p["url"] for p in json.loads(result.stdout)[0]["passages"]]


def test_a_passage_s_sentences_are_cut_where_the_sentence_splitter_cuts_them() -> None:
    # A closing quote ends the first sentence; "U.S." before a name does not end the second.
    from rapidfuzz import fuzz

    from factcheck.library.ranking import SEARCH_FEATURES, Text, search_features

    best = "The U.S. Senate approved the budget on Monday."
    passage = f'The mayor said: "We were late again." {best} Nobody else spoke.'
    query = Text.of("the U.S. Senate approved the budget")
    values = dict(zip(SEARCH_FEATURES, search_features(query, Text.of(passage), Text.of(""), 1.0, 1.0, 0)))
    assert values["sentence_set_ratio"] == fuzz.token_set_ratio(query.lower, Text.of(best).lower) / 100
    assert values["sentence_covers_query"] == 1.0
