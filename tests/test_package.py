"""The distribution: one import package, no training code in the wheel, imports that stay inside
`vnresolve`, point one way, and form no cycle."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fixtures.paths import ROOT

RUNTIME = ("ingest", "diacritics", "parsers", "schemas", "pipeline", "archive", "review")
# what each stage may import of the others: data flows file -> pages -> restored text -> structure, and
# a stage never imports one after it (parsers read the place lists of diacritics, never the reverse)
ALLOWED = {"schemas": set(), "ingest": {"schemas"}, "diacritics": set(), "parsers": {"schemas", "diacritics"},
           "archive": {"schemas", "ingest"},  # the PDF/ALTO writers read the Document (and ingest's line joining)
           # the review reads a batch's outputs (its manifest, the Document, the archive words, pages
           # rendered as ingest renders them) and teaches the restorer's lexicon; the pipeline applies
           # the review where it reads a document
           "review": {"schemas", "archive", "pipeline", "diacritics", "ingest"},
           "pipeline": {"ingest", "diacritics", "parsers", "schemas", "archive", "review"}}


def _runtime_files() -> dict[str, Path]:
    files = {"vnresolve": ROOT / "__init__.py", "vnresolve.cli": ROOT / "cli.py"}
    for package in RUNTIME:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            files[".".join(("vnresolve",) + (parts[:-1] if parts[-1] == "__init__" else parts))] = path
    return files


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import, deferred ones included, `if TYPE_CHECKING:` blocks left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
                   for sub in node.body for n in ast.walk(sub)}
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((a.name, []) for a in node.names)
    return found


def test_runtime_code_imports_the_project_only_through_vnresolve():
    stray = {"ingest", "diacritics", "parsers", "schemas", "pipeline", "cli", "training", "benchmarks", "tests", "conftest"}
    bad = [(name, module) for name, path in _runtime_files().items() for module, _ in _imports(path)
           if module.split(".")[0] in stray]
    assert bad == []


def test_stages_never_import_the_pipeline_above_them():
    bad = []
    for name, path in _runtime_files().items():
        stage = name.split(".")[1] if name.count(".") else None
        if stage not in ALLOWED:
            continue
        for module, _ in _imports(path):
            parts = module.split(".")
            if parts[0] == "vnresolve" and len(parts) > 1 and parts[1] != stage and parts[1] not in ALLOWED[stage]:
                bad.append((name, module))
    assert bad == []


def test_no_import_cycle_between_runtime_modules():
    files = _runtime_files()
    graph = {}
    for name, path in files.items():
        deps = set()
        for module, names in _imports(path):
            if module in files:
                deps.update(f"{module}.{n}" if f"{module}.{n}" in files else module for n in names or [""])
        graph[name] = deps - {name}
    cycles, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for dep in sorted(graph[node]):
            if state.get(dep) == "open":
                cycles.append(trail[trail.index(dep):] + [dep] if dep in trail else [node, dep])
            elif dep not in state:
                visit(dep, trail + [dep])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


@pytest.mark.slow
def test_the_wheel_holds_only_the_vnresolve_package_and_no_training_code(tmp_path: Path):
    source = tmp_path / "src"  # built from a copy: setuptools leaves build/ and *.egg-info where it builds
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", "out"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(source)],
                   check=True, capture_output=True, cwd=tmp_path)
    [wheel] = tmp_path.glob("vnresolve-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names} == {"vnresolve", f"{wheel.name.split('-py3')[0]}.dist-info"}
    assert not [n for n in names if n.startswith(("vnresolve/training", "vnresolve/benchmarks", "vnresolve/tests"))]
    for shipped in ("vnresolve/cli.py", "vnresolve/__init__.py", "vnresolve/diacritics/model/lm.json",
                    "vnresolve/parsers/data/agencies.json", "vnresolve/schemas/document.schema.json",
                    "vnresolve/ingest/model/digits.npz"):
        assert shipped in names
    entry = zipfile.ZipFile(wheel).read(f"{wheel.name.split('-py3')[0]}.dist-info/entry_points.txt").decode()
    assert "vnresolve = vnresolve.cli:app" in entry
