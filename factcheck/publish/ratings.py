"""The rating a ClaimReview gives each published status: words, and a number on a scale.

Google shows the words (``alternateName``); the number (``ratingValue``, on a
scale from ``worstRating`` to ``bestRating``) is for databases and readers
that compare ratings.  A desk sets its own in the configuration
(``rating.STATUS``, ``rating-value.STATUS``, ``best-rating``,
``worst-rating``); this is the default table the documentation gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.model.errors import UsageError
from factcheck.publish.defaults import BEST, RATINGS, WORST


@dataclass(frozen=True)
class Rating:
    """What a ClaimReview says of a status: its words and, when on the scale, its number."""

    words: str
    value: int | None


#: The default table the documentation gives (``defaults.RATINGS``).
DEFAULT_RATINGS: dict[str, Rating] = {status: Rating(words, value) for status, (words, value) in RATINGS.items()}


@dataclass(frozen=True)
class Ratings:
    """The whole table: each published status's rating, and the scale."""

    table: dict[str, Rating] = field(default_factory=lambda: dict(DEFAULT_RATINGS))
    best: int = BEST
    worst: int = WORST

    @classmethod
    def configured(
        cls,
        words: dict[str, str] | None = None,
        values: dict[str, int | None] | None = None,
        best: int = BEST,
        worst: int = WORST,
    ) -> Ratings:
        """The default table with a desk's words and numbers over it; UsageError names a setting that is off."""
        if worst < 1:  # Google's fact-check guidelines give worstRating a minimum of 1
            raise UsageError(f"worst-rating ({worst}) must be 1 or more, as Google's fact-check guidelines ask")
        if worst >= best:
            raise UsageError(f"worst-rating ({worst}) must be less than best-rating ({best})")
        table = dict(DEFAULT_RATINGS)
        for status, text in (words or {}).items():
            table[status] = Rating(text, table[status].value)
        for status, value in (values or {}).items():
            table[status] = Rating(table[status].words, value)
        for status, rating in table.items():
            if rating.value is not None and not worst <= rating.value <= best:
                raise UsageError(
                    f"rating-value.{status} is {rating.value}, outside the scale {worst} (worst-rating) "
                    f"to {best} (best-rating)"
                )
        return cls(table, best, worst)

    def of(self, status: str) -> Rating:
        return self.table[status]
