"""Reading, validating and writing claims files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factcheck import store
from factcheck.errors import InputError, UnknownClaimError
from factcheck.model import Claim, Source

from conftest import SEED_CLAIMS, make_claim, write_claims


def test_discover_finds_json_files_in_order_and_skips_hidden(tmp_path: Path) -> None:
    write_claims(tmp_path / "b", "two", [])
    write_claims(tmp_path, "one", [])
    write_claims(tmp_path / ".git", "hidden", [])
    (tmp_path / "notes.txt").write_text("not a claims file")
    found = [p.relative_to(tmp_path).as_posix() for p in store.discover(tmp_path)]
    assert found == ["one.json", "b/two.json"]


def test_discover_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        store.discover(tmp_path / "nope")


def test_saving_an_unchanged_file_gives_the_same_bytes() -> None:
    path = SEED_CLAIMS / "china-kazakhstan-30-years.json"
    original = path.read_bytes()
    assert store.serialize(store.read(path)) == original


def test_write_does_not_touch_an_unchanged_file(claims_dir: Path) -> None:
    path = claims_dir / "bridge.json"
    claims_file = store.read(path)
    store.write(claims_file)  # normalises the hand-written fixture once
    before = os.stat(path)
    assert store.write(store.read(path)) is False
    after = os.stat(path)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_write_is_canonical_json(claims_dir: Path) -> None:
    path = claims_dir / "bridge.json"
    claims_file = store.read(path)
    claims_file.claims[0].note = "Ünïcode stays as is"
    assert store.write(claims_file) is True
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "Ünïcode" in text
    assert text.startswith('{\n  "schema_version": 1,\n  "article": {')
    keys = list(json.loads(text)["claims"][0])
    assert keys == ["id", "text", "status", "note", "worthiness", "anchor", "sources", "history"]


def test_write_keeps_file_mode_and_leaves_no_temp_files(claims_dir: Path) -> None:
    path = claims_dir / "bridge.json"
    os.chmod(path, 0o640)
    claims_file = store.read(path)
    claims_file.claims[1].note = "changed"
    store.write(claims_file)
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in claims_dir.iterdir()) == ["bridge.json"]


def test_failed_write_leaves_the_old_file(claims_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = claims_dir / "bridge.json"
    before = path.read_bytes()
    claims_file = store.read(path)
    claims_file.claims[1].note = "changed"

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(InputError, match="cannot write: disk full"):
        store.write(claims_file)
    assert path.read_bytes() == before
    assert sorted(p.name for p in claims_dir.iterdir()) == ["bridge.json"]


def test_load_indexes_every_claim(claims_dir: Path) -> None:
    loaded = store.ClaimStore.load(claims_dir)
    assert list(loaded.index) == ["bridge-opened", "bridge-cost", "bridge-waste"]
    claims_file, claim = loaded.get("bridge-cost")
    assert claim.text == "It cost $2.4 billion, the city said."
    assert claims_file.path == claims_dir / "bridge.json"


def test_unknown_id_suggests_the_closest(claims_dir: Path) -> None:
    loaded = store.ClaimStore.load(claims_dir)
    with pytest.raises(UnknownClaimError) as info:
        loaded.get("bridge-cots")
    assert info.value.suggestions[0] == "bridge-cost"
    assert "did you mean bridge-cost" in info.value.tip


def test_duplicate_id_across_files_names_both_places(claims_dir: Path) -> None:
    write_claims(claims_dir, "other", [make_claim("x-1", "One."), make_claim("bridge-cost", "Again.")])
    with pytest.raises(InputError) as info:
        store.ClaimStore.load(claims_dir)
    message = str(info.value)
    assert message.startswith(f"{claims_dir / 'other.json'}:")
    assert "'bridge-cost' is used twice" in message
    assert "bridge.json:" in message


def test_duplicate_id_within_one_file_names_the_second_line(tmp_path: Path) -> None:
    path = write_claims(tmp_path, "dup", [make_claim("a", "One."), make_claim("a", "Two.")])
    with pytest.raises(InputError) as info:
        store.ClaimStore.load(tmp_path)
    lines = path.read_text().splitlines()
    first = lines.index('      "id": "a",')
    second = lines.index('      "id": "a",', first + 1)
    assert (info.value.path, info.value.line) == (str(path), second + 1)
    assert f"(also at {path}:{first + 1})" in str(info.value)


def test_edit_applies_the_change_to_the_file_on_disk(claims_dir: Path) -> None:
    loaded = store.ClaimStore.load(claims_dir)
    # Someone else changes another claim after we loaded.
    other = store.ClaimStore.load(claims_dir)
    other.edit("bridge-opened", lambda c: setattr(c, "note", "their note"))
    claim, written = loaded.edit("bridge-cost", lambda c: c.sources.append(Source("https://example.org/cost")))
    assert written
    fresh = store.read(claims_dir / "bridge.json")
    assert fresh.get("bridge-opened").note == "their note"
    assert [s.url for s in fresh.get("bridge-cost").sources] == ["https://example.org/cost"]
    assert loaded.get("bridge-cost")[1] is claim


def test_validated_documents_are_remembered(claims_dir: Path, isolated_cache: Path) -> None:
    store.ClaimStore.load(claims_dir)
    remembered = list(isolated_cache.glob("validated-*.txt"))
    assert len(remembered) == 1
    assert len(remembered[0].read_text().split()) == 1


def test_a_remembered_digest_does_not_hide_a_later_change(claims_dir: Path) -> None:
    store.ClaimStore.load(claims_dir)
    path = claims_dir / "bridge.json"
    path.write_text(path.read_text().replace('"status": "opinion"', '"status": "opnion"'))
    with pytest.raises(InputError, match="status"):
        store.ClaimStore.load(claims_dir)


def test_claim_set_status_appends_history() -> None:
    claim = Claim("c", "Text.")
    assert claim.set_status("verified", "ana", "because", at="2026-01-01T00:00:00Z")
    assert not claim.set_status("verified", "ana", "again")
    assert [(e.from_status, e.to_status, e.by, e.why) for e in claim.history] == [
        ("unverified", "verified", "ana", "because")
    ]
