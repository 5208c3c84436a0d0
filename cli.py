"""vnresolve command line: scanned Vietnamese government documents to structured JSON.

Run as `vnresolve …` once installed, or `python cli.py …` from a checkout.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table as RichTable

app = typer.Typer(
    name="vnresolve",
    help="Turn scanned Vietnamese government documents (resolutions, reports, plans) into validated JSON.",
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
out_console = Console()
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
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _read_input(file: Optional[Path]) -> str:
    from ingest.text import decode_text

    if file is None or str(file) == "-":
        data = sys.stdin.buffer.read()
    else:
        if not file.is_file():
            err_console.print(f"error: {file}: no such file")
            raise typer.Exit(EXIT_USAGE)
        data = file.read_bytes()
    try:
        return decode_text(data)[0]
    except Exception as err:
        err_console.print(f"error: {file or 'stdin'}: {err}")
        raise typer.Exit(EXIT_FAILURES) from err


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive): .pdf .png .jpg .jpeg .tif .tiff .txt")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output folder for <name>.json files.")],
    workers: Annotated[int, typer.Option("--workers", "-j", min=0, help="Worker processes; 0 = one per CPU core.")] = 0,
    lang: Annotated[str, typer.Option(help="Tesseract language(s), e.g. vie or vie+eng.")] = "vie",
    force: Annotated[bool, typer.Option("--force", help="Reprocess documents whose output already exists.")] = False,
    no_restore: Annotated[bool, typer.Option("--no-restore", help="Skip diacritic restoration.")] = False,
    ocr: Annotated[str, typer.Option(help="auto: reuse good text layers; always: OCR every page; never: text layer only.")] = "auto",
) -> None:
    """Convert documents to JSON, one OUTPUT/<name>.json per document.

    Exit status: 0 all succeeded, 1 some failed (each reported), 2 usage error.

    Example: vnresolve ingest scans/ extra.pdf -o out/ --workers 2
    """
    from ingest import IngestOptions
    from pipeline.batch import discover, run_batch
    from pipeline.process import PipelineOptions

    missing = [p for p in paths if not p.exists()]
    if missing:
        err_console.print(f"error: no such file or folder: {', '.join(map(str, missing))}")
        raise typer.Exit(EXIT_USAGE)
    if ocr not in ("auto", "always", "never"):
        err_console.print("error: --ocr must be auto, always or never")
        raise typer.Exit(EXIT_USAGE)
    files = discover(paths)
    if not files:
        err_console.print("error: no supported documents found (.pdf .png .jpg .jpeg .tif .tiff .txt)")
        raise typer.Exit(EXIT_USAGE)
    workers = workers or os.cpu_count() or 1
    options = PipelineOptions(ingest=IngestOptions(lang=lang, ocr=ocr), restore=not no_restore)

    def report(outcome) -> None:
        if not outcome.ok:
            err_console.print(f"FAILED {outcome.path}: {outcome.reason}", highlight=False, soft_wrap=True)
        elif State.verbose:
            err_console.print(f"ok {outcome.path} -> {outcome.output} ({outcome.seconds:.1f}s)", highlight=False)

    outcomes = run_batch(files, output, options, workers=workers, skip_existing=not force, on_done=report)
    failed = [o for o in outcomes if not o.ok]
    if not State.quiet:
        table = RichTable(title=f"vnresolve: {len(outcomes) - len(failed)} ok, {len(failed)} failed → {output}")
        for col in ("document", "type", "pages", "indicators", "tasks", "agencies", "seconds"):
            table.add_column(col, justify="left" if col in ("document", "type") else "right")
        for o in outcomes:
            kind = o.doc_type or "-" if o.ok else "FAILED"
            note = "" if o.ok and not o.reason else (o.reason or "")
            table.add_row(o.path.name, kind if not note.startswith("skipped") else "skipped", str(o.pages), str(o.indicators),
                          str(o.tasks), str(o.agencies), f"{o.seconds:.1f}")
        out_console.print(table)
    raise typer.Exit(EXIT_FAILURES if failed else EXIT_OK)


@app.command()
def restore(
    file: Annotated[Optional[Path], typer.Argument(help="Text file; stdin when omitted or '-'.")] = None,
    model: Annotated[str, typer.Option(help="Restorer: default or passthrough.")] = "default",
) -> None:
    """Restore Vietnamese diacritics in OCR or accent-stripped text, to stdout.

    Example: echo "Nghi quyet Dai hoi Dang bo tinh" | vnresolve restore
    """
    from diacritics import load_restorer

    text = _read_input(file)
    sys.stdout.write(load_restorer(model).restore(text).text)


@app.command()
def parse(
    file: Annotated[Optional[Path], typer.Argument(help="Text file; stdin when omitted or '-'.")] = None,
    no_restore: Annotated[bool, typer.Option("--no-restore", help="Parse the text as it is.")] = False,
) -> None:
    """Parse text into Document JSON on stdout (no OCR).

    Example: vnresolve parse samples/002_resolution_ha_tu.txt > doc.json
    """
    from ingest import IngestError
    from pipeline.process import PipelineOptions, process_file, process_text
    from schemas import dump_document

    options = PipelineOptions(restore=not no_restore)
    if file is not None and str(file) != "-":
        if not file.is_file():
            err_console.print(f"error: {file}: no such file")
            raise typer.Exit(EXIT_USAGE)
        try:
            doc = process_file(file, options)
        except IngestError as err:
            err_console.print(f"error: {file}: {err}")
            raise typer.Exit(EXIT_FAILURES) from err
    else:
        doc = process_text(_read_input(None), "<stdin>", options)
    sys.stdout.write(dump_document(doc))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Document (schema_version 1.0).

    Example: vnresolve schema > document.schema.json
    """
    from schemas.io import json_schema_text

    sys.stdout.write(json_schema_text())


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Document JSON files to check against the schema.")],
) -> None:
    """Check Document JSON files; exit 1 naming the file and the path of the first error.

    Example: vnresolve validate out/*.json
    """
    from pydantic import ValidationError

    from schemas import Document

    bad = 0
    for file in files:
        try:
            Document.model_validate_json(file.read_bytes())
        except FileNotFoundError:
            err_console.print(f"{file}: no such file", highlight=False)
            bad += 1
        except ValidationError as err:
            first = err.errors()[0]
            where = "/".join(str(p) for p in first["loc"]) or "(root)"
            err_console.print(f"{file}: invalid at {where}: {first['msg']}", highlight=False, soft_wrap=True)
            bad += 1
        else:
            if not State.quiet:
                out_console.print(f"{file}: valid", highlight=False)
    raise typer.Exit(EXIT_FAILURES if bad else EXIT_OK)


if __name__ == "__main__":
    app()
