"""CPU per page of what verify does with a fetched page: read its text, then find the evidence, side by side.

    python benchmarks/read_cpu.py [OTHER_CHECKOUT] [--rounds 7] [--repeat 1]

Two sets of pages: the 500 pages of verify_speed.py, each cited by its
claim and quote, and the articles of tests/data/extract served as HTML pages
(menu, paragraphs, footer), each cited four times for one of its sentences
(the claim), with the sentence as written, retyped, with words cut, and a
quote it lacks.  Per page it times, in CPU seconds of
one process (time.process_time, so waiting for the other engineers' work on
the machine counts less than in wall time):

  read      convert.to_text (trafilatura's main text)
  evidence  evidence.find for each source citing the page

With OTHER_CHECKOUT (say /work/main), each round runs the measurement once
in a fresh process for each checkout, in turn (PYTHONPATH at each, the pages
this one's), and it prints the best (least) of the rounds for both and
new/old: runs side by side meet the same load, and the least CPU time is the
one that other work on the machine slowed least.  Reads nothing outside
this repository and the other checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Runs in a fresh process with PYTHONPATH at the checkout measured; prints one JSON line.
MEASURE = r"""
import html, json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from verify_speed import page
from factcheck.text import convert, segment
from factcheck.verify import evidence

convert.prepare()
repeat = int(sys.argv[3])
synthetic = []
for i in range(500):
    quote = f"exports rose by {i}.5 percent in 2021"
    synthetic.append((page(i), [(f"Exports rose by {i}.5 percent in 2021.", quote)]))
articles = []
for path in sorted(Path(sys.argv[2], "tests", "data", "extract").glob("*.txt")):
    text = path.read_text(encoding="utf-8")
    blocks = "".join(f"<p>{html.escape(b)}</p>" for b in text.split("\n\n") if b.strip())
    body = (
        "<!doctype html><html><head><meta charset='utf-8'><title>A</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav><main><article>"
        f"{blocks}</article></main><footer>Contact us | Privacy</footer></body></html>"
    ).encode()
    cuts = [0, *segment.sentence_ends(text), len(text)]
    sentences = [" ".join(text[a:b].split()) for a, b in zip(cuts, cuts[1:])]
    sentences = [s for s in sentences if len(s.split()) >= 6] or ["nothing"]
    s = sentences[len(sentences) // 2]
    words = s.split()
    cut = " ".join(w for k, w in enumerate(words) if k % 4 != 2)
    asked = [(s, s.rstrip(".")), (s, "\u201c" + s.upper() + "\u201d"), (s, cut), (s, "4,200 permits were approved in 2019")]
    articles.append((body, asked))


def measure(pages):
    read = found = 0.0
    for _ in range(repeat):
        for body, asked in pages:
            t0 = time.process_time()
            text = convert.to_text(body, "text/html; charset=utf-8")
            t1 = time.process_time()
            for claim, quote in asked:
                evidence.find(claim, quote, text.text, text.full_text)
            t2 = time.process_time()
            read += t1 - t0
            found += t2 - t1
    n = len(pages) * repeat
    return {"read": read / n * 1000, "evidence": found / n * 1000}


measure(synthetic[-50:])  # warm: first calls load lazily imported parts (the last pages: long out of any cache when measured)
print(json.dumps({"benchmark pages": measure(synthetic), "extract articles": measure(articles)}))
"""


def run_once(checkout: Path, repeat: int) -> dict[str, dict[str, float]]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(REPO / "benchmarks"), str(REPO), str(repeat)],
        env=env,
        cwd=checkout,  # not this checkout's folder, which ``-c`` would put first on the path
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("other", nargs="?", type=Path, help="another checkout to measure side by side")
    parser.add_argument("--rounds", type=int, default=7)
    # One pass: a second would find the claims already read (verify reads each claim's facts once a run).
    parser.add_argument("--repeat", type=int, default=1, help="passes over the pages in each process")
    args = parser.parse_args()
    checkouts = {"new": REPO}
    if args.other:
        checkouts["old"] = args.other.resolve()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    runs: dict[str, list[dict[str, dict[str, float]]]] = {name: [] for name in checkouts}
    order = list(checkouts)
    for _ in range(args.rounds):
        for name in order:
            runs[name].append(run_once(checkouts[name], args.repeat))
        order.reverse()  # neither checkout always goes first
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"CPU ms per page, best of {args.rounds} rounds")
    header = f"{'pages':18} {'stage':9} {'new':>7}"
    print(header + (f" {'old':>7} {'new/old':>8}" if args.other else ""))
    for pages in runs["new"][0]:
        for stage in ("read", "evidence", "total"):

            def best(name: str, pages: str = pages, stage: str = stage) -> float:
                values = [sum(r[pages].values()) if stage == "total" else r[pages][stage] for r in runs[name]]
                return min(values)

            line = f"{pages:18} {stage:9} {best('new'):7.3f}"
            if args.other:
                line += f" {best('old'):7.3f} {best('new') / best('old'):8.2f}"
            print(line)


if __name__ == "__main__":
    main()
