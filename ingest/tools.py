"""Probes for the external programs and libraries ingest runs, in one place.

Each wrapper (poppler.py, tesseract.py, tessapi.py) names its program and the Debian package that
provides it; this module finds the program, asks it for its version, parses the answer, caches it
for the process and builds the `MissingDependency` that tells a user what to install, in the
program's own words when it is there but fails.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass

from vnresolve.ingest.errors import MissingDependency

VERSION_TIMEOUT_S = 10
_VERSION = re.compile(r"(\d+(?:\.\d+)+)")


def parse_version(text: str) -> tuple[int, ...]:
    """The first dotted number in `text` ("tesseract 5.3.0\\n leptonica-1.82.0" -> (5, 3, 0)); () when none."""
    match = _VERSION.search(text)
    return tuple(int(p) for p in match.group(1).split(".")) if match else ()


def _words(output: bytes | str) -> str:
    """What a tool printed, trimmed to its last lines (the error comes last; the error message is one line)."""
    text = output.decode("utf-8", "replace") if isinstance(output, bytes) else output
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return " / ".join(lines[-3:])


@dataclass(frozen=True)
class Probe:
    """What one look at a tool found: where it is and its version, or why it cannot be used."""

    name: str
    package: str  # Debian package to install
    path: str | None = None
    raw: str = ""  # the version as the tool gave it
    version: tuple[int, ...] = ()
    problem: str = ""  # the tool's own words, or "not found on PATH"; "" when usable

    @classmethod
    def found(cls, name: str, package: str, path: str, raw: str) -> Probe:
        return cls(name, package, path=path, raw=raw.strip(), version=parse_version(raw))

    @classmethod
    def failed(cls, name: str, package: str, problem: str, path: str | None = None) -> Probe:
        return cls(name, package, path=path, problem=problem or "failed with no message")

    @property
    def available(self) -> bool:
        return not self.problem

    def require(self, minimum: tuple[int, ...] = ()) -> Probe:
        """This probe, or MissingDependency naming the tool, its words and the package to install."""
        problem = self.problem
        if not problem and minimum and self.version < minimum:
            problem = f"version {self.raw or '?'} is too old; need >= {'.'.join(map(str, minimum))}"
        if problem:
            raise MissingDependency(f"{self.name}: {problem} (Debian: apt-get install {self.package})",
                                    program=self.name, package=self.package)
        return self


@dataclass(frozen=True)
class Program:
    """An external program: its command, the Debian package that provides it, the flag that prints its version."""

    command: str
    package: str
    version_flag: str = "--version"

    def probe(self) -> Probe:
        return _probe(self)

    def require(self, minimum: tuple[int, ...] = ()) -> Probe:
        return self.probe().require(minimum)

    def available(self) -> bool:
        return self.probe().available

    def version(self) -> tuple[int, ...]:
        return self.require().version


@functools.cache
def _probe(program: Program) -> Probe:
    """Once per process and program: a version flag costs a process start (~10-20 ms)."""
    name, package = program.command, program.package
    path = shutil.which(program.command)
    if path is None:
        return Probe.failed(name, package, "not found on PATH")
    try:
        proc = subprocess.run([path, program.version_flag], capture_output=True, timeout=VERSION_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        return Probe.failed(name, package, f"`{program.version_flag}` gave no answer in {VERSION_TIMEOUT_S}s", path)
    except OSError as err:
        return Probe.failed(name, package, str(err), path)
    output = proc.stdout + proc.stderr  # poppler prints its version on stderr, tesseract on stdout
    if proc.returncode != 0:
        return Probe.failed(name, package, f"exit status {proc.returncode}: {_words(output)}", path)
    first = next((line for line in output.decode("utf-8", "replace").splitlines() if line.strip()), "")
    return Probe.found(name, package, path, first)


def forget() -> None:
    """Drop the cached probes (a test that changes PATH)."""
    _probe.cache_clear()
