"""The review app in a real browser (Debian's chromium, headless, through chromedriver): open a
document, correct a word from the queue with the keyboard, correct a field of the record, reload
and see both, re-run `ingest --force` and still see both, export and find them.

VNRESOLVE_SCREENSHOTS=1 also saves the document view and the queue to docs/img/ (docs/cli.md).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from fixtures.documents import DOUBTFUL, LINES, ingested_scan, mangle, render_lines
from fixtures.paths import ROOT, run_cli
from vnresolve.review.app import create_app

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM or not CHROMEDRIVER,
                       reason="needs Debian's chromium and chromium-driver (make setup installs them)"),
]
SCREENSHOTS = os.environ.get("VNRESOLVE_SCREENSHOTS") == "1"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    pages = [render_lines([mangle(line) for line in LINES] + DOUBTFUL, size=(1400, 480)),
             render_lines([mangle(line) for line in reversed(LINES)])]
    return ingested_scan(tmp_path_factory.mktemp("browser"), "nq.pdf", pages)


@pytest.fixture(scope="module")
def app_url(batch):
    srv = uvicorn.Server(uvicorn.Config(create_app(batch[1]), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{srv.servers[0].sockets[0].getsockname()[1]}"
    srv.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,760",
                "--lang=vi"):
        options.add_argument(arg)
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except WebDriverException as err:
        pytest.skip(f"chromium cannot start here: {err.msg}")
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def wait(driver, check, timeout: float = 20.0):
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # the app redraws its panels after each answer: an element found a moment ago may be gone
    return WebDriverWait(driver, timeout, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)
                         ).until(lambda d: check(d))


def shot(driver, name: str) -> None:
    """A small PNG for docs/cli.md: the viewport, in 64 colours."""
    from PIL import Image

    image = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    image = image.resize((image.width * 3 // 4, image.height * 3 // 4), Image.LANCZOS)
    target = ROOT / "docs" / "img" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    image.quantize(64).save(target, optimize=True)


def test_a_reviewer_corrects_a_word_and_a_field_and_both_stay(batch, app_url, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    src, out = batch
    d = browser
    d.get(app_url + "/")
    link = wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "#documents a"))[0]
    assert link.text == "nq.json"
    link.click()
    items = wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "#queue .item"))
    wait(d, lambda d: d.execute_script("const i = document.querySelector('#page img'); return i && i.complete && i.naturalWidth > 0"))
    # only the page on show (and the pages of the queue's crops) are fetched, never the whole document
    fetched = d.execute_script("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('/image'))")
    shown = d.execute_script("return [...document.querySelectorAll('#queue .crop img')].map(i => i.src)")
    assert app_url + "/api/documents/nq.json/pages/1/image" in fetched and set(fetched) <= set(shown) | {fetched[0]}
    if SCREENSHOTS:
        shot(d, "review-queue.png")

    # the restorer is unsure of the OCR's 'Hy' (it guesses 'Hý'); the reviewer types the commune's 'Hỳ' for it
    # from the queue, with the keyboard
    target = next(i for i in items if "“Hy,”" in i.text)
    target.click()
    d.find_element(By.TAG_NAME, "body").send_keys("e")
    typed = target.find_element(By.CSS_SELECTOR, "input.typed")
    assert d.switch_to.active_element == typed
    typed.send_keys(Keys.CONTROL, "a")
    typed.send_keys("Hỳ,", Keys.ENTER)
    wait(d, lambda d: "saved (revision 1)" in d.find_element(By.ID, "status").text)

    # and corrects the place in the catalogue record
    d.find_element(By.ID, "tab-record").click()
    place = wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, 'input[data-target="metadata.place"]'))[0]
    place.clear()
    place.send_keys("Điện Biên", Keys.ENTER)
    wait(d, lambda d: "saved (revision 2)" in d.find_element(By.ID, "status").text)

    def opened(tab: str) -> None:
        d.get(f"{app_url}/#/doc/nq.json?page=1&tab={tab}")
        d.refresh()  # a new load of the app, all from the server

    def both_shown():
        opened("text")
        text = wait(d, lambda d: d.find_element(By.ID, "text").text)
        assert "Na Hỳ," in text, text
        opened("record")
        place = wait(d, lambda d: d.find_element(By.CSS_SELECTOR, 'input[data-target="metadata.place"]').get_attribute("value"))
        assert place == "Điện Biên"

    both_shown()
    if SCREENSHOTS:
        opened("text")
        wait(d, lambda d: d.execute_script("const i = document.querySelector('#page img'); return i && i.complete"))
        shot(d, "review-document.png")

    done = run_cli("ingest", str(src), "-o", str(out), "--alto", "--force", "--workers", "1")
    assert done.returncode == 0, done.stderr.decode()
    both_shown()
    assert 'CONTENT="Hỳ,"' in (out / "nq.alto.xml").read_text(encoding="utf-8")

    pages = run_cli("export", str(out), "--what", "pages", "--format", "jsonl")
    assert "Na Hỳ," in json.loads(pages.stdout.decode().splitlines()[0])["text"]
    documents = run_cli("export", str(out), "--what", "documents", "--format", "jsonl")
    assert json.loads(documents.stdout.decode().splitlines()[0])["place"] == "Điện Biên"

    # paging shows page 2 with its own words and image
    wait(d, lambda d: d.find_element(By.ID, "next")).click()
    wait(d, lambda d: d.find_element(By.ID, "pageno").text == "Page 2 / 2")
    assert wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "#page .w"))
