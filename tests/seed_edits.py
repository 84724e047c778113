"""The seed article after random edits: a hypothesis strategy for the anchor and merge tests."""

from __future__ import annotations

from hypothesis import strategies as st

from factcheck.store.folder import read

from conftest import REPO

SEED_NAME = "china-kazakhstan-30-years"
SEED_TEXT = (REPO / "claims" / f"{SEED_NAME}.txt").read_text(encoding="utf-8")
SEED_ANCHORS = [a for a in (c.anchor for c in read(REPO / "claims" / f"{SEED_NAME}.json").claims_file.claims) if a]


@st.composite
def edited_seed(draw, inserted: st.SearchStrategy[str]) -> str:  # type: ignore[no-untyped-def]
    """The seed after 1 to 10 edits anywhere: ``inserted`` text put in, runs deleted, claims edited inside,
    and claims' quotes (with or without their context) copied or moved elsewhere.

    A copy makes a quote occur twice; a move carries it far from where it was.
    """
    text = SEED_TEXT
    for _ in range(draw(st.integers(1, 10))):
        kind = draw(st.sampled_from(["insert", "delete", "inside", "copy", "move"]))
        at = draw(st.integers(0, len(text)))
        if kind == "insert":
            text = text[:at] + draw(inserted) + text[at:]
            continue
        if kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
            continue
        a = draw(st.sampled_from(SEED_ANCHORS))
        run = a.prefix + a.exact + a.suffix if draw(st.booleans()) else a.exact
        where = text.find(run)
        if where == -1:
            continue
        if kind == "inside":
            cut = where + draw(st.integers(1, len(run) - 1))
            text = text[:cut] + draw(st.sampled_from(["x", " new", ""])) + text[cut + 1 :]
            continue
        if kind == "move":
            text = text[:where] + text[where + len(run) :]
            at = min(at, len(text))
        text = text[:at] + run + text[at:]
    return text
