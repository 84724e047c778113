"""Property: every command works on every claims file the schema accepts.

The strategy below builds claims folders that the store reads, across the
edges the schema allows: optional fields absent, null or empty, no claims at
all, claims with no sources, ids at the edges of their pattern, Unicode of
every kind (right-to-left text, combining marks, emoji, control characters),
long notes and quotes, CRLF line ends and a byte-order mark, keys in any
order, version 1 files (with version 1's words), the first and
last dates and times the patterns accept, every status, stance, outcome and
fact result, histories in any order, set-aside claims, an article that is
missing, moved or shorter than the anchors say, and several files in nested
folders.  Every read-only command then runs on the folder in each of its
formats, in a git repository (committed twice, with verdicts given, claims
dropped and files moved between, and the diff of the two) or not: it exits 0
(or 1 where that means findings, or 2 with one clean line where the documented
answer is a refusal)
with no traceback, and every json output parses.  Then the desk's edits run
on it (a verdict, a claimant, sources cited, edited, acknowledged and
dropped, a re-anchoring, a rejection and its undoing, a rename, verify
against cached copies of the pages, extract run again, ...): each ends the
same way, and leaves every claims file one the store reads.

``tests/test_properties.py`` covers arbitrary JSON and hostile strings in a
fixed layout; this file covers the layouts.  Under ``CI=true`` the examples
are derandomized, and few, so the property stays quick.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.cli import cli
from factcheck.model import claims as model
from factcheck.model.vocab import Aside, FactResult, Outcome, Stance, Status
from factcheck.render.formats import choices
from factcheck.store import codec

from conftest import git, init_repo

# Few examples by default, for CI; FACTCHECK_VALID_EXAMPLES=500 hunts longer.
EXAMPLES = int(os.environ.get("FACTCHECK_VALID_EXAMPLES", "12"))
SWEEP = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: The article text every claims file names (beside it, and with CRLF line ends in a folder of its own).
ARTICLE = "Intro. The bridge opened in 2020. It cost $2.4 billion.\nשלום 👩‍👩‍👧 e\u0301.\n"

# --- strings ------------------------------------------------------------------------------


def _matching(pattern: str) -> st.SearchStrategy[str]:
    """Strings the store's pattern accepts (the generator does not read the final look-ahead alike)."""
    return st.from_regex(pattern).filter(lambda text: re.search(pattern, text) is not None)


EDGE_TEXTS = [
    "x",
    " ",
    "\n",
    "\t \r\n",
    "שלום עולם 2020",  # right to left
    "\u202eevil\u202c",  # a bidi override
    "e\u0301\u0301\u0301",  # combining marks
    "👩‍👩‍👧 🇰🇿 1,200",  # emoji, a joiner, a flag
    "\x01\x07\x1b[31m\x7f\x85",  # control characters (NUL aside)
    "\u2028\u2029",
    "\ufeffBOM inside",
    "$2.4 billion in 2020, 10% of 21.5 kg over 10 days",
    'NEAR(a b) AND " OR * NOT -x col:y',  # full-text query syntax, for match and search
    "a" * 5000,
    "word " * 2000,
]
texts = st.one_of(
    st.sampled_from(EDGE_TEXTS),
    st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=40),
)
non_empty = texts.filter(bool)
maybe_text = st.one_of(st.none(), st.just(""), texts)

ids = st.one_of(
    st.sampled_from(["0", "a", "9-", "a.b_c-d", "z" * 64, "0" * 64, "a..", "1e5", "nan", "con", "x-"]),
    _matching(model.CLAIM_ID_PATTERN),
)
urls = st.one_of(
    st.sampled_from(
        [
            "https://example.org/",
            "HTTP://EXAMPLE.ORG",
            "http://a",
            "https://user:pw@example.org:8443/p?q=1#frag",
            "https://bücher.example/ä?ü=ö",
            "https://[::1]:8080/x",
            "https://example.org/" + "p" * 3000,
            "https://example.org/%ZZ%",
            "https://example.org:99999/",
            "https://example.org/a|b{c}\\^`",
        ]
    ),
    _matching(model.URL_PATTERN),
)
partial_dates = st.one_of(
    st.sampled_from(["0001", "9999", "0001-01", "9999-12", "0001-01-01", "9999-12-31", "2000-02-29", "2024-02-29"]),
    _matching(model.PARTIAL_DATE_PATTERN),
)
timestamps = st.one_of(
    st.sampled_from(
        [
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2000-02-29T12:00:00Z",
            "1970-01-01T00:00:00Z",
            "2038-01-19T03:14:08Z",
        ]
    ),
    _matching(model.TIMESTAMP_PATTERN),
)
scores_0_100 = st.one_of(st.sampled_from([0, 0.0, 100, 5e-324, 99.99999999999999]), st.floats(0, 100))
statuses = st.sampled_from([str(s) for s in Status])


def _optional(draw: st.DrawFn, record: dict[str, Any], key: str, values: st.SearchStrategy[Any]) -> None:
    """Leave ``key`` out, or set it to null or to a drawn value: all three mean something to the reader."""
    choice = draw(st.integers(0, 2))
    if choice == 1:
        record[key] = None
    elif choice == 2:
        record[key] = draw(values)


# --- records ------------------------------------------------------------------------------


@st.composite
def last_checks(draw: st.DrawFn) -> dict[str, Any]:
    check: dict[str, Any] = {"at": draw(timestamps), "outcome": draw(st.sampled_from([str(o) for o in Outcome]))}
    _optional(draw, check, "http_status", st.integers(0, 999))
    _optional(draw, check, "final_url", texts)
    _optional(draw, check, "content_hash", texts)
    _optional(draw, check, "score", scores_0_100)
    _optional(draw, check, "passage", texts)
    if draw(st.booleans()):
        check["facts"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"fact": texts, "result": st.sampled_from([str(r) for r in FactResult])},
                    optional={"found": st.one_of(st.none(), texts)},
                ),
                max_size=3,
            )
        )
    _optional(draw, check, "error", texts)
    if draw(st.booleans()):
        check["failures"] = draw(st.sampled_from([0, 1, 3, 2**31 - 1]))
    _optional(draw, check, "failing_since", timestamps)
    _optional(draw, check, "looked_for", texts)
    _optional(
        draw,
        check,
        "archived",
        st.fixed_dictionaries(
            {"url": urls, "archived_at": timestamps, "score": scores_0_100},
            optional={"passage": st.one_of(st.none(), texts)},
        ),
    )
    return check


@st.composite
def sources(draw: st.DrawFn) -> dict[str, Any]:
    source: dict[str, Any] = {"url": draw(urls)}
    _optional(draw, source, "title", maybe_text)
    _optional(draw, source, "publisher", maybe_text)
    _optional(draw, source, "date", partial_dates)
    _optional(draw, source, "quote", maybe_text)
    if draw(st.booleans()):
        source["stance"] = draw(st.sampled_from([str(s) for s in Stance]))
    _optional(draw, source, "last_check", last_checks())
    _optional(draw, source, "changed_at", timestamps)
    _optional(draw, source, "archive_url", urls)
    _optional(draw, source, "archived_at", timestamps)
    return source


events = st.fixed_dictionaries(
    {"at": timestamps, "to": statuses, "by": st.one_of(st.sampled_from(["extract", "verify", "ana"]), non_empty)},
    optional={
        "from": st.one_of(st.none(), statuses),
        "why": st.one_of(
            st.none(),
            st.sampled_from([model.CONFIRMED, model.CONFIRMED + ": yes", model.RENAMED_FROM + "old-id", ""]),
            texts,
        ),
    },
)


@st.composite
def anchors(draw: st.DrawFn) -> dict[str, Any]:
    """An anchor on the article's words (any span, overlapping others, splitting a character cluster), or anywhere."""
    if draw(st.booleans()):
        start = draw(st.integers(0, len(ARTICLE) - 1))
        end = draw(st.integers(start + 1, len(ARTICLE)))
        before, after = draw(st.integers(0, 40)), draw(st.integers(0, 40))
        return {
            "exact": ARTICLE[start:end],
            "prefix": ARTICLE[max(0, start - before) : start],
            "suffix": ARTICLE[end : end + after],
            "start": start,
            "end": end,
        }
    start = draw(st.one_of(st.integers(0, 200), st.sampled_from([0, 2**31 - 2])))
    end = draw(st.integers(start + 1, start + 300)) if start < 2**31 - 2 else 2**31 - 1
    return {"exact": draw(non_empty), "prefix": draw(texts), "suffix": draw(texts), "start": start, "end": end}


@st.composite
def claims(draw: st.DrawFn, claim_id: str) -> dict[str, Any]:
    claim: dict[str, Any] = {"id": claim_id, "text": draw(non_empty)}
    if draw(st.booleans()):
        claim["status"] = draw(statuses)
    _optional(draw, claim, "note", maybe_text)
    _optional(
        draw,
        claim,
        "worthiness",
        st.fixed_dictionaries(
            {"score": st.one_of(st.sampled_from([0, 1, 0.5, 5e-324]), st.floats(0, 1))},
            optional={"reasons": st.lists(texts, max_size=3)},
        ),
    )
    _optional(draw, claim, "anchor", anchors())
    if draw(st.booleans()):
        claim["sources"] = draw(st.lists(sources(), max_size=3))
    if draw(st.booleans()):
        claim["history"] = draw(st.lists(events, max_size=4))
    _optional(
        draw,
        claim,
        "review",
        st.fixed_dictionaries(
            {"since": timestamps, "why": texts}, optional={"by": st.one_of(st.none(), st.just("verify"), texts)}
        ),
    )
    _optional(draw, claim, "claimant", non_empty)
    if draw(st.booleans()):
        claim["matches"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"url": urls, "claim_reviewed": non_empty, "accepted_at": timestamps, "by": non_empty},
                    optional={
                        "rating": st.one_of(st.none(), texts),
                        "publisher": st.one_of(st.none(), texts),
                        "date": st.one_of(st.none(), texts, partial_dates),
                    },
                ),
                max_size=2,
            )
        )
    return claim


@st.composite
def articles(draw: st.DrawFn) -> dict[str, Any]:
    article: dict[str, Any] = {"title": draw(non_empty)}
    _optional(draw, article, "author", maybe_text)
    _optional(draw, article, "publisher", maybe_text)
    _optional(draw, article, "date", partial_dates)
    _optional(draw, article, "url", urls)
    # The article text: beside the file, in a folder of its own, or missing.
    _optional(
        draw,
        article,
        "path",
        st.sampled_from(["article.txt", "texts/é article.txt", "missing.txt", "./article.txt", "texts"]),
    )
    _optional(draw, article, "sha256", _matching(model.SHA256_PATTERN))
    _optional(draw, article, "review_url", urls)
    if draw(st.booleans()):
        article["correction"] = draw(maybe_text.map(lambda t: t or ""))
    return article


@st.composite
def folders(draw: st.DrawFn) -> dict[str, tuple[dict[str, Any], str]]:
    """Claims files by relative path (names with spaces, markup and quotes), each with how it is written."""
    names = draw(
        st.lists(
            st.sampled_from(
                [
                    "a.json",
                    "b.json",
                    "sub/c.json",
                    "sub/deeper/d.json",
                    "ü é.json",
                    "x.y.json",
                    'a&b <c> "q" \'.json',
                    "-dash #1.json",
                ]
            ),
            max_size=3,
            unique=True,
        )
    )
    taken = draw(st.lists(ids, unique=True, max_size=4 * max(len(names), 1)))
    files: dict[str, tuple[dict[str, Any], str]] = {}
    for name in names:
        mine = taken[: draw(st.integers(0, 3))]
        taken = taken[len(mine) :]
        aside_ids = taken[: draw(st.integers(0, 1))]
        taken = taken[len(aside_ids) :]
        document: dict[str, Any] = {
            "schema_version": draw(st.sampled_from([2, 2, 1])),
            "article": draw(articles()),
            "claims": [draw(claims(claim_id)) for claim_id in mine],
        }
        if aside_ids or draw(st.booleans()):
            document["set_aside"] = [
                {
                    "kind": draw(st.sampled_from([str(a) for a in Aside])),
                    "at": draw(timestamps),
                    "by": draw(non_empty),
                    "why": draw(st.one_of(st.none(), texts)),
                    "claim": draw(claims(claim_id)),
                }
                for claim_id in aside_ids
            ]
        if document["schema_version"] == 1:
            _in_version_1(document)
        files[name] = (document, draw(st.sampled_from(["pretty", "compact", "crlf", "bom", "canonical", "sorted"])))
    return files


@st.composite
def edited(draw: st.DrawFn, files: dict[str, tuple[dict[str, Any], str]]) -> dict[str, tuple[dict[str, Any], str]]:
    """``files`` as a desk changes them by the next commit: verdicts given, claims dropped, files moved."""
    later: dict[str, tuple[dict[str, Any], str]] = {}
    for name, (document, style) in files.items():
        kept = [claim for claim in document["claims"] if draw(st.integers(0, 3))]
        changed = [{**claim, "status": draw(statuses)} if draw(st.booleans()) else claim for claim in kept]
        moved = draw(st.sampled_from([name, "moved/" + name.rsplit("/", 1)[-1]]))
        later[moved] = ({**document, "claims": changed}, style)
    return later


def _in_version_1(document: dict[str, Any]) -> None:
    """Say what version 2 calls ``conflicts`` as version 1 did: ``contradicts``."""
    for claim in document["claims"]:
        for source in claim.get("sources", []):
            check = source.get("last_check")
            if check and check["outcome"] == "conflicts":
                check["outcome"] = "contradicts"


def _write(root: Path, files: dict[str, tuple[dict[str, Any], str]], article: str) -> list[str]:
    """Write the folder; the ids of the claims (set-aside claims aside), in order."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "article.txt").write_text(article, encoding="utf-8")
    found = []
    for name, (document, style) in files.items():
        path = root / name
        # The article text beside each claims file, and in a folder of its own there (CRLF line ends).
        (path.parent / "texts").mkdir(parents=True, exist_ok=True)
        (path.parent / "article.txt").write_text(article, encoding="utf-8")
        (path.parent / "texts" / "é article.txt").write_text(article, encoding="utf-8", newline="\r\n")
        if style == "canonical" and document["schema_version"] == 2:
            raw = codec.encode(codec.decode(json.dumps(document).encode(), name))
        else:
            # sorted: the keys in alphabetical order, as jq -S writes them (schema_version after the claims).
            indent = None if style == "compact" else 2
            text = json.dumps(document, indent=indent, ensure_ascii=style == "bom", sort_keys=style == "sorted")
            if style == "crlf":
                text = text.replace("\n", "\r\n")
            raw = (b"\xef\xbb\xbf" if style == "bom" else b"") + text.encode("utf-8") + b"\n"
        path.write_bytes(raw)
        found.extend(claim["id"] for claim in document["claims"])
    return found


#: The refusals a valid claims folder may meet, each documented: annotate's article text not there, a
#: folder or not named at all; and export's ClaimReview without the URL where the article appeared.
REFUSALS = (
    "no such article file",
    "is a folder, not an article file",
    "the claims name no article text",
    "ClaimReview needs the URL where the article appeared",
    "ClaimReview needs the page where this fact-check is published",
    # The edits': anchor without an article text to anchor to, and every claim already out of the
    # state set --all-unverified takes.
    "names no article text to anchor to",
    "no claim is in that state",
)


def _run(runner: CliRunner, args: list[str], allowed: tuple[int, ...] = (0,)) -> tuple[str | None, str | None]:
    """The command's stdout (None: refused as documented), and what is wrong with how it ended (None: nothing)."""
    result = runner.invoke(cli, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return "", f"crashed: {result.exception!r}"
    if "Traceback" in result.stderr:
        return "", f"traceback: {result.stderr}"
    if result.exit_code == 2 and 2 in allowed:
        return None, None  # a documented exit 2: library add skipping what it cannot read, naming each
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        if len(lines) != 1 or not lines[0].startswith("factcheck: error: "):
            return "", f"refused in more than one line: {result.stderr}"
        if not any(refusal in lines[0] for refusal in REFUSALS):
            return "", f"refused: {lines[0]}"
        return None, None
    if result.exit_code not in allowed:
        return "", f"exit {result.exit_code}: {result.stderr}"
    return result.stdout, None


def _unparsed(fmt: str, out: str) -> str | None:
    if fmt in ("json", "sarif", "claimreview"):
        try:
            json.loads(out)
        except ValueError as exc:
            return f"{fmt} does not parse: {exc}"
    return None


def sweep(root: Path, files: list[Path], claim_ids: list[str], library: Path) -> list[tuple[str, str]]:
    """Run every read-only command on the claims folder at ``root`` in each of its formats.

    The library is built first from the claims files and the article text, as a desk would.
    When ``root`` is in a git repository (the current folder), the commands that read git run too.
    What went wrong, as (command line, what): nothing when every command worked.
    """
    runner = CliRunner()
    lib = ["--library", str(library)]
    problems: list[tuple[str, str]] = []
    added = [str(path) for path in files] + [str(root / "article.txt")]
    plans: list[tuple[list[str], list[str], tuple[int, ...]]] = [
        ([str(root)], ["library", "add", *added, *lib], (0,)),
        ([str(root)], ["list"], (0,)),
        ([str(root)], ["list", "--unsourced"], (0,)),
        ([str(root)], ["report", "--since", "0001-01-01"], (0,)),
        ([str(root)], ["report", "--reviewed-only", "--annotation-url"], (0,)),
        ([str(root)], ["diff", str(root), str(root)], (0,)),
        ([str(root)], ["check", "--fail-on", "warning", *lib], (0, 1)),
        ([str(root)], ["rejected"], (0,)),
        ([str(root)], ["export", "--publisher-name", "Desk"], (0,)),
        ([str(root)], ["match", "--all", *lib], (0,)),
        ([str(root)], ["search", "--all", *lib], (0,)),
        ([str(root)], ["library", "list", *lib], (0,)),
    ]
    for path in files:
        plans += [
            ([str(path)], ["annotate"], (0,)),
            ([str(path)], ["annotate", "--reviewed-only"], (0,)),
        ]
    for claim_id in claim_ids[:2]:
        plans += [
            ([str(root)], ["show", claim_id], (0,)),
            ([str(root)], ["history", claim_id], (0,)),
            ([str(root)], ["match", claim_id, *lib], (0,)),
        ]
    if (root.parent / ".git").is_dir():
        plans += [
            ([str(root)], ["diff"], (0,)),
            ([str(root)], ["diff", "HEAD", "HEAD"], (0,)),
            ([str(root)], ["diff", "HEAD~1", "HEAD"], (0,)),  # the commit before, and what changed since
            ([str(root)], ["check", "--changed-since", "HEAD", *lib], (0, 1)),
        ]
        plans += [([str(root)], ["history", claim_id, "--git"], (0,)) for claim_id in claim_ids[:2]]
    for claims, args, allowed in plans:
        name = args[0] if args[0] != "library" else "library " + args[1]
        formats = choices(args[0]) if args[0] != "library" else [None]
        for fmt in formats:
            if fmt is None:
                full = args
            else:
                full = [args[0], fmt, *args[1:]] if args[0] == "export" else [*args, "--format", fmt]
            out, problem = _run(runner, ["--claims", *claims, *full], allowed)
            problem = problem or (_unparsed(fmt, out) if fmt and out is not None else None)
            if problem:
                problems.append((f"{name} --format {fmt}", problem))
    return problems


@contextlib.contextmanager
def _committed(repo: Path, later: dict[str, tuple[dict[str, Any], str]] | None = None) -> Iterator[None]:
    """The folder made a git repository with everything in it committed, and the current folder.

    With ``later``, its claims/ folder is then written as ``later`` holds, and committed again.
    """
    init_repo(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "claims")
    if later is not None:
        shutil.rmtree(repo / "claims")
        _write(repo / "claims", later, ARTICLE)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "--allow-empty", "-m", "claims later")
    before = os.getcwd()
    os.chdir(repo)
    try:
        yield
    finally:
        os.chdir(before)


@SWEEP
@given(folders(), st.booleans(), st.data())
def test_every_read_only_command_works_on_every_valid_claims_folder(
    files: dict[str, tuple[dict[str, Any], str]], in_git: bool, data: st.DataObject
) -> None:
    # In git, the folder is committed, then changed (or replaced by another) and committed again.
    later = data.draw(st.one_of(edited(files), folders())) if in_git else None
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp, "claims")
        _write(root, files, ARTICLE)
        with _committed(Path(tmp), later) if in_git else contextlib.nullcontext():
            now = later if later is not None else files
            claim_ids = [claim["id"] for document, _ in now.values() for claim in document["claims"]]
            problems = sweep(root, [root / name for name in now], claim_ids, Path(tmp, "library"))
    assert not problems, problems


@SWEEP
@given(folders())
def test_every_edit_leaves_every_valid_claims_folder_readable(files: dict[str, tuple[dict[str, Any], str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp, "claims")
        claim_ids = _write(root, files, ARTICLE)
        problems = edit_sweep(root, [root / name for name in files], claim_ids, Path(tmp, "web"))
    assert not problems, problems


def edit_sweep(root: Path, files: list[Path], claim_ids: list[str], cache: Path) -> list[tuple[str, str]]:
    """Run the desk's edits on the claims folder at ``root``; after each, every file still reads.

    An edit refused (exit 2, as documented) leaves every claims file byte for byte as it was.

    What went wrong, as (command line, what): nothing when every edit worked or was refused as documented.
    """
    runner = CliRunner()
    problems: list[tuple[str, str]] = []
    plans: list[list[str]] = []
    for claim_id in claim_ids[:2]:
        _, claim = _claim(files, claim_id)
        urls_cited = [source["url"] for source in claim.get("sources", [])]
        plans += [
            ["set", claim_id, "--status", "mixed", "--note", "partly 👩‍👩‍👧 ש", "--by", "ana"],
            ["set", claim_id, "--status", "mixed", "--by", "verify-bot"],
            ["set", claim_id, "--claimant", "Ministry é"],
            ["source", "add", claim_id, "https://new.example/é?utm_source=x", "--quote", "It cost $2.4 billion."],
        ]
        if urls_cited:
            plans += [
                ["source", "ack", claim_id, urls_cited[0]],
                ["source", "edit", claim_id, urls_cited[0], "--title", "T", "--quote", "q"],
                ["source", "remove", claim_id, urls_cited[-1]],
            ]
        plans += [
            ["anchor", claim_id, "The bridge opened in 2020."],
            ["reject", claim_id, "--note", "not a claim"],
            ["restore", claim_id],
            ["rename", claim_id, f"{claim_id[:50]}-renamed"],
        ]
    baseline = str(cache.parent / "baseline.json")
    plans += [
        ["check", "--write-baseline", baseline, "--library", str(cache.parent / "library")],
        ["check", "--baseline", baseline, "--library", str(cache.parent / "library")],
        ["set", "--all-unverified", "--status", "opinion", "--by", "ana"],
    ]
    for path in files:
        plans.append(["--claims", str(path), "article", "set", "--url", "https://news.example/é", "--date", "0001"])
    _cache_pages(files, cache)
    plans += [
        ["verify", "--all", "--offline", "--cache-dir", str(cache)],
        ["library", "add", "--web-cache", "--cache-dir", str(cache), "--library", str(cache.parent / "library")],
    ]
    for path in files:
        # Each file's own article: extract refuses to point a claims file at another one still there.
        kept = path.parent / ((json.loads(path.read_text(encoding="utf-8-sig")).get("article") or {}).get("path") or "")
        plans.append(["extract", str(kept if kept.is_file() else path.parent / "article.txt"), "--into", str(path)])
    plans += [["retire", claim_id, "--note", "gone"] for claim_id in claim_ids[2:3]] + [
        ["remove", claim_id] for claim_id in claim_ids[3:4]
    ]
    for args in plans:
        # library add names each cached page it cannot read (an empty one, bytes) and exits 2.
        allowed = (0, 2) if args[0] == "library" else (0, 1)
        before = {path: path.read_bytes() for path in files}
        out, problem = _run(runner, ["--claims", str(root), *args], allowed)
        if problem is None and out is None and any(path.read_bytes() != before[path] for path in files):
            problem = "refused, yet a claims file changed"
        if problem is None:
            problem = _unreadable(files)
        if problem:
            problems.append((" ".join(args), problem))
    return problems


#: What the cached copies of the sources hold, in turn: the article as text and as a page, nothing, and bytes.
PAGES = [
    ("text/plain; charset=utf-8", ARTICLE.encode("utf-8")),
    ("text/html", f"<html><head><title>é</title></head><body><p>{ARTICLE}</p></body></html>".encode()),
    ("text/html; charset=utf-8", b""),
    ("application/octet-stream", bytes(range(256))),
]


def _cache_pages(files: list[Path], cache: Path) -> None:
    """A cached copy of every page the claims cite, so that ``verify --offline`` checks the evidence against it."""
    from factcheck.net.cache import Entry, WebCache

    web = WebCache(cache)
    cited = [
        source["url"]
        for path in files
        for claim in json.loads(path.read_bytes().removeprefix(b"\xef\xbb\xbf"))["claims"]
        for source in claim.get("sources", [])
    ]
    for i, url in enumerate(dict.fromkeys(cited)):
        content_type, body = PAGES[i % len(PAGES)]
        web.put(
            Entry(
                url=url,
                final_url=url,
                status=200,
                content_type=content_type,
                etag=None,
                last_modified=None,
                fetched_at=model.utc_now(),
                body=body,
            )
        )


def _claim(files: list[Path], claim_id: str) -> tuple[Path, dict[str, Any]]:
    for path in files:
        document = json.loads(path.read_bytes().removeprefix(b"\xef\xbb\xbf"))
        for claim in document["claims"]:
            if claim["id"] == claim_id:
                return path, claim
    raise LookupError(claim_id)


def _unreadable(files: list[Path]) -> str | None:
    for path in files:
        try:
            codec.decode(path.read_bytes(), str(path))
        except Exception as exc:  # noqa: BLE001 - any failure to read back is the finding
            return f"{path.name} no longer reads: {exc}"
    return None


# --- what the sweep found, one plain test each -------------------------------------------------


def test_library_add_reads_a_claims_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    document = {
        "schema_version": 2,
        "article": {"title": "T", "url": "https://news.example/bridge"},
        "claims": [{"id": "bridge-cost", "text": "It cost $2.4 billion.", "status": "false"}],
    }
    path = tmp_path / "claims" / "bridge.json"
    path.parent.mkdir()
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(document, indent=2).encode("utf-8") + b"\n")
    library = ["--library", str(tmp_path / "library")]
    runner = CliRunner()
    assert runner.invoke(cli, ["--claims", str(path), "list"]).exit_code == 0  # the store reads it
    added = runner.invoke(cli, ["--claims", str(path), "library", "add", str(path), *library])
    assert added.exit_code == 0, added.stderr
    assert f"{path}: 1 new fact-check\n" in added.stderr
    listed = runner.invoke(cli, ["--claims", str(path), "library", "list", "--format", "json", *library])
    assert [row["claim"] for row in json.loads(listed.stdout)["factchecks"]] == ["It cost $2.4 billion."]


def test_diff_of_a_named_claims_folder_holding_no_claims_file_is_no_change(tmp_path: Path) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    with _committed(tmp_path):
        for args in ([], ["HEAD"], ["HEAD", "HEAD"]):
            result = runner.invoke(cli, ["--claims", "stories", "-q", "diff", *args, "--format", "json"])
            assert (result.exit_code, result.stderr) == (0, ""), result.stderr
            document = json.loads(result.stdout)
            assert [document[key] for key in ("added", "removed", "changed")] == [[], [], []]
        # A named path that is not there is still a mistake, not "no claims".
        missing = runner.invoke(cli, ["--claims", "stroies", "diff"])
        assert missing.exit_code == 2 and "stroies does not exist at HEAD" in missing.stderr


def test_a_version_1_file_with_its_keys_sorted_is_read_as_version_1(tmp_path: Path) -> None:
    # jq -S and other tools write the keys in alphabetical order: schema_version comes after the claims,
    # so a version 1 word in a claim was met before the version that makes it one.
    check = {"at": "2020-01-01T00:00:00Z", "outcome": "contradicts"}
    claim = {
        "id": "bridge-cost",
        "text": "It cost $2.4 billion.",
        "sources": [{"url": "https://e.org/", "last_check": check}],
    }
    path = tmp_path / "claims.json"
    path.write_text(json.dumps({"schema_version": 1, "article": {"title": "T"}, "claims": [claim]}, sort_keys=True))
    assert path.read_text().index('"schema_version"') > path.read_text().index('"claims"')
    result = CliRunner().invoke(cli, ["--claims", str(path), "show", "bridge-cost", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["sources"][0]["last_check"]["outcome"] == "conflicts"
    # A version 1 file is refused as before where it does not hold to version 1 either.
    check["outcome"] = "nonsense"
    path.write_text(json.dumps({"schema_version": 1, "article": {"title": "T"}, "claims": [claim]}, sort_keys=True))
    refused = CliRunner().invoke(cli, ["--claims", str(path), "list"])
    assert refused.exit_code == 2
    assert "sources[0].last_check.outcome: 'nonsense' is not one of" in refused.stderr


def test_a_newer_version_with_its_keys_sorted_is_refused_for_its_version(tmp_path: Path) -> None:
    claim = {"id": "bridge-cost", "text": "It cost $2.4 billion.", "status": "disputed"}  # a word of version 3, say
    path = tmp_path / "claims.json"
    path.write_text(json.dumps({"schema_version": 3, "article": {"title": "T"}, "claims": [claim]}, sort_keys=True))
    result = CliRunner().invoke(cli, ["--claims", str(path), "list"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: {path}:1: schema_version: unknown version 3; this factcheck reads version 2 "
        "(a newer factcheck may read this file)\n"
    )


def test_verify_writes_a_failure_count_at_the_most_a_file_holds(verify, server: Any, tmp_path: Path) -> None:
    # A source failing as often as a claims file can count: one more failure must not make the file invalid.
    server.expect_request("/gone").respond_with_data("gone", status=404)
    url = server.url_for("/gone")
    at_most = {"at": "2020-01-01T00:00:00Z", "outcome": "failing", "failures": model.MAX_COUNT}
    at_most["failing_since"] = "2020-01-01T00:00:00Z"
    claim = {"id": "bridge-cost", "text": "It cost $2.4 billion.", "sources": [{"url": url, "last_check": at_most}]}
    path = tmp_path / "claims.json"
    path.write_text(json.dumps({"schema_version": 2, "article": {"title": "T"}, "claims": [claim]}, indent=2))
    result = verify(path, "--all", "--no-archive")
    assert result.exit_code == 1, result.stderr  # the source is dead: the claim is unsupported
    check = json.loads(path.read_text())["claims"][0]["sources"][0]["last_check"]
    assert (check["outcome"], check["failures"]) == ("dead", model.MAX_COUNT)


@pytest.mark.parametrize("url", ["http://", "https:///bridge", "https://fact checks.example/bridge"])
def test_a_fact_check_whose_url_a_claims_file_cannot_hold_is_kept_without_it(tmp_path: Path, url: str) -> None:
    # Accepted, it would be written on the claim as it is: a URL the schema refuses made match --accept refuse
    # to write the (valid) claims file.
    path = tmp_path / "claims.json"
    claim = {"id": "bridge-cost", "text": "The bridge cost $2.4 billion in 2020."}
    path.write_text(json.dumps({"schema_version": 2, "article": {"title": "T"}, "claims": [claim]}))
    review = {"@type": "ClaimReview", "claimReviewed": claim["text"], "url": url, "author": {"name": "Desk"}}
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([review]))
    lib = ["--library", str(tmp_path / "library")]
    runner = CliRunner()
    assert runner.invoke(cli, ["--claims", str(path), "library", "add", str(feed), *lib]).exit_code == 0
    found = runner.invoke(cli, ["--claims", str(path), "match", "bridge-cost", "--format", "json", *lib])
    assert [m["url"] for m in json.loads(found.stdout)[0]["matches"]] == [None]
    before = path.read_bytes()
    accepted = runner.invoke(cli, ["--claims", str(path), "match", "bridge-cost", "--accept", "1", *lib])
    assert accepted.exit_code == 2 and "refusing to write" not in accepted.stderr, accepted.stderr
    assert path.read_bytes() == before
