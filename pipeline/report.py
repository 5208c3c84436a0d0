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

from vnresolve.pipeline.manifest import MANIFEST_NAME, latest_by_document, read_records


@dataclass
class Summary:
    files: int = 0
    unique: int = 0
    failed: list[dict] = field(default_factory=list)
    duplicates: int = 0
    finished: list[dict] = field(default_factory=list)  # one ok record per unique document


def summarise(outdir: Path) -> Summary:
    records = read_records(outdir / MANIFEST_NAME)
    ok_by_hash = {r["hash"]: r for r in records if r["status"] == "ok" and r.get("hash")}
    latest = latest_by_document(records)
    summary = Summary(files=len(latest))
    seen: set[str] = set()
    for record in latest.values():
        if record["status"] == "failed":
            summary.failed.append(record)
            continue
        summary.duplicates += record["status"] == "duplicate"
        ok = ok_by_hash.get(record.get("hash"))
        if ok and ok["hash"] not in seen:
            seen.add(ok["hash"])
            summary.finished.append(ok)
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
        ("failed", len(s.failed)), ("pages", sum(r.get("pages") or 0 for r in done)),
        ("indicators", sum(r.get("indicators") or 0 for r in done)), ("tasks", sum(r.get("tasks") or 0 for r in done)),
        ("agency mentions (distinct per document)", sum(r.get("agencies") or 0 for r in done)),
        ("words restored", sum(r.get("corrected") or 0 for r in done)),
        ("of them to review (confidence below 0.5)", sum(r.get("to_review") or 0 for r in done)),
        ("processing time (s, sum over documents)", f"{sum(r.get('seconds') or 0 for r in done):.1f}"),
    ):
        overview.add_row(label, str(value))
    parts = [overview,
             _counter_table("Documents by type", Counter(r.get("doc_type") or "(unknown)" for r in done), "type"),
             _counter_table("Documents by issuer", Counter(r.get("issuer") or "(unknown)" for r in done), "issuer")]
    most = Table(title="Most indicators", title_justify="left")
    for col in ("document", "number", "indicators", "tasks"):
        most.add_column(col, justify="right" if col in ("indicators", "tasks") else "left")
    for r in sorted(done, key=lambda r: (-(r.get("indicators") or 0), r["document"]))[:10]:
        most.add_row(Path(r["document"]).name, r.get("number") or "-", str(r.get("indicators") or 0), str(r.get("tasks") or 0))
    slow = Table(title="Slowest documents", title_justify="left")
    for col in ("document", "pages", "seconds", "s/page"):
        slow.add_column(col, justify="left" if col == "document" else "right")
    for r in sorted(done, key=lambda r: (-(r.get("seconds") or 0), r["document"]))[:10]:
        pages, secs = r.get("pages") or 0, r.get("seconds") or 0
        slow.add_row(Path(r["document"]).name, str(pages), f"{secs:.1f}", f"{secs / pages:.1f}" if pages else "-")
    review = Table(title="Words to review (confidence < 0.5)", title_justify="left")
    for col in ("document", "to review", "restored"):
        review.add_column(col, justify="left" if col == "document" else "right")
    for r in sorted((r for r in done if r.get("to_review")), key=lambda r: (-r["to_review"], r["document"]))[:10]:
        review.add_row(Path(r["document"]).name, str(r["to_review"]), str(r.get("corrected") or 0))
    parts += [most, slow] + ([review] if review.row_count else [])
    if s.failed:
        fail = Table(title=f"Failures ({len(s.failed)})", title_justify="left")
        for col in ("document", "stage", "reason"):
            fail.add_column(col, overflow="fold")
        for r in sorted(s.failed, key=lambda r: r["document"]):
            fail.add_row(r["document"], r.get("stage") or "-", r.get("error") or "-")
        parts.append(fail)
    return Group(*parts)


def print_report(outdir: Path, console: Console) -> Summary:
    console.print(render(outdir))
    return summarise(outdir)
