"""vnresolve command line: scanned Vietnamese government documents to structured JSON.

Run as `vnresolve …` once installed, or `python cli.py …` from a checkout.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer
from rich.console import Console
from rich.table import Table as RichTable

from vnresolve.ingest.options import IngestOptions, OcrMode
from vnresolve.pipeline.result import quoted
from vnresolve.pipeline.options import PdfaLevel, PipelineOptions, RestorerName
from vnresolve.schemas.record import RecordForm

app = typer.Typer(
    name="vnresolve",
    help="Turn scanned Vietnamese government documents (every Party and state type) into validated JSON.",
    epilog=(
        "\b\nExamples:\n"
        "  vnresolve ingest samples/ -o out/          convert a folder (PDF, images, .txt)\n"
        "  vnresolve restore < ocr.txt > fixed.txt     repair mangled Vietnamese diacritics\n"
        "  vnresolve parse report.txt > report.json    text to Document JSON, no OCR\n"
        "  vnresolve validate out/*.json               check files against the schema"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
err_console = Console(stderr=True)
# Off a terminal (make run, pipes, CI logs) rich would squeeze tables into 80 columns and
# truncate document names; summary tables are for reading, so give them room.
out_console = Console(width=None if sys.stdout.isatty() else 132)
log = logging.getLogger("vnresolve")

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2


class State:
    verbose = False
    quiet = False


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Log every stage and decision.")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print only errors.")] = False,
) -> None:
    """Global options apply to every command."""
    State.verbose, State.quiet = verbose, quiet
    # Libraries' INFO (fontTools' ~30 lines per --pdf document, pikepdf's) would bury the failure
    # lines; only -v shows them. vnresolve's own INFO shows unless -q.
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger("vnresolve").setLevel(logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO)


def _read_input(file: Optional[Path]) -> str:
    return _read_input_checked(file)[0]


def _read_input_checked(file: Optional[Path]) -> tuple[str, str, list]:
    """(text, encoding, warnings); each warning is also printed, since `restore` has no JSON to hold it."""
    from vnresolve.ingest.text import decode_text_checked

    if file is None or str(file) == "-":
        data = sys.stdin.buffer.read()
    else:
        if not file.is_file():
            err_console.print(f"error: {quoted(file)}: no such file", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_USAGE)
        data = file.read_bytes()
    try:
        decoded = decode_text_checked(data)
    except Exception as err:
        err_console.print(f"error: {quoted(file or 'stdin')}: {err}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_FAILURES) from err
    for warning in decoded[2]:
        if warning.code != "legacy-encoding":
            err_console.print(f"warning: {quoted(file or 'stdin')}: {warning.message}", highlight=False, soft_wrap=True)
    return decoded


def _help(model, name: str) -> str:
    """An option's help is its field's description in the options model."""
    return model.model_fields[name].description


def _default(model, name: str):
    return model.model_fields[name].default


RESTORER_HELP = _help(PipelineOptions, "restorer")
RECORD_HELP = _help(PipelineOptions, "record")
ExecutorKind = Literal["local", "dask"]


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive): .pdf .png .jpg .jpeg .tif .tiff .txt")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output folder for <name>.json files and manifest.jsonl.")],
    workers: Annotated[Optional[int], typer.Option("--workers", "-j", min=1, help="Worker processes (default and most: CPU cores, fewer when memory is short); with fewer documents than workers the spare ones OCR pages.")] = None,
    lang: Annotated[str, typer.Option(help=_help(IngestOptions, "lang"))] = _default(IngestOptions, "lang"),
    force: Annotated[bool, typer.Option("--force", help="Reprocess documents a previous run already finished.")] = False,
    no_restore: Annotated[bool, typer.Option("--no-restore", help="Skip diacritic restoration.")] = False,
    restorer: Annotated[RestorerName, typer.Option(help=RESTORER_HELP)] = _default(PipelineOptions, "restorer"),
    ocr: Annotated[OcrMode, typer.Option(help=_help(IngestOptions, "ocr"))] = _default(IngestOptions, "ocr"),
    dpi: Annotated[Optional[int], typer.Option(help=_help(IngestOptions, "dpi"), min=50, max=1200)] = _default(IngestOptions, "dpi"),
    psm: Annotated[int, typer.Option(help=_help(IngestOptions, "psm"), min=0, max=13)] = _default(IngestOptions, "psm"),
    tables: Annotated[bool, typer.Option("--tables/--no-tables", help=_help(IngestOptions, "tables"))] = _default(IngestOptions, "tables"),
    max_page_mpixels: Annotated[float, typer.Option(help=_help(IngestOptions, "max_page_mpixels"), min=0.01, max=1000)] = _default(IngestOptions, "max_page_mpixels"),
    timeout: Annotated[float, typer.Option(help="Seconds one document may take before it is stopped and reported (0: no limit).", min=0)] = 3600,
    executor: Annotated[ExecutorKind, typer.Option(help="local: worker processes here; dask: a dask.distributed cluster.")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")] = None,
    record: Annotated[RecordForm, typer.Option(help=RECORD_HELP)] = _default(PipelineOptions, "record"),
    pdf: Annotated[bool, typer.Option("--pdf", help=_help(PipelineOptions, "pdf"))] = _default(PipelineOptions, "pdf"),
    pdfa: Annotated[PdfaLevel, typer.Option(help=_help(PipelineOptions, "pdfa"))] = _default(PipelineOptions, "pdfa"),
    alto: Annotated[bool, typer.Option("--alto", help=_help(PipelineOptions, "alto"))] = _default(PipelineOptions, "alto"),
    hocr: Annotated[bool, typer.Option("--hocr", help=_help(PipelineOptions, "hocr"))] = _default(PipelineOptions, "hocr"),
    lexicon: Annotated[Optional[Path], typer.Option(help=_help(PipelineOptions, "lexicon") + " Default: "
                                                    "OUTPUT/lexicon.json when it exists.")] = None,
) -> None:
    """Convert documents to JSON, one OUTPUT/<name>.json per document, resumably.

    Documents are identified by the SHA-256 of their bytes: a re-run skips
    what OUTPUT/manifest.jsonl records as finished with the same pipeline
    version (--force redoes it), the same bytes under two names are
    converted once, and a run killed at any moment can simply be re-run.

    Exit status: 0 all succeeded, 1 some failed (one 'file: stage: reason'
    line each on stderr, also in the manifest), 2 usage error, 130 Ctrl-C
    (finished documents are kept).

    \b
    Examples:
      vnresolve ingest scans/ extra.pdf -o out/ --workers 2
      vnresolve ingest /archive -o /data/out --timeout 900   # same command again resumes
      vnresolve ingest /mnt/archive -o out/ --executor dask --scheduler tcp://head:8786
      vnresolve ingest scans/ -o out/ --pdf --alto   # also out/<name>.pdf (PDF/A-2b) and .alto.xml
      vnresolve report out/ ; vnresolve export out/ --format xlsx -o targets.xlsx
    """
    from vnresolve.pipeline.batch import discover, run_batch
    from vnresolve.pipeline.discover import source_names
    from vnresolve.pipeline.manifest import MANIFEST_NAME, OutdirBusy
    from vnresolve.pipeline.progress import BatchProgress
    from vnresolve.pipeline.result import ConversionStatus

    missing = [p for p in paths if not p.exists()]
    if missing:
        err_console.print(f"error: no such file or folder: {', '.join(map(str, missing))}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    if scheduler and executor != "dask":
        err_console.print("error: --scheduler needs --executor dask")
        raise typer.Exit(EXIT_USAGE)
    if output.exists() and not output.is_dir():
        err_console.print(f"error: {quoted(output)} exists and is not a folder", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    passed: list = []
    # OUTDIR's own manifest and outputs are not inputs, even when -o is inside (or is) an input folder
    own = [output, output / MANIFEST_NAME, *(output.glob("*.json") if output.is_dir() else ()),
           # searchable PDFs written beside their JSON are outputs too, not documents to convert
           *(p for p in (output.glob("*.pdf") if output.is_dir() else ()) if p.with_suffix(".json").exists())]
    files = discover(paths, passed, skip=own)
    if not files and not any(p.failed for p in passed):
        err_console.print("error: no supported documents found (.pdf .png .jpg .jpeg .tif .tiff .txt)")
        raise typer.Exit(EXIT_USAGE)
    if executor == "local":
        from vnresolve.pipeline.executors import worker_cap

        cap, reason = worker_cap()
        if workers and workers > cap:
            err_console.print(f"warning: --workers {workers} is more than this machine runs well ({reason}); "
                              f"using {cap}", highlight=False, soft_wrap=True)
        workers = min(workers or cap, cap)
    else:
        workers = workers or os.cpu_count() or 1
    options = PipelineOptions(ingest=IngestOptions(lang=lang, ocr=ocr, dpi=dpi, psm=psm, tables=tables, max_page_mpixels=max_page_mpixels),
                              restore=not no_restore, restorer=restorer, record=record, pdf=pdf, pdfa=pdfa,
                              alto=alto, hocr=hocr, lexicon=_lexicon_path(lexicon, output))

    with BatchProgress(err_console, len(files) + len(passed), quiet=State.quiet) as progress:
        def on_done(done) -> None:
            if done.status is ConversionStatus.SKIPPED and done.errors:  # met by discovery, left out on purpose
                if not State.quiet:
                    progress.note(f"{quoted(done.input)}: not taken: {done.errors[0].message}")
            elif done.status is ConversionStatus.PARTIAL_SUCCESS:  # written, with a part missing: say which
                progress.note(f"{quoted(done.input)}: converted in part: {done.reason}")
            elif done.errors:
                progress.note(f"{quoted(done.input)}: {done.reason}")
            status = "duplicate" if done.duplicate_of is not None else done.status.value
            progress.advance(status, quoted(done.input), done.pages, done.seconds)

        try:
            result = run_batch(files, output, options, workers=workers, force=force, timeout=timeout or None,
                               executor=executor, scheduler=scheduler, on_done=on_done, passed=passed,
                               names=source_names(paths))
        except OutdirBusy as err:
            err_console.print(f"error: {err}", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_USAGE) from err
        except RuntimeError as err:  # e.g. dask not installed or scheduler unreachable
            err_console.print(f"error: {err}", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_USAGE) from err
        except OSError as err:  # OUTDIR or its manifest not writable, disk full: nothing more can be recorded
            # the manifest, not the folder, when only the manifest is read-only; the folder when a
            # file in it (the lock, the manifest) could not be made
            where = Path(os.fsdecode(err.filename)) if err.filename else output
            if where != output and not where.exists():
                where = where.parent
            err_console.print(f"error: cannot write to {quoted(where)}: {err.strerror or err}", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_USAGE) from err
    failed = result.failed
    if not State.quiet:
        converted = result.count(ConversionStatus.SUCCESS) + result.count(ConversionStatus.PARTIAL_SUCCESS)
        partial = result.count(ConversionStatus.PARTIAL_SUCCESS)
        table = RichTable(title=f"vnresolve: {converted} converted ({partial} partially), "
                                f"{result.count(ConversionStatus.SKIPPED) - result.duplicates - result.not_taken} already done, "
                                f"{result.duplicates} duplicates, {len(failed)} failed"
                                + (f", {result.not_taken} not taken" if result.not_taken else "") + f" → {quoted(output)}")
        for col in ("document", "status", "type", "pages", "indicators", "tasks", "agencies", "seconds"):
            table.add_column(col, justify="left" if col in ("document", "status", "type") else "right")
        shown = [r for r in result.results if r.status is not ConversionStatus.SKIPPED
                 and not any(e.stage == "discover" for e in r.errors)]
        for r in shown[:40]:
            table.add_row(quoted(Path(r.input).name), r.status.value, r.doc_type or "-", str(r.pages), str(r.indicators),
                          str(r.tasks), str(r.agencies), f"{r.seconds:.1f}")
        if len(shown) > 40:
            table.caption = f"{len(shown) - 40} more: vnresolve report {output}"
        out_console.print(table if shown else table.title, highlight=False)
        pages = sum(r.pages for r in result.results if r.converted)
        out_console.print(f"{pages} pages in {result.seconds:.1f} s ({pages / max(result.seconds, 1e-9) * 60:.0f} pages/min)", highlight=False, soft_wrap=True)
    if result.interrupted:
        err_console.print(f"interrupted: {len(result.results)} of {len(files) + len(passed)} paths recorded; re-run the same command to resume", soft_wrap=True)
        raise typer.Exit(130)
    raise typer.Exit(EXIT_FAILURES if failed else EXIT_OK)


def _lexicon_path(given: Optional[Path], output: Path) -> str | None:
    """The lexicon to read: the one given, else the review app's OUTPUT/lexicon.json when there is one."""
    if given is not None:
        if not given.is_file():
            err_console.print(f"error: --lexicon {quoted(given)}: no such file", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_USAGE)
        return str(given.resolve())
    learnt = output / "lexicon.json"
    if not learnt.is_file():
        return None
    from vnresolve.pipeline.batch import is_document_output

    try:  # an earlier version wrote the output of an input named lexicon.* there: a document, no lexicon
        if is_document_output(learnt):
            return None
    except OSError:
        pass  # the batch names the file it cannot read
    return str(learnt.resolve())


@app.command()
def export(
    outdir: Annotated[Path, typer.Argument(help="A folder written by `vnresolve ingest`.")],
    format: Annotated[str, typer.Option("--format", "-f", help="csv (UTF-8 with BOM), xlsx, jsonl or parquet.")] = "csv",
    what: Annotated[str, typer.Option("--what", help="indicators, tasks, agencies, documents or pages (each page's text).")] = "indicators",
    to: Annotated[Optional[Path], typer.Option("-o", "--output", help="Output file (default: stdout for csv/jsonl).")] = None,
) -> None:
    """One table of every indicator (or task, agency, document) across a batch's outputs.

    Each row carries the document, its number, type, issuer and date, and the
    item's section and page. Vietnamese text is kept intact in every format.

    \b
    Examples:
      vnresolve export out/ --format xlsx -o targets.xlsx
      vnresolve export out/ --what tasks --format csv > tasks.csv
      vnresolve export out/ --what documents --format parquet -o docs.parquet
    """
    from vnresolve.pipeline.export import ExportError
    from vnresolve.pipeline.export import export as run_export

    if not outdir.is_dir():
        err_console.print(f"error: {quoted(outdir)}: no such folder", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    skipped: list = []
    try:
        n = run_export(outdir, format.lower(), what.lower(), to, skipped)
    except ExportError as err:
        err_console.print(f"error: {err}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from err
    if to is not None and not State.quiet:
        err_console.print(f"{n} {what} rows → {quoted(to)}", highlight=False, soft_wrap=True)
    if skipped:  # each was named on its own line as it was met
        err_console.print(f"error: {len(skipped)} document(s) skipped: {', '.join(quoted(f.name) for f, _ in skipped)}",
                          highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_FAILURES)


@app.command()
def report(
    outdir: Annotated[Path, typer.Argument(help="A folder written by `vnresolve ingest`.")],
) -> None:
    """Summary of a batch: documents by type and issuer, failures, indicators, slowest documents.

    Exit status 1 when the batch has failed documents or manifest lines that cannot be read (each
    named on stderr), so scripts can check it.

    Example: vnresolve report out/
    """
    from vnresolve.pipeline.manifest import MANIFEST_NAME
    from vnresolve.pipeline.report import print_report

    if not (outdir / MANIFEST_NAME).is_file():
        err_console.print(f"error: {quoted(outdir / MANIFEST_NAME)} not found (run `vnresolve ingest ... -o {quoted(outdir)}` first)", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    summary = print_report(outdir, out_console, err_console)
    raise typer.Exit(EXIT_FAILURES if summary.failed or summary.bad_lines else EXIT_OK)


@app.command()
def restore(
    file: Annotated[Optional[Path], typer.Argument(help="Text file; stdin when omitted or '-'.")] = None,
    model: Annotated[RestorerName, typer.Option(help=RESTORER_HELP)] = _default(PipelineOptions, "restorer"),
    as_json: Annotated[bool, typer.Option("--json", help="Print {\"text\", \"restoration\"}: the restored text and, "
                                          "per changed word, its span, original, confidence and alternatives "
                                          "(the Document JSON's `restoration` record), for review tools.")] = False,
    record: Annotated[RecordForm, typer.Option(help=RECORD_HELP)] = _default(PipelineOptions, "record"),
) -> None:
    """Restore Vietnamese diacritics in OCR or accent-stripped text, to stdout.

    Example: echo "Nghi quyet Dai hoi Dang bo tinh" | vnresolve restore
    """
    from vnresolve.pipeline.api import restore as restore_with_records
    from vnresolve.pipeline.api import restore_text

    if not as_json:  # the text alone: no per-word records are made (a tenth of the memory on long input)
        sys.stdout.write(restore_text(_read_input(file), model))
        return
    from vnresolve.pipeline.restore import restoration_of
    from vnresolve.schemas.io import dump_restoration

    result = restore_with_records(_read_input(file), model)
    sys.stdout.write(dump_restoration(result.text, restoration_of(result), record))


@app.command()
def parse(
    file: Annotated[Optional[Path], typer.Argument(help="Text file; stdin when omitted or '-'.")] = None,
    no_restore: Annotated[bool, typer.Option("--no-restore", help="Parse the text as it is.")] = False,
    restorer: Annotated[RestorerName, typer.Option(help=RESTORER_HELP)] = _default(PipelineOptions, "restorer"),
    record: Annotated[RecordForm, typer.Option(help=RECORD_HELP)] = _default(PipelineOptions, "record"),
) -> None:
    """Parse text into Document JSON on stdout (no OCR).

    Example: vnresolve parse samples/002-resolution-ha-tu-ward.txt > doc.json
    """
    from vnresolve.pipeline.api import parse_file
    from vnresolve.pipeline.process import StageError
    from vnresolve.schemas import dump_document

    options = PipelineOptions(restore=not no_restore, restorer=restorer, record=record)
    errors: list = []
    if file is not None and str(file) != "-":
        if not file.is_file():
            err_console.print(f"error: {quoted(file)}: no such file", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_USAGE)
        try:
            doc = parse_file(file, options, errors, name=file.name)  # the same JSON however the path is typed
        except StageError as err:
            err_console.print(f"error: {quoted(file)}: {err.item.message}", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_FAILURES) from err
    else:
        from vnresolve.pipeline.process import process_text

        text, encoding, warnings = _read_input_checked(None)
        doc = process_text(text, "<stdin>", options, errors, encoding=encoding, warnings=warnings)
    for item in errors:  # the JSON is still written: the other parsers' parts are in it
        err_console.print(f"warning: {item}", highlight=False, soft_wrap=True)
    sys.stdout.write(dump_document(doc, options.record))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Document (schema_version 1.6; it admits both record forms).

    Example: vnresolve schema > document.schema.json
    """
    from vnresolve.schemas.io import json_schema_text

    sys.stdout.write(json_schema_text())


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Document JSON files to check against the schema.")],
) -> None:
    """Check Document JSON files; exit 1 naming the file and the path of the first error.

    Example: vnresolve validate out/*.json
    """
    from pydantic import ValidationError

    from vnresolve.schemas import Document

    bad = 0
    for file in files:
        try:
            Document.model_validate_json(file.read_bytes())
        except FileNotFoundError:
            err_console.print(f"{quoted(file)}: no such file", highlight=False, soft_wrap=True)
            bad += 1
        except IsADirectoryError:
            err_console.print(f"{quoted(file)}: is a folder (give its files, e.g. {quoted(file)}/*.json)", highlight=False, soft_wrap=True)
            bad += 1
        except OSError as err:
            err_console.print(f"{quoted(file)}: cannot read: {err.strerror or err}", highlight=False, soft_wrap=True)
            bad += 1
        except ValidationError as err:
            first = err.errors()[0]
            where = "/".join(str(p) for p in first["loc"]) or "(root)"
            err_console.print(f"{quoted(file)}: invalid at {where}: {first['msg']}", highlight=False, soft_wrap=True)
            bad += 1
        else:
            if not State.quiet:
                out_console.print(f"{quoted(file)}: valid", highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_FAILURES if bad else EXIT_OK)


@app.command()
def review(
    outdir: Annotated[Path, typer.Argument(help="A folder written by `vnresolve ingest`.")],
    port: Annotated[int, typer.Option(help="Port to serve on.", min=0, max=65535)] = 8765,
    host: Annotated[str, typer.Option(help="Address to listen on; anything but loopback needs --allow-remote.")] = "127.0.0.1",
    allow_remote: Annotated[bool, typer.Option("--allow-remote", help="Serve on a --host other than loopback: "
                                               "anyone who reaches it can read the documents and their pages.")] = False,
    lexicon: Annotated[Optional[Path], typer.Option(help="Where corrected names, places and agencies are learnt "
                                                    "(default OUTDIR/lexicon.json; give it to `ingest --lexicon`).")] = None,
    reviewer: Annotated[Optional[str], typer.Option(help="Name recorded with each correction (default: the login name).")] = None,
) -> None:
    """Review a batch in the browser: each page beside what was read, the least sure words and
    fields first, the record, indicators and tasks as editable tables.

    Corrections are saved at once to OUTDIR/<name>.review.json (who, when, old, new, where) and are
    applied wherever the document is read again: `export`, the PDF and ALTO, `ingest --force`.
    Page images are rendered from the source files; nothing is fetched from the network.

    \b
    Examples:
      vnresolve review out/                 then open http://127.0.0.1:8765/
      vnresolve review out/ --port 9000 --lexicon archive-lexicon.json
    """
    import ipaddress

    from vnresolve.review.app import serve
    from vnresolve.review.lexicon import NAME as LEXICON_NAME

    if not outdir.is_dir():
        err_console.print(f"error: {quoted(outdir)}: no such folder", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not allow_remote:
        err_console.print(f"error: --host {quoted(host)} is not loopback; add --allow-remote to serve the documents "
                          "to other machines", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    if not loopback:
        err_console.print(f"warning: serving {quoted(outdir)} on {host}:{port} with no login: anyone who can reach it "
                          "can read and correct these documents", highlight=False, soft_wrap=True)
    if not State.quiet:
        err_console.print(f"reviewing {quoted(outdir)} at http://{'127.0.0.1' if host == 'localhost' else host}:{port}/ "
                          "(Ctrl-C to stop)", highlight=False, soft_wrap=True)
    serve(outdir, host=host, port=port, lexicon=lexicon or outdir / LEXICON_NAME, reviewer=reviewer)


if __name__ == "__main__":
    app()
