"""The rating a ClaimReview gives each published status: words, and a number on a scale.

Google shows the words (``alternateName``); the number (``ratingValue``, on a
scale from ``worstRating`` to ``bestRating``) is for databases and readers
that compare ratings.  A desk sets its own in the configuration
(``rating.STATUS``, ``rating-value.STATUS``, ``best-rating``,
``worst-rating``); this is the default table the README documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.model.errors import UsageError
from factcheck.model.vocab import Status

#: The statuses that are a published verdict.  ``unverified`` (nobody has
#: checked it) and ``opinion`` (nothing to check) are never published.
PUBLISHED: tuple[str, ...] = (
    Status.VERIFIED,
    Status.MIXED,
    Status.MISLEADING,
    Status.FALSE,
    Status.UNSUPPORTED,
)


@dataclass(frozen=True)
class Rating:
    """What a ClaimReview says of a status: its words and, when on the scale, its number."""

    words: str
    value: int | None


#: A five-point truth scale, 1 = False to 5 = True.  ``unsupported`` (no
#: evidence found, or the evidence is gone) says nothing of how true a claim
#: is, so it has words and no number.
DEFAULT_RATINGS: dict[str, Rating] = {
    Status.VERIFIED: Rating("True", 5),
    Status.MIXED: Rating("Mixed", 3),
    Status.MISLEADING: Rating("Misleading", 2),
    Status.FALSE: Rating("False", 1),
    Status.UNSUPPORTED: Rating("Unsupported", None),
}
BEST = 5
WORST = 1


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
