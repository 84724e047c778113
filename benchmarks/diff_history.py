"""Time ``factcheck diff`` between two revisions of a 100,000-claim folder (a
typical review, one claim changed in every file, and nothing changed: HEAD
against its own working tree, where every file is validated once), and
``factcheck history --git`` over 1,000 commits of one claims file.

    python benchmarks/diff_history.py [--runs 3] [--keep DIR]

Builds throw-away git repositories in a temporary folder (the claims come
from ``generate.py``), runs the real command line in a subprocess with an
empty cache each time, and prints the median wall time, the ratio to the
3-second target, and, for scale, how long a plain ``json.loads`` of the
revisions takes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from factcheck.model.claims import Event, LastCheck, Source  # noqa: E402
from factcheck.store import codec  # noqa: E402
from factcheck.store.edit import update  # noqa: E402

from generate import claims_file, generate  # noqa: E402

TARGET = 3.0
ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


def git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    env = dict(os.environ, **ENV)
    return subprocess.run(["git", *args], cwd=repo, input=input, env=env, check=True, capture_output=True).stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def edit(path: Path, rng: random.Random, changes: int, at: str) -> int:
    """Change ``changes`` claims of one file the way a review would; return claims changed."""

    def review(cf) -> None:  # type: ignore[no-untyped-def]
        for claim in rng.sample(cf.claims, min(changes, len(cf.claims))):
            roll = rng.random()
            if roll < 0.6:
                new = rng.choice([s for s in ("verified", "false", "mixed", "unsupported") if s != claim.status])
                claim.set_status(new, "reviewer", "second review", at)
                claim.note = "Reviewed again."
            elif roll < 0.8:
                claim.sources.append(Source(url=f"https://added.example.org/{claim.id}", title="New", quote="a quote"))
            elif claim.sources:
                claim.sources[0].last_check = LastCheck(at=at, outcome=rng.choice(["changed", "dead", "conflicts"]))

    update(path, review)
    return changes


def median_run(args: list[str], cwd: Path, runs: int) -> tuple[float, str]:
    times = []
    out = ""
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            env = dict(os.environ, FACTCHECK_CACHE_DIR=cache, NO_COLOR="1")
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "factcheck", *args], cwd=cwd, env=env, capture_output=True, text=True
            )
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(f"factcheck {' '.join(args)} failed: {done.stderr}")
            out = done.stdout
    return statistics.median(times), out


def loads_baseline(repo: Path, revisions: list[str]) -> float:
    start = time.perf_counter()
    for rev in revisions:
        listing = git(repo, "ls-tree", "-r", "--name-only", rev, "claims").decode().split()
        data = git(repo, "cat-file", "--batch", input="".join(f"{rev}:{n}\n" for n in listing).encode())
        pos = 0
        while pos < len(data):
            nl = data.index(b"\n", pos)
            size = int(data[pos:nl].split()[2])
            json.loads(data[nl + 1 : nl + 1 + size])
            pos = nl + 1 + size + 1
    return time.perf_counter() - start


def bench_diff(root: Path, runs: int) -> None:
    repo = root / "diff-repo"
    repo.mkdir()
    git(repo, "init", "-q")
    t = time.perf_counter()
    paths = generate(repo / "claims")
    commit(repo, "100,000 claims")
    print(f"built 100,000 claims in {len(paths)} files and committed them in {time.perf_counter() - t:.1f} s")

    rng = random.Random(7)
    # Revision 2: a review touching 100 files (1,000 claims), 50 claims added, one file renamed.
    touched = rng.sample(paths, 100)
    for path in touched:
        edit(path, rng, 10, "2026-11-01T10:00:00Z")
    extra_path = repo / "claims" / "article-new.json"
    update(extra_path, lambda cf: None, create=lambda: (claims_file(extra_path, 9999, 50, rng), None))
    git(repo, "mv", "claims/article-0000.json", "claims/article-0000-renamed.json")
    commit(repo, "review of 100 files")
    # Revision 3: one more claim changed in every file.
    for path in sorted((repo / "claims").glob("*.json")):
        edit(path, rng, 1, "2026-11-02T10:00:00Z")
    commit(repo, "one claim in every file")

    for label, old, new in (
        ("typical: 100 of 1,001 files changed", "HEAD~2", "HEAD~1"),
        ("worst case: every file changed", "HEAD~1", "HEAD"),
        # The working tree is HEAD's: no file differs, so every file is read whole once (validated).
        ("nothing changed: HEAD against the working tree", "HEAD", None),
    ):
        seconds, out = median_run(["diff", old, *([new] if new else []), "--format", "json"], repo, runs)
        result = json.loads(out)
        revisions = [old, new] if new else [old]
        baseline = loads_baseline(repo, revisions)
        print(
            f"diff {old}{' ' + new if new else ''} ({label}): {seconds:.2f} s median of {runs}, "
            f"{seconds / TARGET:.2f} × the {TARGET:.0f} s target; "
            f"{len(result['changed'])} claims changed, {len(result['added'])} added; "
            f"json.loads of {'both revisions' if new else 'the revision'} alone: {baseline:.2f} s "
            f"(diff/loads = {seconds / baseline:.2f})"
        )


def bench_history(root: Path, runs: int) -> None:
    repo = root / "history-repo"
    repo.mkdir()
    git(repo, "init", "-q")
    rng = random.Random(11)
    cf = claims_file(repo / "claims" / "article.json", 1, 100, rng)
    target = cf.claims[42]
    # 1,000 commits through one fast-import stream: each edits one claim, every tenth the target.
    stream = []
    statuses = ["verified", "false", "mixed", "unsupported", "misleading"]
    for n in range(1000):
        claim = target if n % 10 == 0 else cf.claims[rng.randrange(100)]
        if n % 10 == 0 or rng.random() < 0.5:
            claim.history.append(
                Event(
                    at=f"2026-01-01T00:{n // 60 % 60:02d}:{n % 60:02d}Z",
                    from_status=claim.status,
                    to_status=(new := rng.choice([s for s in statuses if s != claim.status])),
                    by="bench",
                )
            )
            claim.status = new
        else:
            claim.note = f"note {n}"
        data = codec.encode(cf)
        message = f"edit {n}".encode()
        stream.append(b"commit refs/heads/main\n")
        stream.append(b"committer Bench <bench@example.org> %d +0000\n" % (1_700_000_000 + n * 60))
        stream.append(b"data %d\n%s\n" % (len(message), message))
        stream.append(b"M 100644 inline claims/article.json\ndata %d\n%s\n" % (len(data), data))
    git(repo, "fast-import", "--quiet", input=b"".join(stream))
    git(repo, "checkout", "-q", "-f", "main")
    seconds, out = median_run(["history", target.id, "--git", "--format", "json"], repo, runs)
    commits = json.loads(out)["commits"]
    print(
        f"history {target.id} --git over 1,000 commits of a {len(data) // 1024} KiB claims file: "
        f"{seconds:.2f} s median of {runs}, {seconds / TARGET:.2f} × the {TARGET:.0f} s target; "
        f"{len(commits)} commits changed the claim"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="Build the repositories here and keep them.")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        root = args.keep
        bench_history(root, args.runs)
        bench_diff(root, args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        bench_history(Path(tmp), args.runs)
        bench_diff(Path(tmp), args.runs)


if __name__ == "__main__":
    main()
