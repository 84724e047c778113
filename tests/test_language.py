"""text.language.guess: an article's language from its alphabet and its commonest little words."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.text import language

SEED = (Path(__file__).resolve().parent.parent / "claims" / "china-kazakhstan-30-years.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (SEED, "en"),
        ("Las tarifas del metro subieron un 12 % en 2026, dijo el consorcio. La subida es la mayor desde 2010.", "es"),
        (
            "Die Strecke ist 471,5 Kilometer lang, sagte der Sprecher der Bahn. Die Eröffnung ist für 2027 geplant.",
            "de",
        ),
        ("Le prix du billet a augmenté de 12 % selon la régie. La hausse est la plus forte depuis dix ans.", "fr"),
        ("Линия откроется 7 декабря 2026 г.", "ru"),
        ("Київ отримає нові трамваї до кінця року.", "uk"),
        ("أعلنت البلدية عن خطة جديدة للنقل", "ar"),
        ("東京都は新しい計画を発表した。", "ja"),
        ("北京市政府宣布新的计划。", "zh"),
    ],
)
def test_an_article_s_language(text: str, code: str) -> None:
    assert language.guess(text) == code


@pytest.mark.parametrize("text", ["", "2026 — 12 %", "Short.", "Madrid Berlin Paris"])
def test_no_guess_when_the_text_does_not_say(text: str) -> None:
    assert language.guess(text) is None
