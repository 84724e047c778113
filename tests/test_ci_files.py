"""The CI files a content repository copies: the workflows and the pre-commit hook.

The workflows are read as YAML and held to what the documentation (docs/how-to/ci.md) promises
(triggers, a pinned install, every ``factcheck`` command line valid, SARIF
uploaded, shards covering every claim), then run, copied into a scratch
content repository, by a small stand-in for GitHub Actions: it runs the
``run:`` steps with bash and plays the few actions they use (checkout and
setup-python are the scratch checkout and this Python; artifacts are
folders). The hook is run by pre-commit itself.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from packaging.requirements import Requirement

from factcheck.cli import cli
from factcheck.store import codec

from conftest import REPO, git, init_repo, make_claim, make_source, write_claims

WORKFLOWS = REPO / ".github" / "workflows"
CHECK = WORKFLOWS / "factcheck.yml"
VERIFY = WORKFLOWS / "factcheck-verify.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent  # where this environment's `factcheck` is
COMMIT = "0123456789abcdef0123456789abcdef01234567"


def _load(path: Path) -> dict[str, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in document:  # YAML 1.1 reads the key `on` as true
        document["on"] = document.pop(True)
    return document


def _steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(name, step) for name, job in workflow["jobs"].items() for step in job["steps"]]


def _run_scripts(workflow: dict[str, Any]) -> list[str]:
    return [step["run"] for _, step in _steps(workflow) if "run" in step]


_OPENERS = {"{", "then", "do", "else"}


def _operator(token: str) -> bool:
    return set(token) <= set("|&;<>()\n")


def _factcheck_commands(script: str) -> list[list[str]]:
    """Each ``factcheck ...`` command of a shell script, as its arguments (to the first shell operator)."""
    lexer = shlex.shlex(script.replace("\\\n", " "), posix=True, punctuation_chars="();<>|&\n")
    lexer.whitespace = " \t\r"
    lexer.whitespace_split = True
    tokens = list(lexer)
    commands = []
    for start, token in enumerate(tokens):
        if token == "factcheck" and (start == 0 or _operator(tokens[start - 1]) or tokens[start - 1] in _OPENERS):
            args = []
            for arg in tokens[start + 1 :]:
                if _operator(arg):
                    break
                args.append(arg)
            commands.append(args)
    return commands


# --- the workflows' structure --------------------------------------------------------------


def test_the_check_workflow_runs_once_on_pull_requests_and_pushes_to_the_default_branch() -> None:
    workflow = _load(CHECK)
    assert set(workflow["on"]) == {"pull_request", "push"}
    assert not workflow["on"]["pull_request"]  # every pull request, whatever its branch
    assert workflow["on"]["push"] == {"branches": ["main"]}  # not a pull request's branch: that runs once
    concurrency = workflow["concurrency"]
    assert concurrency["cancel-in-progress"] is True
    assert "github.event.pull_request.number || github.ref" in concurrency["group"]
    assert workflow["permissions"] == {"contents": "read"}


def test_the_verify_workflow_is_scheduled_and_can_be_started_by_hand() -> None:
    workflow = _load(VERIFY)
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    (cron,) = workflow["on"]["schedule"]
    assert len(cron["cron"].split()) == 5
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is False


@pytest.mark.parametrize("path", [CHECK, VERIFY], ids=lambda p: p.name)
def test_factcheck_is_installed_from_its_repository_at_a_pinned_ref(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = _load(path)
    # The two inputs a copying newsroom fills in, at the top, with a comment saying what goes there.
    assert workflow["env"]["FACTCHECK_REPO"] == "<owner>/<repo>"
    assert workflow["env"]["FACTCHECK_REF"] == "<tag-or-commit>"
    assert text.index("FACTCHECK_REF:") < text.index("jobs:")
    assert "tag" in text and "commit hash" in text
    installs = [s for s in _run_scripts(workflow) if "pip install" in s]
    # One install in each job that runs factcheck, before it does.
    for job in workflow["jobs"].values():
        scripts = [s["run"] for s in job["steps"] if "run" in s]
        uses = [i for i, s in enumerate(scripts) if _factcheck_commands(s)]
        if uses:
            assert [i for i, s in enumerate(scripts) if "pip install" in s] == [0] and uses[0] > 0
    assert installs
    for script in installs:
        assert '"factcheck-claims @ git+https://github.com/$FACTCHECK_REPO@$FACTCHECK_REF"' in script
        assert "pip install factcheck-claims" not in script
    requirement = Requirement(f"factcheck-claims @ git+https://github.com/newsroom/factcheck@{COMMIT}")
    assert requirement.name == "factcheck-claims" and requirement.url.endswith("@" + COMMIT)


@pytest.mark.parametrize("path", [CHECK, VERIFY], ids=lambda p: p.name)
def test_run_steps_take_values_from_the_environment_not_from_expressions(path: Path) -> None:
    # ${{ }} in a script is pasted into the shell before it runs; values reach scripts through env.
    for script in _run_scripts(_load(path)):
        assert "${{" not in script


def test_every_factcheck_command_line_in_the_workflows_is_valid() -> None:
    seen = set()
    for path in (CHECK, VERIFY):
        for script in _run_scripts(_load(path)):
            for args in _factcheck_commands(script):
                result = CliRunner().invoke(cli, [*args, "--help"], prog_name="factcheck")
                assert result.exit_code == 0, f"{path.name}: factcheck {' '.join(args)}: {result.output}"
                seen.add(args[0])
    assert seen == {"check", "verify", "report"}


def test_the_check_workflow_uploads_sarif_always() -> None:
    workflow = _load(CHECK)
    job = workflow["jobs"]["check"]
    assert job["permissions"]["security-events"] == "write"
    runs = [s["run"] for s in job["steps"] if "run" in s]
    assert "factcheck check --format github --baseline .factcheck-baseline.json" in runs
    (sarif,) = [s for s in job["steps"] if "--format sarif" in s.get("run", "")]
    assert "always()" in sarif["if"] and "--fail-on never" in sarif["run"]
    output = sarif["run"].split(" -o ")[1].split()[0]
    (upload,) = [s for s in job["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert "always()" in upload["if"]
    assert upload["with"]["sarif_file"] == output


def test_the_shard_matrix_covers_every_shard_once() -> None:
    workflow = _load(VERIFY)
    count = int(workflow["env"]["SHARDS"])
    job = workflow["jobs"]["verify"]
    assert job["strategy"]["matrix"]["shard"] == list(range(1, count + 1))
    assert job["strategy"]["fail-fast"] is False
    assert job["env"]["SHARD"] == "${{ matrix.shard }}"
    (command,) = [c for s in _run_scripts(workflow) for c in _factcheck_commands(s) if c[0] == "verify"]
    assert command[:4] == ["verify", "--all", "--shard", "$SHARD/$SHARDS"]
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "verify" and publish["if"] == "always()"
    pull_request = workflow["jobs"]["pull-request"]
    assert pull_request["if"] == "vars.FACTCHECK_VERIFY_PR == 'true'"  # off unless the repository asks
    assert set(pull_request["permissions"].values()) == {"write"}
    assert all(
        set(job.get("permissions", {"contents": "read"}).values()) == {"read"}
        for name, job in workflow["jobs"].items()
        if name != "pull-request"
    )


# --- a stand-in for GitHub Actions -----------------------------------------------------------

_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class Job:
    """One job of a workflow, run in ``workdir`` (its checkout) with bash, as a runner would."""

    def __init__(
        self,
        workflow: dict[str, Any],
        job_id: str,
        workdir: Path,
        temp: Path,
        artifacts: Path,
        *,
        matrix: dict[str, Any] | None = None,
        variables: dict[str, str] | None = None,
        env: dict[str, str] | None = None,
        needs_failed: bool = False,
    ) -> None:
        self.workflow, self.job = workflow, workflow["jobs"][job_id]
        self.workdir, self.temp, self.artifacts = workdir, temp, artifacts
        self.matrix, self.variables = matrix or {}, variables or {}
        self.extra_env = env or {}
        self.failed = needs_failed
        self.outcomes: dict[str, str] = {}
        self.log: list[tuple[str, str, str]] = []  # step, outcome, output
        self.summary = temp / "step-summary.md"
        self.sarif: dict[str, Any] | None = None
        self.ran = False

    def expand(self, text: Any) -> str:
        def value(match: re.Match[str]) -> str:
            name = match[1]
            if name.startswith("matrix."):
                return str(self.matrix[name.removeprefix("matrix.")])
            known = {"runner.temp": str(self.temp), "github.run_id": "4242", "github.token": "not-a-token"}
            assert name in known, f"the stand-in does not know ${{{{ {name} }}}}"
            return known[name]

        return _EXPRESSION.sub(value, str(text))

    def condition(self, expression: str) -> bool:
        text = re.sub(r"steps\.([\w-]+)\.outcome", lambda m: repr(self.outcomes.get(m[1], "skipped")), expression)
        text = re.sub(r"vars\.(\w+)", lambda m: repr(self.variables.get(m[1], "")), text)
        text = text.replace("&&", " and ").replace("||", " or ").replace("always()", "True")
        text = text.replace("success()", repr(not self.failed)).replace("failure()", repr(self.failed))
        result = bool(eval(text, {"__builtins__": {}}))  # noqa: S307 - the workflows' own conditions
        if "always()" not in expression and "failure()" not in expression:
            result = result and not self.failed
        return result

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        for key in ("GITHUB_STEP_SUMMARY", "FACTCHECK_CLAIMS"):
            env.pop(key, None)
        env.update({k: self.expand(v) for k, v in self.workflow.get("env", {}).items()})
        env.update({k: self.expand(v) for k, v in self.job.get("env", {}).items()})
        env.update(
            PATH=f"{self.temp / 'bin'}{os.pathsep}{BIN}{os.pathsep}{env['PATH']}",
            RUNNER_TEMP=str(self.temp),
            GITHUB_STEP_SUMMARY=str(self.summary),
            GITHUB_RUN_ID="4242",
            GITHUB_REF_NAME="main",
            FACTCHECK_CACHE_DIR=str(self.temp / "cache"),
        )
        env.update(self.extra_env)
        return env

    def run(self) -> Job:
        if "if" in self.job and not self.condition(self.job["if"]):
            return self
        if self.failed and "if" not in self.job:
            return self
        self.ran = True
        _fake_tools(self.temp)  # nothing is installed and GitHub is not called
        for step in self.job["steps"]:
            name = step.get("name") or step.get("uses") or step["run"].splitlines()[0]
            if not self.condition(step["if"]) if "if" in step else self.failed:
                outcome, output = "skipped", ""
            elif "uses" in step:
                outcome, output = self.action(step["uses"].split("@")[0], step.get("with", {})), ""
            else:
                outcome, output = self.shell(step)
            if outcome == "failure" and not step.get("continue-on-error"):
                self.failed = True
            if "id" in step:
                self.outcomes[step["id"]] = outcome
            self.log.append((name, outcome, output))
        return self

    def shell(self, step: dict[str, Any]) -> tuple[str, str]:
        env = self.environment()
        env.update({k: self.expand(v) for k, v in step.get("env", {}).items()})
        script = self.temp / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        done = subprocess.run(
            ["bash", "-e", str(script)], cwd=self.workdir, env=env, capture_output=True, text=True, timeout=120
        )
        return ("success" if done.returncode == 0 else "failure"), done.stdout + done.stderr

    def action(self, action: str, given: dict[str, Any]) -> str:
        options = {k: self.expand(v) for k, v in given.items()}
        if action in ("actions/checkout", "actions/setup-python"):
            return "success"  # the scratch checkout, and this Python
        if action == "actions/upload-artifact":
            paths = [self.workdir / p.strip() for p in options["path"].splitlines() if p.strip()]
            found = [p for p in paths if p.exists()]
            if not found:
                return "failure" if options.get("if-no-files-found") == "error" else "success"
            # Paths in an artifact are relative to the least common ancestor of what was uploaded.
            base = Path(os.path.commonpath([p if p.is_dir() else p.parent for p in found]))
            target = self.artifacts / options["name"]
            assert not target.exists(), f"artifact {options['name']} uploaded twice"
            for path in found:
                for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
                    if file.is_file():
                        (target / file.relative_to(base)).parent.mkdir(parents=True, exist_ok=True)
                        shutil.copy2(file, target / file.relative_to(base))
            return "success"
        if action == "actions/download-artifact":
            target = self.workdir / options["path"]
            if "name" in options:
                shutil.copytree(self.artifacts / options["name"], target, dirs_exist_ok=True)
                return "success"
            pattern = re.compile(options["pattern"].replace("*", ".*") + "$")
            for artifact in sorted(self.artifacts.iterdir()):
                if pattern.match(artifact.name):
                    merged = str(options.get("merge-multiple")).lower() == "true"
                    shutil.copytree(artifact, target if merged else target / artifact.name, dirs_exist_ok=True)
            return "success"
        if action == "github/codeql-action/upload-sarif":
            self.sarif = json.loads((self.workdir / options["sarif_file"]).read_text(encoding="utf-8"))
            return "success"
        raise AssertionError(f"the stand-in does not know the action {action}")

    def step(self, name: str) -> tuple[str, str]:
        (found,) = [(outcome, output) for step, outcome, output in self.log if step == name]
        return found


def _copy_workflow(source: Path, repo: Path, ref: str = COMMIT) -> dict[str, Any]:
    """Copy a workflow into a content repository and fill in its inputs, as the documentation says."""
    text = source.read_text(encoding="utf-8")
    filled = text.replace("FACTCHECK_REPO: <owner>/<repo>", "FACTCHECK_REPO: newsroom/factcheck")
    filled = filled.replace("FACTCHECK_REF: <tag-or-commit>", f"FACTCHECK_REF: {ref}")
    assert filled.count("newsroom/factcheck") == 1 and filled.count(ref) == 1
    target = repo / ".github" / "workflows" / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(filled, encoding="utf-8")
    return _load(target)


def _fake_tools(temp: Path) -> Path:
    """`python` and `gh` that record their arguments instead of installing or calling GitHub."""
    folder = temp / "bin"
    folder.mkdir(parents=True, exist_ok=True)
    for tool in ("python", "gh"):
        script = folder / tool
        script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{temp}/{tool}.args"\n')
        script.chmod(0o755)
    return folder


def _args(temp: Path, tool: str) -> list[str] | None:
    path = temp / f"{tool}.args"
    return path.read_text().splitlines() if path.exists() else None


# --- the check workflow in a content repository ----------------------------------------------


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A content repository whose claims live in stories/: one sourced claim, one work in progress."""
    repo = init_repo(tmp_path / "newsroom")
    (repo / "setup.cfg").write_text("[factcheck]\nclaims = stories\n")
    write_claims(
        repo / "stories",
        "bridge",
        [
            make_claim(
                "opened",
                "The bridge opened in 2020.",
                "verified",
                sources=[make_source("https://example.org/bridge", "opened in 2020")],
                history=[
                    {"at": "2099-01-01T00:00:00Z", "from": "unverified", "to": "verified", "by": "a", "why": None}
                ],
            ),
            make_claim("cost", "It cost $2 billion."),
        ],
    )
    return repo


def _check_job(repo: Path, temp: Path, workflow: dict[str, Any]) -> Job:
    return Job(workflow, "check", repo, temp, temp / "artifacts").run()


def test_the_copied_check_workflow_lets_work_in_progress_through(newsroom: Path, tmp_path: Path) -> None:
    workflow = _copy_workflow(CHECK, newsroom)
    job = _check_job(newsroom, tmp_path / "run", workflow)
    assert _args(tmp_path / "run", "python") == [
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        f"factcheck-claims @ git+https://github.com/newsroom/factcheck@{COMMIT}",
    ]
    outcome, output = job.step("factcheck check")
    assert outcome == "success", output
    # No baseline in the repository yet: that is no baseline, not an error.
    assert "factcheck: note: .factcheck-baseline.json does not exist; checking without a baseline" in output
    assert (
        "::warning file=stories/bridge.json,line=" in output and "title=factcheck unsourced-unverified::cost" in output
    )
    assert "## factcheck" in job.summary.read_text()
    assert job.step("factcheck check (SARIF)")[0] == "success"
    assert job.step("Upload to code scanning")[0] == "success" and not job.failed
    results = job.sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [("unsourced-unverified", "warning")]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stories/bridge.json"


def test_the_copied_check_workflow_fails_on_a_verdict_without_a_source(newsroom: Path, tmp_path: Path) -> None:
    workflow = _copy_workflow(CHECK, newsroom)
    path = newsroom / "stories" / "bridge.json"
    document = json.loads(path.read_text())
    document["claims"].append(make_claim("toll", "The toll is $5.", "false"))
    path.write_text(json.dumps(document, indent=2) + "\n")
    job = _check_job(newsroom, tmp_path / "run", workflow)
    outcome, output = job.step("factcheck check")
    assert (
        outcome == "failure" and "::error file=stories/bridge.json," in output and "factcheck unsourced::toll" in output
    )
    # The SARIF file is still made and uploaded, so the alert shows in code scanning.
    assert job.step("factcheck check (SARIF)")[0] == "success"
    assert job.step("Upload to code scanning")[0] == "success" and job.failed
    assert {r["ruleId"] for r in job.sarif["runs"][0]["results"]} == {"unsourced", "unsourced-unverified"}


def test_ci_escalates_work_in_progress_with_configuration(newsroom: Path, tmp_path: Path) -> None:
    (newsroom / "setup.cfg").write_text("[factcheck]\nclaims = stories\nseverity.unsourced-unverified = error\n")
    job = _check_job(newsroom, tmp_path / "run", _copy_workflow(CHECK, newsroom))
    outcome, output = job.step("factcheck check")
    assert outcome == "failure" and "::error file=stories/bridge.json," in output


def test_a_baseline_in_the_repository_is_used(newsroom: Path, tmp_path: Path) -> None:
    (newsroom / "setup.cfg").write_text("[factcheck]\nclaims = stories\nseverity.unsourced-unverified = error\n")
    subprocess.run(
        [BIN / "factcheck", "check", "--write-baseline", ".factcheck-baseline.json"], cwd=newsroom, check=True
    )
    job = _check_job(newsroom, tmp_path / "run", _copy_workflow(CHECK, newsroom))
    outcome, output = job.step("factcheck check")
    assert outcome == "success" and "does not exist" not in output and "::error" not in output


def test_a_copied_workflow_whose_inputs_are_not_filled_in_says_so(newsroom: Path, tmp_path: Path) -> None:
    target = newsroom / ".github" / "workflows" / CHECK.name
    target.parent.mkdir(parents=True)
    shutil.copy(CHECK, target)
    job = _check_job(newsroom, tmp_path / "run", _load(target))
    outcome, output = job.step("Install factcheck")
    assert outcome == "failure" and "::error::Set FACTCHECK_REPO and FACTCHECK_REF" in output
    assert _args(tmp_path / "run", "python") is None
    assert [outcome for _, outcome, _ in job.log[3:]] == ["skipped"] * 3


# --- the scheduled verification in a content repository --------------------------------------

PAGES = {
    n: f"<html><body><main><p>Report {n}.</p><p>The figure for item {n} is {n * 11} units.</p></main></body></html>"
    for n in range(8)
}


@pytest.fixture
def origin(tmp_path: Path, server: Any) -> Path:
    """A content repository's remote: two claims files whose eight claims cite pages on a loopback server."""
    for n, page in PAGES.items():
        server.expect_request(f"/item-{n}").respond_with_data(page, content_type="text/html")
    work = init_repo(tmp_path / "work")
    (work / "setup.cfg").write_text("[factcheck]\nclaims = stories\n")
    for name, numbers in (("alpha", range(0, 5)), ("beta", range(5, 8))):
        claims = [
            make_claim(
                f"item-{n}",
                f"The figure for item {n} is {n * 11} units.",
                sources=[make_source(server.url_for(f"/item-{n}"), f"The figure for item {n} is {n * 11} units.")],
            )
            for n in numbers
        ]
        path = write_claims(work / "stories", name, claims)
        # As factcheck writes a claims file (every key, in its order), so that verify changes only what it checks.
        path.write_bytes(codec.encode(codec.decode(path.read_bytes(), name)))
    git(work, "add", ".")
    git(work, "commit", "-qm", "claims")
    git(work, "branch", "-M", "main")
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(tmp_path / "origin.git")], check=True)
    return tmp_path / "origin.git"


def _checkout(origin: Path, where: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(origin), str(where)], check=True)
    git(where, "config", "user.name", "Runner")
    git(where, "config", "user.email", "runner@example.org")
    return where


def test_the_copied_verify_workflow_verifies_in_shards_and_publishes(origin: Path, tmp_path: Path, server: Any) -> None:
    workflow = _copy_workflow(VERIFY, _checkout(origin, tmp_path / "copy"))
    artifacts = tmp_path / "artifacts"
    # verify refuses loopback addresses unless allowed: the one setting a real runner does not need.
    allow = {"FACTCHECK_ALLOW_HOSTS": f"{server.host}:{server.port}"}
    patches = {}
    for shard in workflow["jobs"]["verify"]["strategy"]["matrix"]["shard"]:
        temp = tmp_path / f"verify-{shard}"
        job = Job(
            workflow,
            "verify",
            _checkout(origin, tmp_path / f"job-{shard}"),
            temp,
            artifacts,
            matrix={"shard": shard},
            env=allow,
        ).run()
        assert not job.failed, job.log
        patches[shard] = (artifacts / f"factcheck-verify-{shard}" / f"verify-{shard}.patch").read_text()
        result = json.loads((artifacts / f"factcheck-verify-{shard}" / f"verify-{shard}.json").read_text())
        assert all(c["status"] == "verified" for c in result["claims"])
    # The shards share the claims out, and two of them changed the same file: the merge is needed.
    touched = [set(re.findall(r"^\+\+\+ b/(\S+)", p, flags=re.M)) for p in patches.values()]
    assert sum("stories/alpha.json" in t for t in touched) >= 2

    temp = tmp_path / "publish"
    publish = Job(workflow, "publish", _checkout(origin, tmp_path / "job-publish"), temp, artifacts).run()
    assert not publish.failed, publish.log
    summary = publish.summary.read_text()
    assert summary.startswith(
        "## factcheck verify\n\n8 claims checked: 8 changed status, 0 unsourced, 8 URLs fetched\n"
    )
    assert "- `item-0` (stories/alpha.json): unverified → verified" in summary
    assert "\n## Fact-check report\n" in summary and "| verified | 5 | 3 | 8 |" in summary
    verified = artifacts / "factcheck-verified"
    assert sorted(p.name for p in verified.iterdir()) == ["factcheck-verify.patch", "stories", "summary.md"]
    for name in ("alpha", "beta"):
        claims = json.loads((verified / "stories" / f"{name}.json").read_text())["claims"]
        assert all(
            c["status"] == "verified" and c["sources"][0]["last_check"]["outcome"] == "supported" for c in claims
        )

    # Off by default: no pull request, and no write permission used.
    quiet = Job(workflow, "pull-request", _checkout(origin, tmp_path / "job-pr-off"), tmp_path / "pr-off", artifacts)
    assert not quiet.run().ran
    temp = tmp_path / "pr"
    job = Job(
        workflow,
        "pull-request",
        _checkout(origin, tmp_path / "job-pr"),
        temp,
        artifacts,
        variables={"FACTCHECK_VERIFY_PR": "true"},
    ).run()
    assert not job.failed, job.log
    branch = "factcheck/verify-4242"
    for name in ("alpha", "beta"):
        pushed = git(origin, "show", f"{branch}:stories/{name}.json")
        assert pushed == (verified / "stories" / f"{name}.json").read_text()
    gh = _args(temp, "gh")
    assert gh[:6] == ["pr", "create", "--base", "main", "--head", branch]
    assert gh[-2:] == ["--body-file", str(temp / "factcheck-verified" / "summary.md")]


def test_the_copied_workflows_pass_in_a_repository_with_no_claims_yet(tmp_path: Path, server: Any) -> None:
    # A newsroom copies the workflows before its first claims file: no claims/ folder, no configuration.
    work = init_repo(tmp_path / "work")
    (work / "README.md").write_text("The newsroom's stories.\n")
    git(work, "add", ".")
    git(work, "commit", "-qm", "start")
    git(work, "branch", "-M", "main")
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(origin)], check=True)
    note = "factcheck: note: the claims folder claims/ does not exist yet; nothing to "

    checked = _checkout(origin, tmp_path / "check")
    job = _check_job(checked, tmp_path / "check-run", _copy_workflow(CHECK, checked))
    assert not job.failed, job.log
    outcome, output = job.step("factcheck check")
    assert outcome == "success" and note + "check" in output
    assert job.sarif is not None and job.sarif["runs"][0]["results"] == []

    workflow = _copy_workflow(VERIFY, _checkout(origin, tmp_path / "copy"))
    artifacts = tmp_path / "artifacts"
    allow = {"FACTCHECK_ALLOW_HOSTS": f"{server.host}:{server.port}"}  # as the other verify test; nothing is fetched
    for shard in workflow["jobs"]["verify"]["strategy"]["matrix"]["shard"]:
        where = _checkout(origin, tmp_path / f"job-{shard}")
        job = Job(
            workflow, "verify", where, tmp_path / f"verify-{shard}", artifacts, matrix={"shard": shard}, env=allow
        ).run()
        assert not job.failed, job.log
        outcome, output = job.step("factcheck verify")
        assert outcome == "success" and note + "read" in output
        result = json.loads((artifacts / f"factcheck-verify-{shard}" / f"verify-{shard}.json").read_text())
        assert result["ok"] is True and result["summary"]["claims"] == 0 and result["claims"] == []
        assert (artifacts / f"factcheck-verify-{shard}" / f"verify-{shard}.patch").read_text() == ""
        assert not (where / "claims").exists() and git(where, "status", "--porcelain") == ""
    assert server.log == []

    publish = Job(workflow, "publish", _checkout(origin, tmp_path / "job-publish"), tmp_path / "publish", artifacts)
    assert not publish.run().failed, publish.log
    summary = publish.summary.read_text()
    assert summary.startswith(
        "## factcheck verify\n\n0 claims checked: 0 changed status, 0 unsourced, 0 URLs fetched\n"
    )
    assert "\n## Fact-check report\n" in summary and "has no result" not in summary
    verified = artifacts / "factcheck-verified"
    assert sorted(p.name for p in verified.iterdir()) == ["factcheck-verify.patch", "summary.md"]
    assert (verified / "factcheck-verify.patch").read_text() == ""

    job = Job(
        workflow,
        "pull-request",
        _checkout(origin, tmp_path / "job-pr"),
        tmp_path / "pr",
        artifacts,
        variables={"FACTCHECK_VERIFY_PR": "true"},
    ).run()
    assert not job.failed, job.log
    assert job.step("Open a pull request") == ("success", "verify changed no claims file\n")
    assert _args(tmp_path / "pr", "gh") is None  # no pull request for nothing


# --- the pre-commit hook ---------------------------------------------------------------------


def test_the_hook_runs_check_on_the_configured_claims_when_claims_or_articles_change() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "factcheck" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert "claims/" not in hook["files"] and "--claims" not in hook["entry"]
    args = shlex.split(hook["entry"])
    assert args[:2] == ["factcheck", "check"]
    assert CliRunner().invoke(cli, [*args[1:], "--help"]).exit_code == 0
    files = re.compile(hook["files"])
    for path in (
        "claims/article.json",
        "newsroom/2026/05/story.json",
        "articles/story.txt",
        "content/story.md",
        "page.html",
        "report.pdf",
        "setup.cfg",
        "site/pyproject.toml",
    ):
        assert files.search(path), path
    for path in ("src/app.py", "styles/site.css", "images/map.png", "my-setup.cfg.bak"):
        assert not files.search(path), path


def _pre_commit() -> str | None:
    found = BIN / "pre-commit"
    return str(found) if found.exists() else shutil.which("pre-commit")


def _snapshot(target: Path) -> str:
    """This repository as it is on disk (committed or not) as a new git repository; returns its commit.

    What ``pre-commit try-repo`` does with uncommitted changes; done here so that
    the hook is installed the documented way, from a repository at a ``rev``.
    """
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    init_repo(target)
    git(target, "add", ".")
    git(target, "commit", "-qm", "snapshot")
    return git(target, "rev-parse", "HEAD").strip()


def _readme_pre_commit_config(repo: str, rev: str) -> str:
    """The documentation's .pre-commit-config.yaml, filled in."""
    page = (REPO / "docs" / "how-to" / "ci.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", page, flags=re.S) if "- id: factcheck" in b]
    filled = block.replace("https://github.com/<owner>/<repo>", repo).replace("<tag-or-commit>", rev)
    assert filled.count(repo) == 1 and filled.count(rev) == 1, block
    return filled


@pytest.mark.skipif(_pre_commit() is None, reason="pre-commit is not installed")
@pytest.mark.skipif(not (REPO / ".git").exists(), reason="needs this repository's git checkout")
def test_the_hook_with_pre_commit(tmp_path: Path) -> None:
    """The documented configuration, with a commit of this repository as rev, installed and committed through."""
    rev = _snapshot(tmp_path / "factcheck")
    repo = init_repo(tmp_path / "newsroom")
    (repo / ".pre-commit-config.yaml").write_text(_readme_pre_commit_config(str(tmp_path / "factcheck"), rev))
    # The claims live in newsroom/, and CI makes unsourced work in progress an error.
    (repo / "setup.cfg").write_text("[factcheck]\nclaims = newsroom\nseverity.unsourced-unverified = error\n")
    write_claims(repo / "newsroom", "story", [make_claim("wip", "A claim nobody has sourced yet.")])
    # Outside the configured folder: a hook that checked claims/ would fail on it.
    write_claims(repo / "claims", "other", [make_claim("elsewhere", "Not ours.", "false")])
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}

    def run(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)

    assert run(_pre_commit(), "install").returncode == 0
    shown = run(_pre_commit(), "run", "--all-files", "--verbose")  # builds the hook's environment
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "factcheck check" in shown.stdout and "Passed" in shown.stdout
    assert "warning  unsourced-unverified  wip" in shown.stdout
    committed = run("git", "commit", "-m", "Claims proposed by extract")
    assert committed.returncode == 0, committed.stdout + committed.stderr
    assert "Installing environment" not in committed.stdout + committed.stderr  # built once

    write_claims(repo / "newsroom", "verdict", [make_claim("judged", "A verdict with nothing behind it.", "false")])
    git(repo, "add", ".")
    refused = run("git", "commit", "-m", "A verdict without a source")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    said = refused.stdout + refused.stderr
    assert "factcheck check" in said and "Failed" in said
    assert re.search(r"error    unsourced +judged “A verdict with nothing behind it.” has no sources", said)
    assert git(repo, "log", "--format=%s") == "Claims proposed by extract\n"
