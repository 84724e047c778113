"""A person's edits to an article's metadata: title, author, publisher, date, URL, fact-check page."""

from __future__ import annotations

from factcheck.curate.sources import check_date, check_url
from factcheck.model.claims import Article
from factcheck.model.errors import UsageError

#: The fields ``article set`` changes, in the order a claims file holds them.
FIELDS = ("title", "author", "publisher", "date", "url", "review_url")


def set_fields(article: Article, changes: dict[str, str | None]) -> list[str]:
    """Set the given fields (None: leave as is; "": clear); the names of the fields that changed.

    URLs must be http(s) and dates YYYY[-MM[-DD]]; the title cannot be cleared.
    """
    changed = []
    for name, value in changes.items():
        if name not in FIELDS:
            raise UsageError(f"unknown article field {name!r}")
        if value is None:
            continue
        value = value.strip()
        if not value:
            if name == "title":
                raise UsageError("the article's title cannot be empty")
            new: str | None = None
        elif name in ("url", "review_url"):
            new = check_url(value)
        elif name == "date":
            new = check_date(value)
        else:
            new = value
        if getattr(article, name) != new:
            setattr(article, name, new)
            changed.append(name)
    return changed
