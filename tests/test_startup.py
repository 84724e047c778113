"""Commands that do not need the network do not pay for importing it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SEED_CLAIMS

HEAVY = ("requests", "urllib3", "charset_normalizer", "rapidfuzz", "jsonschema", "http.client")

PROBE = """
import json, sys
from factcheck.cli import main
sys.argv = ["factcheck", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--claims", str(SEED_CLAIMS), "list"],
        ["--claims", str(SEED_CLAIMS), "list", "--format", "json"],
        ["--claims", str(SEED_CLAIMS), "show", "cpec-invest"],
    ],
    ids=["help", "list", "list-json", "show"],
)
def test_no_heavy_imports(args: list[str]) -> None:
    for _ in range(2):  # the second run finds the validated files remembered
        result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        modules = set(json.loads(result.stderr.splitlines()[-1]))
        assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_list_of_remembered_files_does_not_compile_the_schema() -> None:
    args = ["--claims", str(SEED_CLAIMS), "list", "--format", "json"]
    subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, check=True)
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True)
    assert "fastjsonschema" not in json.loads(result.stderr.splitlines()[-1])
