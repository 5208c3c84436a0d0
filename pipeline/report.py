"""`vnresolve report OUTDIR`: what a batch produced, from its manifest alone.

Reading the manifest rather than every JSON keeps the report instant on an
archive of thousands of outputs; the per-document counts it needs were
recorded there when each document finished.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console, Group
from rich.table import Table

from vnresolve.pipeline.manifest import MANIFEST_NAME, read_records
from vnresolve.pipeline.result import ConversionResult, ConversionStatus, quoted


@dataclass
class Summary:
    files: int = 0
    unique: int = 0
    failed: list[ConversionResult] = field(default_factory=list)
    duplicates: int = 0
    finished: list[ConversionResult] = field(default_factory=list)  # one converted result per unique document
    bad_lines: list[str] = field(default_factory=list)  # manifest lines left out, each with why


def summarise(outdir: Path) -> Summary:
    results, bad = [], []
    for record in read_records(outdir / MANIFEST_NAME):
        try:
            results.append(ConversionResult.from_record(record))
        except ValueError as err:
            bad.append(f"{quoted(record.get('input'))}: {err}")
    converted_by_hash = {r.hash: r for r in results if r.converted and r.hash}
    latest = {r.abspath or r.input: r for r in results}  # a later retry supersedes an earlier failure
    summary = Summary(files=len(latest), bad_lines=bad)
    seen: set[str] = set()
    for result in latest.values():
        if result.status is ConversionStatus.FAILURE:
            summary.failed.append(result)
            continue
        summary.duplicates += result.duplicate_of is not None
        done = converted_by_hash.get(result.hash)
        if done and done.hash not in seen:
            seen.add(done.hash)
            summary.finished.append(done)
    summary.unique = len(seen)
    return summary


def _counter_table(title: str, counts: Counter, label: str, limit: int = 15) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(label)
    table.add_column("documents", justify="right")
    for key, n in counts.most_common(limit):
        table.add_row(key, str(n))
    if len(counts) > limit:
        table.caption = f"{len(counts) - limit} more"
    return table


def render(outdir: Path) -> Group:
    s = summarise(outdir)
    done = s.finished
    overview = Table(title=f"vnresolve report: {outdir}", title_justify="left", show_header=False)
    overview.add_column(justify="left")
    overview.add_column(justify="right")
    for label, value in (
        ("input files", s.files), ("documents converted (unique bytes)", s.unique), ("duplicate files", s.duplicates),
        ("failed", len(s.failed)), ("pages", sum(r.pages for r in done)),
        ("indicators", sum(r.indicators for r in done)), ("tasks", sum(r.tasks for r in done)),
        ("agency mentions (distinct per document)", sum(r.agencies for r in done)),
        ("words restored", sum(r.corrected for r in done)),
        ("of them to review (confidence below 0.5)", sum(r.to_review for r in done)),
        ("processing time (s, sum over documents)", f"{sum(r.seconds for r in done):.1f}"),
    ):
        overview.add_row(label, str(value))
    parts = [overview,
             _counter_table("Documents by type", Counter(r.doc_type or "(unknown)" for r in done), "type"),
             _counter_table("Documents by issuer", Counter(r.issuer or "(unknown)" for r in done), "issuer")]
    most = Table(title="Most indicators", title_justify="left")
    for col in ("document", "number", "indicators", "tasks"):
        most.add_column(col, justify="right" if col in ("indicators", "tasks") else "left")
    for r in sorted(done, key=lambda r: (-r.indicators, r.input))[:10]:
        most.add_row(Path(r.input).name, r.number or "-", str(r.indicators), str(r.tasks))
    slow = Table(title="Slowest documents", title_justify="left")
    for col in ("document", "pages", "seconds", "s/page"):
        slow.add_column(col, justify="left" if col == "document" else "right")
    for r in sorted(done, key=lambda r: (-r.seconds, r.input))[:10]:
        pages, secs = r.pages, r.seconds
        slow.add_row(Path(r.input).name, str(pages), f"{secs:.1f}", f"{secs / pages:.1f}" if pages else "-")
    review = Table(title="Words to review (confidence < 0.5)", title_justify="left")
    for col in ("document", "to review", "restored"):
        review.add_column(col, justify="left" if col == "document" else "right")
    for r in sorted((r for r in done if r.to_review), key=lambda r: (-r.to_review, r.input))[:10]:
        review.add_row(Path(r.input).name, str(r.to_review), str(r.corrected))
    parts += [most, slow] + ([review] if review.row_count else [])
    if s.failed:
        fail = Table(title=f"Failures ({len(s.failed)})", title_justify="left")
        for col in ("document", "stage", "reason"):
            fail.add_column(col, overflow="fold")
        for r in sorted(s.failed, key=lambda r: r.input):
            fail.add_row(r.input, ", ".join(e.stage for e in r.errors) or "-", "; ".join(e.message for e in r.errors) or "-")
        parts.append(fail)
    return Group(*parts)


def print_report(outdir: Path, console: Console, errors: Console | None = None) -> Summary:
    console.print(render(outdir))
    summary = summarise(outdir)
    for line in summary.bad_lines:
        (errors or console).print(f"warning: {MANIFEST_NAME}: line of {line}; left out", highlight=False, markup=False,
                                  soft_wrap=True)
    return summary
