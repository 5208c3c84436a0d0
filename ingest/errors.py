"""Errors a bad input raises; each carries a one-line reason for the batch report."""


class IngestError(Exception):
    """Base: the file cannot be turned into pages. `str(err)` is the user-facing reason."""

    code = "ingest-error"


class UnsupportedFile(IngestError):
    code = "unsupported-file"


class EmptyFile(IngestError):
    code = "empty-file"


class CorruptFile(IngestError):
    code = "corrupt-file"


class EncryptedFile(IngestError):
    code = "encrypted-file"


class UnknownEncoding(IngestError):
    code = "unknown-encoding"


class OcrError(IngestError):
    code = "ocr-error"
