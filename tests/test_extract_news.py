"""A news page's furniture (headline, standfirst, by-line, subheads, captions, corrections) is not proposed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.extract.proposals import notices, propose
from factcheck.store.folder import read
from factcheck.text import convert, segment

MARKDOWN = """---
title: "Council approves toll"
author: Jane Roe
date: 2021-05-17
publisher: Larkspur Post
---

# Council approves $4.50 toll on Larkspur bridge

*The vote ends a two-year fight over who pays for the $2.4 billion bridge.*

By Jane Roe

![The bridge at dusk](bridge.jpg)

*The Larkspur bridge opened in March 2020 after four years of work.*

The city council voted 7 to 2 on Monday to approve a toll of $4.50 for cars.

## Who pays

The bridge cost $2.4 billion, according to the city's 2021 audit.

Workers on the bridge deck in 2019. Photograph: John Doe/Reuters

Correction: An earlier version of this article said the vote was 8 to 1. It was 7 to 2.

Editor’s note: This story was updated on May 18 with the mayor's response.
"""

PLAIN = """Council approves $4.50 toll on Larkspur bridge

The vote ends a two-year fight over who pays for the $2.4 billion bridge.

By Jane Roe

May 17, 2021

The city council voted 7 to 2 on Monday to approve a toll of $4.50 for cars.

The bridge cost $2.4 billion, according to the city's 2021 audit.

Clarification: This article has been amended to give the full cost of the bridge, $2.4 billion.
"""

HTML = """<!doctype html><html><head><title>Council approves toll | Larkspur Post</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Council approves $4.50 toll on Larkspur bridge", "author": {"@type": "Person", "name": "Jane Roe"},
"datePublished": "2021-05-17T09:00:00Z", "publisher": {"@type": "Organization", "name": "Larkspur Post"}}</script>
</head><body><nav><a href="/">Home</a></nav>
<article><header><h1>Council approves $4.50 toll on Larkspur bridge</h1>
<p class="article-standfirst">The vote ends a two-year fight over who pays for the $2.4 billion bridge.</p>
<p class="byline">By Jane Roe</p></header>
<figure><img src="a.jpg"><figcaption>The Larkspur bridge opened in March 2020, four years after work began.</figcaption>
</figure>
<p>The city council voted 7 to 2 on Monday to approve a toll of $4.50 for cars crossing the Larkspur bridge.</p>
<h2>Who pays</h2>
<p>The bridge cost $2.4 billion, according to the city's 2021 audit, and the toll will raise $30 million a year.</p>
<div class="article-correction"><p>We said the vote was 8 to 1 in 2021. It was 7 to 2.</p></div>
</article></body></html>
"""

STORY = {
    "The city council voted 7 to 2 on Monday to approve a toll of $4.50 for cars.",
    "The bridge cost $2.4 billion, according to the city's 2021 audit.",
}


def kinds(text: str, marked: dict[str, str] | None = None) -> dict[str, str]:
    return {u.text: u.kind for u in segment.segments(text, marked)}


def test_markdown_furniture_is_told_from_the_story() -> None:
    found = kinds(MARKDOWN)
    assert found["# Council approves $4.50 toll on Larkspur bridge"[2:]] == segment.HEADING
    assert found["*The vote ends a two-year fight over who pays for the $2.4 billion bridge.*"] == segment.STANDFIRST
    assert found["*The Larkspur bridge opened in March 2020 after four years of work.*"] == segment.CAPTION
    assert found["Who pays"] == segment.HEADING
    assert found["Workers on the bridge deck in 2019. Photograph: John Doe/Reuters"] == segment.CAPTION
    assert (
        found["Correction: An earlier version of this article said the vote was 8 to 1. It was 7 to 2."]
        == segment.NOTICE
    )
    assert found["Editor’s note: This story was updated on May 18 with the mayor's response."] == segment.NOTICE
    assert not any("title:" in t or "Jane Roe" in t or "bridge.jpg" in t for t in found)  # front matter, by-line
    assert {t for t, k in found.items() if k == segment.SENTENCE} == STORY


def test_plain_text_standfirst_sits_between_headline_and_by_line() -> None:
    found = kinds(PLAIN)
    assert found["The vote ends a two-year fight over who pays for the $2.4 billion bridge."] == segment.STANDFIRST
    assert {t for t, k in found.items() if k == segment.SENTENCE} == STORY
    # Without a by-line after it, the first paragraph is the story's lede, not a standfirst.
    lede = PLAIN.replace("By Jane Roe\n\nMay 17, 2021\n\n", "")
    assert kinds(lede)["The vote ends a two-year fight over who pays for the $2.4 billion bridge."] == "sentence"


@pytest.mark.parametrize("text", [MARKDOWN, PLAIN])
def test_only_the_story_is_proposed_and_the_notice_is_kept(text: str) -> None:
    assert {p.text for p in propose(text, 0.0)} == STORY
    assert len(propose(text, 0.0, furniture=True)) > len(STORY)
    assert len(notices(text)) == (2 if text is MARKDOWN else 1)


def test_a_sentence_that_mentions_a_correction_is_still_a_sentence() -> None:
    text = "The minister issued a correction on Monday, saying 4,000 jobs were lost in 2020.\n"
    assert [u.kind for u in segment.segments(text)] == [segment.SENTENCE]


def test_metadata_from_front_matter_and_from_a_by_line() -> None:
    declared = convert.text_metadata(MARKDOWN)
    assert (declared.title, declared.author, declared.date, declared.publisher) == (
        "Council approves toll",
        "Jane Roe",
        "2021-05-17",
        "Larkspur Post",
    )
    declared = convert.text_metadata(PLAIN)
    assert (declared.title, declared.author, declared.date) == (None, "Jane Roe", "2021-05-17")
    assert convert.text_metadata("Just a sentence.\n") == convert.PageMetadata()


@pytest.mark.parametrize(
    ("line", "author"),
    [("Por Ana Ruiz", "Ana Ruiz"), ("Von Jonas Weiß", "Jonas Weiß"), ("Автор: Алёна Щербакова", "Алёна Щербакова")],
)
def test_a_by_line_in_spanish_german_or_russian_names_the_author(line: str, author: str) -> None:
    text = f"Las tarifas suben\n\n{line}\n\nLas tarifas del metro subieron un 12 % en 2026, dijo el consorcio.\n"
    assert convert.text_metadata(text).author == author
    assert all(line not in p.text for p in propose(text, 0.0))  # the by-line is no claim


@pytest.mark.parametrize(
    ("line", "author", "date"),
    [
        ("By Ellen Marsh, Larkspur Post, 3 March 2026", "Ellen Marsh", "2026-03-03"),
        ("By Ellen Marsh | Larkspur Post | March 3, 2026", "Ellen Marsh", "2026-03-03"),
        ("By Ellen Marsh and Tom Reed, Larkspur Post · Tuesday, March 3, 2026 9:30", "Ellen Marsh and Tom Reed",
         "2026-03-03"),
        ("By Ellen Marsh and Tom Reed", "Ellen Marsh and Tom Reed", None),
        ("Ellen Marsh, Larkspur Post —", "Ellen Marsh", None),
        ("Ellen Marsh, The Larkspur Post — March 3, 2026", "Ellen Marsh", "2026-03-03"),
    ],
)  # fmt: skip
def test_a_news_by_line_gives_the_author_and_date_it_holds(line: str, author: str, date: str | None) -> None:
    body = "The council raised bus fares by 10% on Monday, the first rise since 2019."
    text = f"Council raises bus fares\n\n{line}\n\n{body}\n\nBy 2030 the city will run 40 electric buses.\n"
    declared = convert.text_metadata(text)
    assert (declared.author, declared.date) == (author, date)
    assert [p.text for p in propose(text, 0.0, furniture=True)][1:] == [
        body,
        "By 2030 the city will run 40 electric buses.",
    ]


@pytest.mark.parametrize("line", ["By Monday, March 3, 2026", "By Friday"])
def test_a_deadline_on_a_line_of_its_own_names_no_author(line: str) -> None:
    # "By" before a day is when, not who: the article's author was "Monday".
    text = f"Council raises bus fares\n\n{line}\n\nThe council raised bus fares by 10% on Monday.\n"
    assert convert.text_metadata(text).author is None


@pytest.mark.parametrize(
    "dateline",
    [
        "Москва, 7 декабря 2026 г.",
        "Berlin, 7. Dezember 2026",
        "Madrid, 7 de diciembre de 2026",
        "القاهرة، ٧ ديسمبر ٢٠٢٦",
        "नई दिल्ली, 7 दिसंबर 2026",
    ],
)
def test_a_dateline_in_another_language_is_no_claim(dateline: str) -> None:
    text = f"{dateline}\n\nLas tarifas del metro subieron un 12 % en 2026, dijo el consorcio.\n"
    proposed = [p.text for p in propose(text, 0.0)]
    assert proposed and dateline not in proposed


@pytest.mark.parametrize(
    ("dateline", "body"),
    [
        ("Berlin, 7. Dezember 2026", "Die Fahrpreise stiegen 2026 um 12 %, sagte der Verkehrsverbund."),
        ("Madrid, 7 de diciembre de 2026", "Las tarifas del metro subieron un 12 % en 2026, dijo el consorcio."),
        ("Paris, 7 décembre 2026", "Les tarifs du métro ont augmenté de 12 % en 2026, a dit la régie."),
        ("Москва, 7 декабря 2026 г.", "Тарифы на метро выросли на 12% в 2026 году, сообщил перевозчик."),
        ("7 декабря 2026 г.", "Тарифы на метро выросли на 12% в 2026 году, сообщил перевозчик."),
        ("القاهرة، ٧ ديسمبر ٢٠٢٦", "ارتفعت أسعار المترو بنسبة 12% في عام 2026، حسب الشركة."),
        ("بيروت، 7 كانون الأول 2026", "ارتفعت أسعار المترو بنسبة 12% في عام 2026، حسب الشركة."),
        ("नई दिल्ली, 7 दिसंबर 2026", "मेट्रो का किराया 2026 में 12% बढ़ा, निगम ने कहा।"),
    ],
)
def test_a_date_line_or_front_matter_date_in_another_language_dates_the_article(dateline: str, body: str) -> None:
    # As "May 17, 2021" does: the day first, the month in words, in German, Spanish, French or Russian.
    declared = convert.text_metadata(f"Tarifas\n\n{dateline}\n\n{body}\n")
    assert (declared.date, declared.author) == ("2026-12-07", None)  # "Paris" opens with "par", a by-line's word
    date = dateline.replace("، ", ", ").split(", ")[-1]
    assert convert.text_metadata(f"---\ndate: {date}\n---\n\n{body}\n").date == "2026-12-07"


def test_a_date_line_in_another_language_that_names_no_day_gives_no_date() -> None:
    assert convert.text_metadata("Tarifas\n\nMadrid, 31 de febrero de 2026\n\nSubieron.\n").date is None


def test_front_matter_written_with_markdown_gives_its_words() -> None:
    # As a title from a "#" heading is read; export would publish the markup in headline and author.name.
    text = '---\ntitle: "The *bridge* opens [today](https://x.org/a)"\nauthor: "**Ann** Lee"\nurl: https://x.org/a_b\n---\n'
    declared = convert.text_metadata(text + "\nThe bridge opened on Monday.\n")
    assert (declared.title, declared.author, declared.url) == ("The bridge opens today", "Ann Lee", "https://x.org/a_b")


def test_html_structure_marks_standfirst_caption_and_correction(tmp_path: Path) -> None:
    page = tmp_path / "toll.html"
    page.write_text(HTML, encoding="utf-8")
    marked = convert.load_structure(page)
    text = convert.load_article(page)
    found = kinds(text, marked)
    assert found["The vote ends a two-year fight over who pays for the $2.4 billion bridge."] == segment.STANDFIRST
    assert found["We said the vote was 8 to 1 in 2021. It was 7 to 2."] == segment.NOTICE
    assert found["Council approves $4.50 toll on Larkspur bridge"] == segment.HEADING
    proposed = [p.text for p in propose(text, 0.0, marked)]
    assert proposed and all(p.startswith(("The city council", "The bridge cost")) for p in proposed)


def test_extract_into_reads_metadata_and_keeps_the_correction(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims").mkdir()
    (tmp_path / "toll.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "claims" / "toll-md.md").write_text(MARKDOWN, encoding="utf-8")
    result = run("extract", "toll.html", "--into", "claims/toll.json")
    assert result.exit_code == 0, result.stderr
    article = read(tmp_path / "claims" / "toll.json").claims_file.article
    assert article.title == "Council approves $4.50 toll on Larkspur bridge"
    assert (article.author, article.date, article.publisher) == ("Jane Roe", "2021-05-17", "Larkspur Post")
    assert article.correction == "We said the vote was 8 to 1 in 2021. It was 7 to 2."
    assert "correction" in result.stderr
    # report shows it, in every format
    at = ("--claims", "claims/toll.json", "report")
    said = "We said the vote was 8 to 1 in 2021. It was 7 to 2."
    assert f"  the article's correction: {said}" in run(*at).stdout.splitlines()
    assert f"**The article's correction:** {said}" in run(*at, "--format", "md").stdout
    assert f"The article's correction:</span> {said}" in run(*at, "--format", "html").stdout
    assert json.loads(run(*at, "--format", "json").stdout)["articles"][0]["correction"] == said

    result = run("extract", "claims/toll-md.md", "--into", "claims/toll-md.json")
    assert b'"correction"' in (tmp_path / "claims" / "toll-md.json").read_bytes()
    claims_file = read(tmp_path / "claims" / "toll-md.json").claims_file
    assert claims_file.article.title == "Council approves toll"  # the front matter's, not the file name
    assert isinstance(claims_file.article.correction, str)
    assert claims_file.article.correction.startswith("Correction:")
    assert {c.text for c in claims_file.claims} == STORY
    rows = json.loads(run("extract", "claims/toll-md.md", "--format", "json", "--furniture", "--min-score", "0").stdout)
    assert {r["kind"] for r in rows} >= {"heading", "standfirst", "caption", "notice"}


def test_a_file_without_a_correction_has_no_correction_field(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "plain.txt").write_text(PLAIN.split("\n\nClarification")[0] + "\n", encoding="utf-8")
    assert run("extract", "claims/plain.txt", "--into", "claims/plain.json").exit_code == 0
    assert b'"correction"' not in (tmp_path / "claims" / "plain.json").read_bytes()
    assert not read(tmp_path / "claims" / "plain.json").claims_file.article.correction


STORY_END = "The city council voted 7 to 2 on Monday to approve a toll of $4.50 for cars."


@pytest.mark.parametrize(
    "notice",
    [
        "(© Copyright 2021 The Larkspur Post. All Rights Reserved. This material may not be published, broadcast,"
        " rewritten or redistributed.)",
        "Copyright 2021 Larkspur Media Group. All rights reserved.",
        "© 2021 Larkspur Post",
        "Copyright © 2019-2021 Harbour News Ltd.",
        "Copyright (c) 2021 by Harbour News",
        "All rights reserved.",
        "This article may not be reproduced or redistributed without permission.",
    ],
)
def test_a_copyright_or_reuse_notice_is_furniture_and_no_correction(notice: str) -> None:
    # As a paragraph of its own, and as the last sentences of the last paragraph.
    for text in (f"{STORY_END}\n\n{notice}\n", f"{STORY_END} {notice}\n"):
        units = segment.segments(text)
        assert [(u.kind, u.text) for u in units] == [(segment.SENTENCE, STORY_END), (segment.RIGHTS, notice)]
        assert [p.text for p in propose(text, 0.0)] == [STORY_END]
        assert notices(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Copyright 1998 reforms extended the term of protection by 20 years.",
        "The court said the photos may not be published until the trial ends.",
        "Copyright claims rose 12% in 2021, the agency said. All rights reserved, it added, was not a defence.",
        "© signs were removed from 40 products. Sales fell.",
        "The plan has three parts. (c) The third raises taxes on fuel.",
    ],
)
def test_a_sentence_about_copyright_is_still_a_sentence(text: str) -> None:
    assert {u.kind for u in segment.segments(text)} == {segment.SENTENCE}


# https://cbsnews.com/texas/news/us-consumer-prices-tick-up-as-rental-costs-rise (tests/data/extract/rents-prices.txt):
# the wire's notice, which the page sets as a paragraph of its own, here inside the paragraph before it, as a
# page's text can carry it when the markup that set it apart is lost.
AP_NOTICE = (
    "(© Copyright 2012 The Associated Press. All Rights Reserved. This material may not be published, broadcast,"
    " rewritten or redistributed.)"
)
FOOD = "Food prices rose 0.2 percent, while gas fell 0.6 percent."
CORE = "Excluding the volatile food and gas categories, core prices increased 0.2 percent."
SHELTER = "The cost of shelter, which includes rents, rose 0.3 percent, the most in more than four years."


R, S = segment.RIGHTS, segment.SENTENCE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{FOOD} {AP_NOTICE} {CORE}\n", [(S, FOOD), (R, AP_NOTICE), (S, CORE)]),  # inside the last paragraph
        (f"{AP_NOTICE} {FOOD}\n\n{CORE}\n", [(R, AP_NOTICE), (S, FOOD), (S, CORE)]),  # opening a paragraph
        (f"{SHELTER}\n\n{FOOD} {AP_NOTICE}\n\n{CORE}\n", [(S, SHELTER), (S, FOOD), (R, AP_NOTICE), (S, CORE)]),
        (f"{FOOD} All rights reserved. {CORE}\n", [(S, FOOD), (R, "All rights reserved."), (S, CORE)]),
        (f"{FOOD} © 2021 Larkspur Post. {CORE}\n", [(S, FOOD), (R, "© 2021 Larkspur Post."), (S, CORE)]),
    ],
)
def test_a_notice_inside_a_paragraph_is_furniture_and_the_story_around_it_is_kept(
    text: str, expected: list[tuple[str, str]]
) -> None:
    units = segment.segments(text)
    assert [(u.kind, u.text) for u in units] == expected
    assert all(text[u.start : u.end] == u.text for u in units)
    assert [p.text for p in propose(text, 0.0)] == [t for kind, t in expected if kind == S]
    assert notices(text) == []


def test_a_reuse_sentence_inside_the_story_is_the_story_s_own() -> None:
    # Without a word of who owns the text, "may not be published" inside a paragraph is news, not a notice.
    said = "The report may not be published before March, the agency said."
    assert {u.kind for u in segment.segments(f"{FOOD} {said} {CORE}\n")} == {segment.SENTENCE}
    assert [u.kind for u in segment.segments(f"{said} {CORE}\n\n{FOOD}\n")] == [segment.SENTENCE] * 3


# Reuse notices as outlets word them, each a sentence that is the notice and nothing more.
REUSE_NOTICES = [
    # https://philhardwickblog.wordpress.com/2011/12/29/are-newspaper-copyright-notices-worth-the-digital-ink-they-are-printed-on/
    "This material may not be published, broadcast, rewritten or redistributed.",
    # The wire's longer form, quoted at http://leethomason.com/2006/10/the-exclusive-right-to-expound-about-exclusive-rights/
    "This material shall not be published, broadcast, rewritten for broadcast or publication or redistributed directly"
    " or indirectly in any medium.",
    # https://www.spokesman.com/copyright/
    "No part of The Spokesman-Review may be reproduced in any form by any means, electronic or mechanical (including"
    " photocopying, recording or information storage and retrieval) without permission in writing from the publisher.",
    # http://www.news-gazette.com/page/services/copyright.html
    "Material may not be copied or reprinted from the newspaper without prior written authorization from the Editor.",
    # https://knowablemagazine.org/article/food-environment/2019/coral-reef-conservation-marine-reserves
    "Article text (including the headline) may not be edited without prior permission from Knowable Magazine staff.",
    # The closing line republishing outlets are asked to print: https://floodlightnews.org/republication-terms/ and
    # https://www.ourtownsfoundation.org/republishing-policy/
    "This story was originally published by Floodlight.",
    "This story was originally published by the Our Towns Civic Foundation.",
    "This story may not be republished without permission.",
    "Reprinted with permission.",
]


@pytest.mark.parametrize("notice", REUSE_NOTICES)
def test_a_reuse_notice_in_any_of_its_wordings_closes_the_article_as_furniture(notice: str) -> None:
    for text in (f"{STORY_END}\n\n{notice}\n", f"{STORY_END} {notice}\n"):
        assert [(u.kind, u.text) for u in segment.segments(text)] == [(S, STORY_END), (R, notice)]
        assert [p.text for p in propose(text, 0.0)] == [STORY_END]


# Sentences about reuse and copyright that are the story's own, from stories about them: whether a paragraph of
# their own, closing the article or inside a paragraph, they stay claims.
ABOUT_REUSE = [
    # https://www.nyreport.com/?p=5243
    "The notice, dated 2020, reminds readers that AP content cannot be republished, broadcast, rewritten, or"
    " redistributed without permission.",
    # https://www.kansascity.com/opinion/opn-columns-blogs/public-editor/article331297/When-do-I-need-copyright-permission.html
    "She did not want to republish the entire story as it appeared in the paper.",
    # https://www.archyde.com/n-a-a-page-missing-from-the-arkansas-democrat-gazette
    "Specifically, the Associated Press prohibits publishing, broadcasting, rewriting, or redistributing its content in"
    " any medium.",
    # https://www.liveaction.org/news/reprint-guidelines/
    "Articles must be reprinted without modification of text.",
    # A ban in the news, with its term or its reason: no notice, however it opens.
    "The report may not be published before March, the agency said.",
    "The photos may not be published without the consent of the families.",
    "This report was published by the Department of Health on Monday.",
]


@pytest.mark.parametrize("sentence", ABOUT_REUSE)
def test_a_sentence_about_reuse_is_never_taken_for_the_notice(sentence: str) -> None:
    for text in (f"{STORY_END}\n\n{sentence}\n", f"{STORY_END} {sentence}\n", f"{sentence}\n\n{STORY_END}\n"):
        assert {u.kind for u in segment.segments(text)} == {S}, text
        assert sentence in [p.text for p in propose(text, 0.0)]


def test_a_wire_story_s_credits_are_no_part_of_the_story() -> None:
    # The credits line a wire story closes with, as Reuters sets it: names of who reported, wrote and edited.
    credits = (
        "(Reporting by Jeff Mason and Steve Holland; Additional reporting by Andrea Shalal; Editing by Andrew Heavens)"
    )
    assert [u.text for u in segment.segments(f"{STORY_END}\n\n{credits}\n")] == [STORY_END]
    credits = "(Reporting by Åsa Öberg and Émile Ødegaard; Editing by Łukasz Żak)"  # capitals beyond ASCII
    assert [u.text for u in segment.segments(f"{STORY_END}\n\n{credits}\n")] == [STORY_END]
    news = "Reporting by Reuters found that 40 people had died."  # names no one: a sentence
    assert [u.text for u in segment.segments(f"{STORY_END}\n\n{news}\n")] == [STORY_END, news]


# The close of a Reuters story as a radio station's site carried it, the credits inside its last paragraph:
# https://whbl.com/2026/03/05/four-medics-killed-in-iran-ambulances-damaged-who-says/
WIRE_LAST = (
    "Balkhy says that the WHO logistics hub in Dubai which provides health supplies to dozens of countries is"
    " temporarily out of service because of transport restrictions in the region."
)
WIRE_CREDITS = "(Reporting by Christy Santhosh and Emma Farge)"


def test_the_credits_closing_the_last_paragraph_are_no_part_of_the_story() -> None:
    text = f"{STORY_END}\n\n{WIRE_LAST} {WIRE_CREDITS}\n"
    units = segment.segments(text)
    assert [(u.kind, u.text) for u in units] == [(S, STORY_END), (S, WIRE_LAST)]
    assert all(text[u.start : u.end] == u.text for u in units)
    assert [p.text for p in propose(text, 0.0)] == [STORY_END, WIRE_LAST]
    # Credits naming an editor too, as Reuters sets them after a quote.
    edited = '"We will not stop," he said. (Reporting by Jane Doe in Geneva; Editing by John Roe)'
    assert [u.text for u in segment.segments(f"{STORY_END}\n\n{edited}\n")] == [
        STORY_END,
        '"We will not stop," he said.',
    ]
    # Before the copyright line that ends the paragraph, the notice staying one unit of furniture.
    signed = f"{WIRE_LAST} Reporting by Jane Doe; Editing by John Roe. Copyright 2026 Reuters. All rights reserved."
    assert [(u.kind, u.text) for u in segment.segments(f"{signed}\n")] == [
        (S, WIRE_LAST),
        (R, "Copyright 2026 Reuters. All rights reserved."),
    ]


def test_a_short_last_paragraph_that_ends_in_a_copyright_line_is_no_heading() -> None:
    # Under 15 words and with no full stop at its end, it was taken for a subhead whole, and its sentences were lost.
    last = "The toll is $2, the ministry said. (Photo by Jane Doe/Reuters.) © 2021 Larkspur Post"
    assert [(u.kind, u.text) for u in segment.segments(f"{STORY_END}\n\n{last}\n")] == [
        (S, STORY_END),
        (S, "The toll is $2, the ministry said."),
        (S, "(Photo by Jane Doe/Reuters.)"),
        (R, "© 2021 Larkspur Post"),
    ]
    # Credits before the copyright line are left out, as at the end of a longer paragraph.
    credited = "(Reporting by Jane Doe; Editing by John Roe.) © 2021 Thomson Reuters"
    assert [(u.kind, u.text) for u in segment.segments(f"{STORY_END}\n\n{credited}\n")] == [
        (S, STORY_END),
        (R, "© 2021 Thomson Reuters"),
    ]


def test_credits_inside_the_story_stay_where_they_are() -> None:
    # Only the article's last paragraph closes with its credits: the same words earlier are left to the reader.
    text = f"{WIRE_LAST} {WIRE_CREDITS}\n\n{STORY_END}\n"
    assert [u.text for u in segment.segments(text)] == [WIRE_LAST, WIRE_CREDITS, STORY_END]
    # And a sentence that only opens like credits is news, at the end as anywhere.
    news = "(Reporting by Reuters found that 40 people had died.)"
    assert [u.text for u in segment.segments(f"{STORY_END} {news}\n")] == [STORY_END, news]


def test_the_correction_is_kept_apart_from_the_copyright_line() -> None:
    text = f"{STORY_END}\n\nCorrection: The vote was 7 to 2, not 8 to 1.\n\nCopyright 2021 Larkspur Post. All rights reserved.\n"
    assert notices(text) == ["Correction: The vote was 7 to 2, not 8 to 1."]
    assert [u.kind for u in segment.segments(text)] == [segment.SENTENCE, segment.NOTICE, segment.RIGHTS]


def test_a_wire_dateline_stays_out_of_the_claim_and_its_facts(run) -> None:
    # A short excerpt of https://cbs58.com/news/milwaukee-common-council-approves-2023-amended-city-budget
    path = Path(__file__).resolve().parent / "data" / "extract" / "cbs58-budget.md"
    text = path.read_text(encoding="utf-8")
    result = run("extract", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    first = json.loads(result.stdout)[0]
    assert first["text"].startswith("The Milwaukee Common Council has adopted")
    assert text[first["start"] : first["end"]] == first["text"]
    assert text[: first["start"]].endswith("MILWAUKEE (CBS 58) -- ")
    assert [f["text"] for f in first["facts"]] == ["$1.72 billion"]


RIGHTS_PAGE = """<!doctype html><html><head><title>Ferry fares rise | Harbour News</title></head><body>
<article><h1>Ferry fares rise to $4 a ride</h1>
<p>Ferry operator Bayline raised its fare by 12% on Monday, to $4 a ride, the port authority said.</p>
<p class="tag-human-rights">Rights groups said 3,000 riders had signed a petition against the rise in 2023.</p>
<p class="site-copyright">Harbour News is published by Harbour Media Group, 12 Quay Street, since 1998.</p>
<div id="rights"><p>Reprints of this story for 40 schools were paid for by the Quay Trust in 2024.</p></div>
</article></body></html>
"""


def test_html_copyright_and_rights_classes_mark_the_rights_notice(tmp_path: Path) -> None:
    # What these paragraphs say does not tell a reuse notice; the page's classes do.  A class that only
    # mentions rights ("tag-human-rights") marks nothing.
    page = tmp_path / "fares.html"
    page.write_text(RIGHTS_PAGE, encoding="utf-8")
    marked = convert.load_structure(page)
    text = convert.load_article(page)
    found = kinds(text, marked)
    assert found["Harbour News is published by Harbour Media Group, 12 Quay Street, since 1998."] == segment.RIGHTS
    assert found["Reprints of this story for 40 schools were paid for by the Quay Trust in 2024."] == segment.RIGHTS
    assert found["Rights groups said 3,000 riders had signed a petition against the rise in 2023."] == segment.SENTENCE
    assert [p.text for p in propose(text, 0.0, marked)] == [
        "Ferry operator Bayline raised its fare by 12% on Monday, to $4 a ride, the port authority said.",
        "Rights groups said 3,000 riders had signed a petition against the rise in 2023.",
    ]
    assert notices(text, marked) == []


def test_a_vote_tally_is_one_key_fact_of_its_claim(run) -> None:
    # A short excerpt of https://cbs58.com/news/milwaukee-common-council-approves-2023-amended-city-budget
    path = Path(__file__).resolve().parent / "data" / "extract" / "cbs58-budget.md"
    result = run("extract", str(path), "--format", "json", "--min-score", "0")
    assert result.exit_code == 0, result.stderr
    (vote,) = [r for r in json.loads(result.stdout) if r["text"].startswith("In a 9-2 vote")]
    assert vote["facts"] == [
        {"kind": "number", "text": "9-2", "value": 2.0, "unit": "tally", "high": 9.0},
        {"kind": "date", "text": "2023", "value": "2023"},
    ]


# The start of the Associated Press story as https://abc7news.com/post/first-measles-death-is-reported-west-texas-outbreak-infected-more-120-people/15956727/
# published it (AP's dateline restored): a wire headline of 17 words, longer than any other paragraph may be and
# still be taken for a heading.
AP_MEASLES = Path(__file__).resolve().parent / "data" / "extract" / "ap-measles-death.txt"
AP_HEADLINE = "First measles death is reported in the West Texas outbreak that's infected more than 120 people"


def test_a_long_wire_headline_opening_a_text_article_is_its_title_not_a_claim(run, tmp_path: Path) -> None:
    text = AP_MEASLES.read_text(encoding="utf-8")
    units = segment.segments(text)
    assert (units[0].text, units[0].kind) == (AP_HEADLINE, segment.HEADING)
    # The headline being the article's first paragraph, the dateline opens the next: it is skipped there.
    assert units[1].text.startswith("A person who was hospitalized with measles")
    assert AP_HEADLINE not in [p.text for p in propose(text, 0.0)]
    article = tmp_path / "measles.txt"
    article.write_text(text, encoding="utf-8")
    result = run("extract", str(article), "--into", str(tmp_path / "measles.json"))
    assert result.exit_code == 0, result.stderr
    assert read(tmp_path / "measles.json").claims_file.article.title == AP_HEADLINE


def test_a_headline_followed_straight_by_the_body_is_still_the_title() -> None:
    # The same copy as a wire feed sets it, no blank line between the headline and the story.
    text = AP_MEASLES.read_text(encoding="utf-8").replace("people\n\n", "people\n", 1)
    units = segment.segments(text)
    assert (units[0].text, units[0].kind) == (AP_HEADLINE, segment.HEADING)
    assert units[1].text.startswith("A person who was hospitalized with measles")
    # Without the dateline, lines longer than any hand-wrapped text's say that the headline's line ends there.
    plain = text.replace("LUBBOCK, Texas (AP) -- ", "", 1)
    assert [(u.text, u.kind) for u in segment.segments(plain)[:1]] == [(AP_HEADLINE, segment.HEADING)]


@pytest.mark.parametrize(
    "text",
    [
        # A hard-wrapped first paragraph: its first line ends with no full stop, and the next goes on with it.
        "A person who was hospitalized with measles has died from the illness in\n"
        "West Texas, the first death in an outbreak that began late last month.\n\n"
        "Covenant Children's Hospital in Lubbock didn't immediately respond to a request for comment.\n",
        # A first paragraph of two sentences is prose, whatever its end.
        "Measles is a respiratory virus. It can survive in the air for up to two hours\n\nMore text follows.\n",
        # One line and nothing after it: no headline of anything.
        "A person who was hospitalized with measles has died from the illness in West Texas\n",
    ],
)
def test_an_opening_paragraph_of_prose_is_no_headline(text: str) -> None:
    assert segment.segments(text)[0].kind == segment.SENTENCE


def test_a_rank_is_a_reason_to_check_but_no_key_fact_listed(run) -> None:
    # Verify never asks a source to state a rank (sources word "the first death" their own way), so extract
    # lists none among the facts; the rank is still among the reasons the sentence is proposed.
    result = run("extract", str(AP_MEASLES), "--format", "json", "--furniture")
    assert result.exit_code == 0, result.stderr
    rows = {r["text"]: r for r in json.loads(result.stdout)}
    assert [f["text"] for f in rows[AP_HEADLINE]["facts"]] == ["120"]
    death = next(r for t, r in rows.items() if t.startswith("A person who was hospitalized"))
    assert death["facts"] == []
    assert "gives a rank: first" in death["reasons"]
    text = run("extract", str(AP_MEASLES), "--furniture").stdout
    assert "facts: 120" in text and "facts: First" not in text and "facts: first" not in text


LEDE = "The city council voted 7 to 2 on Monday to approve a toll of $4.50 for cars crossing the Larkspur bridge."
MORE = "The toll starts in June and will raise $3 million a year, the mayor said."


def _as(suffix: str, paragraphs: list[str]) -> str:
    if suffix == ".html":
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        return f"<!doctype html><html><body><article>{body}</article></body></html>\n"
    return "\n\n".join(paragraphs) + "\n"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@pytest.mark.parametrize(
    ("name", "paragraphs", "expected"),
    [
        # No headline, and a file name that is an id: no title is made up of either.
        ("story_0412", [LEDE, MORE], "untitled"),
        # A file name of words reads as a title when the text gives none.
        ("council-approves-toll", [LEDE, MORE], "council approves toll"),
        # An opening sentence of a heading's length, a paragraph of its own, is the headline written as a sentence.
        (
            "story_0412",
            ["Council approves toll on Larkspur bridge.", LEDE, MORE],
            "Council approves toll on Larkspur bridge",
        ),
        # A lede of one sentence is no headline: it runs longer.
        ("story_0412", [LEDE, "It passed.", MORE], "untitled"),
    ],
)
def test_an_article_without_a_headline_is_titled_alike_in_every_format(
    run, tmp_path: Path, suffix: str, name: str, paragraphs: list[str], expected: str
) -> None:
    article = tmp_path / f"{name}{suffix}"
    article.write_text(_as(suffix, paragraphs), encoding="utf-8")
    result = run("extract", str(article), "--into", str(tmp_path / "claims.json"))
    assert result.exit_code == 0, result.stderr
    assert read(tmp_path / "claims.json").claims_file.article.title == expected


def test_a_headline_like_opening_sentence_gives_the_title() -> None:
    # It stays a unit of the text (a sentence, scored as one); only the title is taken from it.
    text = f"Council approves toll on Larkspur bridge.\n\n{LEDE}\n"
    assert segment.title(text) == "Council approves toll on Larkspur bridge"
    assert segment.title(f"LARKSPUR (AP) -- Council approves toll on Larkspur bridge.\n\n{LEDE}\n") is None
    assert segment.title("Council approves toll on Larkspur bridge.\n") is None  # nothing after it: the article itself
