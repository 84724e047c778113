"""Reading, validating and writing claims files: the store's one read path and one edit path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import msgspec
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from factcheck.model.claims import Claim, ClaimsFile, Source
from factcheck.model.errors import InputError, UnknownClaimError
from factcheck.net.cache import Entry, WebCache
from factcheck.store import codec, positions
from factcheck.store.atomic import write_bytes
from factcheck.store.edit import edit_claim, save, update
from factcheck.store.folder import Folder, discover, read

from conftest import SEED_CLAIMS, make_claim, make_source, write_claims


def test_discover_finds_json_files_in_order_and_skips_hidden(tmp_path: Path) -> None:
    write_claims(tmp_path / "b", "two", [])
    write_claims(tmp_path, "one", [])
    write_claims(tmp_path / ".git", "hidden", [])
    (tmp_path / "notes.txt").write_text("not a claims file")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["one.json", "b/two.json"]


def test_discover_does_not_follow_a_symlinked_folder(tmp_path: Path) -> None:
    write_claims(tmp_path / "claims" / "2026", "one", [])
    write_claims(tmp_path / "elsewhere", "two", [])
    (tmp_path / "claims" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "claims" / "2026" / "up").symlink_to("..", target_is_directory=True)
    found = [p.relative_to(tmp_path / "claims").as_posix() for p in discover(tmp_path / "claims")]
    assert found == ["2026/one.json"]


def test_discover_finds_a_file_and_links_to_it_once(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    write_claims(tmp_path / "claims" / "2026", "bridge", [make_claim("opened", "The bridge opened in 2020.")])
    (tmp_path / "claims" / "latest.json").symlink_to("2026/bridge.json")
    (tmp_path / "claims" / "newest.json").symlink_to("2026/bridge.json")
    write_claims(tmp_path / "kept", "tunnel", [make_claim("dug", "The tunnel was dug in 2019.")])
    (tmp_path / "claims" / "a.json").symlink_to(tmp_path / "kept" / "tunnel.json")
    (tmp_path / "claims" / "b.json").symlink_to(tmp_path / "kept" / "tunnel.json")
    found = [p.relative_to(tmp_path / "claims").as_posix() for p in discover(tmp_path / "claims")]
    assert found == ["a.json", "2026/bridge.json"]
    # Every command sees each claim once, where it would refuse every id as given twice.
    (tmp_path / ".git").mkdir()  # the links and their targets in one repository
    result = run("--claims", str(tmp_path / "claims"), "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert sorted(c["id"] for c in json.loads(result.stdout)) == ["dug", "opened"]


def test_discover_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        discover(tmp_path / "nope")


def test_saving_an_unchanged_file_gives_the_same_bytes() -> None:
    path = SEED_CLAIMS / "china-kazakhstan-30-years.json"
    assert codec.encode(read(path).claims_file) == path.read_bytes()


def test_an_update_that_changes_nothing_does_not_touch_the_file(claims_dir: Path) -> None:
    path = claims_dir / "bridge.json"
    before = os.stat(path)
    assert update(path, lambda cf: None).written is False
    after = os.stat(path)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_written_files_are_canonical_json(claims_dir: Path) -> None:
    path = claims_dir / "bridge.json"
    done = update(path, lambda cf: setattr(cf.claims[0], "note", "Ünïcode stays as is"))
    assert done.written is True
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "Ünïcode" in text
    assert text.startswith('{\n  "schema_version": 2,\n  "article": {')
    keys = list(json.loads(text)["claims"][0])
    assert keys == [
        "id",
        "text",
        "status",
        "note",
        "worthiness",
        "anchor",
        "sources",
        "history",
        "review",
        "claimant",
    ]


def test_a_write_keeps_the_file_mode_and_leaves_no_temp_files(claims_dir: Path) -> None:
    path = claims_dir / "bridge.json"
    os.chmod(path, 0o640)
    update(path, lambda cf: setattr(cf.claims[1], "note", "changed"))
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in claims_dir.iterdir()) == ["bridge.json"]


def test_a_new_file_takes_the_umask_the_process_started_with(tmp_path: Path) -> None:
    # The umask is read once, as the module loads, so a fresh interpreter sets it first.
    script = (
        "import os, sys; from pathlib import Path; os.umask(0o027)\n"
        "from factcheck.store.atomic import write_bytes\n"
        "from factcheck.store.edit import save\n"
        "from factcheck.model.claims import Article, ClaimsFile\n"
        "write_bytes(Path(sys.argv[1]), b'new')\n"
        "save(Path(sys.argv[2]), ClaimsFile(schema_version=2, article=Article(title='A'), claims=[]))\n"
    )
    target, created = tmp_path / "new.json", tmp_path / "created.json"
    subprocess.run([sys.executable, "-c", script, str(target), str(created)], check=True)
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o640
    assert created.stat().st_mode & 0o777 == 0o640


def test_a_cache_write_is_private_whole_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "entry.page"
    write_bytes(target, b"first", durable=False)
    write_bytes(target, b"second", durable=False)
    assert target.read_bytes() == b"second" and target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["entry.page"]
    with pytest.raises(InputError, match="cannot write") as raised:
        write_bytes(tmp_path / "gone" / "entry.page", b"x", durable=False)
    assert "entry.page" in str(raised.value)


def test_a_cache_entry_is_one_line_of_json_then_the_body_and_older_entries_still_read(tmp_path: Path) -> None:
    cache = WebCache(tmp_path / "web")
    entry = Entry(url="https://example.org/caf\u00e9?q=a\u2028b", final_url="https://example.org/x", status=200,
                  content_type="text/html", etag='"v\\1"', last_modified=None, fetched_at="2026-12-01T00:00:00Z",
                  body=b"<p>one\ntwo</p>", content_hash="sha256:ab")  # fmt: skip
    cache.put(entry)
    raw = cache._path(entry.url).read_bytes()
    head, body = raw.split(b"\n", 1)
    assert json.loads(head)["url"] == entry.url and body == entry.body
    assert cache.get(entry.url) == entry
    # An entry as it was written before (by the json module, with spaces and \u escapes) reads the same.
    meta = json.loads(head)
    cache._path(entry.url).write_bytes(json.dumps(meta, ensure_ascii=True).encode("ascii") + b"\n" + entry.body)
    assert cache.get(entry.url) == entry


def test_the_web_cache_makes_its_folders_again_when_they_are_removed(tmp_path: Path) -> None:
    cache = WebCache(tmp_path / "web")
    entry = Entry(url="https://example.org/a", final_url="https://example.org/a", status=200,
                  content_type="text/html", etag=None, last_modified=None, fetched_at="2026-12-01T00:00:00Z",
                  body=b"<p>one</p>")  # fmt: skip
    cache.put(entry)
    assert cache.get(entry.url) == msgspec.structs.replace(entry, content_hash=None)
    shutil.rmtree(tmp_path / "web")  # a user clearing the cache while a run goes on
    cache.put(entry)  # lost: the folder it knew is gone (a cache that cannot be written costs speed alone)
    assert cache.get(entry.url) is None
    cache.put(msgspec.structs.replace(entry, body=b"<p>two</p>"))
    got = cache.get(entry.url)
    assert got is not None and got.body == b"<p>two</p>"


def test_entries_put_while_writing_behind_are_written_by_their_own_thread_and_all_there_after(tmp_path: Path) -> None:
    cache = WebCache(tmp_path / "web")
    entries = [
        Entry(
            url=f"https://example.org/{n}",
            final_url=f"https://example.org/{n}",
            status=200,
            content_type="text/html",
            etag=None,
            last_modified=None,
            fetched_at="2026-12-01T00:00:00Z",
            body=f"<p>{n}</p>".encode(),
        )  # fmt: skip
        for n in range(3 * WebCache.BEHIND)  # more than may wait: putting waits for the writer now and then
    ]
    with cache.writing_behind():
        assert "cache-writer" in {t.name for t in threading.enumerate()}
        for entry in entries:
            cache.put(entry)
    assert "cache-writer" not in {t.name for t in threading.enumerate()}
    assert all(cache.get(e.url) is not None and cache.get(e.url).body == e.body for e in entries)  # type: ignore[union-attr]
    cache.put(msgspec.structs.replace(entries[0], body=b"<p>again</p>"))  # written at once again
    assert cache.get(entries[0].url).body == b"<p>again</p>"  # type: ignore[union-attr]


def test_a_writer_thread_that_fails_keeps_taking_entries_and_the_error_is_raised_at_the_end(tmp_path: Path) -> None:
    cache = WebCache(tmp_path / "web")
    good = Entry(url="https://example.org/a", final_url="https://example.org/a", status=200, content_type=None,
                 etag=None, last_modified=None, fetched_at="2026-12-01T00:00:00Z", body=b"<p>a</p>")  # fmt: skip
    broken = msgspec.structs.replace(good, url="https://example.org/b", body="not bytes")  # type: ignore[arg-type]
    raised: list[BaseException] = []

    def run() -> None:
        try:
            with cache.writing_behind():
                cache.put(broken)
                for _ in range(2 * WebCache.BEHIND):  # more than may wait: a dead writer would leave this stuck
                    cache.put(good)
        except BaseException as exc:  # noqa: BLE001 - looked at below
            raised.append(exc)

    putting = threading.Thread(target=run, daemon=True)
    putting.start()
    putting.join(timeout=30)
    assert not putting.is_alive(), "putting entries got stuck behind a writer that had stopped"
    assert [type(e) for e in raised] == [TypeError]
    assert cache.get(good.url) is not None and cache.get(broken.url) is None


def test_a_failed_write_leaves_the_old_file(claims_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = claims_dir / "bridge.json"
    before = path.read_bytes()

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(InputError, match="cannot write: disk full"):
        update(path, lambda cf: setattr(cf.claims[1], "note", "changed"))
    assert path.read_bytes() == before
    assert sorted(p.name for p in claims_dir.iterdir()) == ["bridge.json"]


def test_an_update_that_would_break_the_schema_writes_nothing(claims_dir: Path) -> None:
    path = claims_dir / "bridge.json"
    before = path.read_bytes()
    with pytest.raises(InputError, match=r"refusing to write an invalid claims file: claim 'bridge-cost': status"):
        update(path, lambda cf: setattr(cf.claims[1], "status", "bogus"))
    assert path.read_bytes() == before


def test_the_refusal_to_write_names_the_line_of_the_field_in_the_file_on_disk(claims_dir: Path) -> None:
    path = claims_dir / "bridge.json"
    before = path.read_bytes()
    status_line = positions.line_of(before.decode(), ["claims", 1, "status"])
    with pytest.raises(InputError) as caught:
        update(path, lambda cf: setattr(cf.claims[1], "status", "bogus"))
    error = caught.value
    assert error.line == status_line and error.path == str(path)
    assert str(error).startswith(
        f"{path}:{status_line}: refusing to write an invalid claims file: claim 'bridge-cost': status: "
    )
    assert str(error).endswith("; nothing was written")
    assert path.read_bytes() == before


def test_the_refusal_to_write_names_a_line_of_the_file_as_it_is_laid_out_on_disk(claims_dir: Path) -> None:
    # The same file on one line, as a tool that minifies JSON writes it: the text refused would have
    # put the status some thirty lines down, where this file has no line at all.
    path = claims_dir / "bridge.json"
    path.write_bytes(json.dumps(json.loads(path.read_bytes())).encode() + b"\n")
    before = path.read_bytes()
    with pytest.raises(InputError) as caught:
        update(path, lambda cf: setattr(cf.claims[1], "status", "bogus"))
    assert caught.value.line == 1
    assert path.read_bytes() == before


def test_the_refusal_to_write_finds_the_claim_on_disk_by_its_id(claims_dir: Path) -> None:
    # The change drops the first claim and breaks the second: on disk it is still the second.
    path = claims_dir / "bridge.json"
    before = path.read_bytes()

    def change(cf: ClaimsFile) -> None:
        del cf.claims[0]
        cf.claims[0].status = "bogus"  # type: ignore[assignment]

    with pytest.raises(InputError) as caught:
        update(path, change)
    assert caught.value.line == positions.line_of(before.decode(), ["claims", 1, "status"])
    assert "claim 'bridge-cost': status: " in str(caught.value)
    assert path.read_bytes() == before


def test_a_field_the_file_on_disk_lacks_is_placed_at_the_nearest_one_it_has(claims_dir: Path) -> None:
    path = claims_dir / "bridge.json"
    before = path.read_bytes()

    def change(cf: ClaimsFile) -> None:
        cf.claims[1].record("", "an event by nobody")

    with pytest.raises(InputError) as caught:
        update(path, change)
    assert "claim 'bridge-cost': history[" in str(caught.value)
    assert caught.value.line == positions.line_of(before.decode(), ["claims", 1, "history"])
    assert path.read_bytes() == before


def test_load_indexes_every_claim(claims_dir: Path) -> None:
    catalog = Folder(claims_dir).load()
    assert list(catalog.index) == ["bridge-opened", "bridge-cost", "bridge-waste"]
    stored, claim = catalog.get("bridge-cost")
    assert claim.text == "It cost $2.4 billion, the city said."
    assert stored.path == claims_dir / "bridge.json"


def test_files_stream_one_at_a_time(claims_dir: Path) -> None:
    write_claims(claims_dir, "second", [make_claim("s-1", "One.")])
    names = [stored.path.name for stored in Folder(claims_dir).files()]
    assert names == ["bridge.json", "second.json"]


def test_unknown_id_suggests_the_closest(claims_dir: Path) -> None:
    catalog = Folder(claims_dir).load()
    with pytest.raises(UnknownClaimError) as info:
        catalog.get("bridge-cots")
    assert info.value.suggestions[0] == "bridge-cost"
    assert info.value.tip is not None and "did you mean bridge-cost" in info.value.tip


def test_duplicate_id_across_files_names_both_places(claims_dir: Path) -> None:
    write_claims(claims_dir, "other", [make_claim("x-1", "One."), make_claim("bridge-cost", "Again.")])
    with pytest.raises(InputError) as info:
        Folder(claims_dir).load()
    message = str(info.value)
    assert message.startswith(f"{claims_dir / 'other.json'}:")
    assert "'bridge-cost' is used twice" in message
    assert "bridge.json:" in message


def test_duplicate_id_within_one_file_names_the_second_line(tmp_path: Path) -> None:
    path = write_claims(tmp_path, "dup", [make_claim("a", "One."), make_claim("a", "Two.")])
    with pytest.raises(InputError) as info:
        Folder(tmp_path).load()
    lines = path.read_text().splitlines()
    first = lines.index('      "id": "a",')
    second = lines.index('      "id": "a",', first + 1)
    assert (info.value.path, info.value.line) == (str(path), second + 1)
    assert f"(also at {path}:{first + 1})" in str(info.value)


def test_edit_applies_the_change_to_the_file_on_disk(claims_dir: Path) -> None:
    catalog = Folder(claims_dir).load()
    # Someone else changes another claim after we loaded.
    other = Folder(claims_dir).load()
    edit_claim(other, "bridge-opened", lambda c: setattr(c, "note", "their note"))
    _, claim, written = edit_claim(
        catalog, "bridge-cost", lambda c: c.sources.append(Source(url="https://example.org/cost"))
    )
    assert written
    fresh = read(claims_dir / "bridge.json").claims_file
    assert fresh.get("bridge-opened").note == "their note"
    assert [s.url for s in fresh.get("bridge-cost").sources] == ["https://example.org/cost"]
    assert catalog.get("bridge-cost")[1] is claim


def test_save_creates_a_file_and_replaces_one(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    first = ClaimsFile(schema_version=2, article={"title": "T"}, claims=[Claim(id="a", text="A.")])  # type: ignore[arg-type]
    first = codec.decode(codec.encode(first), "x")
    assert save(path, first) is True
    assert [c.id for c in read(path).claims] == ["a"]
    second = codec.decode(codec.encode(first), "x")
    second.claims.append(Claim(id="b", text="B."))
    assert save(path, second) is True
    assert [c.id for c in read(path).claims] == ["a", "b"]
    assert save(path, second) is False


def test_a_symlinked_claims_file_is_changed_at_its_target(claims_dir: Path, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the link and its target in one repository
    target = claims_dir / "bridge.json"
    folder = tmp_path / "linked"
    folder.mkdir()
    link = folder / "bridge.json"
    link.symlink_to(target)
    update(link, lambda cf: setattr(cf.claims[1], "note", "through the link"))
    assert link.is_symlink()
    assert read(target).claims_file.get("bridge-cost").note == "through the link"


def test_outside_a_repository_a_symlinked_claims_file_is_followed_only_within_its_folder(
    claims_dir: Path, tmp_path: Path
) -> None:
    (claims_dir / "bridge.json").rename(claims_dir / "2026.json")
    (claims_dir / "bridge.json").symlink_to("2026.json")
    assert [c.id for c in read(claims_dir / "bridge.json").claims][:1] == ["bridge-opened"]
    (claims_dir / "2026.json").rename(tmp_path / "bridge.json")
    (claims_dir / "bridge.json").unlink()
    (claims_dir / "bridge.json").symlink_to(tmp_path / "bridge.json")
    before = (tmp_path / "bridge.json").read_bytes(), (tmp_path / "bridge.json").stat().st_mtime_ns
    with pytest.raises(InputError, match=r"claims/bridge.json: is a symlink to .*outside the claims file.s folder"):
        read(claims_dir / "bridge.json")
    with pytest.raises(InputError, match="outside the claims file's folder"):
        update(claims_dir / "bridge.json", lambda cf: setattr(cf.claims[1], "note", "through the link"))
    assert ((tmp_path / "bridge.json").read_bytes(), (tmp_path / "bridge.json").stat().st_mtime_ns) == before


def test_a_read_only_claims_file_is_refused_not_replaced(claims_dir: Path) -> None:
    path = claims_dir / "bridge.json"
    os.chmod(path, 0o444)
    before = path.read_bytes()
    with pytest.raises(InputError, match="read-only"):
        update(path, lambda cf: setattr(cf.claims[1], "note", "changed"))
    assert path.read_bytes() == before


def test_claim_set_status_appends_history() -> None:
    claim = Claim(id="c", text="Text.")
    assert claim.set_status("verified", "ana", "because", at="2026-01-01T00:00:00Z")  # type: ignore[arg-type]
    assert not claim.set_status("verified", "ana", "again")  # type: ignore[arg-type]
    assert [(e.from_status, e.to_status, e.by, e.why) for e in claim.history] == [
        ("unverified", "verified", "ana", "because")
    ]


def test_a_version_1_file_is_read_and_written_back_as_version_2(tmp_path: Path) -> None:
    check = {"at": "2026-11-01T00:00:00Z", "outcome": "contradicts"}
    source = {"url": "https://example.org/a", "quote": "q", "last_check": check}
    path = write_claims(tmp_path, "old", [make_claim("a", "A.", "verified", sources=[source])])
    path.write_text(path.read_text().replace('"schema_version": 2', '"schema_version": 1'))
    stored = read(path)
    assert stored.claims[0].sources[0].last_check.outcome == "conflicts"  # the outcome's new word
    assert not update(path, lambda cf: None).written  # read, not rewritten: nothing changed
    assert update(path, lambda cf: setattr(cf.claims[0], "note", "n")).written  # a change writes version 2
    assert json.loads(path.read_text())["schema_version"] == 2


def test_the_publishing_fields_round_trip(tmp_path: Path) -> None:
    path = write_claims(
        tmp_path,
        "later",
        [make_claim("a-claim", "It rained.", sources=[make_source("https://example.org/rain", "rained")])],
    )

    def add(cf: ClaimsFile) -> None:
        cf.article.review_url = "https://desk.example/checks/later"
        cf.claims[0].claimant = "The Mayor"
        cf.claims[0].sources[0].archive_url = "https://web.archive.org/web/20260101000000/https://example.org/rain"
        cf.claims[0].sources[0].archived_at = "2026-01-01T00:00:00Z"

    update(path, add)
    stored = read(path).claims_file
    assert stored.claims[0].claimant == "The Mayor"
    assert stored.claims[0].sources[0].archived_at == "2026-01-01T00:00:00Z"
    assert codec.encode(stored) == path.read_bytes()
    data = json.loads(path.read_bytes())
    assert list(data["claims"][0])[-1] == "claimant"  # new fields come last (matches only once accepted)
    assert list(data["claims"][0]["sources"][0])[-2:] == ["archive_url", "archived_at"]


def test_a_bad_value_in_a_later_field_is_located(tmp_path: Path) -> None:
    path = write_claims(
        tmp_path,
        "bad",
        [make_claim("a-claim", "It rained.", sources=[make_source("https://x.org/", archive_url="ftp://x")])],
    )
    with pytest.raises(InputError) as caught:
        read(path)
    assert "claim 'a-claim': sources[0].archive_url: must be an http(s) URL" in str(caught.value)


def test_id_lines_finds_each_claim_id_key_and_not_the_same_text_in_values() -> None:
    text = (
        '{"note": "{\\"id\\": \\"fake\\"}", "id": "top",\n'
        '  "claims": [\n'
        '    {"text": "id", "id"  :\t"a\\"b"},\n'
        '    {\r\n"id":"c\\u00e9", "sources": [{"url": "x", "note": ", \\"id\\": \\"no\\""}]},\n'
        '    {"id": "top"}\n'
        "  ]\n"
        "}\n"
    )
    assert positions.id_lines(text) == {"top": 1, 'a"b': 3, "c\u00e9": 5}


@settings(max_examples=60, deadline=None)
@given(
    ids=st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=6, unique=True),
    indent=st.sampled_from([None, 0, 1, 2, "\t"]),
)
def test_id_lines_agrees_with_walking_the_json(ids: list[str], indent: int | str | None) -> None:
    assume("head" not in ids and not {i + "!" for i in ids} & set(ids))  # each id's first "id" key is its claim's
    document = {"id": "head", "claims": [{"note": f'"id": "{i}"', "id": i, "more": {"id": i + "!"}} for i in ids]}
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    found = positions.id_lines(text)
    for index, claim_id in enumerate(ids):
        assert found[claim_id] == positions.line_of(text, ["claims", index, "id"])


@settings(max_examples=60, deadline=None)
@given(
    ids=st.lists(st.from_regex(r"[a-z0-9][a-z0-9._-]{0,8}", fullmatch=True), min_size=1, max_size=6, unique=True),
    note=st.text(max_size=40),
)
def test_claim_lines_finds_each_claim_of_a_file_laid_out_as_encode_writes_it(ids: list[str], note: str) -> None:
    seed = codec.decode(next(SEED_CLAIMS.glob("*.json")).read_bytes(), "seed.json")
    # A note that reads like a claim's opening: inside a string its line breaks are escaped.
    note = f'{note}\n    {{\n      "id": "{ids[0]}"'
    claims = [msgspec.convert(make_claim(i, "A claim.", note=note), Claim) for i in ids]
    raw = codec.encode(ClaimsFile(schema_version=seed.schema_version, article=seed.article, claims=claims))
    text = raw.decode("utf-8")
    expected = [positions.line_of(text, ["claims", index, "id"]) for index in range(len(ids))]
    assert positions.claim_lines(raw, ids) == expected
    # Laid out otherwise, or holding other claims than those named: for id_lines.
    other = json.dumps(json.loads(raw), indent=4).encode()
    assert positions.claim_lines(other, ids) is None
    assert positions.claim_lines(raw, ids[:-1]) is None
    assert positions.claim_lines(raw, [*ids[:-1], ids[-1] + "x"]) is None


@pytest.mark.parametrize("layout", ["canonical", "compact", "other"])
def test_a_repeated_key_is_refused_whatever_the_layout(layout: str) -> None:
    seed = codec.decode(next(SEED_CLAIMS.glob("*.json")).read_bytes(), "seed.json")
    claims_file = ClaimsFile(
        schema_version=seed.schema_version, article=seed.article, claims=[msgspec.convert(make_claim("a", "A."), Claim)]
    )
    raw = codec.encode(claims_file)
    assert codec.decode(raw, "x.json") == claims_file
    # The same key twice with the same value: decoding alone would not notice.
    twice = raw.replace(b'"status": "unverified",', b'"status": "unverified",\n      "status": "unverified",', 1)
    assert twice != raw
    if layout == "compact":
        raw, twice = msgspec.json.format(raw, indent=-1), msgspec.json.format(twice, indent=-1)
    elif layout == "other":
        raw, twice = msgspec.json.format(raw, indent=4), msgspec.json.format(twice, indent=4)
    assert codec.decode(raw, "x.json") == claims_file
    with pytest.raises(InputError, match="the key 'status' appears twice"):
        codec.decode(twice, "x.json")
