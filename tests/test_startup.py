"""Commands that do not need the network do not pay for importing it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SEED_CLAIMS

HEAVY = ("requests", "urllib3", "charset_normalizer", "rapidfuzz", "jsonschema", "http.client")

# The modules loaded are printed as the process exits (the entry point's exit runs exit handlers).
PROBE = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))
from factcheck.cli import main
sys.argv = ["factcheck", *json.loads(sys.argv[1])]
main()
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


#: What the everyday commands, printing to a pipe, leave unloaded, beyond HEAVY: rich (colour is
#: for terminals), configparser (no [factcheck] section), hashlib (nothing here hashes the article),
#: ClaimReview, the step summary's Markdown (html.entities), and getpass (only --by asks who you are).
EVERYDAY = {
    "list": ["list"],
    "list-json": ["list", "--format", "json"],
    "show": ["show", "cpec-invest"],
    "report": ["report"],
    "check": ["check", "--fail-on", "never"],
}
NOT_AT_START = (
    "rich",
    "configparser",
    "hashlib",
    "_hashlib",
    "html.entities",
    "factcheck.publish.claimreview",
    "factcheck.publish.ratings",
    "getpass",
)
#: And per command, what it has no use for: writing files (atomic), dataclasses, the parameter types
#: and settings of other commands, the string module (only the review-url check needs it), anchoring.
NOT_FOR = {
    "list": ("factcheck.store.atomic", "dataclasses", "string", "factcheck.cli.params", "factcheck.text.anchor"),
    "list-json": ("factcheck.store.atomic", "dataclasses", "string", "factcheck.cli.settings"),
    "show": ("factcheck.store.atomic", "dataclasses", "factcheck.cli.params", "factcheck.report.summary"),
    "report": ("factcheck.store.atomic", "dataclasses", "factcheck.render.report.html"),
    "check": ("string", "factcheck.render.check.github", "factcheck.render.markdown"),
}


def _modules_after(args: list[str], cwd: Path) -> set[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "GITHUB_STEP_SUMMARY")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True, cwd=cwd, env=env
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stderr.splitlines()[-1]))


@pytest.mark.parametrize("name", list(EVERYDAY))
def test_everyday_commands_load_only_what_they_use(name: str, tmp_path: Path) -> None:
    # A project whose setup.cfg names the package without configuring it.
    (tmp_path / "setup.cfg").write_text("[options]\ninstall_requires =\n    factcheck-claims\n", encoding="utf-8")
    modules = _modules_after(["--claims", str(SEED_CLAIMS), *EVERYDAY[name]], tmp_path)
    assert "factcheck.store.folder" in modules  # the probe did run the command
    unwanted = set(HEAVY) | set(NOT_AT_START) | set(NOT_FOR[name])
    assert not modules & unwanted, sorted(modules & unwanted)
    assert not any(m.startswith("rich.") for m in modules)


def test_help_loads_no_claims_code(tmp_path: Path) -> None:
    modules = _modules_after(["--help"], tmp_path)
    assert not modules & {"msgspec", "factcheck.store.folder", "factcheck.model.claims"}
    assert not any(m.startswith("factcheck.cli.commands.") for m in modules)
