"""The HTML pages in a real browser: no sideways scrolling on a phone or a laptop, links only where they may lead.

Headless Chromium renders the shipped claims' report and annotated article
at 390 px (a phone, with mobile emulation, so a missing viewport tag would
show) and at 1280 px, with every ``<details>`` closed and then open, and
reports the page's ``scrollWidth``.  The browser is driven over
``--remote-debugging-pipe`` (the DevTools protocol on two file descriptors,
no port), loads only ``file://`` pages, and is skipped where Chromium is
not installed.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import SEED_CLAIMS

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

WIDTHS = (390, 1280)
TIMEOUT = 30.0

MEASURE = """JSON.stringify({
  width: document.documentElement.scrollWidth,
  hrefs: [...document.querySelectorAll("a[href]")].map(a => a.getAttribute("href")),
  details: document.querySelectorAll("details").length,
})"""
OPEN_ALL = "document.querySelectorAll('details').forEach(d => { d.open = true; }); 0"


class Browser:
    """Headless Chromium spoken to over the DevTools pipe: fd 3 carries commands in, fd 4 answers out."""

    def __init__(self, profile: str) -> None:
        to_browser, commands = os.pipe()
        answers, from_browser = os.pipe()

        def wire() -> None:  # in the child: the two ends the browser expects, as fds 3 and 4
            a, b = os.dup(to_browser), os.dup(from_browser)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.process = subprocess.Popen(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--remote-debugging-pipe",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-default-apps",
                "--disable-sync",
                "--no-default-browser-check",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            preexec_fn=wire,
            close_fds=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self.commands, self.answers = commands, answers
        self.pending = b""
        self.last_id = 0

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self.last_id += 1
        message: dict[str, Any] = {"id": self.last_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.pending:
                ready, _, _ = select.select([self.answers], [], [], TIMEOUT)
                if not ready:
                    raise TimeoutError(f"Chromium did not answer {method}")
                chunk = os.read(self.answers, 1 << 16)
                if not chunk:
                    raise RuntimeError("Chromium closed the pipe")
                self.pending += chunk
            raw, self.pending = self.pending.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self.last_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]

    def evaluate(self, session: str, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
        return result["result"].get("value")

    def open(self, url: str, width: int) -> tuple[str, str]:
        """A new tab showing ``url`` at ``width`` CSS pixels, loaded; (target, session)."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}
        self.send("Emulation.setDeviceMetricsOverride", metrics, session)
        self.send("Page.enable", {}, session)
        self.send("Page.navigate", {"url": url}, session)
        for _ in range(int(TIMEOUT / 0.05)):
            if self.evaluate(session, "document.readyState") == "complete":
                break
            select.select([], [], [], 0.05)
        return target, session

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.process.wait(10)
        except (OSError, RuntimeError, TimeoutError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self.commands)
            os.close(self.answers)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with tempfile.TemporaryDirectory() as profile:
        chromium = Browser(profile)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The report (linking the annotated page beside it) and the annotated article of the shipped claims."""
    from click.testing import CliRunner

    from factcheck.cli import cli

    pages = {}
    runner = CliRunner()
    for reviewed in ([], ["--reviewed-only"]):
        # the desk's own pages, and the pages for readers, each pair in a folder of its own
        site = tmp_path_factory.mktemp("site")
        annotated = site / "china-kazakhstan-30-years.annotated.html"
        report = site / "index.html"
        for args in (
            ["annotate", "--format", "html", *reviewed, "-o", str(annotated)],
            ["report", "--format", "html", *reviewed, "--annotation-url", "-o", str(report)],
        ):
            result = runner.invoke(cli, ["-q", "--claims", str(SEED_CLAIMS), *args], catch_exceptions=False)
            assert result.exit_code == 0, result.output
        suffix = "-reviewed" if reviewed else ""
        pages.update({f"report{suffix}": report, f"annotate{suffix}": annotated})
    return pages


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["report", "annotate", "report-reviewed", "annotate-reviewed"])
def test_no_sideways_scrolling_and_only_safe_links(
    browser: Browser, pages: dict[str, Path], name: str, width: int
) -> None:
    target, session = browser.open(pages[name].as_uri(), width)
    try:
        closed = json.loads(browser.evaluate(session, MEASURE))
        assert closed["width"] <= width, f"{name} is {closed['width']} px wide in a {width} px window"
        browser.evaluate(session, OPEN_ALL)
        opened = json.loads(browser.evaluate(session, MEASURE))
        assert opened["details"] > 0 or name == "report-reviewed"  # a report for readers hides nothing
        assert opened["width"] <= width, f"{name} with its details open is {opened['width']} px wide at {width} px"
    finally:
        browser.send("Target.closeTarget", {"targetId": target})
    hrefs = closed["hrefs"]
    assert hrefs
    for href in hrefs:
        scheme = href.split(":", 1)[0].lower() if ":" in href.split("/", 1)[0] else None
        assert scheme in (None, "http", "https"), href
    if name.startswith("report"):
        assert "china-kazakhstan-30-years.annotated.html#crossroads" in hrefs
    else:
        assert "#crossroads" in hrefs and any(h.startswith("https://") for h in hrefs)


def test_a_claims_verdict_opens_by_keyboard_and_by_touch(browser: Browser, pages: dict[str, Path]) -> None:
    target, session = browser.open(pages["annotate"].as_uri(), 390)
    try:
        browser.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1}, session)
        assert browser.evaluate(session, "document.querySelectorAll('details.ref[open]').length") == 0
        # Keyboard: focus the first claim's number, press Enter.
        browser.evaluate(session, "document.querySelector('#Ref-1 > summary').focus(); 0")
        for kind in ("keyDown", "keyUp"):
            key = {"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
            browser.send("Input.dispatchKeyEvent", {**key, "text": "\r"} if kind == "keyDown" else key, session)
        assert browser.evaluate(session, "document.getElementById('Ref-1').open") is True
        # Touch: tap the second claim's number, a little above the digit (the tap area is larger than the digit).
        box = json.loads(
            browser.evaluate(
                session, "JSON.stringify(document.querySelector('#Ref-2 > summary').getBoundingClientRect())"
            )
        )
        point = {"x": box["x"] + box["width"] / 2, "y": box["y"] - 3}
        browser.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [point]}, session)
        browser.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []}, session)
        for _ in range(40):
            if browser.evaluate(session, "document.getElementById('Ref-2').open"):
                break
            select.select([], [], [], 0.05)
        assert browser.evaluate(session, "document.getElementById('Ref-2').open") is True
        text = browser.evaluate(session, "document.querySelector('#Ref-2 .pop').innerText")
        assert text.startswith("verified ties-30y Note: China and Kazakhstan established diplomatic relations")
        assert json.loads(browser.evaluate(session, MEASURE))["width"] <= 390
    finally:
        browser.send("Target.closeTarget", {"targetId": target})


#: For each claim's number and each "in the text" link: how far, in CSS px, a tap still reaches it across and down.
TAP_AREAS = """JSON.stringify([...document.querySelectorAll('details.ref > summary, a.back')].map(e => {
  e.scrollIntoView({block: 'center'});
  const r = e.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
  const hits = (px, py) => { const h = document.elementFromPoint(px, py); return h !== null && e.contains(h); };
  const reach = (dx, dy) => { let n = 0; while (n < 40 && hits(x + dx * (n + 1), y + dy * (n + 1))) n++; return n; };
  return {what: e.outerHTML.slice(0, 60), across: reach(-1, 0) + 1 + reach(1, 0), down: reach(0, -1) + 1 + reach(0, 1)};
}))"""


def test_every_claim_number_and_way_back_is_big_enough_to_tap_on_a_phone(
    browser: Browser, pages: dict[str, Path]
) -> None:
    # WCAG 2.2's minimum target size: 24 by 24 CSS px.
    target, session = browser.open(pages["annotate"].as_uri(), 390)
    try:
        areas = json.loads(browser.evaluate(session, TAP_AREAS))
    finally:
        browser.send("Target.closeTarget", {"targetId": target})
    assert {a["what"][:8] for a in areas} == {"<summary", "<a class"}
    small = [a for a in areas if a["across"] < 24 or a["down"] < 24]
    assert not small, small


@pytest.mark.parametrize(
    ("name", "items", "measure"),
    [("report-reviewed", "ul.verdicts > li", 46), ("annotate", "ol.claims > li", 42), ("annotate", "article.text", 42)],
)
def test_the_claims_and_their_notes_keep_a_reading_measure_on_a_wide_screen(
    browser: Browser, pages: dict[str, Path], name: str, items: str, measure: int
) -> None:
    # About 90 characters a line at most: a 1280 px page's full width would give notes of 140 and more.
    target, session = browser.open(pages[name].as_uri(), 1280)
    try:
        widths = browser.evaluate(
            session, f"[...document.querySelectorAll('{items}')].map(e => e.getBoundingClientRect().width)"
        )
    finally:
        browser.send("Target.closeTarget", {"targetId": target})
    assert widths and max(widths) <= measure * 16


#: The direction each run of Arabic letters is laid out in: the direction of the element holding it.
ARABIC_RUNS = """JSON.stringify((() => {
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), out = [];
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (/[\\u0600-\\u06ff]/.test(n.data) && n.parentElement.tagName !== 'SCRIPT') {
      out.push([n.data.trim().slice(0, 12), getComputedStyle(n.parentElement).direction]);
    }
  }
  return out;
})())"""


def test_an_article_in_a_right_to_left_language_reads_right_to_left(browser: Browser, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import cli

    from conftest import make_claim, write_claims

    # The pages speak English; the article, its claims, notes and quotes are the desk's and may be Arabic.
    said = "قال المجلس إن الجسر كلف 4.2 مليون دولار."
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "ar.txt").write_text(f"{said}\n\nوافتتح الجسر في مارس.\n", encoding="utf-8")
    by = [{"at": "2026-11-20T00:00:00Z", "from": "unverified", "to": "false", "by": "ann", "why": "looked"}]
    source = {"url": "https://example.org/ar", "quote": "بلغت التكلفة 6.1 مليون (السجلات)."}
    note = "التكلفة 6.1 مليون (المصدر: السجلات)."
    claims = write_claims(tmp_path / "claims", "ar", [make_claim("cost", said, "false", note=note, history=by,
                          sources=[source])], article={"title": "الجسر", "path": "ar.txt"})  # fmt: skip
    runs = []
    for command in ("annotate", "report"):
        page = tmp_path / f"{command}.html"
        args = ["-q", "--claims", str(claims), command, "--format", "html", "--reviewed-only", "-o", str(page)]
        assert CliRunner().invoke(cli, args, catch_exceptions=False).exit_code == 0
        target, session = browser.open(page.as_uri(), 390)
        try:
            runs += json.loads(browser.evaluate(session, ARABIC_RUNS))
        finally:
            browser.send("Target.closeTarget", {"targetId": target})
    assert len(runs) >= 7 and [r for r in runs if r[1] != "rtl"] == []
