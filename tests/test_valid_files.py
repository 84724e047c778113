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

import json
import os
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from factcheck.cli import cli

EXAMPLES = int(os.environ.get("FACTCHECK_VALID_EXAMPLES", "20"))
SWEEP = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: The article text every claims file names (beside it, and with CRLF line ends in a folder of its own).
ARTICLE = "Intro. The bridge opened in 2020. It cost $2.4 billion.\nשלום 👩‍👩‍👧 e\u0301.\n"


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
