"""segment.segments: sentences that survive abbreviations and numbers; site chrome left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract.proposals import propose
from factcheck.text import segment

DATA = Path(__file__).resolve().parent / "data" / "extract"
BODY = Path(__file__).resolve().parent.parent / "claims" / "china-kazakhstan-30-years.txt"


def texts(text: str) -> list[str]:
    return [s.text for s in segment.segments(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dr. Smith met U.S. officials on Oct. 5 in Washington. The deal cost $2.4 billion.",
            ["Dr. Smith met U.S. officials on Oct. 5 in Washington.", "The deal cost $2.4 billion."],
        ),
        (
            "Prices rose 1.5% in No. 5 district. Then they fell.",
            ["Prices rose 1.5% in No. 5 district.", "Then they fell."],
        ),
        (
            "George W. Bush and J. K. Rowling met. Nobody noticed.",
            ["George W. Bush and J. K. Rowling met.", "Nobody noticed."],
        ),
        ('She said: "It is done." Then she left.', ['She said: "It is done."', "Then she left."]),
        ('"Is it?" he asked. Yes!', ['"Is it?" he asked.', "Yes!"]),
        ("It moved to the U.S. The firm grew.", ["It moved to the U.S.", "The firm grew."]),
        ("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
        ("It closes at 7 p.m. Three pools stay shut.", ["It closes at 7 p.m.", "Three pools stay shut."]),
        (
            "Acme Inc. said profits rose (see p. 4). Shares fell.",
            ["Acme Inc. said profits rose (see p. 4).", "Shares fell."],
        ),
        ("Version 2.0 shipped. e.g. this one.", ["Version 2.0 shipped. e.g. this one."]),
        # A full stop before a closing bracket or quote ends the sentence as one without it does; an
        # abbreviation's does not.
        (
            "Tolls end, the ministry said (in a statement.) The bridge opened.",
            ["Tolls end, the ministry said (in a statement.)", "The bridge opened."],
        ),
        ("He cited the chart (see Fig.) The chart was wrong.", ["He cited the chart (see Fig.) The chart was wrong."]),
        ("A line without a full stop", ["A line without a full stop"]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Crews were called between 9 and 10 a.m. Tuesday.",
        "The polls close at 8 p.m. ET on Nov. 5.",
        "The launch is set for 9:30 a.m. EDT, weather permitting.",
        "The talks resume at 10 a.m. (ET) in Geneva.",
        "The deadline passed at 5 p.m. Friday without a deal.",
        "Voting opens at 7 a.m. November 3 in most states.",
        "The shuttle lands at 6 a.m. UTC on Saturday.",
        # Wire copy gives the time again in brackets, in another zone, or spells out the zone.
        "Voting begins at 10 a.m. (1500 GMT) on Tuesday.",
        "Trading opens at 9:30 a.m. (1330 GMT).",
        "Polls close at 8 p.m. (0100 GMT Wednesday) in most states.",
        "The talks resume at 10 a.m. [0800 GMT] in Geneva.",
        "The briefing starts at 2 p.m. Eastern Time on Friday.",
        "The launch window opens at 4 p.m. Pacific Daylight Time.",
    ],
)
def test_a_weekday_month_or_time_zone_after_am_or_pm_continues_the_sentence(sentence: str) -> None:
    text = f"{sentence} The next one starts here."
    assert texts(text) == [sentence, "The next one starts here."]
    assert segment.sentence_ends(text)[0] == len(sentence)  # verify's passages end where extract's do


def test_a_wire_time_with_its_gmt_equivalent_stays_in_its_sentence() -> None:
    # https://www.reuters.com/article/us-usa-trump-conference/trump-to-hold-news-conference-on-tuesday-white-house-idUSKCN24F2HI
    # (the missing space after the bracket is the wire's own)
    first = (
        "WASHINGTON (Reuters) - President Donald Trump will hold a Rose Garden news conference at 5 p.m. Eastern "
        "(2100 GMT)on Tuesday, according to a White House schedule that did not provide details on what he intends "
        "to speak about."
    )
    second = "Earlier in the afternoon, Trump will meet with Secretary of State Mike Pompeo at the White House, the schedule showed."
    text = f"{first}\n\n{second}\n"
    assert texts(text) == [first.removeprefix("WASHINGTON (Reuters) - "), second]
    assert [p.text for p in propose(text, 0.0)][0].endswith("on what he intends to speak about.")


def test_a_sentence_in_brackets_after_a_time_is_a_sentence_of_its_own() -> None:
    # A bracket that ends with its own full stop holds a sentence, not the time again.
    text = "The hearing ended at 6 p.m. (The ruling is due next week.) Lawyers for both sides declined to comment."
    assert texts(text) == [
        "The hearing ended at 6 p.m.",
        "(The ruling is due next week.)",
        "Lawyers for both sides declined to comment.",
    ]
    assert texts("It closes at 7 p.m. Eastern Airlines said it would add flights.") == [
        "It closes at 7 p.m.",
        "Eastern Airlines said it would add flights.",
    ]


@pytest.mark.parametrize(
    "title", ["Ald.", "Alds.", "Atty.", "Asst.", "Assoc.", "Cmdr.", "Rt.", "Sens.", "Reps.", "Msgr.", "Cpl.", "Pvt."]
)
def test_a_title_before_a_name_ends_no_sentence(title: str) -> None:
    text = f'"We are in hard times," said District 6 {title} Milele A. Coggs. The vote was close.'
    assert texts(text) == [f'"We are in hard times," said District 6 {title} Milele A. Coggs.', "The vote was close."]


def test_news_copy_keeps_an_alderman_in_the_sentence_that_quotes_her() -> None:
    found = texts((DATA / "cbs58-budget.md").read_text(encoding="utf-8"))
    assert (
        '"I do want to caution it that we have a severe fiscal situation here," said District 14 '
        "Ald. Marina Dimitrijevic, Finance and Personnel Committee chair." in found
    )
    assert not any(s.endswith("Ald.") for s in found)


def test_spans_point_into_the_text() -> None:
    text = "  First one here.  Second one there.\n\nThird, in a new paragraph.\n"
    for seg in segment.segments(text):
        assert text[seg.start : seg.end] == seg.text
    assert texts(text) == ["First one here.", "Second one there.", "Third, in a new paragraph."]


def test_markdown_headings_and_list_items() -> None:
    text = "# The title\n\nA paragraph that says something.\n\n- first item here\n- second item, $5 million\n1. numbered item\n"
    segs = segment.segments(text)
    assert [(s.kind, s.text) for s in segs] == [
        ("heading", "The title"),
        ("sentence", "A paragraph that says something."),
        ("item", "first item here"),
        ("item", "second item, $5 million"),
        ("item", "numbered item"),
    ]


@pytest.mark.parametrize("marker", ["#", "##", "-", "*", "1.", "  # ", "-\t"])
def test_a_heading_or_list_marker_alone_on_its_line_is_no_segment(marker: str) -> None:
    text = f"Intro.  The bridge opened in 2020. \n{marker}\nThe end.\n"
    segs = segment.segments(text)
    assert [(s.kind, s.text) for s in segs] == [
        ("sentence", "Intro."),
        ("sentence", "The bridge opened in 2020."),
        ("sentence", "The end."),
    ]
    assert all(text[s.start : s.end] == s.text for s in segs)


def test_seed_page_chrome_is_skipped() -> None:
    page = (DATA / "seed-page.txt").read_text(encoding="utf-8")
    found = texts(page)
    joined = "\n".join(found)
    for chrome in (
        "OPINION",
        "Mins read",
        "By: Zaman Bajwa",
        "Related posts",
        "Leave a Reply",
        "Fuad Huseynzade",
        "email address",
    ):
        assert chrome not in joined
    assert found[0] == "30-Year Journey of China-Kazakhstan Relations"
    assert found[-1].startswith("By building bridges across the steppe")


def test_page_dump_and_body_give_the_same_sentences() -> None:
    page = texts((DATA / "seed-page.txt").read_text(encoding="utf-8"))
    body = texts(BODY.read_text(encoding="utf-8"))
    assert page[1:] == body  # the page adds only the headline
    assert len(body) == 41


@pytest.mark.parametrize(
    "line",
    [
        "OPINION",
        "4 Mins read",
        "5 min read",
        "By: Zaman Bajwa",
        "By Elena Marsh, Transport Correspondent",
        "By Seán Ó Faoláin",  # capitals beyond ASCII
        "By Åsa Öberg and Łukasz Żak",
        "March 14, 2024",
        "Share on Facebook",
        "Your email address will not be published.",
        "Advertisement",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert segment.is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "By deepening cooperation within the SCO, the three can act.",
        "The bridge opened in March 2020.",
        "Opinion polls differ.",
    ],
)
def test_article_lines_are_not_chrome(line: str) -> None:
    assert not segment.is_chrome(line)


def test_end_markers_cut_the_rest_only_after_article_text() -> None:
    text = "Related posts\n\nThe story starts here.\n\nRelated posts\n\nAnother story entirely.\n"
    assert texts(text) == ["The story starts here."]
    release = "Nordvik opened a farm.\n\nAbout Nordvik Energy\n\nNordvik is great.\n"
    assert texts(release) == ["Nordvik opened a farm."]
    release = "Ørsted opened a farm.\n\nAbout Ørsted Énergie\n\nØrsted is great.\n"  # capitals beyond ASCII
    assert texts(release) == ["Ørsted opened a farm."]


def test_page_furniture_that_names_with_capitals_beyond_ascii_is_read_as_furniture() -> None:
    # A section label, a photo credit and a copyright line read as they do with ASCII capitals.
    assert segment.is_chrome("ÚLTIMA HORA") and segment.is_chrome("ÉIRE")
    assert segment.is_caption("Crews at the bridge on Monday. (Ölandsbladet photo)")
    for notice in ("© Ørsted 2021", "Copyright 2021 Éditions Larkspur.", "This story was first published by Ö1."):
        assert segment.is_rights_sentence(notice), notice
    assert not segment.is_chrome("Élan rose.")  # a sentence, not a label


@pytest.mark.parametrize(
    ("dateline", "first"),
    [
        ("MILWAUKEE (CBS 58) -- ", "The council adopted a budget of $1.72 billion."),
        ("WASHINGTON (Reuters) - ", "The Senate voted 51-49 on Tuesday."),
        ("LONDON, May 3 (AP) — ", "Prices rose 3% in April."),
        ("KANSAS CITY, Mo. (AP) — ", "A fire closed 12 schools."),
        # Capitals beyond ASCII, in the place, its country and the outlet.
        ("ÉIRE (Reuters) - ", "Prices rose 3% in April."),
        ("SÃO PAULO (Reuters) - ", "Coffee rose 4% on Monday."),
        ("ÅLESUND, Norway (NTB) - ", "The ferry carried 80 people."),
        ("VIENNA (Ö1) - ", "The vote passed 94-81."),
        # A paper's own correspondent: no outlet, a true dash.
        ("WASHINGTON — ", "The Senate voted 51-49 on Tuesday."),
        ("HARBOURSIDE -- ", "The council adopted a budget of $1.72 billion."),
        ("LONDON, May 3 – ", "Prices rose 3% in April."),
    ],
)
def test_a_wire_dateline_is_no_part_of_the_first_sentence(dateline: str, first: str) -> None:
    text = f"# Headline here\n\n{dateline}{first} It passed.\n\nLONDON (AP) - stays in a later paragraph.\n"
    found = segment.segments(text)
    sentences = [s for s in found if s.kind == segment.SENTENCE]
    assert sentences[0].text == first
    assert text[sentences[0].start : sentences[0].end] == first
    assert sentences[-1].text == "LONDON (AP) - stays in a later paragraph."


@pytest.mark.parametrize(
    "text",
    [
        "Apple (AAPL) - shares rose 3%.",
        "The UN (WHO) - said so.",
        "NASA (the agency) - said it would launch in May.",
        # Without an outlet, only a true dash and a capital after it make one.
        "NASA - The agency said it would launch in May.",
        "NASA — the agency — said it would launch in May.",
    ],
)
def test_a_bracket_and_a_dash_alone_make_no_dateline(text: str) -> None:
    assert texts(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A ticker in brackets after the company's name:
        # https://www.americanbankingnews.com/2022/01/26/us-bancorp-de-acquires-2437-shares-of-thomson-reuters-co-nysetri.html
        (
            "US Bancorp DE increased its stake in shares of Thomson Reuters Co. (NYSE:TRI) (TSE:TRI) by 9.7% during "
            "the third quarter, according to the company in its most recent disclosure with the Securities & "
            "Exchange Commission. The firm owned 27,589 shares of the business services provider's stock.",
            [
                "US Bancorp DE increased its stake in shares of Thomson Reuters Co. (NYSE:TRI) (TSE:TRI) by 9.7% "
                "during the third quarter, according to the company in its most recent disclosure with the "
                "Securities & Exchange Commission.",
                "The firm owned 27,589 shares of the business services provider's stock.",
            ],
        ),
        # The title of the person the company's name goes with:
        # https://www.marketwatch.com/story/elon-musk-selects-omead-afshar-to-lead-teslas-north-america-europe-operations-report-f1253b6e
        (
            "Amid slumping share prices and electric-vehicle demand, Tesla Inc. Chief Executive Elon Musk has "
            "reportedly shaken things up at the company's business in North America and Europe.",
            [
                "Amid slumping share prices and electric-vehicle demand, Tesla Inc. Chief Executive Elon Musk has "
                "reportedly shaken things up at the company's business in North America and Europe."
            ],
        ),
        # A lowercase verb after it, and a sentence that ends with one:
        # http://www.theglobeandmail.com/globe-investor/inside-the-market/at-the-open-apple-surges-93-per-cent/article1390980/?service=print
        (
            "Boeing Co. rose 3.8 per cent after the aerospace company reported earnings. Potash Corp. of "
            "Saskatchewan Inc. rose 3.4 per cent and Agrium Inc. rose 2.9 per cent. Shares fell at Rogers "
            "Communications Inc. Boeing also raised its forecast.",
            [
                "Boeing Co. rose 3.8 per cent after the aerospace company reported earnings.",
                "Potash Corp. of Saskatchewan Inc. rose 3.4 per cent and Agrium Inc. rose 2.9 per cent.",
                "Shares fell at Rogers Communications Inc.",
                "Boeing also raised its forecast.",
            ],
        ),
        # A sentence in brackets after it is a sentence of its own.
        (
            "He sold his stake in Alphabet Inc. (The stake was small.) Analysts said the price was low.",
            ["He sold his stake in Alphabet Inc.", "(The stake was small.)", "Analysts said the price was low."],
        ),
    ],
)
def test_a_company_s_legal_form_ends_a_sentence_only_where_no_ticker_or_title_follows(
    text: str, expected: list[str]
) -> None:
    assert texts(text) == expected
    # verify's passages end where extract's sentences do (the text's own end is no sentence end found in it)
    assert [text[:end] for end in segment.sentence_ends(text)] == [
        " ".join(expected[: n + 1]) for n in range(len(expected) - 1)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # After a comma, a place and its county:
        # https://www.derryjournal.com/news/national/man-dies-in-inishowen-road-traffic-collision-3677648
        (
            "Gardaí are investigating a fatal road traffic collision that occurred near Buncrana, Co. Donegal on "
            "Monday evening, May 2 at approximately 10.50pm. The collision involved two vehicles on the Mountain Road "
            "between Buncrana and Carndonagh.",
            [
                "Gardaí are investigating a fatal road traffic collision that occurred near Buncrana, Co. Donegal on "
                "Monday evening, May 2 at approximately 10.50pm.",
                "The collision involved two vehicles on the Mountain Road between Buncrana and Carndonagh.",
            ],
        ),
        # After a lowercase word (the Irish Times set it "Co Donegal", without the full stop, which papers that use
        # one keep): https://www.irishtimes.com/news/crime-and-law/man-in-his-30s-dies-after-car-hits-tree-in-co-donegal-1.4124645
        (
            "Gardaí in Co. Donegal are investigating the death of a man following a single vehicle collision in the "
            "early hours of St Stephen’s Day morning. He later died from his injuries.",
            [
                "Gardaí in Co. Donegal are investigating the death of a man following a single vehicle collision in "
                "the early hours of St Stephen’s Day morning.",
                "He later died from his injuries.",
            ],
        ),
        # Opening the sentence, and two counties joined by "and" (a company's "and Co." follows a name):
        # https://www.farmersjournal.ie/firefighters-stop-blaze-at-co-kerry-farm-458571 (there "Co Kerry")
        (
            "He added that this was one of 12 calls on a busy Thursday. Co. Kerry and Co. Cork had five gorse fires.",
            [
                "He added that this was one of 12 calls on a busy Thursday.",
                "Co. Kerry and Co. Cork had five gorse fires.",
            ],
        ),
        # Without the full stop nothing was ever in doubt: https://www.farmersjournal.ie/burning-tyres-on-cork-farm-damage-20-bales-of-silage-716008/
        (
            "O’Leary, who farms at Donoughmore, Co Cork, said his wife Rina noticed the blaze. Firefighters from Mallow "
            "were called.",
            [
                "O’Leary, who farms at Donoughmore, Co Cork, said his wife Rina noticed the blaze.",
                "Firefighters from Mallow were called.",
            ],
        ),
        # And where the county ends the sentence, it ends there.
        (
            "Two men were arrested in Co. Cork. Gardaí said both were in their 20s.",
            ["Two men were arrested in Co. Cork.", "Gardaí said both were in their 20s."],
        ),
    ],
)
def test_co_before_a_county_s_name_ends_no_sentence(text: str, expected: list[str]) -> None:
    assert texts(text) == expected
    assert [text[:end] for end in segment.sentence_ends(text)] == [
        " ".join(expected[: n + 1]) for n in range(len(expected) - 1)
    ]


@pytest.mark.parametrize(
    "company", ["Ford Motor Co.", "Eli Lilly and Co.", "Procter & Gamble Co.", "Johnson, Smith and Co."]
)
def test_a_company_s_co_still_ends_a_sentence_before_a_capital(company: str) -> None:
    # The county rule reads the word before "Co.": a name (or a name's "and", "&") makes it a company's.
    assert texts(f"Shares fell at {company} Boeing also raised its forecast.") == [
        f"Shares fell at {company}",
        "Boeing also raised its forecast.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Die Strecke wird ab dem 1. August 2027 für fünf Monate gesperrt.",
        "Laut dem Statistischen Bundesamt nutzten 2025 rund 1,9 Mrd. Fahrgäste den Regionalverkehr.",
        "Der Bund übernimmt 18.300 Mio. Euro der Kosten.",
        "El pleno aprobó el presupuesto, según la concejala de Hacienda, Sra. Engracia Hidalgo.",
        "El Sr. Pérez viajó a EE. UU. en marzo.",
    ],
)
def test_a_german_date_or_amount_and_a_spanish_title_end_no_sentence(text: str) -> None:
    assert texts(f"{text} Das war neu.") == [text, "Das war neu."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "г." (год) after a year goes on before a lowercase word, and where the date opens its sentence or
        # clause, whose next capital is far likelier a name: "В 2026 г. Минфин".
        ("В 2026 г. бюджет вырос на 5%. Это много.", ["В 2026 г. бюджет вырос на 5%.", "Это много."]),
        ("В 2026 г. Минфин потратил 3 млрд рублей.", ["В 2026 г. Минфин потратил 3 млрд рублей."]),
        ("С 1 января 2026 г. Росстат считает иначе.", ["С 1 января 2026 г. Росстат считает иначе."]),
        ("По словам министра, в 2020–2025 гг. ВВП рос.", ["По словам министра, в 2020–2025 гг. ВВП рос."]),
        ("Он живёт в г. Москва с 2020 года.", ["Он живёт в г. Москва с 2020 года."]),  # "г." for город: no year
        # As the last word of a sentence, it ends it.
        (
            "Цены выросли в 2026 г. Министр сказал, что это временно.",
            ["Цены выросли в 2026 г.", "Министр сказал, что это временно."],
        ),
        ("Завод построен в 2020–2025 гг. Его открыли.", ["Завод построен в 2020–2025 гг.", "Его открыли."]),
    ],
)
def test_the_russian_year_abbreviation_ends_a_sentence_only_as_its_last_word(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    "headline",
    ["Westmere logistics park: what the figures say (27)", "Budget for the ring road (part 2)"],
)
def test_a_headline_ending_in_a_bracket_is_a_heading(headline: str) -> None:
    text = f"{headline}\n\nThe park will cost 32.3 million, 10% more.\n"
    assert [(s.kind, s.text) for s in segment.segments(text)] == [
        ("heading", headline),
        ("sentence", "The park will cost 32.3 million, 10% more."),
    ]


def test_a_bracketed_sentence_on_a_line_of_its_own_is_a_sentence() -> None:
    text = "The park opened.\n\n(It cost 32.3 million.)\n\nThe end.\n"
    assert [s.kind for s in segment.segments(text)] == ["sentence", "sentence", "sentence"]
