"""hOCR 1.2 (HTML with the OCR layout in class and title attributes) of one Document: the same
words as the ALTO, in the page image as it came in; the restored word is the text, the OCR
string is kept in a data attribute where the restorer changed it."""

from __future__ import annotations

from html import escape

from vnresolve.archive.words import ArchivePage, document_pages
from vnresolve.schemas import Document


def hocr_bytes(doc: Document) -> bytes:
    from vnresolve import __version__

    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
           '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
           '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi" lang="vi">', "<head>",
           f"<title>{escape(doc.metadata.title or doc.source.path)}</title>",
           '<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>',
           f'<meta name="ocr-system" content="vnresolve {__version__}"/>',
           '<meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_line ocrx_word"/>',
           f'<meta name="vnresolve-source-sha256" content="{doc.source.sha256}"/>', "</head>", "<body>"]
    for page in document_pages(doc):
        out.extend(_page(page, doc.source.path))
    out += ["</body>", "</html>", ""]
    return "\n".join(out).encode("utf-8")


def _bbox(box) -> str:
    return "bbox " + " ".join(str(round(v)) for v in box)


def _page(page: ArchivePage, image: str) -> list[str]:
    width, height = page.source_size
    p = f"page_{page.number}"
    title = f'image "{escape(image)}"; {_bbox((0, 0, width, height))}; ppageno {page.number - 1}; scan_res {page.dpi:g} {page.dpi:g}'
    out = [f"<div class='ocr_page' id='{p}' title='{title}'>"]
    blocks: dict[int, list] = {}
    for line in page.lines:
        if line.words:
            blocks.setdefault(line.block, []).append(line)
    angle = round(page.text_angle) % 360
    for b, lines in enumerate(blocks.values(), start=1):
        boxes = [page.source_box(line.bbox) for line in lines]
        union = (min(x[0] for x in boxes), min(x[1] for x in boxes), max(x[2] for x in boxes), max(x[3] for x in boxes))
        out.append(f"<div class='ocr_carea' id='{p}_b{b}' title='{_bbox(union)}'>")
        for n, (line, box) in enumerate(zip(lines, boxes), start=1):
            extra = f"; textangle {angle}" if angle else ""
            words = []
            for w, word in enumerate(line.words, start=1):
                title = _bbox(page.source_box(word.bbox)) + (f"; x_wconf {round(word.conf)}" if word.conf is not None else "")
                original = f" data-original='{escape(word.original)}'" if word.original != word.text else ""
                words.append(f"<span class='ocrx_word' id='{p}_b{b}_l{n}_w{w}' title='{title}'{original}>"
                             f"{escape(word.text)}</span>")
            out.append(f"<span class='ocr_line' id='{p}_b{b}_l{n}' title='{_bbox(box)}{extra}'>{' '.join(words)}</span>")
        out.append("</div>")
    out.append("</div>")
    return out
