"""Whether a written PDF may claim PDF/A-1b, 2b or 3b: pikepdf's PDF/A validator (pikepdf.pdfa,
an allowlist of veraPDF's rules for the B level) run on the bytes as written.

The validator approves a file only when every construct in it is one it knows to conform; what it
does not recognise is reported, so a refusal may be over-cautious but an approval is not (its own
words). veraPDF itself, a Java program from Maven Central, cannot be installed on this project's
machines (docs/archive.md).
"""

from __future__ import annotations

import io


def problems(data: bytes, part: str) -> list[str]:
    """Why the PDF in `data` cannot claim PDF/A-`part` ('1b', '2b', '3b'): the validator's
    findings, one line each (rule, where, what); empty when it passes."""
    import pikepdf.pdfa

    report = pikepdf.pdfa.validate_written(io.BytesIO(data), part)
    if report.verdict == "pass":
        return []
    return [str(finding) for finding in report.findings] or [f"the validator's verdict: {report.verdict}"]
