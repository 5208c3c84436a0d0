"""Errors a bad input raises; each carries a one-line reason for the batch report.

Subclasses refine the base codes so a batch report can group failures
(`truncated-pdf` vs `not-a-pdf`) while callers that only know the base classes
keep working.
"""


class IngestError(Exception):
    """Base: the file cannot be turned into pages. `str(err)` is the user-facing reason."""

    code = "ingest-error"

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))  # always one line


class UnsupportedFile(IngestError):
    code = "unsupported-file"


class EmptyFile(IngestError):
    code = "empty-file"


class NoPages(EmptyFile):
    """A structurally valid PDF with a page count of zero."""

    code = "no-pages"


class CorruptFile(IngestError):
    code = "corrupt-file"


class NotAPdf(CorruptFile):
    """Named .pdf, but the bytes are neither a PDF nor an image we can sniff."""

    code = "not-a-pdf"


class TruncatedFile(CorruptFile):
    """The file ends early (no %%EOF / cut image data): an interrupted download or copy."""

    code = "truncated-file"


class UnreadableImage(CorruptFile):
    code = "unreadable-image"


class ImageTooLarge(IngestError):
    """Pixel count beyond what a scanned page can be: a decompression bomb or a mistake."""

    code = "image-too-large"


class TempSpaceFull(IngestError):
    """The temp folder ($TMPDIR) filled up while a page was written there: the input is not to blame."""

    code = "no-temp-space"

    def __init__(self, folder: str | None = None):
        import tempfile

        super().__init__(f"no space left in the temp folder {folder or tempfile.gettempdir()} "
                         "(free some, or set TMPDIR to a folder with room); the file itself may be fine")

    def __reduce__(self):  # page workers send it back pickled; the default would pass the message as the folder
        return type(self), ()


def temp_space_left(folder: str) -> bool:
    """Whether `folder` still has room for a page image (a few MB)."""
    import shutil

    try:
        return shutil.disk_usage(folder).free > 8 << 20
    except OSError:
        return True


class EncryptedFile(IngestError):
    code = "encrypted-file"


class UnknownEncoding(IngestError):
    code = "unknown-encoding"


class OcrError(IngestError):
    code = "ocr-error"


class OcrTimeout(OcrError):
    code = "ocr-timeout"


class MissingDependency(OcrError):
    """A required external program or language pack is not installed (ingest/tools.py builds these)."""

    code = "missing-dependency"

    def __init__(self, message: str, program: str | None = None, package: str | None = None):
        super().__init__(message)
        self.program, self.package = program, package  # the missing tool and the Debian package providing it

    def __reduce__(self):  # page workers send it back pickled; the default would drop program and package
        return type(self), (self.args[0], self.program, self.package)
