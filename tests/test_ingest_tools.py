"""The external programs behind ingest (ingest/tools.py and its wrappers), with the real programs.

A probe reports the version the program itself prints; a program that is missing or broken gives
MissingDependency naming it and the Debian package, in its own words; Tesseract stays single-threaded
without the import of a module changing the environment.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vnresolve.ingest import poppler, tessapi, tesseract, tools
from vnresolve.ingest.errors import MissingDependency, OcrError

ROOT = Path(__file__).resolve().parent.parent


def needs(program: str):
    return pytest.mark.skipif(shutil.which(program) is None, reason=f"{program} not installed")


def own_version(cmd: list[str], pattern: str) -> tuple[int, ...]:
    """The version as the program prints it, read independently of tools.parse_version."""
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    match = re.search(pattern, proc.stdout + proc.stderr, re.MULTILINE)
    assert match, proc.stdout + proc.stderr
    return tuple(int(p) for p in match.group(1).split("."))


def run_python(code: str, env: dict[str, str]) -> dict:
    """Run `code` in a fresh interpreter (cwd: the repository) and return the JSON it prints last."""
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bare_env(path: Path) -> dict[str, str]:
    """This environment with PATH set to `path` alone and OMP_THREAD_LIMIT unset."""
    env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    env["PATH"] = str(path)
    return env


def tiny_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(200, 100), invariant=1)
    c.drawString(20, 50, "Trang 1")
    c.save()
    return path


# ---------------------------------------------------------------- versions


@needs("tesseract")
def test_tesseract_probe_reports_the_installed_version():
    probe = tesseract.program().require()
    assert probe.version == own_version(["tesseract", "--version"], r"^tesseract v?(\d+(?:\.\d+)+)")
    assert probe.package == "tesseract-ocr" and probe.path == shutil.which("tesseract")
    assert tesseract.version() >= tesseract.MIN_VERSION
    assert tesseract.program().probe() is probe  # cached: asked once per process


@needs("tesseract")
@pytest.mark.skipif(not tessapi.available(), reason="libtesseract not loadable")
def test_libtesseract_probe_reports_the_library_the_program_uses():
    probe = tessapi.probe().require()
    assert probe.available and probe.package == "libtesseract5"
    assert probe.version == own_version(["tesseract", "--version"], r"^tesseract v?(\d+(?:\.\d+)+)")


@needs("pdftoppm")
@needs("pdfinfo")
def test_poppler_probes_report_the_installed_versions():
    for program in (poppler.PDFTOPPM, poppler.PDFINFO):
        name = program.command
        assert program.version() == own_version([name, "-v"], rf"^{name} version (\d+(?:\.\d+)+)")
        assert program.available() and program.require().package == "poppler-utils"


def test_version_numbers_are_parsed_from_what_tools_print():
    assert tools.parse_version("tesseract 5.3.0\n leptonica-1.82.0") == (5, 3, 0)
    assert tools.parse_version("tesseract v5.0.0-alpha-20201231") == (5, 0, 0)
    assert tools.parse_version("pdftoppm version 22.12.0") == (22, 12, 0)
    assert tools.parse_version("no number here") == ()


def test_too_old_a_version_is_a_missing_dependency():
    old = tools.Probe.found("tesseract", "tesseract-ocr", "/usr/bin/tesseract", "tesseract 3.05.02")
    with pytest.raises(MissingDependency, match=r"tesseract: version tesseract 3\.05\.02 is too old; need >= 4\.1 .*tesseract-ocr"):
        old.require(tesseract.MIN_VERSION)


# ---------------------------------------------------------------- missing and broken programs


def test_a_program_not_on_path_is_named_with_its_package():
    program = tools.Program("vnresolve-no-such-program", "vnresolve-no-such-package")
    probe = program.probe()  # a probe answers; only require raises
    assert not probe.available and probe.problem == "not found on PATH"
    assert not program.available()
    with pytest.raises(MissingDependency) as info:
        program.version()
    err = info.value
    assert str(err) == "vnresolve-no-such-program: not found on PATH (Debian: apt-get install vnresolve-no-such-package)"
    assert (err.program, err.package, err.code) == ("vnresolve-no-such-program", "vnresolve-no-such-package", "missing-dependency")
    back = pickle.loads(pickle.dumps(err))  # as a page worker sends it back
    assert (type(back), str(back), back.program, back.package) == (MissingDependency, str(err), err.program, err.package)


def test_a_broken_program_is_reported_in_its_own_words(tmp_path):
    fake = tmp_path / "pdftoppm"
    fake.write_text("#!/bin/sh\necho 'pdftoppm: error while loading shared libraries: libpoppler.so.126: "
                    "cannot open shared object file: No such file or directory' >&2\nexit 127\n")
    fake.chmod(0o755)
    probe = tools.Program(str(fake), "poppler-utils", "-v").probe()
    assert not probe.available
    with pytest.raises(MissingDependency) as info:
        probe.require()
    assert "exit status 127" in str(info.value)
    assert "libpoppler.so.126: cannot open shared object file" in str(info.value)
    assert str(info.value).endswith("(Debian: apt-get install poppler-utils)")


def test_every_program_missing_from_path_names_itself_and_its_package(tmp_path):
    """Each wrapper's probe in a process whose PATH holds nothing."""
    code = """if True:
        import json
        from vnresolve.ingest import poppler, tesseract
        from vnresolve.ingest.errors import MissingDependency
        out = {}
        for program in (poppler.PDFTOPPM, poppler.PDFINFO, tesseract.program()):
            try:
                program.require()
                out[program.command] = None
            except MissingDependency as err:
                out[program.command] = [str(err), err.program, err.package]
        try:
            tesseract.version()
        except MissingDependency as err:
            out["version()"] = [str(err), err.program, err.package]
        print(json.dumps(out))
    """
    out = run_python(code, bare_env(tmp_path))
    for name, package in (("pdftoppm", "poppler-utils"), ("pdfinfo", "poppler-utils"), ("tesseract", "tesseract-ocr")):
        assert out[name] == [f"{name}: not found on PATH (Debian: apt-get install {package})", name, package]
    assert out["version()"] == out["tesseract"]  # the library alone does not do: OSD and language lists run the program


@needs("pdftoppm")
def test_rasterizing_without_pdftoppm_is_a_missing_dependency(tmp_path):
    pdf = tiny_pdf(tmp_path / "one.pdf")
    assert poppler.rasterize_page(pdf, 1, 72).size == (200, 100)  # with it: the page
    empty = tmp_path / "bin"
    empty.mkdir()
    code = f"""if True:
        import json
        from pathlib import Path
        from vnresolve.ingest import poppler
        out = {{}}
        for name, call in (("rasterize_page", lambda: poppler.rasterize_page(Path({str(pdf)!r}), 1, 72)),
                           ("page_count", lambda: poppler.page_count(Path({str(pdf)!r})))):
            try:
                call()
                out[name] = None
            except Exception as err:
                out[name] = [type(err).__name__, str(err), getattr(err, "program", None), getattr(err, "package", None)]
        print(json.dumps(out))
    """
    out = run_python(code, bare_env(empty))
    assert out["rasterize_page"] == ["MissingDependency", "pdftoppm: not found on PATH (Debian: apt-get install poppler-utils)",
                                     "pdftoppm", "poppler-utils"]
    assert out["page_count"] == ["MissingDependency", "pdfinfo: not found on PATH (Debian: apt-get install poppler-utils)",
                                 "pdfinfo", "poppler-utils"]


# ---------------------------------------------------------------- OMP_THREAD_LIMIT


def test_importing_the_wrappers_leaves_the_environment_alone():
    code = """if True:
        import json, os
        before = dict(os.environ)
        import vnresolve.ingest.tesseract, vnresolve.ingest.tessapi, vnresolve.ingest.poppler
        changed = sorted(k for k in {*before, *os.environ} if before.get(k) != os.environ.get(k))
        import vnresolve.ingest.ocr  # OpenCV's import sets LD_LIBRARY_PATH (its own business): only ours here
        print(json.dumps({"changed": changed, "omp": os.environ.get("OMP_THREAD_LIMIT")}))
    """
    env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    assert run_python(code, env) == {"changed": [], "omp": None}


@pytest.mark.skipif(not tessapi.available(), reason="libtesseract not loadable")
def test_libtesseract_is_loaded_single_threaded():
    """The limit is in place before libgomp reads it (once, as libtesseract loads it)."""
    code = """if True:
        import ctypes, json, os
        from vnresolve.ingest import tesseract
        tesseract.check_language("vie")
        try:
            limit = ctypes.CDLL("libgomp.so.1", mode=os.RTLD_NOLOAD).omp_get_thread_limit()
        except OSError:
            limit = None  # a Tesseract built without OpenMP
        print(json.dumps({"env": os.environ.get("OMP_THREAD_LIMIT"), "omp": limit}))
    """
    env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    out = run_python(code, env)
    assert out["env"] == "1"
    assert out["omp"] in (1, None)


@needs("tesseract")
def test_the_tesseract_program_runs_single_threaded(tmp_path):
    """Through the program (no libtesseract): the OCR call's own environment carries the limit."""
    log = tmp_path / "calls.log"
    wrapper = tmp_path / "tesseract"
    wrapper.write_text(f'#!/bin/sh\necho "${{OMP_THREAD_LIMIT:-unset}} $*" >> {log}\nexec {shutil.which("tesseract")} "$@"\n')
    wrapper.chmod(0o755)
    code = f"""if True:
        import json, pytesseract
        from PIL import Image
        from vnresolve.ingest import tesseract
        pytesseract.pytesseract.tesseract_cmd = {str(wrapper)!r}
        tesseract.image_data(Image.new("L", (300, 80), 255), dpi=200)
        print(json.dumps({{}}))
    """
    env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    run_python(code, {**env, "VNRESOLVE_TESSERACT_CLI": "1"})
    calls = log.read_text().splitlines()
    ocr = [line for line in calls if "--version" not in line and "--list-langs" not in line]
    assert ocr and all(line.startswith("1 ") for line in ocr), calls


# ---------------------------------------------------------------- layout out of the wrapper


def test_layout_helpers_live_in_layout_and_the_text_layer_needs_no_tesseract():
    from vnresolve.ingest import layout

    for name in ("group_words", "split_columns", "make_line", "is_junk", "ocr_lines", "ocr_regions"):
        assert not hasattr(tesseract, name), name
    assert all(callable(getattr(layout, n)) for n in ("group_words", "split_columns", "make_line", "is_junk"))
    assert layout.group_words({}) == []  # regions_data of no regions
    code = "import json, sys\nimport vnresolve.ingest.textlayer\nprint(json.dumps({'pytesseract': 'pytesseract' in sys.modules}))"
    assert run_python(code, dict(os.environ)) == {"pytesseract": False}


def test_a_missing_dependency_is_still_an_ocr_error():
    assert issubclass(MissingDependency, OcrError)  # callers that catch OcrError keep working
