"""Property: every read-only command works on every claims file the schema accepts.

The strategy below builds claims folders that the store reads, across the
edges the schema allows: optional fields absent, null or empty, no claims at
all, claims with no sources, ids at the edges of their pattern, Unicode of
every kind (right-to-left text, combining marks, emoji, control characters),
long notes and quotes, CRLF line ends and a byte-order mark, the first and
last dates and times the patterns accept, every status, stance, outcome and
fact result, histories in any order, set-aside claims, an article that is
missing, moved or shorter than the anchors say, and several files in nested
folders.  Every read-only command then runs on the folder in each of its
formats: it exits 0 (or 1 where that means findings, or 2 with one clean line
where the documented answer is a refusal) with no traceback, and every json
output parses.

``tests/test_properties.py`` covers arbitrary JSON and hostile strings in a
fixed layout; this file covers the layouts.  Under ``CI=true`` the examples
are derandomized, and few, so the property stays quick.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from factcheck.cli import cli

from conftest import git, init_repo

EXAMPLES = int(os.environ.get("FACTCHECK_VALID_EXAMPLES", "20"))
SWEEP = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: The article text every claims file names (beside it, and with CRLF line ends in a folder of its own).
ARTICLE = "Intro. The bridge opened in 2020. It cost $2.4 billion.\nשלום 👩‍👩‍👧 e\u0301.\n"


@contextlib.contextmanager
def _committed(repo: Path) -> Iterator[None]:
    """The folder made a git repository with everything in it committed, and the current folder."""
    init_repo(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "claims")
    before = os.getcwd()
    os.chdir(repo)
    try:
        yield
    finally:
        os.chdir(before)


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
