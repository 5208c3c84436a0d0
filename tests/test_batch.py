"""Batch behaviour a user relies on overnight: discovery, resume, duplicates, the manifest, OUTDIR lock."""

from __future__ import annotations

import json
import os
from pathlib import Path


from fixtures.paths import run_cli
from vnresolve.ingest import IngestOptions
from vnresolve.pipeline.batch import discover, run_batch
from vnresolve.pipeline.manifest import MANIFEST_NAME, lock_outdir, read_records
from vnresolve.pipeline.options import PipelineOptions
from vnresolve.pipeline.version import version_key
from vnresolve.schemas import Document
from fixtures.documents import make_folder, resolution

NO_RESTORE = PipelineOptions(restore=False)


def manifest(out: Path) -> list[dict]:
    return read_records(out / MANIFEST_NAME)


def test_discovery_is_recursive_sorted_skips_hidden_and_keeps_named_files(tmp_path: Path):
    for rel in ("b/z.txt", "b/a.pdf", "a.txt", "c/d/e.png", ".hidden/x.txt", "b/.~lock.txt", "notes.docx"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    found = discover([tmp_path, tmp_path / "notes.docx", tmp_path / "a.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b/a.pdf", "b/z.txt", "c/d/e.png", "notes.docx"]


def test_rerun_skips_finished_documents_and_force_redoes_them(tmp_path: Path):
    files = make_folder(tmp_path / "in", 4)
    out = tmp_path / "out"
    first = run_batch(files, out, NO_RESTORE, workers=2)
    assert [r.status.value for r in first.results].count("success") == 4
    before = {p.name: p.read_bytes() for p in out.glob("*.json")}
    assert len(before) == 4 and all(Document.model_validate_json(b) for b in before.values())

    again = run_batch(files, out, NO_RESTORE, workers=2)
    assert {r.status.value for r in again.results} == {"skipped"}
    assert len(manifest(out)) == 4  # nothing re-recorded, nothing reprocessed

    files[0].write_text(resolution(99), encoding="utf-8")  # edited: new bytes
    os.utime(files[1], ns=(1, 1))  # touched: same bytes, new mtime
    third = run_batch(files, out, NO_RESTORE, workers=2)
    status = {Path(r.input).name: r.status.value for r in third.results}
    assert status == {"nq000.txt": "success", "nq001.txt": "skipped", "nq002.txt": "skipped", "nq003.txt": "skipped"}
    assert "99-NQ/ĐU" in (out / "nq000.json").read_text(encoding="utf-8")
    assert sorted(r["status"] for r in manifest(out)[4:]) == ["skipped", "success"]

    forced = run_batch(files, out, NO_RESTORE, workers=2, force=True)
    assert [r.status.value for r in forced.results].count("success") == 4
    assert {p.name: p.read_bytes() for p in out.glob("*.json") if p.name != "nq000.json"} == {
        k: v for k, v in before.items() if k != "nq000.json"}


def test_a_new_pipeline_version_key_invalidates_finished_outputs(tmp_path: Path):
    files = make_folder(tmp_path / "in", 2)
    out = tmp_path / "out"
    run_batch(files, out, NO_RESTORE, workers=1)
    other = PipelineOptions(restore=False, ingest=IngestOptions(lang="vie+eng"))
    assert version_key(other) != version_key(NO_RESTORE)
    assert {r.status.value for r in run_batch(files, out, other, workers=1).results} == {"success"}
    assert {r.status.value for r in run_batch(files, out, other, workers=1).results} == {"skipped"}


def test_same_bytes_under_two_names_are_processed_once_and_both_recorded(tmp_path: Path):
    src = tmp_path / "in"
    files = make_folder(src, 2)
    (src / "sub").mkdir()
    copy = src / "sub" / "copy-of-nq000.txt"
    copy.write_bytes(files[0].read_bytes())
    out = tmp_path / "out"
    proc = run_cli("ingest", str(src), "-o", str(out), "--no-restore", "--workers", "2")
    assert proc.returncode == 0, proc.stderr.decode()
    assert sorted(p.name for p in out.glob("*.json")) == ["nq000.json", "nq001.json"]
    records = {Path(r["input"]).name: r for r in manifest(out)}
    assert records["copy-of-nq000.txt"]["status"] == "skipped"
    assert records["copy-of-nq000.txt"]["duplicate_of"].endswith("nq000.txt")
    assert records["copy-of-nq000.txt"]["output"] == "nq000.json" == records["nq000.txt"]["output"]
    assert sum(r["status"] == "success" for r in manifest(out)) == 2


def test_same_stem_in_two_folders_gets_a_content_named_output_and_keeps_it(tmp_path: Path):
    (tmp_path / "2024").mkdir(parents=True)
    (tmp_path / "2025").mkdir()
    (tmp_path / "2024" / "01.txt").write_text(resolution(1), encoding="utf-8")
    (tmp_path / "2025" / "01.txt").write_text(resolution(2), encoding="utf-8")
    out = tmp_path / "out"
    run_batch([tmp_path / "2025" / "01.txt"], out, NO_RESTORE)
    run_batch(discover([tmp_path]), out, NO_RESTORE, workers=2)
    names = sorted(p.name for p in out.glob("*.json"))
    assert len(names) == 2 and "01.json" in names
    owner = json.loads((out / "01.json").read_text(encoding="utf-8"))["source"]["path"]
    assert owner.endswith("2025/01.txt")  # the first owner keeps its name when the folder grows


def test_inputs_named_like_reviews_own_files_get_outputs_review_never_takes_for_its_own(tmp_path: Path):
    """x.review.txt beside x.txt, and lexicon.txt: their outputs must not be x.review.json (read as
    x.json's corrections) or lexicon.json (the file a review writes its lexicon to)."""
    src = tmp_path / "in"
    src.mkdir()
    for i, name in enumerate(["x.txt", "x.review.txt", "lexicon.txt"]):
        (src / name).write_text(resolution(20 + i), encoding="utf-8")
    out = tmp_path / "out"
    run_batch(discover([src]), out, NO_RESTORE)
    outputs = {Path(r["input"]).name: r["output"] for r in read_records(out / MANIFEST_NAME)}
    assert outputs["x.txt"] == "x.json"
    assert not outputs["x.review.txt"].endswith(".review.json") and outputs["lexicon.txt"] != "lexicon.json", outputs
    proc = run_cli("export", str(out), "--what", "documents", "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr.decode()
    assert sorted(Path(json.loads(line)["document"]).name for line in proc.stdout.decode().splitlines()) == [
        "lexicon.txt", "x.review.txt", "x.txt"]


def test_outputs_an_earlier_version_gave_reviews_own_names_move_on_resume_without_converting_again(tmp_path: Path):
    """An OUTDIR written before such names were kept for review: x.review.txt's output at x.review.json
    (read as x.json's corrections) and lexicon.txt's at lexicon.json (taken as the archive lexicon). A
    re-run moves them, their ALTO and review file to today's names and converts nothing again."""
    src = tmp_path / "in"
    src.mkdir()
    for i, name in enumerate(["x.txt", "x.review.txt", "lexicon.txt"]):
        (src / name).write_text(resolution(20 + i), encoding="utf-8")
    out = tmp_path / "out"
    run_batch(discover([src]), out, PipelineOptions(restore=False, alto=True))
    # the same OUTDIR as the earlier version left it
    manifest = (out / MANIFEST_NAME).read_text(encoding="utf-8")
    for record in read_records(out / MANIFEST_NAME):
        stem, old = record["output"].removesuffix(".json"), Path(record["input"]).stem
        if stem != old:
            for suffix in (".json", ".alto.xml"):
                (out / f"{stem}{suffix}").rename(out / f"{old}{suffix}")
            manifest = manifest.replace(f'"{stem}.', f'"{old}.')
    (out / MANIFEST_NAME).write_text(manifest, encoding="utf-8")
    (out / "x.review.review.json").write_text("corrections", encoding="utf-8")
    assert {"x.review.json", "lexicon.json"} <= {p.name for p in out.iterdir()}

    proc = run_cli("ingest", str(src), "-o", str(out), "--no-restore", "--alto")
    assert proc.returncode == 0, proc.stderr.decode()
    said = (proc.stdout + proc.stderr).decode()
    assert "0 converted" in said and "3 already done" in said, said
    names = {p.name for p in out.iterdir()}
    assert not {"x.review.json", "lexicon.json", "x.review.alto.xml", "lexicon.alto.xml"} & names, names
    latest = {Path(r["input"]).name: r for r in read_records(out / MANIFEST_NAME)}
    for name in ("x.review.txt", "lexicon.txt"):
        output, archives = latest[name]["output"], latest[name]["archives"]
        assert output.startswith(Path(name).stem + "-") and (out / output).is_file(), latest[name]
        assert archives == [output.removesuffix(".json") + ".alto.xml"] and (out / archives[0]).is_file()
    reviewed = out / latest["x.review.txt"]["output"].replace(".json", ".review.json")
    assert reviewed.read_text(encoding="utf-8") == "corrections"
    reviewed.unlink()
    again = run_cli("ingest", str(src), "-o", str(out), "--no-restore", "--alto")
    assert "3 already done" in again.stdout.decode() and len(read_records(out / MANIFEST_NAME)) == 5
    proc = run_cli("export", str(out), "--what", "documents", "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr.decode()
    assert len(proc.stdout.decode().splitlines()) == 3


def test_an_earlier_output_at_a_review_name_that_review_has_overwritten_is_left_and_converted_again(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "lexicon.txt").write_text(resolution(22), encoding="utf-8")
    out = tmp_path / "out"
    run_batch(discover([src]), out, NO_RESTORE)
    (record,) = read_records(out / MANIFEST_NAME)
    (out / record["output"]).unlink()
    (out / MANIFEST_NAME).write_text(json.dumps({**record, "output": "lexicon.json"}) + "\n", encoding="utf-8")
    lexicon = '{"agencies": [], "format": 1, "words": {}}\n'
    (out / "lexicon.json").write_text(lexicon, encoding="utf-8")
    (done,) = run_batch(discover([src]), out, NO_RESTORE).results
    assert done.status.value == "success" and done.output == record["output"]
    assert (out / "lexicon.json").read_text(encoding="utf-8") == lexicon


def test_a_torn_manifest_line_and_stale_temp_files_from_a_crash_are_survived(tmp_path: Path):
    files = make_folder(tmp_path / "in", 3)
    out = tmp_path / "out"
    run_batch(files[:2], out, NO_RESTORE)
    with open(out / MANIFEST_NAME, "ab") as fh:
        fh.write(b'{"document": "half a line')
    (out / ".vnr-nq002.json.abc123.tmp").write_text("{ partial")
    result = run_batch(files, out, NO_RESTORE)
    assert sorted(r.status.value for r in result.results) == ["skipped", "skipped", "success"]
    assert not list(out.glob("*.tmp"))
    assert [Path(r["input"]).name for r in manifest(out)] == ["nq000.txt", "nq001.txt", "nq002.txt"][:2] + ["nq002.txt"]


def test_a_second_run_on_the_same_outdir_is_refused(tmp_path: Path):
    files = make_folder(tmp_path / "in", 1)
    out = tmp_path / "out"
    held = lock_outdir(out)
    try:
        proc = run_cli("ingest", str(files[0]), "-o", str(out), "--no-restore")
    finally:
        held.close()
    assert proc.returncode == 2 and b"in use by another vnresolve run" in proc.stderr
    assert run_cli("ingest", str(files[0]), "-o", str(out), "--no-restore").returncode == 0


def test_cli_usage_errors_exit_2(tmp_path: Path):
    files = make_folder(tmp_path / "in", 1)
    assert run_cli("ingest", str(files[0]), "-o", str(tmp_path / "o"), "--executor", "spark").returncode == 2
    assert run_cli("ingest", str(files[0]), "-o", str(tmp_path / "o"), "--scheduler", "tcp://x:1").returncode == 2
    help_text = run_cli("ingest", "--help").stdout.decode()
    assert "--executor dask --scheduler" in help_text and "resume" in help_text


def test_a_file_name_in_a_legacy_encoding_converts_and_resumes(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    name = os.fsdecode(b"ngh\xdb-quy\xd5t.txt")  # TCVN3 bytes: not UTF-8, so Python holds it with surrogates
    (src / name).write_text(resolution(5), encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("ingest", str(src), "-o", str(out), "--no-restore")
    assert proc.returncode == 0, proc.stderr.decode()
    [output] = out.glob("*.json")
    doc = Document.model_validate_json(output.read_bytes())
    assert doc.source.path.endswith("ngh\ufffd-quy\ufffdt.txt") and doc.metadata.number == "05-NQ/ĐU"
    assert [r["input"] for r in manifest(out)] == [(src / name).as_posix()]  # exact, \u-escaped in the file
    assert {r.status.value for r in run_batch(discover([src]), out, NO_RESTORE).results} == {"skipped"}


def test_progress_bar_on_a_terminal_shows_documents_pages_rate_and_eta():
    import io

    from rich.console import Console

    from vnresolve.pipeline.progress import BatchProgress

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=140)
    with BatchProgress(console, total=4) as progress:
        assert progress.live
        for status, pages in (("success", 3), ("skipped", 0), ("success", 2)):
            progress.advance(status, "x.pdf", pages, 1.0)
    text = buf.getvalue()
    assert "3/4" in text and "5 pages" in text and "pages/min" in text and "ETA" in text
    plain = io.StringIO()
    with BatchProgress(Console(file=plain, force_terminal=False, width=200), total=2) as progress:
        assert not progress.live
        progress.advance("success", "a.pdf", 3, 1.5)
        progress.advance("skipped", "b.pdf")
    assert plain.getvalue().startswith("[1/2] success a.pdf (3 pages, 1.5s;") and "skipped" not in plain.getvalue()


def test_workers_are_recycled_after_a_fixed_number_of_documents(tmp_path: Path):
    from vnresolve.pipeline.executors import Job, LocalExecutor

    files = make_folder(tmp_path / "in", 6)
    executor = LocalExecutor(NO_RESTORE, workers=2, jobs_per_worker=2)
    pid_of, results, todo = {}, [], list(enumerate(files))
    try:
        while todo or any(w.job for w in executor._pool):
            while todo and sum(w.job is not None for w in executor._pool) < executor.slots:
                key, path = todo.pop()
                executor.submit(Job(key, str(path)))
                pid_of[key] = next(w.process.pid for w in executor._pool if w.job and w.job.key == key)
            results += executor.collect(0.5)
    finally:
        executor.close()
    assert sorted(job.key for job, _ in results) == list(range(6)) and all(r.ok for _, r in results)
    from collections import Counter

    assert max(Counter(pid_of.values()).values()) == 2 and len(set(pid_of.values())) >= 3  # never more than 2 per process
    assert executor._pool == []


def test_a_users_file_in_outdir_is_never_overwritten(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "notes.txt").write_text(resolution(3), encoding="utf-8")
    mine = src / "notes.json"
    mine.write_text('{"my": "notes"}\n', encoding="utf-8")
    for extra in ([], ["--force"]):  # -o pointing at the input folder, then resumed, then forced
        for _ in range(2):
            proc = run_cli("ingest", str(src), "-o", str(src), "--no-restore", *extra)
            assert proc.returncode == 0, proc.stderr.decode()
    assert mine.read_text(encoding="utf-8") == '{"my": "notes"}\n'
    [record] = {r["output"] for r in manifest(src) if r["output"]}
    assert record.startswith("notes-") and record.endswith(".json")
    assert Document.model_validate_json((src / record).read_bytes()).metadata.number == "03-NQ/ĐU"


def test_an_output_orphaned_by_a_crash_is_still_replaced_under_its_name(tmp_path: Path):
    files = make_folder(tmp_path / "in", 1)
    out = tmp_path / "out"
    run_batch(files, out, NO_RESTORE)
    (out / MANIFEST_NAME).unlink()  # killed between the output's rename and its manifest line
    run_batch(files, out, NO_RESTORE)
    assert sorted(p.name for p in out.glob("*.json")) == ["nq000.json"]


def test_more_workers_than_the_machine_runs_well_are_capped_with_a_warning(tmp_path: Path):
    from vnresolve.pipeline.executors import worker_cap

    files = make_folder(tmp_path / "in", 3)
    cap, _ = worker_cap()
    proc = run_cli("ingest", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-restore", "--workers", "64")
    assert proc.returncode == 0, proc.stderr
    assert f"warning: --workers 64 is more than this machine runs well".encode() in proc.stderr
    assert f"using {cap}".encode() in proc.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == sorted(f.with_suffix(".json").name for f in files)


def test_the_worker_cap_follows_cores_and_available_memory(monkeypatch):
    from vnresolve.pipeline import executors

    cores = len(os.sched_getaffinity(0))
    monkeypatch.setattr(executors, "_available_memory", lambda: 64 * 2**30)
    assert executors.worker_cap()[0] == min(cores, 64 * 2**30 // executors.WORKER_MEMORY)
    monkeypatch.setattr(executors, "_available_memory", lambda: executors.WORKER_MEMORY + 1)
    cap, reason = executors.worker_cap()
    assert cap == 1 and ("memory" in reason or cores == 1)


def test_the_same_bytes_give_the_same_json_however_the_input_path_is_typed(tmp_path: Path):
    make_folder(tmp_path / "in", 1)
    make_folder(tmp_path / "in" / "2024", 1, start=1)
    outputs = []
    for n, typed in enumerate(["in", "./in/", str(tmp_path / "in")]):
        out = tmp_path / f"out{n}"
        assert run_cli("ingest", typed, "-o", str(out), "--no-restore", cwd=tmp_path).returncode == 0
        outputs.append({p.name: p.read_bytes() for p in sorted(out.glob("*.json"))})
        assert {Path(r["input"]).name for r in manifest(out)} == {"nq000.txt", "nq001.txt"}
    assert outputs[0] == outputs[1] == outputs[2]
    paths = sorted(json.loads(data)["source"]["path"] for data in outputs[0].values())
    assert paths == ["2024/nq001.txt", "nq000.txt"]  # relative to the folder given
    named = tmp_path / "out-file"
    assert run_cli("ingest", str(tmp_path / "in" / "2024" / "nq001.txt"), "-o", str(named), "--no-restore").returncode == 0
    assert json.loads((named / "nq001.json").read_text(encoding="utf-8"))["source"]["path"] == "nq001.txt"
    parsed = {run_cli("parse", typed, "--no-restore", cwd=tmp_path).stdout
              for typed in ("in/nq000.txt", str(tmp_path / "in" / "nq000.txt"))}
    assert len(parsed) == 1 and json.loads(parsed.pop())["source"]["path"] == "nq000.txt"
