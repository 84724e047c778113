"""extract on news written in Japanese, Chinese, Arabic and Hindi: sentences cut where they end, facts proposed.

The articles in tests/data/scripts/ were written for these tests.  The model learnt from English only, so
what is asked of it here is what a desk asks in any language: a sentence stating a figure, a date or a
comparison is proposed, an opinion, an appeal or a greeting is not.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from factcheck.extract.proposals import propose
from factcheck.text import facts, segment
from factcheck.text.worthiness import features, rules

DATA = Path(__file__).resolve().parent / "data" / "scripts"


def article(name: str) -> str:
    return (DATA / f"{name}.txt").read_text(encoding="utf-8")


def sentences(text: str) -> list[str]:
    return [s.text for s in segment.segments(text) if s.kind == segment.SENTENCE]


@pytest.mark.parametrize(
    ("name", "count", "first", "last"),
    [
        ("ja", 10, "気象庁は2024年8月29日、台風10号が鹿児島県薩摩川内市付近に上陸したと発表した。", "皆様、どうかご無事で。"),
        ("zh", 8, "国家铁路集团2024年4月12日发布数据显示，一季度全国铁路累计发送旅客10.3亿人次，同比增长18.2%。", "我们相信，中国铁路的明天会更好。"),
        ("ar", 10, "أعلن الجهاز المركزي للتعبئة العامة والإحصاء يوم ١٠ مارس ٢٠٢٤ أن معدل التضخم السنوي في المدن ارتفع إلى 35.7% في فبراير.", "شكراً لكم على المتابعة."),
        ("hi", 9, "केंद्रीय प्रदूषण नियंत्रण बोर्ड के अनुसार 3 नवंबर 2023 को दिल्ली का औसत वायु गुणवत्ता सूचकांक 468 दर्ज किया गया।", "आप सभी का धन्यवाद।"),
    ],
)  # fmt: skip
def test_each_sentence_of_an_article_is_a_unit_of_its_own(name: str, count: int, first: str, last: str) -> None:
    text = article(name)
    units = segment.segments(text)
    found = sentences(text)
    assert (len(found), found[0], found[-1]) == (count, first, last)
    assert all(text[u.start : u.end] == u.text for u in units)
    assert [u.kind for u in units].count(segment.HEADING) == 1  # the headline, and no paragraph taken for one


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("気温は３８．２度だった。記録を更新した。", ["気温は３８．２度だった。", "記録を更新した。"]),
        ("本当か？そうだ！終わり．次へ。", ["本当か？", "そうだ！", "終わり．", "次へ。"]),
        # a quotation's closing bracket is its sentence's; the quotation's own stop before "と" ends nothing
        ("彼は「必ず勝つ。」と述べた。「勝った。」試合は終わった。", ["彼は「必ず勝つ。」と述べた。", "「勝った。」", "試合は終わった。"]),
        ("他说：“增长了3.5%。”她说，这是事实。", ["他说：“增长了3.5%。”", "她说，这是事实。"]),
        ("ارتفع إلى 3.5%. وكان قد بلغ ١٫٥ مليون. هل يستمر؟ نعم.", ["ارتفع إلى 3.5%.", "وكان قد بلغ ١٫٥ مليون.", "هل يستمر؟", "نعم."]),
        ("قال د. محمد إن أ.د. علي زار www.example.gov.eg أمس. انتهى.", ["قال د. محمد إن أ.د. علي زار www.example.gov.eg أمس.", "انتهى."]),
        ("מחיר עלה ב-3.5%. הממשלה אישרה.", ["מחיר עלה ב-3.5%.", "הממשלה אישרה."]),
        ("डॉ. मेहता ने कहा कि पीएम 2.5 बढ़ा। क्या यह सच है? हाँ॥ अंत।", ["डॉ. मेहता ने कहा कि पीएम 2.5 बढ़ा।", "क्या यह सच है?", "हाँ॥", "अंत।"]),
    ],
)  # fmt: skip
def test_sentences_end_as_each_script_ends_them(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
    # the passages verify quotes are cut at the same places
    assert [e for e in segment.sentence_ends(text) if e < len(text)] == [text.index(s) + len(s) for s in expected[:-1]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年8月29日に発表した。", [("date", "2024年8月29日", "2024-08-29")]),
        ("8月29日に発表した。", [("date", "8月29日", "--08-29")]),
        ("失業率は３０％に上昇した。", [("percent", "３０％", 30.0)]),
        ("約25万戸が停電した。", [("number", "25万", 250000.0)]),
        ("发送旅客10.3亿人次。", [("number", "10.3亿", pytest.approx(1.03e9))]),
        ("8,200人が身を寄せた。", [("number", "8,200", 8200.0)]),
        ("平年の8月1か月分", [("date", "8月", "--08"), ("number", "1", 1.0)]),
        ("312月", [("number", "312", 312.0)]),
        ("بنسبة ٥٠٫٩٪ على أساس سنوي", [("percent", "٥٠٫٩٪", 50.9)]),
        ("بلغ ١٬٢٥٠ شخصاً", [("number", "١٬٢٥٠", 1250.0)]),
        ("يوم ٦ مارس ٢٠٢٦", [("date", "٦ مارس ٢٠٢٦", "2026-03-06")]),
        ("في 6 آذار 2026", [("date", "6 آذار 2026", "2026-03-06")]),
        ("منذ 1 كانون الثاني 2020", [("date", "1 كانون الثاني 2020", "2020-01-01")]),
        ("في ٣ تشرين الأول", [("date", "٣ تشرين الأول", "--10-03")]),
        ("في مايو ٢٠٢٤ ارتفع", [("date", "مايو ٢٠٢٤", "2024-05")]),
        ("6 मार्च 2026 को", [("date", "6 मार्च 2026", "2026-03-06")]),
        ("मार्च 2026 में", [("date", "मार्च 2026", "2026-03")]),
        ("15 जनवरी को", [("date", "15 जनवरी", "--01-15")]),
        # a word that starts as a month does not make its figure a day: swimsuits, fathers
        ("اشترى 3 مايوهات", [("number", "3", 3.0)]),
        ("لدى ٣ آباء", [("number", "٣", 3.0)]),
    ],
)
def test_figures_and_dates_are_read_as_these_scripts_write_them(
    text: str, expected: list[tuple[str, str, object]]
) -> None:
    assert [(f.kind, f.text, f.value) for f in facts.extract(text)] == expected


@pytest.mark.parametrize("name", ["ja", "zh", "ar", "hi"])
def test_statements_of_figures_are_proposed_and_views_and_greetings_are_not(name: str) -> None:
    text = article(name)
    proposed = {p.text for p in propose(text)}
    units = sentences(text)
    # each article: its sentences with a figure or a date, and its last paragraph of views and greetings
    stated = [s for s in units if facts.extract(s)]
    assert len(stated) >= 4
    assert set(stated) <= proposed
    closing = text.rstrip().rsplit("\n\n", 1)[1]
    assert not [s for s in units if s in closing and s in proposed]


def test_a_chinese_or_japanese_sentence_is_read_in_words_not_as_one() -> None:
    """Written without spaces, a sentence is still as long as its words, and a name ends where the script goes on."""
    sentence = "九州電力によると、30日午前6時の時点で約25万戸が停電した。"
    assert "short" not in rules.read(sentence).cues
    assert "short" in rules.read("そうだ！").cues
    assert segment.word_count(sentence) == 12 + 3  # 24 characters of words, and "30", "6" and "25"
    assert features.cues(sentence).values[features.NAMES.index("length")] == pytest.approx(math.log1p(15) / 3)
    assert rules.entities("JR九州は新幹線を含む全線で運転を見合わせた。") == ["JR"]
    assert features.tokens("台風10号が上陸")[0] == ["台", "風", "00", "号", "が", "上", "陸"]
