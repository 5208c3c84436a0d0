"""The review app and what its corrections teach.

1. Opening and paging a 200-page document: one page of mangled Vietnamese is rendered, OCR'd and
   restored as `vnresolve ingest` does, then repeated into a 200-page scan PDF and its Document
   JSON (every page with its lines, word boxes and corrections). Through the real server over HTTP:
   the time to open it on a cold app (the document, then page 1's words and image: the page is
   shown) and until the whole document's review queue is ready, the time per page turned (words
   and image), how many page images were rendered, and a correction's round trip.
2. The lexicon: generated documents naming local places of Điện Biên and Lai Châu the restorer's
   model has not learnt, accents stripped as an English OCR model gives them. A reviewer corrects
   every misspelt name in the first N documents (the app's lexicon learns each correction); the
   name errors left in the documents after them, restored with and without the lexicon.

    python -m benchmarks review
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

PAGES = 200
TURNS = 10
CORRECTIONS = 10
PRINTED = [
    "Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về mục tiêu, nhiệm vụ phát triển",
    "kinh tế - xã hội, bảo đảm quốc phòng, an ninh và xây dựng hệ thống chính trị",
    "năm 2026 với những nội dung chủ yếu sau đây. Huyện Nậm Pồ và xã Sìn Hồ.",
    "Tăng cường công tác quản lý nhà nước về đất đai, tài nguyên và môi trường;",
    "đẩy mạnh cải cách hành chính, nâng cao chất lượng nguồn nhân lực của địa phương.",
] * 6

NAMES = ["Nậm Pồ", "Mường Nhé", "Sìn Hồ", "Nà Hỳ", "Chà Cang", "Pa Tần", "Mường Tè", "Nậm Kè", "Si Pa Phìn",
         "Phìn Hồ", "Nà Bủng", "Vàng Đán"]
TEMPLATES = [
    "Ủy ban nhân dân xã {a} phối hợp với Trạm Y tế xã {b} triển khai kế hoạch tiêm chủng tại bản {c}.",
    "Giao Ban Quản lý rừng phòng hộ {a} chủ trì, phối hợp với Đồn Biên phòng {b} tuần tra bảo vệ rừng.",
    "Năm 2026, huyện {a} phấn đấu giảm tỷ lệ hộ nghèo tại các xã {b} và {c} xuống dưới 20%.",
    "Trường Phổ thông dân tộc bán trú xã {a} được đầu tư xây dựng thêm phòng học cho học sinh bản {b}.",
]
DOCUMENTS = 30
REVIEWED = (0, 1, 2, 3, 5, 10)


# -- 1. opening and paging ----------------------------------------------------------------------------


def _page_image(lines: list[str]):
    from PIL import Image, ImageDraw, ImageFont

    face = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", 34)
    img = Image.new("L", (1654, 2339), 240)  # A4 at 200 dpi
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((150, 180 + i * 62), line, fill=25, font=face)
    return img


def _big_document(folder: Path, lines: list[str]) -> tuple[Path, Path]:
    """OUTDIR with a 200-page document and its manifest line, and the scan it names as its source."""
    import img2pdf

    from vnresolve.pipeline.api import convert
    from vnresolve.pipeline.options import PipelineOptions
    from vnresolve.schemas import Correction, Document, dump_document

    png = folder / "page.png"
    _page_image(lines).save(png, dpi=(200, 200))
    one = folder / "one.pdf"
    one.write_bytes(img2pdf.convert([str(png)]))
    result = convert(one, PipelineOptions())
    page = result.document.pages[0]
    base = result.document
    scan = folder / "in" / "big.pdf"
    scan.parent.mkdir()
    scan.write_bytes(img2pdf.convert([str(png)] * PAGES))
    pages, corrections, text = [], [], ""
    for n in range(1, PAGES + 1):
        start = len(text) + (2 if n > 1 else 0)
        text += ("\n\n" if n > 1 else "") + page.text
        pages.append(page.model_copy(update={"number": n, "start": start, "end": len(text)}))
        corrections += [Correction(**{**c.model_dump(), "start": c.start + start, "end": c.end + start})
                        for c in base.restoration.corrections]
    restoration = base.restoration.model_copy(update={"corrections": corrections, "changed": len(corrections),
                                                      "tokens": base.restoration.tokens * PAGES})
    source = base.source.model_copy(update={"path": "big.pdf", "pages": PAGES})
    doc = Document.model_validate({**base.model_dump(), "text": text, "pages": [p.model_dump() for p in pages],
                                   "restoration": restoration.model_dump(), "source": source.model_dump()})
    out = folder / "out"
    out.mkdir()
    (out / "big.json").write_text(dump_document(doc), encoding="utf-8")
    (out / "manifest.jsonl").write_text(json.dumps({"input": "big.pdf", "abspath": str(scan), "status": "success",
                                                    "output": "big.json", "pages": PAGES}) + "\n")
    return out, scan


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as r:
        return r.read()


def _post(url: str, body: dict) -> bytes:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as r:
        return r.read()


def opening(lines: list[str]) -> None:
    import uvicorn

    from vnresolve.review.app import create_app

    with tempfile.TemporaryDirectory(prefix="vnr-bench-review-") as tmp:
        out, scan = _big_document(Path(tmp), lines)
        size = (out / "big.json").stat().st_size
        app = create_app(out)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.02)
        url = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}/api/documents/big.json"
        try:
            t = time.perf_counter()
            doc = json.loads(_get(url))
            opened_doc = time.perf_counter() - t
            words = json.loads(_get(url + "/pages/1"))
            image = _get(url + "/pages/1/image")
            opened = time.perf_counter() - t
            queue = json.loads(_get(url + "/queue"))
            queued = time.perf_counter() - t
            turns = []
            for n in range(2, 2 + TURNS):
                t = time.perf_counter()
                _get(url + f"/pages/{n}")
                _get(url + f"/pages/{n}/image")
                turns.append(time.perf_counter() - t)
            t = time.perf_counter()
            _get(url + "/pages/1")
            _get(url + "/pages/1/image")
            back = time.perf_counter() - t
            # a correction from the queue, then what the page asks for after it: the new revision's
            # document, queue and page
            rounds = []
            for word in [w for w in words["words"] if w["role"] == "body"][:CORRECTIONS]:
                _, line, index = word["id"].split(".")
                t = time.perf_counter()
                _post(url + "/corrections", {"kind": "word", "target": word["id"], "old": word["text"],
                                             "new": word["text"] + "x", "where": {"page": 1, "line": int(line[1:]),
                                                                                  "word": int(index[1:]), "bbox": None,
                                                                                  "original": word["original"]}})
                saved = time.perf_counter() - t
                _get(url)
                _get(url + "/queue")
                _get(url + "/pages/1")
                rounds.append((saved, time.perf_counter() - t))
        finally:
            server.should_exit = True
            thread.join(10)
    print(f"200-page document: JSON {size / 1e6:.1f} MB, {len(words['words'])} words on a page, "
          f"{queue['total']} queue items, {len(doc['pages'])} pages")
    print(f"open on a cold app: document {opened_doc:.2f} s, + page 1 words and image ({len(image) // 1024} KiB) "
          f"{opened:.2f} s; the whole document's queue ready at {queued:.2f} s")
    print(f"turn a page (words + image, rendered from the scan): median {statistics.median(turns):.2f} s, "
          f"max {max(turns):.2f} s over {TURNS} pages; back to page 1 (cached): {back:.3f} s")
    print(f"page images rendered: {1 + TURNS} of {PAGES} (the pages visited)")
    (first_saved, first), (last_saved, last) = rounds[0], rounds[-1]
    print(f"corrections in a row: the first saved in {first_saved:.2f} s, the new revision's document, queue and "
          f"page shown at {first:.2f} s; the {len(rounds)}th {last_saved:.2f} s and {last:.2f} s")


# -- 2. the lexicon -----------------------------------------------------------------------------------


def _documents() -> list[str]:
    rng = random.Random(26)
    docs = []
    for _ in range(DOCUMENTS):
        lines = []
        for _ in range(6):
            a, b, c = rng.sample(NAMES, 3)
            lines.append(rng.choice(TEMPLATES).format(a=a, b=b, c=c))
        docs.append("\n".join(lines))
    return docs


def _name_errors(truth: str, restored: str) -> list[tuple[int, str]]:
    """(offset, right spelling) of each name word the restored text spells otherwise."""
    words = {w for name in NAMES for w in name.split()}
    out = []
    for i, (a, b) in enumerate(zip(truth.split(), restored.split())):
        word = a.strip(".,;")
        if word in words and b.strip(".,;") != word:
            out.append((i, word))
    return out


def lexicon() -> None:
    from vnresolve.diacritics import load_restorer
    from vnresolve.diacritics.lexicon import prefer, read_forms
    from vnresolve.diacritics.vntext import strip_accents
    from vnresolve.review.lexicon import learn
    from vnresolve.review.log import Entry

    restorer = load_restorer("default")
    truths = _documents()
    results = restorer.restore_pages([strip_accents(t) for t in truths])
    base = [_name_errors(t, r.text) for t, r in zip(truths, results)]
    names = sum(1 for t in truths for w in t.split() if w.strip(".,;") in {x for n in NAMES for x in n.split()})
    print(f"{DOCUMENTS} generated documents, {names} name words, {sum(map(len, base))} misspelt by the restorer "
          "alone")
    print(f"{'reviewed':>8} {'corrections':>11} {'lexicon words':>13} {'errors left, off':>16} {'on':>5}")
    for n in REVIEWED:
        with tempfile.TemporaryDirectory(prefix="vnr-bench-lexicon-") as tmp:
            path = Path(tmp) / "lexicon.json"
            made = 0
            for k in range(n):
                for i, right in base[k]:
                    made += 1
                    learn(path, Entry(id=str(made), revision=made, who="bench", when="", kind="word",
                                      target=f"w{i}", where={}, old="", new=right))
            forms = read_forms(path)
            off = sum(len(e) for e in base[n:])
            on = sum(len(_name_errors(t, prefer(r, forms).text)) for t, r in zip(truths[n:], results[n:]))
            print(f"{n:>8} {made:>11} {len(forms):>13} {off:>16} {on:>5}")


def main() -> None:
    from vnresolve.diacritics.vntext import strip_accents

    print("-- printed Vietnamese (Tesseract vie reads the accents; the restorer changes few words)")
    opening(PRINTED)
    print("-- worst case: the same lines without accents (the restorer changes nearly every word)")
    opening([strip_accents(line) for line in PRINTED])
    lexicon()


if __name__ == "__main__":
    main()
