"""How often verify's judgement of evidence agrees with people's, on Climate-FEVER.

    python benchmarks/evidence_quality.py [--data PATH] [--limit N] [--samples K]

Reads the Climate-FEVER dev half (by default ../shared/data/evidence/
climate-fever-dev.jsonl beside this repository; see that folder's README for
the source, licence and citation).  Each claim comes with five evidence
sentences from Wikipedia, each labelled by annotators SUPPORTS, REFUTES or
NOT_ENOUGH_INFO.  For every claim this serves one page on 127.0.0.1 holding
its five sentences as paragraphs, writes one claim per (claim, sentence)
pair citing that page with the sentence as its supporting quote, runs the
real `factcheck verify --all`, and reads back each source's outcome.

It prints, per annotator label, the share of each outcome, and:
  false alarms     share of SUPPORTS pairs called conflicting (a key fact disagrees)
  catches          share of REFUTES pairs not accepted as support
  numeric catches  the same, over REFUTES pairs where claim and sentence both hold a digit
Targets: false alarms at most 3%, numeric catches at least 70%.  The labels
are noisy: look at the mistakes in groups (--samples), never tune to one.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "evidence" / "climate-fever-dev.jsonl"
LABELS = ("SUPPORTS", "REFUTES", "NOT_ENOUGH_INFO")
_DIGIT = re.compile(r"\d")


def load(path: Path, limit: int | None) -> list[dict]:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return items[:limit] if limit else items


def page_of(item: dict) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(e['evidence'])}</p>\n" for e in item["evidences"])
    title = html.escape(item["evidences"][0]["article"])
    return f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body><article><h1>{title}</h1>\n{paragraphs}</article></body></html>".encode()


def serve(pages: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            body = pages.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            data = body if body is not None else b"not found"
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, help="only the first N claims")
    parser.add_argument("--samples", type=int, default=0, help="print K mistakes of each kind")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(
            f"the Climate-FEVER dev data is not at {args.data} (it lives in the shared folder beside the repository)"
        )

    items = load(args.data, args.limit)
    pages = {f"/claim/{item['claim_id']}": page_of(item) for item in items}
    server = serve(pages)
    port = server.server_address[1]
    work = Path(tempfile.mkdtemp(prefix="factcheck-evidence-"))
    pairs: dict[str, tuple[str, dict, dict]] = {}  # claim id -> (label, item, evidence)
    try:
        folder = work / "claims"
        folder.mkdir()
        claims = []
        for item in items:
            url = f"http://127.0.0.1:{port}/claim/{item['claim_id']}"
            for k, evidence in enumerate(item["evidences"]):
                claim_id = f"cf{item['claim_id']}-{k}"
                pairs[claim_id] = (evidence["evidence_label"], item, evidence)
                source = {"url": url, "quote": evidence["evidence"], "stance": "supports"}
                claims.append({"id": claim_id, "text": item["claim"], "status": "unverified", "sources": [source]})
        document = {"schema_version": 2, "article": {"title": "Climate-FEVER dev"}, "claims": claims}
        path = folder / "climate-fever.json"
        path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
        entry = shutil.which("factcheck")
        factcheck = [entry] if entry else [sys.executable, "-m", "factcheck"]
        env = dict(os.environ, FACTCHECK_CACHE_DIR=str(work / "cache"))
        command = [*factcheck, "-q", "--claims", str(path), "verify", "--all", "--format", "json", "--no-archive"]
        command += ["--allow-host", f"127.0.0.1:{port}", "--jobs", "16", "--per-host", "16"]
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        if done.returncode not in (0, 1):
            sys.exit(f"verify failed ({done.returncode}): {done.stderr[-2000:]}")
        results = json.loads(done.stdout)["claims"]
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)

    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    numeric: Counter[str] = Counter()
    mistakes: dict[str, list[str]] = defaultdict(list)
    for result in results:
        label, item, evidence = pairs[result["id"]]
        check = result["sources"][0]["last_check"] or {}
        outcome = check.get("outcome") or "not checked"
        outcomes[label][outcome] += 1
        has_numbers = bool(_DIGIT.search(item["claim"]) and _DIGIT.search(evidence["evidence"]))
        if label == "REFUTES" and has_numbers:
            numeric["refutes"] += 1
            numeric["caught"] += outcome != "supported"
        conflict = [f for f in check.get("facts") or () if f["result"] == "disagrees"]
        if label == "SUPPORTS" and outcome == "conflicts":
            mistakes["false alarm"].append(f"{item['claim']}\n      vs {evidence['evidence']}\n      {conflict}")
        if label == "REFUTES" and has_numbers and outcome == "supported":
            mistakes["missed numeric refutation"].append(f"{item['claim']}\n      vs {evidence['evidence']}")

    names = sorted({o for counts in outcomes.values() for o in counts})
    print(f"{len(items)} claims, {len(results)} claim-evidence pairs, each sentence cited as a supporting quote\n")
    print(f"{'annotators said':<18}{'pairs':>7}" + "".join(f"{n:>13}" for n in names))
    for label in LABELS:
        counts = outcomes[label]
        total = sum(counts.values()) or 1
        print(f"{label:<18}{sum(counts.values()):>7}" + "".join(f"{100 * counts[n] / total:>12.1f}%" for n in names))
    supports = sum(outcomes["SUPPORTS"].values()) or 1
    refutes = sum(outcomes["REFUTES"].values()) or 1
    false_alarms = outcomes["SUPPORTS"]["conflicts"] / supports
    catches = 1 - outcomes["REFUTES"]["supported"] / refutes
    numeric_catches = numeric["caught"] / (numeric["refutes"] or 1)
    print()
    print(f"false alarms     {100 * false_alarms:5.1f}%  of {supports} SUPPORTS pairs      (target <= 3%)")
    print(f"catches          {100 * catches:5.1f}%  of {refutes} REFUTES pairs")
    print(
        f"numeric catches  {100 * numeric_catches:5.1f}%  of {numeric['refutes']} numeric REFUTES pairs (target >= 70%)"
    )
    for kind, examples in mistakes.items():
        for example in examples[: args.samples]:
            print(f"\n[{kind}] {example}")


if __name__ == "__main__":
    main()
