"""The searchable PDF read by a real browser: pdf.js (Mozilla's PDF viewer, the one Firefox ships)
running in headless Debian chromium finds the restored words. The page is served from a local
HTTP server; pdf.js posts back the text it extracted from each page."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import vnresolve
from fixtures.documents import LINES, image_pdf, make_pdf, mangle, render_lines
from fixtures.paths import ROOT
from vnresolve.archive.words import document_pages
from vnresolve.pipeline.options import PipelineOptions

PDFJS = ROOT / "tests" / "browser" / "node_modules" / "pdfjs-dist"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

PAGE = """<!doctype html><meta charset="utf-8"><title>pdf.js</title>
<script type="module">
const report = (body) => fetch("/result", {method: "POST", body: JSON.stringify(body)});
window.addEventListener("error", (e) => report({error: String(e.message)}));
try {
  const pdfjs = await import("/pdfjs/build/pdf.mjs");
  pdfjs.GlobalWorkerOptions.workerSrc = "/pdfjs/build/pdf.worker.mjs";
  const doc = await pdfjs.getDocument({url: "/doc.pdf", cMapUrl: "/pdfjs/cmaps/", cMapPacked: true,
                                       standardFontDataUrl: "/pdfjs/standard_fonts/"}).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => item.str + (item.hasEOL ? "\\n" : " ")).join(""));
  }
  await report({pages});
} catch (e) {
  await report({error: String(e && e.stack || e)});
}
</script>"""


def browser_text(pdf: Path, tmp_path: Path) -> list[str]:
    """Each page's text as pdf.js in headless chromium extracts it."""
    site = tmp_path / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "doc.pdf").write_bytes(pdf.read_bytes())
    (site / "pdfjs").symlink_to(PDFJS)
    results: list[dict] = []
    done = threading.Event()

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def do_POST(self):
            results.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()
            done.set()

        def log_message(self, *args):
            pass

        def guess_type(self, path):
            return "text/javascript" if str(path).endswith(".mjs") else super().guess_type(path)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    browser = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", f"http://127.0.0.1:{server.server_address[1]}/index.html"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert done.wait(120), "pdf.js reported nothing within 120 s"
    finally:
        os.killpg(browser.pid, signal.SIGTERM)  # chromium and the helpers it started, in their own group
        browser.wait(30)
        server.shutdown()
    assert "error" not in results[0], results[0]
    return results[0]["pages"]


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium; make test installs it)")
@pytest.mark.skipif(not PDFJS.is_dir(), reason="pdf.js not installed (npm ci --prefix tests/browser; make test runs it)")
def test_a_browser_finds_the_restored_words(tmp_path):
    src = image_pdf(tmp_path / "scan.pdf", [render_lines([mangle(line) for line in LINES])])
    result = vnresolve.convert(src, PipelineOptions(pdf=True))
    doc = result.document
    out = tmp_path / "searchable.pdf"
    out.write_bytes(result.archive_data[".pdf"])
    (text,) = browser_text(out, tmp_path)
    found = text.split()
    restored = [w.text for w in document_pages(doc)[0].words]
    assert found == restored
    # what a reader would search for: phrases with restored diacritics, none of the OCR's strings
    flat = " ".join(found)
    for phrase in ("Nghị quyết của Ban Chấp hành Đảng bộ tỉnh", "bảo đảm quốc phòng, an ninh", "chính trị năm 2026"):
        assert phrase in flat
    assert "Nghi quyet" not in flat and "Pang" not in flat


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium; make test installs it)")
@pytest.mark.skipif(not PDFJS.is_dir(), reason="pdf.js not installed (npm ci --prefix tests/browser; make test runs it)")
def test_a_browser_no_longer_finds_a_legacy_layers_mangled_words(tmp_path):
    """A born-digital page drawn with text that reads as mangled words: pdf.js finds the restored
    words only (the page became its image under them)."""
    src = make_pdf(tmp_path / "legacy.pdf", [[mangle(line) for line in LINES] * 3], size=(595, 400))
    (before,) = browser_text(src, tmp_path / "before")
    assert "Pang" in before
    result = vnresolve.convert(src, PipelineOptions(pdf=True))
    out = tmp_path / "searchable.pdf"
    out.write_bytes(result.archive_data[".pdf"])
    (after,) = browser_text(out, tmp_path / "after")
    restored = [w.text for w in document_pages(result.document)[0].words]
    assert after.split() == restored
    old_only = set(before.split()) - set(restored)  # words only the mangled layer had
    assert old_only and not old_only & set(after.split())
