"""``factcheck annotate``: place every claim in its article's text.

When the text is the one the claims were anchored on (same sha256) the
stored offsets are used; otherwise each anchor is looked for again with
``anchor.locate``.  A claim that cannot be placed is kept in
``Annotation.unplaced`` with the reason, never dropped.  The types are in
``annotated``, where renderers read them.
"""

from __future__ import annotations

import os
from pathlib import Path

from factcheck.model.claims import Anchor, Claim
from factcheck.model.errors import InputError, UsageError
from factcheck.report.annotated import Annotation, Placed, Unplaced
from factcheck.store import positions
from factcheck.store.folder import StoredFile
from factcheck.store.paths import display
from factcheck.text import anchor as anchors
from factcheck.text import article, segment


def choose(files: list[StoredFile], given: Path | None) -> tuple[StoredFile, Path]:
    """The claims file to annotate and the text to annotate it on."""
    if given is not None and article.is_converted(given):
        # Anchors point into the text extract saved from a page, never into its markup or a PDF's bytes.
        texts = [own for f in files if (own := f.article_path()) is not None]
        alike = [own for own in texts if own.stem == given.stem] or texts
        raise UsageError(
            f"{display(given)} is a web page or PDF; annotate marks the text that extract saved from it",
            tip=f"give that text: factcheck annotate {display(alike[0])}"
            if len(alike) == 1
            else "name the .txt file beside its claims file, which extract --into wrote",
        )
    if given is not None:
        wanted = os.path.realpath(given)
        for stored in files:
            # A claims file given where its article belongs would be read as the text, and
            # every claim reported as not found in it: say what was meant instead.
            if os.path.realpath(stored.path) == wanted:
                raise UsageError(
                    f"{display(given)} is a claims file, not an article text",
                    tip=f"to annotate its article: factcheck --claims {display(given)} annotate",
                )
        for stored in files:
            own = stored.article_path()
            if own is not None and os.path.realpath(own) == wanted:
                return stored, _there(stored, given)
        if len(files) == 1:
            return files[0], given  # a new version of its article: re-anchor on it
        raise UsageError(
            f"no claims file names {display(given)} as its article; name the claims file that annotates it"
        )
    with_text = [f for f in files if f.article_path() is not None]
    if len(with_text) == 1:
        return with_text[0], _there(with_text[0], with_text[0].article_path())  # type: ignore[arg-type]
    if not with_text:
        raise UsageError("the claims name no article text; give the article: factcheck annotate ARTICLE")
    names = ", ".join(f.article_shown() for f in with_text)
    raise UsageError(f"the claims annotate several articles; name one: {names}")


def _there(stored: StoredFile, text: Path) -> Path:
    """``text``, the article the claims file names, when it is there; else the field to mend and how."""
    if os.path.lexists(text):
        return text
    raise InputError(
        f"article.path: {stored.article_shown()}: no such article file",
        stored.shown,
        positions.line_of(stored.text(), ["article", "path"]),
        tip=f"if the article moved, extract it into its claims file again: factcheck extract NEW_PATH --into {stored.shown}",
    )


def annotate(stored: StoredFile, article_path: Path, *, reviewed_only: bool = False) -> Annotation:
    """Place the claims of ``stored`` in the text at ``article_path``.

    ``reviewed_only`` places only the claims a person gave a verdict, for a
    page meant for publication, and leaves out those flagged for review: their
    verdict is no longer known to fit the wording or the evidence.
    """
    text, digest = article.read(article_path)
    same = stored.claims_file.article.sha256 == digest
    found: list[tuple[Claim, int, int, str, float]] = []
    missing: list[tuple[Claim, str]] = []
    for claim in stored.claims:
        if reviewed_only and not (claim.publishable() or claim.withdrawn()):  # a person's verdict, or its withdrawal
            continue
        anchor = claim.anchor
        if anchor is not None and same and anchors.is_valid(anchor, text):
            found.append((claim, anchor.start, anchor.end, "stored", 1.0))
            continue
        # No anchor: look for the claim's own text, which is quoted exactly from the article.
        # Its offsets are a guess that ``locate`` tries first, as it tries a stored anchor's.
        wanted = anchor or Anchor(exact=claim.text, prefix="", suffix="", start=0, end=len(claim.text))
        located = anchors.locate(wanted, text)
        if located.found and located.start is not None and located.end is not None:
            found.append((claim, located.start, located.end, located.status, located.confidence))
        else:
            missing.append((claim, located.status if anchor is not None else "no anchor"))
    _, body = segment.front_matter(text)
    if body:
        # A Markdown article's front matter is its metadata, which heads every format: not its text.
        missing += [(c, "not-found") for c, s, *_ in found if s < body]
        found = [(c, s - body, e - body, h, f) for c, s, e, h, f in found if s >= body]
        text = text[body:]
    found.sort(key=lambda f: (f[1], -f[2]))
    placed = tuple(Placed(i, c, s, e, how, conf) for i, (c, s, e, how, conf) in enumerate(found, 1))
    unplaced = tuple(Unplaced(len(placed) + i, c, why) for i, (c, why) in enumerate(missing, 1))
    shown = stored.article_shown() if article_path == stored.article_path() else display(article_path)
    return Annotation(stored.claims_file.article, shown, text, not same, placed, unplaced, reviewed_only=reviewed_only)
