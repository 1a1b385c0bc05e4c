"""The review page in a real browser: `streamlit run app.py` on localhost, driven by Playwright and Debian's Chromium.

The set-up (`make setup`) installs both: Playwright from the `dev` extras, Chromium with apt at
/usr/bin/chromium. Playwright never downloads a browser of its own here. Without Chromium the test
skips, saying why, except in CI (CI=true), where the set-up must have installed it and it fails.

One test walks the issue's whole story on the motivating article, each step depending on the one
before: paste, check, find the Trump/Selenskyj sentence refuted and flagged, override another
sentence's verdict, reload, find the override, download the HTML report and find it there.
A second gives the article as a web address instead (served from localhost as a news page with
menus and a footer), checks it and downloads the PDF report.
A screenshot of each step (and the downloaded reports) is saved under test-artifacts/browser/.
"""

from __future__ import annotations

import os
import re
import shutil
import html
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import MOTIVATING_ARTICLE, REPO, needs_shared

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-gpu", "--no-first-run"]
ARTIFACTS = REPO / "test-artifacts" / "browser"

SERVER_START_TIMEOUT = 90  # seconds until /_stcore/health answers (a few on an idle machine)
CHECK_TIMEOUT_MS = 240_000  # the first check loads the model (~15 s) and checks the article; CI's 2 cores are busy
STEP_TIMEOUT_MS = 60_000  # any other rerun of the page

REVIEWER = "Ada Browser"
REASON = "Saudi-Arabien: the talks were in Riad; checked with the source"

try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:  # pragma: no cover - only without the dev extras
    if IN_CI:
        raise
    pytest.skip("playwright is not installed: run `make setup` (it is in the dev extras)", allow_module_level=True)

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # localhost: never through a proxy
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode} before it was healthy:\n{log.read_text()}")
        try:
            with opener.open(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"streamlit was not healthy after {SERVER_START_TIMEOUT} s:\n{log.read_text()}")


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: `make setup` installs Debian's chromium (apt-get install chromium)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free localhost port with its own review database; always stopped after."""
    port, log = free_port(), tmp_path / "streamlit.log"
    env = {**os.environ, "FACTCHECK_REVIEW_DB": str(tmp_path / "reviews.sqlite3"),
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env.pop("FACTCHECK_ORGANISATION", None)
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture
def article() -> str:
    return needs_shared(MOTIVATING_ARTICLE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def artifacts() -> Path:
    """Emptied once per run, so each test's screenshots stay beside the other's."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


@pytest.fixture
def page(chromium: Path, app_url: str, artifacts: Path) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(STEP_TIMEOUT_MS)
            expect.set_options(timeout=STEP_TIMEOUT_MS)
            page.goto(app_url)
            yield page
        finally:
            browser.close()


def idle(page: Page) -> None:
    """Wait for the script run to finish. While it runs, Streamlit shows its status widget ("Running…", "Stop")
    and keeps the previous run's elements on the page, marked data-stale="true", until the run replaces them.
    Call it after something of the new run has appeared: before the run starts, the page looks idle."""
    expect(page.locator('[data-stale="true"]')).to_have_count(0)
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden()


def screenshot(page: Page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main section, so grow the viewport to its height first."""
    idle(page)
    height = page.evaluate("() => (document.querySelector('[data-testid=\"stMain\"]') || document.body).scrollHeight")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(height, 12_000))})
    page.screenshot(path=ARTIFACTS / f"{name}.png")
    page.set_viewport_size(size)


def choose_sentence(page: Page, containing: str) -> str:
    """Pick the sentence whose option contains `containing` in the "Sentence" box; returns the option's text."""
    box = page.get_by_role("combobox", name="Sentence")
    box.click()
    box.fill(containing)
    option = page.get_by_role("option").filter(has_text=containing)
    expect(option).to_have_count(1)
    title = option.inner_text()
    option.click()
    # The new run shows the sentence's evidence, headed by a link to it; then wait for the stale rest to go.
    expect(page.locator("div.claim").get_by_role("link", name=f"Sentence {sentence_id(title)}", exact=True)
           ).to_be_visible()
    idle(page)
    return title


def download(page: Page, button: str) -> Path:
    """Click a download button once the page is idle; the file, saved under test-artifacts/browser/."""
    idle(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name=button).click()
    saved = ARTIFACTS / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    return saved


def sentence_id(option: str) -> int:
    """The id in a sentence option, "#12 [refuted ⚑] Trump …" -> 12."""
    return int(option.split()[0].lstrip("#"))


def marked(page: Page, sentence: int):
    """The badge right after a sentence's highlight in the article view (`<mark id="s12">…</mark><span>…`)."""
    return page.locator(f"div.article mark#s{sentence} + span.badge")


def test_check_review_reload_and_download_in_a_real_browser(article: str, page: Page):
    with failure_screenshot(page, "failure"):
        walk_through(page, article)


def test_fetch_a_web_address_and_download_the_pdf_in_a_real_browser(news_page: str, page: Page):
    with failure_screenshot(page, "url-failure"):
        fetch_and_download_pdf(page, news_page)


@contextmanager
def failure_screenshot(page: Page, name: str) -> Iterator[None]:
    """On any failure, a screenshot of the page as it was, then the test's own error."""
    try:
        yield
    except BaseException:
        try:
            page.screenshot(path=ARTIFACTS / f"{name}.png")
        except Exception:  # noqa: BLE001 - the browser may be gone; the test's own error is the one to see
            pass
        raise


def walk_through(page: Page, article: str) -> None:
    # 1. Paste the article and check it.
    text_area = page.get_by_label("Article text")
    text_area.fill(article)
    screenshot(page, "01-pasted")
    page.get_by_role("button", name="Check article").click()
    expect(page.get_by_role("button", name="Download HTML")).to_be_visible(timeout=CHECK_TIMEOUT_MS)
    expect(page.get_by_role("combobox", name="Sentence")).to_be_visible()
    assert "article=" in page.url  # the page URL names the article, so a reload reopens it
    screenshot(page, "02-checked")

    # 2. The Trump/Selenskyj sentence is refuted, and flagged for review.
    trump = choose_sentence(page, "Trump beschuldigte")
    assert "[refuted ⚑]" in trump, trump
    trump_id = sentence_id(trump)
    expect(marked(page, trump_id)).to_have_text("refuted")
    expect(page.locator("div.article mark#s%d" % trump_id)).to_contain_text("Selenskyj fälschlicherweise")
    evidence = page.locator("div.claim")
    expect(evidence).to_contain_text("Reported claim; made by Trump")
    expect(evidence).to_contain_text("flagged for review")
    expect(page.get_by_text("Enter your name as reviewer")).to_be_visible()
    screenshot(page, "03-selenskyj-refuted")

    # 3. Override another sentence's verdict (the Saudi-Arabien one), with a reason, as a named reviewer.
    reviewer = page.get_by_label("Reviewer name")
    reviewer.fill(REVIEWER)
    reviewer.press("Enter")
    expect(page.get_by_role("button", name="Save review")).to_be_visible()
    idle(page)
    other = choose_sentence(page, "Die Ukraine wurde nicht zu den")
    other_id = sentence_id(other)
    assert other_id != trump_id
    model_label = re.match(r"#\d+ \[(\w+)", other).group(1)
    new_label = "misleading" if model_label != "misleading" else "unverified"
    form = page.get_by_test_id("stForm").filter(has_text=f"Review sentence {other_id}")
    form.get_by_role("radiogroup", name="Decision").get_by_text("Override the label").click()
    label_box = form.get_by_role("combobox", name="New label (when overriding)")
    label_box.click()
    page.get_by_role("option", name=new_label, exact=True).click()  # the list opens outside the form
    expect(label_box).to_have_value(new_label)
    form.get_by_label("Reason (needed for an override)").fill(REASON)
    form.get_by_role("button", name="Save review").click()
    expect(page.get_by_text(f"Saved: sentence {other_id} is {new_label} (override).")).to_be_visible()
    expect(marked(page, other_id)).to_have_text(f"{new_label} · reviewed")
    # The sentence picker shows the new label at once, not after a reload.
    expect(page.get_by_role("combobox", name="Sentence")).to_have_value(re.compile(rf"^#{other_id} \[{new_label}[\] ]"))
    screenshot(page, "04-override-saved")

    # 4. Reload: a new session reopens the article from the URL, with the override.
    page.reload()
    expect(marked(page, other_id)).to_have_text(f"{new_label} · reviewed", timeout=CHECK_TIMEOUT_MS)
    expect(marked(page, trump_id)).to_have_text("refuted")
    expect(page.get_by_label("Article text")).to_have_value(article)  # the reopened article's text is shown
    choose_sentence(page, "Die Ukraine wurde nicht zu den")
    review = page.locator("div.claim div.review")
    expect(review).to_contain_text(f"Reviewer {REVIEWER} overrode the verdict with {new_label}")
    expect(review).to_contain_text(f"Reason: {REASON}")
    screenshot(page, "05-reloaded")

    # 5. Download the HTML report; the override (reviewer, label, reason) is in it.
    saved = download(page, "Download HTML")
    report = saved.read_text(encoding="utf-8")
    assert f"Reviewer {REVIEWER} overrode the verdict with" in report
    assert f"Reason: {REASON}" in report
    assert f"{new_label} · reviewed" in report and "1 sentence(s) reviewed" in report
    page.goto(saved.as_uri())  # the report as a reader sees it, for the last screenshot
    expect(page.get_by_text(f"Reason: {REASON}")).to_be_visible()
    screenshot(page, "06-downloaded-report")


@pytest.fixture
def news_page(article: str) -> Iterator[str]:
    """The motivating article as a news site serves it (menu, teaser links, footer), from localhost."""
    paragraphs = "".join(f"<p>{html.escape(block.strip())}</p>" for block in article.split("\n\n") if block.strip())
    page = ("<!doctype html><html lang='de'><head><meta charset='utf-8'><title>Rohstoff-Deal</title></head><body>"
            "<nav><a href='/'>Startseite</a> · <a href='/politik'>Politik</a> · <a href='/abo'>Abo</a></nav>"
            f"<main><article><h1>Rohstoff-Deal</h1>{paragraphs}</article></main>"
            "<aside><a href='/x'>Mehr zum Thema: Zehn Fakten über Rohstoffe</a></aside>"
            "<footer>Impressum · Datenschutz · Kontakt</footer></body></html>").encode("utf-8")

    class NewsSite(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            found = self.path == "/politik/rohstoff-deal"
            body = page if found else b"<html><body>Not here</body></html>"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):  # keep the test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), NewsSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/politik/rohstoff-deal"
    finally:
        server.shutdown()
        server.server_close()


def fetch_and_download_pdf(page: Page, url: str) -> None:
    from pypdf import PdfReader

    # 1. Only a web address: the page fetches the article, without the site's menu and footer.
    page.get_by_role("textbox", name="Article URL").fill(url)
    page.get_by_role("button", name="Check article").click()
    expect(page.get_by_role("button", name="Download PDF")).to_be_visible(timeout=CHECK_TIMEOUT_MS)
    shown = page.get_by_label("Article text").input_value()
    assert "Selenskyj fälschlicherweise" in shown and "Impressum" not in shown and "Startseite" not in shown
    trump = choose_sentence(page, "Trump beschuldigte")
    assert "[refuted ⚑]" in trump, trump
    screenshot(page, "url-01-fetched-and-checked")

    # 2. The PDF report: a real PDF naming the address and the refuted, flagged claim.
    saved = download(page, "Download PDF")
    assert saved.suffix == ".pdf" and saved.read_bytes().startswith(b"%PDF")
    report = " ".join(" ".join(p.extract_text() for p in PdfReader(saved).pages).split())
    assert url in report
    assert "Selenskyj" in report and "refuted" in report
