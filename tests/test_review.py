"""The review's corrections: applied as a revision over the machine reading, kept by two writers at
once, re-applied by `ingest --force`, found by `export` and the ALTO; the app serves nothing
outside OUTDIR and the recorded sources; the lexicon its corrections teach."""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import uvicorn

from fixtures.documents import DOUBTFUL, LINES, ingested_scan, mangle, render_lines
from fixtures.paths import run_cli
from vnresolve.archive.alto import alto_bytes
from vnresolve.archive.words import page_words
from vnresolve.diacritics.interface import RestoreResult, TokenChange
from vnresolve.diacritics.lexicon import prefer, read_forms
from vnresolve.review.app import create_app
from vnresolve.review.apply import apply
from vnresolve.review.library import Conflict, Library, NotApplicable
from vnresolve.review.lexicon import learn
from vnresolve.review.log import Entry, read_review
from vnresolve.schemas import Document, load_document

NAME = "scan.json"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A one-page scan of mangled Vietnamese (the restorer changes many words), ingested with its ALTO."""
    page = render_lines([mangle(line) for line in LINES] + DOUBTFUL, size=(1400, 480))
    return ingested_scan(tmp_path_factory.mktemp("review"), "scan.pdf", [page])


@pytest.fixture
def outdir(batch, tmp_path):
    """A fresh copy of the batch's outputs for each test (its manifest still names the source)."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(batch[1], out)
    return out


def changed_word(doc: Document):
    """(line, word, ArchiveWord) of the first body word the restorer changed."""
    page = page_words(doc, doc.pages[0])
    for li, line in enumerate(page.lines):
        for wi, w in enumerate(line.words):
            if line.role == "body" and w.text != w.original and w.span:
                return li, wi, w
    raise AssertionError("the restorer changed no word")


def where(li, wi, w) -> dict:
    return {"page": 1, "line": li, "word": wi, "bbox": list(w.bbox), "original": w.original}


def test_a_word_correction_is_a_revision_the_alto_reads(outdir):
    machine_bytes = (outdir / NAME).read_bytes()
    library = Library(outdir)
    machine = library.machine(NAME)
    li, wi, w = changed_word(machine)
    new = w.text.upper() + "Ạ"
    library.correct(NAME, who="tester", kind="word", target=f"p1.l{li}.w{wi}", where=where(li, wi, w), old=w.text, new=new)
    review = read_review(outdir, NAME)
    assert review.revision == 1 and review.entries[0].who == "tester" and review.entries[0].old == w.text
    doc, unplaced = apply(machine, review)
    assert not unplaced
    Document.model_validate(doc.model_dump())  # still a valid Document
    words = page_words(doc, doc.pages[0])
    assert words.lines[li].words[wi].text == new and words.lines[li].words[wi].original == w.original
    # the other words keep their restored text, and the page's text is the document's
    before = [x.text for x in page_words(machine, machine.pages[0]).words]
    after = [x.text for x in words.words]
    assert [a for a, b in zip(after, before) if a != b] == [new]
    assert doc.pages[0].text == doc.text[doc.pages[0].start:doc.pages[0].end]
    assert f'CONTENT="{new}"' in alto_bytes(doc).decode()
    assert (outdir / NAME).read_bytes() == machine_bytes  # the machine reading stays as it was


def test_accepting_a_word_takes_it_off_the_queue(outdir):
    library = Library(outdir)
    view, _, _ = library.view(NAME)
    item = next(i for i in view.queue if i["kind"] == "word")
    library.correct(NAME, who="t", kind="word", target=item["target"], where=item["where"], old=item["old"], new=item["old"])
    after, _, _ = library.view(NAME)
    assert item["id"] not in {i["id"] for i in after.queue}
    assert len(after.queue) == len(view.queue) - 1


def test_a_field_correction_is_checked_and_clears_the_doubt(outdir):
    library = Library(outdir)
    old = library.view(NAME)[0].doc.metadata.date or ""
    with pytest.raises(NotApplicable):
        library.correct(NAME, who="t", kind="field", target="metadata.date", where={}, old=old, new="2026-02-30")
    with pytest.raises(NotApplicable):
        library.correct(NAME, who="t", kind="field", target="source.path", where={}, old="", new="x")
    library.correct(NAME, who="t", kind="field", target="metadata.date", where={}, old=old, new="2026-03-01")
    library.correct(NAME, who="t", kind="field", target="metadata.place", where={}, old=library.view(NAME)[0].doc.metadata.place or "", new="Lạng Sơn")
    doc = library.view(NAME)[0].doc
    assert doc.metadata.date == "2026-03-01" and doc.metadata.place == "Lạng Sơn"
    assert not {d.field for d in doc.metadata.uncertain} & {"date", "place"}


def test_a_correction_made_on_an_old_value_is_refused(outdir):
    library = Library(outdir)
    old = library.view(NAME)[0].doc.metadata.place or ""
    library.correct(NAME, who="tab 1", kind="field", target="metadata.place", where={}, old=old, new="Hà Nội")
    with pytest.raises(Conflict):
        library.correct(NAME, who="tab 2", kind="field", target="metadata.place", where={}, old=old, new="Huế")
    assert library.view(NAME)[0].doc.metadata.place == "Hà Nội"


@pytest.fixture
def server(outdir):
    config = uvicorn.Config(create_app(outdir), host="127.0.0.1", port=0, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.02)
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(5)


def http(url: str, body: dict | None = None, headers: dict | None = None) -> tuple[int, bytes]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_two_clients_saving_at_once_keep_every_correction(server, outdir):
    status, data = http(f"{server}/api/documents/{NAME}/queue?limit=200")
    words = [i for i in json.loads(data)["items"] if i["kind"] == "word"]
    page = json.loads(http(f"{server}/api/documents/{NAME}/pages/1")[1])
    # every body word of the page, each corrected once, half by each client, all at the same time
    body = [w for w in page["words"] if w["role"] == "body"][:24]
    assert len(body) >= 20

    def post(w):
        _, li, wi = w["id"].split(".")
        ocr = w["original"]
        return http(f"{server}/api/documents/{NAME}/corrections",
                    {"kind": "word", "target": w["id"], "old": w["text"], "new": w["text"] + "x", "who": w["id"],
                     "where": {"page": 1, "line": int(li[1:]), "word": int(wi[1:]), "bbox": None, "original": ocr}})

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(post, body))
    assert all(code == 200 for code, _ in results), [r for r in results if r[0] != 200][:2]
    review = read_review(outdir, NAME)
    assert review.revision == len(body) and sorted(e.revision for e in review.entries) == list(range(1, len(body) + 1))
    after = json.loads(http(f"{server}/api/documents/{NAME}/pages/1")[1])
    shown = {w["id"]: w["text"] for w in after["words"]}
    assert all(shown[w["id"]] == w["text"] + "x" for w in body)
    assert words  # the queue had words to review


def test_nothing_outside_outdir_and_the_sources_is_served(server, outdir, tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_text('{"secret": "do not serve"}')
    (outdir / "link.json").symlink_to(secret)
    (outdir / "link.review.json").symlink_to(secret)
    for path in ("/api/documents/..%2F..%2Fetc%2Fpasswd", "/api/documents/%2Fetc%2Fpasswd",
                 "/api/documents/..%2Fsecret.json", "/api/documents/link.json", "/api/documents/link.json/pages/1/image",
                 "/api/documents/..%2F..%2Fetc%2Fpasswd/pages/1/image", "/static/..%2F..%2F..%2Fetc%2Fpasswd",
                 "/static/../../etc/passwd", "/api/documents/manifest.jsonl", "/api/documents/.vnresolve.lock",
                 f"/api/documents/{NAME}/pages/0/image", f"/api/documents/{NAME}/pages/99/image"):
        status, data = http(server + path)
        assert status == 404 and b"root:" not in data and b"do not serve" not in data, path
    listing = json.loads(http(f"{server}/api/documents")[1])
    assert [d["name"] for d in listing["documents"]] == [NAME]
    status, data = http(f"{server}/api/documents/{NAME}/pages/1/image")
    assert status == 200 and data[:2] == b"\xff\xd8"


def test_another_site_cannot_make_the_browser_correct_or_read(server, outdir):
    body = {"kind": "field", "target": "metadata.place", "old": "", "new": "Huế", "where": {}}
    url = f"{server}/api/documents/{NAME}/corrections"
    assert http(url, body, {"Content-Type": "text/plain"})[0] == 403  # a form or fetch with no preflight
    assert http(url, body, {"Origin": "http://evil.example"})[0] == 403
    assert http(f"{server}/api/documents", headers={"Host": "evil.example"})[0] == 403  # DNS rebinding
    assert read_review(outdir, NAME).revision == 0
    assert http(url, body, {"Origin": server})[0] == 200


def test_ingest_force_reapplies_and_export_finds_the_corrections(batch, outdir):
    src, _ = batch
    library = Library(outdir)
    li, wi, w = changed_word(library.machine(NAME))
    new = "Chỉnh" if w.text != "Chỉnh" else "Sửa"
    library.correct(NAME, who="t", kind="word", target=f"p1.l{li}.w{wi}", where=where(li, wi, w), old=w.text, new=new)
    library.correct(NAME, who="t", kind="field", target="metadata.date", where={},
                    old=library.view(NAME)[0].doc.metadata.date or "", new="2026-04-30")
    # a correction of a word no reading of this page has: reported, never applied elsewhere
    review = read_review(outdir, NAME)
    review.entries.append(Entry(id="gone", revision=3, who="t", when="2026-01-01T00:00:00+00:00", kind="word",
                                target="p1.l0.w0", where={"page": 1, "line": 0, "word": 0, "bbox": [0, 0, 5, 5],
                                                          "original": "zzz"}, old="qqq", new="www"))
    review.revision = 3
    (outdir / "scan.review.json").write_text(review.to_json(), encoding="utf-8")

    done = run_cli("ingest", str(src), "-o", str(outdir), "--alto", "--force", "--workers", "1")
    assert done.returncode == 0, done.stderr.decode()
    assert "no longer has the word 'qqq'" in done.stderr.decode()
    assert f'CONTENT="{new}"' in (outdir / "scan.alto.xml").read_text(encoding="utf-8")
    machine = load_document((outdir / NAME).read_bytes())
    assert new not in machine.text.split()  # the JSON is the machine reading again
    doc, unplaced = Library(outdir).view(NAME)[:2]
    assert [u.entry.id for u in unplaced] == ["gone"]
    assert doc.doc.metadata.date == "2026-04-30" and new in doc.doc.text

    pages = run_cli("export", str(outdir), "--what", "pages", "--format", "jsonl")
    assert pages.returncode == 0 and new in json.loads(pages.stdout.decode().splitlines()[0])["text"]
    documents = run_cli("export", str(outdir), "--what", "documents", "--format", "jsonl")
    assert json.loads(documents.stdout.decode().splitlines()[0])["date"] == "2026-04-30"


def test_review_refuses_a_remote_host_without_the_flag(outdir):
    done = run_cli("review", str(outdir), "--host", "0.0.0.0", timeout=60)
    assert done.returncode == 2 and b"--allow-remote" in done.stderr


# -- the lexicon ---------------------------------------------------------------------------------


def test_corrected_names_teach_the_lexicon_and_the_restorer_prefers_them(tmp_path):
    path = tmp_path / "lexicon.json"
    entry = Entry(id="a", revision=1, who="t", when="", kind="word", target="p1.l0.w0", where={}, old="Năm", new="Nậm")
    learn(path, entry)
    learn(path, Entry(id="b", revision=2, who="t", when="", kind="word", target="p1.l0.w1", where={}, old="Pó", new="Pồ,"))
    learn(path, Entry(id="c", revision=3, who="t", when="", kind="word", target="p1.l0.w2", where={}, old="nam", new="năm"))
    # accepting a name the restorer gave teaches it; accepting a word OCR read as it is does not
    learn(path, Entry(id="d", revision=4, who="t", when="", kind="word", target="p1.l0.w3",
                      where={"original": "Muong"}, old="Mường", new="Mường"))
    learn(path, Entry(id="e", revision=5, who="t", when="", kind="word", target="p1.l0.w4",
                      where={"original": "Hà"}, old="Hà", new="Hà"))
    forms = read_forms(path)
    assert forms == {"nam": "Nậm", "po": "Pồ", "muong": "Mường"}  # a lower-case word teaches nothing
    text = "Huyện Nấm Po, năm 2026: NÂM PÓ và nam"
    result = RestoreResult(text=text, model="m", tokens=8,
                           changes=[TokenChange(6, 9, "Nam", "Nấm", 0.4, ("Nậm",)), TokenChange(16, 19, "nam", "năm", 0.9)])
    out = prefer(result, forms)
    assert out.text == "Huyện Nậm Pồ, năm 2026: NẬM PỒ và nam"
    changed = {(c.start, c.end): (c.original, c.restored) for c in out.changes}
    assert changed[(6, 9)] == ("Nam", "Nậm") and changed[(10, 12)] == ("Po", "Pồ") and changed[(16, 19)] == ("nam", "năm")
    assert prefer(result, {}) is result


def test_the_next_run_reads_the_lexicon(tmp_path):
    from vnresolve.pipeline.options import PipelineOptions
    from vnresolve.pipeline.process import process_text
    from vnresolve.pipeline.version import version_key

    text = ("UBND HUYEN NAM PO\nKE HOACH\nve bao ve rung nam 2026\n\n1. Giao Ban Quan ly rung phong ho Nam Po chu tri, "
            "phoi hop voi UBND xa Nam Po thuc hien.\n")
    lexicon = tmp_path / "lexicon.json"
    lexicon.write_text(json.dumps({"format": 1, "words": {"Nậm": 2, "Pồ": 2},
                                   "agencies": ["Ban Quản lý rừng phòng hộ Nậm Pồ"]}, ensure_ascii=False))
    plain = process_text(text, "kh.txt", PipelineOptions())
    learnt = process_text(text, "kh.txt", PipelineOptions(lexicon=str(lexicon)))
    # the model alone may know the name in some places (the news LM reads 'xa Nam Po' as 'xã Nậm Pồ');
    # the lexicon gives it every one of them
    assert plain.text.lower().count("nậm pồ") < 3 == learnt.text.lower().count("nậm pồ")
    assert "NẬM PỒ" in learnt.text and "xã Nậm Pồ" in learnt.text
    from vnresolve.parsers import gazetteer
    from vnresolve.pipeline.stages import Parse

    Parse(str(lexicon)).prepare()
    found = gazetteer.lookup("Ban Quan ly rung phong ho Nam Po")
    assert found is not None and found.name == "Ban Quản lý rừng phòng hộ Nậm Pồ"
    assert gazetteer.lookup("Ủy ban nhân dân tỉnh").name != "Ban Quản lý rừng phòng hộ Nậm Pồ"
    Parse().prepare()
    assert gazetteer.lookup("Ban Quan ly rung phong ho Nam Po") is None
    # a lexicon that learnt more makes a resumed batch redo its documents
    key = version_key(PipelineOptions(lexicon=str(lexicon)))
    lexicon.write_text(json.dumps({"format": 1, "words": {"Nậm": 3}}, ensure_ascii=False))
    assert version_key(PipelineOptions(lexicon=str(lexicon))) != key


def test_the_app_writes_the_alto_again_from_the_reviewed_revision(server, outdir):
    library = Library(outdir)
    li, wi, w = changed_word(library.machine(NAME))
    status, _ = http(f"{server}/api/documents/{NAME}/corrections",
                     {"kind": "word", "target": f"p1.l{li}.w{wi}", "where": where(li, wi, w), "old": w.text, "new": "Đúng"})
    assert status == 200 and 'CONTENT="Đúng"' not in (outdir / "scan.alto.xml").read_text(encoding="utf-8")
    status, data = http(f"{server}/api/documents/{NAME}/archives", {})
    assert status == 200 and json.loads(data)["written"] == ["scan.alto.xml"]
    assert 'CONTENT="Đúng"' in (outdir / "scan.alto.xml").read_text(encoding="utf-8")
    # the revision to download is a valid Document with the correction
    status, data = http(f"{server}/api/documents/{NAME}/revision")
    assert status == 200 and "Đúng" in load_document(data).text.split()


# -- the revision on a document made here -------------------------------------------------------------


def two_pages() -> Document:
    """Page 1: a stamp line and 'Nghi quyet ve Xa Nam' restored to 'Nghị quyết về Xá Nam'; page 2:
    'Dang bo' restored to 'Đảng bộ'. An indicator and a task with ids."""
    from vnresolve.ingest.pages import join_pages
    from vnresolve.schemas import Correction, Indicator, Line, Page, Restoration, Source, Task, Word

    def line(text: str, y: float, role: str = "body") -> Line:
        words = [Word(text=t, bbox=(10.0 + 60 * k, y, 60.0 + 60 * k, y + 20), conf=90.0) for k, t in enumerate(text.split())]
        return Line(text=text, bbox=(10, y, 400, y + 20), words=words, role=role)

    pages = [Page(number=1, text="Nghị quyết về Xá Nam", source="ocr", width=500, height=300, dpi=200,
                  lines=[line("SO 12 DEN", 10, "stamp"), line("Nghi quyet ve Xa Nam", 50)]),
             Page(number=2, text="Đảng bộ", source="ocr", width=500, height=300, dpi=200, lines=[line("Dang bo", 50)])]
    text = join_pages(pages)
    fixes = [(1, 0, "Nghi", "Nghị", 0.95), (1, 5, "quyet", "quyết", 0.9), (1, 11, "ve", "về", 0.6),
             (1, 14, "Xa", "Xá", 0.3), (2, 0, "Dang", "Đảng", 0.9), (2, 5, "bo", "bộ", 0.8)]
    corrections = [Correction(start=pages[p - 1].start + s, end=pages[p - 1].start + s + len(r), original=o, restored=r,
                              confidence=c, alternatives=["Xã"] if o == "Xa" else []) for p, s, o, r, c in fixes]
    return Document(source=Source(path="x.pdf", sha256="0" * 64, kind="pdf-scanned", pages=2), text=text, pages=pages,
                    restoration=Restoration(model="m", changed=len(corrections), corrections=corrections),
                    indicators=[Indicator(id="ind-1", name="Tỷ lệ hộ nghèo", unit="%", page=1)],
                    tasks=[Task(id="task-1", text="Rà soát hộ nghèo", page=2)])


def entry(n: int, kind: str, target: str, old: str, new: str, where: dict | None = None) -> Entry:
    return Entry(id=f"e{n}", revision=n, who="t", when="", kind=kind, target=target, where=where or {}, old=old, new=new)


def word_at(page: int, line: int, word: int, doc: Document) -> dict:
    w = page_words(doc, doc.pages[page - 1]).lines[line].words[word]
    return {"page": page, "line": line, "word": word, "bbox": list(w.bbox), "original": w.original}


def test_a_longer_word_moves_the_words_after_it_and_the_rest_stays_mapped():
    from vnresolve.review.log import Review

    doc = two_pages()
    review = Review("x.json", entries=[
        entry(1, "word", "p1.l1.w3", "Xá", "Xã Nậm", word_at(1, 1, 3, doc)),  # longer than the restorer's word
        entry(2, "word", "p1.l1.w2", "về", "ve", word_at(1, 1, 2, doc)),  # back to the OCR string: no correction
        entry(3, "word", "p1.l0.w0", "SO", "SỐ", word_at(1, 0, 0, doc)),  # a stamp line's word
        entry(4, "field", "indicators.ind-1.unit", "%", "phần trăm"),
        entry(5, "field", "tasks.task-1.deadline.text", "", "Quý I/2026"),
        entry(6, "field", "metadata.recipients", "", "Sở Tài chính; Sở Nội vụ"),
        entry(7, "field", "indicators.ind-2.name", "x", "y"),  # no such indicator
    ])
    out, unplaced = apply(doc, review)
    Document.model_validate(out.model_dump())
    assert [u.entry.id for u in unplaced] == ["e7"] and "no indicator 'ind-2'" in unplaced[0].why
    assert [w.text for w in page_words(out, out.pages[0]).words] == ["SỐ", "12", "DEN", "Nghị", "quyết", "ve", "Xã Nậm", "Nam"]
    assert [w.text for w in page_words(out, out.pages[1]).words] == ["Đảng", "bộ"]  # after the shift
    assert out.text == "Nghị quyết ve Xã Nậm Nam" + out.text[out.pages[0].end:out.pages[1].start] + "Đảng bộ"
    fixed = {c.original: (c.restored, c.confidence) for c in out.restoration.corrections}
    assert fixed["Xa"] == ("Xã Nậm", 1.0) and "ve" not in fixed and fixed["bo"] == ("bộ", 0.8)
    assert out.indicators[0].unit == "phần trăm" and out.tasks[0].deadline.text == "Quý I/2026"
    assert out.metadata.recipients == ["Sở Tài chính", "Sở Nội vụ"]
    assert out.warnings[-1].code == "review-unplaced"
    # the machine reading is untouched
    assert doc.text.startswith("Nghị quyết về Xá Nam") and doc.pages[0].lines[0].words[0].text == "SO"
    assert doc.indicators[0].unit == "%" and doc.tasks[0].deadline is None


def test_a_word_that_moved_in_a_new_reading_is_found_near_where_it_was():
    from vnresolve.review.log import Review

    doc = two_pages()
    where = word_at(1, 1, 3, doc)
    where.update(line=7, word=9, bbox=[where["bbox"][0] + 12, where["bbox"][1] - 8, where["bbox"][2] + 12, where["bbox"][3] - 8])
    out, unplaced = apply(doc, Review("x.json", entries=[entry(1, "word", "p1.l7.w9", "Xá", "Xã", where)]))
    assert not unplaced and "Xã" in out.text.split()
    far = dict(where, bbox=[300, 250, 320, 270])
    out, unplaced = apply(doc, Review("x.json", entries=[entry(1, "word", "p1.l7.w9", "Xá", "Xã", far)]))
    assert len(unplaced) == 1 and "Xã" not in out.text.split()


def test_the_queue_puts_the_least_sure_first_with_their_alternatives():
    from vnresolve.review.view import DocumentView
    from vnresolve.schemas import FieldDoubt

    doc = two_pages()
    doc.metadata.place = "Xá Nam"
    doc.metadata.uncertain = [FieldDoubt(field="place", reason="handwritten"), FieldDoubt(field="date", reason="not found")]
    doc.metadata.confidence = {"place": 0.4, "date": 0.0}
    queue = DocumentView.of(doc).queue
    # 'Xá' 0.3, place 0.4, 'về' 0.6, 'bộ' 0.8; the date nothing was read for last
    assert [(i["kind"], i["old"]) for i in queue] == [("word", "Xá"), ("field", "Xá Nam"), ("word", "về"),
                                                      ("word", "bộ"), ("field", "")]
    assert queue[0]["alternatives"] == ["Xã", "Xa"] and queue[0]["page"] == 1
    assert queue[1]["page"] == 1 and queue[1]["box"] is not None  # the field shown at its line
    page = DocumentView.of(doc).page(1)
    assert {w["text"]: w["flags"] for w in page["words"]}["Xá"] == ["low", "doubt", "changed"]
    assert "stamp" in page["words"][0]["flags"]


def test_the_app_teaches_the_lexicon_the_next_ingest_reads(outdir):
    library = Library(outdir, outdir / "lexicon.json")
    view = library.view(NAME)[0]
    page = view.archive_page(1)
    li, wi = next((li, wi) for li, line in enumerate(page.lines) for wi, w in enumerate(line.words) if w.original == "Po")
    w = page.lines[li].words[wi]
    library.correct(NAME, who="t", kind="word", target=f"p1.l{li}.w{wi}", where=where(li, wi, w), old=w.text, new="Pồ")
    assert read_forms(outdir / "lexicon.json") == {"po": "Pồ"}


def test_a_broken_review_file_is_named_and_never_overwritten(server, outdir):
    broken = '{"format": 1, "document": "scan.json", "revision": 1, "entries": [{"id": 1}]}'
    (outdir / "scan.review.json").write_text(broken)
    status, data = http(f"{server}/api/documents/{NAME}")
    assert status == 500 and "review file cannot be read" in json.loads(data)["error"]
    status, _ = http(f"{server}/api/documents/{NAME}/corrections",
                     {"kind": "field", "target": "metadata.place", "old": "", "new": "Huế", "where": {}})
    assert status == 500 and (outdir / "scan.review.json").read_text() == broken
    done = run_cli("export", str(outdir), "--what", "documents", "--format", "jsonl")
    assert done.returncode == 1 and b"its review file scan.review.json cannot be read" in done.stderr
    assert done.stdout == b""  # the machine reading is not exported in its place
