"""Property-based tests: arbitrary JSON through the loader, arbitrary strings through every output format.

Whatever a claims file holds, factcheck either reads it or says in one line
what is wrong (exit 2), never with a traceback, and a file it reads it can
write back unchanged.  Whatever strings the claims, the file names and the
URLs hold, every output format parses (JSON, XML, CSV, HTML), shows no raw
control or bidi character, has no line of data that reads as a CI workflow
command, and never shows a URL's password.

Each property runs a modest number of examples, so the whole file stays fast.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from factcheck.check import rules
from factcheck.check import run as checks
from factcheck.cli import cli
from factcheck.extract.run import preview
from factcheck.history import diff
from factcheck.history.timeline import Commit
from factcheck.model.claims import ClaimsFile
from factcheck.model.errors import FactcheckError, InputError
from factcheck.model.vocab import FailOn, Status
from factcheck.render.check import CheckOutput
from factcheck.render.extract import Proposals
from factcheck.render.formats import formats
from factcheck.render.history import Timeline
from factcheck.render.listing import Listing
from factcheck.render.show import ClaimView
from factcheck.render.styled import Styled
from factcheck.report import annotation, listing
from factcheck.report.summary import build
from factcheck.store import codec
from factcheck.store.folder import Folder

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- strategies -----------------------------------------------------------------------------

NASTY = [
    "\x1b[31mred\x1b[0m",
    "\x1b]52;c;aGVsbG8=\x07",
    "\x9b31m",
    "\u202eevil\u202c",
    "\u2066iso\u2069",
    "line\u2028separator\u2029",
    "\n::error file=x::forged",
    "\n  ::add-mask::secret",
    "\n##[warning]old",
    "::warning::at the start",
    '=HYPERLINK("http://e.org")',
    "+cmd",
    "-1+1",
    "@SUM(1)",
    "\t=1",
    "\r=1",
    "<script>alert(1)</script>",
    "]]><!--",
    "&amp;&",
    "\"quoted' and `ticks` | pipes",
    "\x00nul\x7fdel",
    "\ufffe\uffff",
    "%0A%25",
    "https://user:hunter2@example.org/x",
]

# Any Unicode a UTF-8 file can hold (no surrogates), with the nasty cases mixed in.
texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(NASTY),
    st.builds(lambda a, b, c: a + b + c, st.text(max_size=8), st.sampled_from(NASTY), st.text(max_size=8)),
)

json_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
)
json_values = st.recursive(
    json_leaves,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(texts, children, max_size=4),
    max_leaves=20,
)
FIELDS_OF_A_CLAIM = ["id", "text", "status", "note", "worthiness", "anchor", "sources", "history", "extra"]


@st.composite
def claims_like(draw: st.DrawFn) -> Any:
    """A document close to a claims file, with arbitrary values where the schema wants others."""

    def maybe(valid: Any) -> Any:
        return draw(st.one_of(st.just(valid), json_values)) if draw(st.booleans()) else valid

    claims = []
    for i in range(draw(st.integers(0, 3))):
        claim = {
            "id": maybe(f"c{i}"),
            "text": maybe(draw(texts) or "x"),
            "status": maybe(draw(st.sampled_from([str(s) for s in Status]))),
            "sources": maybe([{"url": maybe("https://example.org/" + str(i)), "quote": maybe(draw(texts))}]),
            "history": maybe([]),
        }
        if draw(st.booleans()):
            claim[draw(st.sampled_from(FIELDS_OF_A_CLAIM))] = draw(json_values)
        claims.append(claim)
    return {
        "schema_version": maybe(1),
        "article": maybe({"title": maybe(draw(texts) or "t")}),
        "claims": maybe(claims),
    }


def _dumps(document: Any, pretty: bool) -> bytes:
    # allow_nan: NaN and Infinity are exactly what a hostile file would carry.
    return json.dumps(document, allow_nan=True, indent=2 if pretty else None, ensure_ascii=False).encode(
        "utf-8", "surrogatepass"
    )


# --- the loader -----------------------------------------------------------------------------


@FAST
@given(st.one_of(json_values, claims_like()), st.booleans())
def test_the_loader_reads_or_refuses_arbitrary_json(document: Any, pretty: bool) -> None:
    raw = _dumps(document, pretty)
    try:
        claims_file = codec.decode(raw, "x.json")
    except InputError as exc:
        assert exc.path == "x.json"  # the command line shows it as one clean line (next test)
        return
    # Read: then it can be written back, and reads back the same.
    assert isinstance(claims_file, ClaimsFile)
    data = codec.checked(claims_file, "x.json")
    assert codec.decode(data, "x.json") == claims_file


@FAST
@given(st.binary(max_size=200))
def test_the_loader_reads_or_refuses_arbitrary_bytes(raw: bytes) -> None:
    try:
        codec.decode(raw, "x.json")
    except InputError:
        pass


@FAST
@given(claims_like(), st.booleans())
def test_commands_exit_0_or_2_on_arbitrary_claims_files(document: Any, pretty: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "claims")
        folder.mkdir()
        (folder / "x.json").write_bytes(_dumps(document, pretty))
        runner = CliRunner()
        for args in (["list", "--format", "json"], ["show", "c0"], ["check", "--format", "json"]):
            result = runner.invoke(cli, ["--claims", str(folder), *args], catch_exceptions=False)
            if args[0] == "check":
                assert result.exit_code in (0, 1), result.output
                json.loads(result.stdout)
            elif result.exit_code == 2:
                lines = result.stderr.splitlines()
                assert len(lines) == 1 and lines[0].startswith("factcheck: error: "), result.stderr
                assert result.stdout == ""
            else:
                assert result.exit_code == 0, result.output
                if args[0] == "list":
                    json.loads(result.stdout)


# --- every output format ----------------------------------------------------------------------

# The commands whose output is built from a hostile claims file here.
RENDERED = ("list", "show", "history", "report", "annotate", "diff", "check", "extract")
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
COMMAND_LINE = re.compile(r"^\s*(::|##\[)", re.MULTILINE)
FORMULA = ("=", "+", "-", "@", "\t", "\r")

safe_name = st.text(
    st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=12
).filter(lambda n: len(n.encode("utf-8")) < 100)
url_tail = st.text(st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), max_size=12).filter(
    lambda t: not any(ch.isspace() for ch in t)
)


def _document(s: list[str], url_tail: str) -> dict[str, Any]:
    article_text = f"Intro. {s[0]} The bridge opened in 2020. {s[1]}\n{s[2]}\nThe end.\n"
    return {
        "schema_version": 1,
        "article": {"title": s[3] or "t", "author": s[4], "publisher": s[5], "path": "article.txt"},
        "claims": [
            {
                "id": "one",
                "text": s[0] or "x",
                "status": "false",
                "note": s[6],
                "worthiness": {"score": 0.5, "reasons": [s[7]]},
                "sources": [
                    {
                        "url": "https://user:hunter2@example.org/" + url_tail,
                        "title": s[8],
                        "publisher": s[9],
                        "quote": s[10],
                    }
                ],
                "history": [
                    {"at": "2020-01-01T00:00:00Z", "from": "unverified", "to": "false", "by": s[11] or "b", "why": s[6]}
                ],
            },
            {"id": "two", "text": "The bridge opened in 2020.", "status": "unverified", "note": s[1]},
        ],
    }, article_text


def _outputs(folder: Path, edited: Path) -> Iterator[tuple[str, str, str]]:
    catalog = Folder(folder).load()
    stored, claim = catalog.get("one")
    text_path = stored.article_path()
    assert text_path is not None
    data = {
        "list": Listing(list(listing.rows(folder)), 80),
        "show": ClaimView(stored.shown, 12, stored.claims_file.article.title, stored.claims_file.article.path, claim),
        "history": Timeline(
            stored.shown,
            claim,
            [
                Commit(
                    "a" * 40,
                    "2026-01-01T00:00:00+00:00",
                    claim.history[0].by,
                    claim.text,
                    stored.shown,
                    "status",
                    Status.FALSE,
                )
            ],
        ),
        "report": build(catalog.files),
        "annotate": annotation.annotate(stored, text_path),
        "diff": diff.diff(str(folder), str(edited), folder),
        "check": CheckOutput(checks.run(folder, rules.Options(), processes=1), FailOn.ERROR),
        "extract": Proposals(preview(text_path, 0.0, [folder])),
    }
    for name in RENDERED:
        for fmt, render in formats(name).items():
            output = render(data[name])
            if isinstance(output, Styled):
                text = output.plain()
            elif isinstance(output, str):
                text = output
            else:
                text = "".join(output)
            yield name, str(fmt), text


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0
        self.json_ld: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # A JSON-LD block (ClaimReview in a page for publication) is data a browser never runs: it must parse.
        if tag == "script" and ("type", "application/ld+json") in attrs:
            self.json_ld = []
        else:
            self.scripts += tag == "script" or any(name.startswith("on") for name, _ in attrs)

    def handle_data(self, data: str) -> None:
        if self.json_ld is not None:
            self.json_ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.json_ld is not None:
            json.loads("".join(self.json_ld))
            self.json_ld = None


def _parses(fmt: str, text: str) -> None:
    if fmt in ("json", "sarif"):
        json.loads(text)
    elif fmt == "junit":
        ElementTree.fromstring(text.encode("utf-8"))
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert all(len(row) == len(rows[0]) for row in rows)
        assert not any(cell.startswith(FORMULA) for row in rows[1:] for cell in row), rows
    elif fmt == "html":
        page = _Html()
        page.feed(text)
        page.close()
        assert page.scripts == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=12, max_size=12), url_tail, safe_name)
def test_every_output_format_is_inert_and_parses(strings: list[str], tail: str, name: str) -> None:
    document, article_text = _document(strings, tail)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "claims")
        folder.mkdir()
        try:
            path = folder / f"{name}.json"
            path.write_bytes(json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8"))
        except OSError:
            assume(False)  # a name this file system does not take
        try:
            codec.decode(path.read_bytes(), "x")
        except InputError:
            assume(False)  # strings the schema refuses (e.g. a URL tail with a space): not this test's concern
        (folder / "article.txt").write_text(article_text, encoding="utf-8")
        edited = Path(tmp, "edited")
        shutil.copytree(folder, edited)
        changed = json.loads(path.read_text(encoding="utf-8"))
        changed["claims"][1]["status"] = "mixed"
        changed["claims"][1]["sources"] = [{"url": "https://u:hunter2@e.org/" + tail}]
        (edited / path.name).write_text(json.dumps(changed, indent=2, ensure_ascii=False), encoding="utf-8")
        try:
            outputs = list(_outputs(folder, edited))
        except FactcheckError as exc:  # pragma: no cover - would be a finding in its own right
            pytest.fail(f"valid input refused: {exc}")
    for command, fmt, text in outputs:
        where = f"{command} --format {fmt}"
        assert not UNSAFE.search(text), (where, UNSAFE.search(text))
        assert "hunter2" not in text, where
        lines = COMMAND_LINE.findall(text)
        if fmt == "github":
            assert all(line.startswith(("::error ", "::warning ", "::notice::")) for line in text.splitlines()[:-1])
        else:
            assert not lines, (where, text)
        _parses(fmt, text)


# --- arbitrary strings from the command line: written only when they read back -------------------

argv_texts = st.one_of(texts, st.text(st.characters(blacklist_characters="\x00"), max_size=20))  # surrogates too


@FAST
@given(argv_texts, argv_texts, st.one_of(argv_texts, st.builds(lambda t: "https://example.org/" + t, argv_texts)))
def test_edits_with_arbitrary_strings_leave_a_readable_file(note: str, by: str, url: str) -> None:
    assume("\x00" not in note + by + url)  # a command line cannot carry NUL
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "claims")
        shutil.copytree(Path(__file__).resolve().parent.parent / "claims", folder)
        path = next(folder.glob("*.json"))
        runner = CliRunner()
        for args in (
            ["set", "crossroads", "--status", "false", "--note", note, "--by", by],
            ["source", "add", "crossroads", url, "--quote", note, "--title", by],
        ):
            result = runner.invoke(cli, ["--claims", str(folder), *args], catch_exceptions=False)
            assert result.exit_code in (0, 2), result.output
            if result.exit_code == 2:
                assert len(result.stderr.splitlines()) == 1, result.stderr
            codec.decode(path.read_bytes(), "x")  # whatever happened, the file reads


# --- the second hostile catalogue: one property per class of input --------------------------------

SHIPPED = Path(__file__).resolve().parent.parent / "claims"
SEED_FILE = next(SHIPPED.glob("*.json"))
STAMP = "%Y-%m-%dT%H:%M:%SZ"

# Digits of every kind: ASCII, other scripts' decimals (Nd), superscripts and circled ones (No), Roman (Nl).
digit_like = st.text(
    st.one_of(st.characters(categories=["Nd", "No", "Nl"]), st.sampled_from("0123456789 +-_.eE/:")), max_size=8
)


def _ascii_whole(text: str) -> int | None:
    text = text.strip()
    return int(text) if text and len(text) <= 9 and all(c in "0123456789" for c in text) else None


@FAST
@given(digit_like, digit_like)
def test_shards_and_ports_are_read_from_ascii_digits_or_refused(first: str, second: str) -> None:
    import click

    from factcheck.cli.params import HostPorts, Shard

    try:
        shard = Shard().convert(f"{first}/{second}", None, None)
    except click.BadParameter:
        shard = None
    if shard is not None:
        assert shard == (_ascii_whole(first), _ascii_whole(second))
    for value, port in ((f"localhost:{first}", first), (f"[::1]:{second}", second)):
        try:
            hosts = HostPorts().convert(value, None, None)
        except click.BadParameter:
            continue
        assert [p for _, p in hosts] == [_ascii_whole(port)]


number_like = st.one_of(
    digit_like,
    st.sampled_from(["nan", "NaN", "-nan", "+nan", "inf", "-inf", "Infinity", "1e999", "-1e999", " nan ", "0x1p3"]),
    st.builds(str, st.floats(allow_nan=True, allow_infinity=True)),
)


def _every_option() -> Iterator[tuple[str, Any]]:
    """Every option of every command (sub-commands too), loaded as the CLI loads them."""
    import click

    from factcheck.cli import COMMANDS

    context = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(context, name)
        assert command is not None
        commands = [command, *getattr(command, "commands", {}).values()]
        for each in commands:
            for param in each.params:
                yield f"{name} {each.name} {param.name}", param.type


def test_no_option_reads_a_float_that_could_be_nan() -> None:
    import click

    floats = [where for where, kind in _every_option() if isinstance(kind, click.types.FloatParamType)]
    assert not floats, f"use FiniteFloat, which refuses nan and inf: {floats}"


@FAST
@given(number_like)
def test_every_number_setting_is_finite_and_in_range_or_refused(text: str) -> None:
    import math

    import click

    from factcheck.cli.params import FiniteFloat
    from factcheck.cli.settings import SETTINGS

    for key, setting in SETTINGS.items():
        if not isinstance(setting.type, FiniteFloat):
            continue
        try:
            number = setting.type.convert(text, None, None)
        except click.BadParameter:
            continue
        assert math.isfinite(number), (key, text)
        assert setting.type.min is None or number >= setting.type.min
        assert setting.type.max is None or number <= setting.type.max
        assert text.strip().isascii()


config_values = st.one_of(number_like, texts, st.builds(lambda d: f"localhost:{d}", digit_like))


@FAST
@given(
    st.sampled_from(["allow-host", "min-score", "timeout", "max-age", "jobs", "dead-days", "rating-value.false"]),
    config_values,
)
def test_any_value_in_setup_cfg_is_read_or_one_input_error(key: str, value: str) -> None:
    from factcheck.cli.config import default_map

    assume("\n" not in value and "\r" not in value and "\x00" not in value)
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "setup.cfg").write_text(f"[factcheck]\n{key} = {value}\n", encoding="utf-8", newline="\n")
        try:
            default_map(["list", "verify", "extract"], folder=Path(tmp))
        except InputError as exc:
            assert exc.path is not None and exc.path.endswith("setup.cfg")


# Timestamps: anything of the right shape, real or not, and real ones with something after them.
stamp_shaped = st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\Z")
real_stamps = st.builds(lambda d: d.strftime(STAMP), st.datetimes())
suffixes = st.sampled_from(["", "\n", "\r\n", " ", "\t", "\u2028", "\ufeff", "Z", "x"])
stamps = st.one_of(
    stamp_shaped,
    real_stamps,
    st.builds(lambda s, tail: s + tail, st.one_of(stamp_shaped, real_stamps), suffixes),
    st.text(max_size=24),
)


def _is_real_time(text: str) -> bool:
    import datetime as dt

    # strptime alone takes one-digit months and days; the shape must be exact too.
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z", text, re.ASCII):
        return False
    try:
        dt.datetime.strptime(text, STAMP)
    except ValueError:
        return False
    return True


def _one_claim(at: str) -> dict[str, Any]:
    return {
        "schema_version": 2,
        "article": {"title": "t"},
        "claims": [{"id": "a", "text": "A.", "history": [{"at": at, "to": "unverified", "by": "extract"}]}],
    }


@FAST
@given(stamps)
def test_a_timestamp_is_read_exactly_when_it_is_a_real_time(stamp: str) -> None:
    from factcheck.verify.lifecycle import parse_time

    raw = json.dumps(_one_claim(stamp), indent=2).encode("utf-8")
    try:
        claims_file = codec.decode(raw, "x.json")
    except InputError as exc:
        assert not _is_real_time(stamp), stamp
        assert exc.path == "x.json" and exc.line == 12 and "history[0].at: must be a real UTC time" in exc.reason
        return
    assert _is_real_time(stamp), stamp
    parse_time(claims_file.claims[0].history[0].at)  # what verify does with it


def _schema_patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _schema_patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schema_patterns(value)


SCHEMA = json.loads((Path(codec.__file__).parent / "claims.schema.json").read_text(encoding="utf-8"))
PATTERNS = sorted(set(_schema_patterns(SCHEMA)))


def test_every_timestamp_field_has_the_timestamp_pattern() -> None:
    from factcheck.model.claims import TIMESTAMP_PATTERN

    def walk(node: Any, name: str = "") -> Iterator[tuple[str, Any]]:
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, key if key not in ("anyOf", "properties") else name)
            if name:
                yield name, node
        elif isinstance(node, list):
            for value in node:
                yield from walk(value, name)

    timed = {name for name, node in walk(SCHEMA) if node.get("pattern") == TIMESTAMP_PATTERN}
    assert timed == {"at", "since", "failing_since", "changed_at", "archived_at", "accepted_at"}
    # Any other pattern that looks like a time would be a field the exact pattern misses.
    assert [p for p in PATTERNS if ":[0-5][0-9]" in p and p != TIMESTAMP_PATTERN] == []


def _ecma_validator(schema: dict[str, Any]) -> Any:
    """A JSON Schema validator whose ``pattern`` is ECMA-262, as the JSON Schema specification says."""
    import jsonschema

    regress = pytest.importorskip("regress", reason="regress (ECMA-262 regular expressions) is a test dependency")
    compiled: dict[str, Any] = {}

    def pattern(validator: Any, wanted: str, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "string"):
            regex = compiled.get(wanted) or compiled.setdefault(wanted, regress.Regex(wanted, "u"))
            if regex.find(instance) is None:
                yield jsonschema.ValidationError(f"{instance!r} does not match {wanted!r}")

    ecma = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": pattern})
    return ecma(schema)


def _store_accepts(pattern: str, text: str) -> bool:
    from typing import Annotated

    import msgspec

    try:
        msgspec.convert(text, Annotated[str, msgspec.Meta(pattern=pattern)])
    except msgspec.ValidationError:
        return False
    return True


# What a pattern should take, what it nearly takes, and anything at all.
@st.composite
def against_a_pattern(draw: st.DrawFn) -> tuple[str, str]:
    pattern = draw(st.sampled_from(PATTERNS))
    near = st.builds(lambda s, tail: s + tail, st.from_regex(pattern), st.one_of(suffixes, st.text(max_size=3)))
    text = draw(st.one_of(st.from_regex(pattern), near, st.text(max_size=20)))
    return pattern, text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(against_a_pattern())
def test_the_store_and_an_ecma_json_schema_validator_accept_the_same_strings(case: tuple[str, str]) -> None:
    pattern, text = case
    validator = _ecma_validator({"type": "string", "pattern": pattern})
    assert _store_accepts(pattern, text) == validator.is_valid(text), (pattern, text)


#: Fields with a pattern, and how to set each in a claims file.
PATTERNED: dict[str, Any] = {
    "id": lambda d, v: d["claims"][0].update(id=v),
    "article.date": lambda d, v: d["article"].update(date=v),
    "article.url": lambda d, v: d["article"].update(url=v),
    "article.sha256": lambda d, v: d["article"].update(sha256=v),
    "article.path": lambda d, v: d["article"].update(path=v),
    "sources[0].url": lambda d, v: d["claims"][0]["sources"][0].update(url=v),
    "history[0].at": lambda d, v: d["claims"][0]["history"][0].update(at=v),
}


@FAST
@given(st.sampled_from(list(PATTERNED)), st.one_of(stamps, st.from_regex(r"\A[a-z0-9-]{1,8}\n?\Z"), texts))
def test_the_store_reads_a_claims_file_exactly_when_its_shipped_schema_holds(field: str, value: str) -> None:
    document = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    PATTERNED[field](document, value)
    raw = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
    try:
        codec.decode(raw, "x.json")
        read = True
    except InputError:
        read = False
    assert read == _ecma_validator(SCHEMA).is_valid(document), (field, value)


def test_the_shipped_claims_hold_the_shipped_schema_read_as_ecma() -> None:
    for path in SHIPPED.glob("*.json"):
        _ecma_validator(SCHEMA).validate(json.loads(path.read_text(encoding="utf-8")))


# Baselines: arbitrary entries, lone surrogates included (JSON escapes them, UTF-8 cannot hold them).
baseline_texts = st.one_of(texts, st.sampled_from(["\ud800", "a\udcffb", "\udfff\ud800"]))
baseline_values = st.one_of(
    st.none(), st.integers(), st.booleans(), baseline_texts, st.lists(st.integers(), max_size=2)
)
baseline_entries = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"rule": st.one_of(st.just("unsourced"), baseline_values), "claim": st.one_of(st.just("a"), baseline_values)},
        optional={"url": baseline_values, "reason": baseline_values, "other": baseline_values},
    ),
)


@FAST
@given(st.lists(baseline_entries, max_size=4))
def test_a_baseline_is_refused_whole_or_can_be_written_back(findings: list[Any]) -> None:
    from factcheck.check import baseline

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "baseline.json")
        text = json.dumps({"version": 1, "findings": findings}, indent=2)  # ASCII: surrogates as escapes
        path.write_text(text, encoding="utf-8")
        try:
            entries = baseline.read(path)
        except InputError as exc:
            assert exc.path is not None and exc.line is not None and "findings[" in exc.reason
            assert path.read_text(encoding="utf-8") == text  # nothing written
            return
        for entry in entries:
            for value in (entry.rule, entry.claim, entry.url, entry.reason or ""):
                assert isinstance(value, str)
                value.encode("utf-8")
        # What was read can be written, by rename as by check --write-baseline (as claim rename plans and writes it).
        plan = baseline.rename_plan(path, "a", "b")
        if plan is not None:
            baseline.write(plan)
        # Written back, a baseline holds each finding once, in order: compare what it accepts.
        renamed = {(e.rule, "b" if e.claim == "a" else e.claim, e.url) for e in entries}
        assert {(e.rule, e.claim, e.url) for e in baseline.read(path)} == renamed


# -o: whatever the name leads to, it stays what it was, and what it leads to gets the output.
KINDS = ["missing", "regular", "link-to-regular", "link-to-missing", "fifo", "link-to-fifo"]


def _make(kind: str, path: Path) -> Path:
    """Make ``path`` of this kind; the file the output should reach."""
    target = path.with_name("target")
    if kind.endswith("regular"):
        target.write_bytes(b"old")
    if kind.endswith("fifo"):
        os.mkfifo(target)
    if kind.startswith("link"):
        path.symlink_to(target.name)
        return target
    if target.exists() or kind == "fifo":
        target.rename(path)
    return path


@FAST
@given(st.sampled_from(KINDS if hasattr(os, "mkfifo") else KINDS[:4]), st.binary(max_size=5000))
def test_output_reaches_what_the_name_leads_to_and_leaves_the_name_as_it_was(kind: str, data: bytes) -> None:
    import stat
    import threading

    from factcheck.store.atomic import write_output

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "out")
        reached = _make(kind, path)
        before = os.lstat(path).st_mode if os.path.lexists(path) else None
        got: list[bytes] = []
        reader = None
        if kind.endswith("fifo"):
            reader = threading.Thread(target=lambda: got.append(reached.read_bytes()), daemon=True)
            reader.start()
        write_output(path, data)
        if reader is not None:
            reader.join(30)
            assert got == [data] and stat.S_ISFIFO(os.stat(reached).st_mode)
        else:
            assert reached.read_bytes() == data and stat.S_ISREG(os.stat(reached).st_mode)
        after = os.lstat(path).st_mode
        if before is not None:
            assert stat.S_IFMT(after) == stat.S_IFMT(before)  # a link stays a link, a FIFO a FIFO
        assert sorted(os.listdir(tmp)) == sorted({"out", reached.name})  # no temporary file left


# pyproject.toml: any TOML value where the tool table or our table should be, nested to any depth.
def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if not isinstance(value, float) else f"{value:.3f}"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


toml_values = st.recursive(
    st.one_of(st.booleans(), st.integers(-(10**6), 10**6), st.floats(-1e6, 1e6), st.text(max_size=8)),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3),
    max_leaves=8,
)
nested = st.builds(
    lambda depth, table: ("{a = " * depth + "1" + "}" * depth) if table else ("[" * depth + "]" * depth),
    st.sampled_from([1, 50, 2_000, 100_000]),
    st.booleans(),
)
pyprojects = st.one_of(
    st.builds(lambda v: f"tool = {_toml(v)}\n# factcheck\n", toml_values),
    st.builds(lambda v: f"[tool]\nfactcheck = {_toml(v)}\n", toml_values),
    st.builds(lambda v: f"[tool.factcheck]\nmax-age = {_toml(v)}\n", toml_values),
    st.builds(lambda v: f"x = {v}\n[tool.factcheck]\n", nested),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pyprojects)
def test_any_pyproject_toml_is_read_or_one_input_error_naming_it(content: str) -> None:
    from factcheck.cli.config import default_map

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "pyproject.toml").write_text(content, encoding="utf-8")
        try:
            default_map(["list", "check"], folder=Path(tmp))
        except InputError as exc:
            assert exc.path is not None and exc.path.endswith("pyproject.toml")


# File names of any bytes, and ClaimReview text of any characters.
file_names = st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and b"\0" not in b)


@FAST
@given(file_names)
def test_page_urls_carry_any_file_name_as_its_bytes(name: bytes) -> None:
    from urllib.parse import unquote_to_bytes

    from factcheck.report.pages import SIDE_BY_SIDE, page_url

    stem = os.fsdecode(name)
    url = page_url(SIDE_BY_SIDE, stem)
    assert url.isascii() and unquote_to_bytes(url) == name + b".annotated.html"


def _json_unsafe(text: str) -> list[str]:
    return re.findall(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]", text)


@FAST
@given(texts, st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), max_size=6))
def test_claimreview_json_holds_no_raw_control_bidi_or_separator(text: str, controls: str) -> None:
    from factcheck.publish.claimreview import Reviews
    from factcheck.render.formats import Format, formats
    from factcheck.text.clean import redact_urls

    claim = text + controls
    out = formats("export")[Format.CLAIMREVIEW](Reviews(items=[{"@type": "ClaimReview", "claimReviewed": claim}]))
    assert _json_unsafe(out.replace("\n", "")) == []
    assert json.loads(out)[0]["claimReviewed"] == redact_urls(claim)  # a URL's password never leaves


# Output encodings: whatever the text, stdout in any encoding takes it, and JSON stays the same JSON.
ENCODINGS = ["ascii", "latin-1", "cp1252", "cp437", "iso8859-7", "utf-8"]


@FAST
@given(st.sampled_from(ENCODINGS), st.text(max_size=40), st.sampled_from(NASTY))
def test_stdout_in_any_encoding_takes_any_text(encoding: str, text: str, nasty: str) -> None:
    from factcheck.cli import output

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="\n")
    document = {"text": text + nasty, "emoji": "😀’—"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", stream)
        output.tolerate_unencodable()
        output.emit(text + nasty + "\n")
        output.emit(json.dumps(document, ensure_ascii=False) + "\n")
    shown = raw.getvalue().decode(encoding).split("\n")
    assert shown[-1] == "" and json.loads(shown[-2]) == document


@FAST
@given(
    st.one_of(
        st.from_regex(r"\A[a-z0-9][a-z0-9._-]{0,8}\Z"),
        st.from_regex(r"\A[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z"),
        st.text(max_size=12),
    ),
    suffixes,
)
def test_what_the_command_line_takes_the_claims_file_takes(text: str, suffix: str) -> None:
    import click

    from factcheck.cli.params import PartialDate
    from factcheck.curate.claims import check_id
    from factcheck.curate.sources import check_date
    from factcheck.model.claims import CLAIM_ID_PATTERN, PARTIAL_DATE_PATTERN
    from factcheck.model.errors import UsageError

    value = text + suffix
    checks = [
        (lambda v: check_id(v, set()), CLAIM_ID_PATTERN),
        (lambda v: PartialDate().convert(v, None, None), PARTIAL_DATE_PATTERN),
    ]
    for take, pattern in checks:
        try:
            take(value)
        except (UsageError, click.BadParameter):
            continue
        assert _store_accepts(pattern, value), (pattern, value)  # else the write after it would fail
    try:
        check_date(value)
    except UsageError:
        return
    assert "\n" not in value


# --- every read-only command on every valid claims file ----------------------------------------

#: Claim ids the schema takes, short and long; each file draws distinct ones.
CLAIM_IDS = ["a", "c0", "x.y_z-1", "0", "9" * 64, "b-" + "q" * 62, "two", "one"]


def _from_schema(node: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Values that hold ``node`` of the shipped schema (cross-field rules are the store's to judge)."""
    if "$ref" in node:
        return st.deferred(lambda: _from_schema(SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]], depth + 1))
    if "enum" in node:
        return st.sampled_from(node["enum"])
    if "anyOf" in node:
        return st.one_of([_from_schema(option, depth) for option in node["anyOf"]])
    kind = node.get("type")
    if kind == "null":
        return st.none()
    if kind == "string":
        if "pattern" in node:
            return st.from_regex(node["pattern"])
        return texts.filter(bool) if node.get("minLength") else texts
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(node.get("minimum", -(2**31)), node.get("maximum", 2**31 - 1))
    if kind == "number":
        return st.floats(node.get("minimum"), node.get("maximum"), allow_nan=False, allow_infinity=False)
    if kind == "array":
        # Set-aside claims hold a claim whole: one level of nesting keeps the files small.
        return st.lists(_from_schema(node["items"], depth), max_size=3 if depth < 3 else 1)
    assert kind == "object", node
    properties = node["properties"]
    required = set(node.get("required", []))
    return st.fixed_dictionaries(
        {name: _from_schema(properties[name], depth) for name in properties if name in required},
        optional={name: _from_schema(properties[name], depth) for name in properties if name not in required},
    )


@st.composite
def valid_claims_files(draw: st.DrawFn) -> dict[str, Any]:
    """A claims file the store reads: any shape the schema allows, ids distinct across the file."""
    document = draw(_from_schema(SCHEMA))
    # Drawn as a list, the claims would mostly be none: draw how many first, none the rarest.
    claim = _from_schema(SCHEMA["$defs"]["Claim"])
    document["claims"] = draw(st.lists(claim, min_size=(n := draw(st.sampled_from([2, 3, 1, 4, 0]))), max_size=n))
    claims = document["claims"] + [aside["claim"] for aside in document.get("set_aside", [])]
    ids = draw(st.lists(st.sampled_from(CLAIM_IDS), min_size=len(claims), max_size=len(claims), unique=True))
    for claim, claim_id in zip(claims, ids, strict=True):
        claim["id"] = claim_id
    if draw(
        st.sampled_from([True, True, True, False])
    ):  # mostly an article annotate can read; now and then whatever path was drawn
        document["article"]["path"] = "article.txt"
    return document


def _write_valid(folder: Path, name: str, document: dict[str, Any]) -> bool:
    """Write ``document`` as ``name`` in ``folder``, with its article; whether the store reads it."""
    raw = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
    try:
        codec.decode(raw, name)
    except InputError:
        return False
    (folder / name).write_bytes(raw)
    # The article holds every claim's text, so that annotate has something to mark.
    body = "\n\n".join(claim["text"] for claim in document["claims"]) or "Nothing."
    (folder / "article.txt").write_text(f"Intro.\n\n{body}\n", encoding="utf-8")
    return True


@pytest.fixture(scope="module")
def small_library(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A library of a few fact-checks and documents, built once for the module."""
    data = Path(__file__).parent / "data" / "library"
    args = ["--library", str(tmp_path_factory.mktemp("library") / "lib")]
    for name in ("feed.json", "factchecks.csv", "desk-documents"):
        result = CliRunner().invoke(cli, ["library", "add", str(data / name), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return args


def _read_only_commands(first: str, library: list[str], baseline: Path) -> Iterator[tuple[list[str], str]]:
    """Each read-only command, with each of its formats: the arguments and the format to parse."""
    for name, extra in (("list", []), ("show", [first]), ("history", [first]), ("rejected", [])):
        for fmt in formats(name):
            yield [name, *extra, "--format", str(fmt)], str(fmt)
    for name in ("report", "annotate"):
        for fmt in formats(name):
            yield [name, "--format", str(fmt)], str(fmt)
            yield [name, "--format", str(fmt), "--reviewed-only", *PUBLISHER], str(fmt)
    yield ["export", "claimreview", *PUBLISHER], "json"
    for fmt in formats("diff"):
        yield ["diff", "{old}", "{new}", "--format", str(fmt)], str(fmt)
    for fmt in formats("check"):
        yield ["check", "--format", str(fmt)], str(fmt)
    yield ["check", "--write-baseline", str(baseline)], "text"
    for name in ("match", "search"):
        for fmt in formats(name):
            yield [name, "--all", "--format", str(fmt), *library], str(fmt)


#: Who publishes the fact-check, which ClaimReview and pages for publication need.
PUBLISHER = ["--publisher-name", "The Desk", "--publisher-url", "https://desk.example.org/"]

#: Exit 1 is a finding for these: unsourced claims, claims that changed.
FINDINGS = {"check", "diff"}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(valid_claims_files(), valid_claims_files())
@example(  # a page for publication carries its ClaimReview as JSON-LD: data, not a script
    document={
        "schema_version": 2,
        "article": {"title": "0", "url": "HTTP://0", "review_url": "HTTP://0"},
        "claims": [{"id": "a", "text": "0", "status": "false"}],
    },
    other={"schema_version": 2, "article": {"title": "0"}, "claims": []},
)
def test_every_read_only_command_reads_every_valid_claims_file(
    small_library: list[str], document: dict[str, Any], other: dict[str, Any]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder, old = Path(tmp, "claims"), Path(tmp, "old")
        folder.mkdir()
        old.mkdir()
        assume(_write_valid(folder, "x.json", document) and _write_valid(old, "x.json", other))
        ids = [claim["id"] for claim in document["claims"]]
        runner = CliRunner()
        for args, fmt in _read_only_commands(ids[0] if ids else "c0", small_library, Path(tmp, "baseline.json")):
            args = [a.format(old=old / "x.json", new=folder / "x.json") for a in args]
            result = runner.invoke(cli, ["--claims", str(folder), *args], catch_exceptions=False)
            where = (args, result.stdout, result.stderr)
            if result.exit_code == 2:
                lines = result.stderr.splitlines()
                assert len(lines) == 1 and lines[0].startswith("factcheck: error: "), where
                assert result.stdout == "", where
                continue
            assert result.exit_code in ((0, 1) if args[0] in FINDINGS else (0,)), where
            assert "Traceback" not in result.stderr, where
            _parses(fmt, result.stdout)
            assert not UNSAFE.search(result.stdout), where
            assert fmt == "github" or not COMMAND_LINE.search(result.stdout), where


@FAST
@given(claims_like(), st.booleans())
@example(document={"schema_version": 2, "article": {"title": "t"}, "claims": None}, pretty=False)  # list --format md
def test_every_read_only_command_reads_or_refuses_arbitrary_claims_files(
    small_library: list[str], document: Any, pretty: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "claims")
        folder.mkdir()
        (folder / "x.json").write_bytes(_dumps(document, pretty))
        (folder / "article.txt").write_text("Intro.\n", encoding="utf-8")
        runner = CliRunner()
        for args, fmt in _read_only_commands("c0", small_library, Path(tmp, "baseline.json")):
            args = [a.format(old=folder / "x.json", new=folder / "x.json") for a in args]
            result = runner.invoke(cli, ["--claims", str(folder), *args], catch_exceptions=False)
            where = (args, result.stdout, result.stderr)
            if result.exit_code == 2:  # refused: one line, and nothing half-written on stdout
                lines = result.stderr.splitlines()
                assert len(lines) == 1 and lines[0].startswith("factcheck: error: "), where
                assert result.stdout == "", where
                continue
            assert result.exit_code in ((0, 1) if args[0] in FINDINGS else (0,)), where
            _parses(fmt, result.stdout)
